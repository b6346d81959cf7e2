// Errors shaped like Microsoft Entra ID's: an OAuth error plus an AADSTS code whose text follows the real
// service's wording, with trace id, correlation id and timestamp appended the way eSTS does it.
import crypto from "node:crypto";

export interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
  suberror?: string;
  claims?: string;
}

export interface EntraError {
  readonly status: number;
  readonly body: EntraErrorBody;
  readonly headers?: Readonly<Record<string, string>>;
}

interface CatalogEntry {
  status: number;
  error: string;
  text: (a: Args) => string;
  suberror?: string;
  claims?: string;
}

/** Values substituted into the catalogue texts; anything missing gets a neutral placeholder. */
export interface Args {
  clientId?: string;
  appName?: string;
  tenant?: string;
  tenantName?: string;
  resource?: string;
  scope?: string;
  redirectUri?: string;
  username?: string;
  grantType?: string;
  thumbprint?: string;
  detail?: string;
}

const CAPOLIDS_CLAIMS = JSON.stringify({ access_token: { capolids: { essential: true, values: ["9a8b7c6d-0000-4000-8000-00000000ca01"] } } });

/** The AADSTS codes the fake knows, with Entra's texts. Unknown codes get a generic text. */
const CATALOG: Record<number, CatalogEntry> = {
  900144: { status: 400, error: "invalid_request", text: (a) => `The request body must contain the following parameter: '${a.detail ?? "client_id"}'.` },
  90002: { status: 400, error: "invalid_tenant", text: (a) => `Tenant '${a.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.` },
  50059: { status: 400, error: "invalid_request", text: () => "No tenant-identifying information found in either the request or implied by any provided credentials." },
  700016: { status: 400, error: "unauthorized_client", text: (a) => `Application with identifier '${a.clientId}' was not found in the directory '${a.tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.` },
  50011: { status: 400, error: "invalid_request", text: (a) => `The redirect URI '${a.redirectUri}' specified in the request does not match the redirect URIs configured for the application '${a.clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.` },
  7000215: { status: 401, error: "invalid_client", text: (a) => `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${a.clientId}'.` },
  7000218: { status: 401, error: "invalid_client", text: () => "The request body must contain the following parameter: 'client_assertion' or 'client_secret'." },
  7000222: { status: 401, error: "invalid_client", text: (a) => `The provided client secret keys for app '${a.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.` },
  700025: { status: 401, error: "invalid_client", text: () => "Client is public so neither 'client_assertion' nor 'client_secret' should be presented." },
  700027: { status: 401, error: "invalid_client", text: (a) => a.thumbprint
    ? `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${a.thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${a.clientId}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, such as 'https://graph.microsoft.com/beta/applications/${a.clientId}']`
    : "Client assertion failed signature validation." },
  700023: { status: 401, error: "invalid_client", text: () => "Client assertion audience claim does not match Realm issuer. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials ." },
  700021: { status: 401, error: "invalid_client", text: () => "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials ." },
  700024: { status: 401, error: "invalid_client", text: () => "Client assertion is not within its valid time range. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials ." },
  50013: { status: 400, error: "invalid_grant", text: (a) => `Assertion failed signature validation. [Reason - ${a.detail ?? "The key was not found."}]` },
  500133: { status: 400, error: "invalid_grant", text: () => "Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token." },
  700211: { status: 400, error: "invalid_client", text: (a) => `No matching federated identity record found for presented assertion issuer '${a.detail}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation` },
  700212: { status: 400, error: "invalid_client", text: (a) => `No matching federated identity record found for presented assertion audience '${a.detail}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation` },
  700213: { status: 400, error: "invalid_client", text: (a) => `No matching federated identity record found for presented assertion subject '${a.detail}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation` },
  50027: { status: 400, error: "invalid_request", text: (a) => `JWT token is invalid or malformed.${a.detail ? " " + a.detail : ""}` },
  70011: { status: 400, error: "invalid_scope", text: (a) => `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${a.scope} is not valid.` },
  28000: { status: 400, error: "invalid_scope", text: (a) => `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${a.scope} is not valid.` },
  1002012: { status: 400, error: "invalid_scope", text: (a) => `The provided value for scope ${a.scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).` },
  500011: { status: 400, error: "invalid_resource", text: (a) => `The resource principal named ${a.resource} was not found in the tenant named ${a.tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.` },
  65001: { status: 400, error: "invalid_grant", suberror: "consent_required", text: (a) => `The user or administrator has not consented to use the application with ID '${a.clientId}' named '${a.appName}'. Send an interactive authorization request for this user and resource.` },
  65004: { status: 400, error: "access_denied", text: () => "User declined to consent to access the app." },
  700054: { status: 400, error: "unsupported_response_type", text: (a) => `response_type '${a.detail}' is not enabled for the application.` },
  501491: { status: 400, error: "invalid_request", text: (a) => `The code_challenge_method '${a.detail}' is not supported. Supported values are 'S256' and 'plain'.` },
  70003: { status: 400, error: "unsupported_grant_type", text: (a) => `The app requested an unsupported grant type '${a.grantType}'.` },
  70000: { status: 400, error: "invalid_grant", text: (a) => `Provided grant is invalid or malformed.${a.detail ? " " + a.detail : ""}` },
  70008: { status: 400, error: "invalid_grant", text: () => "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource." },
  54005: { status: 400, error: "invalid_grant", text: () => "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token." },
  50148: { status: 400, error: "invalid_grant", text: () => "The code_verifier does not match the code_challenge supplied in the authorization request for PKCE." },
  501481: { status: 400, error: "invalid_grant", text: () => "The Code_Verifier does not match the code_challenge supplied in the authorization request." },
  9002313: { status: 400, error: "invalid_grant", text: () => "Invalid request. Request is malformed or invalid." },
  70016: { status: 400, error: "authorization_pending", text: () => "OAuth 2.0 device flow error. Authorization is pending. Continue polling." },
  70019: { status: 400, error: "expired_token", text: () => "Verification code expired." },
  70020: { status: 400, error: "authorization_declined", text: () => "The end user denied the authorization request." },
  50058: { status: 400, error: "login_required", text: () => "A silent sign-in request was sent but no user is signed in." },
  50076: { status: 400, error: "invalid_grant", suberror: "basic_action", claims: CAPOLIDS_CLAIMS, text: (a) => `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${a.resource ?? "00000003-0000-0000-c000-000000000000"}'.` },
  50079: { status: 400, error: "invalid_grant", suberror: "basic_action", text: (a) => `Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '${a.resource ?? "00000003-0000-0000-c000-000000000000"}'.` },
  53003: { status: 400, error: "invalid_grant", suberror: "message_only", claims: CAPOLIDS_CLAIMS, text: () => "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance." },
  50020: { status: 400, error: "invalid_grant", text: (a) => `User account '${a.username ?? "carol@fabrikam.test"}' from identity provider 'https://sts.windows.net/00000000-0000-4000-8000-0000000fab01/' does not exist in tenant '${a.tenantName}' and cannot access the application '${a.clientId}'(${a.appName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Microsoft Entra user account.` },
  50126: { status: 400, error: "invalid_grant", text: () => "Error validating credentials due to invalid username or password." },
  50173: { status: 400, error: "invalid_grant", text: () => "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password." },
  700082: { status: 400, error: "invalid_grant", text: () => "The refresh token has expired due to inactivity. The token was issued on 2024-01-01T00:00:00.0000000Z and was inactive for 90.00:00:00." },
  50000: { status: 500, error: "server_error", text: () => "There was an error issuing a token or an issue with our sign-in service." },
  90033: { status: 503, error: "temporarily_unavailable", text: () => "A transient error has occurred. Please try again." },
  50196: { status: 429, error: "temporarily_unavailable", text: () => "The server terminated an operation because it encountered a client request loop. Please contact your app vendor." },
  90100: { status: 404, error: "invalid_request", text: (a) => `The request path ${a.detail ?? ""} is not valid on this server.` },
};

/** eSTS prints timestamps as `2024-05-01 12:34:56Z`. */
export function entraTimestamp(d = new Date()): string {
  return d.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}

export interface ErrorOverrides {
  status?: number;
  error?: string;
  headers?: Record<string, string>;
}

/** Builds an Entra-shaped error for an AADSTS code. `base` is the server URL (for error_uri). */
export function entraError(base: string, code: number, args: Args = {}, overrides: ErrorOverrides = {}): EntraError {
  const entry = CATALOG[code];
  const traceId = crypto.randomUUID();
  const correlationId = crypto.randomUUID();
  const timestamp = entraTimestamp();
  const filled: Args = { tenantName: "Contoso Sandbox", appName: "(unknown app)", clientId: "(none)", ...args };
  const text = entry ? entry.text(filled) : "The service returned an error.";
  const body: EntraErrorBody = {
    error: overrides.error ?? entry?.error ?? "invalid_request",
    error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${base}/error?code=${code}`,
  };
  if (entry?.suberror) body.suberror = entry.suberror;
  if (entry?.claims) body.claims = entry.claims;
  return { status: overrides.status ?? entry?.status ?? 400, body, headers: overrides.headers };
}

/** Default AADSTS code for a fault injected by HTTP status alone. */
export function defaultCodeForStatus(status: number): number {
  if (status === 429) return 50196;
  if (status === 404) return 90100;
  if (status === 503 || status === 504) return 90033;
  if (status >= 500) return 50000;
  return 70000;
}

/** Whether the catalogue has a text for the code (used to validate fault switches). */
export function isKnownCode(code: number): boolean {
  return code in CATALOG;
}
