// Token minting: RS256 via jose, one signing key per server instance, claims modelled on real Entra tokens.
import crypto from "node:crypto";
import { CompactSign, SignJWT, exportJWK, generateKeyPair, jwtVerify, type JWK, type JWTPayload } from "jose";
import type { ClientApp, ResourceApp, SandboxTenant, SandboxUser } from "./sandbox";

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");
const opaque = (bytes: number) => crypto.randomBytes(bytes).toString("base64url");

/** How a confidential client proved itself: `appidacr`/`azpacr` 0 = public, 1 = secret, 2 = certificate. */
/** How the client proved itself: "federated" = an external issuer's assertion, "managedIdentity" = the identity endpoint. */
export type ClientAuthKind = "none" | "secret" | "certificate" | "federated" | "managedIdentity";
const ACR: Record<ClientAuthKind, string> = { none: "0", secret: "1", certificate: "2", federated: "2", managedIdentity: "2" };

export interface UserGrant {
  readonly user: SandboxUser;
  readonly client: ClientApp;
  readonly tenant: SandboxTenant;
  readonly authKind: ClientAuthKind;
  /** Seconds since the epoch when the user signed in (kept across refreshes). */
  readonly authTime: number;
  /** Session id shared by the tokens of one sign-in. */
  readonly sid: string;
  /** Client capabilities from the `claims` request parameter (e.g. "cp1" for CAE). */
  readonly clientCapabilities?: readonly string[];
  /** Authentication contexts asked for in the `claims` request parameter and met: the token's `acrs`. */
  readonly authContexts?: readonly string[];
  /** Those the sign-in met, kept for the next refresh (default: authContexts). */
  readonly sessionAuthContexts?: readonly string[];
}

export interface AccessTokenRequest {
  readonly resource: ResourceApp;
  readonly resourceAsRequested: string;
  readonly lifetimeSec: number;
}

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
type SigningKey = KeyPair["privateKey"];

/** Why a token is not one this server issued and still valid (the on-behalf-of grant's assertion check). */
export type OwnTokenCheck = { ok: true; payload: JWTPayload } | { ok: false; reason: "signature" | "expired" };

export class TokenIssuer {
  private constructor(
    private readonly privateKey: SigningKey,
    private readonly publicKey: KeyPair["publicKey"],
    readonly kid: string,
    readonly publicJwk: JWK,
    /** The server's https://localhost:PORT (v2 issuer host). */
    private readonly base: string,
  ) {}

  static async create(base: string): Promise<TokenIssuer> {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
    const jwk = await exportJWK(publicKey);
    // Real kids look like x5t values: base64url of a SHA-1 thumbprint (27 characters).
    const kid = crypto.createHash("sha1").update(`${jwk.kty}.${jwk.n}.${jwk.e}`).digest("base64url");
    return new TokenIssuer(privateKey, publicKey, kid, jwk, base);
  }

  /** JWKS like Entra's discovery/v2.0/keys (no x5c: the fake has no certificate for its signing key). */
  jwks(tenantId?: string): { keys: JWK[] } {
    const key: JWK = { kty: "RSA", use: "sig", kid: this.kid, x5t: this.kid, n: this.publicJwk.n, e: this.publicJwk.e };
    if (tenantId) (key as Record<string, unknown>).issuer = this.v2Issuer(tenantId);
    return { keys: [key] };
  }

  /** Checks that a token was signed by this server and is within its lifetime (Graph `nonce` tokens are not: 50013). */
  async verifyOwn(token: string): Promise<OwnTokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { algorithms: ["RS256"] });
      return { ok: true, payload };
    } catch (e) {
      return { ok: false, reason: (e as { code?: string }).code === "ERR_JWT_EXPIRED" ? "expired" : "signature" };
    }
  }

  v2Issuer(tenantId: string): string {
    return `${this.base}/${tenantId}/v2.0`;
  }

  static v1Issuer(tenantId: string): string {
    return `https://sts.windows.net/${tenantId}/`;
  }

  /** Delegated (user) access token. */
  async userAccessToken(g: UserGrant, req: AccessTokenRequest, scopes: readonly string[]): Promise<string> {
    const { resource } = req;
    const v1 = resource.accessTokenVersion === 1;
    const tid = g.tenant.id;
    const claims: Record<string, unknown> = {
      aud: audienceOf(req),
      iss: v1 ? TokenIssuer.v1Issuer(tid) : this.v2Issuer(tid),
      acct: 0,
      acr: "1",
      ...(g.authContexts?.length ? { acrs: [...g.authContexts] } : {}),
      aio: opaque(48),
      amr: ["pwd", "mfa"],
      ...(v1
        ? { app_displayname: g.client.displayName, appid: g.client.appId, appidacr: ACR[g.authKind] }
        : { azp: g.client.appId, azpacr: ACR[g.authKind] }),
      auth_time: g.authTime,
      ...(v1 ? { family_name: g.user.surname, given_name: g.user.givenName } : {}),
      idtyp: "user",
      ipaddr: "127.0.0.1",
      name: g.user.displayName,
      oid: g.user.oid,
      ...(v1 ? {} : { preferred_username: g.user.username }),
      rh: refreshHint(),
      scp: scopes.join(" "),
      sid: g.sid,
      sub: pairwiseSub(g.user.oid, g.client.appId),
      tid,
      ...(v1 ? { unique_name: g.user.username, upn: g.user.username } : {}),
      ver: v1 ? "1.0" : "2.0",
      wids: [...g.user.wids],
      ...(g.clientCapabilities?.length ? { xms_cc: [...g.clientCapabilities] } : {}),
      xms_ftd: opaque(32),
      xms_tcdt: g.tenant.createdAt,
    };
    return this.sign(claims, req.lifetimeSec, resource.nonceHeader === true);
  }

  /** App-only access token (client credentials). */
  async appAccessToken(client: ClientApp, tenant: SandboxTenant, authKind: ClientAuthKind, req: AccessTokenRequest, roles: readonly string[]): Promise<string> {
    const v1 = req.resource.accessTokenVersion === 1;
    const tid = tenant.id;
    const claims: Record<string, unknown> = {
      aud: audienceOf(req),
      iss: v1 ? TokenIssuer.v1Issuer(tid) : this.v2Issuer(tid),
      aio: opaque(48),
      ...(v1
        ? { app_displayname: client.displayName, appid: client.appId, appidacr: ACR[authKind], idp: TokenIssuer.v1Issuer(tid) }
        : { azp: client.appId, azpacr: ACR[authKind] }),
      idtyp: "app",
      oid: client.servicePrincipalId,
      rh: refreshHint(),
      ...(roles.length ? { roles: [...roles] } : {}),
      sub: client.servicePrincipalId,
      tid,
      ver: v1 ? "1.0" : "2.0",
      xms_ftd: opaque(32),
      xms_tcdt: tenant.createdAt,
    };
    return this.sign(claims, req.lifetimeSec, req.resource.nonceHeader === true);
  }

  /** OpenID Connect id token (always v2.0, audience = the client). */
  async idToken(g: UserGrant, nonce?: string): Promise<string> {
    const claims: Record<string, unknown> = {
      aud: g.client.appId,
      iss: this.v2Issuer(g.tenant.id),
      aio: opaque(48),
      name: g.user.displayName,
      ...(nonce ? { nonce } : {}),
      oid: g.user.oid,
      preferred_username: g.user.username,
      rh: refreshHint(),
      sid: g.sid,
      sub: pairwiseSub(g.user.oid, g.client.appId),
      tid: g.tenant.id,
      ver: "2.0",
    };
    return this.sign(claims, 3600, false);
  }

  private async sign(claims: Record<string, unknown>, lifetimeSec: number, graphNonce: boolean): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const payload = { ...claims, iat: now, nbf: now - 300, exp: now + lifetimeSec, uti: opaque(16) };
    if (!graphNonce) {
      return new SignJWT(payload).setProtectedHeader({ typ: "JWT", alg: "RS256", x5t: this.kid, kid: this.kid }).sign(this.privateKey);
    }
    // Microsoft Graph: the header carries a nonce, but the signature covers the header with the nonce replaced by
    // base64url(SHA-256(nonce)). Standard JWT validation therefore fails on Graph tokens, as it does on real ones.
    const nonce = opaque(32);
    const hashed = crypto.createHash("sha256").update(nonce).digest("base64url");
    const header = (n: string) => ({ typ: "JWT", nonce: n, alg: "RS256", x5t: this.kid, kid: this.kid });
    const signed = await new CompactSign(Buffer.from(JSON.stringify(payload))).setProtectedHeader(header(hashed)).sign(this.privateKey);
    const [, body, signature] = signed.split(".");
    return `${b64url(JSON.stringify(header(nonce)))}.${body}.${signature}`;
  }
}

/** v1 tokens carry the resource as requested (Graph: its app id); v2 tokens carry the resource's app id. */
function audienceOf(req: AccessTokenRequest): string {
  if (req.resource.accessTokenVersion === 2) return req.resource.appId;
  return req.resource.v1Audience ?? req.resourceAsRequested;
}

/** Entra's `sub` is pairwise: stable per user and client app. */
export function pairwiseSub(oid: string, clientId: string): string {
  return crypto.createHash("sha256").update(`${oid}|${clientId}`).digest("base64url").slice(0, 43);
}

function refreshHint(): string {
  return `0.AX${opaque(60)}.`;
}

/** `client_info` of user-flow responses: base64url({"uid": oid, "utid": tid}). */
export function clientInfo(user: SandboxUser, tenant: SandboxTenant): string {
  return b64url(JSON.stringify({ uid: user.oid, utid: tenant.id }));
}
