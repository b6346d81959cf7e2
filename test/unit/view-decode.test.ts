import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeToken, MAX_TOKEN_CHARS, singleJwtIn } from "../../src/core/jwt";
import { b64url, makeJwt, parts } from "./helpers/makeJwt";

const jwt = makeJwt({ aud: "api://x", exp: 1 });

test("a selection with one JWT among other text decodes just that JWT", () => {
  assert.equal(singleJwtIn(`token = ${jwt}\n`), jwt);
  assert.equal(singleJwtIn(`{"access_token": "${jwt}", "expires_in": 3599}`), jwt);
  assert.equal(singleJwtIn(`  Bearer ${jwt}  `), `  Bearer ${jwt}  `, "input that decodes as it is stays as it is");
  const two = `${jwt} ${makeJwt({ aud: "y" })}`;
  assert.equal(singleJwtIn(two), two, "two tokens: ambiguous, left alone (and reported as malformed)");
  assert.equal(singleJwtIn("no token here"), "no token here");
});

test("malformed pasted tokens get a message naming the part (decode edge cases the command relies on)", () => {
  const cases: [string, RegExp][] = [
    [parts(b64url('{"alg":"RS256"}'), b64url("{nope"), "c2ln"), /^Part 2 \(payload\) is not valid JSON/],
    [parts(b64url('{"alg":"RS256"}'), "ab+c", "c2ln"), /^Part 2 \(payload\) is not valid base64url \(character '\+' at position 3; that is standard base64/],
    [parts(b64url('{"alg":"RS256"}'), b64url(String.fromCharCode(0, 1, 2, 3)), "c2ln"), /^Part 2 \(payload\) decodes to binary data/],
    [parts(b64url('{"alg":"RS256"}'), b64url('{"a":1}'), "sig!"), /^Part 3 \(signature\) is not valid base64url/],
    [parts("eyJhbGciOiJSUzI1NiJ9x", b64url('{"a":1}'), "c2ln"), /^Part 1 \(header\)/],
    ["x".repeat(MAX_TOKEN_CHARS + 1), /too large/],
  ];
  for (const [input, message] of cases) {
    const d = decodeToken(input);
    assert.equal(d.kind, "error", input.slice(0, 40));
    if (d.kind === "error") assert.match(d.message, message);
  }
  assert.equal(decodeToken(parts(b64url('{"alg":"RS256"}'), b64url('{"a":1}'))).kind, "opaque", "two parts: not a JWT, says why");
});
