// The token view's browser code (webview-ui/main.ts) on a small fake DOM: what it renders from the host's messages,
// and that it renders what it can from messages of any shape: one failing section or claim shows a message in its
// place, never a view stuck on "Loading token…".
import { before, test } from "node:test";
import assert from "node:assert/strict";
import type { HeldToken } from "../../src/tokens/tokenStore";
import { buildHistory, buildTokenView, copyFormatOptions } from "../../src/webview/tokenView";
import { installFakeDom, type FakeElement } from "./helpers/fakeDom";
import { graphPayload, makeJwt, NOW_MS } from "./helpers/makeJwt";

const page = installFakeDom();
// A path in a variable: the root tsconfig has no DOM types, so TypeScript must not follow this import.
const viewCode = "../../webview-ui/main.ts";
before(async () => {
  await import(viewCode);
});

const held = (token: string): HeldToken => ({ id: "t1", label: "Pasted token", source: "pasted", token, acquiredAtMs: NOW_MS });
const show = (token: string): void => {
  const h = held(token);
  // postMessage clones what it sends: the view gets plain data, as here.
  page.send(structuredClone({ type: "show", token: buildTokenView(h, NOW_MS), history: buildHistory([h]), copyFormats: copyFormatOptions() }));
};
const rows = (tableId: string): FakeElement[] => page.app.querySelectorAll(`#${tableId}`)[0]?.querySelectorAll("tr[data-claim]") ?? [];
const cell = (name: string): string => rows("claims").find((r) => r.getAttribute("data-claim") === name)?.querySelector("td.value code")?.textContent ?? "(no row)";
const sectionErrors = (): string[] => page.app.querySelectorAll(".section-error").map((e) => e.textContent);

test("the page says ready, then renders a token: every section, every claim", () => {
  assert.deepEqual(page.posted[0], { type: "ready" });
  show(makeJwt(graphPayload({ roles: ["Reader"] })));
  for (const id of ["token-label", "token-text", "diagnostics", "claims", "header-claims", "payload-json", "signature"]) {
    assert.ok(page.byId(id), `#${id} rendered`);
  }
  assert.equal(rows("claims").length, Object.keys(graphPayload({ roles: ["Reader"] })).length);
  assert.equal(cell("roles"), '["Reader"]');
  assert.deepEqual(sectionErrors(), []);
  assert.ok(!page.app.textContent.includes("Loading token"));
});

test("on-behalf-of: the section lists each claim with whether it flowed through", () => {
  const incoming = makeJwt(graphPayload({ aud: "d1a7e3c5-9b2f-4e8d-a6c4-3f0b7e2d5a19", scp: "access_as_user" }));
  const h: HeldToken = { ...held(makeJwt(graphPayload({ scp: "User.Read" }))), onBehalfOf: { incoming } };
  page.send(structuredClone({ type: "show", token: buildTokenView(h, NOW_MS), history: buildHistory([h]), copyFormats: copyFormatOptions() }));
  assert.ok(page.byId("obo-incoming"));
  const status = Object.fromEntries(rows("obo-claims").map((r) => [r.getAttribute("data-claim"), r.getAttribute("data-status")]));
  assert.equal(status.oid, "flowed");
  assert.equal(status.scp, "changed");
  assert.equal(status.aud, "changed");
  assert.deepEqual(sectionErrors(), []);
  show(makeJwt(graphPayload()));
  assert.equal(page.byId("obo-section"), null, "gone for a token without an incoming one");
});

test("a hostile token renders: {\"toString\":1}, arrays 5,000 deep, 1e400, prototype keys, each in its row", () => {
  const b = (s: string) => Buffer.from(s).toString("base64url");
  const payload = `{"aud":"api://x","acct":{"toString":1},"deep":${"[".repeat(5000)}${"]".repeat(5000)},"exp":1e400,"__proto__":{"a":1},"constructor":"c","name":"ok"}`;
  show([b('{"alg":"RS256","typ":"JWT"}'), b(payload), b("sig")].join("."));
  assert.deepEqual(sectionErrors(), []);
  assert.deepEqual(rows("claims").map((r) => r.getAttribute("data-claim")), ["aud", "acct", "deep", "exp", "__proto__", "constructor", "name"]);
  assert.equal(cell("acct"), '{"toString":1}');
  assert.match(cell("deep"), /^\[{999}… \(cut at 1,000 characters: the raw JSON below has all of it\)$/, "a long value is cut in the table, and says so");
  assert.equal(cell("exp"), "(a number too large to represent)");
  assert.equal(cell("__proto__"), '{"a":1}');
  assert.equal(cell("name"), "ok");
  assert.match(page.byId("payload-json")?.textContent ?? "", /"exp": 1e999/);
});

test("invisible and direction-changing characters show as escapes, with a note on the row and a diagnostic", () => {
  show(makeJwt(graphPayload({ aud: "api://trusted\u202Egpj.exe", name: "Zero\u200Bwidth" })));
  assert.equal(cell("aud"), "api://trusted\\u202Egpj.exe");
  assert.equal(cell("name"), "Zero\\u200Bwidth");
  assert.ok(!/[\u202E\u200B]/.test(page.app.textContent), "no invisible character reaches the page");
  const aud = rows("claims").find((r) => r.getAttribute("data-claim") === "aud");
  assert.match(aud?.querySelector(".invisible-note")?.textContent ?? "", /invisible or direction-changing/);
  assert.match(page.byId("diagnostics")?.textContent ?? "", /Claims `aud` and `name` contain invisible or direction-changing characters/);
});

test("messages of unexpected shapes render what they can; other messages are ignored", () => {
  for (const junk of [null, "show", 42, [], { type: 5 }, { type: "nonsense" }, { type: "show", token: null }]) {
    page.send(junk);
  }
  assert.ok(page.byId("token-label"), "a show without a token still renders a (blank) view");
  page.send({
    type: "show",
    token: { id: 5, label: { toString: 1 }, kind: "jws", masked: ["x"], claims: "not a list", diagnostics: [null, { severity: { x: 1 }, message: 7, timed: { kind: "evil", epochSec: "x" } }], headerRows: [1, { name: "alg", value: "RS256" }], cleanup: [{}], changes: "x", expiresOnMs: "soon" },
    history: { length: 2 },
    copyFormats: [null, { id: "raw", label: "Token" }, 5],
  });
  assert.deepEqual(sectionErrors(), []);
  assert.ok(page.byId("claims"), "an empty claims table");
  assert.equal(rows("claims").length, 0);
  assert.equal(rows("header-claims").length, 2, "a header row that is not an object shows as 'could not be shown'");
  assert.match(rows("header-claims")[0].textContent, /could not be shown/);
  assert.equal(page.app.querySelectorAll("[data-format]").length, 1);
  assert.match(page.byId("diagnostics")?.textContent ?? "", /7/);
  page.send({ type: "notice", text: { evil: true } });
  page.send({ type: "verification", tokenId: 5, result: { outcome: "__proto__", message: ["x"] } });
  page.send({ type: "revealed", token: 12 });
  assert.equal(page.byId("token-text")?.textContent, "12");
});

test("one section or claim that throws shows a message in its place; the rest of the view renders", () => {
  const view = structuredClone(buildTokenView(held(makeJwt(graphPayload())), NOW_MS)) as unknown as Record<string, unknown>;
  const claims = view.claims as Record<string, unknown>[];
  Object.defineProperty(claims[1], "value", { get: () => { throw new Error("boom"); } });
  Object.defineProperty(view, "diagnostics", { get: () => { throw new RangeError("Maximum call stack size exceeded"); } });
  page.send({ type: "show", token: view, history: [], copyFormats: copyFormatOptions() });
  assert.deepEqual(sectionErrors(), ["This part of the view could not be shown: it is too large or too deeply nested."]);
  assert.equal(page.byId("diagnostics-section")?.querySelector(".section-error")?.textContent, sectionErrors()[0]);
  assert.equal(rows("claims").length, claims.length, "every claim has a row");
  assert.match(rows("claims")[1].textContent, /could not be shown: Error in the view/);
  assert.equal(cell(String(claims[0].name)), claims[0].value);
  assert.ok(page.byId("payload-json"));
});

test("cleared (Clear Tokens from Memory): the view forgets the token it showed, revealed text included; a challenge stays", () => {
  show(makeJwt(graphPayload({ name: "Before Clear" })));
  page.send({ type: "revealed", token: "raw-token-text" });
  assert.equal(cell("name"), "Before Clear");
  page.send({ type: "cleared" });
  assert.equal(page.byId("claims"), null, "no claims table");
  assert.ok(!page.app.textContent.includes("Before Clear") && !page.app.textContent.includes("raw-token-text"));
  assert.match(page.byId("empty")?.textContent ?? "", /Nothing to show/);
  // A challenge that arrives later is drawn alone, not with the forgotten token.
  page.send({ type: "challenge", challenge: null });
  assert.ok(page.byId("empty"));
  show(makeJwt(graphPayload({ name: "After Clear" })));
  assert.equal(cell("name"), "After Clear");
});
