// The findings that depend on the clock (expired, expires soon, not yet valid). Their sentences are made here so
// diagnose() and the token view's one-second tick say the same thing, and nextTimeFindingChangeMs() tells the view
// when the set of findings itself changes (e.g. "expires soon" becomes "expired"), so it re-renders then.
import { formatDuration } from "./timeFormat";

export type TimedFindingKind = "expired" | "expires-soon" | "not-yet-valid" | "within-skew";

/** The finding's sentence at nowMs; `epochSec` is exp for expiry findings and nbf for validity findings. */
export function timedFindingMessage(kind: TimedFindingKind, epochSec: number, nowMs: number): string {
  const nowSec = nowMs / 1000;
  switch (kind) {
    case "expired":
      return nowSec === epochSec ? "Expired just now." : `Expired ${formatDuration(nowSec - epochSec)} ago.`;
    case "expires-soon":
      return `Expires soon: in ${formatDuration(Math.max(0, epochSec - nowSec))}.`;
    case "not-yet-valid":
      return `Not yet valid: it starts in ${formatDuration(Math.max(0, epochSec - nowSec))}.`;
    case "within-skew":
      return `Not valid for another ${formatDuration(Math.max(0, epochSec - nowSec))}, within clock-skew tolerance.`;
  }
}

/**
 * The first instant after nowMs at which a time finding appears, disappears or changes its reason: skew before
 * and at nbf and exp, skew after exp, and when iat stops being "in the future". Undefined when none is ahead.
 */
export function nextTimeFindingChangeMs(times: { exp?: number; nbf?: number; iat?: number }, nowMs: number, skewSec: number): number | undefined {
  const { exp, nbf, iat } = times;
  const skewMs = skewSec * 1000;
  // Each finding starts at its boundary, except the expired finding's reason, which changes once *more* than the
  // skew has passed: 1 ms after.
  const boundariesMs = [
    ...(exp === undefined ? [] : [exp * 1000 - skewMs, exp * 1000, exp * 1000 + skewMs + 1]),
    ...(nbf === undefined ? [] : [nbf * 1000 - skewMs, nbf * 1000]),
    ...(iat === undefined ? [] : [iat * 1000 - skewMs]),
  ];
  const ahead = boundariesMs.filter((ms) => ms > nowMs);
  return ahead.length ? Math.min(...ahead) : undefined;
}
