// "Verify signature": checks a JWS against the signing keys of the *configured* authority for the token's
// tenant (discovery document → jwks_uri), never against keys named by the token itself (jku/x5u, RFC 8725 §3.10).
// The pure parts (what can be verified, how a failure reads) are exported for unit tests.
import * as https from "node:https";
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet } from "jose";
import { findResource, sameAudience } from "../core/resources";
import { authorityHostFor, PUBLIC_AUTHORITY, tenantIssuers, type Cloud } from "../core/clouds";
import { decodeToken, type DecodeResult } from "../core/jwt";
import { isGuid } from "../core/ids";
import { shownText } from "../core/visibleText";
import type { VerificationView } from "../core/verification";

/** The only algorithm Entra signs access and id tokens with. */
export const PINNED_ALGORITHMS = ["RS256"] as const;
const MAX_DOCUMENT_BYTES = 256 * 1024;
/** Each document (discovery, key set) must arrive whole within this time, however slowly its bytes trickle in. */
export const FETCH_DEADLINE_MS = 10_000;

export type Preflight =
  | { ok: true; tenantId: string; issuers: string[] }
  | { ok: false; result: VerificationView };

const unverifiable = (message: string, reason: string): Preflight => ({ ok: false, result: { outcome: "unverifiable", message, reason } });
const invalid = (message: string, reason: string): VerificationView => ({ outcome: "invalid", message, reason });

/**
 * Issuers Entra uses for a tenant in the cloud of this authority: v1 `{the cloud's v1 issuer host}/{tid}/`
 * (sts.windows.net, or sts.chinacloudapi.cn for China) and v2 `{authority}/{tid}/v2.0` (core/clouds.ts).
 */
export function expectedIssuers(authorityHost: string, tenantId: string): string[] {
  return tenantIssuers(authorityHost, tenantId);
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

/** Maps a jose verification failure to a sentence a person can act on; `issuers` are the ones that were accepted. */
export function describeVerifyError(error: unknown, issuers?: readonly string[]): VerificationView {
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
      ? `The issuer must be ${issuers?.length ? issuers.join(" or ") : "{v1 issuer host}/{tenant}/ or {authority}/{tenant}/v2.0"}: the issuers of the authority's cloud for this tenant.`
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
  /** How the discovery document and the key set are fetched (default: httpsGetJson, with its 10 s deadline). */
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
  const discoveryUrl = `${authority}/${pre.tenantId}/v2.0/.well-known/openid-configuration`;
  let discovery: { jwks_uri?: unknown };
  try {
    discovery = await fetchJson(discoveryUrl) as { jwks_uri?: unknown };
  } catch (error) {
    return fetchFailure(error, "the discovery document (OpenID configuration)");
  }
  const jwksUri = typeof discovery?.jwks_uri === "string" ? discovery.jwks_uri : undefined;
  if (!jwksUri || !jwksUri.startsWith("https://")) return { outcome: "unverifiable", message: "Could not check the signature: the discovery document has no https jwks_uri.", reason: discoveryUrl };
  let jwks: JSONWebKeySet;
  try {
    jwks = await fetchJson(jwksUri) as JSONWebKeySet;
  } catch (error) {
    return fetchFailure(error, "the signing keys");
  }
  if (!jwks || !Array.isArray(jwks.keys)) return { outcome: "unverifiable", message: "Could not check the signature: the key set is not a JWKS.", reason: jwksUri };
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
    return describeVerifyError(error, pre.issuers);
  }
}

/** A discovery document or key set that could not be fetched: the signature could not be checked (not "invalid"). */
function fetchFailure(error: unknown, what: string): VerificationView {
  if (error instanceof FetchDeadlineError) {
    const what1 = what.charAt(0).toUpperCase() + what.slice(1);
    return {
      outcome: "unverifiable",
      message: `Could not check the signature: ${what} did not arrive within ${seconds(error.deadlineMs)} s from ${error.host}.`,
      reason: `${what1} came too slowly or not at all: the connection stayed open but the answer was not complete in time (a slow or stalled network, proxy or server). Try again; if it lasts, check the network or proxy.`,
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { outcome: "unverifiable", message: `Could not check the signature: ${what} could not be fetched.`, reason: detail };
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(1);
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

/** The whole answer did not arrive before the deadline (connect, headers and every byte of the body together). */
export class FetchDeadlineError extends Error {
  override readonly name = "FetchDeadlineError";
  constructor(readonly host: string, readonly deadlineMs: number) {
    super(`no complete answer from ${host} within ${seconds(deadlineMs)} s`);
  }
}

export interface GetJsonOptions {
  /** Total time for the whole answer (default FETCH_DEADLINE_MS): a server that sends a byte now and then cannot hold it longer. */
  deadlineMs?: number;
  /** The https agent (default: Node's global agent, which trusts NODE_EXTRA_CA_CERTS); tests pass one that trusts their CA. */
  agent?: https.Agent;
}

/** GET over Node's https, JSON only, capped in size and in total time. */
export function httpsGetJson(url: string, options: GetJsonOptions = {}): Promise<unknown> {
  const deadlineMs = options.deadlineMs ?? FETCH_DEADLINE_MS;
  const { host, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    let settled = false;
    // Armed first: connecting, the headers and every byte of the body all count against it.
    const deadline = setTimeout(() => {
      settle(() => reject(new FetchDeadlineError(host, deadlineMs)));
      req.destroy();
    }, deadlineMs);
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      finish();
    };
    const req = https.get(url, { agent: options.agent, headers: { accept: "application/json" } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        settle(() => reject(new Error(`${pathname} answered HTTP ${res.statusCode}`)));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size <= MAX_DOCUMENT_BYTES) return void chunks.push(c);
        settle(() => reject(new Error(`${pathname}: the response is too large`)));
        req.destroy();
      });
      res.on("error", (e) => settle(() => reject(e)));
      res.on("end", () => settle(() => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch {
          reject(new Error(`${pathname} did not answer with JSON`));
        }
      }));
    });
    req.on("error", (e) => settle(() => reject(e)));
  });
}

/**
 * The authority whose keys (and cloud's issuers) count: the one the token was acquired from, else the configured one
 * (azureToken.authorityHost, else the azureToken.cloud's host: a pasted China token is checked against China), else public.
 */
export function authorityFor(request: { authorityHost?: string } | undefined, configured: { cloud: Cloud; authorityHost: string }): string {
  if (request?.authorityHost) return request.authorityHost;
  const host = authorityHostFor(configured.cloud, configured.authorityHost);
  return "host" in host ? host.host : PUBLIC_AUTHORITY;
}
