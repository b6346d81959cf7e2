import { test } from "node:test";
import assert from "node:assert/strict";
import { diffClaims } from "../../src/core/claimsDiff";
import type { HeldToken } from "../../src/tokens/tokenStore";
import { expectedAudienceOf } from "../../src/core/expectedToken";
import { buildHistory, buildTokenView, buildTokenViewAt, changeView, claimRows, claimValueText, MAX_CLAIM_ROWS, MAX_CLAIM_VALUE_CHARS } from "../../src/webview/tokenView";
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

test("on-behalf-of: the view shows the incoming token masked, and which claims flowed into this one", () => {
  const incoming = makeJwt(graphPayload({ aud: "d1a7e3c5-9b2f-4e8d-a6c4-3f0b7e2d5a19", scp: "access_as_user", ver: "2.0" }));
  const downstream = makeJwt(graphPayload({ scp: "User.Read" }));
  const view = buildTokenView(held(downstream, { source: "acquired", onBehalfOf: { incoming } }), NOW_MS);
  const obo = view.onBehalfOf;
  assert.ok(obo);
  assert.equal(obo.incomingAudience, "d1a7e3c5-9b2f-4e8d-a6c4-3f0b7e2d5a19");
  assert.equal(obo.incomingScopes, "access_as_user");
  const by = Object.fromEntries(obo.claims.map((c) => [c.claim, c]));
  assert.equal(by.oid.status, "flowed");
  assert.equal(by.tid.status, "flowed");
  assert.equal(by.aud.status, "changed");
  assert.equal(by.scp.message, "scp: added User.Read; removed access_as_user");
  const json = JSON.stringify(view);
  assert.ok(!json.includes(incoming) && !json.includes(incoming.split(".")[2]), "the incoming token is masked too");
  assert.ok(obo.incomingMasked.includes("…"));
  assert.equal(buildTokenView(held(downstream), NOW_MS).onBehalfOf, undefined, "no section for other tokens");
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

const raw = (payloadJson: string, headerJson = '{"alg":"RS256","typ":"JWT"}'): string => parts(b64url(headerJson), b64url(payloadJson), "c2ln");

test("a hostile token builds a view with a row for every claim: {\"toString\":1}, arrays 5,000 deep, 1e400, prototype keys", () => {
  const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
  const token = raw(`{"aud":"api://x","acct":{"toString":1},"deep":${deep},"exp":1e400,"nbf":1e308,"__proto__":{"a":1},"constructor":"c","toString":{"valueOf":1},"name":"ok"}`);
  const { view, nextChangeMs } = buildTokenViewAt(held(token), NOW_MS);
  assert.equal(view.kind, "jws");
  assert.deepEqual(view.claims.map((c) => c.name), ["aud", "acct", "deep", "exp", "nbf", "__proto__", "constructor", "toString", "name"]);
  const value = Object.fromEntries(view.claims.map((c) => [c.name, c.value]));
  assert.equal(value.acct, '{"toString":1}');
  assert.equal(value.deep, `${"[".repeat(MAX_CLAIM_VALUE_CHARS - 1)}… (cut at 1,000 characters: the raw JSON below has all of it)`);
  assert.equal(value.exp, "(a number too large to represent)");
  assert.equal(value.nbf, "1e+308");
  assert.equal(value.__proto__, '{"a":1}');
  assert.equal(view.claims.find((c) => c.name === "exp")?.epochSec, undefined);
  assert.equal(nextChangeMs, undefined, "no time finding to follow");
  assert.ok(view.claims.every((c) => !c.unshowable));
  assert.equal(JSON.parse(view.payloadJson ?? "").exp, Infinity, "the raw JSON is valid JSON (1e999)");
  assert.ok((view.payloadJson ?? "").length < 30_000, "deep levels are written compactly");
  assert.ok(view.diagnostics.some((d) => d.message === "The exp claim is not a valid time."));
  assert.equal(view.expiresOnMs, undefined);
});

test("invisible and direction-changing characters are escapes everywhere in the view model, flagged per row", () => {
  const token = makeJwt(graphPayload({ aud: "api://good\u202Eexe.gpj", ["na\u200Bme"]: "x", roles: ["R\u2066"] }), { alg: "RS256", kid: "k\uFEFF" });
  const view = buildTokenView(held(token), NOW_MS);
  const json = JSON.stringify(view);
  assert.ok(!/[\u202E\u200B\u2066\uFEFF]/.test(json), "no invisible character anywhere in the view model");
  const rows = Object.fromEntries(view.claims.map((c) => [c.name, c]));
  assert.equal(rows.aud.value, "api://good\\u202Eexe.gpj");
  assert.equal(rows.aud.invisibleChars, true);
  assert.equal(rows["na\\u200Bme"].invisibleChars, true);
  assert.equal(rows.roles.value, '["R\\u2066"]');
  assert.equal(rows.tid.invisibleChars, undefined);
  assert.equal(view.headerRows?.find((r) => r.name === "kid")?.invisibleChars, true);
  assert.deepEqual(view.diagnostics.filter((d) => /invisible/.test(d.message)).map((d) => d.message), [
    "Claims `aud`, `na\\u200Bme` and `roles` contain invisible or direction-changing characters.",
    "Header parameter `kid` contains invisible or direction-changing characters.",
  ]);
  assert.equal(buildHistory([held(token)])[0].audience, "api://good\\u202Eexe.gpj");
  const opaque = buildTokenView(held(`\u202E${"x".repeat(40)}\u200B`), NOW_MS);
  assert.equal(opaque.kind, "opaque");
  assert.ok(!/[\u202E\u200B]/.test(JSON.stringify(opaque)), "a pasted non-JWT is masked with escapes too");
});

test("one claim that cannot be shown becomes a short row; every other claim is listed", () => {
  const payload = Object.defineProperty({ aud: "api://x", name: "ok" }, "bad", { enumerable: true, get: () => { throw new RangeError("Maximum call stack size exceeded"); } });
  const rows = claimRows(payload);
  assert.deepEqual(rows.map((r) => [r.name, r.unshowable ?? false]), [["aud", false], ["name", false], ["bad", true]]);
  assert.equal(rows[2].description, "This claim could not be shown: it is too large or too deeply nested.");
  assert.deepEqual(claimRows(null), []);
  assert.deepEqual(claimRows("x"), []);
  const many = claimRows(Object.fromEntries(Array.from({ length: MAX_CLAIM_ROWS + 5 }, (_, i) => [`c${i}`, i])));
  assert.equal(many.length, MAX_CLAIM_ROWS + 1);
  assert.equal(many[MAX_CLAIM_ROWS].value, "5 more");
});

test("a view that cannot be built at all is an error view that says so, never a throw", () => {
  const broken = Object.defineProperty(held("x"), "token", { get: () => { throw new RangeError("too deep"); } });
  const { view, nextChangeMs } = buildTokenViewAt(broken, NOW_MS);
  assert.equal(view.kind, "error");
  assert.equal(nextChangeMs, undefined);
  assert.deepEqual(view.diagnostics.map((d) => d.message), ["This token could not be shown."]);
  assert.match(view.diagnostics[0].reason, /could not be built: it is too large or too deeply nested/);
  assert.equal(view.masked, "(hidden)");
});

test("a claim value is text: strings as they are, anything else as compact JSON, a long one cut with a note", () => {
  assert.equal(claimValueText("https://graph.microsoft.com"), "https://graph.microsoft.com");
  assert.equal(claimValueText(["a", 1, null, { b: true }]), '["a",1,null,{"b":true}]');
  assert.equal(claimValueText(1_700_000_000), "1700000000");
  assert.equal(claimValueText(-Infinity), "-(a number too large to represent)");
  assert.equal(claimValueText("x".repeat(MAX_CLAIM_VALUE_CHARS)), "x".repeat(MAX_CLAIM_VALUE_CHARS), "exactly at the limit: whole");
  assert.match(claimValueText("x".repeat(MAX_CLAIM_VALUE_CHARS + 1)), /^x{999}… \(cut at 1,000 characters/);
  assert.match(claimValueText("\u202E".repeat(400)), /^(\\u202E){166}\\u2… \(cut at/, "escapes count towards the limit");
});

test("a DefaultAzureCredential chain's token names the member that answered; other tokens name none", () => {
  const request = {
    credential: "defaultChain" as const, cloud: "AzurePublic" as const, authorityHost: "https://login.microsoftonline.com", disableInstanceDiscovery: false,
    tenant: "", scopes: ["https://management.azure.com/.default"],
  };
  const token = makeJwt(graphPayload());
  assert.equal(buildTokenView(held(token, { source: "acquired", request, answeredBy: "AzurePowerShellCredential" }), NOW_MS).answeredBy, "AzurePowerShellCredential");
  assert.equal(buildTokenView(held(token, { source: "acquired", request: { ...request, credential: "azureCli" }, answeredBy: "AzureCliCredential" }), NOW_MS).answeredBy, undefined);
  assert.equal(buildTokenView(held(token, { source: "acquired", request }), NOW_MS).answeredBy, undefined, "unknown: nothing claimed");
  assert.equal(buildTokenView(held(token), NOW_MS).answeredBy, undefined);
});
