// Catalogue of Microsoft Entra (AADSTS) error codes a developer meets when getting tokens, in plain words with a
// concrete fix. Meanings follow Microsoft's "Microsoft Entra authentication and authorization error codes" page;
// Entra's own error_description is always shown next to ours, since codes and texts change over time.
// Pure: no 'vscode', no '@azure/identity'.
import { PUBLIC_AUTHORITY } from "./clouds";

export interface AadstsEntry {
  readonly code: number;
  /** Short title, e.g. "Multi-factor authentication required". */
  readonly title: string;
  /** What happened, in plain language. */
  readonly explanation: string;
  /** What to do about it, concretely. */
  readonly fix: string;
}

const APP_REG = "Entra admin center → App registrations → your app";
const ENTERPRISE_APP = "Entra admin center → Enterprise applications → the app";

const ENTRIES: readonly AadstsEntry[] = [
  {
    code: 28000,
    title: "More than one resource in the scopes",
    explanation: "The scopes name permissions of more than one resource (API). Entra issues an access token for one resource at a time.",
    fix: "Request the scopes of one resource only (e.g. only https://graph.microsoft.com/… scopes) and get a second token for the other resource.",
  },
  {
    code: 50001,
    title: "Resource not found or disabled",
    explanation: "The resource (API) in the scope does not exist in this tenant or has been disabled.",
    fix: "Check the resource part of the scope for typos (the application ID URI must match exactly). If it is your own API, make sure its app registration exists in this tenant and exposes that URI under 'Expose an API'.",
  },
  {
    code: 50011,
    title: "Redirect URI mismatch",
    explanation: "The redirect URI sent with the sign-in request is not one of the redirect URIs registered for the application.",
    fix: `In ${APP_REG} → Authentication → Add a platform → Mobile and desktop applications, add http://localhost (used by browser sign-in). The URI must match exactly, including scheme and trailing slash.`,
  },
  {
    code: 50012,
    title: "Client credential rejected",
    explanation: "Entra could not validate the client assertion or certificate the app presented (bad signature, wrong audience, or a certificate that is not registered).",
    fix: `Upload the certificate's public key (.cer) under ${APP_REG} → Certificates & secrets → Certificates, and make sure the private key used to sign matches it.`,
  },
  {
    code: 50013,
    title: "Assertion rejected (on-behalf-of)",
    explanation: "Entra did not accept the incoming token the middle-tier API presented for on-behalf-of: it was not issued for that app (its audience is another API), it is not a user's token, its signature is not Entra's, or it comes from another tenant.",
    fix: "Use the token your API received from its client, issued for your API's app (aud = its client ID or App ID URI), and exchange it with that same app's client ID and secret or certificate. A token for Microsoft Graph or an app-only token cannot be exchanged.",
  },
  {
    code: 50020,
    title: "Account is not a member of this tenant",
    explanation: "You signed in with an account from another tenant or identity provider (for example a personal Microsoft account or a guest's home account) that does not exist in the tenant you asked for.",
    fix: "Sign in with an account of that tenant, ask an admin to invite your account as a guest (Entra admin center → Users → Invite external user), or set the tenant to your account's home tenant. For personal accounts, use 'consumers' or 'common' with an app that supports personal Microsoft accounts.",
  },
  {
    code: 50034,
    title: "User account not found",
    explanation: "The user name you signed in with does not exist in this tenant's directory.",
    fix: "Check the user name for typos, or set the tenant to the one where this account lives (your home tenant, or a tenant where you are a guest).",
  },
  {
    code: 50053,
    title: "Account locked or sign-in blocked",
    explanation: "The account is temporarily locked after too many failed sign-ins, or Entra blocked a sign-in from a suspicious IP address.",
    fix: "Wait a few minutes and sign in again with the right password; if it persists, ask your admin to check Smart Lockout and the sign-in logs (Entra admin center → Users → Sign-in logs).",
  },
  {
    code: 50055,
    title: "Password expired",
    explanation: "Your password has expired and must be changed before you can sign in.",
    fix: "Change your password (sign in at https://myaccount.microsoft.com or through the browser sign-in, which offers the change), then get the token again.",
  },
  {
    code: 50056,
    title: "No password for this account",
    explanation: "The account has no password stored in Entra (for example a federated or passwordless account), so password sign-in cannot work.",
    fix: "Use browser or device code sign-in so your organization's usual sign-in method (federation, passkey, Authenticator) is used.",
  },
  {
    code: 50057,
    title: "Account disabled",
    explanation: "The user account is disabled in the directory.",
    fix: "Ask your admin to re-enable the account (Entra admin center → Users → the user → Account enabled), or sign in with another account.",
  },
  {
    code: 50058,
    title: "Not signed in (silent sign-in failed)",
    explanation: "A silent token request found no usable sign-in session: you are not signed in, or the session is not valid for this tenant.",
    fix: "Sign in interactively (browser or device code) and try again.",
  },
  {
    code: 50059,
    title: "Tenant could not be determined",
    explanation: "Neither the request nor the credentials said which tenant to use, typically when the 'common' endpoint is used with an account or app that needs a specific tenant.",
    fix: "Set the tenant to a tenant ID or domain (e.g. contoso.onmicrosoft.com) instead of 'common'.",
  },
  {
    code: 50076,
    title: "Multi-factor authentication required",
    explanation: "A policy (security defaults, per-user MFA or Conditional Access) requires multi-factor authentication for this sign-in, for example because of a new location or a changed policy.",
    fix: "Sign in interactively (browser or device code) to complete MFA. For Azure CLI run: az login --tenant <tenant> --scope <resource>/.default, then try again.",
  },
  {
    code: 50079,
    title: "MFA registration required",
    explanation: "Your organization requires multi-factor authentication, and you have not registered a method yet.",
    fix: "Sign in interactively in the browser and follow the prompts to register a method (or go to https://aka.ms/mysecurityinfo), then try again.",
  },
  {
    code: 50105,
    title: "User not assigned to the application",
    explanation: "The application requires user assignment ('Assignment required'), and you are not assigned to it directly or through a group.",
    fix: `Ask an admin to assign you in ${ENTERPRISE_APP} → Users and groups → Add user/group (or to turn off 'Assignment required' under Properties).`,
  },
  {
    code: 50126,
    title: "Wrong user name or password",
    explanation: "The user name or password is not correct.",
    fix: "Check the user name and password and try again; if you use a federated or passwordless account, use browser sign-in instead.",
  },
  {
    code: 50128,
    title: "Tenant domain not found",
    explanation: "The domain in the request (or in your user name) does not identify any Entra tenant.",
    fix: "Check the tenant domain for typos, or use the tenant ID (a GUID, shown on Entra admin center → Overview).",
  },
  {
    code: 50158,
    title: "External security challenge not satisfied",
    explanation: "A Conditional Access custom control or an external MFA provider required a challenge that was not completed.",
    fix: "Sign in interactively in the browser and complete the external challenge; if it keeps failing, ask your admin about the custom control or external authentication method.",
  },
  {
    code: 50173,
    title: "Sign-in is no longer valid",
    explanation: "The grant Entra stored for you was revoked, for example after a password change or reset.",
    fix: "Sign in interactively again to get a fresh session.",
  },
  {
    code: 50194,
    title: "Single-tenant app used with 'common'",
    explanation: "The application is registered for one tenant only, so the 'common' endpoint cannot be used with it.",
    fix: `Set the tenant to the app's tenant ID or domain, or make the app multi-tenant in ${APP_REG} → Authentication → Supported account types.`,
  },
  {
    code: 53000,
    title: "Compliant device required",
    explanation: "A Conditional Access policy only allows this resource from a device that is managed and compliant (for example enrolled in Intune).",
    fix: "Use a compliant device, or enroll this one (Company Portal). On a compliant device, browser sign-in through a supported browser (Edge, or Chrome with the Microsoft SSO extension) passes the device state.",
  },
  {
    code: 53001,
    title: "Domain-joined device required",
    explanation: "A Conditional Access policy requires a hybrid Entra joined (domain-joined) device.",
    fix: "Sign in from a domain-joined device, or ask your admin which devices the policy allows.",
  },
  {
    code: 53003,
    title: "Blocked by Conditional Access",
    explanation: "A Conditional Access policy blocked this sign-in (for example because of the location, app, platform or risk).",
    fix: "Ask your admin to look up this request in Entra admin center → Sign-in logs (search the correlation ID) to see which policy blocked it; try from an allowed network or device.",
  },
  {
    code: 54005,
    title: "Authorization code already used",
    explanation: "The authorization code from the sign-in was already exchanged for a token; a code can be redeemed only once.",
    fix: "Start the sign-in again to get a new code.",
  },
  {
    code: 65001,
    title: "Consent required",
    explanation: "Neither you nor an admin has consented to the application using this resource's permissions.",
    fix: `Sign in interactively to consent if you may, or have an admin grant consent: ${APP_REG} → API permissions → Add the permission, then 'Grant admin consent for <tenant>'.`,
  },
  {
    code: 65002,
    title: "First-party app not pre-authorized for this API",
    explanation: "A Microsoft first-party client (for example the Azure CLI client ID used by default) is not pre-authorized for this resource, and consent cannot be granted for such pairs.",
    fix: "Use your own app registration's client ID (with the API permission added and consented), or a resource that client is allowed to call.",
  },
  {
    code: 65004,
    title: "Consent declined",
    explanation: "You (or the user) declined the consent prompt, so the app did not get the permissions.",
    fix: "Sign in again and accept the consent prompt, or ask an admin to grant consent for the tenant (API permissions → Grant admin consent).",
  },
  {
    code: 70000,
    title: "Invalid grant",
    explanation: "The grant presented to Entra (authorization code, refresh token or assertion) is invalid, expired, revoked or was issued for another client or scope.",
    fix: "Sign in interactively again. If you use a client assertion or workload identity, check that the token file is fresh and meant for this app.",
  },
  {
    code: 70001,
    title: "Application disabled or not available",
    explanation: "The application is disabled, or it is not available in this tenant.",
    fix: `Ask an admin to check ${ENTERPRISE_APP} → Properties → 'Enabled for users to sign in?', and that the client ID and tenant are right.`,
  },
  {
    code: 70002,
    title: "Invalid client credentials",
    explanation: "Entra could not validate the client: the credential is wrong, or the app is not set up for this kind of sign-in (for example a public-client flow without 'Allow public client flows').",
    fix: `For browser/device code sign-in, turn on ${APP_REG} → Authentication → 'Allow public client flows'. For a service principal, check the secret or certificate under Certificates & secrets.`,
  },
  {
    code: 70008,
    title: "Sign-in expired or revoked",
    explanation: "The refresh token or code has expired (for example after a long period of inactivity) or was revoked.",
    fix: "Sign in interactively again.",
  },
  {
    code: 70011,
    title: "Invalid scope",
    explanation: "A scope is not valid: the permission does not exist on the resource, the scope is malformed, or .default is combined with other scopes or with another resource's .default.",
    fix: "Check the resource's application ID URI and permission names (e.g. https://graph.microsoft.com/User.Read); use <resource>/.default alone, for one resource at a time.",
  },
  {
    code: 70016,
    title: "Waiting for device code sign-in",
    explanation: "The device code sign-in has not been completed yet in the browser (authorization_pending).",
    fix: "Open the verification page shown, enter the code and finish signing in; the token is then picked up automatically.",
  },
  {
    code: 70018,
    title: "Wrong device code entered",
    explanation: "The code entered on the device code page is not valid.",
    fix: "Start again and type the code exactly as shown.",
  },
  {
    code: 70019,
    title: "Device code expired",
    explanation: "The device code expired before the sign-in was completed in the browser (codes last about 15 minutes).",
    fix: "Start device code sign-in again and complete it promptly.",
  },
  {
    code: 70020,
    title: "Device code sign-in timed out",
    explanation: "The device code sign-in was not completed in time and can no longer be used.",
    fix: "Start device code sign-in again and enter the new code promptly.",
  },
  {
    code: 70043,
    title: "Sign-in frequency reached",
    explanation: "A Conditional Access sign-in frequency policy requires you to sign in again.",
    fix: "Sign in interactively again.",
  },
  {
    code: 90002,
    title: "Tenant not found",
    explanation: "The tenant in the request does not exist, has no active subscription, or belongs to another cloud (for example a US Government tenant used with the global cloud).",
    fix: "Check the tenant ID or domain for typos, and pick the cloud the tenant lives in (Azure global, US Government or China).",
  },
  {
    code: 90009,
    title: "App requested a token for itself by URI",
    explanation: "The application asked for a token for itself, using its application ID URI as the resource; that is only supported with the app ID (GUID).",
    fix: "Use the app's client ID (GUID) as the resource, e.g. <client-id>/.default instead of api://…/.default.",
  },
  {
    code: 90014,
    title: "Required field missing",
    explanation: "A required field was missing from the request or from the credential.",
    fix: "Check that all fields of the profile are filled in (tenant, client ID, scopes, credential) and try again; Entra's text below names the missing field.",
  },
  {
    code: 90072,
    title: "External account not in this tenant",
    explanation: "The account you signed in with (often a personal Microsoft account or another organization's account) does not exist in this tenant and was not invited as a guest.",
    fix: "Sign in with an account of this tenant, or have an admin invite your account as a guest; personal accounts can also use the 'consumers' tenant with apps that support them.",
  },
  {
    code: 90094,
    title: "Admin consent required",
    explanation: "The permissions requested need an administrator's approval; users cannot consent to them.",
    fix: `Ask an admin to grant consent: ${APP_REG} → API permissions → 'Grant admin consent for <tenant>'.`,
  },
  {
    code: 399284,
    title: "Federated token issuer mismatch",
    explanation: "The ID token presented by the external identity provider or workload has an empty issuer, or one that does not match what Entra has configured.",
    fix: `Compare the token's 'iss' claim with the configured issuer: for workload identity, ${APP_REG} → Certificates & secrets → Federated credentials → Issuer (exact match, including https and trailing slash).`,
  },
  {
    code: 500011,
    title: "Resource not found in the tenant",
    explanation: "The resource (API) named in the scope has no service principal in this tenant: the app is not installed or consented here, or the resource URI has a typo.",
    fix: "Check the scope's resource URI exactly (e.g. https://management.azure.com, no extra path). For your own API, an admin must consent to it in this tenant (or sign in once to the API app) so its service principal is created.",
  },
  {
    code: 500113,
    title: "No redirect URI registered",
    explanation: "The application has no redirect URI registered, so interactive sign-in cannot return to it.",
    fix: `In ${APP_REG} → Authentication → Add a platform → Mobile and desktop applications, add http://localhost.`,
  },
  {
    code: 500133,
    title: "Incoming token expired (on-behalf-of)",
    explanation: "The token the middle-tier API tried to exchange on behalf of the user has expired: Entra only exchanges tokens that are still valid.",
    fix: "Have the client call your API again with a fresh token and exchange that one; an API should exchange the token as soon as it receives it.",
  },
  {
    code: 501481,
    title: "PKCE code verifier mismatch",
    explanation: "The code_verifier sent when redeeming the authorization code does not match the code_challenge sent at sign-in.",
    fix: "Start the sign-in again from the beginning; make sure only one sign-in is in progress at a time (an old browser tab can complete a stale request).",
  },
  {
    code: 530003,
    title: "Managed device required",
    explanation: "Conditional Access requires a managed device to access this resource, and the device state could not be confirmed.",
    fix: "Use a managed (Intune-enrolled or Entra-joined) device; use browser sign-in with Edge or the Microsoft SSO extension so the device state is sent.",
  },
  {
    code: 700016,
    title: "Application not found in the tenant",
    explanation: "No application with this client ID exists in the tenant: a typo in the client ID, the wrong tenant, or a single-tenant app used from another tenant.",
    fix: "Check the client ID (Application (client) ID on the app's Overview page) and the tenant. For an app from another tenant, it must be multi-tenant and consented here.",
  },
  {
    code: 700022,
    title: "Scopes span multiple resources",
    explanation: "The scopes contain permissions of more than one resource; Entra issues a token for one resource at a time.",
    fix: "Keep the scopes of one resource and get another token for the next.",
  },
  {
    code: 700024,
    title: "Client assertion outside its valid time",
    explanation: "The client assertion (a signed JWT, e.g. a workload identity token) has expired or is not yet valid, often because of clock skew or a stale token file.",
    fix: "Check the machine's clock, and that the federated token file (AZURE_FEDERATED_TOKEN_FILE) is refreshed; then try again.",
  },
  {
    code: 700027,
    title: "Client assertion signature invalid",
    explanation: "The certificate used to sign the client assertion is not registered for the app, or the assertion was signed with another key.",
    fix: `Upload the certificate's public key under ${APP_REG} → Certificates & secrets → Certificates, and sign with the matching private key.`,
  },
  {
    code: 700082,
    title: "Refresh token expired from inactivity",
    explanation: "The refresh token expired because it was not used for a long time.",
    fix: "Sign in interactively again.",
  },
  {
    code: 700211,
    title: "No matching federated credential (issuer)",
    explanation: "No federated identity credential on the app matches the issuer of the presented token.",
    fix: `Add or fix a federated credential in ${APP_REG} → Certificates & secrets → Federated credentials with the token's exact issuer.`,
  },
  {
    code: 700213,
    title: "No matching federated credential (subject)",
    explanation: "No federated identity credential on the app matches the subject of the presented token.",
    fix: `Make the federated credential's subject identifier match the token's 'sub' exactly (${APP_REG} → Certificates & secrets → Federated credentials).`,
  },
  {
    code: 900144,
    title: "Required parameter missing",
    explanation: "The token request body is missing a required parameter (Entra's text names it, e.g. 'scope' or 'client_id').",
    fix: "Check that the profile has a client ID and at least one scope; if a tool built the request, update it.",
  },
  {
    code: 1002012,
    title: "App-only request needs a .default scope",
    explanation: "Client credential flows (client secret, certificate, managed or workload identity) only accept <resource>/.default scopes, not named permissions.",
    fix: "Use <resource>/.default (e.g. https://graph.microsoft.com/.default); grant application permissions (app roles) to the app and admin-consent them.",
  },
  {
    code: 7000215,
    title: "Invalid client secret",
    explanation: "The client secret is wrong. A frequent cause is pasting the secret's ID instead of its value.",
    fix: `Create a new secret in ${APP_REG} → Certificates & secrets → New client secret, and copy its Value (shown only once), not the Secret ID.`,
  },
  {
    code: 7000218,
    title: "Public client flows not enabled",
    explanation: "Entra expected a client secret or assertion, because the app is treated as a confidential client: 'Allow public client flows' is off for a device code or similar sign-in.",
    fix: `Turn on ${APP_REG} → Authentication → Advanced settings → 'Allow public client flows' (Yes), and save.`,
  },
  {
    code: 7000222,
    title: "Client secret expired",
    explanation: "The client secret used has passed its expiry date.",
    fix: `Create a new secret in ${APP_REG} → Certificates & secrets → New client secret, store its Value, and remove the expired one.`,
  },
  {
    code: 9002313,
    title: "Malformed request",
    explanation: "Entra considered the request malformed or invalid, for example a broken or reused code, a wrong grant type or a mangled parameter.",
    fix: "Start the sign-in again from the beginning; if it persists, check the tenant, client ID and scopes for stray characters.",
  },
];

const BY_CODE: ReadonlyMap<number, AadstsEntry> = new Map(ENTRIES.map((e) => [e.code, Object.freeze({ ...e })]));

/** Every catalogued code, ascending. */
export const AADSTS_CATALOGUE: readonly AadstsEntry[] = Object.freeze([...BY_CODE.values()].sort((a, b) => a.code - b.code));

/** Parses 50076, "50076" or "AADSTS50076" (any case) to a number; undefined otherwise. */
export function parseAadstsCode(code: number | string): number | undefined {
  if (typeof code === "number") return Number.isSafeInteger(code) && code > 0 ? code : undefined;
  const m = /^\s*(?:aadsts)?(\d{4,9})\s*$/i.exec(code);
  return m ? Number(m[1]) : undefined;
}

export function lookupAadsts(code: number | string): AadstsEntry | undefined {
  const n = parseAadstsCode(code);
  return n === undefined ? undefined : BY_CODE.get(n);
}

/** Microsoft's own error lookup page for a code (for a "Look it up" link; opened in the user's browser). */
export function aadstsLookupUrl(code: number): string {
  return `${PUBLIC_AUTHORITY}/error?code=${encodeURIComponent(String(code))}`;
}
