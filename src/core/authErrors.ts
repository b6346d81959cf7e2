// Turns whatever a token request threw into one explanation for the user: cancelled (stay silent), Entra itself
// failing (HTTP 5xx, throttling 429), an Entra AADSTS error with its fix, an unavailable developer tool, a network
// problem, a timeout, or unknown.
// Structural only: no 'vscode', no '@azure/identity' import. Shapes learned from @azure/identity 4.14
// (AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError, AggregateAuthenticationError) and
// @azure/msal-common 16 / @azure/msal-node 7 (AuthError, ServerError, InteractionRequiredAuthError, NetworkError).
// Every string returned is redacted (core/redact.ts, the one redactor): library messages can carry tokens and secrets.
import { aadstsLookupUrl, lookupAadsts } from "./aadsts";
import { GUID_PATTERN, isGuid } from "./ids";
import { redact } from "./redact";

/** "service": Entra answered, but failed (HTTP 5xx) or throttled (429): not the request's fault; try again later. */
export type AuthErrorKind = "cancelled" | "service" | "aadsts" | "unavailable" | "network" | "timeout" | "unknown";

export interface AuthErrorExplanation {
  kind: AuthErrorKind;
  /** The AADSTS code, when Entra returned one. */
  code?: number;
  /** HTTP status of Entra's answer (kind "service": 5xx or 429). */
  status?: number;
  title: string;
  detail: string;
  fix?: string;
  traceId?: string;
  correlationId?: string;
  /** Entra's own error description, without the trailing Trace ID / Correlation ID / Timestamp lines. */
  entraText?: string;
}

type Rec = Record<string, unknown>;

function isRec(v: unknown): v is Rec {
  return typeof v === "object" && v !== null;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Walking the error

/** The error and everything inside it: cause chain, aggregate members, msal NetworkError.error. Bounded. */
function collect(err: unknown): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0 && out.length < 20) {
    const e = queue.shift();
    if (e === undefined || e === null || seen.has(e)) continue;
    seen.add(e);
    out.push(e);
    if (!isRec(e)) continue;
    if ("cause" in e) queue.push(e.cause);
    if (Array.isArray(e.errors)) queue.push(...e.errors.slice(0, 10));
    if (isRec(e.error) && e.error !== e) queue.push(e.error);
  }
  return out;
}

function nameOf(e: unknown): string {
  if (!isRec(e)) return "";
  return str(e.name) ?? "";
}

function messageOf(e: unknown): string {
  if (typeof e === "string") return e;
  if (!isRec(e)) return "";
  return str(e.message) ?? str(e.errorMessage) ?? "";
}

function errorCodeOf(e: unknown): string {
  if (!isRec(e)) return "";
  return str(e.errorCode) ?? (typeof e.code === "string" ? e.code : "");
}

const AADSTS_IN_TEXT = /AADSTS(\d{4,9})/;
const TRACE_IN_TEXT = new RegExp(`Trace ID:\\s*(${GUID_PATTERN})`, "i");
const CORRELATION_IN_TEXT = new RegExp(`Correlation ID:\\s*(${GUID_PATTERN})`, "i");

interface EntraFacts {
  code?: number;
  traceId?: string;
  correlationId?: string;
  description?: string;
  oauthError?: string;
}

function firstNumber(v: unknown): number | undefined {
  const first = Array.isArray(v) ? v[0] : v;
  if (typeof first === "number" && Number.isSafeInteger(first) && first > 0) return first;
  if (typeof first === "string" && /^\d{4,9}$/.test(first)) return Number(first);
  return undefined;
}

function guid(v: unknown): string | undefined {
  return typeof v === "string" && isGuid(v) ? v.toLowerCase() : undefined;
}

/** Reads Entra facts from one error object: errorResponse (camel or snake case), msal fields, then the message. */
function entraFacts(e: unknown): EntraFacts {
  const facts: EntraFacts = {};
  if (!isRec(e) && typeof e !== "string") return facts;
  const sources: Rec[] = [];
  if (isRec(e)) {
    if (isRec(e.errorResponse)) sources.push(e.errorResponse);
    if (isRec(e.response) && isRec(e.response.body)) sources.push(e.response.body);
    sources.push(e);
  }
  for (const s of sources) {
    facts.code ??= firstNumber(s.errorCodes) ?? firstNumber(s.error_codes) ?? firstNumber(s.errorNo);
    facts.traceId ??= guid(s.traceId) ?? guid(s.trace_id);
    facts.correlationId ??= guid(s.correlationId) ?? guid(s.correlation_id);
    facts.description ??= str(s.errorDescription) ?? str(s.error_description);
    facts.oauthError ??= typeof s.error === "string" ? s.error : undefined;
  }
  const texts = [facts.description ?? "", isRec(e) ? (str(e.errorMessage) ?? "") : "", messageOf(e)];
  for (const t of texts) {
    if (!t) continue;
    if (facts.code === undefined) {
      const m = AADSTS_IN_TEXT.exec(t);
      if (m) facts.code = Number(m[1]);
    }
    facts.traceId ??= TRACE_IN_TEXT.exec(t)?.[1]?.toLowerCase();
    facts.correlationId ??= CORRELATION_IN_TEXT.exec(t)?.[1]?.toLowerCase();
  }
  if (facts.description === undefined) {
    const withCode = texts.find((t) => AADSTS_IN_TEXT.test(t));
    if (withCode) facts.description = withCode;
  }
  return facts;
}

/**
 * Entra's description without its trailing noise: starts at "AADSTSnnnn:" when present, stops before
 * "Trace ID:", "Correlation ID:", "Timestamp:" and msal's " - Correlation ID: …" wrapping.
 */
export function cleanEntraText(text: string): string {
  let t = text;
  const start = t.search(/AADSTS\d{4,9}:/);
  if (start > 0) t = t.slice(start);
  const cut = t.search(/(\r?\n|\s)\s*(Trace ID:|Correlation ID:|Timestamp:)|\s-\s(Correlation ID|Trace ID|Timestamp):/i);
  if (cut >= 0) t = t.slice(0, cut);
  t = t.replace(/\r?\n/g, " ").replace(/\s{2,}/g, " ").trim().replace(/,$/, "");
  return t.length > 800 ? `${t.slice(0, 799)}…` : t;
}

// ---------------------------------------------------------------------------------------------------------------
// Classification

// CancelledError: the auth layer's own (auth/abortable.ts), raised when the user cancels the progress notification.
const CANCEL_NAMES = new Set(["AbortError", "CancellationError", "Canceled", "Cancelled", "CancelledError", "OperationCanceledError"]);
const CANCEL_CODES = new Set(["user_cancelled", "user_canceled", "device_code_polling_cancelled", "ABORT_ERR"]);

function isCancellation(e: unknown): boolean {
  if (CANCEL_NAMES.has(nameOf(e))) return true;
  if (CANCEL_CODES.has(errorCodeOf(e))) return true;
  const m = messageOf(e);
  return /aborted by the caller|^The operation was aborted|^This operation was aborted|^Canceled$/i.test(m);
}

const CERT_CODES = [
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_UNTRUSTED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
];
const NET_CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN", "EPROTO", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_SOCKET"];
const NET_TEXT = new RegExp(`\\b(${[...CERT_CODES, ...NET_CODES].join("|")})\\b`);

function networkCode(items: unknown[]): string | undefined {
  for (const e of items) {
    const code = isRec(e) && typeof e.code === "string" ? e.code : "";
    if (code && (CERT_CODES.includes(code) || NET_CODES.includes(code))) return code;
  }
  for (const e of items) {
    const m = NET_TEXT.exec(messageOf(e));
    if (m) return m[1];
  }
  if (items.some((e) => /self[- ]signed certificate|unable to verify the first certificate|certificate has expired/i.test(messageOf(e)))) {
    return "SELF_SIGNED_CERT_IN_CHAIN";
  }
  return undefined;
}

function isGenericNetwork(items: unknown[]): boolean {
  return items.some((e) => {
    const code = errorCodeOf(e);
    if (["network_error", "endpoints_resolution_error", "no_network_connectivity", "openid_config_error", "untrusted_authority"].includes(code)) return true;
    if (nameOf(e) === "NetworkError") return true;
    return /\bfetch failed\b|endpoints_resolution_error|Network request failed|Network unreachable|getaddrinfo/i.test(messageOf(e));
  });
}

function isTimeout(items: unknown[]): boolean {
  return items.some((e) => {
    const name = nameOf(e);
    if (name === "TimeoutError" || name === "AuthTimeoutError" || name === "SignInTimeoutError") return true;
    if (errorCodeOf(e) === "user_timeout_reached") return true;
    return /Request timeout|\btimed out\b|timeout (?:was )?reached/i.test(messageOf(e));
  });
}

const NETWORK_HINT =
  "Check that this machine can reach the sign-in host (for example https://login.microsoftonline.com). Behind a proxy, set VS Code's http.proxy setting or the HTTPS_PROXY environment variable.";
const CERT_HINT =
  "A proxy or security product is probably inspecting TLS with its own certificate authority. Point Node at that CA: set NODE_EXTRA_CA_CERTS to its PEM file (then restart VS Code), or ask IT for the corporate root certificate. Do not turn off certificate checks.";

/** The host named by one of the auth layer's errors (`host`: the authority host a request went to), checked. */
function hostIn(items: unknown[]): string | undefined {
  for (const e of items) {
    const host = isRec(e) ? e.host : undefined;
    if (typeof host === "string" && /^[A-Za-z0-9.:[\]-]{1,300}$/.test(host)) return host;
  }
  return undefined;
}

function explainNetwork(code: string | undefined, host?: string): AuthErrorExplanation {
  if (code && CERT_CODES.includes(code)) {
    return {
      kind: "network",
      title: "The sign-in server's certificate is not trusted",
      detail: `${host ?? "The sign-in host"} presented a TLS certificate this machine does not trust (${code}), so the connection was refused before anything was sent.`,
      fix: CERT_HINT,
    };
  }
  const what: Record<string, string> = {
    ENOTFOUND: "The sign-in host name could not be resolved (DNS lookup failed)",
    EAI_AGAIN: "The DNS lookup for the sign-in host failed temporarily",
    ECONNREFUSED: "The connection to the sign-in host (or proxy) was refused",
    ECONNRESET: "The connection was reset before a response arrived",
    ETIMEDOUT: "The connection to the sign-in host timed out",
    UND_ERR_CONNECT_TIMEOUT: "The connection to the sign-in host timed out",
    EHOSTUNREACH: "The sign-in host is unreachable from this network",
    ENETUNREACH: "This machine has no route to the network",
    ENETDOWN: "The network is down",
  };
  return {
    kind: "network",
    title: "Couldn't reach Microsoft Entra ID",
    detail: code
      ? `${what[code] ?? "A network error occurred"} (${code}${host ? `, ${host}` : ""}).`
      : "The request to the sign-in service failed before Entra answered.",
    fix: NETWORK_HINT,
  };
}

interface ToolHelp {
  test: RegExp;
  title: string;
  fix: string;
}

const TOOLS: readonly ToolHelp[] = [
  {
    test: /Azure CLI could not be found|az: (command )?not found|'az' is not recognized/i,
    title: "Azure CLI is not installed",
    fix: "Install the Azure CLI (https://aka.ms/azure-cli), run 'az login' in a terminal, then restart VS Code so it sees the new PATH.",
  },
  {
    test: /az login/i,
    title: "Not signed in to the Azure CLI",
    fix: "Run 'az login' in a terminal (add --tenant <tenant> for a specific tenant), then try again.",
  },
  {
    // Anything else the CLI printed (its own error is the detail): not necessarily a sign-in problem.
    test: /AzureCliCredential|Azure CLI/i,
    title: "The Azure CLI could not get a token",
    fix: "Run 'az account get-access-token --scope <scope>' in a terminal to see the CLI's own error; if it asks you to sign in, run 'az login'.",
  },
  {
    test: /Azure Developer CLI couldn't be found|azd:.*not found|'azd' is not recognized/i,
    title: "Azure Developer CLI is not installed",
    fix: "Install the Azure Developer CLI (https://aka.ms/azd-install), run 'azd auth login' in a terminal, then restart VS Code so it sees the new PATH.",
  },
  {
    test: /azd auth login|azd login/i,
    title: "Not signed in to the Azure Developer CLI",
    fix: "Run 'azd auth login' in a terminal (add --tenant-id <tenant> for a specific tenant), then try again.",
  },
  {
    test: /AzureDeveloperCliCredential|Azure Developer CLI|azdevclicredential/i,
    title: "The Azure Developer CLI could not get a token",
    fix: "Run 'azd auth token --output json --scope <scope>' in a terminal to see azd's own error; if it asks you to sign in, run 'azd auth login'.",
  },
  {
    // Azure Identity looks for pwsh once per process: after installing it, only a restart makes it look again.
    test: /Unable to execute PowerShell/i,
    title: "PowerShell is not installed",
    fix: "Install PowerShell 7 (https://aka.ms/install-powershell), then in pwsh run 'Install-Module -Name Az -Scope CurrentUser -Repository PSGallery' and 'Connect-AzAccount', then restart VS Code.",
  },
  {
    test: /Az\.Account|Install-Module/i,
    title: "The Azure PowerShell module (Az) is not installed",
    fix: "In PowerShell, run 'Install-Module -Name Az -Scope CurrentUser -Repository PSGallery', then 'Connect-AzAccount', then try again.",
  },
  {
    test: /Connect-AzAccount/i,
    title: "Not signed in to Azure PowerShell",
    fix: "Run 'Connect-AzAccount' in PowerShell (add -Tenant <tenant> for a specific tenant), then try again.",
  },
  {
    // Every other PowerShell failure carries Azure Identity's troubleshooting link (".../powershellcredential/...").
    test: /AzurePowerShellCredential|PowerShell/i,
    title: "Azure PowerShell could not get a token",
    fix: "Run 'Get-AzAccessToken -ResourceUrl <resource>' in pwsh to see PowerShell's own error; if it asks you to sign in, run 'Connect-AzAccount'.",
  },
  {
    test: /ManagedIdentityCredential|IMDS|managed identity/i,
    title: "Managed identity is not available here",
    fix: "Managed identity only works on an Azure host (VM, App Service, Functions, Container Apps, AKS) with an identity assigned. On a developer machine, use browser sign-in, your VS Code account or the Azure CLI instead.",
  },
  {
    test: /client assertion|clientAssertionCommand/i,
    title: "The client assertion could not be read",
    fix: "Give the path of a file that holds the assertion (one signed JWT), or set azureToken.clientAssertionCommand in your user settings to a command that prints it; run that command in a terminal to see what it does.",
  },
  {
    test: /On-behalf-of needs/i,
    title: "On-behalf-of needs the incoming token",
    fix: "Run Azure Token: Exchange Token On-Behalf-Of and paste the token your API received: it is kept in memory only, so a new window asks for it again.",
  },
  {
    test: /WorkloadIdentityCredential|AZURE_FEDERATED_TOKEN_FILE|federated token/i,
    title: "Workload identity is not configured",
    fix: "Workload identity needs AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE (set by AKS workload identity or your CI). Outside such an environment, pick another credential.",
  },
  {
    test: /EnvironmentCredential|AZURE_CLIENT_SECRET|AZURE_CLIENT_ID/i,
    title: "Environment credential is not configured",
    fix: "Set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) before starting VS Code, or pick another credential.",
  },
  {
    test: /Visual Studio Code|VisualStudioCodeCredential/i,
    title: "VS Code credential of Azure Identity is not available",
    fix: "Use the 'VS Code account' sign-in of this extension instead: it uses VS Code's own Microsoft account.",
  },
];

function explainUnavailable(items: unknown[]): AuthErrorExplanation {
  const unavailable = items.filter((e) => nameOf(e) === "CredentialUnavailableError").map(messageOf).filter((m) => m);
  const aggregate = items.some((e) => nameOf(e) === "AggregateAuthenticationError");
  if (aggregate) {
    // A chain (DefaultAzureCredential): every member was unavailable. The developer tools come first in TOOLS, so the
    // fix points at the one a developer most likely meant (Azure CLI, then azd, then PowerShell).
    const tool = TOOLS.find((t) => unavailable.some((m) => t.test.test(m)));
    return {
      kind: "unavailable",
      title: "No credential in the chain could sign in",
      detail: unavailable.slice(0, 8).map((m) => firstLine(redact(m))).join("\n") || firstLine(redact(messageOf(items[0]))),
      fix: tool ? `${tool.title}: ${tool.fix}` : "Sign in with a developer tool the chain tries ('az login', 'azd auth login' or 'Connect-AzAccount'), or pick another sign-in method.",
    };
  }
  const message = unavailable[0] ?? messageOf(items[0]);
  const tool = TOOLS.find((t) => t.test.test(message));
  return {
    kind: "unavailable",
    title: tool?.title ?? "This sign-in method is not available",
    detail: firstLine(redact(message)) || "The credential reported that it can't be used on this machine.",
    fix: tool?.fix ?? "Pick another sign-in method (browser, device code or VS Code account), or set up the tool this credential relies on.",
  };
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim().length > 0) ?? "";
  const trimmed = line.trim();
  return trimmed.length > 500 ? `${trimmed.slice(0, 499)}…` : trimmed;
}

function explainAadsts(facts: EntraFacts): AuthErrorExplanation {
  const code = facts.code as number;
  const entry = lookupAadsts(code);
  const entraText = facts.description ? cleanEntraText(redact(facts.description)) : undefined;
  const out: AuthErrorExplanation = {
    kind: "aadsts",
    code,
    title: entry ? `${entry.title} (AADSTS${code})` : `Microsoft Entra refused the request (AADSTS${code})`,
    detail: entry?.explanation ?? entraText ?? `Entra returned error AADSTS${code}.`,
    fix: entry?.fix ?? `Look the code up at ${aadstsLookupUrl(code)}; Entra's own description is shown above.`,
  };
  if (facts.traceId) out.traceId = facts.traceId;
  if (facts.correlationId) out.correlationId = facts.correlationId;
  if (entraText) out.entraText = entraText;
  return out;
}

/**
 * The HTTP status of an answer that says the service failed, not the request: 5xx, or 429 (throttled). Read from
 * `statusCode` (@azure/identity AuthenticationError, core-rest-pipeline RestError, the auth layer's
 * EntraUnavailableError) or `status` (msal-common ServerError).
 */
function serviceStatus(items: unknown[]): number | undefined {
  for (const e of items) {
    if (!isRec(e)) continue;
    for (const v of [e.statusCode, e.status]) {
      if (typeof v === "number" && (v === 429 || (v >= 500 && v <= 599))) return v;
    }
  }
  return undefined;
}

function retryAfterOf(items: unknown[]): number | undefined {
  for (const e of items) {
    const v = isRec(e) ? e.retryAfterSec : undefined;
    if (typeof v === "number" && Number.isFinite(v) && v > 0) return Math.ceil(v);
  }
  return undefined;
}

function explainService(status: number, facts: EntraFacts, retryAfterSec: number | undefined): AuthErrorExplanation {
  const entraText = facts.description ? cleanEntraText(redact(facts.description)) : undefined;
  const code = facts.code !== undefined ? ` (AADSTS${facts.code})` : "";
  const wait = retryAfterSec !== undefined ? ` It asked clients to wait ${retryAfterSec} s before trying again.` : "";
  const throttled = status === 429;
  const out: AuthErrorExplanation = {
    kind: "service",
    status,
    title: throttled ? "Microsoft Entra ID is throttling requests" : "Microsoft Entra ID is unavailable",
    detail: throttled
      ? `The sign-in service answered HTTP 429 (too many requests)${code}: it is limiting requests for now.${wait}`
      : `The sign-in service answered HTTP ${status}${code}: it is having a problem or is temporarily unavailable. Your sign-in is not the cause.${wait}`,
    fix: throttled
      ? "Wait a minute, then try again; signing in again does not help. With automatic refresh on, held tokens are renewed once Entra answers again."
      : `Try again in a few minutes; signing in again does not help. With automatic refresh on, held tokens are renewed once Entra answers again. If it lasts, check the Azure status page (https://azure.status.microsoft)${facts.traceId ? " and give support the trace ID" : ""}.`,
  };
  if (facts.code !== undefined) out.code = facts.code;
  if (entraText) out.entraText = entraText;
  return withIds(out, facts);
}

/**
 * The auth layer's NotEntraAnswerError: a sign-in request got an answer that is not Entra's (a page, not JSON) — a
 * proxy, captive portal or security gateway answered in its place. Read by shape: host, status, media type, endpoint.
 * Never shows a body (there is none in the error).
 */
function explainNotEntra(e: Rec): AuthErrorExplanation {
  const host = hostIn([e]) ?? "the sign-in host";
  const status = typeof e.statusCode === "number" ? e.statusCode : undefined;
  const mediaType = typeof e.mediaType === "string" && /^[a-z0-9.+()/-]{1,120}$/.test(e.mediaType) ? e.mediaType : "not JSON";
  const what = e.endpoint === "discovery" ? "the sign-in service's OpenID configuration request" : "the token request";
  return {
    kind: "network",
    title: "Something other than Microsoft Entra ID answered (a proxy or captive portal?)",
    detail: `${host} answered ${what} with ${status !== undefined ? `HTTP ${status} and ` : ""}a ${mediaType} page instead of Entra's JSON: a proxy, a captive portal (the sign-in page of a hotel or guest Wi-Fi) or a security gateway answered in Entra's place.`,
    fix: `Open https://${host} in a browser to see who answers: accept the network's portal page, or set VS Code's http.proxy setting or the HTTPS_PROXY environment variable for your proxy, then try again. Signing in again does not help.`,
  };
}

/**
 * The auth layer's UnreadableAnswerError: a sign-in request was answered 2xx with JSON that does not parse (cut off or
 * damaged on the way). Read by shape: host, status, endpoint.
 */
function explainUnreadable(items: unknown[]): AuthErrorExplanation {
  const e = items.find((i) => nameOf(i) === "UnreadableAnswerError") as Rec;
  const host = hostIn([e]) ?? "the sign-in host";
  const status = typeof e.statusCode === "number" ? `HTTP ${e.statusCode}` : "an answer";
  const what = e.endpoint === "discovery" ? "the OpenID configuration (discovery) request" : "the token request";
  return {
    kind: "network",
    title: "Microsoft Entra ID's answer could not be read",
    detail: `${host} answered ${what} with ${status}, but its body is not valid JSON: it was cut off or damaged on the way (an unstable connection, or a proxy in between). No token was issued.`,
    fix: "Try again. If it keeps happening, check the proxy or security product between this machine and the sign-in host (VS Code's http.proxy setting, HTTPS_PROXY). Signing in again does not help.",
  };
}

/**
 * The discovery (OpenID configuration) document is not there: HTTP 404 from the authority host. The host or the tenant
 * is wrong (a custom authority host without Entra behind it, a path where the tenant should be).
 */
function explainNoDiscovery(items: unknown[]): AuthErrorExplanation {
  const host = hostIn(items) ?? "the sign-in host";
  return {
    kind: "network",
    title: "The sign-in service's OpenID configuration was not found",
    detail: `${host} answered HTTP 404 to the OpenID configuration (discovery) request: there is no Microsoft Entra ID tenant at that address, so no sign-in was started.`,
    fix: "Check the authority host and cloud (settings azureToken.cloud and azureToken.authorityHost) and the tenant (a tenant ID or domain such as contoso.onmicrosoft.com), then try again.",
  };
}

const INTERACTION_ERRORS = new Set(["interaction_required", "login_required", "consent_required"]);

/**
 * Explains a token-request failure. Never throws, never returns a token or secret.
 * Callers stay silent on kind 'cancelled'.
 */
export function explainAuthError(err: unknown): AuthErrorExplanation {
  try {
    return explain(err);
  } catch {
    return { kind: "unknown", title: "Couldn't get a token", detail: "An unexpected error occurred." };
  }
}

function explain(err: unknown): AuthErrorExplanation {
  const items = collect(err);
  if (items.length === 0) return { kind: "unknown", title: "Couldn't get a token", detail: "An unknown error occurred (no details)." };

  if (isCancellation(items[0])) return { kind: "cancelled", title: "Cancelled", detail: "The sign-in was cancelled." };
  const notEntra = items.find((e) => nameOf(e) === "NotEntraAnswerError");
  if (isRec(notEntra)) return explainNotEntra(notEntra);
  if (items.some((e) => nameOf(e) === "UnreadableAnswerError")) return explainUnreadable(items);
  if (items.some((e) => nameOf(e) === "EntraRefusedError" && isRec(e) && e.statusCode === 404 && e.endpoint === "discovery")) return explainNoDiscovery(items);

  // Entra facts from anywhere inside: an aggregate (DefaultAzureCredential / chain) that holds a real Entra failure
  // is explained by that failure, not by the credentials that were merely unavailable.
  let facts: EntraFacts = {};
  for (const e of items) {
    const f = entraFacts(e);
    facts = {
      code: facts.code ?? f.code,
      traceId: facts.traceId ?? f.traceId,
      correlationId: facts.correlationId ?? f.correlationId,
      description: facts.description ?? (f.code !== undefined || f.description?.match(AADSTS_IN_TEXT) ? f.description : undefined),
      oauthError: facts.oauthError ?? f.oauthError,
    };
  }
  // A 5xx/429 answer is Entra failing, whatever AADSTS code it came with (90033, 50000…): not the request's fault.
  const status = serviceStatus(items);
  if (status !== undefined) return explainService(status, facts, retryAfterOf(items));
  if (facts.code !== undefined) return explainAadsts(facts);

  if (items.some(isCancellation)) return { kind: "cancelled", title: "Cancelled", detail: "The sign-in was cancelled." };

  const netCode = networkCode(items);
  if (netCode) return withIds(explainNetwork(netCode, hostIn(items)), facts);
  if (isTimeout(items)) {
    return withIds({
      kind: "timeout",
      title: "Sign-in timed out",
      detail: "The sign-in did not complete in time (no answer from the browser, device code page or sign-in service).",
      fix: "Try again. If the browser never returns to VS Code (remote or Codespaces sessions), use device code sign-in or your VS Code account.",
    }, facts);
  }
  if (isGenericNetwork(items)) {
    const generic = explainNetwork(undefined);
    const detail = items.map(messageOf).find((m) => /endpoints_resolution_error|openid/i.test(m))
      ? "The sign-in service's metadata (OpenID configuration) could not be fetched: the authority host or tenant may be wrong, or the network blocked the request."
      : generic.detail;
    return withIds({ ...generic, detail }, facts);
  }
  if (items.some((e) => nameOf(e) === "CredentialUnavailableError")) return explainUnavailable(items);

  if (items.some((e) => ["AuthenticationRequiredError", "InteractionRequiredAuthError", "InteractionRequiredError"].includes(nameOf(e))) ||
    (facts.oauthError && INTERACTION_ERRORS.has(facts.oauthError))) {
    return withIds({
      kind: "unknown",
      title: "Interactive sign-in needed",
      detail: firstLine(redact(messageOf(items[0]))) || "No signed-in account could be used silently.",
      fix: "Sign in again interactively (browser, device code or VS Code account).",
    }, facts);
  }

  const message = firstLine(redact(messageOf(items[0]) || (typeof err === "object" ? "" : String(err))));
  return withIds({
    kind: "unknown",
    title: "Couldn't get a token",
    detail: message || "An unknown error occurred.",
  }, facts);
}

function withIds(x: AuthErrorExplanation, facts: EntraFacts): AuthErrorExplanation {
  const out = { ...x };
  if (facts.traceId) out.traceId = facts.traceId;
  if (facts.correlationId) out.correlationId = facts.correlationId;
  return out;
}

/**
 * True for the auth layer's InteractionRequiredError and for what @azure/identity / MSAL throw when only an interactive
 * sign-in would help (AuthenticationRequiredError with disableAutomaticAuthentication, InteractionRequiredAuthError).
 * False when the cause is Entra failing (5xx, 429) or the network: @azure/identity wraps those in an
 * AuthenticationRequiredError too (client secret and certificate), but signing in again cannot help.
 */
export function isInteractionRequired(err: unknown): boolean {
  const kind = explainAuthError(err).kind;
  if (kind === "service" || kind === "network") return false;
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === "InteractionRequiredError" || name === "AuthenticationRequiredError" || name === "InteractionRequiredAuthError") return true;
  }
  return false;
}

/** Entra refused the client secret itself: wrong or deleted (AADSTS7000215), expired (AADSTS7000222). */
export const REJECTED_SECRET_CODES: readonly number[] = [7000215, 7000222];

/** True when only a new client secret can help (the failure offers "Enter a new secret"). */
export function isRejectedSecret(err: unknown): boolean {
  const code = explainAuthError(err).code;
  return code !== undefined && REJECTED_SECRET_CODES.includes(code);
}
