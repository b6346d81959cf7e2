// The 401 challenge in the token view: the view model (parameters with their meaning, the decoded claims request,
// the explanation, the token below measured against it), the browser code rendering it on the fake DOM (alone, above
// a token, from messages of any shape), and the view's two new messages on the allow-list.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { parseChallenge, type ParsedChallenge } from "../../src/core/challenge";
import type { HeldToken } from "../../src/tokens/tokenStore";
import { buildChallengeView } from "../../src/webview/challengeView";
import { parseWebviewMessage } from "../../src/webview/protocol";
import { buildHistory, buildTokenView, copyFormatOptions } from "../../src/webview/tokenView";
import { installFakeDom } from "./helpers/fakeDom";
import { b64url, graphPayload, makeJwt, NOW_MS } from "./helpers/makeJwt";

const page = installFakeDom();
const viewCode = "../../webview-ui/main.ts"; // in a variable: the root tsconfig has no DOM types
before(async () => {
  await import(viewCode);
});

const CLAIMS = b64url('{"access_token":{"acrs":{"essential":true,"value":"c1"}}}');
const RESPONSE = `HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm="", error="insufficient_claims", error_description="Step-up needed", claims="${CLAIMS}"\n\n`;

function parsed(text = RESPONSE): ParsedChallenge {
  const p = parseChallenge(text);
  assert.ok(p.ok);
  return p;
}

const held = (id: string, payload: Record<string, unknown>): HeldToken => ({ id, label: `Token ${id}`, source: "acquired", token: makeJwt(payload), acquiredAtMs: NOW_MS });

test("view model: parameters with their meaning, the claims request decoded, the explanation, offered to satisfy", () => {
  const view = buildChallengeView({ parsed: parsed() }, undefined);
  assert.equal(view.status, 401);
  assert.match(view.summary, /acrs c1/);
  assert.equal(view.satisfiable, true);
  assert.deepEqual(view.challenges.map((c) => c.scheme), ["Bearer"]);
  const claimsRow = view.challenges[0].params.find((r) => r.name === "claims");
  assert.equal(claimsRow?.value, CLAIMS);
  assert.equal(claimsRow?.title, "Claims request");
  assert.equal(JSON.parse(view.claimsJson ?? "").access_token.acrs.value, "c1");
  assert.ok(view.findings.some((f) => /authentication context c1 is required/.test(f.message)));
  assert.equal(view.check, undefined, "no token to measure");
});

test("view model: the token below measured against the claims request, and the one got for it", () => {
  const p = parsed();
  const before_ = buildChallengeView({ parsed: p }, held("t1", graphPayload()));
  assert.deepEqual(before_.check, { tokenLabel: "Token t1", answersChallenge: false, items: [{ label: "acrs c1", met: false }] });
  const after = buildChallengeView({ parsed: p, answeredBy: "t2" }, held("t2", graphPayload({ acrs: ["c1"] })));
  assert.deepEqual(after.check, { tokenLabel: "Token t2", answersChallenge: true, items: [{ label: "acrs c1", met: true }] });
});

test("webview: a challenge alone (no token held) renders, and its buttons post allow-listed intents", () => {
  page.send(structuredClone({ type: "challenge", challenge: buildChallengeView({ parsed: parsed() }, undefined) }));
  assert.match(page.byId("challenge-summary")?.textContent ?? "", /^HTTP 401\. The API wants a new token with acrs c1/);
  assert.match(page.byId("challenge-findings")?.textContent ?? "", /authentication context c1 is required/);
  assert.match(page.byId("challenge-claims")?.textContent ?? "", /"acrs"/);
  assert.ok(page.byId("challenge-params-0")?.querySelectorAll("tr[data-claim]").some((r) => r.getAttribute("data-claim") === "error_description"));
  assert.ok(!page.app.textContent.includes("Loading token"));
  const posted = page.posted.length;
  page.byId("satisfy")?.click();
  page.byId("dismiss-challenge")?.click();
  assert.deepEqual(page.posted.slice(posted), [{ type: "satisfy" }, { type: "dismissChallenge" }]);
  for (const m of page.posted.slice(posted)) assert.deepEqual(parseWebviewMessage(m), m, "the host accepts what the page posts");
});

test("webview: the challenge stays above the token; met or not is shown; null removes it", () => {
  const token = held("t2", graphPayload({ acrs: ["c1"] }));
  page.send(structuredClone({ type: "challenge", challenge: buildChallengeView({ parsed: parsed(), answeredBy: "t2" }, token) }));
  page.send(structuredClone({ type: "show", token: buildTokenView(token, NOW_MS), history: buildHistory([token]), copyFormats: copyFormatOptions() }));
  assert.ok(page.byId("challenge-section") && page.byId("claims"), "challenge and token both rendered");
  assert.equal(page.app.children[0].getAttribute("id"), "challenge-section", "the challenge comes first");
  const check = page.byId("challenge-check");
  assert.equal(check?.getAttribute("data-met"), "true");
  assert.match(check?.textContent ?? "", /The token got for this challenge \(Token t2\) meets this challenge/);
  page.send({ type: "challenge", challenge: null });
  assert.equal(page.byId("challenge-section"), null);
  assert.ok(page.byId("claims"), "the token is still shown");
});

test("webview: a challenge message of any shape renders what it can, never throws", () => {
  const shapes: unknown[] = [
    { summary: { toString: 1 }, findings: "x", challenges: [null, { scheme: 3, params: 5 }, { scheme: "Bearer", params: [null, { name: {}, value: [] }] }] },
    { satisfiable: "yes", check: { items: [null, { met: "true", label: 1 }] }, claimsJson: 42, status: "401" },
    [], "challenge", 0,
  ];
  for (const challenge of shapes) {
    page.send({ type: "challenge", challenge });
    assert.equal(page.byId("view-error"), null, JSON.stringify(challenge));
  }
  page.send({ type: "challenge", challenge: shapes[0] });
  assert.ok(page.byId("challenge-section"));
  assert.equal(page.byId("satisfy"), null, "only a satisfiable challenge offers the button");
});

test("protocol: satisfy and dismissChallenge are allowed alone, nothing more", () => {
  assert.deepEqual(parseWebviewMessage({ type: "satisfy" }), { type: "satisfy" });
  assert.deepEqual(parseWebviewMessage({ type: "dismissChallenge" }), { type: "dismissChallenge" });
  assert.equal(parseWebviewMessage({ type: "satisfy", claims: "{}" }), undefined);
  assert.equal(parseWebviewMessage({ type: "satisfy", profile: "x" }), undefined);
});
