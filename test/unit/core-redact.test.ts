import { test } from "node:test";
import assert from "node:assert/strict";
import { maskToken, redact, REDACTED, REDACTED_JWT, SecretRegistry } from "../../src/core/redact";
import { makeJwe, makeJwt } from "./helpers/makeJwt";

const jws = makeJwt({ sub: "x", upn: "someone@example.com" });

test("masks JWS and JWE shaped strings anywhere in a line", () => {
  const jwe = makeJwe();
  const out = redact(`token ${jws} and ${jwe}, done`);
  assert.equal(out, `token ${REDACTED_JWT} and ${REDACTED_JWT}, done`);
  assert.ok(!out.includes(jws.split(".")[1]));
  assert.equal(redact(`x=${makeJwt({ a: 1 }, undefined, "")}`), `x=${REDACTED_JWT}`);
  assert.equal(redact(`u=/cb%23id_token%3D${jws}&x=1`), `u=/cb%23id_token%3D${REDACTED_JWT}&x=1`);
  assert.equal(redact(`Bearer%20${jws}`), `Bearer%20${REDACTED_JWT}`);
});

test("stays fast on long hostile input", () => {
  for (const s of ["eyJ".repeat(20_000), "eyJa.".repeat(12_000), "Bearer ".repeat(10_000), '"code": "'.repeat(6_000)]) {
    const t = Date.now();
    redact(s, ["some-secret"], { singleLine: true });
    assert.ok(Date.now() - t < 1000, s.slice(0, 10));
  }
});

test("masks Bearer and Basic credentials, keeps prose and WWW-Authenticate params", () => {
  assert.equal(redact("Authorization: Bearer abc.def-ghi_123"), `Authorization: Bearer ${REDACTED}`);
  assert.equal(redact("authorization: bearer x"), `authorization: bearer ${REDACTED}`);
  assert.equal(redact(`Authorization: Bearer ${jws}`), `Authorization: Bearer ${REDACTED_JWT}`);
  assert.equal(redact("Authorization: Basic dXNlcjpwYXNzd29yZA=="), `Authorization: Basic ${REDACTED}`);
  assert.equal(redact('{"Authorization":"Bearer opaqueValue123"}'), `{"Authorization":"Bearer ${REDACTED}"}`);
  assert.equal(redact("The Bearer token expired."), "The Bearer token expired.");
  assert.equal(redact('WWW-Authenticate: Bearer realm="", error="insufficient_claims"'), 'WWW-Authenticate: Bearer realm="", error="insufficient_claims"');
});

test("masks each OAuth secret parameter in query, form and JSON forms", () => {
  for (const key of ["access_token", "refresh_token", "id_token", "client_secret", "code", "assertion", "client_assertion"]) {
    assert.equal(redact(`https://x.example/cb?state=1&${key}=s3cr3tVALUE&b=2`), `https://x.example/cb?state=1&${key}=${REDACTED}&b=2`, key);
    assert.equal(redact(`grant_type=x&${key}=s3cr3t%2BVALUE`), `grant_type=x&${key}=${REDACTED}`, key);
    assert.equal(redact(`{"${key}": "s3cr3t\\"VALUE", "other": "keep"}`), `{"${key}": "${REDACTED}", "other": "keep"}`, key);
    assert.equal(redact(`{'${key}':'s3cr3tVALUE'}`), `{'${key}':'${REDACTED}'}`, key);
    assert.equal(redact(`${key.toUpperCase()}=abc`), `${key.toUpperCase()}=${REDACTED}`, key);
  }
  // URL-encoded nested redirect
  assert.equal(redact("next=%2Fcb%3Fcode%3Dabc123"), `next=%2Fcb%3Fcode%3D${REDACTED}`);
  // Look-alike keys are left alone.
  assert.equal(redact("error_code=AADSTS50076 postcode=12345 barcode: \"9\""), "error_code=AADSTS50076 postcode=12345 barcode: \"9\"");
  assert.equal(redact('{"token_type": "Bearer", "expires_in": 3599}'), '{"token_type": "Bearer", "expires_in": 3599}');
});

test("masks registered secrets, raw and URL-encoded, via a list or a registry", () => {
  const secret = "abc8Q~p/q+r s&t";
  const line = `raw=${secret} enc=${encodeURIComponent(secret)} form=${encodeURIComponent(secret).replace(/%20/g, "+")}`;
  assert.equal(redact(line, [secret]), `raw=${REDACTED} enc=${REDACTED} form=${REDACTED}`);
  const reg = new SecretRegistry();
  const dispose = reg.register(secret);
  assert.equal(reg.size, 1);
  assert.equal(redact(line, reg), `raw=${REDACTED} enc=${REDACTED} form=${REDACTED}`);
  assert.equal(reg.redact(`x ${secret} y`), `x ${REDACTED} y`);
  dispose();
  dispose(); // idempotent
  assert.equal(reg.size, 0);
  assert.equal(redact(`x ${secret} y`, reg), `x ${secret} y`);
});

test("registry counts registrations, ignores short secrets, unregister and clear", () => {
  const reg = new SecretRegistry();
  reg.register("password-1");
  reg.register("password-1");
  reg.unregister("password-1");
  assert.ok(reg.has("password-1"));
  reg.unregister("password-1");
  assert.ok(!reg.has("password-1"));
  reg.register("abc");
  assert.equal(reg.size, 0);
  assert.equal(redact("a abc b", ["abc"]), "a abc b");
  reg.register("another-secret");
  reg.clear();
  assert.equal(reg.size, 0);
});

test("longer secrets are replaced before their substrings", () => {
  assert.equal(redact("k=secret-long-value", ["secret-l", "secret-long-value"]), `k=${REDACTED}`);
});

test("strips CR/LF only when asked", () => {
  const forged = "user input\r\n[error] forged line\u2028more";
  assert.equal(redact(forged, undefined, { singleLine: true }), "user input [error] forged line more");
  assert.equal(redact("a\nb"), "a\nb");
});

test("odd input doesn't throw", () => {
  assert.equal(redact(undefined as unknown as string), "");
  assert.equal(redact("\ud800 lone surrogate", ["\ud800 lone surrogate"]), REDACTED);
  assert.equal(redact("x".repeat(100_000)).length, 100_000);
});

test("maskToken", () => {
  const t = "abcdef" + "x".repeat(100) + "wxyz";
  assert.equal(maskToken(t), `abcdef…wxyz (${t.length} chars)`);
  assert.equal(maskToken("short-secret"), "•••• (12 chars)");
  assert.equal(maskToken(""), "(empty)");
  const m = maskToken(jws);
  assert.ok(m.startsWith(jws.slice(0, 6)) && m.includes(`(${jws.length} chars)`));
  assert.ok(!m.includes(jws.split(".")[1]));
});
