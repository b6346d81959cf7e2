// What Entra's token endpoint answered during one silent renewal. @azure/identity 4.14 turns every failed silent
// request of a credential built with disableAutomaticAuthentication into one cause-less AuthenticationRequiredError:
// an Entra outage, a lost network and a real MFA demand look alike, and only the last one needs a person. This is a
// pipeline policy handed to the credential as an `additionalPolicies` entry: identity's IdentityClient is MSAL's
// network client, so MSAL's token requests pass through it. Added "perCall", it sits outside the pipeline's retry
// policy and sees the final outcome after the library's own retries.
// It keeps only facts that are not secret: the HTTP status, Retry-After, Entra's error / error_codes /
// error_description / trace_id / correlation_id, or a network error code. Never a request body (refresh tokens, client
// secrets), a request or response header other than Retry-After, or a successful response's body (tokens).
import { AsyncLocalStorage } from "node:async_hooks";
import type { InteractiveBrowserCredentialNodeOptions } from "@azure/identity";
import { isGuid } from "../core/ids";
import { redact } from "../core/redact";

export type AdditionalPolicy = NonNullable<InteractiveBrowserCredentialNodeOptions["additionalPolicies"]>[number];
type PipelinePolicy = AdditionalPolicy["policy"];

/** The non-secret fields of an Entra error response, in Entra's own (snake case) spelling. */
export interface EntraErrorFields {
  error?: string;
  error_codes?: number[];
  error_description?: string;
  trace_id?: string;
  correlation_id?: string;
}

export type TokenEndpointOutcome =
  /** Entra answered (any status); `entraError` only for an error answer with a JSON body. */
  | { kind: "answered"; status: number; atMs: number; retryAfterSec?: number; entraError?: EntraErrorFields }
  /** No answer: the request failed before a response arrived (DNS, refused, reset, timeout, TLS…). */
  | { kind: "unreachable"; code: string; atMs: number };

/** What one observed attempt learned when it failed. */
export interface AttemptReport {
  /** The last token-endpoint outcome of this attempt; undefined when it made no token request. */
  last?: TokenEndpointOutcome;
  /**
   * Set when the attempt made no token request while MSAL is still backing off after an earlier silent attempt's
   * 429/5xx (msal-common ThrottlingUtils: it refuses the same request until Retry-After, or 60 s, has passed).
   */
  heldBack?: { outcome: TokenEndpointOutcome; untilMs: number };
}

export type Observed<T> = { ok: true; value: T } | { ok: false; error: unknown; report: AttemptReport };

/** msal-common's DEFAULT_THROTTLE_TIME_SECONDS and DEFAULT_MAX_THROTTLE_TIME_SECONDS. */
const MSAL_THROTTLE_DEFAULT_SEC = 60;
const MSAL_THROTTLE_MAX_SEC = 3600;
const TOKEN_PATH = /\/oauth2\/(?:v2\.0\/)?token$/i;
const MAX_DESCRIPTION = 2000;

/** A 5xx or 429 answer, or no answer at all: Entra (or the way to it) failed, not the sign-in. */
export function isTransient(outcome: TokenEndpointOutcome | undefined): boolean {
  if (!outcome) return false;
  return outcome.kind === "unreachable" || outcome.status === 429 || (outcome.status >= 500 && outcome.status <= 599);
}

interface Attempt {
  last?: TokenEndpointOutcome;
}

export class TokenEndpointObserver {
  /** The attempt a token request belongs to: concurrent renewals of one credential each see their own requests. */
  private readonly attempts = new AsyncLocalStorage<Attempt>();
  private backoff: { outcome: TokenEndpointOutcome; untilMs: number } | undefined;
  readonly policy: AdditionalPolicy;

  constructor(private readonly now: () => number = Date.now) {
    const observer: PipelinePolicy = {
      name: "azureTokenTokenEndpointObserver",
      sendRequest: async (request, next) => {
        const attempt = this.attempts.getStore();
        if (!attempt || request.method !== "POST" || !isTokenEndpoint(request.url)) return next(request);
        let response;
        try {
          response = await next(request);
        } catch (e) {
          const code = networkCode(e);
          if (code) this.record(attempt, { kind: "unreachable", code, atMs: this.now() });
          throw e;
        }
        const outcome: TokenEndpointOutcome = { kind: "answered", status: response.status, atMs: this.now() };
        const retryAfter = retryAfterSec(response.headers.get("retry-after"), outcome.atMs);
        if (retryAfter !== undefined) outcome.retryAfterSec = retryAfter;
        // Only an error answer's body is read: a 2xx body holds the tokens.
        const entraError = response.status >= 400 ? entraErrorOf(response.bodyAsText) : undefined;
        if (entraError) outcome.entraError = entraError;
        this.record(attempt, outcome);
        return response;
      },
    };
    this.policy = { policy: observer, position: "perCall" };
  }

  /** Runs one silent attempt; when it fails, says what the token endpoint answered meanwhile. */
  async observe<T>(work: () => Promise<T>): Promise<Observed<T>> {
    const attempt: Attempt = {};
    try {
      return { ok: true, value: await this.attempts.run(attempt, work) };
    } catch (error) {
      const report: AttemptReport = attempt.last ? { last: attempt.last } : {};
      if (!attempt.last && this.backoff && this.backoff.untilMs > this.now()) report.heldBack = this.backoff;
      return { ok: false, error, report };
    }
  }

  private record(attempt: Attempt, outcome: TokenEndpointOutcome): void {
    attempt.last = outcome;
    // Mirrors msal-common's ThrottlingUtils.postProcess: an answered 429/5xx holds the same request back for a while.
    if (outcome.kind === "answered" && isTransient(outcome)) {
      const sec = Math.min(outcome.retryAfterSec && outcome.retryAfterSec > 0 ? outcome.retryAfterSec : MSAL_THROTTLE_DEFAULT_SEC, MSAL_THROTTLE_MAX_SEC);
      this.backoff = { outcome, untilMs: outcome.atMs + sec * 1000 };
    }
  }
}

function isTokenEndpoint(url: string): boolean {
  try {
    return TOKEN_PATH.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

/** The error code of a failed request (RestError carries the socket's code); none for a cancel. */
function networkCode(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const { name, code } = e as { name?: unknown; code?: unknown };
  if (name === "AbortError") return undefined;
  return typeof code === "string" && /^[A-Z][A-Z0-9_]{1,63}$/.test(code) ? code : "REQUEST_SEND_ERROR";
}

/** Retry-After in seconds (delta-seconds or an HTTP date). */
function retryAfterSec(value: string | undefined, nowMs: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d{1,7}$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - nowMs) / 1000)) : undefined;
}

/** Picks the non-secret fields of an error body; anything else in it is dropped unread. */
function entraErrorOf(body: string | null | undefined): EntraErrorFields | undefined {
  if (!body) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined; // an HTML page from a gateway, say: the status says enough
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const b = parsed as Record<string, unknown>;
  const out: EntraErrorFields = {};
  if (typeof b.error === "string" && /^[A-Za-z0-9_.-]{1,100}$/.test(b.error)) out.error = b.error;
  if (Array.isArray(b.error_codes)) {
    const codes = b.error_codes.filter((c): c is number => Number.isSafeInteger(c) && c > 0).slice(0, 10);
    if (codes.length) out.error_codes = codes;
  }
  if (typeof b.error_description === "string" && b.error_description) out.error_description = redact(b.error_description.slice(0, MAX_DESCRIPTION));
  if (typeof b.trace_id === "string" && isGuid(b.trace_id)) out.trace_id = b.trace_id;
  if (typeof b.correlation_id === "string" && isGuid(b.correlation_id)) out.correlation_id = b.correlation_id;
  return Object.keys(out).length ? out : undefined;
}
