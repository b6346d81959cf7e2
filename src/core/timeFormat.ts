// Time formatting for claims and the status bar. Pure; every function takes "now" explicitly.

/** Claims whose value is a NumericDate (seconds since the Unix epoch). */
export const EPOCH_TIME_CLAIMS: readonly string[] = ["iat", "nbf", "exp", "auth_time", "xms_tcdt", "updated_at", "xms_acd"];
/** Claims whose value is a number of seconds from the token's issue time (not a date). */
export const SECONDS_UNTIL_CLAIMS: readonly string[] = ["pwd_exp"];

export type TimeClaimKind = "epoch" | "seconds-until";

/** Which claims are times: `epoch` for dates, `seconds-until` for durations such as `pwd_exp`. */
export function timeClaimKind(name: string): TimeClaimKind | undefined {
  if (EPOCH_TIME_CLAIMS.includes(name)) return "epoch";
  if (SECONDS_UNTIL_CLAIMS.includes(name)) return "seconds-until";
  return undefined;
}

/** Accepts numbers and numeric strings (some v1 tokens carry `"xms_tcdt": "1648126498"`). */
export function toEpochSeconds(value: unknown): number | undefined {
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) n = Number(value);
  else return undefined;
  // ±8.64e15 ms is the range of Date.
  if (!Number.isFinite(n) || Math.abs(n) > 8.64e12) return undefined;
  return n;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "2024-05-01 12:34:56 UTC", or "invalid time". */
export function formatUtc(epochSec: number): string {
  const s = toEpochSeconds(epochSec);
  if (s === undefined) return "invalid time";
  const d = new Date(Math.floor(s) * 1000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} UTC`;
}

/**
 * Making an Intl.DateTimeFormat costs a hundred times more than using one (the status bar formats every second, the
 * token view every time claim): one per time zone is kept, a handful at most. Undefined for an unknown time zone.
 */
const LOCAL_FORMATTERS = new Map<string, Intl.DateTimeFormat>();
const MAX_LOCAL_FORMATTERS = 8;

function localFormatter(timeZone: string | undefined): Intl.DateTimeFormat | undefined {
  const key = timeZone ?? "";
  let fmt = LOCAL_FORMATTERS.get(key);
  if (fmt) return fmt;
  try {
    fmt = new Intl.DateTimeFormat("en-US", {
      timeZone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "short",
    });
  } catch {
    return undefined;
  }
  if (LOCAL_FORMATTERS.size >= MAX_LOCAL_FORMATTERS) LOCAL_FORMATTERS.clear();
  LOCAL_FORMATTERS.set(key, fmt);
  return fmt;
}

/**
 * "2024-05-01 14:34:56 GMT+2" in the given IANA time zone (default: the runtime's own). An unknown
 * time zone falls back to the runtime's own.
 */
export function formatLocal(epochSec: number, timeZone?: string): string {
  const s = toEpochSeconds(epochSec);
  if (s === undefined) return "invalid time";
  const d = new Date(Math.floor(s) * 1000);
  const fmt = localFormatter(timeZone);
  if (fmt === undefined) return formatLocal(s);
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(d)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName ?? ""}`.trimEnd();
}

/**
 * "2024-05-01 14:34:56 GMT+2" (UTC itself: "UTC") in the runtime's time zone, without Intl: in a fresh webview the
 * first Intl.DateTimeFormat costs ~20 ms of ICU start-up before the token view can draw (`panelVisible` in npm run
 * bench). The zone is its offset then ("GMT-4", not "EDT"), as Intl's en-US short names already are outside the US.
 */
export function formatLocalOffset(epochSec: number): string {
  const s = toEpochSeconds(epochSec);
  if (s === undefined) return "invalid time";
  const d = new Date(Math.floor(s) * 1000);
  const east = -d.getTimezoneOffset(); // minutes east of UTC at that moment (daylight saving included)
  const hours = Math.floor(Math.abs(east) / 60);
  const minutes = Math.abs(east) % 60;
  const zone = east === 0 ? "UTC" : `GMT${east > 0 ? "+" : "-"}${hours}${minutes ? `:${pad2(minutes)}` : ""}`;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())} ${zone}`;
}

/** "42 s", "42 min", "2 h 5 min", "2 h", "3 d 4 h" — floors, never overstates. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.floor(Math.abs(totalSeconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const mm = m % 60;
  if (h < 24) return mm ? `${h} h ${mm} min` : `${h} h`;
  const d = Math.floor(h / 24);
  const hh = h % 24;
  return hh ? `${d} d ${hh} h` : `${d} d`;
}

/**
 * Relative to now. `plain`: "in 42 min", "3 min ago", "now". `expiry`: "expires in 42 min", "expired 3 min ago".
 * `start` (nbf): "valid in 2 min", "valid since 3 min ago".
 */
export function relativeTime(epochSec: number, nowMs: number, style: "plain" | "expiry" | "start" = "plain"): string {
  const s = toEpochSeconds(epochSec);
  if (s === undefined || !Number.isFinite(nowMs)) return "invalid time";
  const diffSec = (s * 1000 - nowMs) / 1000;
  const future = diffSec > 0;
  const d = formatDuration(diffSec);
  if (Math.abs(diffSec) < 1) {
    return style === "expiry" ? (future ? "expires now" : "expired just now") : style === "start" ? "valid from now" : "now";
  }
  switch (style) {
    case "expiry":
      return future ? `expires in ${d}` : `expired ${d} ago`;
    case "start":
      return future ? `valid in ${d}` : `valid since ${d} ago`;
    default:
      return future ? `in ${d}` : `${d} ago`;
  }
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * Compact time left for the status bar: "59s" in the last minute, "42m", "1h 05m", "1d 02h", "expired".
 * Every unit is floored, so the text changes exactly when time-left crosses a unit boundary
 * (see `nextTickDelay` in expirySchedule).
 */
export function statusBarTimeLeft(expiresOnMs: number, nowMs: number): string {
  const left = expiresOnMs - nowMs;
  if (!Number.isFinite(left)) return "?";
  if (left <= 0) return "expired";
  if (left < 1000) return "<1s";
  if (left < MIN) return `${Math.floor(left / 1000)}s`;
  if (left < HOUR) return `${Math.floor(left / MIN)}m`;
  if (left < DAY) return `${Math.floor(left / HOUR)}h ${pad2(Math.floor((left % HOUR) / MIN))}m`;
  return `${Math.floor(left / DAY)}d ${pad2(Math.floor((left % DAY) / HOUR))}h`;
}
