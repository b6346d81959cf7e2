// "Why would this call fail?" — findings about a decoded token, each a short sentence plus its reason.
// Pure; the caller passes the clock and what it asked for.

import { describeJsonType } from "./boundedJson";
import { findResource, sameAudience } from "./resources";
import type { DecodeResult } from "./jwt";
import { formatDuration, toEpochSeconds } from "./timeFormat";
import { timedFindingMessage, type TimedFindingKind } from "./timeFindings";
import { GUID_PATTERN, isGuid, isTenantKeyword } from "./ids";
import { defaultScope, isDefaultPermission, isOidcScope, normaliseAudience, parseScope, requestedResource } from "./scopes";
import { hasInvisibleChars, holdsInvisibleChars, shownText } from "./visibleText";

export type Severity = "error" | "warning" | "info";

export const DIAGNOSTIC_IDS = [
  "decode-error", "opaque", "encrypted", "alg-none", "signature-missing", "invisible-characters",
  "expired", "expires-soon", "not-yet-valid", "within-skew", "issued-in-future", "missing-exp", "invalid-time", "long-lifetime",
  "app-token", "delegated-token", "token-version", "audience-mismatch", "tenant-mismatch", "client-mismatch",
  "permission-missing", "unverifiable-signature", "guest",
] as const;
export type DiagnosticId = (typeof DIAGNOSTIC_IDS)[number];

export interface Diagnostic {
  readonly id: DiagnosticId;
  readonly severity: Severity;
  /** One short sentence. */
  readonly message: string;
  /** Why, and what to do about it. */
  readonly reason: string;
  /** Set when the message counts time (see timeFindings.ts): a view keeps it current from these. */
  readonly timed?: { readonly kind: TimedFindingKind; readonly epochSec: number };
}

export interface ExpectedToken {
  /** The resource asked for: a URL, an app id GUID, an `api://` URI or a `…/.default` scope. */
  readonly audience?: string;
  readonly tenantId?: string;
  /** The scopes requested, e.g. ["https://graph.microsoft.com/User.Read"] or ["User.Read"]. */
  readonly scopes?: readonly string[];
  readonly clientId?: string;
}

export interface DiagnoseContext {
  readonly nowMs: number;
  readonly expected?: ExpectedToken;
  /** Clock-skew tolerance for nbf/exp, default 300 s. */
  readonly skewSec?: number;
}

export const DEFAULT_SKEW_SEC = 300;
const LONG_LIFETIME_SEC = 24 * 3600;

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** Claims are untrusted text: what a sentence may quote of one (escaped, short). */
const q = (s: string): string => shownText(s, 100);

const MAX_NAMED = 5;

/** "Claim `aud` contains…", "Claims `aud`, `iss` and `name` contain…", "…, `e` and 3 more contain…". */
function invisibleMessage(kind: "Claim" | "Header parameter", names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMED).map((n) => `\`${shownText(n, 40)}\``);
  const rest = names.length - shown.length;
  const list = shown.length === 1 ? shown[0]
    : rest > 0 ? `${shown.join(", ")} and ${rest} more`
    : `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
  return `${kind}${names.length === 1 ? "" : "s"} ${list} contain${names.length === 1 ? "s" : ""} invisible or direction-changing characters.`;
}

function namesHoldingInvisibleChars(obj: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(obj).filter((name) => hasInvisibleChars(name) || holdsInvisibleChars(obj[name]));
}

/** The resource asked for: the audience given, else the resource the scopes are for (bare scopes mean Graph). */
function expectedAudience(expected: ExpectedToken): string | undefined {
  return expected.audience || requestedResource(expected.scopes ?? []);
}

/** The tenant id in an Entra issuer: https://<host>/<tenant id>/… */
const ISSUER_TENANT = new RegExp(`^https://[^/]+/(${GUID_PATTERN})(?:/|$)`, "i");

function tenantFromIssuer(iss: string | undefined): string | undefined {
  if (!iss) return undefined;
  const m = ISSUER_TENANT.exec(iss);
  return m?.[1];
}

/** "1e+400 (too large)", "a string", "an object": a bad time value in words, never the whole value. */
function describeTimeValue(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? `${value}, outside the range of a date` : "a number too large to represent";
  if (typeof value === "string") return `the text "${shownText(value, 40)}"`;
  return describeJsonType(value);
}

/** Runs every check. Order: format problems, validity in time, identity and permissions, information. */
export function diagnose(decoded: DecodeResult, context: DiagnoseContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (id: DiagnosticId, severity: Severity, message: string, reason: string): void => {
    out.push({ id, severity, message, reason });
  };
  const addTimed = (id: DiagnosticId & TimedFindingKind, severity: Severity, epochSec: number, reason: string): void => {
    out.push({ id, severity, message: timedFindingMessage(id, epochSec, context.nowMs), reason, timed: { kind: id, epochSec } });
  };

  switch (decoded.kind) {
    case "error":
      add("decode-error", "error", "This token could not be decoded.", decoded.message);
      return out;
    case "opaque":
      add("opaque", "info", "Not a JWT — e.g. a consumer-account (MSA) token, a refresh token or an API key.",
        `${decoded.reason} ${decoded.hint} It may still be a valid credential for its API; it just can't be read by a client.`);
      return out;
    case "jwe": {
      const alg = str(decoded.header?.alg);
      const enc = str(decoded.header?.enc);
      add("encrypted", "info", "Encrypted token (JWE): its claims cannot be read by a client.",
        `It has 5 parts${alg || enc ? ` (alg ${q(alg ?? "?")}, enc ${q(enc ?? "?")})` : ""}; only the service it is issued for holds the decryption key. Consumer-account tokens for some Microsoft APIs look like this. That is expected.`);
      return out;
    }
    case "jws":
      break;
  }

  const { header, payload } = decoded;
  const skew = context.skewSec !== undefined && Number.isFinite(context.skewSec) && context.skewSec >= 0 ? context.skewSec : DEFAULT_SKEW_SEC;
  const nowSec = context.nowMs / 1000;

  // Format
  const alg = str(header.alg);
  if (alg !== undefined && alg.toLowerCase() === "none") {
    add("alg-none", "error", "The token is not signed (alg: none).",
      "Anyone can forge an unsigned token. No API should accept it, and Entra never issues one.");
  } else if (!decoded.signature.present) {
    add("signature-missing", "error", "The signature part is empty.",
      `The header says alg ${alg === undefined ? "(missing)" : q(alg)} but there is no signature, so every API will reject it. It may have been cut off when copying.`);
  }

  // Characters that make a claim read as something it is not
  const spoofedHeader = namesHoldingInvisibleChars(header);
  const spoofedClaims = namesHoldingInvisibleChars(payload);
  const spoofReason = "They are shown as \\u escapes here. A right-to-left override or a zero-width character makes text look like something it is not: an audience, an issuer or a name can read as a trusted value. Don't trust how this token looks elsewhere (jwt.io, logs, a chat).";
  if (spoofedClaims.length) add("invisible-characters", "warning", invisibleMessage("Claim", spoofedClaims), spoofReason);
  if (spoofedHeader.length) add("invisible-characters", "warning", invisibleMessage("Header parameter", spoofedHeader), spoofReason);

  // Time
  const exp = toEpochSeconds(payload.exp);
  const nbf = toEpochSeconds(payload.nbf);
  const iat = toEpochSeconds(payload.iat);
  for (const [name, value] of [["exp", exp], ["nbf", nbf], ["iat", iat]] as const) {
    if (value !== undefined || !Object.prototype.hasOwnProperty.call(payload, name)) continue;
    add("invalid-time", name === "exp" ? "error" : "warning", `The ${name} claim is not a valid time.`,
      `${name} must be a NumericDate: a number of seconds since 1970-01-01 UTC within the range of a date; this one is ${describeTimeValue(payload[name])}. APIs reject a token whose times they cannot read.`);
  }
  if (!Object.prototype.hasOwnProperty.call(payload, "exp")) {
    add("missing-exp", "warning", "The token has no expiry (exp).",
      "Entra tokens always have exp. Without one, an API can't tell when to stop accepting it; most reject it outright.");
  } else if (exp === undefined) {
    // Reported above as invalid-time.
  } else if (nowSec >= exp) {
    addTimed("expired", "error", exp,
      nowSec - exp <= skew
        ? `Some APIs still accept it for up to ${formatDuration(skew)} of clock skew, but don't count on it: get a new token.`
        : "APIs reject expired tokens with 401. Get a new token; refresh tokens let the client do this without a new sign-in.");
  } else if (exp - nowSec <= skew) {
    addTimed("expires-soon", "warning", exp,
      "A request that takes a while, or a server whose clock runs ahead, may see it expired. Refresh it before a long operation.");
  }
  if (nbf !== undefined && nbf > nowSec) {
    if (nbf - nowSec > skew) {
      addTimed("not-yet-valid", "error", nbf,
        `nbf is more than ${formatDuration(skew)} ahead of this machine's clock. Check the clock on this machine (or the server's); APIs reject tokens used before nbf.`);
    } else {
      addTimed("within-skew", "info", nbf,
        `APIs usually allow ${formatDuration(skew)} of clock skew, so this works; a slightly slow clock here is the likely cause.`);
    }
  }
  if (iat !== undefined && iat - nowSec > skew) {
    add("issued-in-future", "warning", "Issued in the future by this machine's clock.",
      `iat is ${formatDuration(iat - nowSec)} ahead of now: this machine's clock is probably wrong, which also breaks expiry checks.`);
  }
  if (exp !== undefined) {
    const start = nbf ?? iat;
    if (start !== undefined && exp - start > LONG_LIFETIME_SEC) {
      add("long-lifetime", "warning", `Very long lifetime: ${formatDuration(exp - start)}.`,
        "Entra access tokens normally live 60–90 minutes (managed identity and CAE tokens up to about 24 hours). A longer-lived bearer token is a bigger risk if it leaks; check where it came from.");
    }
  }

  // Identity type
  const idtyp = str(payload.idtyp);
  const scp = str(payload.scp);
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === "string") : [];
  const isApp = idtyp === "app" || (idtyp === undefined && scp === undefined && roles.length > 0);
  const isUser = idtyp === "user" || (idtyp === undefined && scp !== undefined);
  if (isApp) {
    add("app-token", "info", "Application token: no signed-in user.",
      `${idtyp === "app" ? "idtyp is app" : "It has roles but no scp"}: the app acts as itself (client credentials or managed identity), so its permissions are application permissions in roles. Endpoints such as Microsoft Graph /me need a user and will fail.`);
  } else if (isUser) {
    add("delegated-token", "info", "Delegated token: the app acts for a signed-in user.",
      `${idtyp === "user" ? "idtyp is user" : "It has scp"}: the effective permissions are the intersection of the delegated scopes in scp and what the user may do.`);
  }

  // Version
  const ver = str(payload.ver);
  if (ver === "1.0" || ver === "2.0") {
    add("token-version", "info", `v${ver} access token.`,
      ver === "1.0"
        ? "The API's app registration decides the version (accessTokenAcceptedVersion). v1.0 tokens use issuer https://sts.windows.net/{tenant}/ and appid; an API validating v2.0 issuers rejects them."
        : "The API's app registration decides the version (accessTokenAcceptedVersion). v2.0 tokens use issuer https://login.microsoftonline.com/{tenant}/v2.0 and azp; an API validating v1.0 issuers rejects them.");
  }

  const expected = context.expected ?? {};

  // Audience
  const aud = payload.aud;
  const audList = (Array.isArray(aud) ? aud : [aud]).filter((a): a is string => typeof a === "string");
  const wanted = expectedAudience(expected);
  // A v2.0 token names a custom API by its app id, which a client cannot map to the api:// URI it asked for.
  const unmappable = wanted !== undefined && !isGuid(normaliseAudience(wanted)) && !findResource(wanted)
    && audList.length > 0 && audList.every((a) => isGuid(a) && !findResource(a));
  if (wanted && audList.length > 0 && !unmappable && !audList.some((a) => sameAudience(a, wanted))) {
    const wantedName = findResource(wanted)?.name;
    const gotName = audList.map((a) => findResource(a)?.name).find(Boolean);
    add("audience-mismatch", "error",
      `Audience is ${gotName ?? q(audList.join(", "))}, not ${wantedName ?? normaliseAudience(wanted)}.`,
      `The token was issued for ${q(audList.join(", "))}${gotName ? ` (${gotName})` : ""} but you asked for ${wanted}. The API will answer 401. Request the token with the API's scope, e.g. ${defaultScope(normaliseAudience(wanted))}.`);
  }

  // Tenant
  const tid = str(payload.tid) ?? tenantFromIssuer(str(payload.iss));
  const wantedTenant = expected.tenantId?.trim().toLowerCase();
  if (tid && wantedTenant && isGuid(wantedTenant) && !isTenantKeyword(wantedTenant) && tid.toLowerCase() !== wantedTenant) {
    add("tenant-mismatch", "error", `Issued by tenant ${q(tid)}, not ${expected.tenantId}.`,
      "An API configured for a single tenant rejects tokens from others. Ask the credential for the right tenant (one credential per tenant), or, as a guest, sign in to the resource tenant.");
  }

  // Client
  const client = str(payload.azp) ?? str(payload.appid);
  if (client && expected.clientId && client.toLowerCase() !== expected.clientId.trim().toLowerCase()) {
    add("client-mismatch", "warning", `Requested by client ${q(client)}, not ${expected.clientId}.`,
      "Another application asked for this token (for example a cached token from a different credential). APIs that allow-list clients will reject it.");
  }

  // Permissions
  if (expected.scopes && expected.scopes.length > 0) {
    const granted = new Set<string>([
      ...(scp ? scp.split(" ").filter(Boolean) : []),
      ...roles,
    ].map((s) => s.toLowerCase()));
    for (const scope of expected.scopes) {
      const { permission } = parseScope(scope);
      if (!permission || isDefaultPermission(permission) || isOidcScope(permission)) continue;
      if (!granted.has(permission.toLowerCase())) {
        add("permission-missing", "warning", `Requested permission ${permission} is not in the token.`,
          `Neither scp nor roles contains ${permission}. Calls that need it will get 403. It usually needs consent (admin consent for application permissions), or it was asked of an app-only token, which only carries roles.`);
      }
    }
  }

  // Signature verifiability
  if (typeof header.nonce === "string" && header.nonce.length > 0) {
    const r = audList.map((a) => findResource(a)).find((x) => x !== undefined);
    add("unverifiable-signature", "info",
      `${r ? `${r.name} token` : "Token"} with a nonce header: no client can verify its signature; this is expected.`,
      "Microsoft first-party APIs hash the header nonce before checking the signature, so jwt.io and other verifiers report 'invalid signature'. Only the API itself can validate it; use it as is.");
  }

  // Guest (0 member, 1 guest: a number, or a string in some tokens)
  if (payload.acct === 1 || payload.acct === "1") {
    add("guest", "info", "The user is a guest in this tenant.",
      "Guests get tokens from the resource tenant; their directory roles and group memberships there can differ from their home tenant.");
  }

  return out;
}

/** Convenience for a UI badge: the highest severity present. */
export function worstSeverity(diagnostics: readonly Diagnostic[]): Severity | undefined {
  if (diagnostics.some((d) => d.severity === "error")) return "error";
  if (diagnostics.some((d) => d.severity === "warning")) return "warning";
  return diagnostics.length ? "info" : undefined;
}
