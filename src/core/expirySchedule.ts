// Pure scheduling for the status bar and proactive refresh. Everything is computed from absolute
// timestamps (ms since the epoch) and an explicit "now", so a sleeping laptop or a late timer never
// drifts: re-evaluate after every tick.
import { decodeToken } from "./jwt";
import { toEpochSeconds } from "./timeFormat";

export const DEFAULT_REFRESH_LEAD_MS = 5 * 60_000;

export interface RefreshInput {
  /** When the token expires (MSAL's expiresOnTimestamp). */
  readonly expiresOnMs: number;
  /** MSAL's refreshAfterTimestamp, when the library gave one. */
  readonly refreshAfterMs?: number;
  readonly nowMs: number;
  /** How long before expiry to refresh when there is no refreshAfter (default 5 min). */
  readonly leadMs?: number;
}

/**
 * When to refresh: the library's refreshAfter if it is given and before expiry, otherwise `leadMs`
 * before expiry; never in the past (then: now). Callers must rate-limit refreshes themselves: a token
 * whose whole lifetime is shorter than the lead is due at once every time.
 */
export function nextRefreshAt(input: RefreshInput): number {
  const { expiresOnMs, refreshAfterMs, nowMs } = input;
  const lead = input.leadMs !== undefined && Number.isFinite(input.leadMs) && input.leadMs >= 0 ? input.leadMs : DEFAULT_REFRESH_LEAD_MS;
  if (!Number.isFinite(expiresOnMs)) return nowMs;
  const useRefreshAfter = refreshAfterMs !== undefined && Number.isFinite(refreshAfterMs) && refreshAfterMs < expiresOnMs;
  const candidate = useRefreshAfter ? refreshAfterMs : expiresOnMs - lead;
  return Math.max(candidate, nowMs);
}

export type StatusLevel = "ok" | "warning" | "expired";

/** `expired` at or after expiry, `warning` within `warnMinutes` of it, otherwise `ok`. */
export function statusLevel(expiresOnMs: number, nowMs: number, warnMinutes: number): StatusLevel {
  const left = expiresOnMs - nowMs;
  if (!(left > 0)) return "expired";
  const warnMs = Math.max(0, Number.isFinite(warnMinutes) ? warnMinutes : 0) * 60_000;
  return left <= warnMs ? "warning" : "ok";
}

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * Milliseconds until the status bar text (`statusBarTimeLeft`) next changes: every second in the last
 * minute, otherwise at the next minute boundary of time-left (hour boundary beyond a day). `undefined`
 * once expired: nothing changes any more.
 */
export function nextTickDelay(expiresOnMs: number, nowMs: number): number | undefined {
  const left = expiresOnMs - nowMs;
  if (!Number.isFinite(left) || left <= 0) return undefined;
  // Within the last second the next change is expiry itself, which happens when time-left reaches 0.
  if (left < SEC) return left;
  const unit = left < MIN ? SEC : left < DAY ? MIN : HOUR;
  // Time-left is floored per unit, so the text changes one millisecond after it falls below the
  // current multiple of the unit.
  return (left % unit) + 1;
}

/** The expiry the status bar and the schedule use: the library's (`expiresOnMs`), else the token's own `exp`. */
export function expiryOf(held: { readonly expiresOnMs?: number; readonly token: string }): number | undefined {
  if (held.expiresOnMs !== undefined) return held.expiresOnMs;
  const decoded = decodeToken(held.token);
  // Within the range of a date: exp 1e308 is a number, but no expiry anyone can count down to.
  const exp = decoded.kind === "jws" ? toEpochSeconds(decoded.payload.exp) : undefined;
  return exp === undefined ? undefined : exp * 1000;
}
