// "Verify signature": checks a JWS against the signing keys of the *configured* authority for the token's
// tenant (discovery document → jwks_uri), never against keys named by the token itself (jku/x5u, RFC 8725 §3.10).
// The pure parts (what can be verified, how a failure reads) are exported for unit tests.
import * as https from "node:https";
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet } from "jose";
import { findResource, sameAudience } from "../core/resources";
import { PUBLIC_AUTHORITY } from "../core/clouds";
import { decodeToken, type DecodeResult } from "../core/jwt";
import { isGuid } from "../core/ids";
import { shownText } from "../core/visibleText";
import type { VerificationView } from "../core/verification";

/** The only algorithm Entra signs access and id tokens with. */
export const PINNED_ALGORITHMS = ["RS256"] as const;
const MAX_DOCUMENT_BYTES = 256 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

export type Preflight =
  | { ok: true; tenantId: string; issuers: string[] }
  | { ok: false; result: VerificationView };

const unverifiable = (message: string, reason: string): Preflight => ({ ok: false, result: { outcome: "unverifiable", message, reason } });
const invalid = (message: string, reason: string): VerificationView => ({ outcome: "invalid", message, reason });

/** Issuers Entra uses for a tenant: v1 `https://sts.windows.net/{tid}/` and v2 `{authority}/{tid}/v2.0`. */
export function expectedIssuers(authorityHost: string, tenantId: string): string[] {
  const authority = authorityHost.replace(/\/+$/, "");
  return [`https://sts.windows.net/${tenantId}/`, `${authority}/${tenantId}/v2.0`];
}

/** Decides whether a client can verify this token at all, and with which tenant's keys. */
export function preflight(decoded: DecodeResult, authorityHost: string): Preflight {
  switch (decoded.kind) {
    case "error":
      return unverifiable("Cannot be verified: the token could not be decoded.", decoded.message);
    case "opaque":
      return unverifiable("Cannot be verified by a client: this is not a JWT.", `${decoded.reason} Only the service it is meant for can check it.`);
    case "jwe":
      return unverifiable("Cannot be verified by a client: the token is encrypted (JWE).", "Only the service it was issued for holds the key to decrypt and check it.");
    case "jws":
      break;
  }
  const { header, payload } = decoded;
  if (typeof header.nonce === "string") {
    return unverifiable("Cannot be verified by a client: Microsoft Graph-style token with a nonce header.",
      "Microsoft first-party APIs hash the header nonce before signing, so the signature only checks out inside the API. That is expected; the token still works.");
  }
  const audiences = (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).filter((a): a is string => typeof a === "string");
  const firstParty = audiences.map(findResource).find((r) => r !== undefined);
  if (firstParty) {
    return unverifiable(`Cannot be verified by a client: the audience is ${firstParty.name}, a Microsoft API.`,
      "Tokens for Microsoft APIs are meant for those APIs only and may use formats a client cannot check. Only the API validates them.");
  }
  const alg = typeof header.alg === "string" ? header.alg : "(missing)";
  if (!(PINNED_ALGORITHMS as readonly string[]).includes(alg)) {
    return { ok: false, result: invalid(`Invalid: the algorithm is ${shownText(alg, 40)}, not RS256.`, "Entra signs with RS256 only; any other algorithm (including none) is refused.") };
  }
  const tid = payload.tid;
  if (typeof tid !== "string" || !isGuid(tid)) {
    return unverifiable("Cannot be verified: the token has no tenant id (tid).", "The signing keys are looked up for the token's tenant; without a tid there is no tenant to ask.");
  }
  return { ok: true, tenantId: tid.toLowerCase(), issuers: expectedIssuers(authorityHost, tid.toLowerCase()) };
}

/** Maps a jose verification failure to a sentence a person can act on. */
export function describeVerifyError(error: unknown): VerificationView {
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return invalid("Invalid signature.", "The signature does not match the header and payload: the token was changed after it was issued, or signed by someone else.");
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) {
    return invalid("Invalid: no published key matches the token's key id (kid).", "The tenant's signing keys do not include this kid: the token was not issued by this authority, or its key was rolled over long ago.");
  }
  if (error instanceof joseErrors.JWTExpired) {
    return invalid("Invalid: the token has expired.", "The signature is intact, but an API rejects a token after its exp time.");
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return invalid(`Invalid: the ${error.claim} claim is not what this authority issues.`, error.claim === "iss"
      ? "The issuer must be https://sts.windows.net/{tenant}/ or {authority}/{tenant}/v2.0 for the configured authority."
      : `The ${error.claim} claim failed its check (${error.reason}).`);
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) {
    return invalid("Invalid: the algorithm is not RS256.", "Algorithms are pinned to RS256, the only one Entra uses.");
  }
  if (error instanceof joseErrors.JOSEError) {
    return invalid("Invalid token.", `The token failed verification (${error.code}).`);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { outcome: "unverifiable", message: "Could not check the signature: the signing keys could not be fetched.", reason: detail };
}

export type FetchJson = (url: string) => Promise<unknown>;

export interface VerifyOptions {
  /** The configured authority (azureToken.authorityHost or the cloud's host), an https origin. */
  authorityHost: string;
  /** What was requested, when known (acquired tokens): the token's aud must name it. */
  expectedAudience?: string;
  fetchJson?: FetchJson;
  nowMs?: number;
}

/** Verifies a token's signature, issuer and audience. Never throws: every outcome is a VerificationView. */
export async function verifySignature(token: string, options: VerifyOptions): Promise<VerificationView> {
  const decoded = decodeToken(token);
  const pre = preflight(decoded, options.authorityHost);
  if (!pre.ok) return pre.result;
  const fetchJson = options.fetchJson ?? httpsGetJson;
  const authority = options.authorityHost.replace(/\/+$/, "");
  let jwks: JSONWebKeySet;
  try {
    const discoveryUrl = `${authority}/${pre.tenantId}/v2.0/.well-known/openid-configuration`;
    const discovery = await fetchJson(discoveryUrl) as { jwks_uri?: unknown };
    const jwksUri = typeof discovery?.jwks_uri === "string" ? discovery.jwks_uri : undefined;
    if (!jwksUri || !jwksUri.startsWith("https://")) return { outcome: "unverifiable", message: "Could not check the signature: the discovery document has no https jwks_uri.", reason: discoveryUrl };
    const keys = await fetchJson(jwksUri) as JSONWebKeySet;
    if (!keys || !Array.isArray(keys.keys)) return { outcome: "unverifiable", message: "Could not check the signature: the key set is not a JWKS.", reason: jwksUri };
    jwks = keys;
  } catch (error) {
    return describeVerifyError(error);
  }
  try {
    const compact = decoded.kind === "jws" ? decoded.raw : token;
    const { payload } = await jwtVerify(compact, createLocalJWKSet(jwks), {
      algorithms: [...PINNED_ALGORITHMS],
      issuer: pre.issuers,
      currentDate: options.nowMs !== undefined ? new Date(options.nowMs) : undefined,
      clockTolerance: 300,
    });
    const audiences = (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).filter((a): a is string => typeof a === "string");
    return audienceVerdict(audiences, options.expectedAudience, String(payload.iss));
  } catch (error) {
    return describeVerifyError(error);
  }
}

/** After a good signature and issuer: does the audience match what was requested? */
export function audienceVerdict(audiences: string[], expected: string | undefined, issuer: string): VerificationView {
  const signed = `Signed by the configured authority's key for this tenant (RS256); issuer ${issuer}.`;
  if (!expected) return { outcome: "verified", message: "Signature verified.", reason: `${signed} Audience not compared: nothing was requested (pasted token).` };
  if (audiences.some((a) => sameAudience(a, expected))) return { outcome: "verified", message: "Signature verified.", reason: `${signed} Audience matches what was requested.` };
  // A v2.0 token for a custom API carries the API's app id, which a client cannot map to its api:// URI.
  if (audiences.length > 0 && audiences.every(isGuid) && !isGuid(expected) && !findResource(expected)) {
    return { outcome: "verified", message: "Signature verified.", reason: `${signed} The audience is the API's application id, which stands for ${expected} (v2.0 tokens name the API by app id).` };
  }
  return invalid("Invalid: the audience is not what was requested.", `The token is for ${audiences.join(", ") || "(no audience)"}, but ${expected} was requested.`);
}

/** GET over Node's https (which trusts NODE_EXTRA_CA_CERTS), JSON only, size- and time-capped. */
export function httpsGetJson(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { timeout: FETCH_TIMEOUT_MS, headers: { accept: "application/json" } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`${new URL(url).pathname} answered HTTP ${res.statusCode}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > MAX_DOCUMENT_BYTES) req.destroy(new Error("the response is too large"));
        else chunks.push(c);
      });
      res.on("end", () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch {
          reject(new Error(`${new URL(url).pathname} did not answer with JSON`));
        }
      });
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${FETCH_TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
  });
}

/** The authority whose keys count: the one the token was acquired from, else the configured one, else public. */
export function authorityFor(request: { authorityHost?: string } | undefined, configuredHost: string): string {
  return request?.authorityHost || configuredHost.trim() || PUBLIC_AUTHORITY;
}
