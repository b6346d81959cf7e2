import { test } from "node:test";
import assert from "node:assert/strict";
import { formatDuration, formatLocal, formatLocalOffset, formatUtc, relativeTime, statusBarTimeLeft, timeClaimKind, toEpochSeconds } from "../../src/core/timeFormat";

const T = Date.UTC(2024, 4, 1, 12, 34, 56) / 1000;

test("formatUtc", () => {
  assert.equal(formatUtc(T), "2024-05-01 12:34:56 UTC");
  assert.equal(formatUtc(0), "1970-01-01 00:00:00 UTC");
  assert.equal(formatUtc(T + 0.9), "2024-05-01 12:34:56 UTC");
  assert.equal(formatUtc(Number.NaN), "invalid time");
  assert.equal(formatUtc(1e20), "invalid time");
});

test("formatLocal in explicit time zones, including half-hour offsets and DST", () => {
  assert.equal(formatLocal(T, "UTC"), "2024-05-01 12:34:56 UTC");
  assert.equal(formatLocal(T, "Asia/Kolkata"), "2024-05-01 18:04:56 GMT+5:30");
  assert.equal(formatLocal(T, "America/New_York"), "2024-05-01 08:34:56 EDT");
  assert.equal(formatLocal(Date.UTC(2024, 0, 1, 0, 0, 0) / 1000, "America/New_York"), "2023-12-31 19:00:00 EST");
  // Unknown zone falls back to the runtime zone instead of throwing.
  assert.match(formatLocal(T, "Not/AZone"), /^2024-05-0\d \d\d:\d\d:56/);
  assert.equal(formatLocal(Number.POSITIVE_INFINITY, "UTC"), "invalid time");
});

test("formatLocalOffset: the runtime's zone as its offset, without Intl (half-hour offsets, daylight saving, UTC)", () => {
  const zone = process.env.TZ;
  const inZone = (tz: string, epochSec: number) => {
    process.env.TZ = tz; // Node reads TZ again when it changes
    return formatLocalOffset(epochSec);
  };
  try {
    assert.equal(inZone("UTC", T), "2024-05-01 12:34:56 UTC");
    assert.equal(inZone("Asia/Kolkata", T), "2024-05-01 18:04:56 GMT+5:30");
    assert.equal(inZone("America/New_York", T), "2024-05-01 08:34:56 GMT-4");
    assert.equal(inZone("America/New_York", Date.UTC(2024, 0, 1, 0, 0, 0) / 1000), "2023-12-31 19:00:00 GMT-5");
    assert.equal(inZone("Australia/Adelaide", Date.UTC(2024, 0, 1, 0, 0, 0) / 1000), "2024-01-01 10:30:00 GMT+10:30");
    // Where Intl's en-US short name is an offset, both say the same.
    process.env.TZ = "Europe/Berlin";
    assert.equal(formatLocalOffset(T), formatLocal(T, "Europe/Berlin"));
    assert.equal(inZone("UTC", T + 0.9), "2024-05-01 12:34:56 UTC");
    assert.equal(inZone("UTC", Number.POSITIVE_INFINITY), "invalid time");
    assert.equal(inZone("UTC", 1e20), "invalid time");
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});

test("formatDuration floors", () => {
  assert.equal(formatDuration(0), "0 s");
  assert.equal(formatDuration(59.9), "59 s");
  assert.equal(formatDuration(60), "1 min");
  assert.equal(formatDuration(42 * 60 + 59), "42 min");
  assert.equal(formatDuration(2 * 3600 + 5 * 60), "2 h 5 min");
  assert.equal(formatDuration(2 * 3600), "2 h");
  assert.equal(formatDuration(-180), "3 min");
  assert.equal(formatDuration(3 * 86400 + 4 * 3600 + 59), "3 d 4 h");
});

test("relativeTime: plain, expiry and start styles", () => {
  const now = T * 1000;
  assert.equal(relativeTime(T + 42 * 60, now, "expiry"), "expires in 42 min");
  assert.equal(relativeTime(T - 3 * 60, now, "expiry"), "expired 3 min ago");
  assert.equal(relativeTime(T + 2 * 3600 + 5 * 60, now), "in 2 h 5 min");
  assert.equal(relativeTime(T - 30, now), "30 s ago");
  assert.equal(relativeTime(T + 45, now, "expiry"), "expires in 45 s");
  assert.equal(relativeTime(T, now), "now");
  assert.equal(relativeTime(T + 120, now, "start"), "valid in 2 min");
  assert.equal(relativeTime(Number.NaN, now), "invalid time");
});

test("statusBarTimeLeft", () => {
  const now = 1_000_000_000_000;
  const min = 60_000;
  assert.equal(statusBarTimeLeft(now + 42 * min, now), "42m");
  assert.equal(statusBarTimeLeft(now + 42 * min + 59_999, now), "42m");
  assert.equal(statusBarTimeLeft(now + 65 * min, now), "1h 05m");
  assert.equal(statusBarTimeLeft(now + 59_000, now), "59s");
  assert.equal(statusBarTimeLeft(now + 59_999, now), "59s");
  assert.equal(statusBarTimeLeft(now + 60_000, now), "1m");
  assert.equal(statusBarTimeLeft(now + 500, now), "<1s");
  assert.equal(statusBarTimeLeft(now, now), "expired");
  assert.equal(statusBarTimeLeft(now - 1, now), "expired");
  assert.equal(statusBarTimeLeft(now + 26 * 60 * min, now), "1d 02h");
});

test("time claims", () => {
  for (const c of ["iat", "nbf", "exp", "auth_time", "xms_tcdt"]) assert.equal(timeClaimKind(c), "epoch");
  assert.equal(timeClaimKind("pwd_exp"), "seconds-until");
  assert.equal(timeClaimKind("aud"), undefined);
  assert.equal(toEpochSeconds("1648126498"), 1648126498);
  assert.equal(toEpochSeconds("12abc"), undefined);
  assert.equal(toEpochSeconds({}), undefined);
});
