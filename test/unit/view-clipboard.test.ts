import { test } from "node:test";
import assert from "node:assert/strict";
import { scheduleClipboardClear, type Timer } from "../../src/ui/clipboardClear";

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
