import { test } from "node:test";
import assert from "node:assert/strict";
import { diagnose, worstSeverity, type Diagnostic, type DiagnoseContext } from "../../src/core/diagnostics";
import { decodeToken } from "../../src/core/jwt";
import { graphPayload, makeJwe, makeJwt, NOW_MS, NOW_SEC } from "./helpers/makeJwt";

const ctx: DiagnoseContext = { nowMs: NOW_MS };

function run(payload: Record<string, unknown>, context: DiagnoseContext = ctx, header?: Record<string, unknown>, sig?: string): Diagnostic[] {
  return diagnose(decodeToken(makeJwt(payload, header, sig)), context);
}
function ids(d: Diagnostic[]): string[] {
  return d.map((x) => x.id);
}
function get(d: Diagnostic[], id: string): Diagnostic {
  const found = d.find((x) => x.id === id);
  assert.ok(found, `expected ${id} in ${ids(d).join(",")}`);
  return found;
}

test("a healthy delegated v2 token: only informational findings", () => {
  const d = run(graphPayload(), { nowMs: NOW_MS, expected: { audience: "https://graph.microsoft.com/.default", tenantId: "11111111-2222-3333-4444-555555555555", scopes: ["User.Read"], clientId: "04b07795-8ddb-461a-bbee-02f9e1bf7b46" } });
  assert.deepEqual(ids(d), ["delegated-token", "token-version"]);
  assert.equal(worstSeverity(d), "info");
  for (const x of d) {
    assert.ok(x.message.length > 0 && x.reason.length > 0);
  }
});

test("expired fires after exp and not before; mentions skew when just expired", () => {
  const long = get(run(graphPayload({ exp: NOW_SEC - 3600 })), "expired");
  assert.equal(long.severity, "error");
  assert.equal(long.message, "Expired 1 h ago.");
  const just = get(run(graphPayload({ exp: NOW_SEC - 60 })), "expired");
  assert.match(just.reason, /clock skew/);
  assert.ok(!ids(run(graphPayload({ exp: NOW_SEC + 3600 }))).includes("expired"));
  assert.equal(get(run(graphPayload({ exp: NOW_SEC })), "expired").message, "Expired just now.");
});

test("expires-soon within the skew window only", () => {
  const soon = get(run(graphPayload({ exp: NOW_SEC + 120 })), "expires-soon");
  assert.equal(soon.severity, "warning");
  assert.equal(soon.message, "Expires soon: in 2 min.");
  assert.ok(!ids(run(graphPayload({ exp: NOW_SEC + 600 }))).includes("expires-soon"));
  assert.ok(ids(run(graphPayload({ exp: NOW_SEC + 600 }), { nowMs: NOW_MS, skewSec: 900 })).includes("expires-soon"));
});

test("not yet valid beyond the 5 min default skew; info within it", () => {
  const far = get(run(graphPayload({ nbf: NOW_SEC + 600, iat: NOW_SEC })), "not-yet-valid");
  assert.equal(far.severity, "error");
  assert.equal(far.message, "Not yet valid: it starts in 10 min.");
  const near = run(graphPayload({ nbf: NOW_SEC + 60, iat: NOW_SEC }));
  assert.ok(!ids(near).includes("not-yet-valid"));
  assert.equal(get(near, "within-skew").severity, "info");
  // custom skew
  assert.ok(ids(run(graphPayload({ nbf: NOW_SEC + 60 }), { nowMs: NOW_MS, skewSec: 10 })).includes("not-yet-valid"));
  assert.ok(!ids(run(graphPayload({ nbf: NOW_SEC - 1 }))).some((i) => i === "not-yet-valid" || i === "within-skew"));
});

test("issued in the future", () => {
  assert.ok(ids(run(graphPayload({ iat: NOW_SEC + 3600, nbf: undefined }))).includes("issued-in-future"));
  assert.ok(!ids(run(graphPayload())).includes("issued-in-future"));
});

test("missing exp and very long lifetime", () => {
  const p = graphPayload();
  delete p.exp;
  assert.equal(get(run(p), "missing-exp").severity, "warning");
  assert.equal(get(run(graphPayload({ nbf: NOW_SEC - 60, exp: NOW_SEC + 25 * 3600 })), "long-lifetime").severity, "warning");
  assert.ok(!ids(run(graphPayload({ nbf: NOW_SEC - 60, exp: NOW_SEC + 23 * 3600 }))).includes("long-lifetime"));
});

test("application vs delegated: idtyp, or roles vs scp", () => {
  const app = graphPayload({ idtyp: "app", scp: undefined, roles: ["User.Read.All"] });
  assert.ok(ids(run(app)).includes("app-token"));
  const inferredApp = graphPayload({ idtyp: undefined, scp: undefined, roles: ["User.Read.All"] });
  assert.match(get(run(inferredApp), "app-token").reason, /roles but no scp/);
  const inferredUser = graphPayload({ idtyp: undefined });
  assert.match(get(run(inferredUser), "delegated-token").reason, /It has scp/);
  const neither = graphPayload({ idtyp: undefined, scp: undefined });
  assert.ok(!ids(run(neither)).some((i) => i === "app-token" || i === "delegated-token"));
});

test("v1 vs v2", () => {
  assert.equal(get(run(graphPayload({ ver: "1.0" })), "token-version").message, "v1.0 access token.");
  assert.equal(get(run(graphPayload({ ver: "2.0" })), "token-version").message, "v2.0 access token.");
  assert.ok(!ids(run(graphPayload({ ver: undefined }))).includes("token-version"));
});

test("audience: aliases match, different resources do not", () => {
  const same: Array<[string, string]> = [
    ["https://management.core.windows.net/", "https://management.azure.com"],
    ["https://management.azure.com/", "https://management.azure.com/.default"],
    ["00000003-0000-0000-c000-000000000000", "https://graph.microsoft.com/"],
    ["api://11111111-2222-3333-4444-555555555555", "11111111-2222-3333-4444-555555555555"],
    ["https://vault.azure.net", "cfa8b339-82a2-471a-a3c9-0fc0be7a4093"],
  ];
  for (const [aud, expected] of same) {
    assert.ok(!ids(run(graphPayload({ aud }), { nowMs: NOW_MS, expected: { audience: expected } })).includes("audience-mismatch"), `${aud} vs ${expected}`);
  }
  const mismatch = get(run(graphPayload({ aud: "https://graph.microsoft.com" }), { nowMs: NOW_MS, expected: { audience: "https://management.azure.com/.default" } }), "audience-mismatch");
  assert.equal(mismatch.severity, "error");
  assert.equal(mismatch.message, "Audience is Microsoft Graph, not Azure Resource Manager.");
  // derived from scopes when no audience is given; bare scopes mean Graph
  assert.ok(ids(run(graphPayload({ aud: "https://vault.azure.net" }), { nowMs: NOW_MS, expected: { scopes: ["User.Read"] } })).includes("audience-mismatch"));
  assert.ok(!ids(run(graphPayload(), { nowMs: NOW_MS, expected: { scopes: ["openid", "User.Read"] } })).includes("audience-mismatch"));
  assert.ok(ids(run(graphPayload(), { nowMs: NOW_MS, expected: { scopes: ["api://my-api/access_as_user"] } })).includes("audience-mismatch"));
  assert.ok(ids(run(graphPayload(), { nowMs: NOW_MS, expected: { scopes: ["https://storage.azure.com"] } })).includes("audience-mismatch"));
  // no expectation, no finding
  assert.ok(!ids(run(graphPayload())).includes("audience-mismatch"));
});

test("tenant mismatch, ignoring common/organizations and domain names", () => {
  const other = "99999999-2222-3333-4444-555555555555";
  assert.equal(get(run(graphPayload(), { nowMs: NOW_MS, expected: { tenantId: other } }), "tenant-mismatch").severity, "error");
  assert.ok(!ids(run(graphPayload(), { nowMs: NOW_MS, expected: { tenantId: "11111111-2222-3333-4444-555555555555".toUpperCase() } })).includes("tenant-mismatch"));
  for (const t of ["organizations", "common", "contoso.onmicrosoft.com"]) {
    assert.ok(!ids(run(graphPayload(), { nowMs: NOW_MS, expected: { tenantId: t } })).includes("tenant-mismatch"), t);
  }
  // tid missing: taken from the issuer
  assert.ok(ids(run(graphPayload({ tid: undefined }), { nowMs: NOW_MS, expected: { tenantId: other } })).includes("tenant-mismatch"));
});

test("client mismatch", () => {
  assert.ok(ids(run(graphPayload(), { nowMs: NOW_MS, expected: { clientId: "aebc6443-996d-45c2-90f0-388ff96faa56" } })).includes("client-mismatch"));
  assert.ok(!ids(run(graphPayload(), { nowMs: NOW_MS, expected: { clientId: "04B07795-8DDB-461A-BBEE-02F9E1BF7B46" } })).includes("client-mismatch"));
});

test("requested permission missing from scp / roles", () => {
  const d = run(graphPayload(), { nowMs: NOW_MS, expected: { scopes: ["https://graph.microsoft.com/User.Read", "Mail.Send", "offline_access", "openid"] } });
  const missing = d.filter((x) => x.id === "permission-missing");
  assert.equal(missing.length, 1);
  assert.equal(missing[0].message, "Requested permission Mail.Send is not in the token.");
  // case-insensitive, .default skipped, roles count
  const app = graphPayload({ idtyp: "app", scp: undefined, roles: ["Mail.Send"] });
  assert.ok(!ids(run(app, { nowMs: NOW_MS, expected: { scopes: ["mail.send", "https://graph.microsoft.com/.default"] } })).includes("permission-missing"));
});

test("nonce header on a Microsoft Graph token: unverifiable, and that is expected", () => {
  const d = get(run(graphPayload(), ctx, { typ: "JWT", alg: "RS256", nonce: "abc123", kid: "k" }), "unverifiable-signature");
  assert.equal(d.severity, "info");
  assert.equal(d.message, "Microsoft Graph token with a nonce header: no client can verify its signature; this is expected.");
  assert.ok(!ids(run(graphPayload())).includes("unverifiable-signature"));
});

test("alg none is an error; a missing signature is an error", () => {
  assert.equal(get(run(graphPayload(), ctx, { alg: "none" }, ""), "alg-none").severity, "error");
  assert.equal(get(run(graphPayload(), ctx, { alg: "RS256" }, ""), "signature-missing").severity, "error");
  assert.ok(!ids(run(graphPayload())).some((i) => i === "alg-none" || i === "signature-missing"));
});

test("JWE, opaque and decode errors", () => {
  const jwe = diagnose(decodeToken(makeJwe()), ctx);
  assert.deepEqual(ids(jwe), ["encrypted"]);
  assert.match(jwe[0].message, /encrypted/i);
  const opaque = diagnose(decodeToken("EwB" + "a".repeat(60)), ctx);
  assert.deepEqual(ids(opaque), ["opaque"]);
  assert.match(opaque[0].message, /^Not a JWT — e\.g\. a consumer-account/);
  const err = diagnose(decodeToken(""), ctx);
  assert.deepEqual(ids(err), ["decode-error"]);
  assert.equal(err[0].reason, "Input is empty");
});

test("guest", () => {
  assert.ok(ids(run(graphPayload({ acct: 1 }))).includes("guest"));
  assert.ok(!ids(run(graphPayload({ acct: 0 }))).includes("guest"));
});

test("hostile claim values don't break diagnose", () => {
  const evil = graphPayload({ aud: { $gt: 1 }, exp: "<script>", nbf: [], idtyp: 5, scp: ["x"], roles: "y", tid: null, acct: {} });
  const d = run(evil, { nowMs: NOW_MS, expected: { audience: "https://graph.microsoft.com", tenantId: "11111111-2222-3333-4444-555555555555", scopes: ["User.Read"] } });
  assert.ok(ids(d).includes("invalid-time"), "exp \"<script>\" is there but not a time");
  assert.ok(!ids(d).includes("missing-exp"));
  for (const x of d) assert.equal(typeof x.message, "string");
});

test("claims of any type: {\"toString\":1} in acct, objects where strings belong; the guest finding needs 1 or \"1\"", () => {
  const hostile = graphPayload({ acct: { toString: 1 }, aud: { toString: 1, valueOf: 1 }, iss: [{}], tid: { toString: "x" }, azp: { __proto__: 1 }, idtyp: { valueOf: 1 }, scp: { toString: 1 }, roles: [{ toString: 1 }] });
  const context = { nowMs: NOW_MS, expected: { audience: "https://graph.microsoft.com", tenantId: "11111111-2222-3333-4444-555555555555", clientId: "x", scopes: ["User.Read"] } };
  const d = run(hostile, context, { alg: { toString: 1 }, nonce: { toString: 1 } });
  for (const x of d) assert.ok(typeof x.message === "string" && x.message.length > 0 && typeof x.reason === "string");
  assert.ok(!ids(d).includes("guest"));
  assert.ok(ids(run(graphPayload({ acct: 1 }))).includes("guest"));
  assert.ok(ids(run(graphPayload({ acct: "1" }))).includes("guest"));
  assert.ok(!ids(run(graphPayload({ acct: [1] }))).includes("guest"), "String([1]) is \"1\", but an array is not a guest flag");
});

test("times that are present but not times: invalid-time names the claim (1e400, 1e308, text, objects), missing-exp only when absent", () => {
  const b = (s: string) => Buffer.from(s).toString("base64url");
  const raw = (json: string) => diagnose(decodeToken([b('{"alg":"RS256"}'), b(json), b("sig")].join(".")), ctx);
  const huge = raw(`{"exp":1e400,"nbf":1e308,"iat":-1e400}`);
  assert.deepEqual(huge.filter((x) => x.id === "invalid-time").map((x) => [x.severity, x.message]), [
    ["error", "The exp claim is not a valid time."], ["warning", "The nbf claim is not a valid time."], ["warning", "The iat claim is not a valid time."]]);
  assert.match(get(huge, "invalid-time").reason, /a number too large to represent/);
  assert.match(huge[huge.findIndex((x) => x.message.startsWith("The nbf"))].reason, /1e\+308, outside the range of a date/);
  assert.ok(!ids(huge).includes("missing-exp") && !ids(huge).includes("expired"));
  assert.match(get(run(graphPayload({ exp: { toString: 1 } })), "invalid-time").reason, /this one is an object/);
  assert.match(get(run(graphPayload({ exp: "soon\u202E" })), "invalid-time").reason, /the text "soon\\u202E"/);
  assert.deepEqual(ids(run(graphPayload({ exp: undefined }))).filter((i) => i.endsWith("exp") || i === "invalid-time"), ["missing-exp"]);
});

test("invisible or direction-changing characters: a warning that names each claim and header parameter holding them", () => {
  const one = run(graphPayload({ aud: "api://contoso\u202Egpj.exe" }));
  assert.deepEqual(get(one, "invisible-characters").message, "Claim `aud` contains invisible or direction-changing characters.");
  assert.equal(get(one, "invisible-characters").severity, "warning");
  assert.match(get(one, "invisible-characters").reason, /shown as \\u escapes/);
  const several = run(graphPayload({ iss: "https://x\u200B", name: "a\u2066b", groups: [["nested\uFEFF"]], ["k\u200Dey"]: 1 }), ctx, { alg: "RS256", kid: "k\u200E" });
  assert.deepEqual(several.filter((x) => x.id === "invisible-characters").map((x) => x.message), [
    "Claims `iss`, `name`, `groups` and `k\\u200Dey` contain invisible or direction-changing characters.",
    "Header parameter `kid` contains invisible or direction-changing characters.",
  ]);
  const many = run(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`c${i}`, "\u200B"])));
  assert.equal(get(many, "invisible-characters").message, "Claims `c0`, `c1`, `c2`, `c3`, `c4` and 3 more contain invisible or direction-changing characters.");
  assert.ok(!ids(run(graphPayload({ name: "Zoë 😀 שלום" }))).includes("invisible-characters"));
});

test("messages quote claims escaped and short: an audience with a right-to-left override cannot turn the sentence around", () => {
  const d = run(graphPayload({ aud: `api://evil\u202E${"x".repeat(500)}`, tid: "t\u200Bid", azp: "c\u2067" }),
    { nowMs: NOW_MS, expected: { audience: "https://management.azure.com", tenantId: "22222222-2222-3333-4444-555555555555", clientId: "other" } });
  for (const x of d) {
    assert.ok(!/[\u202E\u200B\u2067]/.test(x.message + x.reason), x.message);
    assert.ok(x.message.length < 300, x.message);
  }
  assert.match(get(d, "audience-mismatch").message, /^Audience is api:\/\/evil\\u202Ex+…, not/);
  assert.match(get(d, "client-mismatch").message, /client c\\u2067,/);
});
