import { test } from "node:test";
import assert from "node:assert/strict";
import { stringifyBounded } from "../../src/core/boundedJson";
import { base64UrlDecode, base64UrlEncode, base64UrlLength, cleanTokenInput, decodeToken, findJwts, looksLikeJwt, MAX_TOKEN_CHARS } from "../../src/core/jwt";
import { hostileInput, knownHostileInputs, Rand, rng } from "./helpers/hostileInputs";
import { b64url, fakeSignature, makeJwe, makeJwt, parts } from "./helpers/makeJwt";

const payload = { aud: "https://graph.microsoft.com", sub: "abc", exp: 1_700_000_000, roles: ["A", "B"], name: "Zoë 日本" };

test("decodes a JWS: header, payload, signature length and bytes, raw", () => {
  const token = makeJwt(payload);
  const r = decodeToken(token);
  assert.equal(r.kind, "jws");
  if (r.kind !== "jws") return;
  assert.deepEqual(r.header, { typ: "JWT", alg: "RS256", kid: "test-key" });
  assert.deepEqual(r.payload, payload);
  assert.equal(r.signature.present, true);
  assert.equal(r.signature.bytes, 256);
  assert.equal(r.signature.length, token.split(".")[2].length);
  assert.equal(r.raw, token);
  assert.deepEqual(r.cleanup, []);
});

test("base64url decoder matches Node's encoder for every length 0..64 and all byte values", () => {
  for (let len = 0; len <= 64; len++) {
    const bytes = Uint8Array.from({ length: len }, (_, i) => (i * 97 + len * 13) & 0xff);
    const enc = b64url(bytes);
    const dec = base64UrlDecode(enc);
    assert.ok(dec.ok, `length ${len}`);
    if (dec.ok) assert.deepEqual([...dec.bytes], [...bytes]);
    assert.equal(base64UrlEncode(bytes), enc, `encode length ${len}`);
  }
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  const d = base64UrlDecode(b64url(all));
  assert.ok(d.ok && d.bytes.every((v, i) => v === i));
});

test("tolerates trailing = padding", () => {
  const p = Buffer.from(JSON.stringify({ a: 1 })).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
  assert.match(p, /=$/);
  const r = decodeToken(parts(b64url('{"alg":"RS256"}'), p, fakeSignature()));
  assert.equal(r.kind, "jws");
  if (r.kind === "jws") assert.deepEqual(r.payload, { a: 1 });
});

test("cleans pasted input: Bearer, Authorization:, quotes, whitespace and line breaks", () => {
  const token = makeJwt(payload);
  const wrapped = token.slice(0, 40) + "\r\n  " + token.slice(40, 90) + "\n" + token.slice(90);
  for (const input of [`Bearer ${token}`, `  "${token}"\n`, `'Bearer ${token}'`, `Authorization: Bearer ${token}`, `\`${token}\``, wrapped, `bearer   ${token}`]) {
    const r = decodeToken(input);
    assert.equal(r.kind, "jws", input.slice(0, 30));
    if (r.kind === "jws") {
      assert.equal(r.raw, token);
      assert.ok(r.cleanup.length > 0);
    }
  }
  assert.deepEqual(cleanTokenInput(`"Bearer abc"`), { text: "abc", cleanup: ["removed surrounding quotes", "removed 'Bearer ' prefix"] });
});

test("part 2 with a bad base64url character names the part, the character and its 1-based position", () => {
  const good = b64url(JSON.stringify(payload));
  const bad = good.slice(0, 16) + "*" + good.slice(17);
  const r = decodeToken(parts(b64url('{"alg":"RS256"}'), bad, fakeSignature()));
  assert.equal(r.kind, "error");
  if (r.kind !== "error") return;
  assert.equal(r.part, 2);
  assert.equal(r.message, "Part 2 (payload) is not valid base64url (character '*' at position 17)");
});

test("standard base64 characters are explained", () => {
  const r = decodeToken(parts("eyJ+", "abcd", "sig"));
  assert.equal(r.kind, "error");
  if (r.kind === "error") {
    assert.equal(r.part, 1);
    assert.match(r.message, /^Part 1 \(header\) is not valid base64url \(character '\+' at position 4; that is standard base64/);
  }
});

test("impossible base64url length is an error", () => {
  const r = decodeToken(parts(b64url('{"alg":"RS256"}'), "abcde", fakeSignature()));
  assert.equal(r.kind, "error");
  if (r.kind === "error") assert.match(r.message, /^Part 2 \(payload\) is not valid base64url \(its length, 5 characters/);
});

test("header that is not JSON", () => {
  const r = decodeToken(parts(b64url("{alg: RS256"), b64url("{}"), fakeSignature()));
  assert.equal(r.kind, "error");
  if (r.kind === "error") {
    assert.equal(r.part, 1);
    assert.match(r.message, /^Part 1 \(header\) is not valid JSON: /);
    assert.ok(r.message.length < 200);
  }
});

test("payload that is binary, not text", () => {
  const binary = b64url(Uint8Array.from([0xff, 0xfe, 0x00, 0x81, 0xc3, 0x28]));
  const r = decodeToken(parts(b64url('{"alg":"RS256"}'), binary, fakeSignature()));
  assert.deepEqual(r.kind === "error" && [r.part, r.message], [2, "Part 2 (payload) decodes to binary data, not text"]);
  // Valid UTF-8 but with control characters is binary too.
  const ctrl = b64url("\u0001\u0002{}");
  const r2 = decodeToken(parts(b64url('{"alg":"RS256"}'), ctrl, fakeSignature()));
  assert.equal(r2.kind === "error" && r2.message, "Part 2 (payload) decodes to binary data, not text");
});

test("JSON that is not an object, for each JSON type", () => {
  for (const [json, what] of [["[1,2]", "an array"], ["42", "a number"], ['"s"', "a string"], ["null", "null"], ["true", "a boolean"]] as const) {
    const r = decodeToken(parts(b64url('{"alg":"RS256"}'), b64url(json), fakeSignature()));
    assert.equal(r.kind === "error" && r.message, `Part 2 (payload) is not a JSON object (it is ${what})`);
  }
});

test("empty parts and empty input", () => {
  assert.equal(decodeToken("").kind === "error" && (decodeToken("") as { message: string }).message, "Input is empty");
  assert.equal((decodeToken("  \n ") as { message: string }).message, "Input is empty");
  const noHeader = decodeToken(parts("", b64url("{}"), "x"));
  assert.deepEqual(noHeader.kind === "error" && [noHeader.part, noHeader.message], [1, "Part 1 (header) is empty"]);
  const noPayload = decodeToken(parts(b64url('{"alg":"RS256"}'), "", "x"));
  assert.deepEqual(noPayload.kind === "error" && [noPayload.part, noPayload.message], [2, "Part 2 (payload) is empty"]);
});

test("empty signature decodes with signature.present false (unsigned token)", () => {
  const r = decodeToken(makeJwt({ sub: "x" }, { alg: "none" }, ""));
  assert.equal(r.kind, "jws");
  if (r.kind === "jws") assert.deepEqual(r.signature, { present: false, length: 0, bytes: 0 });
});

test("bad signature characters are reported as part 3", () => {
  const r = decodeToken(makeJwt({ sub: "x" }, undefined, "abc$def"));
  assert.deepEqual(r.kind === "error" && [r.part, r.message], [3, "Part 3 (signature) is not valid base64url (character '$' at position 4)"]);
});

test("too large input is refused before parsing and says so", () => {
  const huge = makeJwt({ blob: "x".repeat(MAX_TOKEN_CHARS) });
  const r = decodeToken(huge);
  assert.equal(r.kind, "error");
  if (r.kind === "error") {
    assert.equal(r.limit, MAX_TOKEN_CHARS);
    assert.match(r.message, /too large .*64 KiB/);
    assert.equal(r.part, undefined);
  }
  // Just under the limit still decodes.
  const fits = makeJwt({ blob: "x".repeat(40_000) });
  assert.equal(decodeToken(fits).kind, "jws");
});

test("JWE: five parts, protected header decoded, cannot be decoded by a client", () => {
  const r = decodeToken(makeJwe());
  assert.equal(r.kind, "jwe");
  if (r.kind === "jwe") {
    assert.deepEqual(r.header, { alg: "RSA-OAEP", enc: "A256GCM", zip: "DEF" });
    assert.match(r.message, /cannot be decoded by a client/);
  }
  const badHeader = decodeToken(parts("!!", "a", "b", "c", "d"));
  assert.equal(badHeader.kind, "jwe");
  if (badHeader.kind === "jwe") {
    assert.equal(badHeader.header, undefined);
    assert.match(badHeader.headerError ?? "", /^Part 1 \(protected header\) is not valid base64url/);
  }
});

test("opaque: wrong part counts and hints", () => {
  const cases: Array<[string, RegExp]> = [
    ["EwBwA8l6BAAU" + "x".repeat(40), /consumer-account \(MSA\)/],
    ["0.ARoA" + "y".repeat(40) + ".AgABAAEAAAA", /refresh token or authorization code/],
    ["11111111-2222-3333-4444-555555555555", /GUID/],
    [b64url('{"alg":"RS256"}') + "." + b64url("{}"), /two parts/],
    [parts(b64url('{"alg":"RS256"}'), "a", "b", "c"), /wrong number of parts/],
    ["just some text", /opaque/],
    [parts("AQID", "BAUG", "BwgJ"), /opaque/],
  ];
  for (const [input, hint] of cases) {
    const r = decodeToken(input);
    assert.equal(r.kind, "opaque", input);
    if (r.kind === "opaque") {
      assert.match(r.reason, /^Not a JWT/);
      assert.match(r.hint, hint, input);
    }
  }
  const six = decodeToken("a.b.c.d.e.f");
  assert.equal(six.kind === "opaque" && six.reason, "Not a JWT: it has 6 dot-separated parts, a JWT has 3 (signed) or 5 (encrypted).");
});

test("hostile claim values stay plain strings, byte for byte", () => {
  const hostile = {
    name: "<img src=x onerror=alert(1)>",
    upn: "</script><script>alert(document.cookie)</script>",
    url: "javascript:alert(1)",
    rtl: "\u202Egnp.exe",
  };
  // A "__proto__" key in the JSON text must not pollute anything.
  const json = JSON.stringify(hostile).slice(0, -1) + ',"__proto__":{"polluted":true}}';
  const r = decodeToken(parts(b64url('{"alg":"RS256"}'), b64url(json), fakeSignature()));
  assert.equal(r.kind, "jws");
  if (r.kind !== "jws") return;
  for (const [k, v] of Object.entries(hostile)) {
    assert.equal(typeof r.payload[k], "string");
    assert.equal(r.payload[k], v);
  }
  assert.ok(Object.prototype.hasOwnProperty.call(r.payload, "__proto__"));
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test("never throws on random garbage", () => {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const alphabet = "eyJ.abcXYZ019-_+/=\"' \n\u0000\u00e9\ud83d\ude00";
  for (let i = 0; i < 2000; i++) {
    const len = Math.floor(rnd() * 80);
    let s = "";
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    const r = decodeToken(s);
    assert.ok(["jws", "jwe", "opaque", "error"].includes(r.kind));
  }
  assert.equal(decodeToken(undefined as unknown as string).kind, "error");
});

test("looksLikeJwt: JWS and JWE yes; others no", () => {
  assert.equal(looksLikeJwt(makeJwt(payload)), true);
  assert.equal(looksLikeJwt(`Bearer ${makeJwt(payload)}`), true);
  assert.equal(looksLikeJwt(makeJwe()), true);
  assert.equal(looksLikeJwt(makeJwt(payload, undefined, "")), true);
  assert.equal(looksLikeJwt("hello.world.foo"), false);
  assert.equal(looksLikeJwt(b64url('{"a":1}') + "." + b64url("{}")), false);
  assert.equal(looksLikeJwt(parts(b64url('{"a":1}'), "", "sig")), false);
  assert.equal(looksLikeJwt("x".repeat(MAX_TOKEN_CHARS + 1)), false);
  assert.equal(looksLikeJwt(""), false);
});

test("findJwts: spans in a line, sentence dots, neighbours, JWE", () => {
  const a = makeJwt({ sub: "a" });
  const b = makeJwe();
  const line = `curl -H "Authorization: Bearer ${a}" and then ${b}. Done: x${a}`;
  const spans = findJwts(line);
  assert.equal(spans.length, 2);
  assert.deepEqual(spans.map((s) => line.slice(s.start, s.end)), [a, b]);
  assert.deepEqual(spans.map((s) => s.kind), ["jws", "jwe"]);
  const trailing = `token=${a}.`;
  const [t] = findJwts(trailing);
  assert.equal(trailing.slice(t.start, t.end), a);
  assert.deepEqual(findJwts("nothing here eyJ only.one"), []);
  assert.deepEqual(findJwts(""), []);
});

test("a payload that is not JSON is reported without echoing its claims", () => {
  for (const payload of ['{"upn":"person@contoso.test" oops}', 'upn=person@contoso.test']) {
    const r = decodeToken(parts(b64url('{"alg":"RS256"}'), b64url(payload), "c2ln"));
    assert.equal(r.kind, "error");
    if (r.kind !== "error") continue;
    assert.match(r.message, /^Part 2 \(payload\) is not valid JSON/);
    assert.doesNotMatch(r.message, /person@contoso/);
  }
});

test("a three-part token with a broken header is a broken JWT that names the part and the reason, not 'Not a JWT'", () => {
  const payloadPart = b64url('{"aud":"api://x","exp":1}');
  const cases: [string, string | RegExp][] = [
    [parts(b64url("[1]"), payloadPart, "c2ln"), "Part 1 (header) is not a JSON object (it is an array)"],
    [parts(b64url('"RS256"'), payloadPart, "c2ln"), "Part 1 (header) is not a JSON object (it is a string)"],
    [parts(b64url("42"), payloadPart, "c2ln"), "Part 1 (header) is not a JSON object (it is a number)"],
    [parts(b64url("null"), payloadPart, "c2ln"), "Part 1 (header) is not a JSON object (it is null)"],
    [parts(b64url("alg RS256"), payloadPart, "c2ln"), /^Part 1 \(header\) is not valid JSON/],
    [parts("abc", payloadPart, "c2ln"), "Part 1 (header) decodes to binary data, not text"],
    [parts("ab+c", payloadPart, "c2ln"), /^Part 1 \(header\) is not valid base64url \(character '\+' at position 3; that is standard base64/],
    [parts(b64url('{"alg":"RS256"}').slice(0, 8), payloadPart, "c2ln"), /^Part 1 \(header\) is truncated: its JSON ends before it is complete/],
  ];
  for (const [input, message] of cases) {
    const r = decodeToken(input);
    assert.equal(r.kind, "error", input);
    if (r.kind !== "error") continue;
    assert.equal(r.part, 1);
    if (typeof message === "string") assert.equal(r.message, message);
    else assert.match(r.message, message);
    assert.doesNotMatch(r.message, /Not a JWT/);
  }
});

test("a malformed payload is named: truncated, not valid JSON, not base64url (an invisible character by its code)", () => {
  const header = b64url('{"alg":"RS256"}');
  const full = b64url('{"aud":"api://x","upn":"person@contoso.test"}');
  const truncated = decodeToken(parts(header, full.slice(0, 16), "c2ln"));
  assert.deepEqual(truncated.kind === "error" && [truncated.part, truncated.message],
    [2, "Part 2 (payload) is truncated: its JSON ends before it is complete (part of the token may have been cut off when copying)"]);
  const broken = decodeToken(parts(header, b64url('{"aud":"x"}}'), "c2ln"));
  assert.equal(broken.kind === "error" && broken.message, "Part 2 (payload) is not valid JSON: the decoded text breaks at character 11");
  const zeroWidth = decodeToken(parts(header, `${full.slice(0, 5)}\u200B${full.slice(5)}`, "c2ln"));
  assert.equal(zeroWidth.kind === "error" && zeroWidth.message,
    "Part 2 (payload) is not valid base64url (invisible or direction-changing character U+200B (\\u200B) at position 6)");
  const rtl = decodeToken(parts(header, `\u202E${full}`, "c2ln"));
  assert.ok(rtl.kind === "error" && !rtl.message.includes("\u202E"), "the message never holds the character itself");
});

test("three parts with no JSON in the first two are opaque, and the reason says so without contradicting itself", () => {
  for (const input of ["0.ARoA" + "y".repeat(40) + ".AgABAAEAAAA", parts("AQID", "BAUG", "BwgJ"), "hello.world.foo"]) {
    const r = decodeToken(input);
    assert.equal(r.kind, "opaque", input);
    if (r.kind === "opaque") {
      assert.equal(r.reason, "Not a JWT: it has 3 dot-separated parts like a signed JWT, but neither its first nor its second part is base64url-encoded JSON.");
    }
  }
});

test("a signature is checked and counted, never decoded; 65,000 dots are counted, not split", () => {
  assert.deepEqual(base64UrlLength(fakeSignature(256)), { ok: true, bytes: 256, chars: 342 });
  assert.deepEqual(base64UrlLength("ab=="), { ok: true, bytes: 1, chars: 2 });
  assert.equal(base64UrlLength("a+b").ok, false);
  const dots = decodeToken(".".repeat(65_000));
  assert.equal(dots.kind === "opaque" && dots.reason, "Not a JWT: it has 65001 dot-separated parts, a JWT has 3 (signed) or 5 (encrypted).");
});

// The fast path (decodePlainJws): a bare, well-formed JWS goes through the engine's atob, which made decoding faster
// than jose (npm run bench, `decode`). It must give exactly what the careful path gives, for every input.
test("a bare JWS is decoded with the engine's base64 decoder (atob), not character by character", (t) => {
  const atob = t.mock.method(globalThis, "atob");
  const r = decodeToken(makeJwt({ aud: "https://management.azure.com", scp: "user_impersonation" }));
  assert.equal(r.kind, "jws");
  assert.equal(atob.mock.callCount(), 2, "header and payload");
});

test("the fast path and the careful path agree on every input: hostile, padded, standard base64, non-ASCII, prefixed", () => {
  const r = new Rand(rng(20261202));
  const nowSec = 1_700_000_000;
  const inputs = [
    ...knownHostileInputs(nowSec).map((h) => h.input), ...Array.from({ length: 3000 }, () => hostileInput(r, nowSec).input),
    makeJwt(payload), `${makeJwt(payload)}=`, makeJwt(payload).replace(/-/g, "+").replace(/_/g, "/"), `Bearer ${makeJwt(payload)}`,
    makeJwt(payload).replace(".", ".\f"), makeJwt({ a: "\u0001" }), makeJwt([1]), parts(b64url("{}"), b64url("{\"a\":1}"), "a"),
    parts(b64url("{}"), b64url("{}x"), ""), `${makeJwt(payload)}\u00a0`,
  ];
  const careful = (input: string) => {
    const saved = globalThis.atob;
    try {
      // Without atob (an engine that lacks it) only the careful path runs.
      (globalThis as { atob?: unknown }).atob = undefined;
      return decodeToken(input);
    } finally {
      globalThis.atob = saved;
    }
  };
  let fast = 0;
  for (const input of inputs) {
    const ours = decodeToken(input);
    // Claims nest 20,000 deep in some inputs: compared as bounded JSON text (no recursion), not with deepEqual.
    assert.equal(stringifyBounded(ours, { maxChars: 1e7 }).text, stringifyBounded(careful(input), { maxChars: 1e7 }).text, `input ${JSON.stringify(input.slice(0, 80))}`);
    if (ours.kind === "jws" && ours.cleanup.length === 0) fast++;
  }
  assert.ok(fast > 100, `the fast path was exercised (${fast} inputs)`);
});
