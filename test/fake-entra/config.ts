// Run-time configuration of the fake Entra ID: behaviour switches and fault injection.
// Set with FakeEntra.configure(partial) in-process, or POST /_fake/config (JSON) from another process.
import { findResource } from "./sandbox";

/** The endpoints a fault can hit: the token endpoint, the OpenID configuration (discovery) documents, the device code endpoint. */
export const FAULT_ENDPOINTS = ["token", "discovery", "devicecode"] as const;
export type FaultEndpoint = (typeof FAULT_ENDPOINTS)[number];

/**
 * How a failed request is answered: "error" an Entra-shaped error (status, AADSTS code); "reset" no answer, the
 * connection is reset; "invalidJson" HTTP 200 with a truncated, unparsable JSON body.
 */
export const FAULT_ANSWERS = ["error", "reset", "invalidJson"] as const;
export type FaultAnswer = (typeof FAULT_ANSWERS)[number];

/**
 * Makes the next request(s) to one endpoint fail: the token endpoint (POST /{tenant}/oauth2/v2.0/token, the default),
 * the OpenID configuration (discovery) documents or the device code endpoint.
 */
export interface FailNext {
  /** Which endpoint fails (default "token"). */
  endpoint?: FaultEndpoint;
  /** How it fails (default "error": an Entra-shaped error answer). */
  answer?: FaultAnswer;
  /** HTTP status of an "error" answer; defaults to the AADSTS code's usual status, or 400. */
  status?: number;
  /** AADSTS code, e.g. 50076 (MFA required), 7000222 (expired secret), 50020 (guest), 53003 (CA blocked). */
  aadsts?: number;
  /** OAuth error string; defaults to the code's usual one (e.g. invalid_grant, server_error). */
  error?: string;
  /** How many token requests fail (default 1). */
  count?: number;
  /**
   * Fail only token requests of this grant type (e.g. "refresh_token": a background renewal needs MFA while the
   * interactive sign-in still works); other requests are answered and do not use up `count`. Default: any. Token
   * endpoint only.
   */
  grantType?: GrantType;
  /** Sends `Retry-After: <seconds>` with the error (Entra does on some 503s; MSAL then holds the request back that long). */
  retryAfterSec?: number;
}

/** The grant types the token endpoint answers. */
export const GRANT_TYPES = ["authorization_code", "refresh_token", "client_credentials", "device_code", "urn:ietf:params:oauth:grant-type:device_code"] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/** Answers the next token request(s) with 429 Too Many Requests and Retry-After. Token endpoint only. */
export interface RateLimit {
  retryAfterSec: number;
  /** How many token requests are throttled (default 1). */
  count?: number;
}

/**
 * Answers like a proxy or captive portal in Entra's place: HTTP 200 with an HTML page instead of Entra's JSON. The page
 * carries HTML_ANSWER_MARKER, so a test can prove that no explanation ever shows the body.
 */
export interface HtmlAnswer {
  /** Which requests get the page: token requests (default) or the OpenID configuration (discovery) documents. */
  endpoint?: "token" | "discovery";
  /** How many requests get the page (default 1). */
  count?: number;
}

/**
 * The TLS server name (SNI) control clients send: the server answers it with its trusted certificate even while the
 * untrustedCert fault shows every other client a certificate it does not trust. test/e2e/support.mjs sends it too.
 */
export const CONTROL_SERVERNAME = "control.fake-entra.test";

/** Text inside the HTML answer's page: it must never reach an explanation, a log line or a report. */
export const HTML_ANSWER_MARKER = "guest-wifi-portal-7c1f";

/**
 * Sends the key set (GET …/discovery/v2.0/keys and …/discovery/keys) one byte every `intervalMs`: a link or proxy that
 * keeps the connection busy but barely moves, so an idle timeout never fires.
 */
export interface TrickleKeys {
  intervalMs: number;
}

/**
 * Issues the next token(s) for another resource than the one asked for (its identifier URI or app id), as a
 * misrouted request or a stale cache entry would: the client asked for one audience and got another.
 */
export interface WrongAudience {
  resource: string;
  count?: number;
}

export interface FakeEntraConfig {
  /**
   * Authorize endpoint: true answers at once with the form_post page (tests); false shows the sign-in page where a
   * person (or Playwright, or the fake browser) picks a user and approves or cancels (demo, e2e).
   */
  autoApprove: boolean;
  /** With autoApprove: the outcome of the authorize request. 'access_denied' behaves as if the user cancelled. */
  authorizeOutcome: "approve" | "access_denied";
  /** `expires_in` of access tokens, and their `exp - iat`. Default 3599. */
  accessTokenLifetimeSec: number;
  /** Polling interval the devicecode endpoint tells the client. Default 1 (Entra says 5). */
  deviceCodeIntervalSec: number;
  /** Lifetime of device codes. Default 900. */
  deviceCodeLifetimeSec: number;
  /** Token endpoint only: fail the next request(s) with an Entra-shaped error. */
  failNext: FailNext | null;
  /** Token endpoint only: throttle the next request(s) with 429 + Retry-After. */
  rateLimit: RateLimit | null;
  /** Token endpoint only: wait this long before answering every request (0 = no delay). */
  delayMs: number;
  /** Token endpoint only: the next response is 200 with a truncated, unparsable JSON body (the request is not processed). */
  malformedJson: boolean;
  /** Token endpoint or discovery documents: answer the next request(s) with a 200 HTML page (a proxy or captive portal). */
  htmlAnswer: HtmlAnswer | null;
  /** Key set (JWKS) documents: trickle every answer one byte at a time until switched off. */
  trickleKeys: TrickleKeys | null;
  /**
   * The client secret values the confidential apps accept instead of their sandbox secret: a rotation (set it to a new
   * value and the old one is refused with AADSTS7000215, as Entra refuses a deleted secret). null = the sandbox secret.
   */
  clientSecrets: string[] | null;
  /**
   * TLS: present a self-signed certificate that no client trusts (not issued by the test CA) until switched off, as a
   * TLS-inspecting proxy would. The control API still answers with the trusted one (see control.ts, CONTROL_SERVERNAME).
   */
  untrustedCert: boolean;
  /** Token endpoint: the next token(s) carry another resource's audience. */
  wrongAudience: WrongAudience | null;
}

export const DEFAULT_CONFIG: Readonly<FakeEntraConfig> = Object.freeze({
  autoApprove: false,
  authorizeOutcome: "approve",
  accessTokenLifetimeSec: 3599,
  deviceCodeIntervalSec: 1,
  deviceCodeLifetimeSec: 900,
  failNext: null,
  rateLimit: null,
  delayMs: 0,
  malformedJson: false,
  htmlAnswer: null,
  trickleKeys: null,
  clientSecrets: null,
  untrustedCert: false,
  wrongAudience: null,
});

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number): v is number => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

function checkFailNext(v: unknown): FailNext | null {
  if (v === null) return null;
  if (!isObj(v)) throw new Error("failNext must be an object or null");
  for (const k of Object.keys(v)) if (!["endpoint", "answer", "status", "aadsts", "error", "count", "grantType", "retryAfterSec"].includes(k)) throw new Error(`failNext.${k} is not a known field`);
  if (v.endpoint !== undefined && !(FAULT_ENDPOINTS as readonly unknown[]).includes(v.endpoint)) throw new Error(`failNext.endpoint must be one of ${FAULT_ENDPOINTS.join(", ")}`);
  if (v.answer !== undefined && !(FAULT_ANSWERS as readonly unknown[]).includes(v.answer)) throw new Error(`failNext.answer must be one of ${FAULT_ANSWERS.join(", ")}`);
  if (v.grantType !== undefined && (v.endpoint ?? "token") !== "token") throw new Error("failNext.grantType applies to the token endpoint only");
  if (v.status !== undefined && !isInt(v.status, 400, 599)) throw new Error("failNext.status must be an HTTP error status (400-599)");
  if (v.aadsts !== undefined && !isInt(v.aadsts, 1, 99_999_999)) throw new Error("failNext.aadsts must be a positive integer");
  if (v.error !== undefined && (typeof v.error !== "string" || !/^[a-z_]{1,64}$/.test(v.error))) throw new Error("failNext.error must be an OAuth error string");
  if (v.count !== undefined && !isInt(v.count, 1, 1000)) throw new Error("failNext.count must be 1-1000");
  if (v.grantType !== undefined && !(GRANT_TYPES as readonly unknown[]).includes(v.grantType)) throw new Error(`failNext.grantType must be one of ${GRANT_TYPES.join(", ")}`);
  if (v.retryAfterSec !== undefined && !isInt(v.retryAfterSec, 0, 3600)) throw new Error("failNext.retryAfterSec must be 0-3600");
  const answer = (v.answer as FaultAnswer | undefined) ?? "error";
  if (answer === "error" && v.status === undefined && v.aadsts === undefined) throw new Error("failNext needs status or aadsts");
  if (answer !== "error" && (v.status !== undefined || v.aadsts !== undefined || v.error !== undefined)) throw new Error(`failNext.answer '${answer}' takes no status, aadsts or error`);
  return {
    endpoint: (v.endpoint as FaultEndpoint | undefined) ?? "token", answer,
    status: v.status as number | undefined, aadsts: v.aadsts as number | undefined, error: v.error as string | undefined, count: (v.count as number | undefined) ?? 1,
    ...(v.grantType !== undefined ? { grantType: v.grantType as GrantType } : {}),
    ...(v.retryAfterSec !== undefined ? { retryAfterSec: v.retryAfterSec as number } : {}),
  };
}

function checkRateLimit(v: unknown): RateLimit | null {
  if (v === null) return null;
  if (!isObj(v)) throw new Error("rateLimit must be an object or null");
  for (const k of Object.keys(v)) if (!["retryAfterSec", "count"].includes(k)) throw new Error(`rateLimit.${k} is not a known field`);
  if (!isInt(v.retryAfterSec, 0, 3600)) throw new Error("rateLimit.retryAfterSec must be 0-3600");
  if (v.count !== undefined && !isInt(v.count, 1, 1000)) throw new Error("rateLimit.count must be 1-1000");
  return { retryAfterSec: v.retryAfterSec, count: (v.count as number | undefined) ?? 1 };
}

function checkHtmlAnswer(v: unknown): HtmlAnswer | null {
  if (v === null) return null;
  if (!isObj(v)) throw new Error("htmlAnswer must be an object or null");
  for (const k of Object.keys(v)) if (!["endpoint", "count"].includes(k)) throw new Error(`htmlAnswer.${k} is not a known field`);
  if (v.endpoint !== undefined && v.endpoint !== "token" && v.endpoint !== "discovery") throw new Error("htmlAnswer.endpoint must be 'token' or 'discovery'");
  if (v.count !== undefined && !isInt(v.count, 1, 1000)) throw new Error("htmlAnswer.count must be 1-1000");
  return { endpoint: (v.endpoint as HtmlAnswer["endpoint"]) ?? "token", count: (v.count as number | undefined) ?? 1 };
}

function checkTrickleKeys(v: unknown): TrickleKeys | null {
  if (v === null) return null;
  if (!isObj(v)) throw new Error("trickleKeys must be an object or null");
  for (const k of Object.keys(v)) if (k !== "intervalMs") throw new Error(`trickleKeys.${k} is not a known field`);
  if (!isInt(v.intervalMs, 1, 60_000)) throw new Error("trickleKeys.intervalMs must be 1-60000");
  return { intervalMs: v.intervalMs };
}

function checkWrongAudience(v: unknown): WrongAudience | null {
  if (v === null) return null;
  if (!isObj(v)) throw new Error("wrongAudience must be an object or null");
  for (const k of Object.keys(v)) if (!["resource", "count"].includes(k)) throw new Error(`wrongAudience.${k} is not a known field`);
  if (typeof v.resource !== "string" || !findResource(v.resource)) throw new Error("wrongAudience.resource must be the identifier URI or app id of a sandbox resource");
  if (v.count !== undefined && !isInt(v.count, 1, 1000)) throw new Error("wrongAudience.count must be 1-1000");
  return { resource: v.resource, count: (v.count as number | undefined) ?? 1 };
}

/** Validates a partial configuration (e.g. parsed JSON from /_fake/config) and merges it into `current`. */
export function mergeConfig(current: FakeEntraConfig, partial: unknown): FakeEntraConfig {
  if (!isObj(partial)) throw new Error("configuration must be a JSON object");
  const next: FakeEntraConfig = { ...current };
  for (const [key, value] of Object.entries(partial)) {
    switch (key) {
      case "autoApprove":
      case "malformedJson":
      case "untrustedCert":
        if (typeof value !== "boolean") throw new Error(`${key} must be a boolean`);
        next[key] = value;
        break;
      case "authorizeOutcome":
        if (value !== "approve" && value !== "access_denied") throw new Error("authorizeOutcome must be 'approve' or 'access_denied'");
        next.authorizeOutcome = value;
        break;
      case "accessTokenLifetimeSec":
        if (!isInt(value, 1, 86_400)) throw new Error("accessTokenLifetimeSec must be 1-86400");
        next.accessTokenLifetimeSec = value;
        break;
      case "deviceCodeIntervalSec":
        if (!isInt(value, 0, 60)) throw new Error("deviceCodeIntervalSec must be 0-60");
        next.deviceCodeIntervalSec = value;
        break;
      case "deviceCodeLifetimeSec":
        if (!isInt(value, 1, 3600)) throw new Error("deviceCodeLifetimeSec must be 1-3600");
        next.deviceCodeLifetimeSec = value;
        break;
      case "delayMs":
        if (!isInt(value, 0, 600_000)) throw new Error("delayMs must be 0-600000");
        next.delayMs = value;
        break;
      case "failNext":
        next.failNext = checkFailNext(value);
        break;
      case "rateLimit":
        next.rateLimit = checkRateLimit(value);
        break;
      case "htmlAnswer":
        next.htmlAnswer = checkHtmlAnswer(value);
        break;
      case "trickleKeys":
        next.trickleKeys = checkTrickleKeys(value);
        break;
      case "clientSecrets":
        if (value !== null && !(Array.isArray(value) && value.length <= 10 && value.every((v) => typeof v === "string" && v.length > 0 && v.length <= 256))) {
          throw new Error("clientSecrets must be null or up to 10 non-empty strings");
        }
        next.clientSecrets = value === null ? null : [...(value as string[])];
        break;
      case "wrongAudience":
        next.wrongAudience = checkWrongAudience(value);
        break;
      default:
        throw new Error(`unknown configuration key '${key}'`);
    }
  }
  return next;
}
