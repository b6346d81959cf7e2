// Errors that say what answered, when the library's own error does not: MSAL reports a failed OpenID configuration
// (discovery) request as `endpoints_resolution_error` ("Couldn't reach Microsoft Entra ID", although Entra answered
// 400 invalid_tenant for a mistyped tenant), and a token answer it cannot parse as `unknown_error` inside an
// AuthenticationRequiredError ("sign in again", although a captive portal answered, or Entra's answer was cut off), and
// a browser or device code sign-in whose token request got a 5xx, 429 or no answer as "sign in again" too. Built only from the observer's
// non-secret facts (auth/tokenEndpointObserver.ts); core/authErrors.ts (explainAuthError) reads them by shape and name.
import { EntraUnavailableError, unavailableErrorFor } from "./entraUnavailable";
import {
  isForeignAnswer, isTransient, type AttemptOptions, type AttemptReport, type EntraErrorFields, type EntraOutcome, type ObservedEndpoint,
  type TokenEndpointObserver,
} from "./tokenEndpointObserver";

const WHAT: Record<ObservedEndpoint, string> = { token: "token request", discovery: "OpenID configuration (discovery) request" };

/** Something other than Entra answered a sign-in request: an answer that is not JSON (a page), with a status below 500. */
export class NotEntraAnswerError extends Error {
  override readonly name = "NotEntraAnswerError";
  /** Host the request went to (the authority host). */
  readonly host: string;
  /** HTTP status of the answer (often 200: a captive portal's page). */
  readonly statusCode: number;
  /** Its media type, e.g. text/html. The body is never kept. */
  readonly mediaType: string;
  readonly endpoint: ObservedEndpoint;

  constructor(outcome: Extract<EntraOutcome, { kind: "answered" }>) {
    super(`Something other than Microsoft Entra ID answered the ${WHAT[outcome.endpoint]} to ${outcome.host}: HTTP ${outcome.status}, ${outcome.mediaType ?? "not JSON"} instead of Entra's JSON.`);
    this.host = outcome.host;
    this.statusCode = outcome.status;
    this.mediaType = outcome.mediaType ?? "(unknown)";
    this.endpoint = outcome.endpoint;
  }
}

/**
 * Entra refused the discovery request with an error of its own (4xx with Entra's JSON: 400 invalid_tenant,
 * AADSTS90002, for a tenant that does not exist in this cloud). Carries what explainAuthError reads: statusCode and
 * errorResponse (error, error_codes, error_description, trace_id, correlation_id).
 */
export class EntraRefusedError extends Error {
  override readonly name = "EntraRefusedError";
  readonly statusCode: number;
  readonly errorResponse?: EntraErrorFields;
  readonly host: string;
  readonly endpoint: ObservedEndpoint;

  constructor(outcome: Extract<EntraOutcome, { kind: "answered" }>) {
    const e = outcome.entraError;
    const code = e?.error_codes?.length ? ` AADSTS${e.error_codes[0]}` : "";
    super(`Microsoft Entra ID (${outcome.host}) refused the ${WHAT[outcome.endpoint]}: HTTP ${outcome.status}${e?.error ? ` ${e.error}` : ""}${code}.`);
    this.statusCode = outcome.status;
    if (e) this.errorResponse = e;
    this.host = outcome.host;
    this.endpoint = outcome.endpoint;
  }
}

/**
 * Entra's answer to a sign-in request said it was JSON but could not be read: HTTP 2xx with a body cut off or damaged
 * on the way (a proxy, a broken connection). The body is never kept: it would hold the tokens.
 */
export class UnreadableAnswerError extends Error {
  override readonly name = "UnreadableAnswerError";
  readonly host: string;
  readonly statusCode: number;
  readonly endpoint: ObservedEndpoint;

  constructor(outcome: Extract<EntraOutcome, { kind: "answered" }>) {
    super(`The answer to the ${WHAT[outcome.endpoint]} from ${outcome.host} could not be read: HTTP ${outcome.status} with a body that is not valid JSON.`);
    this.host = outcome.host;
    this.statusCode = outcome.status;
    this.endpoint = outcome.endpoint;
  }
}

/**
 * The error that says what answered, for an attempt that failed with a library error saying less: a discovery
 * document that is not there (404), a foreign answer, an answer that cannot be read, Entra failing (5xx, 429) or out
 * of reach (reset, refused, a certificate this machine does not trust), or Entra's own 4xx error on the discovery
 * request. Undefined when the last outcome explains nothing more than the library's error does (a token request's JSON
 * 4xx error carries its AADSTS code already).
 */
export function answerErrorFor(report: AttemptReport, nowMs = Date.now()): Error | undefined {
  const last = report.last;
  if (!last) return undefined;
  if (last.kind === "answered") {
    if (last.endpoint === "discovery" && last.status === 404) return new EntraRefusedError(last);
    if (isForeignAnswer(last)) return new NotEntraAnswerError(last);
    if (last.unreadable) return new UnreadableAnswerError(last);
  }
  if (isTransient(last)) return new EntraUnavailableError(last, undefined, nowMs);
  if (last.endpoint !== "discovery") return undefined;
  return last.kind === "answered" ? new EntraRefusedError(last) : undefined;
}

/**
 * For a failed silent attempt (getToken with disableAutomaticAuthentication, whose every failure reads "sign in"): the
 * error to throw instead when a sign-in cannot help — Entra failing (5xx, 429, held back by MSAL after one), out of
 * reach, refusing the discovery request, or something else answering in its place. Undefined: a sign-in is needed.
 */
export function silentFailureError(report: AttemptReport, nowMs = Date.now()): Error | undefined {
  return answerErrorFor(report, nowMs) ?? unavailableErrorFor(report, nowMs);
}

/** Errors that already say what happened: a cancel, a sign-in that timed out, or one of the auth layer's own. */
const KEEP = new Set([
  "CancelledError", "AbortError", "SignInTimeoutError", "InteractionRequiredError", "EntraUnavailableError", "NotEntraAnswerError", "EntraRefusedError",
  "UnreadableAnswerError",
]);

/**
 * Runs a whole token request (silent try, sign-in, final read) as one observed attempt: the observer learns what was
 * answered to its discovery and token requests, `options.signal` also ends the library's waits between retries, and
 * Retry-After waits reach `options.onRetryWait`. When the library's error says less than the answer did
 * (endpoints_resolution_error for Entra's 400 invalid_tenant, unknown_error for a captive portal's page), the error
 * that says what answered is thrown instead.
 */
export async function runObserved<T>(observer: TokenEndpointObserver, work: () => Promise<T>, options: AttemptOptions): Promise<T> {
  const attempt = await observer.observe(work, options);
  if (attempt.ok) return attempt.value;
  throw (KEEP.has(nameOf(attempt.error)) ? undefined : answerErrorFor(attempt.report)) ?? attempt.error;
}

function nameOf(error: unknown): string {
  return typeof error === "object" && error !== null && typeof (error as { name?: unknown }).name === "string" ? (error as { name: string }).name : "";
}
