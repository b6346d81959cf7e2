import { test } from "node:test";
import assert from "node:assert/strict";
import { diffClaims } from "../../src/core/claimsDiff";
import type { HeldToken } from "../../src/tokens/tokenStore";
import { expectedAudienceOf } from "../../src/core/expectedToken";
import { buildHistory, buildTokenView, changeView } from "../../src/webview/tokenView";
import { graphPayload, makeJwt, NOW_MS, NOW_SEC, parts, b64url } from "./helpers/makeJwt";

const held = (token: string, over: Partial<HeldToken> = {}): HeldToken => ({ id: "t1", label: "Pasted token", source: "pasted", token, acquiredAtMs: NOW_MS, ...over });

test("the view model never carries the raw token, only its masked form", () => {
  const token = makeJwt(graphPayload());
  const view = buildTokenView(held(token), NOW_MS);
  const json = JSON.stringify(view);
  assert.ok(!json.includes(token) && !json.includes(token.split(".")[2]), "no raw token or signature in the view model");
  assert.ok(view.masked.includes("…"));
  assert.equal(view.kind, "jws");
  assert.equal(view.expirySource, "from the token's exp claim");
});

test("header parameters are explained, including the Graph nonce", () => {
  const view = buildTokenView(held(makeJwt(graphPayload(), { alg: "RS256", typ: "JWT", nonce: "abc", x_custom: 1 })), NOW_MS);
  const rows = Object.fromEntries((view.headerRows ?? []).map((r) => [r.name, r]));
  assert.equal(rows.alg.title, "Algorithm");
  assert.match(rows.nonce.description ?? "", /no client can verify/);
  assert.match(rows.x_custom.description ?? "", /don't know/);
});

test("claim changes after a refresh reach the view (roles, groups, scp, wids, exp)", () => {
  const before = graphPayload({ roles: ["Reader"], groups: ["g1"], scp: "User.Read", wids: ["w1"] });
  const after = graphPayload({ roles: ["Reader", "Writer"], groups: [], scp: "User.Read Mail.Read", wids: ["w1"], exp: NOW_SEC + 7200 });
  const changes = diffClaims(before, after);
  const view = buildTokenView(held(makeJwt(after), { changes }), NOW_MS);
  const byClaim = Object.fromEntries((view.changes ?? []).map((c) => [c.claim, c]));
  assert.deepEqual(byClaim.roles.addedMembers, ["Writer"]);
  assert.deepEqual(byClaim.groups.removedMembers, ["g1"]);
  assert.deepEqual(byClaim.scp.addedMembers, ["Mail.Read"]);
  assert.equal(byClaim.exp.kind, "expiry");
  assert.equal(byClaim.wids, undefined);
  assert.equal(buildTokenView(held(makeJwt(after)), NOW_MS).changes, undefined, "no section without changes");
  assert.deepEqual(changeView({ kind: "added", claim: "x", after: 1, message: "x added: 1" }), { claim: "x", kind: "added", message: "x added: 1" });
});

test("malformed pasted input becomes a precise error in the view, not a blank view", () => {
  const notJson = parts(b64url('{"alg":"RS256"}'), b64url("not json"), "c2ln");
  const view = buildTokenView(held(notJson), NOW_MS);
  assert.equal(view.kind, "error");
  assert.match(view.error ?? "", /Part 2 \(payload\) is not valid JSON/);
  const cleaned = buildTokenView(held(`Bearer ${makeJwt(graphPayload())}`), NOW_MS);
  assert.deepEqual(cleaned.cleanup, ["removed 'Bearer ' prefix"]);
});

test("history lists label, audience and expiry; expected audience comes from the request", () => {
  const a = held(makeJwt(graphPayload({ aud: "https://vault.azure.net" })), { id: "t1", label: "kv", source: "acquired", expiresOnMs: NOW_MS + 1000 });
  const b = held(makeJwt(graphPayload()), { id: "t2" });
  assert.deepEqual(buildHistory([a, b]).map((h) => [h.id, h.label, h.audience, h.expiresOnMs]),
    [["t1", "kv", "https://vault.azure.net", NOW_MS + 1000], ["t2", "Pasted token", "00000003-0000-0000-c000-000000000000", (NOW_SEC + 3600) * 1000]]);
  const request = { credential: "interactiveBrowser", cloud: "Custom", authorityHost: "https://x", disableInstanceDiscovery: true, tenant: "t", scopes: ["api://my/Items.Read"] } as unknown as HeldToken["request"];
  assert.equal(expectedAudienceOf(held("x", { request })), "api://my");
  const v2 = buildTokenView(held(makeJwt(graphPayload({ aud: "a91e4c2d-6f3b-4a8e-9c7d-2b5f0e1a3d64" })), { request }), NOW_MS);
  assert.ok(!v2.diagnostics.some((d) => /^Audience is/.test(d.message)), "a v2 token's app-id audience is not flagged against the api:// URI asked for");
  const wrong = buildTokenView(held(makeJwt(graphPayload({ aud: "https://vault.azure.net" })), { request }), NOW_MS);
  assert.ok(wrong.diagnostics.some((d) => /^Audience is Azure Key Vault/.test(d.message)), wrong.diagnostics.map((d) => d.message).join(" | "));
});
