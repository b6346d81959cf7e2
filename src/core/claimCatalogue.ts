// Plain-language explanations of JWT, OpenID Connect and Microsoft Entra ID claims, and of the values we
// recognise. Written for a developer debugging a 401. Pure data + lookups; portable.

import { findResource } from "./resources";
import { formatDuration, formatUtc, timeClaimKind, toEpochSeconds } from "./timeFormat";
import { isGuid } from "./ids";
import { amrMethodName, directoryRoleName, findClientApp, tenantName } from "./claimValues";

export type ClaimCategory = "registered" | "oidc" | "entra";
export type TokenVersion = "v1.0" | "v2.0";

export interface ClaimInfo {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly category: ClaimCategory;
  /** Entra token versions it appears in, when it is version-specific. */
  readonly versions?: readonly TokenVersion[];
  /** Personal data (mask or think twice before sharing a screenshot). */
  readonly personal?: boolean;
  /** Microsoft calls it opaque / internal: do not build on it. */
  readonly internal?: boolean;
}

const V1: readonly TokenVersion[] = ["v1.0"];
const V2: readonly TokenVersion[] = ["v2.0"];

function c(name: string, title: string, category: ClaimCategory, description: string, extra: Partial<ClaimInfo> = {}): ClaimInfo {
  return { name, title, category, description, ...extra };
}

export const CLAIM_CATALOGUE: readonly ClaimInfo[] = [
  // Registered claims (RFC 7519)
  c("iss", "Issuer", "registered", "Who issued the token. For Entra it contains the tenant id; v1.0 tokens use https://sts.windows.net/{tenant}/ and v2.0 tokens https://login.microsoftonline.com/{tenant}/v2.0. An API rejects the token if it expects the other form or another tenant."),
  c("sub", "Subject", "registered", "The principal the token is about. In Entra it is pairwise: the same user has a different sub for every application, so use oid to identify a user across apps."),
  c("aud", "Audience", "registered", "The API this token is for. An API returns 401 when aud is not its own identifier, so a Microsoft Graph token cannot call Azure Resource Manager. Ask for a token with the API's scope (for example https://management.azure.com/.default)."),
  c("exp", "Expires", "registered", "When the token stops being valid. APIs reject it afterwards (usually with 401 and an 'expired' message); get a new token rather than extending this one."),
  c("nbf", "Not before", "registered", "The token is not valid before this time. A clock that runs slow on the calling or receiving machine can make a fresh token look not yet valid."),
  c("iat", "Issued at", "registered", "When the token was issued."),
  c("jti", "Token id", "registered", "A unique identifier for this token, used to detect replay. Entra uses uti instead."),
  // OpenID Connect
  c("name", "Name", "oidc", "The display name of the signed-in user. For display only: it can change and is not unique.", { personal: true }),
  c("given_name", "Given name", "oidc", "The user's first name, when the profile has one.", { personal: true }),
  c("family_name", "Family name", "oidc", "The user's last name, when the profile has one.", { personal: true }),
  c("middle_name", "Middle name", "oidc", "The user's middle name.", { personal: true }),
  c("nickname", "Nickname", "oidc", "A casual name for the user. In Entra it is an optional claim.", { personal: true }),
  c("email", "Email", "oidc", "An email address of the user. In Entra it may be unverified and can be changed by users or admins, so never use it to authorize.", { personal: true }),
  c("email_verified", "Email verified", "oidc", "Whether the identity provider verified the email address."),
  c("phone_number", "Phone number", "oidc", "The user's phone number.", { personal: true }),
  c("phone_number_verified", "Phone verified", "oidc", "Whether the phone number was verified."),
  c("locale", "Locale", "oidc", "The user's preferred language and region, such as en-US."),
  c("zoneinfo", "Time zone", "oidc", "The user's time zone, such as Europe/Paris."),
  c("picture", "Picture", "oidc", "A URL of the user's profile picture. Shown as text here, never loaded."),
  c("updated_at", "Profile updated", "oidc", "When the user's profile was last updated."),
  c("nonce", "Nonce", "oidc", "A random value the app sent in the sign-in request, echoed in the ID token so the app can detect replayed tokens. (A nonce in a token header is something else: see the header.)"),
  c("at_hash", "Access token hash", "oidc", "A hash of the access token issued alongside this ID token, so the app can check the two belong together."),
  c("c_hash", "Code hash", "oidc", "A hash of the authorization code issued alongside this ID token (hybrid flow)."),
  c("auth_time", "Authentication time", "oidc", "When the user last entered credentials. A resource that requires recent sign-in (max_age) compares against this."),
  c("acr", "Authentication context class", "oidc", "How strong the authentication was. In Entra v1.0 tokens, \"0\" means the sign-in did not meet ISO/IEC 29115 requirements and \"1\" means it did."),
  c("amr", "Authentication methods", "oidc", "How the user proved who they are, for example pwd (password), mfa (multifactor), rsa or fido. An API or policy that demands MFA looks for mfa here."),
  c("azp", "Authorized party (client)", "oidc", "The application id of the client that requested the token (v2.0 tokens; v1.0 uses appid). Useful to check which app, for example Azure CLI or your own, asked for it.", { versions: V2 }),
  c("sid", "Session id", "oidc", "Identifies the user's sign-in session; used for front-channel sign-out."),
  c("login_hint", "Login hint", "oidc", "An opaque, reliable login hint the app can send back to sign the same user in again without a picker. Don't parse it."),
  c("preferred_username", "Preferred username", "oidc", "The name the user signs in with, often an email or UPN. Mutable: display it, never authorize on it.", { versions: V2, personal: true }),
  c("address", "Address", "oidc", "The user's postal address.", { personal: true }),
  c("birthdate", "Birth date", "oidc", "The user's birth date.", { personal: true }),
  // Microsoft Entra ID
  c("tid", "Tenant id", "entra", "The directory (tenant) that issued the token and that the user or app signed in to. An API configured for another tenant rejects it; guests get a token from the resource tenant, not their home one."),
  c("oid", "Object id", "entra", "The immutable id of the user or service principal in this tenant, the same across apps. Use it (with tid) to identify who called.", { personal: true }),
  c("scp", "Scopes (delegated permissions)", "entra", "Space-separated delegated permissions the app may use on behalf of the signed-in user, for example User.Read. Present only in delegated (user) tokens; a missing scope usually means 403, fix it by requesting and consenting to it."),
  c("roles", "Roles (app roles / application permissions)", "entra", "App roles granted to the user, or application permissions granted to the app in app-only tokens (for example Mail.Read with no signed-in user). A missing role means admin consent or assignment is missing."),
  c("wids", "Directory roles", "entra", "Tenant-wide Entra roles of the user, as role template ids (for example Global Administrator). Only built-in roles; changes need a new token (PIM activations included)."),
  c("groups", "Groups", "entra", "Object ids of groups the user belongs to, when the app asked for group claims. Above a limit (200 in JWTs) they are replaced by an overage pointer (_claim_names) and must be read from Microsoft Graph.", { personal: true }),
  c("hasgroups", "Has groups (overage)", "entra", "True when the user is in too many groups to list in an implicit-flow token; read the groups from Microsoft Graph instead."),
  c("_claim_names", "Claim names (overage)", "entra", "Says which claims did not fit in the token (usually groups) and points into _claim_sources."),
  c("_claim_sources", "Claim sources (overage)", "entra", "Where to fetch the claims that did not fit in the token, typically a Microsoft Graph endpoint."),
  c("idtyp", "Identity type", "entra", "\"app\" for an app-only token (client credentials, managed identity, no user) and \"user\" for a delegated token. Only present when the API asked for it as an optional claim."),
  c("ver", "Token version", "entra", "The access token format, 1.0 or 2.0. The API (resource) decides this through its accessTokenAcceptedVersion setting, not the client or the endpoint you used."),
  c("appid", "Application (client) id", "entra", "The application id of the client that requested the token (v1.0 tokens; v2.0 uses azp).", { versions: V1 }),
  c("app_displayname", "Application name", "entra", "The display name of the client application (v1.0 tokens; optional).", { versions: V1 }),
  c("appidacr", "Client authentication", "entra", "How the client authenticated: 0 public client (no secret), 1 client secret, 2 certificate or federated credential (v1.0 tokens).", { versions: V1 }),
  c("azpacr", "Client authentication", "entra", "How the client authenticated: 0 public client (no secret), 1 client secret, 2 certificate or federated credential (v2.0 tokens).", { versions: V2 }),
  c("acrs", "Authentication contexts", "entra", "Conditional Access authentication contexts the user satisfied (c1, c2, …). An API that requires one answers with a claims challenge when it is missing."),
  c("uti", "Token id (internal)", "entra", "A unique id for this token, used internally by Entra, for example for revocation. Opaque.", { internal: true }),
  c("rh", "Refresh hint (internal)", "entra", "Opaque value Entra uses to revalidate tokens. Don't use it.", { internal: true }),
  c("aio", "Internal data", "entra", "Opaque value Entra uses to reuse the token. It changes every time; don't use it.", { internal: true }),
  c("ipaddr", "IP address", "entra", "The public IP address the user signed in from (v1.0 tokens).", { versions: V1, personal: true }),
  c("upn", "User principal name", "entra", "The user's sign-in name (user@domain). Mutable and reusable: display it, don't authorize on it. Absent for guests in some cases and for app-only tokens.", { personal: true }),
  c("unique_name", "Unique name", "entra", "A human-readable name for the user, usually the UPN (v1.0 tokens). Not guaranteed unique; display only.", { versions: V1, personal: true }),
  c("onprem_sid", "On-premises SID", "entra", "The user's Windows security identifier from on-premises Active Directory, for legacy authorization.", { personal: true }),
  c("ctry", "Country", "entra", "The user's country or region (optional claim).", { personal: true }),
  c("tenant_ctry", "Tenant country", "entra", "The country or region of the tenant."),
  c("tenant_region_scope", "Tenant region", "entra", "The region of the tenant, such as NA, EU or WW."),
  c("tenant_region_sub_scope", "Tenant sub-region", "entra", "The sub-region of the tenant, for example GCC for US Government Community Cloud."),
  c("puid", "Passport unique id", "entra", "A legacy unique id of the user (v1.0 tokens). Opaque.", { versions: V1, internal: true }),
  c("deviceid", "Device id", "entra", "The id of the user's device registered in Entra, when it is known."),
  c("verified_primary_email", "Verified primary email", "entra", "The primary email address from the user's directory record (optional claim).", { personal: true }),
  c("verified_secondary_email", "Verified secondary email", "entra", "Secondary email addresses from the user's directory record (optional claim).", { personal: true }),
  c("in_corp", "Inside corporate network", "entra", "True when the sign-in came from the corporate network, based on the tenant's named locations (optional claim)."),
  c("pwd_exp", "Password expires in", "entra", "Seconds from token issue until the user's password expires. Only present when the tenant expires passwords."),
  c("pwd_url", "Change-password URL", "entra", "Where the user can change their password. Shown as text, never as a link."),
  c("acct", "Account type", "entra", "0 for a member of the tenant, 1 for a guest (optional claim)."),
  c("altsecid", "Alternate security id", "entra", "An alternate id of a user who signed in with an external account, for example a Microsoft account guest.", { personal: true }),
  c("idp", "Identity provider", "entra", "Who authenticated the user when it was not this tenant, for example live.com for a Microsoft account or another tenant's issuer for a guest. Absent when it is the token's own issuer."),
  c("cnf", "Confirmation (proof of possession)", "entra", "Binds the token to a key: the caller must prove it holds the key (PoP / SHR tokens), so the token alone is not enough."),
  c("enfpolid", "Enforced policy id", "entra", "The id of a policy that was enforced during the sign-in."),
  c("fwd", "Forwarded IP", "entra", "The original IPv4 address of the client when the request reached Entra through a proxy or a virtual network."),
  c("signin_state", "Sign-in state", "entra", "Facts about the sign-in, for example dvc_mngd (managed device), dvc_cmp (compliant device), kmsi (kept me signed in)."),
  c("platf", "Device platform", "entra", "The platform of the device the user signed in from (managed devices only)."),
  c("home_oid", "Home object id", "entra", "For guests, the user's object id in their home tenant."),
  c("xms_cc", "Client capabilities", "entra", "Capabilities the client declared. cp1 means it handles claims challenges, so it can receive long-lived Continuous Access Evaluation (CAE) tokens that are revoked instantly on events."),
  c("xms_tcdt", "Tenant creation time", "entra", "When the user's tenant was created."),
  c("xms_tdbr", "Tenant data boundary", "entra", "The data boundary region of the tenant, such as EU."),
  c("xms_pdl", "Preferred data location", "entra", "The geo where the user's data lives in a multi-geo tenant."),
  c("xms_pl", "User preferred language", "entra", "The user's preferred language, when set."),
  c("xms_tpl", "Tenant preferred language", "entra", "The tenant's preferred language, when set."),
  c("xms_mirid", "Managed identity resource id", "entra", "For a managed identity: the Azure resource id of the managed identity (or of the resource it is assigned to). Tells you which identity DefaultAzureCredential actually used."),
  c("xms_edov", "Email domain owner verified", "entra", "Whether the domain of the email claim is verified by the tenant."),
  c("xms_idrel", "Identity relationship (internal)", "entra", "Internal Microsoft hint about how the identity relates to the tenant (for example member or guest). Undocumented; don't depend on it.", { internal: true }),
  c("xms_ftd", "Internal data", "entra", "Opaque value used by Microsoft internally. Don't depend on it.", { internal: true }),
  c("xms_st", "Source token data (internal)", "entra", "Internal data about the token this one was derived from, for example the subject of the original token. Don't depend on it.", { internal: true }),
  c("xms_act_fct", "Actor facts (internal)", "entra", "Internal facts about the calling actor (used for agent and app identities). Don't depend on it.", { internal: true }),
  c("xms_sub_fct", "Subject facts (internal)", "entra", "Internal facts about the subject of the token. Don't depend on it.", { internal: true }),
  c("xms_tnt_fct", "Tenant facts (internal)", "entra", "Internal facts about the tenant. Don't depend on it.", { internal: true }),
];

const BY_NAME: ReadonlyMap<string, ClaimInfo> = new Map(CLAIM_CATALOGUE.map((i) => [i.name, i]));

const XMS_FALLBACK: Omit<ClaimInfo, "name"> = {
  title: "Microsoft extension claim",
  category: "entra",
  description: "A Microsoft-specific (xms_) claim that is not in our catalogue. Most are internal or optional claims; don't build on them unless they are documented.",
  internal: true,
};

/** Catalogue entry for a claim, with a generic entry for unknown `xms_*` claims. */
export function getClaimInfo(name: string): ClaimInfo | undefined {
  if (typeof name !== "string") return undefined;
  const known = BY_NAME.get(name);
  if (known) return known;
  if (name.startsWith("xms_")) return { name, ...XMS_FALLBACK };
  return undefined;
}

export interface ClaimExplanation {
  readonly title: string;
  readonly description: string;
  /** What this particular value means, when we recognise it. Plain text. */
  readonly valueNote?: string;
  readonly known: boolean;
  readonly category?: ClaimCategory;
}

function asStringList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.every((v) => typeof v === "string") ? (value as string[]) : undefined;
  // v1 tokens sometimes carry comma-separated lists as one string ("wids": "a,b").
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  return undefined;
}

function audienceNote(value: unknown): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  const notes: string[] = [];
  for (const v of list) {
    if (typeof v !== "string") continue;
    const r = findResource(v);
    if (r) notes.push(r.name);
    else if (isGuid(v)) notes.push("an application id (a custom API, or a Microsoft API we don't list)");
    else if (v.toLowerCase().startsWith("api://")) notes.push("an App ID URI of a custom API");
  }
  return notes.length ? notes.join("; ") : undefined;
}

function listNote(items: string[] | undefined, name: (s: string) => string | undefined, unknown: string): string | undefined {
  if (!items || items.length === 0) return undefined;
  return items.map((i) => name(i) ?? `${unknown}`).join(", ");
}

/** A string, number or boolean as text; undefined for anything else (String() of an object calls into it). */
function scalarText(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

function valueNoteFor(name: string, value: unknown): string | undefined {
  const kind = timeClaimKind(name);
  if (kind === "epoch") {
    const s = toEpochSeconds(value);
    return s === undefined ? "not a valid time" : formatUtc(s);
  }
  if (kind === "seconds-until") {
    const s = toEpochSeconds(value);
    return s === undefined ? undefined : `${formatDuration(s)} after the token was issued`;
  }
  switch (name) {
    case "aud":
      return audienceNote(value);
    case "appid":
    case "azp": {
      if (typeof value !== "string") return undefined;
      return findClientApp(value)?.name;
    }
    case "idtyp":
      return value === "app" ? "app-only token: no signed-in user (client credentials or managed identity)"
        : value === "user" ? "delegated token: an app acting for a signed-in user"
        : value === "device" ? "device token" : undefined;
    case "ver":
      return value === "1.0" ? "v1.0 access token (issuer sts.windows.net, app id in appid)"
        : value === "2.0" ? "v2.0 access token (issuer login.microsoftonline.com/…/v2.0, app id in azp)" : undefined;
    case "appidacr":
    case "azpacr": {
      const v = scalarText(value);
      return v === "0" ? "public client: no client secret or certificate"
        : v === "1" ? "confidential client using a client secret"
        : v === "2" ? "confidential client using a certificate or federated credential" : undefined;
    }
    case "acct": {
      const v = scalarText(value);
      return v === "0" ? "member of the tenant" : v === "1" ? "guest in the tenant" : undefined;
    }
    case "amr":
      return listNote(asStringList(value), (m) => { const n = amrMethodName(m); return n ? `${m}: ${n}` : undefined; }, "unknown method");
    case "wids":
      return listNote(asStringList(value), directoryRoleName, "custom or unlisted role");
    case "tid":
      return typeof value === "string" ? tenantName(value) : undefined;
    case "scp": {
      const list = typeof value === "string" ? value.split(" ").filter(Boolean) : undefined;
      return list ? `${list.length} delegated permission${list.length === 1 ? "" : "s"}` : undefined;
    }
    case "roles":
    case "groups": {
      const list = Array.isArray(value) ? value : undefined;
      return list ? `${list.length} ${name === "roles" ? "role" : "group"}${list.length === 1 ? "" : "s"}` : undefined;
    }
    case "iss": {
      if (typeof value !== "string") return undefined;
      if (/^https:\/\/sts\.windows\.net\/[^/]+\/?$/i.test(value)) return "v1.0 issuer";
      if (/\/v2\.0\/?$/i.test(value)) return "v2.0 issuer";
      return undefined;
    }
    case "xms_cc":
      return (asStringList(value) ?? []).includes("cp1") ? "cp1: client can handle claims challenges (CAE-capable)" : undefined;
    case "hasgroups":
    case "in_corp":
      return value === true || value === "true" ? "yes" : undefined;
    default:
      return undefined;
  }
}

/**
 * Explains a claim and, where we recognise it, its value. Claim values are never interpreted as markup:
 * every returned string is plain text for `textContent`.
 */
export function explainClaim(name: string, value: unknown): ClaimExplanation {
  const info = getClaimInfo(name);
  let valueNote: string | undefined;
  try {
    valueNote = valueNoteFor(name, value);
  } catch {
    valueNote = undefined;
  }
  if (!info) {
    return {
      title: name,
      description: "Not a standard or Entra claim we know. It may be an optional or custom claim added by the API's app registration or a claims-mapping policy.",
      known: false,
      ...(valueNote ? { valueNote } : {}),
    };
  }
  return { title: info.title, description: info.description, category: info.category, known: true, ...(valueNote ? { valueNote } : {}) };
}

export interface HeaderParamInfo {
  readonly name: string;
  readonly title: string;
  readonly description: string;
}

/** JOSE header parameters seen in Entra tokens. */
export const HEADER_CATALOGUE: readonly HeaderParamInfo[] = [
  { name: "typ", title: "Type", description: "The token type, usually JWT." },
  { name: "alg", title: "Algorithm", description: "The signing algorithm, RS256 for Entra. \"none\" means the token is not signed at all and must never be accepted." },
  { name: "kid", title: "Key id", description: "Which of the issuer's published signing keys signed the token." },
  { name: "x5t", title: "Certificate thumbprint", description: "Thumbprint of the signing certificate (v1.0 tokens; same value as kid)." },
  { name: "nonce", title: "Header nonce", description: "Microsoft first-party APIs such as Microsoft Graph put a nonce in the header and hash it before signing: no client can verify the signature, and that is expected. Only the API validates it." },
  { name: "cty", title: "Content type", description: "The type of the payload; for a nested token, JWT." },
  { name: "enc", title: "Content encryption", description: "How the payload of an encrypted token (JWE) is encrypted." },
  { name: "zip", title: "Compression", description: "The payload was compressed before encryption." },
  { name: "jku", title: "Key set URL", description: "A URL of signing keys chosen by whoever made the token. Never fetch keys from it: verification must use the configured authority's keys." },
  { name: "x5u", title: "Certificate URL", description: "A URL of a certificate chosen by whoever made the token. Never trust it for verification." },
  { name: "x5c", title: "Certificate chain", description: "A certificate chain embedded by whoever made the token. Not a trust anchor on its own." },
];

export function explainHeader(name: string): HeaderParamInfo | undefined {
  return HEADER_CATALOGUE.find((h) => h.name === name);
}
