// The secrets' lifecycle inside the real extension host: the real commands (Get Azure Token from the palette, Manage
// Profiles, Delete Profile, Clear Tokens, Forget Stored Secrets) with the real ClientSecretCredential against the local
// Entra ID and VS Code's real SecretStorage. The prompts are answered by a script (scriptedUi.ts). After every flow —
// declined, offered again, failed, saved, rotated (AADSTS7000215 then a new secret), expired (7000222), deleted,
// forget-all — the SecretStorage keys are listed and compared: no key that no saved profile owns (an orphan), the
// index equal to what is stored, and no stale value.
import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as vscode from "vscode";
import type { AzureTokenApi, SecretsForTests } from "../../src/extension";
import { FakeEntraControl } from "../fake-entra/control";
import { TENANT } from "../fake-entra/sandbox";
import { EXTENSION_ID } from "./extensionId";
import { ScriptedUi } from "./scriptedUi";

interface EntraInfo { url: string; caPath: string; tenantId: string; confidentialClientId: string; confidentialClientSecret: string }
const info = JSON.parse(process.env.FAKE_ENTRA_INFO ?? "null") as EntraInfo;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const SCOPE = "https://graph.microsoft.com/.default";
const PROFILE = "Secrets lifecycle";

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite("Secrets' lifecycle (real commands, ClientSecretCredential and SecretStorage)", () => {
  let testing: NonNullable<AzureTokenApi["testing"]>;
  let control: FakeEntraControl;
  let ui: ScriptedUi;
  const rotated = `rotated-${Date.now()}-secret`;

  /** The palette run's answers for the confidential app in `tenant`; `secret` for the secret step, `use` for the offer. */
  const paletteAnswers = (tenant: string, choice: "Use the" | "Enter a new" | undefined, secret: string | undefined): [RegExp, string | undefined][] => [
    [/How to Sign In/, "Client secret"], [/: Tenant/, tenant], [/: Client ID/, info.confidentialClientId],
    ...(choice ? [[/Secret to Use/, choice] as [RegExp, string]] : []), [/: Client Secret/, secret], [/: Scopes/, SCOPE],
  ];

  /** Lists the secrets once a flow has settled: no orphan, and the index is exactly what is stored. */
  async function listing(): Promise<SecretsForTests> {
    const s = await testing.secrets();
    const storedKeys = s.stored.map((x) => x.key).sort();
    for (const key of storedKeys) assert.ok(s.owned.includes(key), `orphan: ${key} is in SecretStorage but no saved profile owns it`);
    assert.deepEqual([...s.indexed].sort(), storedKeys, "the index lists exactly what is stored");
    return s;
  }
  /** Waits until a flow that finishes after its command (a message's button) has settled, then lists. */
  async function settled(what: string, done: (s: SecretsForTests) => boolean): Promise<SecretsForTests> {
    await until(what, async () => done(await testing.secrets()));
    return listing();
  }
  /** Runs a command; a prompt left waiting fails the test with what was shown, instead of a bare mocha timeout. */
  async function run(command: string, ...args: unknown[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${command} did not finish; prompts so far:\n${ui.describe()}`)), 60_000);
    });
    try {
      await Promise.race([vscode.commands.executeCommand(command, ...args), stuck]);
    } finally {
      clearTimeout(timer);
    }
  }
  const storedValue = (s: SecretsForTests, key: string) => s.stored.find((x) => x.key === key)?.sha256;
  const shownTitles = () => ui.seen.map((p) => p.text);
  const errorOffered = () => ui.seen.find((p) => p.kind === "message" && /AADSTS70002(15|22)/.test(p.text));

  suiteSetup(async () => {
    testing = (await vscode.extensions.getExtension<AzureTokenApi>(EXTENSION_ID)!.activate()).testing!;
    control = new FakeEntraControl(info.url, info.caPath);
    ui = new ScriptedUi();
    ui.script([[/Forget every stored/, "Forget"]]);
    await run("azureToken.forgetSecrets");
  });
  suiteTeardown(async () => {
    ui.dispose();
    await control.configure({ clientSecrets: null, failNext: null });
  });

  test("declined, offered again, failed, saved, rotated, expired, deleted, forgotten: never an orphan or a stale value", async function () {
    this.timeout(240_000);
    const held0 = testing.heldTokens().length;

    // Declined: the sign-in works, Save as Profile is not chosen. The secret is held in memory only.
    ui.script([...paletteAnswers(info.tenantId, undefined, info.confidentialClientSecret), [/got a token/, undefined]]);
    await run("azureToken.getToken");
    assert.equal(testing.heldTokens().length, held0 + 1, "signed in");
    let s = await listing();
    assert.deepEqual(s.stored, [], "declined: nothing in SecretStorage");
    assert.equal(s.held.length, 1, "held for this window");
    const key = s.held[0].key;
    assert.equal(s.held[0].sha256, sha256(info.confidentialClientSecret));

    // The same tenant and client again: the known secret is offered, not reused silently.
    ui.script([...paletteAnswers(info.tenantId, "Use the", undefined), [/got a token/, undefined]]);
    await run("azureToken.getToken");
    assert.ok(shownTitles().some((t) => /Secret to Use/.test(t)), `the secret step offered the known secret (${shownTitles().join(" | ")})`);
    assert.ok(!shownTitles().some((t) => /: Client Secret/.test(t)), "using it asks for no secret");
    assert.equal(testing.heldTokens().length, held0 + 2);

    // Failed: a new, wrong secret. Entra refuses it (AADSTS7000215); nothing is stored and the held secret is unchanged.
    ui.script([...paletteAnswers(info.tenantId, "Enter a new", `wrong-${Date.now()}-secret`), [/AADSTS7000215/, undefined]]);
    await run("azureToken.getToken");
    assert.ok(errorOffered()?.buttons?.includes("Enter a new secret"), "the refusal offers Enter a new secret");
    s = await listing();
    assert.deepEqual(s.stored, []);
    assert.deepEqual(s.held.map((h) => [h.key, h.sha256]), [[key, sha256(info.confidentialClientSecret)]], "the failed secret is not held");

    // Saved: Save as Profile moves the held secret to SecretStorage.
    ui.script([...paletteAnswers(info.tenantId, "Use the", undefined), [/got a token/, "Save as Profile…"], [/Save as Profile/, PROFILE]]);
    await run("azureToken.getToken");
    s = await settled("the saved profile's secret in SecretStorage", (now) => now.stored.length === 1);
    assert.deepEqual(s.owned, [key]);
    assert.equal(storedValue(s, key), sha256(info.confidentialClientSecret));
    assert.deepEqual(s.held, [], "no longer held in memory");

    // Rotated: Entra now accepts only a new secret. The profile's run is refused with AADSTS7000215; "Enter a new
    // secret" asks for it and signs in again; the new value replaces the stored one.
    await control.configure({ clientSecrets: [rotated] });
    await run("azureToken.clearTokens");
    ui.script([[/Saved Profiles/, PROFILE], [/AADSTS7000215/, "Enter a new secret"], [/New Client Secret/, rotated], [/got a token/, undefined]]);
    await run("azureToken.manageProfiles");
    assert.ok(!shownTitles().some((t) => /Secret to Use|: Client Secret/.test(t)), "a profile run uses its own stored secret without asking");
    await settled("the rotated secret stored", (now) => storedValue(now, key) === sha256(rotated));
    assert.equal(testing.heldTokens().length, 1, "the retry signed in (Clear Tokens emptied the window before)");

    // Expired (AADSTS7000222): the refusal offers a new secret too; dismissed, the stored secret stays as it was.
    await control.configure({ failNext: { aadsts: 7000222 } });
    await run("azureToken.clearTokens");
    ui.script([[/Saved Profiles/, PROFILE], [/AADSTS7000222/, undefined]]);
    await run("azureToken.manageProfiles");
    await until("the expired secret's message", async () => errorOffered());
    assert.ok(errorOffered()?.buttons?.includes("Enter a new secret"));
    assert.equal(storedValue(await listing(), key), sha256(rotated));

    // Deleted: the profile's secret leaves SecretStorage with its last profile.
    await run("azureToken.deleteProfile", { profile: PROFILE });
    s = await listing();
    assert.deepEqual(s.stored, []);
    assert.deepEqual(s.owned, []);

    // Forget all: a saved profile's secret and one held for another tenant spelling are both forgotten; the profile
    // stays and asks for its secret on the next run.
    ui.script([...paletteAnswers(info.tenantId, undefined, rotated), [/got a token/, "Save as Profile…"], [/Save as Profile/, PROFILE]]);
    await run("azureToken.getToken");
    await settled("the profile saved again", (now) => now.stored.length === 1);
    ui.script([...paletteAnswers(TENANT.domain, undefined, rotated), [/got a token/, undefined]]);
    await run("azureToken.getToken");
    s = await listing();
    assert.equal(s.stored.length, 1);
    assert.equal(s.held.length, 1, "a second app/tenant key held in memory");
    ui.script([[/Saved Profiles/, "Forget stored secrets"], [/Forget every stored/, "Forget"], [/forgot 2 stored secrets/, undefined]]);
    await run("azureToken.manageProfiles");
    assert.ok(ui.seen.some((p) => /forgot 2 stored secrets/.test(p.text)), `Forget reported what it removed (${shownTitles().join(" | ")})`);
    s = await listing();
    assert.deepEqual(s.stored, []);
    assert.deepEqual(s.held, []);
    assert.deepEqual(s.owned, [key], "the profile stays");

    ui.script([[/Saved Profiles/, PROFILE], [/: Client Secret/, rotated], [/got a token/, undefined]]);
    await run("azureToken.manageProfiles");
    assert.ok(shownTitles().some((t) => /: Client Secret/.test(t)), "the profile asks for its secret after Forget");
    await settled("the profile's secret stored again", (now) => storedValue(now, key) === sha256(rotated));

    // Clean up for later tests: no profile, no secret.
    await run("azureToken.deleteProfile", { profile: PROFILE });
    s = await listing();
    assert.deepEqual(s.stored, []);
  });
});
