import { test } from "node:test";
import assert from "node:assert/strict";
import { clip, escapeCodePoint, hasInvisibleChars, holdsInvisibleChars, shownText, visibleText, visibleJsonText } from "../../src/core/visibleText";

test("bidi controls, zero-width and other format characters become \\u escapes", () => {
  const cases: [string, string][] = [
    ["api://good\u202Eexe.gpj", "api://good\\u202Eexe.gpj"], // right-to-left override
    ["a\u202Ab\u202Bc\u202Cd\u202De", "a\\u202Ab\\u202Bc\\u202Cd\\u202De"], // embeddings, pop, left-to-right override
    ["\u2066x\u2067y\u2068z\u2069", "\\u2066x\\u2067y\\u2068z\\u2069"], // isolates
    ["\u200Eltr\u200Frtl\u061C", "\\u200Eltr\\u200Frtl\\u061C"], // marks
    ["zero\u200Bwidth\u200C\u200D\u2060\uFEFF", "zero\\u200Bwidth\\u200C\\u200D\\u2060\\uFEFF"],
    ["soft\u00ADhyphen", "soft\\u00ADhyphen"],
    ["line\u2028para\u2029", "line\\u2028para\\u2029"],
    ["tab\tnew\nline\u0000\u007F\u0085", "tab\\u0009new\\u000Aline\\u0000\\u007F\\u0085"],
    ["filler\u3164\u115F\u2800", "filler\\u3164\\u115F\\u2800"],
    ["tag\u{E0041}\u{E007F}", "tag\\u{E0041}\\u{E007F}"], // tag characters (ASCII smuggling)
    ["lone \uD800 surrogate", "lone \\uD800 surrogate"],
  ];
  for (const [input, shown] of cases) {
    assert.equal(hasInvisibleChars(input), true, shown);
    assert.equal(visibleText(input), shown);
  }
});

test("visible text is returned unchanged, including emoji, accents and right-to-left scripts", () => {
  for (const s of ["https://graph.microsoft.com", "Zoë Ångström", "😀 👍🏽 ❤️", "שלום", "مرحبا", "中文", "", "C:\\u1234 path"]) {
    assert.equal(hasInvisibleChars(s), false, s);
    assert.equal(visibleText(s), s);
  }
});

test("JSON escapes stay JSON: above U+FFFF a surrogate pair, and the JSON reads back the same", () => {
  assert.equal(escapeCodePoint(0x202e), "\\u202E");
  assert.equal(escapeCodePoint(0xe0041, "text"), "\\u{E0041}");
  assert.equal(escapeCodePoint(0xe0041, "json"), "\\uDB40\\uDC41");
  const value = "a\u202Eb\u{E0041}c\u200B";
  const json = visibleJsonText(JSON.stringify(value));
  assert.equal(hasInvisibleChars(json), false);
  assert.equal(JSON.parse(json), value);
});

test("holdsInvisibleChars searches nested strings and keys, bounded", () => {
  assert.equal(holdsInvisibleChars({ a: [1, { b: "x\u200By" }] }), true);
  assert.equal(holdsInvisibleChars({ ["k\u202E"]: 1 }), true);
  assert.equal(holdsInvisibleChars(["fine", 1, null, { toString: 1 }]), false);
  let deep: unknown = "\u202E";
  for (let i = 0; i < 10_000; i++) deep = [deep];
  assert.equal(holdsInvisibleChars(deep), true, "no recursion: 10,000 levels");
  const throwing = Object.defineProperty({}, "x", { enumerable: true, get: () => { throw new Error("no"); } });
  assert.equal(holdsInvisibleChars(throwing), false);
});

test("clip never splits a surrogate pair; shownText escapes then clips", () => {
  assert.equal(clip("abcdef", 4), "abc…");
  assert.equal(clip("ab😀cd", 4), "ab…");
  assert.equal(clip("abc", 4), "abc");
  assert.equal(shownText("x\u202E".repeat(100), 20), "x\\u202Ex\\u202Ex\\u20…");
});
