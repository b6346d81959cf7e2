// Faults survived, nothing lost: the real commands (Get Azure Token with arguments, Get Fresh Token) with the real
// @azure/identity credentials, against the local Entra ID with a fault injected, for browser sign-in, device code,
// client secret and a silent refresh. Each row checks the message the user is shown (the command runner's text, what
// happened and what to do), that it comes within the row's time limit, that saved profiles, recents, held tokens and
// settings are the same before and after, and that the same request works once the fault is gone.
// docs/testing.md ("Faults survived") lists each fault and the rows that prove it.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { secretKeyFor } from "../../src/auth/secretStore";
import { draftDestination, type GetTokenArgs, type ProfileDraft } from "../../src/core/getTokenPlan";
import type { AzureTokenApi, ExtensionTesting } from "../../src/extension";
import { FakeEntraControl } from "../fake-entra/control";
import type { FakeEntraConfig, FailNext } from "../fake-entra/config";
import { APPS, RESOURCES, TENANT, USERS } from "../fake-entra/sandbox";
import { EXTENSION_ID } from "./extensionId";

type Flow = "browser sign-in" | "device code" | "client secret" | "silent refresh";
type FaultName = "HTTP 500" | "503 with Retry-After" | "429 with Retry-After" | "slower than the cancel" | "invalid JSON" | "untrusted TLS certificate"
  | "connection reset" | "discovery document 404";

interface Fault {
  name: FaultName;
  /** The fault for the acquisition flows (token endpoint unless it says otherwise). */
  config: Partial<FakeEntraConfig>;
  /** What the user is shown; undefined: nothing (a cancel is silent). */
  message?: RegExp;
  /** The progress says this while the library waits out Entra's Retry-After. */
  progress?: RegExp;
  /** Cancel the progress this long after it starts (the user's cancel). */
  cancelAfterMs?: number;
  /** The row's limit, from the command's start to its end: its cancel, or the library's own retries. */
  withinMs: number;
  /** A silent refresh reads no discovery document (the credential has it already): the fault cannot reach it. */
  notForRefresh?: boolean;
}

const HOST = "127\\.0\\.0\\.2:\\d+";
const MANY = 1000;
const FAULTS: Fault[] = [
  { name: "HTTP 500", config: { failNext: { status: 500, count: MANY } }, message: /^Microsoft Entra ID is unavailable\. The sign-in service answered HTTP 500 \(AADSTS50000\)/, withinMs: 20_000 },
  {
    name: "503 with Retry-After", config: { failNext: { status: 503, retryAfterSec: 1, count: MANY } }, progress: /^Entra asked to wait 1 s; retrying…$/,
    message: /^Microsoft Entra ID is unavailable\. The sign-in service answered HTTP 503 \(AADSTS90033\).* It asked clients to wait 1 s before trying again\./, withinMs: 15_000,
  },
  {
    name: "429 with Retry-After", config: { failNext: { status: 429, retryAfterSec: 1, count: MANY } }, progress: /^Entra asked to wait 1 s; retrying…$/,
    message: /^Microsoft Entra ID is throttling requests\. The sign-in service answered HTTP 429 \(too many requests\)/, withinMs: 15_000,
  },
  { name: "slower than the cancel", config: { delayMs: 30_000 }, cancelAfterMs: 500, withinMs: 5_000 },
  {
    name: "invalid JSON", config: { failNext: { answer: "invalidJson", count: MANY } },
    message: new RegExp(`^Microsoft Entra ID's answer could not be read\\. ${HOST} answered the token request with HTTP 200, but its body is not valid JSON`), withinMs: 10_000,
  },
  {
    name: "untrusted TLS certificate", config: { untrustedCert: true },
    message: new RegExp(`^The sign-in server's certificate is not trusted\\. ${HOST} presented a TLS certificate this machine does not trust \\(DEPTH_ZERO_SELF_SIGNED_CERT\\)`), withinMs: 10_000,
  },
  {
    name: "connection reset", config: { failNext: { answer: "reset", count: MANY } },
    message: new RegExp(`^Couldn't reach Microsoft Entra ID\\. The connection was reset before a response arrived \\(ECONNRESET, ${HOST}\\)`), withinMs: 20_000,
  },
  {
    name: "discovery document 404", config: { failNext: { endpoint: "discovery", status: 404, count: MANY } }, notForRefresh: true,
    message: new RegExp(`^The sign-in service's OpenID configuration was not found\\. ${HOST} answered HTTP 404 to the OpenID configuration \\(discovery\\) request`), withinMs: 10_000,
  },
];
const NO_FAULT: Partial<FakeEntraConfig> = { failNext: null, delayMs: 0, untrustedCert: false };

const ARM = "https://management.azure.com/.default";
const REQUESTS: Record<Exclude<Flow, "silent refresh">, GetTokenArgs> = {
  "browser sign-in": { credential: "interactiveBrowser", tenant: TENANT.id, clientId: APPS.publicClient.appId, loginHint: USERS.alice.username, scopes: [ARM] },
  "device code": { credential: "deviceCode", tenant: TENANT.id, clientId: APPS.publicClient.appId, scopes: [ARM] },
  // A saved profile that owns its stored secret: a request with arguments would be offered the known secret instead
  // of using it silently (the secrets' lifecycle), and the rows have no one to answer that.
  "client secret": { profile: "Faults client secret" },
};
const CLIENT_SECRET_DRAFT = { credential: "clientSecret", tenant: TENANT.id, clientId: APPS.confidentialClient.appId, scopes: [`${RESOURCES.sandboxApi.identifierUris[0]}/.default`] } as const;

/** What must not change when a request fails: profiles and recents, held tokens (as hashes), every azureToken setting. */
function snapshot(t: ExtensionTesting): string {
  const config = vscode.workspace.getConfiguration("azureToken");
  const keys = Object.keys(vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.configuration.properties as object);
  const settings = keys.map((k) => {
    const i = config.inspect(k.replace(/^azureToken\./, ""));
    return [k, i?.globalValue, i?.workspaceValue, i?.workspaceFolderValue];
  });
  return JSON.stringify({ profiles: t.profiles.list(), recents: t.profiles.recents(), backups: t.profiles.backups(), held: t.heldTokens(), settings }, null, 1);
}

/**
 * Runs a command the way a person meets it: every error notification's text and every progress message are recorded,
 * and `cancelAfterMs` cancels the progress notification (the user's Cancel) that long after it starts.
 */
async function asUser<T>(work: () => Thenable<T>, cancelAfterMs?: number): Promise<{ value: T; errors: string[]; progress: string[]; ms: number }> {
  const window = vscode.window as { -readonly [K in keyof typeof vscode.window]: (typeof vscode.window)[K] };
  const original = { showErrorMessage: window.showErrorMessage, withProgress: window.withProgress };
  const errors: string[] = [];
  const progress: string[] = [];
  window.showErrorMessage = ((text: string) => {
    errors.push(text);
    return Promise.resolve(undefined);
  }) as typeof window.showErrorMessage;
  window.withProgress = ((_options, task) => {
    const cancel = new vscode.CancellationTokenSource();
    const timer = cancelAfterMs === undefined ? undefined : setTimeout(() => cancel.cancel(), cancelAfterMs);
    const reporter = { report: (v: { message?: string }) => { if (v.message) progress.push(v.message); } };
    return Promise.resolve(task(reporter, cancel.token)).finally(() => {
      clearTimeout(timer);
      cancel.dispose();
    });
  }) as typeof window.withProgress;
  const started = Date.now();
  try {
    const value = await work();
    return { value, errors, progress, ms: Date.now() - started };
  } finally {
    Object.assign(window, original);
  }
}

suite("Faults survived, nothing lost (real commands against a failing local Entra ID)", () => {
  const control = new FakeEntraControl(process.env.FAKE_ENTRA_URL!, process.env.FAKE_ENTRA_CA!);
  let testing: ExtensionTesting;
  let approving: ReturnType<typeof setInterval> | undefined;
  let seededKey: string | undefined;
  let clientSecretProfile: string | undefined;
  const signInPages = async () => (await control.requests()).filter((r) => r.path.endsWith("/oauth2/v2.0/authorize")).length;

  suiteSetup(async () => {
    const api = await vscode.extensions.getExtension<AzureTokenApi>(EXTENSION_ID)!.activate();
    testing = api.testing!;
    // Something to lose: a saved profile, and the client secret the client secret rows read.
    if (!testing.profiles.find("Faults baseline")) {
      await testing.profiles.save({ credential: "interactiveBrowser", cloud: "AzurePublic", tenant: TENANT.id, clientId: APPS.publicClient.appId, scopes: [ARM] }, "Faults baseline");
    }
    const config = vscode.workspace.getConfiguration("azureToken");
    const dest = draftDestination({ cloud: config.get("cloud", "AzurePublic"), authorityHost: config.get("authorityHost", "") });
    assert.ok(!("error" in dest), "the tests point azureToken.authorityHost at the local Entra ID");
    const draft = { ...CLIENT_SECRET_DRAFT, ...dest, scopes: [...CLIENT_SECRET_DRAFT.scopes] } as ProfileDraft;
    clientSecretProfile = (testing.profiles.find("Faults client secret") ?? (await testing.profiles.save(draft, "Faults client secret"))).id;
    seededKey = secretKeyFor(draft)!;
    await testing.secretStore.store(seededKey, APPS.confidentialClient.secret!);
    // A device code sign-in is approved as soon as its code is pending (the person on the device code page).
    approving = setInterval(() => void control.approveDeviceCode().catch(() => false), 200);
  });

  suiteTeardown(async () => {
    clearInterval(approving);
    // Leave neither the profile nor its secret (stored without the vault's index) to the secrets' lifecycle scan.
    if (clientSecretProfile) await testing.profiles.remove(clientSecretProfile);
    if (seededKey) await testing.secretStore.delete(seededKey);
    await control.configure(NO_FAULT);
  });

  teardown(() => control.configure(NO_FAULT));

  /** Get Azure Token with arguments, as a caller runs it: the token when it worked, undefined (and a message) when not. */
  const getToken = (args: GetTokenArgs) => vscode.commands.executeCommand<{ token: string } | undefined>("azureToken.getToken", args);

  /** The shown message is specific: what happened and what to do, never "Couldn't get a token" alone, never a token. */
  function assertExplained(errors: string[], fault: Fault, label: string): void {
    if (!fault.message) {
      assert.deepEqual(errors, [], `${label}: a cancel is silent`);
      return;
    }
    assert.equal(errors.length, 1, `${label}: one message: ${JSON.stringify(errors)}`);
    assert.match(errors[0], fault.message, label);
    assert.match(errors[0], / Fix: \S/, `${label}: says what to do`);
    assert.doesNotMatch(errors[0], /^Couldn't get a token/);
    assert.doesNotMatch(errors[0], /eyJ[\w-]{10,}/, "no token in the message");
  }

  function assertInTime(run: { ms: number; progress: string[] }, fault: Fault, label: string): void {
    assert.ok(run.ms < fault.withinMs, `${label}: ended after ${run.ms} ms, the limit is ${fault.withinMs} ms`);
    if (fault.progress) assert.ok(run.progress.some((m) => fault.progress!.test(m)), `${label}: the progress said ${JSON.stringify(run.progress)}`);
  }

  for (const flow of ["browser sign-in", "device code", "client secret"] as const) {
    for (const fault of FAULTS) {
      test(`${flow}: ${fault.name}`, async () => {
        const label = `${flow}, ${fault.name}`;
        testing.forgetSignIns(); // a new credential: the request reads the discovery document and signs in again
        const before = snapshot(testing);
        await control.configure(fault.config);
        const failed = await asUser(() => getToken(REQUESTS[flow]), fault.cancelAfterMs);
        assert.equal(failed.value, undefined, `${label}: no token`);
        assertInTime(failed, fault, label);
        assertExplained(failed.errors, fault, label);
        assert.equal(snapshot(testing), before, `${label}: profiles, recents, held tokens and settings are unchanged`);

        await control.configure(NO_FAULT);
        const next = await asUser(() => getToken(REQUESTS[flow]));
        assert.deepEqual(next.errors, [], `${label}: the next request works`);
        assert.ok(next.value?.token, `${label}: the next request returns a token`);
      });
    }
  }

  for (const fault of FAULTS.filter((f) => !f.notForRefresh)) {
    test(`silent refresh: ${fault.name}`, async () => {
      const label = `silent refresh, ${fault.name}`;
      testing.forgetSignIns();
      assert.ok((await getToken(REQUESTS["browser sign-in"]))?.token, "signed in");
      const before = snapshot(testing);
      const pages = await signInPages();
      // Get Fresh Token redeems the refresh token (the grant a background refresh uses); the fault hits that grant.
      const config = fault.config.failNext ? { ...fault.config, failNext: { ...fault.config.failNext, grantType: "refresh_token" } as FailNext } : fault.config;
      await control.configure(config);
      const failed = await asUser(() => vscode.commands.executeCommand("azureToken.getFreshToken"), fault.cancelAfterMs);
      assertInTime(failed, fault, label);
      assertExplained(failed.errors, fault, label);
      assert.equal(snapshot(testing), before, `${label}: the held token, profiles and settings are unchanged`);
      assert.equal(await signInPages(), pages, `${label}: no browser sign-in was started: it cannot help`);

      await control.configure(NO_FAULT);
      // After a 429 or 503, MSAL holds the same request back for Retry-After (1 s): wait for the renewal, not a time.
      const deadline = Date.now() + 15_000;
      for (;;) {
        const next = await asUser(() => vscode.commands.executeCommand("azureToken.getFreshToken"));
        if (snapshot(testing) !== before) {
          assert.deepEqual(next.errors, [], `${label}: the next refresh works`);
          break;
        }
        assert.ok(Date.now() < deadline && next.errors.every((e) => /Microsoft Entra ID is (unavailable|throttling)/.test(e)),
          `${label}: the refresh after the fault still fails: ${JSON.stringify(next.errors)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal(await signInPages(), pages, `${label}: renewed without a browser`);
    });
  }
});
