import { test } from "node:test";
import assert from "node:assert/strict";
import { maskToken, redact, redactError, REDACTED, REDACTED_JWT, REDACTED_PRIVATE_KEY, SECRET_PARAMETERS, SecretRegistry } from "../../src/core/redact";
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

// ---------------------------------------------------------------- one table per pattern (input → expected output)

const J = REDACTED_JWT;
const R = REDACTED;
const K = REDACTED_PRIVATE_KEY;

/** Each row: input, expected output. Every row is also checked to be a fixed point (redacting twice changes nothing). */
function table(name: string, rows: ReadonlyArray<readonly [string, string]>, secrets?: string[]): void {
  test(`table: ${name}`, () => {
    for (const [input, expected] of rows) {
      const out = redact(input, secrets);
      assert.equal(out, expected, `input: ${JSON.stringify(input)}`);
      assert.equal(redact(out, secrets), out, `idempotent: ${JSON.stringify(input)}`);
    }
  });
}

const [h, p, sig] = jws.split(".");
const jwe = makeJwe();

table("JWS / JWE", [
  [`a ${jws} b`, `a ${J} b`],
  [`a ${jwe} b`, `a ${J} b`],
  // split by a line break: in the header, in the claims, at a dot, in the signature (a wrapped token on its own lines)
  [`a ${h.slice(0, 10)}\n${h.slice(10)}.${p}.${sig} b`, `a ${J} b`],
  [`a ${h}.${p.slice(0, 20)}\r\n  ${p.slice(20)}.${sig} b`, `a ${J} b`],
  [`a ${h}.\n${p}\n.${sig} b`, `a ${J} b`],
  [`a:\n${h}.${p}.${sig.slice(0, 40)}\n${sig.slice(40)}\nnext line`, `a:\n${J}\nnext line`],
  // %2E dots, either case
  [`u=${h}%2E${p}%2e${sig}&x=1`, `u=${J}&x=1`],
  // right after a letter, a digit, '_' or a %-escape
  [`token${jws}`, `token${J}`],
  [`access_token_${jws}`, `access_token_${J}`],
  [`9${jws}`, `9${J}`],
  [`a%3D${jws}`, `a%3D${J}`],
  // empty signature (alg none), a sentence's full stop, a cut-off token (header and claims only)
  [`x=${h}.${p}.`, `x=${J}`],
  [`See ${jws}.`, `See ${J}.`],
  [`cut ${h}.${p}`, `cut ${J}`],
  // any three long dotted base64url runs
  [`t ${"A".repeat(24)}.${"b".repeat(30)}.${"C".repeat(12)} end`, `t ${J} end`],
  // left alone: the line after a token, names with dots, a lone header, a GUID on the next line
  [`${jws}\nCorrelation ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333`, `${J}\nCorrelation ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333`],
  [`${jws}\n0000aaaa-11bb-cccc-dd22-eeeeee333333`, `${J}\n0000aaaa-11bb-cccc-dd22-eeeeee333333`],
  ["login.microsoftonline.com v1.2.3 Microsoft.Authentication.WebAccountProvider", "login.microsoftonline.com v1.2.3 Microsoft.Authentication.WebAccountProvider"],
  [`header ${h} only`, `header ${h} only`],
]);

table("Bearer / Basic / PoP", [
  ["Authorization: Bearer abc.def-ghi_123", `Authorization: Bearer ${R}`],
  ["authorization: bearer x", `authorization: bearer ${R}`],
  ["Bearer%20opaque123", `Bearer%20${R}`],
  [`Authorization: Bearer ${jws}`, `Authorization: Bearer ${J}`],
  ["Authorization: Basic dXNlcjpwYXNzd29yZA==", `Authorization: Basic ${R}`],
  ["Authorization: PoP eyQm9keSBvZiB0aGUgcG9w", `Authorization: PoP ${R}`],
  ["The Bearer token expired. Bearer tokens, Bearer authentication.", "The Bearer token expired. Bearer tokens, Bearer authentication."],
  ['WWW-Authenticate: Bearer realm="", error="insufficient_claims"', 'WWW-Authenticate: Bearer realm="", error="insufficient_claims"'],
  ["basic settings, basic auth, a pop up window", "basic settings, basic auth, a pop up window"],
]);

// Every parameter (and its camelCase form) in every form; `code` values that are plain numbers stay.
const CAMEL: Record<string, string> = {
  access_token: "accessToken", refresh_token: "refreshToken", id_token: "idToken", client_secret: "clientSecret",
  client_assertion: "clientAssertion", code_verifier: "codeVerifier",
};
const forms = (key: string): Array<readonly [string, string]> => [
  [`https://x.example/cb?state=1&${key}=s3cr3t%2BVALUE&b=2`, `https://x.example/cb?state=1&${key}=${R}&b=2`],
  [`${key}=s3cr3tVALUE ok`, `${key}=${R} ok`],
  [`{"${key}": "s3cr3t\\"VALUE", "other": "keep"}`, `{"${key}": "${R}", "other": "keep"}`],
  [`{'${key}':'s3cr3tVALUE'}`, `{'${key}':'${R}'}`],
  [`"{\\"${key}\\":\\"s3cr3t\\\\\\"VALUE\\",\\"other\\":\\"keep\\"}"`, `"{\\"${key}\\":\\"${R}\\",\\"other\\":\\"keep\\"}"`],
  [`next=%2Fcb%3F${key}%3Ds3cr3tVALUE%26b%3D2`, `next=%2Fcb%3F${key}%3D${R}%26b%3D2`],
  [`${key.replace(/_/g, "%5F")}=s3cr3tVALUE&b=2`, `${key.replace(/_/g, "%5F")}=${R}&b=2`],
  [`%7B%22${key}%22%3A%22s3cr3tVALUE%22%7D`, `%7B%22${key}%22%3A%22${R}%22%7D`],
  [`&quot;${key}&quot;:&quot;s3cr3tVALUE&quot;`, `&quot;${key}&quot;:&quot;${R}&quot;`],
  [`${key}: s3cr3tVALUE`, `${key}: ${R}`],
  [`${key.toUpperCase()}=abc`, `${key.toUpperCase()}=${R}`],
  ...(CAMEL[key] ? [[`${CAMEL[key]}=s3cr3tVALUE&b=2`, `${CAMEL[key]}=${R}&b=2`], [`{"${CAMEL[key]}":"s3cr3tVALUE"}`, `{"${CAMEL[key]}":"${R}"}`]] as const : []),
];
table("OAuth secret parameters and password: key=value, JSON, escaped JSON, URL-encoded, camelCase", SECRET_PARAMETERS.flatMap(forms));

table("parameters: what stays", [
  ["see https://login.microsoftonline.com/error?code=50058", "see https://login.microsoftonline.com/error?code=50058"],
  ['{"code": 50058, "code": "70011", "error_codes": [50076]}', '{"code": 50058, "code": "70011", "error_codes": [50076]}'],
  ["invalid_client Status code: 401; error code: AADSTS50076", "invalid_client Status code: 401; error code: AADSTS50076"],
  ['error_code=AADSTS50076 postcode=12345 barcode: "9" response_type=code', 'error_code=AADSTS50076 postcode=12345 barcode: "9" response_type=code'],
  ['{"token_type": "Bearer", "expires_in": 3599, "access_token": null, "id_token": ""}', '{"token_type": "Bearer", "expires_in": 3599, "access_token": null, "id_token": ""}'],
  ["client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&grant_type=password", "client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&grant_type=password"],
  ["The password is wrong. Enter password: now", "The password is wrong. Enter password: now"],
  ["AADSTS90014: The required field 'client_assertion' is missing.", "AADSTS90014: The required field 'client_assertion' is missing."],
]);

table("parameters: prefixes, code and odd values", [
  ["AZURE_CLIENT_SECRET=abc123def x_id_token=abc", `AZURE_CLIENT_SECRET=${R} x_id_token=${R}`],
  ["code=0.AXYZauthcode&state=1 authorization code: 0.AXYZauthcode", `code=${R}&state=1 authorization code: ${R}`],
  ['{"password":"a\\\\"}, next', `{"password":"${R}"}, next`],
  ['password="unterminated\nnext line', `password="${R}\nnext line`],
  [`access_token=${jws}&x=1`, `access_token=${J}&x=1`],
]);

const pemBody = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n";
table("PEM private-key blocks", [
  [`key:\n-----BEGIN ${"PRIVATE"} KEY-----\n${pemBody}-----END PRIVATE KEY-----\nafter`, `key:\n${K}\nafter`],
  [`-----BEGIN RSA ${"PRIVATE"} KEY-----\r\nProc-Type: 4,ENCRYPTED\r\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\r\n\r\n${pemBody}-----END RSA PRIVATE KEY-----`, K],
  [`-----BEGIN OPENSSH ${"PRIVATE"} KEY-----\n${pemBody}-----END OPENSSH PRIVATE KEY-----`, K],
  [`-----BEGIN ENCRYPTED ${"PRIVATE"} KEY-----\n${pemBody}-----END ENCRYPTED PRIVATE KEY-----`, K],
  [`{"key":"-----BEGIN EC ${"PRIVATE"} KEY-----\\n${pemBody.replace(/\n/g, "\\n")}-----END EC PRIVATE KEY-----\\n"}`, `{"key":"${K}\\n"}`],
  [`truncated: -----BEGIN ${"PRIVATE"} KEY-----\n${pemBody}`, `truncated: ${K}\n`],
  [`-----BEGIN CERTIFICATE-----\n${pemBody}-----END CERTIFICATE-----`, `-----BEGIN CERTIFICATE-----\n${pemBody}-----END CERTIFICATE-----`],
]);

const registered = "p@ss w0rd/+\"x\\y";
table("registered secrets: raw, URL-encoded, form-encoded, JSON-escaped, escaped twice", [
  [`raw ${registered} end`, `raw ${R} end`],
  [`enc ${encodeURIComponent(registered)} end`, `enc ${R} end`],
  [`lower ${encodeURIComponent(registered).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())} end`, `lower ${R} end`],
  [`form ${encodeURIComponent(registered).replace(/%20/g, "+")} end`, `form ${R} end`],
  [`json ${JSON.stringify({ v: registered })}`, `json {"v":"${R}"}`],
  [`twice ${JSON.stringify(JSON.stringify({ v: registered }))}`, `twice "{\\"v\\":\\"${R}\\"}"`],
], [registered]);

table("Entra client-secret-shaped strings", [
  ["secret abc8Q~abcdefghijklmnopqrstuvwxyz0123456 end", `secret ${R} end`],
  ["Q~ alone and ab1Q~short stay", "Q~ alone and ab1Q~short stay"],
]);

test("the one redactor covers what scrubSecrets covered, in the one placeholder style", () => {
  const secret = `xyz${"8Q~"}${"Ab1".repeat(12)}`;
  const out = redact(`request failed: access_token=${jws}&refresh_token=0.AAAArefreshvalue123&client_secret=${secret} {"accessToken": "${jws}"} password: hunter2hunter2`);
  assert.equal(out, `request failed: access_token=${J}&refresh_token=${R}&client_secret=${R} {"accessToken": "${J}"} password: ${R}`);
  assert.doesNotMatch(out, /\[redacted/, "no second placeholder style");
});

// ---------------------------------------------------------------- errors handed to an API caller

test("redactError: a copy with the same prototype, name and fields, every string redacted", () => {
  class InvalidArgumentError extends Error {
    override readonly name = "InvalidArgumentError";
  }
  const cause = Object.assign(new Error(`upstream said Bearer ${jws}`), { code: "ECONNRESET" });
  const original = Object.assign(new InvalidArgumentError(`Argument 'tenant': '${jws}' is not a tenant`, { cause }), {
    statusCode: 400,
    retryAfterSec: 5,
    errorResponse: { error: "invalid_request", errorDescription: `client_secret=abc123def sent`, password: "hunter2hunter2" },
    request: new (class PipelineRequest { headers = { authorization: `Bearer ${jws}` }; })(),
  });
  const copy = redactError(original) as InvalidArgumentError & typeof original;
  assert.ok(copy instanceof InvalidArgumentError && copy instanceof Error);
  assert.equal(copy.name, "InvalidArgumentError");
  assert.equal(copy.message, `Argument 'tenant': '${J}' is not a tenant`);
  assert.match(String(copy.stack), /^InvalidArgumentError: Argument 'tenant': '\[REDACTED JWT\]' is not a tenant\n\s+at /);
  assert.equal(copy.statusCode, 400);
  assert.equal(copy.retryAfterSec, 5);
  assert.equal((copy.cause as Error).message, `upstream said Bearer ${J}`);
  assert.equal((copy.cause as { code?: string }).code, "ECONNRESET");
  assert.deepEqual({ ...copy.errorResponse }, { error: "invalid_request", errorDescription: `client_secret=${R} sent`, password: R });
  assert.equal(copy.request, undefined, "class instances inside (requests, headers) are dropped");
  assert.ok(!JSON.stringify(Object.getOwnPropertyNames(copy).map((k) => String((copy as unknown as Record<string, unknown>)[k]))).includes(p));
  // The same keys, the same enumerability: `message` and `stack` stay non-enumerable.
  assert.deepEqual(Object.keys(copy).sort(), Object.keys(original).sort());
  assert.equal(Object.getOwnPropertyDescriptor(copy, "message")?.enumerable, false);
  // A registry-aware redaction can be passed in; a thrown string stays a string; cycles are fine.
  const reg = new SecretRegistry();
  reg.register("typed-secret-1");
  assert.equal((redactError(new Error("x typed-secret-1"), (t) => reg.redact(t)) as Error).message, `x ${R}`);
  assert.equal(redactError(`password=hunter2hunter2`), `password=${R}`);
  const loop = new Error("loop") as Error & { self?: unknown };
  loop.self = loop;
  const l = redactError(loop) as typeof loop;
  assert.equal(l.self, l);
});
