// The project's local Microsoft Entra ID: an HTTPS server on 127.0.0.1 speaking the parts of the Microsoft identity
// platform v2.0 protocol that msal-node (and so the unmodified @azure/identity) uses. See sandbox.ts for its directory.
//
// Protocol endpoints ({tenant} = sandbox tenant id, contoso.test, common or organizations):
//   GET      /{tenant}/v2.0/.well-known/openid-configuration   (v1.0 document at /{tenant}/.well-known/openid-configuration)
//   GET      /{tenant}/discovery/v2.0/keys                     JWKS (also /{tenant}/discovery/keys)
//   GET      /{tenant}/oauth2/v2.0/authorize                   form_post (or query/fragment) authorization response
//   POST     /{tenant}/login                                   submit of the sign-in page (approve / cancel)
//   POST     /{tenant}/oauth2/v2.0/token                       authorization_code (+PKCE), refresh_token, client_credentials
//                                                              (secret post/basic, certificate assertion), device_code
//   POST     /{tenant}/oauth2/v2.0/devicecode                  device authorization
//   GET|POST /common/oauth2/deviceauth                         the page where a person enters the code and approves
//   GET      /msi/token                                        App Service managed identity endpoint (managedIdentity.ts)
// Control API (for tests in other processes; JSON; POST bodies must be application/json):
//   GET /_fake/requests, GET /_fake/config, POST /_fake/config, POST /_fake/reset,
//   GET /_fake/devicecodes (pending user codes), POST /_fake/devicecode/approve {userCode?, username?},
//   POST /_fake/federated-token {issuer?, subject?, audience?, lifetimeSec?, untrustedKey?} → {token} (workload.ts)
//
// Credentials must be built with { authorityHost: fe.url, disableInstanceDiscovery: true } and must trust the test CA
// (tlsOptions: { ca }, or NODE_EXTRA_CA_CERTS=certs.caPath for the whole process).
import crypto from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import tls from "node:tls";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticateClient, clientAuthMethodOf, registerCertificate, type ClientAuthMethod, type RegisteredCertificate } from "./client-auth";
import { CONTROL_SERVERNAME, DEFAULT_CONFIG, HTML_ANSWER_MARKER, mergeConfig, type FakeEntraConfig, type FaultEndpoint } from "./config";
import { defaultCodeForStatus, entraError, type Args, type EntraError } from "./errors";
import { untrustedServerCert, type FakeEntraCerts } from "./certs";
import {
  deviceCodeEntryPage, deviceConsentPage, deviceResultPage, errorPage, formPostPage, homePage, pageCsp, signInPage, type ScopeLine,
} from "./pages";
import { findResource, findUser, listUsers, resolveTenant, APPS, TENANT, USERS, type ClientApp, type SandboxTenant, type SandboxUser } from "./sandbox";
import { parseScopes, resolveAppRoles, resolveDelegated, responseScope, type ScopeFailure, type ScopeRequest } from "./scopes";
import { clientInfo, TokenIssuer, type AccessTokenRequest, type ClientAuthKind, type UserGrant } from "./tokens";
import { answerIdentityRequest, IDENTITY_ENDPOINT_PATH } from "./managedIdentity";
import { WorkloadIssuer, type FederatedTokenRequest } from "./workload";

export type { FakeEntraConfig, FailNext, HtmlAnswer, RateLimit, TrickleKeys, WrongAudience } from "./config";

export interface StartOptions {
  /** Port; 0 or omitted picks a free one. */
  port?: number;
  /**
   * Loopback address to listen on (default 127.0.0.1, served as https://localhost:PORT). Tests in VS Code use
   * 127.0.0.2: VS Code forwards `localhost` URLs opened from a remote extension host through code-server's
   * plain-http port proxy, which would break the https sign-in page. Like the real Entra, 127.0.0.2 is not
   * "localhost" to VS Code.
   */
  host?: string;
  /** Server certificate/key (and the client certificate registered for the certificate app). */
  certs: Pick<FakeEntraCerts, "caPath" | "certPath" | "keyPath"> & Partial<Pick<FakeEntraCerts, "clientCertPath">>;
  autoApprove?: boolean;
  accessTokenLifetimeSec?: number;
  deviceCodeIntervalSec?: number;
  /** Called once per protocol request when its response has been sent. */
  onRequest?: (entry: RequestLogEntry) => void;
  /** The managed identity endpoint's secret (IDENTITY_HEADER); default: random. */
  identityHeader?: string;
}

/** One protocol request. Never holds secrets, codes, assertions or tokens. */
export interface RequestLogEntry {
  method: string;
  path: string;
  tenant?: string;
  grantType?: string;
  clientId?: string;
  scope?: string;
  time: string;
  status?: number;
  /** OAuth error and AADSTS code of an error response. */
  error?: string;
  aadsts?: number;
  /** Set when a configured fault produced the response. */
  fault?: "failNext" | "rateLimit" | "malformedJson" | "htmlAnswer" | "trickleKeys" | "wrongAudience";
  /** Token endpoint: how the client authenticated. */
  clientAuth?: ClientAuthMethod;
  /** Token endpoint, authorization_code: whether a code_verifier was sent. */
  codeVerifier?: boolean;
  /** Authorize endpoint parameters (no state, code_challenge or nonce values). */
  responseMode?: string;
  responseType?: string;
  prompt?: string;
  loginHint?: string;
  redirectUri?: string;
  codeChallengeMethod?: string;
}

export interface FakeEntra {
  /** https://localhost:PORT, the authorityHost for credentials. */
  readonly url: string;
  readonly port: number;
  readonly caPath: string;
  /** The App Service managed identity endpoint and its secret header value: IDENTITY_ENDPOINT and IDENTITY_HEADER. */
  readonly identityEndpoint: string;
  readonly identityHeader: string;
  /** Mints a workload's federated token (what AKS projects into AZURE_FEDERATED_TOKEN_FILE). */
  federatedToken(req?: FederatedTokenRequest): Promise<string>;
  /** Live log of protocol requests (cleared by reset()). */
  readonly requests: readonly RequestLogEntry[];
  readonly config: Readonly<FakeEntraConfig>;
  /** Merges a partial configuration (validated; throws on unknown keys or bad values). */
  configure(partial: Partial<FakeEntraConfig>): void;
  /** Back to the start configuration; forgets codes, refresh tokens, device codes and the request log. */
  reset(): void;
  /** Approves a pending device code as `username` (default alice). Without userCode: the newest pending one. */
  approveDeviceCode(userCode?: string, username?: string): boolean;
  /** User codes of pending device authorizations, newest last. */
  pendingDeviceCodes(): string[];
  /** Closes all connections and the listener, and cancels pending delayed responses. */
  close(): Promise<void>;
}

// ---- server state ---------------------------------------------------------------------------------------------

interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge: string | null;
  challengeMethod: string;
  tenant: SandboxTenant;
  user: SandboxUser;
  scope: string;
  nonce: string | undefined;
  capabilities: string[];
  /** Conditional Access authentication contexts (acrs) met by this sign-in: asked for in its `claims`. */
  authContexts: string[];
  expiresAt: number;
  sid: string;
  authTime: number;
}

interface RefreshGrant {
  clientId: string;
  tenant: SandboxTenant;
  user: SandboxUser;
  sid: string;
  authTime: number;
  capabilities: string[];
  /** Conditional Access authentication contexts (acrs) met by this sign-in: asked for in its `claims`. */
  authContexts: string[];
}

interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  client: ClientApp;
  tenant: SandboxTenant;
  scopeReq: ScopeRequest;
  scope: string;
  grantedScopes: string[];
  capabilities: string[];
  /** Conditional Access authentication contexts (acrs) met by this sign-in: asked for in its `claims`. */
  authContexts: string[];
  expiresAt: number;
  status: "pending" | "approved" | "declined";
  user?: SandboxUser;
}

interface PendingSignIn {
  tenantSegment: string;
  tenant: SandboxTenant;
  client: ClientApp;
  redirectUri: string;
  responseMode: string;
  state: string | null;
  challenge: string | null;
  challengeMethod: string;
  scope: string;
  scopeReq: ScopeRequest;
  grantedScopes: string[];
  nonce: string | undefined;
  capabilities: string[];
  /** Conditional Access authentication contexts (acrs) met by this sign-in: asked for in its `claims`. */
  authContexts: string[];
  wantsClientInfo: boolean;
  expiresAt: number;
}

class State {
  codes = new Map<string, AuthCode>();
  redeemedCodes = new Set<string>();
  refreshTokens = new Map<string, RefreshGrant>();
  devices = new Map<string, DeviceAuthorization>();
  signIns = new Map<string, PendingSignIn>();

  deviceByUserCode(userCode: string): DeviceAuthorization | undefined {
    const c = normalizeUserCode(userCode);
    for (const d of this.devices.values()) if (d.userCode === c) return d;
    return undefined;
  }
}

// ---- helpers ------------------------------------------------------------------------------------------------------

const rand = (bytes = 32) => crypto.randomBytes(bytes).toString("base64url");
const nowSec = () => Math.floor(Date.now() / 1000);
const USER_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const normalizeUserCode = (c: string) => c.replace(/[\s-]/g, "").toUpperCase();
const MAX_BODY = 1024 * 1024;

function newUserCode(): string {
  const bytes = crypto.randomBytes(9);
  return Array.from(bytes, (b) => USER_CODE_ALPHABET[b % USER_CODE_ALPHABET.length]).join("");
}

/** Client capabilities (xms_cc) from the OIDC `claims` request parameter, e.g. CAE's "cp1". */
function capabilitiesOf(claims: string | null): string[] {
  return requestedValues(claims, "xms_cc");
}

/**
 * Authentication contexts (acrs c1…c99) a claims challenge asks for. An interactive sign-in (browser, device code)
 * meets them, as a person who passed the Conditional Access policy would; a refresh token meets only those its sign-in
 * met, so a silent request for more is refused as interaction required until a sign-in meets them.
 */
function authContextsOf(claims: string | null): string[] {
  return requestedValues(claims, "acrs");
}

/** `{"access_token":{"<claim>":{"value":…}|{"values":[…]}}}` → the requested string values. */
function requestedValues(claims: string | null, claim: string): string[] {
  if (!claims) return [];
  try {
    const parsed = JSON.parse(claims) as { access_token?: Record<string, { value?: unknown; values?: unknown } | undefined> };
    const spec = parsed.access_token?.[claim];
    const values = Array.isArray(spec?.values) ? spec.values : spec?.value !== undefined ? [spec.value] : [];
    return values.filter((v): v is string => typeof v === "string");
  } catch {
    return [];
  }
}

/** Loopback redirect URIs match a registered http://localhost (or 127.0.0.1) on any port, like Entra. */
function redirectMatches(client: ClientApp, redirectUri: string): boolean {
  let requested: URL;
  try {
    requested = new URL(redirectUri);
  } catch {
    return false;
  }
  return client.redirectUris.some(({ uri }) => {
    const reg = new URL(uri);
    const loopback = reg.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(reg.hostname);
    if (loopback) {
      return requested.protocol === "http:" && requested.hostname === reg.hostname && requested.pathname === reg.pathname && !requested.search;
    }
    return requested.href === reg.href;
  });
}

function pkceMatches(challenge: string, method: string, verifier: string): boolean {
  const computed = method === "S256" ? crypto.createHash("sha256").update(verifier).digest("base64url") : verifier;
  const a = Buffer.from(computed);
  const b = Buffer.from(challenge);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error("request body too large"), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  form: URLSearchParams;
  rawBody: string;
  entry: RequestLogEntry | undefined;
}

// ---- the server -------------------------------------------------------------------------------------------------

export async function startFakeEntra(opts: StartOptions): Promise<FakeEntra> {
  const initialConfig = mergeConfig({ ...DEFAULT_CONFIG }, {
    ...(opts.autoApprove !== undefined ? { autoApprove: opts.autoApprove } : {}),
    ...(opts.accessTokenLifetimeSec !== undefined ? { accessTokenLifetimeSec: opts.accessTokenLifetimeSec } : {}),
    ...(opts.deviceCodeIntervalSec !== undefined ? { deviceCodeIntervalSec: opts.deviceCodeIntervalSec } : {}),
  });
  let config: FakeEntraConfig = { ...initialConfig };
  let state = new State();
  const requests: RequestLogEntry[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const certificates = new Map<string, RegisteredCertificate[]>();
  if (opts.certs.clientCertPath) {
    certificates.set(APPS.certificateClient.appId, [registerCertificate(fs.readFileSync(opts.certs.clientCertPath, "utf8"))]);
  }

  // The untrustedCert fault swaps the certificate every client without CONTROL_SERVERNAME is shown (clients of an IP
  // address send no server name and get the default one); the control API keeps answering with the trusted one.
  const trustedPair = { key: fs.readFileSync(opts.certs.keyPath), cert: fs.readFileSync(opts.certs.certPath) };
  const trusted = tls.createSecureContext(trustedPair);
  let untrusted: tls.SecureContext | undefined;
  const currentContext = (): tls.SecureContext => (config.untrustedCert ? (untrusted ??= tls.createSecureContext(untrustedServerCert())) : trusted);
  const server = https.createServer({
    ...trustedPair,
    SNICallback: (servername, done) => done(null, servername === CONTROL_SERVERNAME ? trusted : currentContext()),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const base = `https://${!opts.host || opts.host === "127.0.0.1" ? "localhost" : opts.host}:${port}`;
  const issuer = await TokenIssuer.create(base);
  const workloadIssuer = await WorkloadIssuer.create();
  const identityHeader = opts.identityHeader ?? rand(24);

  // ---- responses ----
  const sendJson = (ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    ctx.res.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store, no-cache",
      pragma: "no-cache",
      "content-length": String(Buffer.byteLength(text)),
      ...headers,
    });
    ctx.res.end(text);
  };
  const sendError = (ctx: Ctx, e: EntraError) => {
    if (ctx.entry) {
      ctx.entry.error = e.body.error;
      ctx.entry.aadsts = e.body.error_codes[0];
    }
    sendJson(ctx, e.status, e.body, { ...(e.headers ?? {}) });
  };
  const fail = (ctx: Ctx, code: number, args: Args = {}, overrides: { status?: number; error?: string; headers?: Record<string, string> } = {}) =>
    sendError(ctx, entraError(base, code, args, overrides));
  const failScope = (ctx: Ctx, f: ScopeFailure, tenant?: SandboxTenant) => fail(ctx, f.code, { tenantName: tenant?.displayName, ...f.args });
  const sendHtml = (ctx: Ctx, status: number, render: (nonce: string) => string, formTargets: string[] = []) => {
    const nonce = rand(16);
    const html = render(nonce);
    ctx.res.writeHead(status, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": pageCsp(nonce, formTargets),
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "content-length": String(Buffer.byteLength(html)),
    });
    ctx.res.end(html);
  };
  /** The htmlAnswer fault for this endpoint, used up by one: true when it answered (a 200 HTML page, as a captive portal does). */
  const answeredWithHtml = (ctx: Ctx, endpoint: "token" | "discovery"): boolean => {
    const h = config.htmlAnswer;
    if (!h || (h.endpoint ?? "token") !== endpoint) return false;
    const remaining = (h.count ?? 1) - 1;
    config = { ...config, htmlAnswer: remaining > 0 ? { ...h, count: remaining } : null };
    if (ctx.entry) ctx.entry.fault = "htmlAnswer";
    const html = `<!doctype html><html><head><title>Guest Wi-Fi</title></head><body><h1>Welcome to Guest Wi-Fi</h1>` +
      `<p>Accept the terms of use to continue browsing.</p><form method="post" action="/accept"><button>Accept</button></form>` +
      `<!-- ${HTML_ANSWER_MARKER} --></body></html>`;
    ctx.res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-length": String(Buffer.byteLength(html)) });
    ctx.res.end(html);
    return true;
  };
  /** The trickleKeys fault: the JSON body one byte every intervalMs, until it is all sent or the client goes away. */
  const trickleJson = (ctx: Ctx, body: unknown, intervalMs: number) => {
    const bytes = Buffer.from(JSON.stringify(body));
    if (ctx.entry) ctx.entry.fault = "trickleKeys";
    ctx.res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": String(bytes.length) });
    let sent = 0;
    let gone = false;
    ctx.res.on("close", () => (gone = true));
    const tick = () => {
      if (gone) return;
      ctx.res.write(bytes.subarray(sent, sent + 1));
      sent += 1;
      if (sent >= bytes.length) return void ctx.res.end();
      const t = setTimeout(() => { timers.delete(t); tick(); }, intervalMs);
      timers.add(t);
    };
    tick();
  };
  /** HTTP 200 with JSON cut off in the middle of the access token: a body no client can parse. */
  const sendTruncatedJson = (ctx: Ctx) => {
    const text = `{"token_type":"Bearer","expires_in":${config.accessTokenLifetimeSec},"access_token":"`;
    ctx.res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(text)) });
    ctx.res.end(text);
  };
  /**
   * The failNext fault for this endpoint (and grant type), used up by one: true when it answered — with an Entra-shaped
   * error, a reset connection or a 200 whose JSON is cut off.
   */
  const answeredWithFault = (ctx: Ctx, endpoint: FaultEndpoint): boolean => {
    const f = config.failNext;
    if (!f || (f.endpoint ?? "token") !== endpoint || (f.grantType && f.grantType !== ctx.form.get("grant_type"))) return false;
    const remaining = (f.count ?? 1) - 1;
    config = { ...config, failNext: remaining > 0 ? { ...f, count: remaining } : null };
    if (ctx.entry) ctx.entry.fault = "failNext";
    switch (f.answer ?? "error") {
      case "reset":
        ctx.req.socket.destroy();
        return true;
      case "invalidJson":
        sendTruncatedJson(ctx);
        return true;
      case "error": {
        const code = f.aadsts ?? defaultCodeForStatus(f.status ?? 400);
        const clientId = ctx.form.get("client_id") ?? undefined;
        const app = clientId ? APPS_BY_ID.get(clientId.toLowerCase()) : undefined;
        const headers = f.retryAfterSec !== undefined ? { "retry-after": String(f.retryAfterSec) } : undefined;
        fail(ctx, code, { clientId, appName: app?.displayName, ...(f.status === 404 ? { detail: ctx.url.pathname } : {}) }, { status: f.status, error: f.error, headers });
        return true;
      }
    }
  };
  const htmlError = (ctx: Ctx, code: number, args: Args) => {
    const e = entraError(base, code, args);
    if (ctx.entry) {
      ctx.entry.error = e.body.error;
      ctx.entry.aadsts = code;
    }
    sendHtml(ctx, e.status, (nonce) => errorPage({ nonce, title: "Sorry, but we're having trouble signing you in.", description: e.body.error_description }));
  };

  /** Sends the authorization response back to the app: form_post page, or a 302 with query or fragment. */
  const respondToClient = (ctx: Ctx, p: { redirectUri: string; responseMode: string; state: string | null }, params: Record<string, string>) => {
    const all: Record<string, string> = { ...params, ...(p.state !== null ? { state: p.state } : {}) };
    if (p.responseMode === "form_post") {
      sendHtml(ctx, 200, (nonce) => formPostPage(nonce, p.redirectUri, all), [new URL(p.redirectUri).origin]);
      return;
    }
    const target = new URL(p.redirectUri);
    const q = new URLSearchParams(all).toString();
    const location = p.responseMode === "fragment" ? `${target.href.split("#")[0]}#${q}` : (Object.entries(all).forEach(([k, v]) => target.searchParams.set(k, v)), target.href);
    ctx.res.writeHead(302, { location, "cache-control": "no-store" });
    ctx.res.end();
  };
  const errorParams = (code: number, args: Args, extra: Record<string, string> = {}): Record<string, string> => {
    const e = entraError(base, code, args);
    return { error: e.body.error, error_description: e.body.error_description, ...extra };
  };

  const scopeLines = (req: ScopeRequest, granted: readonly string[]): ScopeLine[] => {
    const lines: ScopeLine[] = granted.map((g) => ({
      scope: req.resource.appId === "00000003-0000-0000-c000-000000000000" ? g : `${req.resourceAsRequested.replace(/\/+$/, "")}/${g}`,
      description: req.resource.delegatedScopes.find((s) => s.value === g)?.description ?? g,
    }));
    if (req.oidc.some((s) => s.toLowerCase() === "offline_access")) lines.push({ scope: "offline_access", description: "Maintain access to data you have given it access to" });
    if (req.oidc.some((s) => ["openid", "profile"].includes(s.toLowerCase()))) lines.push({ scope: "openid profile", description: "View your basic profile and sign you in" });
    return lines;
  };

  // ---- token responses ----
  const lifetimeFields = () => {
    const lifetime = config.accessTokenLifetimeSec;
    return { expires_in: lifetime, ext_expires_in: lifetime, ...(lifetime >= 7200 ? { refresh_in: Math.floor(lifetime / 2) } : {}) };
  };

  /** What a token is issued for: the resource asked for, unless the wrongAudience fault names another. */
  const accessTokenRequest = (scopeReq: ScopeRequest): AccessTokenRequest => {
    const wrong = config.wrongAudience;
    const other = wrong ? findResource(wrong.resource) : undefined;
    if (wrong && other) {
      const remaining = (wrong.count ?? 1) - 1;
      config = { ...config, wrongAudience: remaining > 0 ? { ...wrong, count: remaining } : null };
      return { resource: other, resourceAsRequested: other.identifierUris[0], lifetimeSec: config.accessTokenLifetimeSec };
    }
    return { resource: scopeReq.resource, resourceAsRequested: scopeReq.resourceAsRequested, lifetimeSec: config.accessTokenLifetimeSec };
  };

  const userTokenResponse = async (g: UserGrant, scopeReq: ScopeRequest, granted: string[], form: URLSearchParams, nonce?: string) => {
    const oidc = scopeReq.oidc.map((s) => s.toLowerCase());
    const body: Record<string, unknown> = {
      token_type: "Bearer",
      scope: responseScope(scopeReq, granted),
      ...lifetimeFields(),
      access_token: await issuer.userAccessToken(g, accessTokenRequest(scopeReq), granted),
    };
    if (oidc.includes("offline_access")) {
      const rt = `0.AX${rand(64)}`;
      state.refreshTokens.set(rt, { clientId: g.client.appId, tenant: g.tenant, user: g.user, sid: g.sid, authTime: g.authTime, capabilities: [...(g.clientCapabilities ?? [])], authContexts: [...(g.sessionAuthContexts ?? g.authContexts ?? [])] });
      body.refresh_token = rt;
    }
    if (oidc.includes("openid")) body.id_token = await issuer.idToken(g, nonce);
    if (form.get("client_info") === "1") body.client_info = clientInfo(g.user, g.tenant);
    return body;
  };

  // ---- endpoint handlers ----
  const openidConfiguration = (segment: string, tenant: SandboxTenant, v1: boolean) => {
    const multi = ["common", "organizations"].includes(segment.toLowerCase());
    const t = `${base}/${segment}`;
    const issuerValue = v1 ? TokenIssuer.v1Issuer(multi ? "{tenantid}" : tenant.id) : issuer.v2Issuer(multi ? "{tenantid}" : tenant.id);
    const oauth = v1 ? `${t}/oauth2` : `${t}/oauth2/v2.0`;
    return {
      token_endpoint: `${oauth}/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: v1 ? `${t}/discovery/keys` : `${t}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: issuerValue,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${base}/oidc/userinfo`,
      authorization_endpoint: `${oauth}/authorize`,
      device_authorization_endpoint: `${oauth}/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${oauth}/logout`,
      claims_supported: ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp",
        "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
      kerberos_endpoint: `${t}/kerberos`,
      tenant_region_scope: "EU",
      cloud_instance_name: "microsoftonline.com",
      cloud_graph_host_name: "graph.windows.net",
      msgraph_host: "graph.microsoft.com",
      rbac_url: "https://pas.windows.net",
    };
  };

  const handleAuthorize = (ctx: Ctx, segment: string, tenant: SandboxTenant) => {
    const q = ctx.url.searchParams;
    const clientId = q.get("client_id");
    const redirectUri = q.get("redirect_uri");
    if (!clientId) return htmlError(ctx, 900144, { detail: "client_id" });
    const client = APPS_BY_ID.get(clientId.toLowerCase());
    if (!client) return htmlError(ctx, 700016, { clientId, tenantName: tenant.displayName });
    if (!redirectUri) return htmlError(ctx, 900144, { detail: "redirect_uri" });
    if (!redirectMatches(client, redirectUri)) return htmlError(ctx, 50011, { redirectUri, clientId: client.appId });

    const responseMode = q.get("response_mode") ?? "query";
    const back = { redirectUri, responseMode: ["form_post", "query", "fragment"].includes(responseMode) ? responseMode : "query", state: q.get("state") };
    const responseType = q.get("response_type");
    if (responseType !== "code") return respondToClient(ctx, back, errorParams(700054, { detail: responseType ?? "" }));
    const challenge = q.get("code_challenge");
    const challengeMethod = q.get("code_challenge_method") ?? "plain";
    if (challenge && !["S256", "plain"].includes(challengeMethod)) {
      return respondToClient(ctx, back, errorParams(501491, { detail: challengeMethod }));
    }
    const scope = q.get("scope") ?? "";
    const parsed = parseScopes(scope);
    if (!parsed.ok) return respondToClient(ctx, back, errorParams(parsed.failure.code, { tenantName: tenant.displayName, ...parsed.failure.args }));
    const resolved = resolveDelegated(parsed.value, client);
    if (!resolved.ok) return respondToClient(ctx, back, errorParams(resolved.failure.code, resolved.failure.args, resolved.failure.code === 65001 ? { error: "consent_required" } : {}));

    const pending: PendingSignIn = {
      tenantSegment: segment, tenant, client, redirectUri, responseMode: back.responseMode, state: back.state, challenge, challengeMethod,
      scope, scopeReq: parsed.value, grantedScopes: resolved.scopes, nonce: q.get("nonce") ?? undefined,
      capabilities: capabilitiesOf(q.get("claims")), authContexts: authContextsOf(q.get("claims")), wantsClientInfo: q.get("client_info") === "1", expiresAt: Date.now() + 15 * 60_000,
    };
    const hint = findUser(q.get("login_hint"));
    if (config.autoApprove) {
      if (config.authorizeOutcome === "access_denied") return respondToClient(ctx, back, errorParams(65004, {}, { error_subcode: "cancel" }));
      return issueCode(ctx, pending, hint ?? USERS.alice);
    }
    if (q.get("prompt") === "none") return respondToClient(ctx, back, errorParams(50058, {}));
    const ctxId = rand(24);
    state.signIns.set(ctxId, pending);
    sendHtml(ctx, 200, (nonce) => signInPage({
      nonce, action: `/${encodeURIComponent(segment)}/login`, ctx: ctxId, appName: client.displayName, clientId: client.appId,
      tenantName: tenant.displayName, tenantId: tenant.id, resourceName: parsed.value.resource.displayName,
      scopes: scopeLines(parsed.value, resolved.scopes), users: listUsers(), selected: hint?.username,
    }));
  };

  const issueCode = (ctx: Ctx, p: PendingSignIn, user: SandboxUser) => {
    const code = `1.AX${rand(96)}`;
    state.codes.set(code, {
      clientId: p.client.appId, redirectUri: p.redirectUri, challenge: p.challenge, challengeMethod: p.challengeMethod, tenant: p.tenant, user,
      scope: p.scope, nonce: p.nonce, capabilities: p.capabilities, authContexts: p.authContexts, expiresAt: Date.now() + 10 * 60_000, sid: crypto.randomUUID(), authTime: nowSec(),
    });
    const params: Record<string, string> = { code };
    if (p.wantsClientInfo) params.client_info = clientInfo(user, p.tenant);
    params.session_state = crypto.randomUUID();
    respondToClient(ctx, p, params);
  };

  const handleSignInSubmit = (ctx: Ctx) => {
    const id = ctx.form.get("ctx") ?? "";
    const pending = state.signIns.get(id);
    state.signIns.delete(id);
    if (!pending || pending.expiresAt < Date.now()) {
      return sendHtml(ctx, 400, (nonce) => errorPage({ nonce, title: "Your sign-in session has expired", description: "Go back to the application and sign in again." }));
    }
    if (ctx.form.get("action") !== "approve") {
      return respondToClient(ctx, pending, errorParams(65004, {}, { error_subcode: "cancel" }));
    }
    issueCode(ctx, pending, findUser(ctx.form.get("username")) ?? USERS.alice);
  };

  const handleToken = async (ctx: Ctx, segment: string) => {
    const form = ctx.form;
    // Faults first: they stand for the service itself failing.
    if (config.delayMs > 0) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => { timers.delete(t); resolve(); }, config.delayMs);
        timers.add(t);
      });
      if (ctx.res.destroyed) return;
    }
    if (config.rateLimit) {
      const rl = config.rateLimit;
      const remaining = (rl.count ?? 1) - 1;
      config = { ...config, rateLimit: remaining > 0 ? { ...rl, count: remaining } : null };
      if (ctx.entry) ctx.entry.fault = "rateLimit";
      return fail(ctx, 50196, {}, { status: 429, headers: { "retry-after": String(rl.retryAfterSec) } });
    }
    if (answeredWithFault(ctx, "token")) return;
    if (answeredWithHtml(ctx, "token")) return;
    if (config.malformedJson) {
      config = { ...config, malformedJson: false };
      if (ctx.entry) ctx.entry.fault = "malformedJson";
      return sendTruncatedJson(ctx);
    }

    const tenant = resolveTenant(segment);
    if (!tenant) return fail(ctx, 90002, { tenant: segment }, { error: "invalid_request" });
    const grantType = form.get("grant_type");
    if (!grantType) return fail(ctx, 900144, { detail: "grant_type" });
    const auth = await authenticateClient(ctx.req.headers, form, {
      certificates, assertionAudiences: assertionAudiences(segment, tenant), acceptedSecrets: config.clientSecrets, workloadIssuer,
    });
    if (!auth.ok) return fail(ctx, auth.code, { tenantName: tenant.displayName, ...auth.args });
    const { client, authKind } = auth;

    switch (grantType) {
      case "client_credentials":
        return clientCredentials(ctx, segment, tenant, client, authKind);
      case "authorization_code":
        return authorizationCode(ctx, tenant, client, authKind);
      case "refresh_token":
        return refreshToken(ctx, tenant, client, authKind);
      case "device_code":
      case "urn:ietf:params:oauth:grant-type:device_code":
        return deviceCodeGrant(ctx, client, authKind);
      case OBO_GRANT:
        return onBehalfOf(ctx, tenant, client, authKind);
      default:
        return fail(ctx, 70003, { grantType });
    }
  };

  const assertionAudiences = (segment: string, tenant: SandboxTenant): string[] => {
    const aliases = [segment, tenant.id, tenant.domain];
    return [...aliases.flatMap((a) => [`${base}/${a}/oauth2/v2.0/token`, `${base}/${a}/oauth2/token`]), issuer.v2Issuer(tenant.id)];
  };

  const clientCredentials = async (ctx: Ctx, segment: string, tenant: SandboxTenant, client: ClientApp, authKind: ClientAuthKind) => {
    if (authKind === "none") return fail(ctx, 7000218, { clientId: client.appId });
    if (["common", "organizations"].includes(segment.toLowerCase())) return fail(ctx, 50059);
    const parsed = parseScopes(ctx.form.get("scope"));
    if (!parsed.ok) return failScope(ctx, parsed.failure, tenant);
    const roles = resolveAppRoles(parsed.value, client);
    if (!roles.ok) return failScope(ctx, roles.failure, tenant);
    sendJson(ctx, 200, { token_type: "Bearer", ...lifetimeFields(), access_token: await issuer.appAccessToken(client, tenant, authKind, accessTokenRequest(parsed.value), roles.roles) });
  };

  const authorizationCode = async (ctx: Ctx, tenant: SandboxTenant, client: ClientApp, authKind: ClientAuthKind) => {
    const form = ctx.form;
    const code = form.get("code") ?? "";
    const grant = state.codes.get(code);
    if (!grant) return fail(ctx, state.redeemedCodes.has(code) ? 54005 : 70000, { detail: "The provided value for the 'code' parameter is not valid." });
    state.codes.delete(code);
    state.redeemedCodes.add(code);
    if (grant.expiresAt < Date.now()) return fail(ctx, 70008);
    if (grant.clientId !== client.appId || grant.tenant.id !== tenant.id) return fail(ctx, 70000, { detail: "The code was issued to a different client or tenant." });
    if (grant.redirectUri !== form.get("redirect_uri")) {
      return fail(ctx, 70000, { detail: "The provided value for the 'redirect_uri' is not valid. The value must exactly match the redirect URI used to obtain the authorization code." });
    }
    if (grant.challenge) {
      const verifier = form.get("code_verifier");
      if (!verifier) return fail(ctx, 50148);
      if (!pkceMatches(grant.challenge, grant.challengeMethod, verifier)) return fail(ctx, 501481);
    }
    const parsed = parseScopes(form.get("scope") || grant.scope);
    if (!parsed.ok) return failScope(ctx, parsed.failure, tenant);
    const resolved = resolveDelegated(parsed.value, client);
    if (!resolved.ok) return failScope(ctx, resolved.failure, tenant);
    const g: UserGrant = { user: grant.user, client, tenant, authKind, authTime: grant.authTime, sid: grant.sid, clientCapabilities: grant.capabilities, authContexts: grant.authContexts };
    sendJson(ctx, 200, await userTokenResponse(g, parsed.value, resolved.scopes, form, grant.nonce));
  };

  const refreshToken = async (ctx: Ctx, tenant: SandboxTenant, client: ClientApp, authKind: ClientAuthKind) => {
    const form = ctx.form;
    const rt = form.get("refresh_token") ?? "";
    const old = state.refreshTokens.get(rt);
    if (!old) return fail(ctx, 9002313);
    if (old.clientId !== client.appId || old.tenant.id !== tenant.id) return fail(ctx, 70000, { detail: "The refresh token was issued to a different client or tenant." });
    const parsed = parseScopes(form.get("scope"));
    if (!parsed.ok) return failScope(ctx, parsed.failure, tenant);
    const resolved = resolveDelegated(parsed.value, client);
    if (!resolved.ok) return failScope(ctx, resolved.failure, tenant);
    const asked = authContextsOf(form.get("claims"));
    if (asked.some((c) => !old.authContexts.includes(c))) return fail(ctx, 50076, { resource: parsed.value.resourceAsRequested });
    state.refreshTokens.delete(rt); // rotation: a refresh token is good for one use
    const capabilities = capabilitiesOf(form.get("claims"));
    const g: UserGrant = {
      user: old.user, client, tenant, authKind, authTime: old.authTime, sid: old.sid, clientCapabilities: capabilities.length ? capabilities : old.capabilities,
      authContexts: asked, sessionAuthContexts: old.authContexts,
    };
    sendJson(ctx, 200, await userTokenResponse(g, parsed.value, resolved.scopes, form));
  };

  /**
   * On-behalf-of: a middle-tier API (a confidential client) trades the user's token it received (`assertion`) for a
   * token to a downstream API carrying the same user. The assertion must be a delegated token this server issued to
   * that API (aud = the client), unexpired, in this tenant; consent is checked like any delegated request.
   */
  const onBehalfOf = async (ctx: Ctx, tenant: SandboxTenant, client: ClientApp, authKind: ClientAuthKind) => {
    const form = ctx.form;
    if (authKind === "none") return fail(ctx, 7000218, { clientId: client.appId });
    if (form.get("requested_token_use") !== "on_behalf_of") return fail(ctx, 900144, { detail: "requested_token_use" });
    const assertion = form.get("assertion");
    if (!assertion) return fail(ctx, 900144, { detail: "assertion" });
    const checked = await issuer.verifyOwn(assertion);
    if (!checked.ok) return checked.reason === "expired" ? fail(ctx, 500133) : fail(ctx, 50013, { detail: "The key was not found." });
    const p = checked.payload;
    if (p.aud !== client.appId) return fail(ctx, 50013, { detail: `The assertion's audience '${String(p.aud)}' is not the client app '${client.appId}'.` });
    if (p.tid !== tenant.id) return fail(ctx, 50013, { detail: "The assertion was issued in another tenant." });
    const user = listUsers().find((u) => u.oid === p.oid);
    if (p.idtyp === "app" || typeof p.scp !== "string" || !user) return fail(ctx, 50013, { detail: "The assertion is not a user's (delegated) token." });
    const parsed = parseScopes(form.get("scope"));
    if (!parsed.ok) return failScope(ctx, parsed.failure, tenant);
    const resolved = resolveDelegated(parsed.value, client);
    if (!resolved.ok) return failScope(ctx, resolved.failure, tenant);
    const g: UserGrant = {
      user, client, tenant, authKind, authTime: typeof p.auth_time === "number" ? p.auth_time : nowSec(), sid: typeof p.sid === "string" ? p.sid : crypto.randomUUID(),
    };
    sendJson(ctx, 200, await userTokenResponse(g, parsed.value, resolved.scopes, form));
  };

  const deviceCodeGrant = async (ctx: Ctx, client: ClientApp, authKind: ClientAuthKind) => {
    const form = ctx.form;
    const device = state.devices.get(form.get("device_code") ?? "");
    if (!device || device.client.appId !== client.appId) return fail(ctx, 70000, { detail: "The provided value for the input parameter 'device_code' is not valid." });
    if (device.expiresAt < Date.now()) {
      state.devices.delete(device.deviceCode);
      return fail(ctx, 70019);
    }
    if (device.status === "declined") {
      state.devices.delete(device.deviceCode);
      return fail(ctx, 70020);
    }
    if (device.status === "pending" || !device.user) return fail(ctx, 70016);
    state.devices.delete(device.deviceCode);
    const g: UserGrant = { user: device.user, client, tenant: device.tenant, authKind, authTime: nowSec(), sid: crypto.randomUUID(), clientCapabilities: device.capabilities, authContexts: device.authContexts };
    sendJson(ctx, 200, await userTokenResponse(g, device.scopeReq, device.grantedScopes, form));
  };

  const handleDeviceCodeRequest = (ctx: Ctx, segment: string) => {
    if (answeredWithFault(ctx, "devicecode")) return;
    const tenant = resolveTenant(segment);
    if (!tenant) return fail(ctx, 90002, { tenant: segment }, { error: "invalid_request" });
    const clientId = ctx.form.get("client_id");
    if (!clientId) return fail(ctx, 900144, { detail: "client_id" });
    const client = APPS_BY_ID.get(clientId.toLowerCase());
    if (!client) return fail(ctx, 700016, { clientId, tenantName: tenant.displayName });
    const scope = ctx.form.get("scope") ?? "";
    const parsed = parseScopes(scope);
    if (!parsed.ok) return failScope(ctx, parsed.failure, tenant);
    const resolved = resolveDelegated(parsed.value, client);
    if (!resolved.ok) return failScope(ctx, resolved.failure, tenant);
    const device: DeviceAuthorization = {
      deviceCode: `DAQABAAEAAA${rand(96)}`, userCode: newUserCode(), client, tenant, scopeReq: parsed.value, scope, grantedScopes: resolved.scopes,
      capabilities: capabilitiesOf(ctx.form.get("claims")), authContexts: authContextsOf(ctx.form.get("claims")), expiresAt: Date.now() + config.deviceCodeLifetimeSec * 1000, status: "pending",
    };
    state.devices.set(device.deviceCode, device);
    const verificationUri = `${base}/common/oauth2/deviceauth`;
    sendJson(ctx, 200, {
      user_code: device.userCode,
      device_code: device.deviceCode,
      verification_uri: verificationUri,
      expires_in: config.deviceCodeLifetimeSec,
      interval: config.deviceCodeIntervalSec,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${device.userCode} to authenticate.`,
    });
  };

  const deviceDecision = (device: DeviceAuthorization, approve: boolean, user?: SandboxUser) => {
    device.status = approve ? "approved" : "declined";
    if (approve) device.user = user ?? USERS.alice;
  };

  const handleDeviceAuthPage = (ctx: Ctx) => {
    const params = ctx.req.method === "POST" ? ctx.form : ctx.url.searchParams;
    const typed = params.get("user_code") ?? params.get("otc");
    const action = "/common/oauth2/deviceauth";
    if (!typed) return sendHtml(ctx, 200, (nonce) => deviceCodeEntryPage({ nonce, action }));
    const device = state.deviceByUserCode(typed);
    if (!device || device.status !== "pending" || device.expiresAt < Date.now()) {
      return sendHtml(ctx, 200, (nonce) => deviceCodeEntryPage({ nonce, action, userCode: typed, error: "That code didn't work. Check the code and try again." }));
    }
    const decision = ctx.req.method === "POST" ? params.get("action") : null;
    if (decision === "approve" || decision === "decline") {
      const user = findUser(params.get("username")) ?? USERS.alice;
      deviceDecision(device, decision === "approve", user);
      return sendHtml(ctx, 200, (nonce) => deviceResultPage(nonce, decision === "approve", device.client.displayName, user.username));
    }
    sendHtml(ctx, 200, (nonce) => deviceConsentPage({
      nonce, action, userCode: device.userCode, appName: device.client.displayName, clientId: device.client.appId, tenantName: device.tenant.displayName,
      tenantId: device.tenant.id, resourceName: device.scopeReq.resource.displayName, scopes: scopeLines(device.scopeReq, device.grantedScopes),
      users: listUsers(), selected: params.get("login_hint") ?? undefined,
    }));
  };

  // ---- control API ----
  const approveDeviceCode = (userCode?: string, username?: string): boolean => {
    const pending = [...state.devices.values()].filter((d) => d.status === "pending" && d.expiresAt >= Date.now());
    const device = userCode ? state.deviceByUserCode(userCode) : pending[pending.length - 1];
    if (!device || device.status !== "pending") return false;
    const user = username === undefined ? USERS.alice : findUser(username);
    if (!user) return false;
    deviceDecision(device, true, user);
    return true;
  };

  const handleControl = async (ctx: Ctx, path: string) => {
    const { method } = ctx.req;
    const json = (): unknown => {
      if (!/^application\/json\b/i.test(ctx.req.headers["content-type"] ?? "")) throw new Error("content-type must be application/json");
      return ctx.rawBody ? JSON.parse(ctx.rawBody) : {};
    };
    try {
      if (method === "GET" && path === "/_fake/requests") return sendJson(ctx, 200, requests);
      if (method === "GET" && path === "/_fake/config") return sendJson(ctx, 200, config);
      if (method === "GET" && path === "/_fake/devicecodes") return sendJson(ctx, 200, api.pendingDeviceCodes());
      if (method === "POST" && path === "/_fake/config") {
        api.configure(json() as Partial<FakeEntraConfig>);
        return sendJson(ctx, 200, config);
      }
      if (method === "POST" && path === "/_fake/reset") {
        json();
        api.reset();
        return sendJson(ctx, 200, { ok: true });
      }
      if (method === "POST" && path === "/_fake/federated-token") {
        const body = json() as Record<string, unknown>;
        const text = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : undefined);
        const lifetimeSec = typeof body.lifetimeSec === "number" ? body.lifetimeSec : undefined;
        const token = await api.federatedToken({ issuer: text("issuer"), subject: text("subject"), audience: text("audience"), lifetimeSec, untrustedKey: body.untrustedKey === true });
        return sendJson(ctx, 200, { token });
      }
      if (method === "POST" && path === "/_fake/devicecode/approve") {
        const body = json() as { userCode?: unknown; username?: unknown };
        const userCode = typeof body.userCode === "string" ? body.userCode : undefined;
        const username = typeof body.username === "string" ? body.username : undefined;
        const approved = approveDeviceCode(userCode, username);
        return sendJson(ctx, approved ? 200 : 404, { approved });
      }
      return sendJson(ctx, 404, { error: "not_found", message: `no control endpoint ${method} ${path}` });
    } catch (e) {
      return sendJson(ctx, 400, { error: "bad_request", message: (e as Error).message });
    }
  };

  // ---- routing ----
  const route = async (ctx: Ctx) => {
    const { method } = ctx.req;
    const path = ctx.url.pathname;
    if (path.startsWith("/_fake/")) return handleControl(ctx, path);
    if (method === "GET" && path === "/") {
      return sendHtml(ctx, 200, (nonce) => homePage({
        nonce, tenantName: TENANT.displayName, tenantId: TENANT.id, domain: TENANT.domain, users: listUsers(),
        apps: Object.values(APPS).map((a) => ({ name: a.displayName, appId: a.appId })),
      }));
    }
    if (path === "/common/oauth2/deviceauth" && (method === "GET" || method === "POST")) return handleDeviceAuthPage(ctx);
    if (method === "GET" && path === IDENTITY_ENDPOINT_PATH) {
      const answer = await answerIdentityRequest(ctx.url.searchParams, ctx.req.headers, {
        identityHeader, lifetimeSec: config.accessTokenLifetimeSec,
        appToken: (req, roles) => issuer.appAccessToken(APPS.managedIdentity, TENANT, "managedIdentity", req, roles),
      });
      return sendJson(ctx, answer.status, answer.body);
    }

    const [segment = "", ...restParts] = path.split("/").filter(Boolean);
    const rest = "/" + restParts.join("/");
    const tenant = resolveTenant(segment);
    const discovery = ["/v2.0/.well-known/openid-configuration", "/.well-known/openid-configuration", "/discovery/v2.0/keys", "/discovery/keys"];
    if (method === "GET" && discovery.includes(rest)) {
      if (rest.includes("openid-configuration") && (answeredWithFault(ctx, "discovery") || answeredWithHtml(ctx, "discovery"))) return;
      // Like Entra: a tenant that does not exist is a 400 invalid_tenant (AADSTS90002) for the discovery documents too.
      if (!tenant) return fail(ctx, 90002, { tenant: segment });
      if (rest.includes("openid-configuration")) return sendJson(ctx, 200, openidConfiguration(segment, tenant, !rest.startsWith("/v2.0")));
      const keys = issuer.jwks(["common", "organizations"].includes(segment.toLowerCase()) ? undefined : tenant.id);
      if (config.trickleKeys) return trickleJson(ctx, keys, config.trickleKeys.intervalMs);
      return sendJson(ctx, 200, keys);
    }
    if (method === "GET" && rest === "/oauth2/v2.0/authorize") {
      if (!tenant) return htmlError(ctx, 90002, { tenant: segment });
      return handleAuthorize(ctx, segment, tenant);
    }
    if (method === "POST" && rest === "/login") return handleSignInSubmit(ctx);
    if (method === "POST" && rest === "/oauth2/v2.0/token") return handleToken(ctx, segment);
    if (method === "POST" && rest === "/oauth2/v2.0/devicecode") return handleDeviceCodeRequest(ctx, segment);
    return fail(ctx, 90100, { detail: path }, { status: 404 });
  };

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? "/", base);
      let entry: RequestLogEntry | undefined;
      const ctx: Ctx = { req, res, url, form: new URLSearchParams(), rawBody: "", entry };
      try {
        ctx.rawBody = await readBody(req);
        if (/^application\/x-www-form-urlencoded\b/i.test(req.headers["content-type"] ?? "")) ctx.form = new URLSearchParams(ctx.rawBody);
        if (!url.pathname.startsWith("/_fake/") && url.pathname !== "/favicon.ico") {
          entry = ctx.entry = describe(req.method ?? "GET", url, ctx.form, req);
          requests.push(entry);
          const logged = entry;
          res.on("finish", () => {
            logged.status = res.statusCode;
            opts.onRequest?.(logged);
          });
        }
        await route(ctx);
      } catch (e) {
        const status = (e as { status?: number }).status ?? 500;
        if (!res.headersSent) fail(ctx, status === 413 ? 900144 : 50000, { detail: "body" }, { status });
        else res.destroy();
      }
    })();
  });

  /** After the untrustedCert switch: new connections get the other certificate, and kept-alive ones are closed. */
  const swapCertificate = () => {
    server.setSecureContext(config.untrustedCert ? untrustedServerCert() : trustedPair);
    server.closeIdleConnections();
  };

  const api: FakeEntra = {
    url: base,
    port,
    caPath: opts.certs.caPath,
    identityEndpoint: `${base}${IDENTITY_ENDPOINT_PATH}`,
    identityHeader,
    federatedToken: (req = {}) => workloadIssuer.mint(req),
    get requests() {
      return requests;
    },
    get config() {
      return config;
    },
    configure(partial) {
      const wasUntrusted = config.untrustedCert;
      config = mergeConfig(config, partial);
      if (config.untrustedCert !== wasUntrusted) swapCertificate();
    },
    reset() {
      const wasUntrusted = config.untrustedCert;
      config = { ...initialConfig };
      if (wasUntrusted) swapCertificate();
      state = new State();
      requests.length = 0;
    },
    approveDeviceCode,
    pendingDeviceCodes() {
      return [...state.devices.values()].filter((d) => d.status === "pending" && d.expiresAt >= Date.now()).map((d) => d.userCode);
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return api;
}

/** The on-behalf-of grant (`requested_token_use=on_behalf_of`). */
const OBO_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

const APPS_BY_ID: ReadonlyMap<string, ClientApp> = new Map(Object.values(APPS).map((a) => [a.appId, a]));

function describe(method: string, url: URL, form: URLSearchParams, req: IncomingMessage): RequestLogEntry {
  const segments = url.pathname.split("/").filter(Boolean);
  const q = url.searchParams;
  const entry: RequestLogEntry = { method, path: url.pathname, time: new Date().toISOString() };
  const isProtocol = segments.length > 1 && !url.pathname.startsWith("/common/oauth2/deviceauth");
  if (isProtocol) entry.tenant = segments[0];
  const clientId = form.get("client_id") ?? q.get("client_id");
  if (clientId) entry.clientId = clientId;
  const scope = form.get("scope") ?? q.get("scope");
  if (scope) entry.scope = scope;
  const grantType = form.get("grant_type");
  if (grantType) entry.grantType = grantType;
  if (url.pathname.endsWith("/oauth2/v2.0/token")) {
    entry.clientAuth = clientAuthMethodOf(req.headers, form);
    if (grantType === "authorization_code") entry.codeVerifier = form.has("code_verifier");
    if (!entry.clientId && entry.clientAuth === "client_secret_basic") {
      const basic = /^basic (.+)$/i.exec(req.headers.authorization ?? "");
      const id = basic ? Buffer.from(basic[1], "base64").toString("utf8").split(":")[0] : "";
      if (id) entry.clientId = decodeURIComponent(id);
    }
  }
  if (url.pathname.endsWith("/oauth2/v2.0/authorize")) {
    const pick = (k: string) => q.get(k) ?? undefined;
    Object.assign(entry, {
      responseMode: pick("response_mode"), responseType: pick("response_type"), prompt: pick("prompt"), loginHint: pick("login_hint"),
      redirectUri: pick("redirect_uri"), codeChallengeMethod: pick("code_challenge_method"),
    });
    for (const k of Object.keys(entry) as (keyof RequestLogEntry)[]) if (entry[k] === undefined) delete entry[k];
  }
  return entry;
}
