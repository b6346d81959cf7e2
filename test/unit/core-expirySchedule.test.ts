import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_REFRESH_LEAD_MS, nextRefreshAt, nextTickDelay, statusLevel } from "../../src/core/expirySchedule";
import { statusBarTimeLeft } from "../../src/core/timeFormat";

const MIN = 60_000;
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

test("nextRefreshAt: refreshAfter wins, else lead before expiry, never in the past", () => {
  const exp = NOW + 60 * MIN;
  assert.equal(nextRefreshAt({ expiresOnMs: exp, refreshAfterMs: NOW + 30 * MIN, nowMs: NOW, leadMs: 5 * MIN }), NOW + 30 * MIN);
  assert.equal(nextRefreshAt({ expiresOnMs: exp, nowMs: NOW, leadMs: 5 * MIN }), exp - 5 * MIN);
  assert.equal(nextRefreshAt({ expiresOnMs: exp, nowMs: NOW }), exp - DEFAULT_REFRESH_LEAD_MS);
  // refreshAfter already passed → now
  assert.equal(nextRefreshAt({ expiresOnMs: exp, refreshAfterMs: NOW - MIN, nowMs: NOW, leadMs: 5 * MIN }), NOW);
  // refreshAfter after expiry is ignored
  assert.equal(nextRefreshAt({ expiresOnMs: exp, refreshAfterMs: exp + MIN, nowMs: NOW, leadMs: 5 * MIN }), exp - 5 * MIN);
  // inside the lead window or expired → now
  assert.equal(nextRefreshAt({ expiresOnMs: NOW + 2 * MIN, nowMs: NOW, leadMs: 5 * MIN }), NOW);
  assert.equal(nextRefreshAt({ expiresOnMs: NOW - MIN, nowMs: NOW, leadMs: 5 * MIN }), NOW);
  assert.equal(nextRefreshAt({ expiresOnMs: Number.NaN, nowMs: NOW, leadMs: 5 * MIN }), NOW);
});

test("statusLevel", () => {
  const exp = NOW + 10 * MIN;
  assert.equal(statusLevel(exp, NOW, 5), "ok");
  assert.equal(statusLevel(exp, exp - 5 * MIN, 5), "warning");
  assert.equal(statusLevel(exp, exp - 1, 5), "warning");
  assert.equal(statusLevel(exp, exp, 5), "expired");
  assert.equal(statusLevel(exp, exp + 1, 5), "expired");
  assert.equal(statusLevel(exp, NOW, 0), "ok");
});

test("nextTickDelay: seconds in the last minute, minute boundaries otherwise, none once expired", () => {
  const exp = NOW + 42 * MIN + 30_000;
  assert.equal(nextTickDelay(exp, NOW), 30_001);
  assert.equal(nextTickDelay(NOW + 59_500, NOW), 501);
  assert.equal(nextTickDelay(NOW + 600, NOW), 600);
  assert.equal(nextTickDelay(NOW, NOW), undefined);
  assert.equal(nextTickDelay(NOW - 5, NOW), undefined);
});

test("fake clock: every tick changes the status text, and nothing changes in between", () => {
  // Walk a 26-hour token down to expiry with a fake clock, as the status bar would.
  const exp = NOW + 26 * 60 * MIN + 12_345;
  let now = NOW;
  let ticks = 0;
  const seen: string[] = [];
  for (;;) {
    const text = statusBarTimeLeft(exp, now);
    seen.push(text);
    const d = nextTickDelay(exp, now);
    if (d === undefined) break;
    assert.ok(d > 0 && d <= 60 * MIN, `delay ${d}`);
    assert.equal(statusBarTimeLeft(exp, now + d - 1), text, `no change before the tick at ${exp - now}`);
    assert.notEqual(statusBarTimeLeft(exp, now + d), text, `change at the tick at ${exp - now}`);
    now += d;
    ticks++;
  }
  assert.equal(seen.at(-1), "expired");
  assert.ok(seen.includes("59s") && seen.includes("1m") && seen.includes("1h 00m") && seen.includes("1d 00h"));
  // 2 hour ticks (beyond a day) + 1439 minute ticks + ~60 second ticks
  assert.ok(ticks > 1400 && ticks < 1600, String(ticks));
});

test("a late timer recomputes from absolute time", () => {
  const exp = NOW + 10 * MIN;
  const late = NOW + 3 * MIN + 40_000; // the laptop slept
  assert.equal(statusBarTimeLeft(exp, late), "6m");
  assert.equal(nextTickDelay(exp, late), 20_001);
});
