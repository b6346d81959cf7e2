// The status bar text, level, tooltip and countdown ticks, with a fake clock.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { TokenRequest } from "../../src/auth/types";
import type { Clock } from "../../src/tokens/refresher";
import type { HeldToken } from "../../src/tokens/tokenStore";
import { Countdown, describeStatus, MAX_TICK_MS } from "../../src/ui/statusBarModel";
import { FakeClock } from "./helpers/fakeClock";
import { makeJwt, NOW_MS } from "./helpers/makeJwt";

const MIN = 60_000;
const TENANT = "11111111-2222-3333-4444-555555555555";
const request: TokenRequest = {
  credential: "interactiveBrowser", cloud: "Custom", authorityHost: "https://login.example.test", disableInstanceDiscovery: true,
  tenant: TENANT, clientId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", scopes: ["https://management.azure.com/.default"],
};

function held(expiresOnMs: number | undefined, extra: Partial<HeldToken> = {}, payload: Record<string, unknown> = {}): HeldToken {
  const token = makeJwt({
    aud: "https://management.azure.com", tid: TENANT, upn: "carol@contoso.test", email: "carol.mail@contoso.test", name: "Carol Secretname",
    exp: Math.floor((expiresOnMs ?? NOW_MS + 60 * MIN) / 1000), ...payload,
  });
  return { id: "t1", label: "ARM dev", source: "acquired", token, expiresOnMs, acquiredAtMs: NOW_MS, request, expirySource: "library", ...extra };
}

test("text: minutes, seconds in the last minute, expired, sign in", () => {
  assert.equal(describeStatus(held(NOW_MS + 42 * MIN + 30_000), NOW_MS, 5).text, "$(key) 42m");
  assert.equal(describeStatus(held(NOW_MS + 59_400), NOW_MS, 5).text, "$(key) 59s");
  assert.equal(describeStatus(held(NOW_MS + 2 * 60 * MIN + 5 * MIN), NOW_MS, 5).text, "$(key) 2h 05m");
  assert.equal(describeStatus(held(NOW_MS - 1), NOW_MS, 5).text, "$(key) expired");
  assert.equal(describeStatus(held(NOW_MS + 42 * MIN), NOW_MS, 5, "signInRequired").text, "$(key) sign in");
});

test("level: ok above the warning minutes, warning within them, expired at expiry; the setting moves the line", () => {
  assert.equal(describeStatus(held(NOW_MS + 6 * MIN), NOW_MS, 5).level, "ok");
  assert.equal(describeStatus(held(NOW_MS + 5 * MIN), NOW_MS, 5).level, "warning");
  assert.equal(describeStatus(held(NOW_MS + 90_000), NOW_MS, 5).level, "warning");
  assert.equal(describeStatus(held(NOW_MS + 90_000), NOW_MS, 1).level, "ok");
  assert.equal(describeStatus(held(NOW_MS), NOW_MS, 5).level, "expired");
  assert.equal(describeStatus(held(NOW_MS + 90_000), NOW_MS, 5, "signInRequired").level, "signIn");
});

test("tooltip: label, tenant, audience, scopes, local and UTC expiry with its source; never the token or the user", () => {
  const h = held(Date.UTC(2025, 0, 15, 13, 0, 0));
  const view = describeStatus(h, NOW_MS, 5);
  const tooltip = view.tooltipLines.join("\n");
  assert.match(tooltip, /ARM dev/);
  assert.match(tooltip, new RegExp(`Tenant: ${TENANT}`));
  assert.match(tooltip, /Audience: https:\/\/management\.azure\.com/);
  assert.match(tooltip, /Scopes: https:\/\/management\.azure\.com\/\.default/);
  assert.match(tooltip, /2025-01-15 13:00:00 UTC/);
  assert.match(tooltip, /from the library \(expiresOnTimestamp\)/);
  for (const secret of [h.token, h.token.split(".")[1], "carol", "Secretname"]) {
    assert.ok(!tooltip.includes(secret) && !view.text.includes(secret) && !view.accessibilityLabel.includes(secret), `never shows ${secret.slice(0, 12)}`);
  }
  assert.equal(view.accessibilityLabel, "Azure Token: token expires in 1h 00m");
  assert.equal(describeStatus(held(NOW_MS - 1), NOW_MS, 5).accessibilityLabel, "Azure Token: token expired");
});

test("pasted and VS Code account tokens: expiry from the token's exp, labelled as such", () => {
  const expMs = NOW_MS + 30 * MIN;
  const pasted = held(undefined, { source: "pasted", request: undefined, expirySource: "token", label: "Pasted token" }, { exp: expMs / 1000, scp: "User.Read" });
  const view = describeStatus(pasted, NOW_MS, 5);
  assert.equal(view.text, "$(key) 30m");
  assert.equal(view.expiresOnMs, expMs);
  assert.match(view.tooltipLines.join("\n"), /from the token's exp claim/);
  assert.match(view.tooltipLines.join("\n"), /Scopes: User\.Read/);
  const account = held(expMs, { expirySource: "token" });
  assert.match(describeStatus(account, NOW_MS, 5).tooltipLines.join("\n"), /from the token's exp claim/);
});

test("countdown: re-renders when the text changes, from absolute time; stops at expiry and when nothing is held", () => {
  const clock = new FakeClock(NOW_MS);
  let expiry: number | undefined = NOW_MS + 2 * MIN + 500;
  const texts: string[] = [];
  const countdown = new Countdown(clock, () => {
    if (expiry === undefined) return undefined;
    texts.push(describeStatus(held(expiry), clock.now(), 5).text);
    return expiry;
  });
  countdown.update();
  assert.deepEqual(texts, ["$(key) 2m"]);
  clock.advance(501);
  assert.deepEqual(texts.slice(-1), ["$(key) 1m"]);
  clock.advance(MIN);
  assert.equal(texts.at(-1), "$(key) 59s");
  clock.advance(1000);
  assert.equal(texts.at(-1), "$(key) 58s");
  // Sleep/wake: the timer fires 30 s late; the text is right for the real time, not one second less.
  clock.sleep(30_000);
  assert.equal(texts.at(-1), "$(key) 28s");
  clock.advance(60_000);
  assert.equal(texts.at(-1), "$(key) expired");
  assert.equal(countdown.running, false, "no ticks once expired");
  assert.equal(clock.pending(), 0);

  expiry = NOW_MS + 10 * 24 * 60 * MIN;
  countdown.update();
  assert.ok(clock.nextDelay()! <= MAX_TICK_MS, "long waits are capped so a changed wall clock shows within a minute");
  expiry = undefined;
  countdown.update();
  assert.equal(countdown.running, false, "no ticks when no token is held");
  assert.equal(clock.pending(), 0);
});

test("countdown: text and next tick come from one clock reading, so '<1s' always ticks on to 'expired'", () => {
  const clock = new FakeClock(NOW_MS);
  let reads = 0;
  // A real clock moves while the item renders: here every reading is 1 ms later than the one before.
  const moving: Clock = { now: () => clock.now() + reads++, setTimeout: (cb, ms) => clock.setTimeout(cb, ms), clearTimeout: (h) => clock.clearTimeout(h) };
  const expiry = NOW_MS + 1;
  const texts: string[] = [];
  const countdown = new Countdown(moving, (nowMs) => {
    texts.push(describeStatus(held(expiry), nowMs, 5).text);
    return expiry;
  });
  countdown.update();
  assert.deepEqual(texts, ["$(key) <1s"]);
  assert.equal(countdown.running, true, "a tick is due at expiry");
  clock.advance(1000);
  assert.equal(texts.at(-1), "$(key) expired");
  assert.equal(countdown.running, false);
});

test("tooltip: claims with invisible characters as escapes, objects ignored, an exp that is not a time said so", () => {
  const bidi = describeStatus(held(undefined, { request: undefined }, { aud: "api://good\u202Eexe.gpj", tid: "t\u200B", scp: { toString: 1 } }), NOW_MS, 5);
  assert.ok(!/[\u202E\u200B]/.test(bidi.tooltipLines.join("\n")));
  assert.ok(bidi.tooltipLines.includes("Audience: api://good\\u202Eexe.gpj"));
  assert.ok(bidi.tooltipLines.includes("Tenant: t\\u200B"));
  assert.ok(!bidi.tooltipLines.some((l) => l.startsWith("Scopes:")));
  for (const exp of [1e308, -1e308, { toString: 1 }, "soon"]) {
    const view = describeStatus(held(undefined, { request: undefined, expirySource: "token" }, { exp }), NOW_MS, 5);
    assert.equal(view.text, "$(key) ?");
    assert.equal(view.expiresOnMs, undefined);
    assert.ok(view.tooltipLines.includes("Expiry unknown: the token's exp claim is not a valid time"), JSON.stringify(exp));
  }
  const noExp = describeStatus({ ...held(undefined), token: makeJwt({ aud: "x" }) }, NOW_MS, 5);
  assert.ok(noExp.tooltipLines.includes("Expiry unknown: the token has no exp claim"));
});

test("tooltip: the DefaultAzureCredential chain's member that answered; other kinds name none", () => {
  const chain = { ...request, credential: "defaultChain" as const };
  const tooltip = describeStatus(held(NOW_MS + 42 * MIN, { request: chain, answeredBy: "AzureCliCredential" }), NOW_MS, 5).tooltipLines;
  assert.ok(tooltip.includes("Answered by: AzureCliCredential (DefaultAzureCredential chain)"), tooltip.join("\n"));
  const single = describeStatus(held(NOW_MS + 42 * MIN, { answeredBy: "InteractiveBrowserCredential" }), NOW_MS, 5).tooltipLines;
  assert.ok(!single.some((l) => l.startsWith("Answered by")), "a single credential is already named by its sign-in");
  const hostile = describeStatus(held(NOW_MS + 42 * MIN, { request: chain, answeredBy: "Azure\u202eCli" }), NOW_MS, 5).tooltipLines;
  assert.ok(hostile.some((l) => l.includes("Azure\\u202ECli")), "invisible characters shown as escapes");
});
