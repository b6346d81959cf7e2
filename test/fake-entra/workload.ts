// Workload identity federation: the external OIDC issuer the workload app trusts (an AKS cluster's service account
// issuer), and Entra's check of a federated assertion against the app's federated identity credentials. The real
// Entra fetches the issuer's keys from its discovery document; the local one holds the issuer's key pair itself,
// and mints the "projected service account token" a test writes to AZURE_FEDERATED_TOKEN_FILE (POST
// /_fake/federated-token), signed by that key or, to prove the signature is checked, by one nobody trusts.
import { decodeJwt, errors as joseErrors, generateKeyPair, jwtVerify, SignJWT, type JWTPayload } from "jose";
import type { ClientAuthResult } from "./client-auth";
import type { ClientApp } from "./sandbox";
import { TOKEN_EXCHANGE_AUDIENCE, WORKLOAD_ISSUER, WORKLOAD_SUBJECT } from "./sandbox";

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

/** What a test may ask of a minted federated token; every field defaults to what the workload app's credential accepts. */
export interface FederatedTokenRequest {
  issuer?: string;
  subject?: string;
  audience?: string;
  lifetimeSec?: number;
  /** Sign with a key the local Entra does not trust (a forged token). */
  untrustedKey?: boolean;
}

export class WorkloadIssuer {
  private constructor(private readonly trusted: KeyPair, private readonly untrusted: KeyPair) {}

  static async create(): Promise<WorkloadIssuer> {
    return new WorkloadIssuer(await generateKeyPair("RS256"), await generateKeyPair("RS256"));
  }

  /** A service account token like the one AKS projects into the pod (RS256, kid, iss/sub/aud, an hour). */
  async mint(req: FederatedTokenRequest): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const key = req.untrustedKey ? this.untrusted : this.trusted;
    return new SignJWT({ "kubernetes.io": { namespace: "orders", serviceaccount: { name: "orders-api" } } })
      .setProtectedHeader({ alg: "RS256", kid: req.untrustedKey ? "forged" : "aks-sa-key-1", typ: "JWT" })
      .setIssuer(req.issuer ?? WORKLOAD_ISSUER)
      .setSubject(req.subject ?? WORKLOAD_SUBJECT)
      .setAudience(req.audience ?? TOKEN_EXCHANGE_AUDIENCE)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + (req.lifetimeSec ?? 3600))
      .sign(key.privateKey);
  }

  /**
   * Entra's order: a credential for the issuer, then the subject, then the audience (each with its own AADSTS code
   * naming the presented value), then the signature by the issuer's key and the time. Undefined when accepted.
   */
  async verify(assertion: string, client: ClientApp): Promise<ClientAuthResult | undefined> {
    const reject = (code: number, detail?: string): ClientAuthResult => ({ ok: false, code, args: { clientId: client.appId, detail } });
    let claims: JWTPayload;
    try {
      claims = decodeJwt(assertion);
    } catch {
      return reject(50027);
    }
    const credentials = client.federatedCredentials ?? [];
    const byIssuer = credentials.filter((c) => c.issuer === claims.iss);
    if (!byIssuer.length) return reject(700211, String(claims.iss ?? ""));
    const bySubject = byIssuer.filter((c) => c.subject === claims.sub);
    if (!bySubject.length) return reject(700213, String(claims.sub ?? ""));
    const audiences = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter((a): a is string => typeof a === "string");
    if (!bySubject.some((c) => c.audiences.some((a) => audiences.includes(a)))) return reject(700212, audiences.join(", "));
    try {
      await jwtVerify(assertion, this.trusted.publicKey, { algorithms: ["RS256"], clockTolerance: 60 });
      return undefined;
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired || (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === "nbf")) return reject(700024);
      return reject(700027);
    }
  }
}
