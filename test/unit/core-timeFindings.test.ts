import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_SKEW_SEC, diagnose, type Diagnostic } from "../../src/core/diagnostics";
import { decodeToken } from "../../src/core/jwt";
import { nextTimeFindingChangeMs, timedFindingMessage } from "../../src/core/timeFindings";
import { buildTokenViewAt } from "../../src/webview/tokenView";
import type { HeldToken } from "../../src/tokens/tokenStore";
import { graphPayload, makeJwt, NOW_MS, NOW_SEC } from "./helpers/makeJwt";

const timeFindings = (token: string, nowMs: number) =>
  diagnose(decodeToken(token), { nowMs }).filter((d) => d.timed || d.id === "issued-in-future").map((d: Diagnostic) => `${d.id}|${d.reason}`);

test("the view's tick re-words a time finding exactly as diagnose would at that moment", () => {
  const token = makeJwt(graphPayload({ nbf: NOW_SEC + 900, iat: NOW_SEC, exp: NOW_SEC + 1200 }));
  for (const nowMs of [NOW_MS, NOW_MS + 610_000, NOW_MS + 899_000, NOW_MS + 905_000, NOW_MS + 1_200_000, NOW_MS + 1_260_500]) {
    for (const d of diagnose(decodeToken(token), { nowMs }).filter((x) => x.timed)) {
      assert.equal(timedFindingMessage(d.timed!.kind, d.timed!.epochSec, nowMs), d.message);
    }
  }
  assert.equal(timedFindingMessage("expires-soon", NOW_SEC + 16, NOW_MS), "Expires soon: in 16 s.");
  assert.equal(timedFindingMessage("expired", NOW_SEC - 180, NOW_MS), "Expired 3 min ago.");
});

test("findings stay the same until the next change instant, and change there (expiry walk)", () => {
  const token = makeJwt(graphPayload({ iat: NOW_SEC - 60, nbf: NOW_SEC - 60, exp: NOW_SEC + 600 }));
  const seen: string[][] = [];
  let now = NOW_MS;
  for (let i = 0; i < 10; i++) {
    const at = timeFindings(token, now);
    seen.push(at.map((f) => f.split("|")[0]));
    const next = nextTimeFindingChangeMs({ exp: NOW_SEC + 600, nbf: NOW_SEC - 60, iat: NOW_SEC - 60 }, now, DEFAULT_SKEW_SEC);
    if (next === undefined) break;
    assert.ok(next > now);
    assert.deepEqual(timeFindings(token, next - 1), at, "nothing changes before the instant");
    assert.notDeepEqual(timeFindings(token, next), at, "something changes at the instant");
    now = next;
  }
  // none → expires soon → expired (just: within skew) → expired (long ago); then nothing more ahead.
  assert.deepEqual(seen, [[], ["expires-soon"], ["expired"], ["expired"]]);
});

test("a token from the future: not yet valid → within skew → valid, and iat stops being 'in the future'", () => {
  const times = { iat: NOW_SEC + 900, nbf: NOW_SEC + 900, exp: NOW_SEC + 4500 };
  const token = makeJwt(graphPayload(times));
  const kinds: string[][] = [];
  let now: number | undefined = NOW_MS;
  while (now !== undefined && now < (times.exp - DEFAULT_SKEW_SEC) * 1000) {
    kinds.push(timeFindings(token, now).map((f) => f.split("|")[0]));
    now = nextTimeFindingChangeMs(times, now, DEFAULT_SKEW_SEC);
  }
  assert.deepEqual(kinds, [["not-yet-valid", "issued-in-future"], ["within-skew"], []]);
});

test("the token view carries the timed finding and when to re-render; a token without times has no schedule", () => {
  const held = (token: string) => ({ id: "t1", label: "test", source: "pasted", token }) as unknown as HeldToken;
  const soon = buildTokenViewAt(held(makeJwt(graphPayload({ exp: NOW_SEC + 120 }))), NOW_MS);
  const finding = soon.view.diagnostics.find((d) => d.timed);
  assert.deepEqual(finding?.timed, { kind: "expires-soon", epochSec: NOW_SEC + 120 });
  assert.equal(soon.nextChangeMs, (NOW_SEC + 120) * 1000);
  const { iat: _iat, nbf: _nbf, exp: _exp, ...timeless } = graphPayload();
  assert.equal(buildTokenViewAt(held(makeJwt(timeless)), NOW_MS).nextChangeMs, undefined);
  assert.equal(buildTokenViewAt(held("not-a-jwt"), NOW_MS).nextChangeMs, undefined);
});
