import { test } from "node:test";
import assert from "node:assert/strict";
import { describeJsonType, prettyJsonBounded, stringifyBounded, TRUNCATED_MARK } from "../../src/core/boundedJson";

const samples: unknown[] = [
  {}, [], "s", 0, 1.5, -2e-7, 1e21, true, false, null,
  { a: 1, b: [1, 2, { c: "x", d: [] }], e: {}, f: null, g: "quote \" backslash \\ newline \n" },
  [[1, [2, [3]]], { x: { y: { z: [true, false] } } }],
  { aud: "https://graph.microsoft.com", roles: ["A", "B"], exp: 1_700_000_000, cnf: { jwk: { kty: "RSA", e: "AQAB" } } },
];

test("the same text as JSON.stringify for JSON values, compact and pretty", () => {
  for (const v of samples) {
    assert.equal(stringifyBounded(v).text, JSON.stringify(v));
    assert.equal(stringifyBounded(v, { indent: 2 }).text, JSON.stringify(v, null, 2));
    assert.equal(stringifyBounded(v, { indent: 4 }).text, JSON.stringify(v, null, 4));
    assert.equal(stringifyBounded(v, { indent: 2 }).truncated, false);
  }
});

test("arrays nested 100,000 deep: no stack overflow; indentation stops at maxIndentDepth, so the size stays linear", () => {
  const depth = 100_000;
  let deep: unknown = 1;
  for (let i = 0; i < depth; i++) deep = [deep];
  assert.throws(() => JSON.stringify(deep), RangeError, "JSON.stringify overflows the stack");
  const compact = stringifyBounded(deep);
  assert.equal(compact.text, `${"[".repeat(depth)}1${"]".repeat(depth)}`);
  const pretty = stringifyBounded(deep, { indent: 2, maxIndentDepth: 3 });
  assert.equal(pretty.text, `[\n  [\n    [\n      ${"[".repeat(depth - 3)}1${"]".repeat(depth - 3)}\n    ]\n  ]\n]`);
  assert.deepEqual(JSON.parse(stringifyBounded([[[[[1]]]]], { indent: 2, maxIndentDepth: 2 }).text), [[[[[1]]]]]);
});

test("a size limit: truncated text says so; pretty falls back to compact before truncating", () => {
  const big = { list: Array.from({ length: 1000 }, (_, i) => i) };
  const cut = stringifyBounded(big, { maxChars: 100 });
  assert.equal(cut.truncated, true);
  assert.equal(cut.text, JSON.stringify(big).slice(0, 100) + TRUNCATED_MARK);
  const fits = prettyJsonBounded(big, 5000);
  assert.equal(fits.truncated, false);
  assert.equal(fits.text, JSON.stringify(big), "too long pretty-printed, short enough compact");
  assert.equal(prettyJsonBounded(big, 100).truncated, true);
});

test("values JSON cannot hold: never throws, never calls into the value", () => {
  assert.equal(stringifyBounded(Infinity).text, "1e999");
  assert.deepEqual(JSON.parse(stringifyBounded({ exp: JSON.parse("1e400"), nbf: -Infinity }).text), { exp: Infinity, nbf: -Infinity });
  assert.equal(stringifyBounded(-0).text, "-0");
  assert.equal(stringifyBounded(NaN).text, "null");
  assert.equal(stringifyBounded(10n).text, "10");
  assert.equal(stringifyBounded({ a: undefined, b: () => 1, c: Symbol("s"), d: 1 }).text, '{"d":1}');
  assert.equal(stringifyBounded([undefined, () => 1]).text, "[null,null]");
  assert.equal(stringifyBounded(undefined).text, "null");
  const withToJson = { toJSON: () => { throw new Error("called"); }, toString: 1, valueOf: null };
  assert.equal(stringifyBounded(withToJson).text, '{"toString":1,"valueOf":null}', "toJSON is never called (a function is left out)");
  assert.equal(stringifyBounded(JSON.parse('{"toJSON":{"x":1}}')).text, '{"toJSON":{"x":1}}');
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  cyclic.list = [cyclic];
  assert.equal(stringifyBounded(cyclic).text, '{"a":1,"self":"[circular]","list":["[circular]"]}');
  const shared = { x: 1 };
  assert.equal(stringifyBounded([shared, shared]).text, '[{"x":1},{"x":1}]', "shared is not circular");
  const throwing = Object.defineProperty({ ok: 1 }, "bad", { enumerable: true, get: () => { throw new Error("no"); } });
  assert.equal(stringifyBounded(throwing).text, '{"ok":1,"bad":"[unreadable]"}');
  const proto = JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":2}}');
  assert.equal(stringifyBounded(proto).text, '{"__proto__":{"polluted":1},"constructor":{"prototype":2}}');
});

test("invisible characters in strings and keys are JSON escapes (the same JSON, visibly); sortKeys sorts", () => {
  const v = { ["k\u200B"]: "a\u202Eb" };
  assert.equal(stringifyBounded(v).text, '{"k\\u200B":"a\\u202Eb"}');
  assert.deepEqual(JSON.parse(stringifyBounded(v).text), v);
  assert.equal(stringifyBounded(v, { escapeInvisible: false }).text, JSON.stringify(v));
  assert.equal(stringifyBounded({ b: 1, a: { d: 1, c: 2 } }, { sortKeys: true }).text, '{"a":{"c":2,"d":1},"b":1}');
});

test("describeJsonType", () => {
  assert.deepEqual([null, [], {}, "", 1, true, undefined].map(describeJsonType),
    ["null", "an array", "an object", "a string", "a number", "a boolean", "undefined"]);
});
