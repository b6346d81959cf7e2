import { test } from "node:test";
import assert from "node:assert/strict";
import { AADSTS_CATALOGUE, aadstsLookupUrl, lookupAadsts, parseAadstsCode } from "../../src/core/aadsts";

const REQUIRED = [
  50020, 50034, 50053, 50055, 50056, 50057, 50058, 50059, 50076, 50079, 50105, 50126, 50128, 50158, 53000, 53003, 54005,
  65001, 65004, 70000, 70001, 70002, 70008, 70011, 70016, 70019, 70020, 700016, 700024, 7000215, 7000218, 7000222, 90002,
  90009, 90014, 90072, 500011, 500113, 50011, 530003, 900144, 9002313, 399284, 1002012, 501481,
];

test("the catalogue has at least 35 entries, each complete and unique", () => {
  assert.ok(AADSTS_CATALOGUE.length >= 35, `only ${AADSTS_CATALOGUE.length}`);
  const codes = new Set<number>();
  for (const e of AADSTS_CATALOGUE) {
    assert.ok(Number.isSafeInteger(e.code) && e.code > 0);
    assert.ok(!codes.has(e.code), `duplicate ${e.code}`);
    codes.add(e.code);
    assert.ok(e.title.trim().length >= 5, `${e.code} title`);
    assert.ok(e.explanation.trim().length >= 30, `${e.code} explanation`);
    assert.ok(e.fix.trim().length >= 15, `${e.code} fix`);
    assert.ok(!/AADSTS\d/.test(e.title), `${e.code}: the title is plain words; the code is added by the caller`);
  }
  const sorted = [...AADSTS_CATALOGUE].map((e) => e.code);
  assert.deepEqual(sorted, [...sorted].sort((a, b) => a - b));
});

test("every code the product must explain is catalogued", () => {
  const missing = REQUIRED.filter((c) => lookupAadsts(c) === undefined);
  assert.deepEqual(missing, []);
});

test("the fixes are concrete where it matters", () => {
  assert.match(lookupAadsts(65001)?.fix ?? "", /API permissions.*Grant admin consent/);
  assert.match(lookupAadsts(7000218)?.fix ?? "", /Allow public client flows/);
  assert.match(lookupAadsts(50011)?.fix ?? "", /http:\/\/localhost/);
  assert.match(lookupAadsts(500113)?.fix ?? "", /Mobile and desktop applications/);
  assert.match(lookupAadsts(7000215)?.explanation ?? "", /secret's ID instead of its value/);
  assert.match(lookupAadsts(7000222)?.title ?? "", /expired/i);
  assert.match(lookupAadsts(50076)?.title ?? "", /Multi-factor authentication required/);
  assert.match(lookupAadsts(53003)?.title ?? "", /Conditional Access/);
  assert.match(lookupAadsts(700016)?.title ?? "", /Application not found/);
  assert.match(lookupAadsts(500011)?.title ?? "", /Resource not found/);
  assert.match(lookupAadsts(90002)?.title ?? "", /Tenant not found/);
  assert.match(lookupAadsts(70011)?.title ?? "", /Invalid scope/);
  assert.match(lookupAadsts(501481)?.title ?? "", /PKCE/);
  assert.match(lookupAadsts(1002012)?.fix ?? "", /\/\.default/);
  assert.match(lookupAadsts(50020)?.explanation ?? "", /does not exist in the tenant/);
});

test("lookupAadsts accepts numbers, digit strings and AADSTS-prefixed strings", () => {
  assert.equal(lookupAadsts("AADSTS50076")?.code, 50076);
  assert.equal(lookupAadsts("aadsts50076")?.code, 50076);
  assert.equal(lookupAadsts(" 65001 ")?.code, 65001);
  assert.equal(lookupAadsts(7000215)?.code, 7000215);
  assert.equal(lookupAadsts(12345678), undefined);
  assert.equal(lookupAadsts("not a code"), undefined);
  assert.equal(lookupAadsts(-1), undefined);
  assert.equal(parseAadstsCode("AADSTS"), undefined);
  assert.equal(parseAadstsCode(1.5), undefined);
});

test("catalogue entries cannot be modified by callers", () => {
  const e = lookupAadsts(50076);
  assert.ok(e);
  assert.throws(() => {
    (e as { title: string }).title = "changed";
  }, TypeError);
  assert.throws(() => {
    (AADSTS_CATALOGUE as unknown as unknown[]).push({});
  }, TypeError);
});

test("aadstsLookupUrl points at Microsoft's error lookup page", () => {
  assert.equal(aadstsLookupUrl(50076), "https://login.microsoftonline.com/error?code=50076");
});
