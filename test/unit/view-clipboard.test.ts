import { test } from "node:test";
import assert from "node:assert/strict";
import { ClipboardGuard, scheduleClipboardClear, type Timer } from "../../src/ui/clipboardClear";

function fakes(initial: string) {
  const clip = { text: initial, readText: async () => clip.text, writeText: async (t: string) => { clip.text = t; } };
  let fire: () => void = () => assert.fail("no timer set");
  let delay = -1;
  const timer: Timer = (fn, ms) => { fire = fn; delay = ms; return { dispose: () => undefined }; };
  return { clip, timer, fire: () => fire(), delay: () => delay };
}

test("clears the clipboard after the delay when it still holds what was copied", async () => {
  const f = fakes("Authorization: Bearer abc");
  const cleared: string[] = [];
  const job = scheduleClipboardClear(f.clip, "Authorization: Bearer abc", 30_000, () => cleared.push("x"), f.timer);
  assert.equal(f.delay(), 30_000);
  assert.equal(f.clip.text, "Authorization: Bearer abc", "not before the timer");
  f.fire();
  assert.equal(await job.done, true);
  assert.equal(f.clip.text, "");
  assert.equal(cleared.length, 1);
});

test("leaves the clipboard alone when the user copied something else meanwhile", async () => {
  const f = fakes("Authorization: Bearer abc");
  const job = scheduleClipboardClear(f.clip, "Authorization: Bearer abc", 1000, undefined, f.timer);
  f.clip.text = "something the user copied";
  f.fire();
  assert.equal(await job.done, false);
  assert.equal(f.clip.text, "something the user copied");
});

/** A clipboard and a timer whose pending callbacks the test fires or sees cancelled. */
function guarded(initial: string) {
  const clip = { text: initial, writes: 0, readText: async () => clip.text, writeText: async (t: string) => { clip.text = t; clip.writes++; } };
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const setTimer: Timer = (fn, ms) => {
    const t = { fn, ms, cancelled: false };
    timers.push(t);
    return { dispose: () => { t.cancelled = true; } };
  };
  let autoCleared = 0;
  const guard = new ClipboardGuard(clip, { setTimer, onAutoCleared: () => autoCleared++ });
  return { clip, timers, guard, autoCleared: () => autoCleared };
}

test("Clear: the clipboard is cleared at once when it still holds the copied token, and the pending auto-clear is cancelled", async () => {
  const g = guarded("");
  g.clip.text = "Authorization: Bearer abc";
  g.guard.remember("Authorization: Bearer abc", 60_000);
  assert.equal(g.timers.length, 1);
  assert.equal(await g.guard.clearNow(), true);
  assert.equal(g.clip.text, "");
  assert.equal(g.timers[0].cancelled, true, "the auto-clear timer is cancelled");
  assert.equal(g.guard.size, 0, "nothing is remembered any more");
});

test("Clear: a token copied without auto-clear (clipboardClearSeconds 0) is cleared too; no timer is set for it", async () => {
  const g = guarded("");
  g.clip.text = "export AZURE_TOKEN='abc'";
  g.guard.remember("export AZURE_TOKEN='abc'", 0);
  assert.equal(g.timers.length, 0);
  assert.equal(await g.guard.clearNow(), true);
  assert.equal(g.clip.text, "");
});

test("Clear: the clipboard is left alone when the user copied something else since; timers are still cancelled", async () => {
  const g = guarded("");
  g.guard.remember("abc", 30_000);
  g.clip.text = "something the user copied";
  assert.equal(await g.guard.clearNow(), false);
  assert.equal(g.clip.text, "something the user copied");
  assert.equal(g.clip.writes, 0);
  assert.equal(g.timers[0].cancelled, true);
});

test("Clear: any token copied in this window counts (an earlier one the user copied back), nothing when nothing was copied", async () => {
  const g = guarded("unrelated");
  assert.equal(await g.guard.clearNow(), false, "nothing copied: nothing read or written");
  assert.equal(g.clip.writes, 0);
  g.guard.remember("first", 0);
  g.guard.remember("second", 0);
  g.clip.text = "first";
  assert.equal(await g.guard.clearNow(), true);
  assert.equal(g.clip.text, "");
});

test("the guard's auto-clear still clears on time, only what we copied, and forgets it once cleared", async () => {
  const g = guarded("");
  g.clip.text = "abc";
  g.guard.remember("abc", 5_000);
  assert.equal(g.timers[0].ms, 5_000);
  g.timers[0].fn();
  await new Promise((r) => setImmediate(r));
  assert.equal(g.clip.text, "");
  assert.equal(g.autoCleared(), 1);
  assert.equal(g.guard.size, 0);
  // Copying the same text again replaces its timer rather than adding a second one.
  g.guard.remember("xyz", 5_000);
  g.guard.remember("xyz", 5_000);
  assert.equal(g.timers[1].cancelled, true);
  assert.equal(g.timers[2].cancelled, false);
  assert.equal(g.guard.size, 1);
});

test("dispose (deactivation) cancels the pending auto-clears without touching the clipboard; a clipboard that cannot be read is left alone", async () => {
  const g = guarded("abc");
  g.guard.remember("abc", 1000);
  g.guard.dispose();
  assert.equal(g.timers[0].cancelled, true);
  assert.equal(g.clip.text, "abc");
  const broken = new ClipboardGuard({ readText: async () => { throw new Error("no clipboard"); }, writeText: async () => assert.fail("no write") });
  broken.remember("abc");
  assert.equal(await broken.clearNow(), false);
});
