// Whether a token may leave the extension, as data: the setting, the grants remembered for the window and the
// request shape decide allow / deny / ask; the modal's answers; its words; the denial's error.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  consentAnswerOf, consentText, CONSENT_CHOICES, decideRelease, isTokenReleaseDenied, outcomeOfConsent, parseTokenReleaseSetting,
  releaseLogLine, releaseShapeKey, TokenReleaseDeniedError, type ReleaseShape, type TokenReleaseSetting,
} from "../../src/core/tokenRelease";

const TENANT = "6f1c4a2e-8b3d-4e5f-9a7b-1c2d3e4f5a6b";
const CLIENT = "5a1d7c3e-2b9f-4e61-8d04-7f3c2a9b1e65";
const shape: ReleaseShape = {
  credential: "interactiveBrowser", cloud: "AzurePublic", authorityHost: "https://login.microsoftonline.com",
  tenant: TENANT, clientId: CLIENT, scopes: ["https://graph.microsoft.com/User.Read", "https://graph.microsoft.com/Mail.Read"],
};

test("the setting: ask, allow and deny are read as such; anything else is the safe default, ask", () => {
  for (const v of ["ask", "allow", "deny"] as const) assert.equal(parseTokenReleaseSetting(v), v);
  for (const v of [undefined, null, "", "Allow", "yes", true, 1, ["allow"], { allow: true }]) assert.equal(parseTokenReleaseSetting(v), "ask", JSON.stringify(v));
});

test("decision table: setting × remembered grant → allow / deny / ask", () => {
  const granted = new Set([releaseShapeKey(shape)]);
  const none = new Set<string>();
  const table: [TokenReleaseSetting, ReadonlySet<string>, string][] = [
    ["ask", none, "ask"],
    ["ask", granted, "allow"],
    ["allow", none, "allow"],
    ["allow", granted, "allow"],
    ["deny", none, "deny"],
    ["deny", granted, "deny"], // the setting wins over what the user allowed for the window
  ];
  for (const [setting, grants, expected] of table) assert.equal(decideRelease(setting, grants, shape), expected, `${setting} with ${grants.size} grant(s)`);
});

test("a grant covers exactly its request shape: kind, cloud, authority, tenant, client and scopes", () => {
  const granted = new Set([releaseShapeKey(shape)]);
  const same: ReleaseShape[] = [
    { ...shape, tenant: TENANT.toUpperCase(), clientId: ` ${CLIENT.toUpperCase()} ` },
    { ...shape, authorityHost: "HTTPS://login.microsoftonline.com/" },
    { ...shape, scopes: [...shape.scopes].reverse() },
    { ...shape, scopes: [...shape.scopes, shape.scopes[0]] },
  ];
  for (const s of same) assert.equal(decideRelease("ask", granted, s), "allow", JSON.stringify(s));
  const other: ReleaseShape[] = [
    { ...shape, credential: "deviceCode" },
    { ...shape, cloud: "AzureUSGovernment" },
    { ...shape, cloud: "Custom", authorityHost: "https://login.contoso-stack.example" },
    { ...shape, authorityHost: "https://login.contoso-stack.example" },
    { ...shape, tenant: "contoso.onmicrosoft.com" },
    { ...shape, clientId: undefined },
    { ...shape, clientId: "04b07795-8ddb-461a-bbee-02f9e1bf7b46" },
    { ...shape, scopes: ["https://graph.microsoft.com/User.Read"] },
    { ...shape, scopes: [...shape.scopes, "https://graph.microsoft.com/Files.Read"] },
    { ...shape, scopes: ["https://graph.microsoft.com/.default"] },
  ];
  for (const s of other) assert.equal(decideRelease("ask", granted, s), "ask", JSON.stringify(s));
});

test("the modal's answers: once releases, for this window releases and remembers, Deny or closing releases nothing", () => {
  assert.deepEqual(outcomeOfConsent("once"), { release: true, remember: false });
  assert.deepEqual(outcomeOfConsent("window"), { release: true, remember: true });
  assert.deepEqual(outcomeOfConsent("deny"), { release: false, remember: false });
  assert.deepEqual(outcomeOfConsent(undefined), { release: false, remember: false });
  assert.equal(consentAnswerOf(CONSENT_CHOICES.once), "once");
  assert.equal(consentAnswerOf(CONSENT_CHOICES.window), "window");
  assert.equal(consentAnswerOf(CONSENT_CHOICES.deny), "deny");
  assert.equal(consentAnswerOf(undefined), undefined);
  assert.equal(consentAnswerOf("Cancel"), undefined);
});

test("the modal says a program asked, and names tenant, client, audience, scopes and sign-in kind", () => {
  const { message, detail } = consentText(shape);
  assert.match(message, /program asked/);
  assert.match(detail, new RegExp(`Tenant: ${TENANT}`));
  assert.match(detail, new RegExp(`Client: ${CLIENT}`));
  assert.match(detail, /Audience: https:\/\/graph\.microsoft\.com\n/);
  assert.match(detail, /Scopes: https:\/\/graph\.microsoft\.com\/User\.Read https:\/\/graph\.microsoft\.com\/Mail\.Read/);
  assert.match(detail, /Sign-in: Browser sign-in/);
  assert.match(detail, /azureToken\.tokenRelease/);
  // A CLI kind with no tenant or client: the modal says what is used instead.
  const cli = consentText({ credential: "azureCli", cloud: "Custom", authorityHost: "https://127.0.0.2:8443", tenant: "", scopes: ["https://management.azure.com/.default"] });
  assert.match(cli.detail, /Tenant: none given \(the tenant of your 'az login'\)/);
  assert.match(cli.detail, /Client: none given/);
  assert.match(cli.detail, /Audience: https:\/\/management\.azure\.com\n/);
  assert.match(cli.detail, /Sign-in: Azure CLI/);
  assert.match(cli.detail, /Cloud: Custom authority host\nAuthority: https:\/\/127\.0\.0\.2:8443/);
  assert.match(detail, /Cloud: Azure \(global\)\nAuthority: https:\/\/login\.microsoftonline\.com/);
});

test("the log line says a token was released, when and for which audience, never a token", () => {
  const line = releaseLogLine(shape, "once", Date.UTC(2030, 0, 2, 3, 4, 5));
  assert.match(line, /^token released to a caller at 2030-01-02T03:04:05\.000Z: audience https:\/\/graph\.microsoft\.com,/);
  assert.match(line, /allowed once/);
  assert.match(releaseLogLine(shape, "setting", 0), /azureToken\.tokenRelease is "allow"/);
  assert.match(releaseLogLine(shape, "remembered", 0), /allowed earlier for this window/);
});

test("a denial names the setting, and is recognised by name (the auth bundle has its own copy of core)", () => {
  for (const by of ["setting", "user"] as const) {
    const e = new TokenReleaseDeniedError(by);
    assert.equal(e.name, "TokenReleaseDeniedError");
    assert.match(e.message, /denied/);
    assert.match(e.message, /setting azureToken\.tokenRelease/);
    assert.equal(isTokenReleaseDenied(e), true);
  }
  assert.equal(isTokenReleaseDenied(Object.assign(new Error("x"), { name: "TokenReleaseDeniedError" })), true);
  assert.equal(isTokenReleaseDenied(new Error("denied")), false);
  assert.equal(isTokenReleaseDenied(undefined), false);
});

// ---------------------------------------------------------------------------------------------------------------
// The gate: the setting read at each call, the modal injected, the window's grants.

import { TokenReleaseGate } from "../../src/core/tokenRelease";
import type { TokenRequest } from "../../src/core/tokenRequest";

const request: TokenRequest = { ...shape, disableInstanceDiscovery: false, loginHint: "alice@contoso.test", secretKey: "azureToken.secret.x" };

function gateWith(setting: TokenReleaseSetting, answers: (string | undefined | Error)[]) {
  const state = { setting, asked: [] as { message: string; detail: string }[], lines: [] as string[], warnings: [] as string[] };
  const gate = new TokenReleaseGate({
    setting: () => state.setting,
    ask: async (message, detail) => {
      state.asked.push({ message, detail });
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return next;
    },
    log: { info: (m) => state.lines.push(m), warn: (m) => state.warnings.push(m) },
    now: () => Date.UTC(2030, 0, 1),
  });
  return { gate, state };
}

const denied = (by: "setting" | "user") => (e: unknown) => isTokenReleaseDenied(e) && (e as TokenReleaseDeniedError).by === by;

test("gate, allow: no question; the release is logged only once the token actually leaves", async () => {
  const { gate, state } = gateWith("allow", []);
  gate.precheck();
  const released = await gate.approve(request);
  assert.equal(state.asked.length, 0);
  assert.equal(state.lines.length, 0, "nothing logged before the token leaves");
  released();
  assert.equal(state.lines.length, 1);
  assert.match(state.lines[0], /^token released to a caller at 2030-01-01T00:00:00\.000Z: audience https:\/\/graph\.microsoft\.com,.*"allow"/);
});

test("gate, deny: refused before anything is asked (precheck), and again at approval, whatever was allowed before", async () => {
  const { gate, state } = gateWith("ask", [CONSENT_CHOICES.window]);
  (await gate.approve(request))();
  state.setting = "deny";
  assert.throws(() => gate.precheck(), denied("setting"));
  await assert.rejects(gate.approve(request), denied("setting"));
  assert.equal(state.asked.length, 1, "no question under deny");
  assert.ok(state.lines.filter((l) => /denied: setting azureToken\.tokenRelease is "deny"/.test(l)).length === 2, state.lines.join("\n"));
});

test("gate, ask: Allow once asks again next time; Allow for this window does not, for the same shape only; forget() drops it", async () => {
  const { gate, state } = gateWith("ask", [CONSENT_CHOICES.once, CONSENT_CHOICES.window, CONSENT_CHOICES.once, CONSENT_CHOICES.once]);
  gate.precheck();
  (await gate.approve(request))();
  assert.equal(state.asked.length, 1);
  assert.match(state.asked[0].message, /program asked/);
  assert.match(state.asked[0].detail, /Audience: https:\/\/graph\.microsoft\.com/);
  (await gate.approve(request))();
  assert.equal(state.asked.length, 2, "once means once");
  (await gate.approve({ ...request, loginHint: "bob@contoso.test" }))();
  assert.equal(state.asked.length, 2, "remembered for the shape (the login hint is not part of it)");
  (await gate.approve({ ...request, scopes: ["https://management.azure.com/.default"] }))();
  assert.equal(state.asked.length, 3, "another shape asks");
  gate.forget();
  (await gate.approve(request))();
  assert.equal(state.asked.length, 4, "Clear Tokens forgets the grants");
  assert.deepEqual(state.lines.map((l) => /\(([^)]*)\)$/.exec(l)?.[1]), ["allowed once", "allowed for this window", "allowed earlier for this window", "allowed once", "allowed once"]);
});

test("gate, ask: Deny, closing the modal and a modal that cannot be shown all deny; nothing is remembered", async () => {
  const { gate, state } = gateWith("ask", [CONSENT_CHOICES.deny, undefined, "Cancel", new Error("DialogService: refused to show dialog in tests. Contents: A program asked…"), CONSENT_CHOICES.once]);
  for (let i = 0; i < 4; i++) await assert.rejects(gate.approve(request), denied("user"));
  assert.equal(state.warnings.length, 1);
  assert.match(state.warnings[0], /consent dialog could not be shown \(DialogService: refused to show dialog in tests/);
  assert.ok(!state.lines.some((l) => l.startsWith("token released")), "no release logged");
  (await gate.approve(request))();
  assert.equal(state.asked.length, 5, "a denial is not remembered: the next call asks again");
});
