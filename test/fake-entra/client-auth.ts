// Client authentication on the token endpoint: none (public client flows), client secret (post or basic),
// or a certificate-signed client assertion (private_key_jwt, RS256/PS256) checked against the registered cert.
import crypto from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from "jose";
import type { Args } from "./errors";
import { findClientApp, type ClientApp } from "./sandbox";
import type { ClientAuthKind } from "./tokens";
import type { WorkloadIssuer } from "./workload";

export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export type ClientAuthMethod = "none" | "client_secret_post" | "client_secret_basic" | "private_key_jwt";

export type ClientAuthResult =
  | { ok: true; client: ClientApp; authKind: ClientAuthKind; method: ClientAuthMethod }
  | { ok: false; code: number; args: Args };

/** A certificate registered on an app registration ("Certificates & secrets"). */
export interface RegisteredCertificate {
  readonly publicKey: crypto.KeyObject;
  /** base64url SHA-1 / SHA-256 of the DER certificate, as sent in `x5t` / `x5t#S256`. */
  readonly x5t: string;
  readonly x5tS256: string;
}

export function registerCertificate(pem: string): RegisteredCertificate {
  const cert = new crypto.X509Certificate(pem);
  return {
    publicKey: cert.publicKey,
    x5t: crypto.createHash("sha1").update(cert.raw).digest("base64url"),
    x5tS256: crypto.createHash("sha256").update(cert.raw).digest("base64url"),
  };
}

/** The method a request used, for the request log (no values). */
export function clientAuthMethodOf(headers: IncomingHttpHeaders, form: URLSearchParams): ClientAuthMethod {
  if (form.get("client_assertion")) return "private_key_jwt";
  if (/^basic /i.test(headers.authorization ?? "")) return "client_secret_basic";
  if (form.get("client_secret") !== null) return "client_secret_post";
  return "none";
}

export interface ClientAuthContext {
  readonly certificates: ReadonlyMap<string, readonly RegisteredCertificate[]>;
  /** Audiences a client assertion may carry (token endpoint URLs and the issuer of this tenant). */
  readonly assertionAudiences: readonly string[];
  /** When set, the secret values every confidential app accepts instead of its own (config clientSecrets: a rotation). */
  readonly acceptedSecrets?: readonly string[] | null;
  /** Checks a federated assertion (workload identity) for an app with federated identity credentials. */
  readonly workloadIssuer: WorkloadIssuer;
}

export async function authenticateClient(headers: IncomingHttpHeaders, form: URLSearchParams, ctx: ClientAuthContext): Promise<ClientAuthResult> {
  let clientId = form.get("client_id");
  let secret = form.get("client_secret");
  const basic = /^basic (.+)$/i.exec(headers.authorization ?? "");
  if (basic) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) {
      clientId = decodeURIComponent(decoded.slice(0, colon));
      secret = decodeURIComponent(decoded.slice(colon + 1));
    }
  }
  if (!clientId) return { ok: false, code: 900144, args: { detail: "client_id" } };
  const client = findClientApp(clientId);
  if (!client) return { ok: false, code: 700016, args: { clientId } };
  const assertion = form.get("client_assertion");
  const method = clientAuthMethodOf(headers, form);

  if (secret === null && !assertion) {
    if (!client.allowPublicClientFlows) return { ok: false, code: 7000218, args: { clientId } };
    return { ok: true, client, authKind: "none", method };
  }
  if (client.isPublicClient) return { ok: false, code: 700025, args: { clientId } };

  if (assertion) {
    if (form.get("client_assertion_type") !== JWT_BEARER) return { ok: false, code: 900144, args: { detail: "client_assertion_type" } };
    // An app with federated credentials and no certificate takes an external issuer's token as its assertion.
    if (client.federatedCredentials?.length && !ctx.certificates.get(client.appId)?.length) {
      const failure = await ctx.workloadIssuer.verify(assertion, client);
      return failure ?? { ok: true, client, authKind: "federated", method };
    }
    const failure = await verifyAssertion(assertion, client, ctx);
    return failure ?? { ok: true, client, authKind: "certificate", method };
  }
  const accepted = client.secret ? ctx.acceptedSecrets ?? [client.secret] : [];
  if (!accepted.some((value) => timingSafeEqualStrings(value, secret ?? ""))) {
    return { ok: false, code: 7000215, args: { clientId } };
  }
  return { ok: true, client, authKind: "secret", method };
}

async function verifyAssertion(assertion: string, client: ClientApp, ctx: ClientAuthContext): Promise<ClientAuthResult | undefined> {
  const reject = (code: number, args: Args = {}): ClientAuthResult => ({ ok: false, code, args: { clientId: client.appId, ...args } });
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return reject(50027);
  }
  if (header.alg !== "RS256" && header.alg !== "PS256") return reject(50027, { detail: `Unsupported signing algorithm '${String(header.alg)}'.` });
  const presented = typeof header["x5t#S256"] === "string" ? header["x5t#S256"] : header.x5t;
  const thumbprintHex = presented ? Buffer.from(presented, "base64url").toString("hex").toUpperCase() : "(none)";
  const registered = (ctx.certificates.get(client.appId) ?? []).find((c) => c.x5t === presented || c.x5tS256 === presented);
  if (!registered) return reject(700027, { thumbprint: thumbprintHex });
  try {
    const { payload } = await jwtVerify(assertion, registered.publicKey, { algorithms: ["RS256", "PS256"], clockTolerance: 60 });
    const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    const allowed = ctx.assertionAudiences.map((a) => a.toLowerCase());
    if (!aud.some((a) => typeof a === "string" && allowed.includes(a.toLowerCase()))) return reject(700023);
    if (payload.iss !== client.appId || payload.sub !== client.appId) return reject(700021);
    if (typeof payload.exp !== "number") return reject(700024);
    return undefined;
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired || (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === "nbf")) return reject(700024);
    if (e instanceof joseErrors.JWSSignatureVerificationFailed) return reject(700027);
    return reject(50027);
  }
}

function timingSafeEqualStrings(a: string, b: string): boolean {
  const ha = crypto.createHash("sha256").update(a).digest();
  const hb = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}
