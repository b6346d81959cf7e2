// Every Entra answer explained as what it is, found by driving the auth layer against a misbehaving local Entra ID:
// a mistyped tenant (Entra's 400 invalid_tenant on the discovery request, which MSAL reports as
// endpoints_resolution_error), a captive portal's page where Entra's JSON should be (MSAL: unknown_error, identity:
// "sign in again"), and Retry-After waits the progress should name and a cancel should end.
// Real @azure/identity, built as src/auth/credentialFactory.ts builds it, run as src/auth/index.ts runs it
// (runObserved around the whole flow, silentFailureError after the silent try).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ClientSecretCredential, InteractiveBrowserCredential, type AccessToken } from "@azure/identity";
import { abortable } from "../../src/auth/abortable";
import { EntraRefusedError, NotEntraAnswerError, runObserved, silentFailureError, UnreadableAnswerError } from "../../src/auth/entraAnswers";
import { TokenEndpointObserver, type AttemptOptions } from "../../src/auth/tokenEndpointObserver";
import { explainAuthError, isInteractionRequired } from "../../src/core/authErrors";
import { looksLikeInteractionRequired } from "../../src/tokens/refresher";
import { reportRetryWaits, retryWaitMessage } from "../../src/ui/retryWait";
import { HTML_ANSWER_MARKER, type FakeEntraConfig } from "../fake-entra/config";
import { APPS, TENANT } from "../fake-entra/sandbox";
import { useFakeBrowserForEachTest, useFixture } from "../fake-entra/testing";

const fx = useFixture({ autoApprove: true });
useFakeBrowserForEachTest(fx);

const ARM = "https://management.azure.com/.default";
const API = "api://azure-token-sandbox-api/Items.Read";
const MISTYPED = "fabrikam.test";
const host = () => new URL(fx.fe.url).host;

function browser(tenant = TENANT.id) {
  const observer = new TokenEndpointObserver();
  const cred = new InteractiveBrowserCredential({
    clientId: APPS.publicClient.appId, tenantId: tenant, authorityHost: fx.fe.url, disableInstanceDiscovery: true, tlsOptions: { ca: fx.ca },
    disableAutomaticAuthentication: true, additionalPolicies: observer.policies,
  });
  return { cred, observer };
}

function secret(tenant = TENANT.id) {
  const observer = new TokenEndpointObserver();
  const cred = new ClientSecretCredential(tenant, APPS.confidentialClient.appId, APPS.confidentialClient.secret!, {
    authorityHost: fx.fe.url, disableInstanceDiscovery: true, tlsOptions: { ca: fx.ca }, additionalPolicies: observer.policies,
  } as ConstructorParameters<typeof ClientSecretCredential>[3]);
  return { cred, observer };
}

/** src/auth/index.ts's browser sign-in: the silent try, then (only when a sign-in can help) the sign-in and a read. */
function browserFlow({ cred, observer }: ReturnType<typeof browser>, scope: string, options: AttemptOptions = {}): Promise<AccessToken | null> {
  return runObserved(observer, async () => {
    const silent = await observer.observe(() => cred.getToken(scope, { claims: "{}" } as never));
    if (silent.ok) return silent.value;
    const instead = silentFailureError(silent.report);
    if (instead) throw instead;
    await cred.authenticate(scope);
    return cred.getToken(scope);
  }, options);
}

/** A token request of a client secret, and of a browser sign-in (its code redemption): labelled runs for a table. */
const tokenRequestCases = (): [string, () => Promise<unknown>][] => [
  ["client secret", () => { const s = secret(); return runObserved(s.observer, () => s.cred.getToken(ARM), {}); }],
  ["browser sign-in (the code redemption)", () => browserFlow(browser(), ARM)],
];

const failure = (p: Promise<unknown>) => p.then(() => assert.fail("expected a failure"), (e: unknown) => e);
const paths = () => fx.fe.requests.map((r) => `${r.method} ${r.path.replace(/^\/[^/]+/, "")} ${r.status}`);

/** Nothing a page said, nothing shaped like a token, anywhere in the error or its explanation. */
function assertNoBody(error: unknown, explained: unknown): void {
  const all = `${JSON.stringify(explained)} ${String((error as Error).message)} ${JSON.stringify(error)}`;
  for (const text of [HTML_ANSWER_MARKER, "Welcome to Guest Wi-Fi", "<html", "<!doctype", "<h1>", "terms of use"]) assert.ok(!all.includes(text), `'${text}' leaked`);
  assert.doesNotMatch(all, /eyJ[A-Za-z0-9_-]{8,}/);
}

test("a mistyped tenant: Entra's 400 invalid_tenant on the discovery request is 'Tenant not found (AADSTS90002)', not 'Couldn't reach'", async () => {
  for (const [label, run] of [
    ["browser sign-in", () => browserFlow(browser(MISTYPED), ARM)],
    ["client secret", () => { const s = secret(MISTYPED); return runObserved(s.observer, () => s.cred.getToken(ARM), {}); }],
  ] as const) {
    fx.fe.reset();
    const error = await failure(run());
    assert.ok(error instanceof EntraRefusedError, `${label}: ${String(error)}`);
    assert.deepEqual(paths(), ["GET /v2.0/.well-known/openid-configuration 400"], label);
    const explained = explainAuthError(error);
    assert.equal(explained.kind, "aadsts", label);
    assert.equal(explained.code, 90002);
    assert.equal(explained.title, "Tenant not found (AADSTS90002)");
    assert.match(explained.fix ?? "", /typos/);
    assert.match(explained.entraText ?? "", /^AADSTS90002: Tenant 'fabrikam\.test' not found\./);
    assert.equal(explained.traceId, error.errorResponse?.trace_id, "Entra's trace ID, for support");
    assert.match(explained.traceId ?? "", /^[0-9a-f-]{36}$/);
    assert.equal(isInteractionRequired(error), false, "signing in again cannot help");
    assert.equal(looksLikeInteractionRequired(error), false);
  }
});

test("a captive portal's page (HTTP 200, HTML) for the token request: 'Something other than Microsoft Entra ID answered', host and status, never the body", async () => {
  for (const [label, run] of tokenRequestCases()) {
    fx.fe.reset();
    fx.fe.configure({ htmlAnswer: { count: 5 } });
    const error = await failure(run());
    assert.ok(error instanceof NotEntraAnswerError, `${label}: ${String(error)}`);
    assert.equal(fx.fe.requests.filter((r) => r.fault === "htmlAnswer").length, 1, "an answer that parses as no JSON is not retried");
    const explained = explainAuthError(error);
    assert.equal(explained.kind, "network", label);
    assert.equal(explained.title, "Something other than Microsoft Entra ID answered (a proxy or captive portal?)");
    assert.match(explained.detail, new RegExp(`^${host().replace(/\./g, "\\.")} answered the token request with HTTP 200 and a text/html page`));
    assert.match(explained.fix ?? "", /Signing in again does not help/);
    assert.equal(isInteractionRequired(error), false, label);
    assert.equal(looksLikeInteractionRequired(error), false, label);
    assertNoBody(error, explained);
  }
});

test("a captive portal's page on a silent renewal: no browser is opened, and it is not 'sign in'", async () => {
  const flow = browser();
  await flow.cred.authenticate(ARM);
  fx.fe.reset();
  fx.fe.configure({ htmlAnswer: { count: 5 } });
  const error = await failure(browserFlow(flow, API)); // another resource: MSAL redeems the refresh token
  assert.ok(error instanceof NotEntraAnswerError, String(error));
  assert.deepEqual(paths(), ["POST /oauth2/v2.0/token 200"], "no /authorize: the sign-in was not started");
  assert.equal(fx.fe.requests[0].grantType, "refresh_token");
  const explained = explainAuthError(error);
  assert.match(explained.title, /Something other than Microsoft Entra ID answered/);
  assertNoBody(error, explained);
});

test("a captive portal's page for the OpenID configuration (discovery) request: the same explanation, naming that request", async () => {
  fx.fe.configure({ htmlAnswer: { endpoint: "discovery", count: 5 } });
  const error = await failure(browserFlow(browser(), ARM));
  assert.ok(error instanceof NotEntraAnswerError, String(error));
  assert.equal(error.endpoint, "discovery");
  const explained = explainAuthError(error);
  assert.match(explained.detail, /answered the sign-in service's OpenID configuration request with HTTP 200 and a text\/html page/);
  assert.match(explained.detail, new RegExp(host().replace(/\./g, "\\.")));
  assertNoBody(error, explained);
});

test("429 with Retry-After: each wait reaches onRetryWait (the progress says so), then the token arrives", async () => {
  const s = secret();
  fx.fe.configure({ rateLimit: { retryAfterSec: 1, count: 2 } });
  const messages: string[] = [];
  const token = await runObserved(s.observer, () => s.cred.getToken(ARM), { onRetryWait: reportRetryWaits((m) => messages.push(m)) });
  assert.ok(token?.token);
  assert.deepEqual(messages, ["Entra asked to wait 1 s; retrying…", "Entra asked to wait 1 s; retrying…"]);
  assert.deepEqual(fx.fe.requests.filter((r) => r.path.endsWith("/token")).map((r) => r.status), [429, 429, 200]);
});

test("a cancel while the library waits out a 503's Retry-After ends the wait: no retry is sent", async () => {
  const s = secret();
  fx.fe.configure({ failNext: { status: 503, retryAfterSec: 5, count: 4 } });
  const controller = new AbortController();
  const waits: number[] = [];
  let library: Promise<unknown> | undefined;
  const error = await failure(runObserved(s.observer, () => {
    library = s.cred.getToken(ARM);
    return abortable(library, controller.signal); // as src/auth/index.ts runs every library call
  }, { signal: controller.signal, onRetryWait: (seconds) => { waits.push(seconds); controller.abort(); } }));
  assert.equal((error as Error).name, "CancelledError");
  assert.equal(explainAuthError(error).kind, "cancelled");
  assert.deepEqual(waits, [5]);
  // The library's own call ends too, instead of waiting 5 s three times and asking again each time.
  await library?.catch(() => undefined);
  assert.deepEqual(fx.fe.requests.filter((r) => r.path.endsWith("/token")).map((r) => r.status), [503]);
});

test("the progress words for a Retry-After wait", () => {
  assert.equal(retryWaitMessage(30), "Entra asked to wait 30 s; retrying…");
  assert.equal(retryWaitMessage(0.2), "Entra asked to wait 1 s; retrying…");
  assert.equal(retryWaitMessage(119), "Entra asked to wait 119 s; retrying…");
  assert.equal(retryWaitMessage(300), "Entra asked to wait 5 min; retrying…");
  const shown: string[] = [];
  reportRetryWaits((m) => shown.push(m))(30);
  assert.deepEqual(shown, ["Entra asked to wait 30 s; retrying…"]);
});

// ------------------------------------------------------------------------------- the policies alone, with fake `next`s

type Next = Parameters<TokenEndpointObserver["policy"]["policy"]["sendRequest"]>[1];
const BASE = "https://login.example/8c4f2e1a-6b3d-4f7e-9a25-0d1c3b5e7f90";

function answer(status: number, body: string | (() => string), headers: Record<string, string> = {}): Next {
  return async (req) => {
    const response = { request: req, status, headers: { get: (name: string) => headers[name.toLowerCase()] } } as unknown as Awaited<ReturnType<Next>>;
    Object.defineProperty(response, "bodyAsText", { get: typeof body === "function" ? body : () => body });
    return response;
  };
}

const HTML = { "content-type": "text/html; charset=utf-8" };
const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };
const neverRead = () => assert.fail("this body must not be read");

function send(observer: TokenEndpointObserver, next: Next, url: string, method: string, position: 0 | 1 = 0) {
  return observer.policies[position].policy.sendRequest({ url, method } as Parameters<Next>[0], next);
}
const discovery = `${BASE}/v2.0/.well-known/openid-configuration`;
const token = `${BASE}/oauth2/v2.0/token`;

test("the observer: a good discovery answer is not recorded, a failed one is; an answer that is not JSON is kept by its media type only", async () => {
  const observer = new TokenEndpointObserver(() => 1000);
  const last = async (...steps: [Next, string, string][]) => {
    const r = await observer.observe(async () => { for (const [next, url, method] of steps) await send(observer, next, url, method); throw new Error("failed"); });
    return r.ok ? undefined : r.report.last;
  };
  assert.equal(await last([answer(200, "{}", JSON_TYPE), discovery, "GET"]), undefined);
  assert.deepEqual(await last([answer(200, neverRead, HTML), discovery, "GET"]),
    { kind: "answered", endpoint: "discovery", host: "login.example", status: 200, atMs: 1000, mediaType: "text/html" });
  const refused = await last([answer(400, JSON.stringify({ error: "invalid_tenant", error_codes: [90002], error_description: "AADSTS90002: Tenant 'x' not found." }), JSON_TYPE), discovery, "GET"]);
  assert.deepEqual(refused?.kind === "answered" && refused.entraError, { error: "invalid_tenant", error_codes: [90002], error_description: "AADSTS90002: Tenant 'x' not found." });
  // A token answer's body is never read when it succeeded, not even to see that it is a page.
  const page = await last([answer(200, neverRead, HTML), token, "POST"]);
  assert.equal(page?.kind === "answered" && page.mediaType, "text/html");
  // Entra's error fields win over a wrong content type; a gateway's 502 page is Entra failing, not something else.
  const mislabelled = await last([answer(400, JSON.stringify({ error: "invalid_grant", error_codes: [50076] }), { "content-type": "text/plain" }), token, "POST"]);
  assert.ok(mislabelled?.kind === "answered" && mislabelled.entraError && mislabelled.mediaType === undefined);
  const gateway = await last([answer(502, "<html>Bad Gateway</html>", HTML), token, "POST"]);
  assert.ok(gateway?.kind === "answered" && gateway.mediaType === "text/html");
  assert.ok(silentFailureError({ last: gateway }) instanceof Error && !(silentFailureError({ last: gateway }) instanceof NotEntraAnswerError));
  assert.ok(silentFailureError({ last: page! }) instanceof NotEntraAnswerError);
});

test("what a failed discovery request becomes: Entra's refusal, Entra unavailable, out of reach", () => {
  const at = { endpoint: "discovery" as const, host: "login.example", atMs: 1 };
  const refused = silentFailureError({ last: { kind: "answered", ...at, status: 400, entraError: { error: "invalid_tenant", error_codes: [90002] } } });
  assert.ok(refused instanceof EntraRefusedError);
  assert.equal(refused.message, "Microsoft Entra ID (login.example) refused the OpenID configuration (discovery) request: HTTP 400 invalid_tenant AADSTS90002.");
  const down = silentFailureError({ last: { kind: "answered", ...at, status: 503 } });
  assert.equal(down?.name, "EntraUnavailableError");
  assert.match(down?.message ?? "", /its OpenID configuration \(login\.example\) answered HTTP 503, so no token could be requested/);
  assert.equal(explainAuthError(down).title, "Microsoft Entra ID is unavailable");
  const unreachable = silentFailureError({ last: { kind: "unreachable", ...at, code: "ENOTFOUND" } });
  assert.equal(explainAuthError(unreachable).kind, "network");
  assert.match(explainAuthError(unreachable).detail, /ENOTFOUND/);
});

test("attempts nest: the outer one sees the inner one's answers, the inner one uses the outer one's onRetryWait and signal", async () => {
  const observer = new TokenEndpointObserver(() => 1000);
  const waits: number[] = [];
  const controller = new AbortController();
  const cancelSeen: boolean[] = [];
  const outer = await observer.observe(async () => {
    await observer.observe(async () => {
      await send(observer, answer(503, "{}", { "retry-after": "7" }), token, "POST", 1); // the perRetry policy
      await send(observer, answer(503, "{}"), token, "POST", 1); // no Retry-After: the pipeline's short backoff, nothing to say
      await send(observer, async (req) => {
        cancelSeen.push(req.abortSignal?.aborted === true);
        controller.abort(); // the user cancels while the request (or the pipeline's wait before a retry) is under way
        cancelSeen.push(req.abortSignal?.aborted === true);
        return answer(429, "{}", { "retry-after": "30" })(req);
      }, token, "POST", 0);
      throw new Error("inner");
    });
    throw new Error("outer");
  }, { onRetryWait: (s) => waits.push(s), signal: controller.signal });
  assert.deepEqual(waits, [7]);
  assert.deepEqual(cancelSeen, [false, true], "the attempt's signal reaches the request");
  assert.ok(!outer.ok && outer.report.last?.kind === "answered" && outer.report.last.status === 429);
});

// ---- Faults on the way to Entra (test/integration/faults.test.ts runs them through the real commands) ----

const hostPattern = () => host().replace(/\./g, "\\.");

test("a token answer whose JSON is cut off (HTTP 200): 'Microsoft Entra ID's answer could not be read', not 'Couldn't reach'", async () => {
  for (const [label, run] of tokenRequestCases()) {
    fx.fe.reset();
    fx.fe.configure({ failNext: { answer: "invalidJson", count: 5 } });
    const error = await failure(run());
    assert.ok(error instanceof UnreadableAnswerError, `${label}: ${String(error)}`);
    const explained = explainAuthError(error);
    assert.equal(explained.title, "Microsoft Entra ID's answer could not be read", label);
    assert.match(explained.detail, new RegExp(`^${hostPattern()} answered the token request with HTTP 200, but its body is not valid JSON`));
    assert.equal(isInteractionRequired(error), false, label);
    assertNoBody(error, explained);
  }
});

test("a reset connection, a certificate this machine does not trust, a missing discovery document: each named with its host", async () => {
  const cases: [Partial<FakeEntraConfig>, RegExp, RegExp][] = [
    [{ failNext: { answer: "reset", count: 10 } }, /^Couldn't reach Microsoft Entra ID$/, new RegExp(`reset before a response arrived \\(ECONNRESET, ${hostPattern()}\\)`)],
    [{ untrustedCert: true }, /^The sign-in server's certificate is not trusted$/, new RegExp(`^${hostPattern()} presented a TLS certificate this machine does not trust \\(DEPTH_ZERO_SELF_SIGNED_CERT\\)`)],
    [{ failNext: { endpoint: "discovery", status: 404, count: 5 } }, /^The sign-in service's OpenID configuration was not found$/,
      new RegExp(`^${hostPattern()} answered HTTP 404 to the OpenID configuration \\(discovery\\) request`)],
  ];
  for (const [config, title, detail] of cases) {
    fx.fe.reset();
    fx.fe.configure(config);
    const s = secret();
    const error = await failure(runObserved(s.observer, () => s.cred.getToken(ARM), {}));
    const explained = explainAuthError(error);
    assert.match(explained.title, title, JSON.stringify(config));
    assert.match(explained.detail, detail);
    assert.match(explained.fix ?? "", /\S/, "says what to do");
    assert.equal(isInteractionRequired(error), false);
  }
});

test("a sign-in whose code redemption Entra throttles (429): 'throttling', not 'Microsoft Entra refused the request'", async () => {
  fx.fe.configure({ failNext: { status: 429, count: 5 } });
  const error = await failure(browserFlow(browser(), ARM));
  assert.equal((error as Error).name, "EntraUnavailableError", String(error));
  const explained = explainAuthError(error);
  assert.equal(explained.kind, "service");
  assert.equal(explained.title, "Microsoft Entra ID is throttling requests");
});
