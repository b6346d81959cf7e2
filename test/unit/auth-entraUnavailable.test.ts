// A failed silent renewal of a public-client credential (disableAutomaticAuthentication, as the extension builds it)
// is always the same cause-less AuthenticationRequiredError. The token-endpoint observer (src/auth/
// tokenEndpointObserver.ts) tells an Entra outage or a lost network (src/auth/entraUnavailable.ts: not interaction
// required, explained as Entra unavailable / unreachable) from a real MFA demand (still interaction required).
// Real @azure/identity against the local Entra ID, then the observer's policy alone for what a server cannot stage.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { ClientSecretCredential, InteractiveBrowserCredential } from "@azure/identity";
import { EntraUnavailableError, unavailableErrorFor } from "../../src/auth/entraUnavailable";
import { isInteractionRequired } from "../../src/core/authErrors";
import { TokenEndpointObserver, type AttemptReport, type Observed } from "../../src/auth/tokenEndpointObserver";
import { explainAuthError } from "../../src/core/authErrors";
import { looksLikeInteractionRequired } from "../../src/tokens/refresher";
import { useFakeBrowser } from "../fake-entra/browser";
import { APPS, TENANT } from "../fake-entra/sandbox";
import { startFixture, useFakeBrowserForEachTest, useFixture } from "../fake-entra/testing";

const fx = useFixture({ autoApprove: true });
useFakeBrowserForEachTest(fx);

const ARM = "https://management.azure.com/.default";
const API = "api://azure-token-sandbox-api/Items.Read";
/** The fields an outcome may hold: nothing else (no body, no header but Retry-After, no token) is ever kept. */
const OUTCOME_KEYS = ["kind", "endpoint", "host", "status", "code", "atMs", "retryAfterSec", "entraError", "mediaType"];
const ENTRA_ERROR_KEYS = ["error", "error_codes", "error_description", "trace_id", "correlation_id"];

/** Built like src/auth/credentialFactory.ts builds browser sign-in, plus the test CA. */
function signedInCredential(url: string, ca: string): { cred: InteractiveBrowserCredential; observer: TokenEndpointObserver } {
  const observer = new TokenEndpointObserver();
  const cred = new InteractiveBrowserCredential({
    clientId: APPS.publicClient.appId, tenantId: TENANT.id, authorityHost: url, disableInstanceDiscovery: true, tlsOptions: { ca },
    disableAutomaticAuthentication: true, additionalPolicies: observer.policies,
  });
  return { cred, observer };
}

/** The auth layer's silent try (src/auth/index.ts): getToken inside observe(), with the claims it always sends. */
async function silentFailure(cred: InteractiveBrowserCredential, observer: TokenEndpointObserver, scope: string): Promise<{ error: unknown; report: AttemptReport }> {
  const observed: Observed<unknown> = await observer.observe(() => cred.getToken(scope, { claims: "{}" } as never));
  if (observed.ok) return assert.fail("expected the silent renewal to fail");
  // What @azure/identity says about every silent failure: on its own, it would mean "sign in".
  assert.equal((observed.error as Error).name, "AuthenticationRequiredError");
  assert.equal(isInteractionRequired(observed.error), true);
  return observed;
}

function assertOnlySafeFields(report: AttemptReport): void {
  for (const outcome of [report.last, report.heldBack?.outcome]) {
    if (!outcome) continue;
    for (const key of Object.keys(outcome)) assert.ok(OUTCOME_KEYS.includes(key), `outcome field ${key}`);
    if ("entraError" in outcome && outcome.entraError) {
      for (const key of Object.keys(outcome.entraError)) assert.ok(ENTRA_ERROR_KEYS.includes(key), `entraError field ${key}`);
    }
  }
  assert.doesNotMatch(JSON.stringify(report), /eyJ[A-Za-z0-9_-]{8,}|"(?:access|refresh|id)_token"|client_secret|code_verifier/);
}

/** A sign-in with a deadline: one that never comes back must fail the test, not hang it. */
async function signIn(cred: InteractiveBrowserCredential, ms = 20_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([cred.authenticate(ARM), new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no sign-in within ${ms} ms`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

const tokenLog = () => fx.fe.requests.filter((r) => r.path.endsWith("/token")).map((r) => [r.grantType, r.status, r.fault]);

test("503 on the refresh_token grant, after the pipeline's retries: Entra is unavailable, not 'interaction required'", async () => {
  const { cred, observer } = signedInCredential(fx.fe.url, fx.ca);
  await signIn(cred);
  fx.fe.configure({ failNext: { status: 503, grantType: "refresh_token", count: 4 } });

  const { report } = await silentFailure(cred, observer, API); // another resource: MSAL redeems the refresh token
  // The pipeline tried four times (identity's maxRetries 3); the perCall policy saw only the final answer.
  assert.deepEqual(tokenLog(), [["authorization_code", 200, undefined], ...Array(4).fill(["refresh_token", 503, "failNext"])]);
  assert.equal(fx.fe.config.failNext, null);
  assert.equal(report.last?.kind === "answered" && report.last.status, 503);
  const entraError = report.last?.kind === "answered" ? report.last.entraError : undefined;
  assert.deepEqual(entraError?.error_codes, [90033]);
  assert.match(entraError?.trace_id ?? "", /^[0-9a-f-]{36}$/);
  assertOnlySafeFields(report);

  const outage = unavailableErrorFor(report);
  assert.ok(outage instanceof EntraUnavailableError);
  assert.equal(isInteractionRequired(outage), false, "the auth layer does not answer InteractionRequiredError");
  assert.equal(looksLikeInteractionRequired(outage), false, "the refresher records 'failed' and retries, not 'sign in'");
  const explained = explainAuthError(outage);
  assert.equal(explained.kind, "service");
  assert.equal(explained.title, "Microsoft Entra ID is unavailable");
  assert.equal(explained.status, 503);
  assert.equal(explained.code, 90033);
  assert.match(explained.detail, /HTTP 503/);
  assert.match(explained.fix ?? "", /signing in again does not help/);
  assert.equal(explained.traceId, entraError?.trace_id);
  assert.equal(explained.correlationId, entraError?.correlation_id);

  // Right away, the same renewal sends nothing: MSAL holds a request back for a while after a 5xx (60 s without
  // Retry-After). The observer remembers why, so this is still the outage and not "sign in".
  const sent = fx.fe.requests.length;
  const again = await silentFailure(cred, observer, API);
  assert.equal(fx.fe.requests.length, sent, "MSAL made no request");
  assert.equal(again.report.last, undefined);
  assert.ok(again.report.heldBack && again.report.heldBack.untilMs > Date.now());
  const held = unavailableErrorFor(again.report);
  assert.ok(held instanceof EntraUnavailableError);
  assert.ok(held.heldBackUntilMs);
  assert.match(held.message, /HTTP 503 \(AADSTS90033\).*waits \d+ s before asking Entra again/);
  assert.equal(explainAuthError(held).title, "Microsoft Entra ID is unavailable");
});

test("429 with Retry-After: throttling, not 'interaction required'; once Entra answers again the renewal succeeds", async () => {
  const { cred, observer } = signedInCredential(fx.fe.url, fx.ca);
  await signIn(cred);
  fx.fe.configure({ rateLimit: { retryAfterSec: 1, count: 4 } });

  const { report } = await silentFailure(cred, observer, API);
  assert.equal(report.last?.kind === "answered" && report.last.status, 429);
  assert.equal(report.last?.kind === "answered" && report.last.retryAfterSec, 1);
  assertOnlySafeFields(report);
  const outage = unavailableErrorFor(report);
  assert.ok(outage);
  assert.equal(looksLikeInteractionRequired(outage), false);
  const explained = explainAuthError(outage);
  assert.equal(explained.kind, "service");
  assert.equal(explained.title, "Microsoft Entra ID is throttling requests");
  assert.match(explained.detail, /wait 1 s/);

  // The throttling is over (count used up); MSAL's own hold-back lasts Retry-After: wait for the renewal to work.
  assert.equal(fx.fe.config.rateLimit, null);
  for (;;) {
    const observed = await observer.observe(() => cred.getToken(API, { claims: "{}" } as never));
    if (observed.ok) break;
    assert.ok(unavailableErrorFor(observed.report), "while MSAL holds the request back it is still the throttling");
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.deepEqual(tokenLog().at(-1), ["refresh_token", 200, undefined]);
});

test("MFA required (invalid_grant, AADSTS50076) on the refresh_token grant stays 'interaction required'", async () => {
  const { cred, observer } = signedInCredential(fx.fe.url, fx.ca);
  await signIn(cred);
  fx.fe.configure({ failNext: { aadsts: 50076, grantType: "refresh_token" } });

  const { report } = await silentFailure(cred, observer, API);
  assert.equal(report.last?.kind === "answered" && report.last.status, 400);
  const entraError = report.last?.kind === "answered" ? report.last.entraError : undefined;
  assert.equal(entraError?.error, "invalid_grant");
  assert.deepEqual(entraError?.error_codes, [50076]);
  assert.match(entraError?.error_description ?? "", /^AADSTS50076: /);
  assertOnlySafeFields(report);
  assert.equal(unavailableErrorFor(report), undefined, "a sign-in with MFA is what helps: the auth layer asks for it");
});

test("no account signed in: no token request, so 'interaction required'", async () => {
  const { cred, observer } = signedInCredential(fx.fe.url, fx.ca);
  const { report } = await silentFailure(cred, observer, ARM);
  assert.deepEqual(report, {});
  assert.equal(unavailableErrorFor(report), undefined);
  assert.deepEqual(tokenLog(), []);
});

test("client secret during an outage: the library's AuthenticationRequiredError around a 503 or 429 is not 'sign in'", async () => {
  const app = APPS.confidentialClient;
  for (const status of [503, 429]) {
    const cred = new ClientSecretCredential(TENANT.id, app.appId, app.secret!, {
      authorityHost: fx.fe.url, disableInstanceDiscovery: true, tlsOptions: { ca: fx.ca }, retryOptions: { maxRetries: 0 },
    } as ConstructorParameters<typeof ClientSecretCredential>[3]);
    fx.fe.configure({ failNext: { status, count: 5 } });
    const error = await cred.getToken(ARM).then(() => assert.fail("expected the request to fail"), (e: unknown) => e);
    assert.equal((error as Error).name, "AuthenticationRequiredError", "how @azure/identity wraps Entra's answer");
    assert.equal(isInteractionRequired(error), false, `HTTP ${status}`);
    assert.equal(looksLikeInteractionRequired(error), false, `HTTP ${status}`);
    assert.equal(explainAuthError(error).kind, "service");
    fx.fe.configure({ failNext: null });
  }
});

test("Entra out of reach (its server stopped): the network error code, explained as a network problem", async () => {
  const own = await startFixture({ autoApprove: true });
  let stopped = false;
  let restoreOwnBrowser: (() => void) | undefined;
  try {
    restoreOwnBrowser = useFakeBrowser({ caPath: own.certs.caPath, logPath: path.join(own.tmpDir, "fake-browser.log") });
    const { cred, observer } = signedInCredential(own.fe.url, own.ca);
    await signIn(cred);
    await own.dispose();
    stopped = true;

    const { report } = await silentFailure(cred, observer, API);
    assert.deepEqual(report.last && { kind: report.last.kind, code: report.last.kind === "unreachable" && report.last.code }, { kind: "unreachable", code: "ECONNREFUSED" });
    assertOnlySafeFields(report);
    const outage = unavailableErrorFor(report);
    assert.ok(outage);
    assert.equal(isInteractionRequired(outage), false);
    assert.equal(looksLikeInteractionRequired(outage), false);
    const explained = explainAuthError(outage);
    assert.equal(explained.kind, "network");
    assert.equal(explained.title, "Couldn't reach Microsoft Entra ID");
    assert.match(explained.detail, /ECONNREFUSED/);
  } finally {
    restoreOwnBrowser?.();
    if (!stopped) await own.dispose();
  }
});

// ------------------------------------------------------------------------------- the policy alone, with fake `next`s

type Next = Parameters<TokenEndpointObserver["policy"]["policy"]["sendRequest"]>[1];
const TOKEN_URL = "https://login.example/8c4f2e1a-6b3d-4f7e-9a25-0d1c3b5e7f90/oauth2/v2.0/token?client-request-id=x";

function request(url = TOKEN_URL, method = "POST") {
  return { url, method } as Parameters<Next>[0];
}

function answer(status: number, body: string | (() => string), headers: Record<string, string> = {}): Next {
  return async (req) => {
    const response = { request: req, status, headers: { get: (name: string) => headers[name.toLowerCase()] } } as unknown as Awaited<ReturnType<Next>>;
    Object.defineProperty(response, "bodyAsText", { get: typeof body === "function" ? body : () => body });
    return response;
  };
}

function send(observer: TokenEndpointObserver, next: Next, req = request()) {
  return observer.policy.policy.sendRequest(req, next);
}

test("the policy: token endpoint POSTs only, inside an attempt only; the final answer of the attempt counts", async () => {
  const observer = new TokenEndpointObserver();
  assert.equal(observer.policy.position, "perCall");
  const fail = () => Promise.reject(new Error("renewal failed"));
  // Outside an attempt (authenticate(), say): passed through, not recorded anywhere.
  await send(observer, answer(503, "{}"));
  let observed = await observer.observe(async () => {
    await send(observer, answer(200, "{}"), request("https://login.example/t/v2.0/.well-known/openid-configuration", "GET"));
    await send(observer, answer(503, "{}"), request("https://login.example/t/oauth2/v2.0/devicecode"));
    return fail();
  });
  assert.deepEqual(!observed.ok && observed.report, {}, "no token request in this attempt, and no earlier one inside an attempt");

  observed = await observer.observe(async () => {
    await send(observer, answer(503, "{}"), request("https://login.example/t/oauth2/token")); // v1 endpoint
    await send(observer, answer(400, JSON.stringify({ error: "invalid_grant", error_codes: [50076] })));
    return fail();
  });
  assert.ok(!observed.ok);
  assert.equal(observed.report.last?.kind === "answered" && observed.report.last.status, 400);
  assert.equal(unavailableErrorFor(observed.report), undefined);
});

test("the policy never reads a success body and keeps only Entra's non-secret error fields", async () => {
  const observer = new TokenEndpointObserver();
  const observed = await observer.observe(async () => {
    await send(observer, answer(200, () => assert.fail("a token response body was read")));
    await send(observer, answer(503, JSON.stringify({
      error: "temporarily_unavailable", error_codes: [90033],
      error_description: "AADSTS90033: A transient error has occurred. refresh_token=0.AXsecret {\\\"password\\\":\\\"AXescaped\\\"} -----BEGIN " + "PRIVATE KEY-----\nMIIEpemBody\n-----END PRIVATE KEY-----",
      trace_id: "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0", correlation_id: "1b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
      access_token: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.sig", refresh_token: "0.AXsecret", timestamp: "2024-01-01 00:00:00Z",
    }), { "retry-after": "7", "set-cookie": "x=secret" }));
    throw new Error("renewal failed");
  });
  assert.ok(!observed.ok);
  const last = observed.report.last;
  assert.ok(last?.kind === "answered");
  assert.deepEqual(Object.keys(last.entraError ?? {}).sort(), [...ENTRA_ERROR_KEYS].sort());
  assert.equal(last.retryAfterSec, 7);
  assert.doesNotMatch(JSON.stringify(observed.report), /AXsecret|AXescaped|MIIEpemBody|eyJ|set-cookie|x=secret/);
  assertOnlySafeFields(observed.report);
});

test("the policy: a failed request records its network code (not a cancel); concurrent attempts keep their own", async () => {
  const observer = new TokenEndpointObserver();
  const refused: Next = async () => { throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { name: "RestError", code: "ECONNREFUSED" }); };
  const aborted: Next = async () => { throw Object.assign(new Error("The operation was aborted."), { name: "AbortError" }); };
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const [a, b, c] = await Promise.all([
    observer.observe(async () => { await gate; await send(observer, refused).catch(() => undefined); throw new Error("a"); }),
    observer.observe(async () => { await send(observer, answer(400, JSON.stringify({ error: "invalid_grant" }))); release(); throw new Error("b"); }),
    observer.observe(async () => { await send(observer, aborted).catch(() => undefined); throw new Error("c"); }),
  ]);
  assert.deepEqual(!a.ok && a.report.last && { kind: a.report.last.kind, code: a.report.last.kind === "unreachable" && a.report.last.code }, { kind: "unreachable", code: "ECONNREFUSED" });
  assert.equal(!b.ok && b.report.last?.kind === "answered" && b.report.last.status, 400);
  assert.deepEqual(!c.ok && c.report, {}, "a cancel is not an outage");
  assert.ok(!a.ok && unavailableErrorFor(a.report));
  assert.equal(!b.ok && unavailableErrorFor(b.report), undefined);
});

test("MSAL's hold-back after a 429/5xx: Retry-After or 60 s; afterwards a request-less failure is 'sign in' again", async () => {
  let now = 1_000_000;
  const observer = new TokenEndpointObserver(() => now);
  const failWith = (next?: Next) => observer.observe(async () => { if (next) await send(observer, next); throw new Error("renewal failed"); });

  await failWith(answer(503, "<html>Service Unavailable</html>"));
  let quiet = await failWith();
  assert.ok(!quiet.ok && quiet.report.heldBack?.untilMs === 1_000_000 + 60_000, "no Retry-After: msal-common's 60 s");
  assert.ok(!quiet.ok && unavailableErrorFor(quiet.report, now)?.heldBackUntilMs === 1_060_000);
  now += 60_000;
  quiet = await failWith();
  assert.deepEqual(!quiet.ok && quiet.report, {}, "the hold-back is over: no request now means no account");

  await failWith(answer(429, "{}", { "retry-after": "5" }));
  now += 4_999;
  quiet = await failWith();
  assert.ok(!quiet.ok && quiet.report.heldBack);
  now += 1;
  quiet = await failWith();
  assert.deepEqual(!quiet.ok && quiet.report, {});

  // A network failure is no answer: MSAL holds nothing back after it.
  await failWith(async () => { throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }); });
  quiet = await failWith();
  assert.deepEqual(!quiet.ok && quiet.report, {});
});
