// What a parsed 401 challenge (challenge.ts) asks for, in plain words: a claims challenge after a Continuous Access
// Evaluation revocation or a location change (`nbf`), a Conditional Access authentication context (`acrs` c1…c99),
// a CAE-capable client (`xms_cc`), an `invalid_token` with its reason; and whether a token meets a claims request.
// Pure; portable; every text from the challenge reaches a sentence through shownText.
import { isBearer, paramOf, type Challenge, type ClaimsRequestItem, type ParsedChallenge } from "./challenge";
import { formatUtc, toEpochSeconds } from "./timeFormat";
import { shownText } from "./visibleText";

export interface ChallengeFinding {
  severity: "error" | "warning" | "info";
  message: string;
  reason: string;
}

export interface ChallengeExplanation {
  /** One sentence: "The API wants …". */
  summary: string;
  findings: ChallengeFinding[];
  /** A valid claims request is there: a new token can be asked for with it. */
  satisfiable: boolean;
}

/** What each Bearer challenge parameter is (RFC 6750 §3, Entra's and Microsoft APIs' own). */
export const CHALLENGE_PARAMETERS: Readonly<Record<string, { title: string; description: string }>> = {
  realm: { title: "Realm", description: "The protection space the API names; informational." },
  authorization_uri: { title: "Authorization URI", description: "The Entra authority (and tenant) the API trusts: get the token there." },
  error: { title: "Error", description: "Why the API refused: invalid_token, insufficient_scope, insufficient_claims, invalid_request." },
  error_description: { title: "Error description", description: "The API's own words about the error." },
  claims: { title: "Claims request", description: "Base64url JSON: the claims the new token must carry (decoded below). Sent to Entra as the claims parameter." },
  client_id: { title: "Client ID", description: "The application id of the API (resource) the token is for." },
  resource_id: { title: "Resource ID", description: "The resource (audience) the token must be for." },
  resource: { title: "Resource", description: "The resource (audience) the token must be for." },
  scope: { title: "Scope", description: "The permissions the API needs." },
};

/** Entra's authentication context ids: c1 to c99. */
const AUTH_CONTEXT = /^c([1-9]|[1-9][0-9])$/;

export function explainChallenge(parsed: ParsedChallenge): ChallengeExplanation {
  const findings: ChallengeFinding[] = [];
  let satisfiable = false;
  let summary: string | undefined;
  for (const challenge of parsed.challenges) {
    if (!isBearer(challenge)) {
      findings.push(otherScheme(challenge));
      continue;
    }
    const error = explainError(challenge);
    if (error) findings.push(error.finding);
    summary ??= error?.summary;
    if (challenge.claims?.ok) {
      satisfiable = true;
      findings.push(...challenge.claims.items.map(explainItem));
      summary = `The API wants a new token with ${challenge.claims.items.map(itemLabel).join(", ")}: ask Entra for it with this challenge's claims.`;
    } else if (challenge.claims) {
      findings.push({ severity: "error", message: `${challenge.claims.problem}.`, reason: "Entra needs the claims request as the API sent it: copy the whole header again, or ask the API's owner." });
    }
    findings.push(...audienceFindings(challenge));
  }
  if (parsed.bodyError) {
    const { code, message } = parsed.bodyError;
    findings.push({ severity: "info", message: `The response body says: ${[code, message].filter(Boolean).join(": ")}`, reason: "The API's own words, next to the challenge." });
  }
  for (const note of parsed.notes) findings.push({ severity: "info", message: note, reason: "How the challenge was read." });
  return { summary: summary ?? "The API wants a bearer token from Microsoft Entra ID: none was sent, or the API did not say what was wrong with it.", findings, satisfiable };
}

function explainError(challenge: Challenge): { finding: ChallengeFinding; summary?: string } | undefined {
  const error = paramOf(challenge, "error");
  const description = paramOf(challenge, "error_description");
  const said = description ? ` The API says: "${shownText(description, 300)}".` : "";
  switch (error?.toLowerCase()) {
    case undefined:
      return undefined;
    case "insufficient_claims":
      return { finding: {
        severity: "error", message: "insufficient_claims: the API wants a token with other claims (a claims challenge).",
        reason: `A token from the cache cannot answer it: ask Entra for a new one with the claims below (Get a token that satisfies this challenge).${said}`,
      } };
    case "invalid_token": {
      const hint = invalidTokenHint(description ?? "");
      return {
        finding: { severity: "error", message: `invalid_token: the API rejected the token${hint ? `: ${hint.what}` : "."}`, reason: `${hint?.fix ?? "Decode the token you sent (Decode JWT) and compare its aud, iss, tid and exp with what the API expects."}${said}` },
        summary: hint ? `The API wants a valid token: ${hint.what}` : "The API wants a valid token: the one sent was rejected.",
      };
    }
    case "insufficient_scope": {
      const scope = paramOf(challenge, "scope");
      return {
        finding: { severity: "error", message: `insufficient_scope: the token lacks a permission the API needs${scope ? ` (${shownText(scope, 200)})` : ""}.`, reason: `Ask for a token with that scope; an admin may need to consent to it first.${said}` },
        summary: `The API wants a token with more permissions${scope ? `: ${shownText(scope, 200)}` : ""}.`,
      };
    }
    case "invalid_request":
      return { finding: { severity: "error", message: "invalid_request: the request itself was malformed.", reason: `Send exactly one token, in the Authorization header as "Bearer <token>".${said}` } };
    default:
      return { finding: { severity: "warning", message: `The API answered the error ${shownText(error ?? "", 80)}.`, reason: `Not one of the errors of RFC 6750 or Entra's claims challenges.${said}` } };
  }
}

/** invalid_token's error_description, read for the usual causes (ARM, Graph, Microsoft.Identity.Web wording). */
function invalidTokenHint(description: string): { what: string; fix: string } | undefined {
  const d = description.toLowerCase();
  if (/expired|lifetime/.test(d)) return { what: "it has expired.", fix: "Get a fresh token; a long-running script should refresh before exp." };
  if (/audience|\baud\b/.test(d)) return { what: "it is for another audience.", fix: "Ask for a token for this API's resource (its App ID URI or /.default), not for another one." };
  if (/issuer|\biss\b|tenant/.test(d)) return { what: "it comes from another issuer or tenant.", fix: "Sign in to the tenant in authorization_uri." };
  if (/signature/.test(d)) return { what: "its signature did not check out.", fix: "Send the token exactly as Entra issued it; a Microsoft Graph token (nonce header) cannot be checked by other APIs." };
  if (/missing|no token|not provided/.test(d)) return { what: "no token was sent.", fix: "Add the header Authorization: Bearer <token>." };
  if (/revoked|not before|nbf/.test(d)) return { what: "it was revoked.", fix: "Get a new token; the API rejects tokens issued before a revocation." };
  return undefined;
}

function itemLabel(item: ClaimsRequestItem): string {
  const values = item.values.length ? ` ${item.values.join(", ")}` : "";
  return `${item.claim}${values}`;
}

function explainItem(item: ClaimsRequestItem): ChallengeFinding {
  const where = item.target === "access_token" ? "" : ` in the ${item.target === "id_token" ? "ID token" : "userinfo answer"}`;
  switch (item.claim) {
    case "nbf": {
      const sec = toEpochSeconds(item.values[0]);
      const when = sec === undefined ? "a time it does not give" : formatUtc(sec);
      return {
        severity: "error", message: `Continuous Access Evaluation: the API accepts only a token issued after ${when}${where}.`,
        reason: "A critical event made the API reject older tokens: the session was revoked, the password changed or reset, the user was disabled, multi-factor authentication was required, or the sign-in now comes from a location or IP range outside policy. A cached token cannot answer; Entra may ask you to sign in again.",
      };
    }
    case "acrs": {
      const ids = item.values.filter((v) => AUTH_CONTEXT.test(v));
      const bad = item.values.filter((v) => !AUTH_CONTEXT.test(v));
      if (!ids.length) {
        return { severity: "warning", message: `The API asks for an authentication context that Entra does not have: ${bad.join(", ") || "none named"}.`, reason: "Entra's authentication context ids are c1 to c99; ask the API's owner which one the operation needs." };
      }
      return {
        severity: "error", message: `Conditional Access authentication context ${ids.join(", ")} is required${where}.`,
        reason: `The API protects this operation with an authentication context. A Conditional Access policy decides what it demands (often multi-factor authentication, a compliant device or a recent sign-in): sign in again meeting it, and the new token lists ${ids.join(", ")} in its acrs claim.${bad.length ? ` Not authentication context ids: ${bad.join(", ")}.` : ""}`,
      };
    }
    case "xms_cc":
      return {
        severity: "info", message: `The API asks for a CAE-capable client (xms_cc ${item.values.join(", ") || "cp1"}).`,
        reason: "cp1 says the client handles claims challenges. Entra then issues Continuous Access Evaluation tokens: they live longer, and the API rejects them at once after a critical event with a challenge like this one.",
      };
    default:
      return {
        severity: "info", message: `The API asks for the claim ${itemLabel(item)}${where}${item.essential ? " (essential)" : ""}.`,
        reason: "Entra is asked to put it in the new token.",
      };
  }
}

function audienceFindings(challenge: Challenge): ChallengeFinding[] {
  const findings: ChallengeFinding[] = [];
  const authority = paramOf(challenge, "authorization_uri");
  if (authority) {
    const tenant = tenantOfAuthority(authority);
    findings.push({
      severity: "info", message: `The API trusts tokens from ${shownText(authority, 200)}${tenant ? ` (tenant ${tenant})` : ""}.`,
      reason: "A token from another tenant or authority is rejected: sign in to this one.",
    });
  }
  const resource = paramOf(challenge, "resource_id") ?? paramOf(challenge, "resource") ?? paramOf(challenge, "client_id");
  if (resource) {
    findings.push({
      severity: "info", message: `The token's audience must be ${shownText(resource, 200)}.`,
      reason: "Ask for this resource's scopes (or /.default); a token for another API is rejected.",
    });
  }
  return findings;
}

function tenantOfAuthority(uri: string): string | undefined {
  const match = /^https:\/\/[^/]+\/([^/?#]+)/i.exec(uri);
  return match ? shownText(match[1], 80) : undefined;
}

function otherScheme(challenge: Challenge): ChallengeFinding {
  if (challenge.scheme.toLowerCase() === "pop") {
    return { severity: "info", message: "The API also accepts proof-of-possession (PoP) tokens.", reason: "A Bearer token answers the Bearer challenge; PoP is optional." };
  }
  return { severity: "info", message: `The API also offers ${shownText(challenge.scheme, 40)} authentication.`, reason: "Not an Entra token scheme; the Bearer challenge is the one explained here." };
}

export interface ClaimCheck {
  /** "acrs c1", "xms_cc cp1", "nbf". */
  label: string;
  met: boolean;
}

/**
 * Whether an access token's claims meet each access_token item of a claims request: every requested value of acrs,
 * xms_cc and other claims present; for nbf, the token issued (iat) at or after the requested time.
 */
export function checkClaims(items: readonly ClaimsRequestItem[], payload: Readonly<Record<string, unknown>>): ClaimCheck[] {
  return items.filter((i) => i.target === "access_token").map((item) => ({ label: itemLabel(item), met: meets(item, payload) }));
}

function meets(item: ClaimsRequestItem, payload: Readonly<Record<string, unknown>>): boolean {
  const value = Object.prototype.hasOwnProperty.call(payload, item.claim) ? payload[item.claim] : undefined;
  if (item.claim === "nbf") {
    const wanted = toEpochSeconds(item.values[0]);
    const issued = toEpochSeconds(payload.iat);
    return wanted !== undefined && issued !== undefined && issued >= wanted;
  }
  if (value === undefined) return false;
  if (!item.values.length) return true;
  const held = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === "string" || typeof v === "number" ? String(v) : ""));
  return item.values.every((v) => held.includes(v));
}
