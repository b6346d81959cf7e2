import { test } from "node:test";
import assert from "node:assert/strict";
import { diffClaims } from "../../src/core/claimsDiff";
import { graphPayload, NOW_SEC } from "./helpers/makeJwt";

test("identical tokens issued twice: only ignored claims differ → no changes", () => {
  const a = graphPayload({ uti: "one", aio: "x", rh: "r1", iat: NOW_SEC, nbf: NOW_SEC });
  const b = graphPayload({ uti: "two", aio: "y", rh: "r2", iat: NOW_SEC + 5, nbf: NOW_SEC + 5 });
  assert.deepEqual(diffClaims(a, b), []);
});

test("expiry reported separately, first", () => {
  const a = graphPayload({ exp: NOW_SEC, roles: ["A"] });
  const b = graphPayload({ exp: NOW_SEC + 3720, roles: ["A", "B"] });
  const d = diffClaims(a, b);
  assert.equal(d[0].kind, "expiry");
  assert.equal(d[0].message, `expiry moved from 2025-01-15 12:00:00 UTC to 2025-01-15 13:02:00 UTC (+1 h 2 min)`);
  assert.equal(d.length, 2);
  const back = diffClaims(b, a)[0];
  assert.match(back.message, /\(−1 h 2 min\)$/);
  assert.deepEqual(diffClaims(graphPayload({ exp: undefined }), graphPayload()).map((c) => c.message)[0], `expiry added: 2025-01-15 13:00:00 UTC`);
  assert.deepEqual(diffClaims(graphPayload(), graphPayload(), { ignore: ["exp"] }), []);
});

test("set-like claims give added and removed members; order doesn't matter", () => {
  const a = graphPayload({ roles: ["Reader", "Writer"], wids: ["w1", "w2"], groups: ["g1"], scp: "User.Read Mail.Read" });
  const b = graphPayload({ roles: ["Writer", "Admin"], wids: ["w2", "w1"], groups: ["g1", "g2", "g2"], scp: "Mail.Read User.Read Files.Read" });
  const d = diffClaims(a, b);
  const byClaim = Object.fromEntries(d.map((c) => [c.claim, c]));
  assert.deepEqual(Object.keys(byClaim).sort(), ["groups", "roles", "scp"]);
  const roles = byClaim.roles;
  assert.ok(roles.kind === "changed");
  if (roles.kind === "changed") {
    assert.deepEqual(roles.addedMembers, ["Admin"]);
    assert.deepEqual(roles.removedMembers, ["Reader"]);
    assert.equal(roles.message, "roles: added Admin; removed Reader");
  }
  assert.equal(byClaim.groups.message, "groups: added g2");
  assert.equal(byClaim.scp.message, "scp: added Files.Read");
});

test("added, removed and changed scalar and object claims, sorted by name", () => {
  const a = graphPayload({ acrs: ["c1"], xms_cc: undefined, name: "Old", cnf: { kid: "k1" } });
  delete a.xms_cc;
  const b = graphPayload({ name: "New", xms_cc: ["cp1"], cnf: { kid: "k2" } });
  delete b.acrs;
  const d = diffClaims(a, b);
  assert.deepEqual(d.map((c) => [c.kind, c.claim]), [["removed", "acrs"], ["changed", "cnf"], ["changed", "name"], ["added", "xms_cc"]]);
  assert.equal(d.find((c) => c.claim === "name")?.message, "name changed from Old to New");
  assert.equal(d.find((c) => c.claim === "cnf")?.message, 'cnf changed from {"kid":"k1"} to {"kid":"k2"}');
  // Deep-equal objects with different key order are unchanged.
  assert.deepEqual(diffClaims({ o: { a: 1, b: 2 } }, { o: { b: 2, a: 1 } }), []);
  // A type change is a change.
  assert.equal(diffClaims({ roles: ["A"] }, { roles: "A" })[0].kind, "changed");
});

test("custom ignore list", () => {
  assert.deepEqual(diffClaims({ name: "a" }, { name: "b" }, { ignore: ["name"] }), []);
});

test("claims nested 5,000 deep or with prototype names compare without overflowing", () => {
  let deepA: unknown = "a";
  let deepB: unknown = "b";
  for (let i = 0; i < 5000; i++) {
    deepA = [deepA];
    deepB = [deepB];
  }
  const before = JSON.parse('{"__proto__":{"x":1},"constructor":1,"d":0}');
  const changes = diffClaims({ ...before, d: deepA }, { ...before, d: deepB });
  assert.deepEqual(changes.map((c) => [c.claim, c.kind]), [["d", "changed"]]);
  assert.equal(diffClaims({ d: deepA }, { d: deepA }).length, 0);
});
