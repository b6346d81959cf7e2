// What Entra answered during one attempt to get a token. @azure/identity 4.14 turns every failed silent request of a
// credential built with disableAutomaticAuthentication into one cause-less AuthenticationRequiredError, and MSAL turns
// any failed OpenID configuration (discovery) request into `endpoints_resolution_error`: an Entra outage, a lost
// network, a mistyped tenant (Entra answers 400 invalid_tenant), a captive portal answering in Entra's place and a real
// MFA demand look alike, and only the last one needs a person. This is a pair of pipeline policies handed to the
// credential as `additionalPolicies`: identity's IdentityClient is MSAL's network client, so MSAL's discovery and token
// requests pass through them.
//   - "perCall" (outside the pipeline's retry policy): sees the final outcome of token POSTs and discovery GETs after
//     the library's own retries, and lets the attempt's AbortSignal cancel the request, its retries and the waits
//     between them.
//   - "perRetry" (inside it): sees each 429/503 answer with Retry-After, before the retry policy waits that long, and
//     tells the attempt's onRetryWait, so the progress can say why nothing happens.
// It keeps only facts that are not secret: the endpoint, its host, the HTTP status, the media type of an answer that is
// not JSON, Retry-After, Entra's error / error_codes / error_description / trace_id / correlation_id, or a network error
// code. Never a request body (refresh tokens, client secrets), a request or response header other than Retry-After and
// Content-Type, a successful response's body (tokens), or a body that is not JSON (a portal's page).
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

/** The requests observed: token requests (POST …/oauth2[/v2.0]/token) and discovery (GET …/.well-known/openid-configuration). */
export type ObservedEndpoint = "token" | "discovery";

export type EntraOutcome =
  /**
   * Something answered (any status). `entraError` only for an error answer with a JSON body; `mediaType` only for an
   * answer that is not JSON (an HTML page from a proxy or captive portal: its body is never read).
   */
  | {
    kind: "answered"; endpoint: ObservedEndpoint; host: string; status: number; atMs: number; retryAfterSec?: number; entraError?: EntraErrorFields; mediaType?: string;
    /** An answer that says it is JSON but does not parse (cut off or damaged on the way): its body is never kept. */
    unreadable?: true;
  }
  /** No answer: the request failed before a response arrived (DNS, refused, reset, timeout, TLS…). */
  | { kind: "unreachable"; endpoint: ObservedEndpoint; host: string; code: string; atMs: number };

/** What the caller of an attempt wants to know while it runs, and how it cancels it. */
export interface AttemptOptions {
  /** Cancels the attempt's requests, also while the pipeline waits out a Retry-After before it retries. */
  signal?: AbortSignal;
  /** Entra answered 429/503 with Retry-After: the library waits that many seconds, then asks again. */
  onRetryWait?: (seconds: number) => void;
}

/** What one observed attempt learned when it failed. */
export interface AttemptReport {
  /**
   * The last outcome of this attempt: a token request's (any answer), or a discovery request's that failed (an error
   * status, an answer that is not JSON, no answer). Undefined when it made neither.
   */
  last?: EntraOutcome;
  /**
   * Set when the attempt made no token request while MSAL is still backing off after an earlier silent attempt's
   * 429/5xx (msal-common ThrottlingUtils: it refuses the same request until Retry-After, or 60 s, has passed).
   */
  heldBack?: { outcome: EntraOutcome; untilMs: number };
}

export type Observed<T> = { ok: true; value: T } | { ok: false; error: unknown; report: AttemptReport };

/** msal-common's DEFAULT_THROTTLE_TIME_SECONDS and DEFAULT_MAX_THROTTLE_TIME_SECONDS. */
const MSAL_THROTTLE_DEFAULT_SEC = 60;
const MSAL_THROTTLE_MAX_SEC = 3600;
const TOKEN_PATH = /\/oauth2\/(?:v2\.0\/)?token$/i;
const DISCOVERY_PATH = /\/\.well-known\/openid-configuration$/i;
const MAX_DESCRIPTION = 2000;

/** A 5xx or 429 answer, or no answer at all: Entra (or the way to it) failed, not the sign-in. */
export function isTransient(outcome: EntraOutcome | undefined): boolean {
  if (!outcome) return false;
  return outcome.kind === "unreachable" || outcome.status === 429 || (outcome.status >= 500 && outcome.status <= 599);
}

/**
 * An answer that is not Entra's: not JSON (an HTML page, say) and not a 5xx/429 (which Entra's own front door may send
 * as HTML). A proxy, captive portal or security gateway answered in Entra's place.
 */
export function isForeignAnswer(outcome: EntraOutcome | undefined): boolean {
  return outcome?.kind === "answered" && outcome.mediaType !== undefined && !isTransient(outcome);
}

interface Attempt {
  last?: EntraOutcome;
  /** The enclosing attempt: what this one observes, it observes too. */
  parent?: Attempt;
  options: AttemptOptions;
}

export class TokenEndpointObserver {
  /** The attempt a token request belongs to: concurrent renewals of one credential each see their own requests. */
  private readonly attempts = new AsyncLocalStorage<Attempt>();
  private backoff: { outcome: EntraOutcome; untilMs: number } | undefined;
  /** The perCall policy: outcomes and cancellation. */
  readonly policy: AdditionalPolicy;
  /** Both policies, for a credential's `additionalPolicies`. */
  readonly policies: AdditionalPolicy[];

  constructor(private readonly now: () => number = Date.now) {
    const observer: PipelinePolicy = {
      name: "azureTokenEntraObserver",
      sendRequest: async (request, next) => {
        const attempt = this.attempts.getStore();
        if (!attempt) return next(request);
        const restoreSignal = cancelWith(request, optionsOf(attempt).signal);
        try {
          const endpoint = endpointOf(request.method, request.url);
          if (!endpoint) return await next(request);
          const host = hostOf(request.url);
          let response;
          try {
            response = await next(request);
          } catch (e) {
            const unreadableStatus = unparsableAnswerStatus(e);
            const code = unreadableStatus === undefined ? networkCode(e) : undefined;
            if (unreadableStatus !== undefined) this.record(attempt, { kind: "answered", endpoint, host, status: unreadableStatus, atMs: this.now(), unreadable: true });
            else if (code) this.record(attempt, { kind: "unreachable", endpoint, host, code, atMs: this.now() });
            throw e;
          }
          const outcome: EntraOutcome = { kind: "answered", endpoint, host, status: response.status, atMs: this.now() };
          const retryAfter = retryAfterSec(response.headers.get("retry-after"), outcome.atMs);
          if (retryAfter !== undefined) outcome.retryAfterSec = retryAfter;
          // Only an error answer's body is read (a 2xx body holds the tokens), and only Entra's error fields are kept.
          const entraError = response.status >= 400 ? entraErrorOf(response.bodyAsText) : undefined;
          const mediaType = nonJsonMediaType(response.headers.get("content-type"));
          if (entraError) outcome.entraError = entraError;
          else if (mediaType) outcome.mediaType = mediaType;
          // A good discovery answer says nothing about a failure; a failed one is why MSAL could not go on.
          if (endpoint === "token" || response.status !== 200 || mediaType) this.record(attempt, outcome);
          return response;
        } finally {
          restoreSignal();
        }
      },
    };
    const retryWatcher: PipelinePolicy = {
      name: "azureTokenRetryWaitWatcher",
      sendRequest: async (request, next) => {
        const response = await next(request);
        const attempt = this.attempts.getStore();
        const onRetryWait = attempt && optionsOf(attempt).onRetryWait;
        // What the pipeline's throttling retry strategy waits for (429 or 503 with Retry-After) before it asks again.
        if (onRetryWait && (response.status === 429 || response.status === 503)) {
          const seconds = retryAfterSec(response.headers.get("retry-after"), this.now());
          if (seconds !== undefined && seconds > 0) {
            try {
              onRetryWait(seconds);
            } catch {
              // a progress that cannot show it must not fail the request
            }
          }
        }
        return response;
      },
    };
    this.policy = { policy: observer, position: "perCall" };
    this.policies = [this.policy, { policy: retryWatcher, position: "perRetry" }];
  }

  /**
   * Runs one attempt; when it fails, says what Entra (or whatever answered in its place) answered meanwhile. Attempts
   * nest: an inner one reports its own requests, which the outer one sees too, and uses the outer one's options
   * unless it has its own.
   */
  async observe<T>(work: () => Promise<T>, options: AttemptOptions = {}): Promise<Observed<T>> {
    const attempt: Attempt = { parent: this.attempts.getStore(), options };
    try {
      return { ok: true, value: await this.attempts.run(attempt, work) };
    } catch (error) {
      const report: AttemptReport = attempt.last ? { last: attempt.last } : {};
      if (!attempt.last && this.backoff && this.backoff.untilMs > this.now()) report.heldBack = this.backoff;
      return { ok: false, error, report };
    }
  }

  private record(attempt: Attempt, outcome: EntraOutcome): void {
    for (let a: Attempt | undefined = attempt; a; a = a.parent) a.last = outcome;
    // Mirrors msal-common's ThrottlingUtils.postProcess: an answered 429/5xx holds the same token request back a while.
    if (outcome.kind === "answered" && outcome.endpoint === "token" && isTransient(outcome)) {
      const sec = Math.min(outcome.retryAfterSec && outcome.retryAfterSec > 0 ? outcome.retryAfterSec : MSAL_THROTTLE_DEFAULT_SEC, MSAL_THROTTLE_MAX_SEC);
      this.backoff = { outcome, untilMs: outcome.atMs + sec * 1000 };
    }
  }
}

function optionsOf(attempt: Attempt): AttemptOptions {
  const own = attempt.options;
  const inherited = attempt.parent ? optionsOf(attempt.parent) : {};
  return { signal: own.signal ?? inherited.signal, onRetryWait: own.onRetryWait ?? inherited.onRetryWait };
}

function endpointOf(method: string, url: string): ObservedEndpoint | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  if (method === "POST" && TOKEN_PATH.test(path)) return "token";
  if (method === "GET" && DISCOVERY_PATH.test(path)) return "discovery";
  return undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(unknown host)";
  }
}

type Request = Parameters<PipelinePolicy["sendRequest"]>[0];

/**
 * Lets `signal` cancel the request too: the HTTP request itself, and the pipeline's waits between retries (its retry
 * policy waits on the request's abortSignal, which identity never aborts). Returns what puts the request back.
 */
function cancelWith(request: Request, signal: AbortSignal | undefined): () => void {
  if (!signal) return () => undefined;
  const original = request.abortSignal;
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (signal.aborted || original?.aborted) controller.abort();
  signal.addEventListener("abort", abort);
  original?.addEventListener("abort", abort);
  request.abortSignal = controller.signal;
  return () => {
    signal.removeEventListener("abort", abort);
    original?.removeEventListener("abort", abort);
    request.abortSignal = original;
  };
}

/** The media type of an answer that says it is not JSON ("text/html"); undefined for JSON, or when it does not say. */
function nonJsonMediaType(contentType: string | undefined): string | undefined {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!type || /^application\/(?:[a-z0-9.+-]+\+)?json$/.test(type)) return undefined;
  return /^[a-z0-9.+-]{1,40}\/[a-z0-9.+-]{1,80}$/.test(type) ? type : "(unknown)";
}

/**
 * The HTTP status of an answer the pipeline could not parse (core-rest-pipeline's RestError PARSE_ERROR: a body that
 * says it is JSON but is not, cut off or damaged on the way); undefined for any other failure.
 */
function unparsableAnswerStatus(e: unknown): number | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const { code, response } = e as { code?: unknown; response?: { status?: unknown } };
  return code === "PARSE_ERROR" && typeof response?.status === "number" ? response.status : undefined;
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
