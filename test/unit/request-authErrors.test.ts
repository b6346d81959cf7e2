import { test } from "node:test";
import assert from "node:assert/strict";
// Real error classes, imported in the test only, so the structural checks in src/core are held to the true shapes.
import {
  AggregateAuthenticationError,
  AuthenticationError,
  AuthenticationRequiredError,
  CredentialUnavailableError,
} from "@azure/identity";
import { AuthError, InteractionRequiredAuthError, ServerError } from "@azure/msal-node";
import { AbortError } from "@azure/abort-controller";
import { explainAuthError, type AuthErrorExplanation } from "../../src/core/authErrors";
import { redact } from "../../src/core/redact";

const TRACE = "0000aaaa-11bb-cccc-dd22-eeeeee333333";
const CORR = "aaaa0000-bb11-2222-33cc-444444dddddd";
const TIME = "2025-01-09 02:02:12Z";

/** Entra's error_description: the message, then Trace ID / Correlation ID / Timestamp lines. */
function entraDescription(code: number, text: string): string {
  return `AADSTS${code}: ${text}\r\nTrace ID: ${TRACE}\r\nCorrelation ID: ${CORR}\r\nTimestamp: ${TIME}`;
}

/** The token endpoint's JSON error body. */
function entraBody(code: number, error: string, text: string) {
  return {
    error,
    error_description: entraDescription(code, text),
    error_codes: [code],
    timestamp: TIME,
    trace_id: TRACE,
    correlation_id: CORR,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
}

/** What msal-common's ResponseHandler.validateTokenResponse throws for an error body. */
function msalServerError(code: number, error: string, text: string): ServerError {
  const body = entraBody(code, error, text);
  const errString = `Error(s): ${body.error_codes} - Timestamp: ${body.timestamp} - Description: ${body.error_description} - Correlation ID: ${body.correlation_id} - Trace ID: ${body.trace_id}`;
  return new ServerError(error, CORR, errString, undefined, String(code), 400);
}

/** What @azure/identity's handleMsalError does with an msal error it does not pass through. */
function identityWrap(cause: Error): AuthenticationRequiredError {
  return new AuthenticationRequiredError({ scopes: ["https://graph.microsoft.com/.default"], message: cause.message, cause });
}

/** A JWT-shaped string built at run time (never committed as a literal). */
function fakeJwt(): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${b64({ alg: "RS256", typ: "JWT", kid: "test-key" })}.${b64({ aud: "https://graph.microsoft.com", exp: 1700000000, upn: "alice@contoso.com" })}.${"Sg".repeat(40)}`;
}

function allText(x: AuthErrorExplanation): string {
  return [x.title, x.detail, x.fix ?? "", x.entraText ?? "", x.traceId ?? "", x.correlationId ?? ""].join("\n");
}

// ---------------------------------------------------------------- AADSTS

test("AuthenticationError from a token endpoint body: code, ids, our fix and Entra's clean text", () => {
  const err = new AuthenticationError(401, entraBody(7000215, "invalid_client", "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID."));
  const x = explainAuthError(err);
  assert.equal(x.kind, "aadsts");
  assert.equal(x.code, 7000215);
  assert.equal(x.title, "Invalid client secret (AADSTS7000215)");
  assert.match(x.fix ?? "", /Certificates & secrets/);
  assert.equal(x.traceId, TRACE);
  assert.equal(x.correlationId, CORR);
  assert.equal(x.entraText, "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.");
  assert.doesNotMatch(x.entraText ?? "", /Trace ID|Correlation ID|Timestamp/);
});

test("AuthenticationError built from a JSON string body is read the same way", () => {
  const err = new AuthenticationError(400, JSON.stringify(entraBody(70011, "invalid_scope", "The provided value for the input parameter 'scope' isn't valid.")));
  const x = explainAuthError(err);
  assert.equal(x.kind, "aadsts");
  assert.equal(x.code, 70011);
  assert.match(x.title, /Invalid scope/);
  assert.equal(x.traceId, TRACE);
});

test("msal ServerError wrapped by @azure/identity in AuthenticationRequiredError (MFA required)", () => {
  const err = identityWrap(msalServerError(50076, "invalid_grant", "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '797f4846-ba00-4fd7-ba43-dac1f8f63013'."));
  const x = explainAuthError(err);
  assert.equal(x.kind, "aadsts");
  assert.equal(x.code, 50076);
  assert.match(x.title, /Multi-factor authentication required/);
  assert.equal(x.correlationId, CORR);
  assert.equal(x.traceId, TRACE);
  assert.match(x.entraText ?? "", /^AADSTS50076: Due to a configuration change/);
  assert.doesNotMatch(x.entraText ?? "", /Trace ID|Correlation ID|Timestamp|Error\(s\)/);
});

test("msal InteractionRequiredAuthError carries errorNo and traceId fields", () => {
  const err = new InteractionRequiredAuthError("invalid_grant", CORR, entraDescription(65001, "The user or administrator has not consented to use the application."), "consent_required", TIME, TRACE, "", "65001");
  const x = explainAuthError(identityWrap(err));
  assert.equal(x.code, 65001);
  assert.match(x.fix ?? "", /Grant admin consent/);
  assert.equal(x.traceId, TRACE);
});

test("an AADSTS code only in the message text is still found", () => {
  const err = new Error(`invalid_request: ${entraDescription(700016, "Application with identifier 'aaaaaaaa-0000-0000-0000-000000000000' was not found in the directory 'Contoso'.")}`);
  const x = explainAuthError(err);
  assert.equal(x.code, 700016);
  assert.match(x.title, /Application not found in the tenant/);
  assert.equal(x.traceId, TRACE);
  assert.equal(x.correlationId, CORR);
});

test("an unknown code still shows Entra's own description without the trailing noise", () => {
  const err = new AuthenticationError(400, entraBody(9999991, "invalid_request", "Something new that the catalogue does not know yet."));
  const x = explainAuthError(err);
  assert.equal(x.kind, "aadsts");
  assert.equal(x.code, 9999991);
  assert.equal(x.title, "Microsoft Entra refused the request (AADSTS9999991)");
  assert.equal(x.detail, "AADSTS9999991: Something new that the catalogue does not know yet.");
  assert.equal(x.entraText, x.detail);
  assert.match(x.fix ?? "", /https:\/\/login\.microsoftonline\.com\/error\?code=9999991/);
});

test("an aggregate (DefaultAzureCredential) is explained by the Entra failure inside it", () => {
  const err = new AggregateAuthenticationError(
    [
      new CredentialUnavailableError("EnvironmentCredential is unavailable. No underlying credential could be used."),
      new AuthenticationError(400, entraBody(50020, "invalid_request", "User account 'alice@fabrikam.com' from identity provider 'live.com' does not exist in tenant 'Contoso' and cannot access the application.")),
    ],
    "ChainedTokenCredential authentication failed.",
  );
  const x = explainAuthError(err);
  assert.equal(x.kind, "aadsts");
  assert.equal(x.code, 50020);
  assert.match(x.fix ?? "", /guest/);
});

// ---------------------------------------------------------------- cancellation

test("cancellation in all its shapes is kind 'cancelled'", () => {
  const ours = Object.assign(new Error("Cancelled by user"), { name: "CancellationError" });
  const vscodeStyle = Object.assign(new Error("Canceled"), { name: "Canceled" });
  const cases: unknown[] = [
    new AbortError("The authentication has been aborted by the caller."),
    new DOMException("This operation was aborted", "AbortError"),
    ours,
    vscodeStyle,
    new AuthError("user_cancelled", CORR, "User cancelled the flow."),
    identityWrap(new AuthError("user_canceled", CORR, "User canceled the flow.")),
    new Error("The authentication has been aborted by the caller."),
  ];
  for (const c of cases) assert.equal(explainAuthError(c).kind, "cancelled", String(c));
});

// ---------------------------------------------------------------- unavailable

test("CredentialUnavailableError names the tool and the command to run", () => {
  const cases: Array<[string, RegExp, RegExp]> = [
    ["Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions and then, once installed, authenticate to your Azure account using 'az login'.", /Azure CLI is not installed/, /Install the Azure CLI.*az login/],
    ["Please run 'az login' from a command prompt to authenticate before using this credential.", /Not signed in to the Azure CLI/, /Run 'az login'/],
    ["Azure Developer CLI couldn't be found. To mitigate this issue, see the troubleshooting guidelines at https://aka.ms/azsdk/js/identity/azdevclicredential/troubleshoot.", /Azure Developer CLI is not installed/, /aka\.ms\/azd-install.*'azd auth login'.*restart VS Code/],
    ["Please run 'azd auth login' from a command prompt to authenticate before using this credential.", /Not signed in to the Azure Developer CLI/, /Run 'azd auth login'/],
    ["Please run 'Connect-AzAccount' from PowerShell to authenticate before using this credential.", /Not signed in to Azure PowerShell/, /Connect-AzAccount/],
    // pwsh missing: identity looks for it once per process, so the fix ends with a restart.
    ["Error: Unable to execute PowerShell. Ensure that it is installed in your system. To troubleshoot, visit https://aka.ms/azsdk/js/identity/powershellcredential/troubleshoot.", /^PowerShell is not installed$/, /aka\.ms\/install-powershell.*Install-Module -Name Az.*Connect-AzAccount.*restart VS Code\.$/],
    // pwsh there, Az.Accounts missing: installing the module is enough.
    [`The 'Az.Account' module >= 2.2.0 is not installed. Install the Azure Az PowerShell module with: "Install-Module -Name Az -Scope CurrentUser -Repository PSGallery -Force".`, /^The Azure PowerShell module \(Az\) is not installed$/, /^In PowerShell, run 'Install-Module -Name Az .*'Connect-AzAccount', then try again\.$/],
    // Other failures of a tool are not called a sign-in problem: the tool's own words are the detail.
    ["Error: Unable to parse the output of PowerShell. Received output: WARNING: Upcoming breaking changes. To troubleshoot, visit https://aka.ms/azsdk/js/identity/powershellcredential/troubleshoot.", /^Azure PowerShell could not get a token$/, /Get-AzAccessToken .*Connect-AzAccount/],
    ["ERROR: (pii). Status: Response_Status.Status_InteractionRequired, Error code: 3399614476", /^This sign-in method is not available$/, /Pick another sign-in method/],
    ["Unknown error while trying to retrieve the access token. AzureCliCredential", /^The Azure CLI could not get a token$/, /az account get-access-token .*'az login'/],
    ["Azure Developer CLI failed: unexpected end of JSON input", /^The Azure Developer CLI could not get a token$/, /azd auth token .*'azd auth login'/],
    ["ManagedIdentityCredential: Authentication failed. Message Attempted to use the IMDS endpoint, but it is not available.", /Managed identity is not available/, /Azure host/],
    ["WorkloadIdentityCredential: is unavailable. tenantId, clientId, and federatedTokenFilePath are required parameters.", /Workload identity is not configured/, /AZURE_FEDERATED_TOKEN_FILE/],
  ];
  for (const [message, title, fix] of cases) {
    const x = explainAuthError(new CredentialUnavailableError(message));
    assert.equal(x.kind, "unavailable", message);
    assert.match(x.title, title, message);
    assert.match(x.fix ?? "", fix, message);
    assert.ok(x.detail.length > 0);
  }
});

test("an aggregate of unavailable credentials is 'unavailable'", () => {
  const err = new AggregateAuthenticationError(
    [new CredentialUnavailableError("EnvironmentCredential is unavailable."), new CredentialUnavailableError("Please run 'az login' from a command prompt to authenticate before using this credential.")],
    "ChainedTokenCredential authentication failed.",
  );
  const x = explainAuthError(err);
  assert.equal(x.kind, "unavailable");
  assert.equal(x.title, "No credential in the chain could sign in");
  assert.match(x.detail, /EnvironmentCredential is unavailable\.\nPlease run 'az login'/);
  assert.match(x.fix ?? "", /^Not signed in to the Azure CLI: Run 'az login'/);
});

// ---------------------------------------------------------------- network and timeout

test("socket errors are 'network' with a proxy hint", () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8443"), { code: "ECONNREFUSED" });
  const notFound = Object.assign(new Error("getaddrinfo ENOTFOUND login.microsoftonline.com"), { code: "ENOTFOUND" });
  for (const cause of [refused, notFound]) {
    const viaFetch = new TypeError("fetch failed", { cause });
    const x = explainAuthError(viaFetch);
    assert.equal(x.kind, "network");
    assert.match(x.detail, new RegExp(cause.code));
    assert.match(x.fix ?? "", /http\.proxy|HTTPS_PROXY/);
  }
});

test("certificate errors are 'network' with a hint about NODE_EXTRA_CA_CERTS", () => {
  for (const code of ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "SELF_SIGNED_CERT_IN_CHAIN"]) {
    const cause = Object.assign(new Error(code === "SELF_SIGNED_CERT_IN_CHAIN" ? "self-signed certificate in certificate chain" : "unable to verify the first certificate"), { code });
    const x = explainAuthError(identityWrap(Object.assign(new Error("fetch failed", { cause }))));
    assert.equal(x.kind, "network", code);
    assert.match(x.title, /certificate/);
    assert.match(x.fix ?? "", /NODE_EXTRA_CA_CERTS/);
  }
});

test("msal network and endpoint-resolution errors are 'network'", () => {
  const msalNet = new AuthError("network_error", "", "Network request failed: fetch failed, additionalErrorInfo: error.name:TypeError, error.message:fetch failed");
  assert.equal(explainAuthError(identityWrap(msalNet)).kind, "network");
  const endpoints = new CredentialUnavailableError("endpoints_resolution_error: Endpoints cannot be resolved");
  const x = explainAuthError(endpoints);
  assert.equal(x.kind, "network");
  assert.match(x.detail, /OpenID configuration/);
});

test("timeouts are 'timeout'", () => {
  assert.equal(explainAuthError(Object.assign(new Error("Sign-in did not finish within 300 s"), { name: "TimeoutError" })).kind, "timeout");
  assert.equal(explainAuthError(identityWrap(new AuthError("network_error", "", "Request timeout"))).kind, "timeout");
  assert.equal(explainAuthError(new AuthError("user_timeout_reached", "", "User defined timeout for device code polling reached")).kind, "timeout");
});

// ---------------------------------------------------------------- Entra itself failing (5xx, 429)

test("a 5xx answer is 'service' (Entra unavailable), whatever AADSTS code came with it; ids and Entra's text kept", () => {
  const body = entraBody(90033, "temporarily_unavailable", "A transient error has occurred. Please try again.");
  // @azure/identity's IdentityClient (managed identity, workload identity…), and msal's ServerError inside identity's wrap.
  const identity = new AuthenticationError(503, body);
  const msal = identityWrap(new ServerError("temporarily_unavailable", CORR, body.error_description, undefined, "90033", 503));
  for (const err of [identity, msal]) {
    const x = explainAuthError(err);
    assert.equal(x.kind, "service");
    assert.equal(x.status, 503);
    assert.equal(x.code, 90033);
    assert.equal(x.title, "Microsoft Entra ID is unavailable");
    assert.match(x.detail, /HTTP 503 \(AADSTS90033\)/);
    assert.match(x.fix ?? "", /signing in again does not help/);
    assert.match(x.fix ?? "", /give support the trace ID/);
    assert.equal(x.traceId, TRACE);
    assert.equal(x.correlationId, CORR);
    assert.equal(x.entraText, "AADSTS90033: A transient error has occurred. Please try again.");
  }
  const gateway = explainAuthError(Object.assign(new Error("Bad gateway"), { statusCode: 502 }));
  assert.equal(gateway.kind, "service");
  assert.match(gateway.detail, /^The sign-in service answered HTTP 502: /);
  assert.doesNotMatch(gateway.fix ?? "", /trace ID/, "no trace ID to give");
});

test("a 429 answer is 'service' (throttling) with Retry-After when known", () => {
  const x = explainAuthError(Object.assign(new Error("Too many requests"), { name: "EntraUnavailableError", statusCode: 429, retryAfterSec: 30 }));
  assert.equal(x.kind, "service");
  assert.equal(x.title, "Microsoft Entra ID is throttling requests");
  assert.match(x.detail, /HTTP 429 .*wait 30 s/);
  assert.match(x.fix ?? "", /^Wait a minute/);
});

test("4xx answers are not 'service': they stay AADSTS errors", () => {
  const x = explainAuthError(new AuthenticationError(400, entraBody(50076, "invalid_grant", "Due to a configuration change made by your administrator, you must use multi-factor authentication.")));
  assert.equal(x.kind, "aadsts");
  assert.equal(x.code, 50076);
});

// ---------------------------------------------------------------- other

test("AuthenticationRequiredError without Entra details asks for an interactive sign-in", () => {
  const x = explainAuthError(new AuthenticationRequiredError({ scopes: ["https://graph.microsoft.com/.default"], message: "Automatic authentication has been disabled. You may call the authentication() method." }));
  assert.equal(x.kind, "unknown");
  assert.equal(x.title, "Interactive sign-in needed");
  assert.match(x.fix ?? "", /Sign in again/);
});

test("anything else is 'unknown' and never throws", () => {
  assert.deepEqual(explainAuthError(new Error("boom")), { kind: "unknown", title: "Couldn't get a token", detail: "boom" });
  for (const weird of [undefined, null, 42, "plain string", {}, [], Symbol("s")]) {
    const x = explainAuthError(weird);
    assert.equal(typeof x.title, "string");
    assert.ok(x.detail.length > 0);
  }
  const hostile = { get message(): string { throw new Error("getter"); }, name: "Error" };
  assert.equal(explainAuthError(hostile).kind, "unknown");
  const loop: { message: string; cause?: unknown } = { message: "loop" };
  loop.cause = loop;
  assert.equal(explainAuthError(loop).detail, "loop");
});

// ---------------------------------------------------------------- secrets

test("explanations never contain a token or credential value", () => {
  const jwt = fakeJwt();
  const secret = `xyz${"8Q~"}${"Ab1".repeat(12)}`;
  const leaky: unknown[] = [
    new Error(`request failed: access_token=${jwt}&refresh_token=0.AAAArefreshvalue123&client_secret=${secret}`),
    new Error(`{"access_token":"${jwt}","id_token":"${jwt}","code":"0.AXYZauthorizationcode"}`),
    new Error(`Authorization: Bearer ${jwt}`),
    new AuthenticationError(400, entraBody(9999992, "invalid_request", `Bad assertion ${jwt} sent with code=0.AXYZauthcode and assertion=${jwt}`)),
    new CredentialUnavailableError(`Azure CLI said: {"accessToken": "${jwt}"} password: hunter2hunter2`),
  ];
  for (const err of leaky) {
    const x = explainAuthError(err);
    const text = allText(x);
    assert.match(text, /\[REDACTED( JWT)?\]/, "the message is kept, with the credential replaced");
    assert.ok(!text.includes(jwt.slice(0, 30)), text);
    assert.ok(!text.includes(jwt.split(".")[2].slice(0, 20)), text);
    assert.ok(!text.includes(secret.slice(4)), text);
    assert.doesNotMatch(text, /refreshvalue|authorizationcode|authcode|hunter2/, text);
  }
});

test("explanations use the one redactor: encodings a local scrubber missed never reach the user", () => {
  const jwt = fakeJwt();
  const [h, p, s] = jwt.split(".");
  const pem = `-----BEGIN ${"PRIVATE"} KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----`;
  const leaky: Array<[unknown, RegExp]> = [
    [new CredentialUnavailableError(`Azure CLI said: ${pem}`), /MIIEvQIB/],
    [new CredentialUnavailableError(`Azure CLI said: {\\"refresh_token\\":\\"0.AAAAescapedvalue\\"}`), /escapedvalue/],
    [new Error(`request failed: client%5Fsecret=hunter2hunter2&x=1`), /hunter2/],
    [new Error(`redirect to /cb#id_token=${[h, p, s].join("%2E")}`), new RegExp(p.slice(0, 20))],
    [new Error(`request failed: token${jwt}`), new RegExp(p.slice(0, 20))],
    // The first line is cut at 500 characters: a token that straddles the cut is masked before the cut.
    [new Error(`${"x".repeat(480)} ${jwt}`), new RegExp(p.slice(0, 10))],
    [new AuthenticationError(400, entraBody(9999993, "invalid_request", `Bad assertion ${h}.${p.slice(0, 30)}\n${p.slice(30)}.${s}`)), new RegExp(p.slice(0, 20))],
  ];
  for (const [err, secret] of leaky) {
    const text = allText(explainAuthError(err));
    assert.doesNotMatch(text, secret, text);
    assert.match(text, /\[REDACTED( JWT| PRIVATE KEY)?\]/, text);
  }
});

test("the one redactor (core/redact) keeps the useful parts of a message", () => {
  assert.equal(redact("invalid_client Status code: 401"), "invalid_client Status code: 401");
  assert.equal(redact("see https://login.microsoftonline.com/error?code=50076"), "see https://login.microsoftonline.com/error?code=50076");
  assert.equal(redact("client_secret=abc123xyz&tenant=contoso"), "client_secret=[REDACTED]&tenant=contoso");
  assert.equal(redact(`token ${fakeJwt()} end`), "token [REDACTED JWT] end");
});
