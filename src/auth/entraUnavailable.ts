// "Entra is unavailable": what the auth layer throws instead of "interaction required" when a silent renewal failed
// because Entra's token endpoint answered 5xx or 429, or could not be reached (and, through auth/entraAnswers.ts,
// instead of MSAL's endpoints_resolution_error when the OpenID configuration request failed so). A browser or a device code cannot help
// then, and a background refresh should keep retrying rather than ask for a sign-in. The error carries what
// core/authErrors.ts (explainAuthError) reads — statusCode, the network code, Entra's errorResponse with its AADSTS
// code and trace ids — built only from the observer's non-secret facts.
import { isTransient, type AttemptReport, type EntraErrorFields, type EntraOutcome } from "./tokenEndpointObserver";

export class EntraUnavailableError extends Error {
  override readonly name = "EntraUnavailableError";
  /** HTTP status of Entra's answer (5xx or 429). */
  readonly statusCode?: number;
  /** The network error code (ECONNREFUSED, ENOTFOUND, ETIMEDOUT, a certificate error…) when no answer came. */
  readonly code?: string;
  /** The host the request went to (the authority host), for the explanation. */
  readonly host: string;
  /** MSAL's code for "the request failed before Entra answered", with `code`. */
  readonly errorCode?: string;
  /** Entra's error answer: error, error_codes (AADSTS), error_description, trace_id, correlation_id. */
  readonly errorResponse?: EntraErrorFields;
  /** Entra's Retry-After, in seconds. */
  readonly retryAfterSec?: number;
  /** This attempt sent nothing: MSAL holds the request back until then after Entra's earlier answer. */
  readonly heldBackUntilMs?: number;

  constructor(outcome: EntraOutcome, heldBackUntilMs?: number, nowMs = Date.now()) {
    super(messageFor(outcome, heldBackUntilMs, nowMs));
    this.host = outcome.host;
    if (outcome.kind === "unreachable") {
      this.code = outcome.code;
      this.errorCode = "network_error";
    } else {
      this.statusCode = outcome.status;
      if (outcome.entraError) this.errorResponse = outcome.entraError;
      if (outcome.retryAfterSec !== undefined) this.retryAfterSec = outcome.retryAfterSec;
    }
    if (heldBackUntilMs !== undefined) this.heldBackUntilMs = heldBackUntilMs;
  }
}

/**
 * The error for a failed silent attempt when Entra, not the sign-in, failed: its last token request got a 5xx or 429
 * answer or none, or it sent none because MSAL is backing off after such an answer. Undefined otherwise (a 4xx answer
 * such as invalid_grant AADSTS50076, or no token request at all: no account is cached) — a sign-in is needed then.
 */
export function unavailableErrorFor(report: AttemptReport, nowMs = Date.now()): EntraUnavailableError | undefined {
  if (report.last) return isTransient(report.last) ? new EntraUnavailableError(report.last, undefined, nowMs) : undefined;
  if (report.heldBack && isTransient(report.heldBack.outcome)) return new EntraUnavailableError(report.heldBack.outcome, report.heldBack.untilMs, nowMs);
  return undefined;
}

function messageFor(outcome: EntraOutcome, heldBackUntilMs: number | undefined, nowMs: number): string {
  const token = outcome.endpoint === "token";
  const endpoint = token ? "token endpoint" : `OpenID configuration (${outcome.host})`;
  const what = outcome.kind === "unreachable"
    ? `Microsoft Entra ID's ${endpoint} could not be reached (${outcome.code})`
    : outcome.status === 429
      ? `Microsoft Entra ID is throttling ${token ? "token" : "discovery"} requests (HTTP 429)`
      : `Microsoft Entra ID is unavailable: its ${endpoint} answered HTTP ${outcome.status}`;
  const aadsts = outcome.kind === "answered" && outcome.entraError?.error_codes?.length ? ` (AADSTS${outcome.entraError.error_codes[0]})` : "";
  const held = heldBackUntilMs === undefined ? ""
    : ` The sign-in library waits ${Math.max(1, Math.ceil((heldBackUntilMs - nowMs) / 1000))} s before asking Entra again.`;
  const so = token ? "so no token was issued" : "so no token could be requested";
  return `${what}${aadsts}, ${so}. This is not a sign-in problem: try again later.${held}`;
}
