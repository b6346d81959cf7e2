// On-behalf-of (OBO): a middle-tier API exchanges the user token it received for a token to a downstream API.
// The pure parts: is a pasted token usable as the incoming token (a delegated, unexpired JWT for the middle tier), and
// which claims flowed from it into the downstream token. Messages never quote the token or a claim value that could
// be a secret; they name claims and audiences only.
import { diffClaims, type Claims } from "./claimsDiff";
import { isGuid } from "./ids";
import { decodeToken, type JsonObject } from "./jwt";
import { findResource } from "./resources";
import { normaliseAudience } from "./scopes";
import { formatUtc, toEpochSeconds } from "./timeFormat";
import { shownText } from "./visibleText";

export interface IncomingToken {
  /** The cleaned-up token (a "Bearer " prefix, quotes or whitespace removed). */
  token: string;
  payload: JsonObject;
}

export type IncomingCheck = IncomingToken | { error: string };

/**
 * Checks a pasted incoming token: a signed JWT, a user's (delegated) token, not expired at `nowMs`, and (once the
 * middle tier's client id is known) issued for that app. Each refusal says what is wrong and what to do.
 */
export function checkIncomingToken(input: string, context: { nowMs: number; clientId?: string }): IncomingCheck {
  if (!input.trim()) return { error: "Paste the access token your API received: the value after 'Bearer ' in the request's Authorization header." };
  const decoded = decodeToken(input);
  switch (decoded.kind) {
    case "jwe":
      return { error: "This token is encrypted (JWE): an API receives signed JWTs from Entra ID. Paste the token from the Authorization header of a request to your API." };
    case "opaque":
    case "error":
      return { error: "This is not a JWT (three base64url parts separated by dots). Paste the access token from the Authorization header of a request to your API." };
    case "jws":
      break;
  }
  const p = decoded.payload;
  const scp = typeof p.scp === "string" ? p.scp : undefined;
  if (p.idtyp === "app" || scp === undefined) {
    return { error: "This is an application token (no scp, no signed-in user): on-behalf-of exchanges a user's token. An app that calls your API as itself gets downstream tokens with client credentials (Client secret or Client certificate) instead." };
  }
  const exp = toEpochSeconds(p.exp);
  if (exp !== undefined && exp * 1000 <= context.nowMs) {
    return { error: `This token expired at ${formatUtc(exp)}: Entra ID refuses an expired assertion (AADSTS500133). Have the client call your API again and paste the new token.` };
  }
  const audience = audienceProblem(p.aud, context.clientId);
  if (audience) return { error: audience };
  return { token: decoded.raw, payload: p };
}

/** Why the incoming token's audience is not the middle-tier app, or undefined when it is (or cannot be told). */
function audienceProblem(aud: unknown, clientId: string | undefined): string | undefined {
  if (typeof aud !== "string" || !aud) return "This token has no audience (aud): it was not issued for an API.";
  const shown = shownText(aud, 120);
  const known = findResource(aud);
  if (known) {
    return `This token is for ${known.name} (aud ${shown}), not for your API: a client calling your API sends a token whose audience is your API's app. Paste the token your API received.`;
  }
  if (!clientId) return undefined;
  const a = normaliseAudience(aud).toLowerCase();
  const id = clientId.toLowerCase();
  if (a === id) return undefined; // a GUID, or api://<guid> (normalised to it)
  if (isGuid(a)) {
    return `This token's audience is app ${shown}, not the middle-tier app ${clientId}: on-behalf-of needs a token issued for the app that exchanges it (AADSTS50013 otherwise). Enter that app's client ID, or paste a token for this one.`;
  }
  // An application ID URI other than api://<client id>: only Entra knows whose it is.
  return undefined;
}

/** One claim compared between the incoming and the downstream token. */
export interface FlowedClaim {
  /** The claim's name; "upn / preferred_username" for the user's sign-in name, whichever each token carries. */
  claim: string;
  /** "flowed": the same in both; "changed": different; "added" / "removed": only in the downstream / incoming one. */
  status: "flowed" | "changed" | "added" | "removed";
  incoming?: unknown;
  downstream?: unknown;
  message: string;
}

/** The user's identity: it should flow through unchanged. */
const IDENTITY_CLAIMS = ["oid", "tid", "name", "idtyp"] as const;
/** What on-behalf-of changes by design: the audience, the permissions, the client and the token format. */
const EXCHANGED_CLAIMS = ["aud", "scp", "azp", "appid", "ver", "iss"] as const;
const USER_NAME = "upn / preferred_username";

/** The user's sign-in name: v2 tokens carry preferred_username, v1 tokens upn (or unique_name). */
function userName(p: Claims): unknown {
  return p.preferred_username ?? p.upn ?? p.unique_name;
}

/**
 * Which claims flowed from the incoming token into the downstream one: the user's identity (oid, tid, sign-in name,
 * name) should be the same; aud, scp and the client change by design. Changes are worded by claimsDiff.
 */
export function flowedClaims(incoming: Claims, downstream: Claims): FlowedClaim[] {
  const pick = (p: Claims): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const c of [...IDENTITY_CLAIMS, ...EXCHANGED_CLAIMS]) if (Object.prototype.hasOwnProperty.call(p, c)) out[c] = p[c];
    const name = userName(p);
    if (name !== undefined) out[USER_NAME] = name;
    return out;
  };
  const before = pick(incoming);
  const after = pick(downstream);
  const changes = new Map(diffClaims(before, after).map((c) => [c.claim, c]));
  const rows: FlowedClaim[] = [];
  for (const claim of [...IDENTITY_CLAIMS.slice(0, 2), USER_NAME, ...IDENTITY_CLAIMS.slice(2), ...EXCHANGED_CLAIMS]) {
    const inB = Object.prototype.hasOwnProperty.call(before, claim);
    const inA = Object.prototype.hasOwnProperty.call(after, claim);
    if (!inB && !inA) continue;
    const change = changes.get(claim);
    const row: FlowedClaim = { claim, status: "flowed", incoming: before[claim], downstream: after[claim], message: "flowed through unchanged" };
    if (change) {
      row.status = change.kind === "added" || change.kind === "removed" ? change.kind : "changed";
      row.message = change.message;
    }
    rows.push(row);
  }
  return rows;
}
