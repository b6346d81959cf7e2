// The refresh schedule with a fake clock and a fake auth service: when tokens are renewed, how (no interaction in
// the background, cache bypass for a fresh token), what the store gets (same id, claim changes), and no loops.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { AcquiredToken, AcquireOptions, AuthService, TokenRequest } from "../../src/auth/types";
import { EntraUnavailableError } from "../../src/auth/entraUnavailable";
import { InteractionRequiredError } from "../../src/auth/interaction";
import { describeStatus } from "../../src/ui/statusBarModel";
import { autoRefreshDueAt, MIN_AUTO_REFRESH_GAP_MS, RETRY_AFTER_FAILURE_MS, TokenRefresher, type RefreshableStore } from "../../src/tokens/refresher";
import type { HeldToken } from "../../src/tokens/tokenStore";
import { FakeClock } from "./helpers/fakeClock";
import { makeJwt, NOW_MS } from "./helpers/makeJwt";

const MIN = 60_000;
const request: TokenRequest = {
  credential: "interactiveBrowser", cloud: "Custom", authorityHost: "https://login.example.test", disableInstanceDiscovery: true,
  tenant: "contoso.test", clientId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", scopes: ["api://orders/.default"],
};

class FakeStore implements RefreshableStore {
  tokens: HeldToken[] = [];
  private listeners = new Set<() => void>();
  all() { return this.tokens; }
  get(id: string) { return this.tokens.find((t) => t.id === id); }
  add(t: HeldToken) { this.tokens.push(t); this.fire(); }
  replace(id: string, next: Omit<HeldToken, "id">) {
    const i = this.tokens.findIndex((t) => t.id === id);
    if (i < 0) return undefined;
    this.tokens[i] = { ...next, id };
    this.fire();
    return this.tokens[i];
  }
  clear() { this.tokens = []; this.fire(); }
  onDidChange(listener: () => void) { this.listeners.add(listener); return { dispose: () => this.listeners.delete(listener) }; }
  private fire() { for (const l of this.listeners) l(); }
}

interface Call { atMs: number; options: AcquireOptions }

/** Issues a token living `lifetimeMs` from the clock's now, with the roles it is told; or throws what it is told. */
class FakeAuth implements AuthService {
  calls: Call[] = [];
  roles: string[] = ["Orders.Read"];
  lifetimeMs = 60 * MIN;
  refreshAfterMs: number | undefined;
  fail: unknown;
  sameToken: string | undefined;
  pending: (() => void) | undefined;
  hold = false;
  constructor(private readonly clock: FakeClock) {}
  clear(): void { /* nothing cached here */ }
  issue(): AcquiredToken {
    const now = this.clock.now();
    const exp = now + this.lifetimeMs;
    return {
      token: this.sameToken ?? makeJwt({ aud: "api://orders", roles: this.roles, exp: Math.floor(exp / 1000), iat: Math.floor(now / 1000), uti: String(now) }),
      expiresOnTimestamp: exp, refreshAfterTimestamp: this.refreshAfterMs === undefined ? undefined : now + this.refreshAfterMs, tokenType: "Bearer", expirySource: "library",
    };
  }
  async acquire(_request: TokenRequest, options: AcquireOptions): Promise<AcquiredToken> {
    this.calls.push({ atMs: this.clock.now(), options });
    if (this.hold) await new Promise<void>((resolve) => (this.pending = resolve));
    if (this.fail) throw this.fail;
    return this.issue();
  }
}

function setup(settings = { autoRefresh: true, leadMs: 5 * MIN }) {
  const clock = new FakeClock(NOW_MS);
  const store = new FakeStore();
  const auth = new FakeAuth(clock);
  const current = { ...settings };
  const refresher = new TokenRefresher({ store, auth: () => auth, clock, settings: () => current });
  const addToken = (lifetimeMs: number, refreshAfterMs?: number) => {
    auth.lifetimeMs = lifetimeMs;
    auth.refreshAfterMs = refreshAfterMs;
    const a = auth.issue();
    store.add({ id: `t${store.tokens.length + 1}`, label: "orders", source: "acquired", token: a.token, expiresOnMs: a.expiresOnTimestamp, refreshAfterMs: a.refreshAfterTimestamp, acquiredAtMs: clock.now(), request, expirySource: "library" });
  };
  return { clock, store, auth, refresher, addToken, settings: current };
}

/** Lets the refresher's promise chain run after a timer fired. */
const settle = () => new Promise((r) => setImmediate(r));

test("a 60-minute token is renewed silently at its lead time before expiry, not sooner; same id, claim changes set", async () => {
  const { clock, store, auth, addToken, refresher } = setup();
  addToken(60 * MIN);
  clock.advance(55 * MIN - 1);
  await settle();
  assert.equal(auth.calls.length, 0, "nothing before expiry − lead");
  auth.roles = ["Orders.Read", "Orders.Write"];
  clock.advance(1);
  await settle();
  assert.equal(auth.calls.length, 1);
  assert.deepEqual({ interaction: auth.calls[0].options.interaction, forceRefresh: auth.calls[0].options.forceRefresh }, { interaction: "never", forceRefresh: false });
  assert.equal(store.tokens.length, 1);
  const renewed = store.tokens[0];
  assert.equal(renewed.id, "t1", "the held token keeps its id");
  assert.equal(renewed.expiresOnMs, clock.now() + 60 * MIN);
  const roles = renewed.changes?.find((c) => c.claim === "roles");
  assert.ok(roles && roles.kind === "changed");
  assert.deepEqual(roles.addedMembers, ["Orders.Write"]);
  assert.ok(renewed.changes?.some((c) => c.kind === "expiry"), "the expiry change is reported too");
  refresher.dispose();
  assert.equal(clock.pending(), 0, "dispose stops the timer");
});

test("the library's refreshAfterTimestamp wins over the lead time", async () => {
  const { clock, auth, addToken } = setup();
  addToken(60 * MIN, 30 * MIN);
  clock.advance(30 * MIN - 1);
  await settle();
  assert.equal(auth.calls.length, 0);
  clock.advance(1);
  await settle();
  assert.equal(auth.calls.length, 1);
});

test("a 90-second token (shorter than the lead) is renewed at half its lifetime, with no refresh loop", async () => {
  const { clock, auth, addToken } = setup();
  addToken(90_000);
  assert.equal(auth.calls.length, 0, "not due at once although the lifetime is shorter than the lead");
  clock.advance(45_000 - 1);
  await settle();
  assert.equal(auth.calls.length, 0);
  clock.advance(1);
  await settle();
  assert.equal(auth.calls.length, 1);
  for (let i = 0; i < 100; i++) { clock.advance(1000); await settle(); }
  assert.deepEqual(auth.calls.map((c) => c.atMs - NOW_MS), [45_000, 90_000, 135_000], "one renewal per half lifetime, never a loop");
});

test("tiny lifetimes are not renewed more often than the minimum gap", async () => {
  const { clock, auth, addToken } = setup();
  addToken(2000);
  for (let i = 0; i < 30; i++) { clock.advance(1000); await settle(); }
  assert.ok(auth.calls.length <= 30_000 / MIN_AUTO_REFRESH_GAP_MS, `${auth.calls.length} calls in 30 s`);
  assert.ok(auth.calls.length >= 2);
});

test("interaction required: recorded as 'sign in', no more background attempts, no browser; 'now' signs in and clears it", async () => {
  const { clock, auth, addToken, refresher, store } = setup();
  const states: (string | undefined)[] = [];
  refresher.onDidChangeState(() => states.push(refresher.problemOf("t1")));
  addToken(10 * MIN);
  auth.fail = new InteractionRequiredError();
  clock.advance(5 * MIN);
  await settle();
  assert.equal(auth.calls.length, 1);
  assert.equal(auth.calls[0].options.interaction, "never");
  assert.equal(refresher.problemOf("t1"), "signInRequired");
  clock.advance(20 * MIN);
  await settle();
  assert.equal(auth.calls.length, 1, "the background does not retry a token that needs a sign-in");

  auth.fail = undefined;
  const before = store.tokens[0].token;
  const next = await refresher.refresh("t1", "now");
  assert.equal(auth.calls[1].options.interaction, "allowed");
  assert.notEqual(next?.token, before);
  assert.equal(refresher.problemOf("t1"), undefined);
  assert.deepEqual(states, ["signInRequired", undefined]);
});

test("a refresh a person asked for hands its progress's onRetryWait to the auth layer; a background one has none", async () => {
  const { clock, auth, addToken, refresher } = setup();
  addToken(10 * MIN);
  const onRetryWait = (seconds: number) => void seconds;
  await refresher.refresh("t1", "now", new AbortController().signal, onRetryWait);
  assert.equal(auth.calls[0].options.onRetryWait, onRetryWait);
  clock.advance(10 * MIN);
  await settle();
  assert.equal(auth.calls.at(-1)?.options.interaction, "never");
  assert.equal(auth.calls.at(-1)?.options.onRetryWait, undefined);
});

test("an error named like @azure/identity's AuthenticationRequiredError also means 'sign in'", async () => {
  const { clock, auth, addToken, refresher } = setup();
  addToken(10 * MIN);
  auth.fail = Object.assign(new Error("Automatic authentication has been disabled."), { name: "AuthenticationRequiredError" });
  clock.advance(5 * MIN);
  await settle();
  assert.equal(refresher.problemOf("t1"), "signInRequired");
});

test("other failures retry after a minute; success clears the problem", async () => {
  const { clock, auth, addToken, refresher } = setup();
  addToken(10 * MIN);
  auth.fail = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
  clock.advance(5 * MIN);
  await settle();
  assert.equal(refresher.problemOf("t1"), "failed");
  clock.advance(RETRY_AFTER_FAILURE_MS - 1);
  await settle();
  assert.equal(auth.calls.length, 1);
  auth.fail = undefined;
  clock.advance(1);
  await settle();
  assert.equal(auth.calls.length, 2);
  assert.equal(refresher.problemOf("t1"), undefined);
});

test("an Entra outage (the auth layer's EntraUnavailableError) is 'failed', not 'sign in': retried after a minute until it works", async () => {
  const { clock, auth, addToken, refresher, store } = setup();
  addToken(10 * MIN);
  const states: (string | undefined)[] = [];
  refresher.onDidChangeState(() => states.push(refresher.problemOf("t1")));
  const outages = [
    new EntraUnavailableError({ kind: "answered", endpoint: "token", host: "login.example", status: 503, atMs: clock.now(), entraError: { error: "temporarily_unavailable", error_codes: [90033] } }),
    new EntraUnavailableError({ kind: "unreachable", endpoint: "token", host: "login.example", code: "ENOTFOUND", atMs: clock.now() }),
  ];
  auth.fail = outages[0];
  clock.advance(5 * MIN);
  await settle();
  assert.equal(refresher.problemOf("t1"), "failed");
  // The status bar keeps counting down and says the refresh failed; it does not ask for a sign-in.
  const view = describeStatus(store.tokens[0], clock.now(), 5, refresher.problemOf("t1"));
  assert.equal(view.text, "$(key) 5m");
  assert.notEqual(view.level, "signIn");
  assert.ok(view.tooltipLines.includes("The last automatic refresh failed; see the Azure Token log."));
  assert.ok(!view.tooltipLines.some((l) => /sign in/i.test(l)));
  // The tooltip says why, in the explanation's words (never Entra's text or the token).
  assert.equal(refresher.failureOf("t1"), "Microsoft Entra ID is unavailable");
  const why = describeStatus(store.tokens[0], clock.now(), 5, refresher.problemOf("t1"), refresher.failureOf("t1"));
  assert.ok(why.tooltipLines.includes("Why: Microsoft Entra ID is unavailable. It is tried again in a minute."), why.tooltipLines.join("\n"));

  auth.fail = outages[1]; // the network went too: still retried
  clock.advance(RETRY_AFTER_FAILURE_MS);
  await settle();
  assert.equal(auth.calls.length, 2);
  assert.equal(auth.calls[1].options.interaction, "never");
  assert.equal(refresher.problemOf("t1"), "failed");

  auth.fail = undefined; // Entra answers again: the next retry renews the token and clears the state
  const before = store.tokens[0].token;
  clock.advance(RETRY_AFTER_FAILURE_MS);
  await settle();
  assert.equal(auth.calls.length, 3);
  assert.notEqual(store.tokens[0].token, before);
  assert.equal(refresher.problemOf("t1"), undefined);
  assert.deepEqual(states, ["failed", undefined]);
  assert.equal(refresher.failureOf("t1"), undefined);
  assert.ok(!describeStatus(store.tokens[0], clock.now(), 5, refresher.problemOf("t1")).tooltipLines.some((l) => /failed/.test(l)));
});

test("'fresh' bypasses the cache with interaction allowed", async () => {
  const { auth, addToken, refresher, store } = setup();
  addToken(60 * MIN);
  auth.roles = [];
  const next = await refresher.refresh("t1", "fresh");
  assert.deepEqual({ interaction: auth.calls[0].options.interaction, forceRefresh: auth.calls[0].options.forceRefresh }, { interaction: "allowed", forceRefresh: true });
  assert.equal(store.tokens[0], next);
  assert.ok(next?.changes?.some((c) => c.claim === "roles" && c.kind === "changed" && c.removedMembers?.includes("Orders.Read")));
});

test("an on-behalf-of token is renewed with its incoming token, which it keeps; other tokens send none", async () => {
  const { auth, addToken, refresher, store } = setup();
  addToken(60 * MIN);
  await refresher.refresh("t1", "now");
  assert.equal(auth.calls[0].options.userAssertion, undefined);
  const incoming = makeJwt({ aud: "middle-tier", scp: "access_as_user" });
  const { id: _id, ...held } = store.tokens[0];
  store.replace("t1", { ...held, onBehalfOf: { incoming } });
  auth.roles = ["Orders.Write"];
  const next = await refresher.refresh("t1", "fresh");
  assert.equal(auth.calls[1].options.userAssertion, incoming);
  assert.equal(next?.onBehalfOf?.incoming, incoming, "the renewed token still shows its incoming one");
});

test("the library answering from its cache (same token) leaves the token alone and tries later", async () => {
  const { clock, auth, addToken, store } = setup({ autoRefresh: true, leadMs: 10 * MIN });
  addToken(60 * MIN);
  auth.sameToken = store.tokens[0].token;
  const held = store.tokens[0];
  clock.advance(50 * MIN);
  await settle();
  assert.equal(auth.calls.length, 1);
  assert.equal(store.tokens[0], held);
  clock.advance(RETRY_AFTER_FAILURE_MS - 1);
  await settle();
  assert.equal(auth.calls.length, 1, "no loop while the library keeps answering from its cache");
});

test("autoRefresh off: no timer at all; turning it on schedules", async () => {
  const { clock, auth, addToken, refresher, settings } = setup({ autoRefresh: false, leadMs: 5 * MIN });
  addToken(10 * MIN);
  assert.equal(clock.pending(), 0);
  clock.advance(20 * MIN);
  await settle();
  assert.equal(auth.calls.length, 0);
  settings.autoRefresh = true;
  refresher.reschedule();
  clock.advance(0);
  await settle();
  assert.equal(auth.calls.length, 1, "an expired token is renewed as soon as refresh is back on");
});

test("tokens cleared during a refresh are not brought back; no timer once nothing is held", async () => {
  const { clock, auth, addToken, store } = setup();
  addToken(10 * MIN);
  auth.hold = true;
  clock.advance(5 * MIN);
  await settle();
  assert.equal(auth.calls.length, 1);
  store.clear();
  auth.pending?.();
  await settle();
  await settle();
  assert.equal(store.tokens.length, 0);
  assert.equal(clock.pending(), 0);
});

test("pasted tokens are never scheduled", () => {
  const token = makeJwt({ exp: Math.floor((NOW_MS + MIN) / 1000) });
  assert.equal(autoRefreshDueAt({ id: "p", label: "Pasted token", source: "pasted", token, acquiredAtMs: NOW_MS }, NOW_MS, 5 * MIN), undefined);
});
