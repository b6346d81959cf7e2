import { test } from "node:test";
import assert from "node:assert/strict";
import { COPY_FORMATS, defaultRequestUrl, formatForCopy, PLACEHOLDER_URL, powershellSingleQuote, shellSingleQuote, type CopyFormat, type CopyResult } from "../../src/core/copyFormats";
import { decodeToken } from "../../src/core/jwt";
import { graphPayload, makeJwe, makeJwt } from "./helpers/makeJwt";

function text(r: CopyResult): string {
  assert.ok(r.ok, r.ok ? "" : r.message);
  return r.ok ? r.text : "";
}

const graph = makeJwt(graphPayload());
const arm = makeJwt(graphPayload({ aud: "https://management.core.windows.net/" }));
const custom = makeJwt(graphPayload({ aud: "api://my-api" }));

test("menu lists every format once, in a stable order, with labels", () => {
  assert.deepEqual(COPY_FORMATS.map((f) => f.id), ["raw", "header", "curl", "bash", "powershell", "restClient", "claimsJson"]);
  for (const f of COPY_FORMATS) assert.ok(f.label.length > 0 && f.detail.length > 0);
  assert.deepEqual(COPY_FORMATS.filter((f) => !f.containsToken).map((f) => f.id), ["claimsJson"]);
});

test("exact output of every format", () => {
  assert.equal(text(formatForCopy("raw", graph)), graph);
  assert.equal(text(formatForCopy("header", graph)), `Authorization: Bearer ${graph}`);
  assert.equal(text(formatForCopy("curl", graph)), `curl -H "Authorization: Bearer ${graph}" 'https://graph.microsoft.com/v1.0/me'`);
  assert.equal(text(formatForCopy("curl", arm)), `curl -H "Authorization: Bearer ${arm}" 'https://management.azure.com/subscriptions?api-version=2022-12-01'`);
  assert.equal(text(formatForCopy("curl", custom)), `curl -H "Authorization: Bearer ${custom}" '${PLACEHOLDER_URL}'`);
  assert.equal(text(formatForCopy("bash", graph)), `export AZURE_ACCESS_TOKEN='${graph}'`);
  assert.equal(text(formatForCopy("powershell", graph)), `$env:AZURE_ACCESS_TOKEN = '${graph}'`);
  assert.equal(text(formatForCopy("restClient", graph)), `@token = ${graph}\n\nGET https://graph.microsoft.com/v1.0/me\nAuthorization: Bearer {{token}}\n`);
  assert.equal(text(formatForCopy("claimsJson", graph)), JSON.stringify(graphPayload(), null, 2));
});

test("variable names are configurable and validated", () => {
  assert.equal(text(formatForCopy("bash", graph, { variableName: "TOKEN_2" })), `export TOKEN_2='${graph}'`);
  assert.equal(text(formatForCopy("powershell", graph, { variableName: "MyToken" })), `$env:MyToken = '${graph}'`);
  assert.match(text(formatForCopy("restClient", graph, { httpVariableName: "graphToken" })), /^@graphToken = .*\n\nGET .*\nAuthorization: Bearer \{\{graphToken\}\}\n$/);
  for (const bad of ["1ABC", "A B", "A;rm -rf ~", "$(x)", "", "A-B"]) {
    const r = formatForCopy("bash", graph, { variableName: bad });
    assert.equal(r.ok, false, bad);
    assert.equal(formatForCopy("powershell", graph, { variableName: bad }).ok, false, bad);
  }
});

test("a pasted 'Bearer …' is not doubled", () => {
  assert.equal(text(formatForCopy("header", `Bearer ${graph}\n`)), `Authorization: Bearer ${graph}`);
});

test("URLs: custom, sovereign cloud defaults, hostile values quoted or refused", () => {
  assert.equal(text(formatForCopy("curl", graph, { url: "https://graph.microsoft.com/v1.0/users?$top=1&$select=id" })),
    `curl -H "Authorization: Bearer ${graph}" 'https://graph.microsoft.com/v1.0/users?$top=1&$select=id'`);
  assert.equal(text(formatForCopy("curl", graph, { url: "https://x.example/it's" })),
    `curl -H "Authorization: Bearer ${graph}" 'https://x.example/it'\\''s'`);
  for (const url of ["https://x.example/\nAuthorization: evil", "file:///etc/passwd", "javascript:alert(1)", "not a url", "https://x.example/a b"]) {
    assert.equal(formatForCopy("curl", graph, { url }).ok, false, url);
    assert.equal(formatForCopy("restClient", graph, { url }).ok, false, url);
  }
  const usgov = decodeToken(makeJwt(graphPayload({ aud: "https://graph.microsoft.us" })));
  assert.equal(defaultRequestUrl(usgov), "https://graph.microsoft.us/v1.0/me");
  const armGov = decodeToken(makeJwt(graphPayload({ aud: "https://management.core.usgovcloudapi.net/" })));
  assert.equal(defaultRequestUrl(armGov), "https://management.usgovcloudapi.net/subscriptions?api-version=2022-12-01");
  // A hostile audience never reaches the URL: unknown audiences get the placeholder.
  const hostile = decodeToken(makeJwt(graphPayload({ aud: "https://evil.example/$(rm -rf ~)'" })));
  assert.equal(defaultRequestUrl(hostile), PLACEHOLDER_URL);
  assert.equal(defaultRequestUrl(decodeToken(makeJwe())), PLACEHOLDER_URL);
});

test("hostile tokens are single-quoted for shells and refused for headers and .http files", () => {
  const evil = "abc'$(touch${IFS}/tmp/pwned)`x`\"";
  assert.equal(text(formatForCopy("bash", evil)), `export AZURE_ACCESS_TOKEN='abc'\\''$(touch\${IFS}/tmp/pwned)\`x\`"'`);
  assert.equal(text(formatForCopy("powershell", evil)), `$env:AZURE_ACCESS_TOKEN = 'abc''$(touch\${IFS}/tmp/pwned)\`x\`"'`);
  assert.equal(text(formatForCopy("curl", evil, { url: "https://a.example/" })), `curl -H 'Authorization: Bearer abc'\\''$(touch\${IFS}/tmp/pwned)\`x\`"' 'https://a.example/'`);
  assert.equal(formatForCopy("header", evil).ok, false);
  assert.equal(formatForCopy("restClient", "{{$processEnv HOME}}").ok, false);
});

test("shell quoting helpers", () => {
  assert.equal(shellSingleQuote(""), "''");
  assert.equal(shellSingleQuote("a'b"), "'a'\\''b'");
  assert.equal(powershellSingleQuote("a'b"), "'a''b'");
  // PowerShell treats typographic single quotes as quotes too.
  assert.equal(powershellSingleQuote("a\u2019b\u2018c"), "'a\u2019\u2019b\u2018\u2018c'");
});

test("claims JSON needs a decodable token; empty tokens are refused everywhere", () => {
  const r = formatForCopy("claimsJson", makeJwe());
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.message, /^No claims to copy: Encrypted/);
  const hostile = makeJwt({ name: "<script>alert(1)</script>" });
  assert.equal(JSON.parse(text(formatForCopy("claimsJson", hostile))).name, "<script>alert(1)</script>");
  for (const f of COPY_FORMATS.map((x) => x.id as CopyFormat)) {
    assert.equal(formatForCopy(f, "  ").ok, false, f);
  }
});

test("Copy as decoded claims: arrays 5,000 deep, 1e400, prototype keys and invisible characters give valid JSON of the same claims", () => {
  const b = (s: string) => Buffer.from(s).toString("base64url");
  const deep = `${"[".repeat(5000)}"x"${"]".repeat(5000)}`;
  const json = `{"aud":"api://x\u202Eevil","acct":{"toString":1},"deep":${deep},"exp":1e400,"__proto__":{"a":1}}`;
  const token = [b('{"alg":"RS256"}'), b(json), b("sig")].join(".");
  const copied = text(formatForCopy("claimsJson", token));
  assert.ok(!copied.includes("\u202E"), "invisible characters are \\u escapes");
  assert.match(copied, /"aud": "api:\/\/x\\u202Eevil"/);
  assert.match(copied, /"exp": 1e999/);
  const back = JSON.parse(copied);
  const original = JSON.parse(json);
  assert.deepEqual(Object.keys(back), ["aud", "acct", "deep", "exp", "__proto__"]);
  assert.equal(back.aud, original.aud);
  assert.deepEqual(back.acct, { toString: 1 });
  assert.equal(back.exp, Infinity);
  assert.deepEqual(back.__proto__, { a: 1 });
  let d = back.deep;
  for (let i = 0; i < 5000; i++) d = d[0];
  assert.equal(d, "x", "all 5,000 levels are there");
  assert.ok(copied.length < 20_000, `${copied.length} characters: deep levels are compact`);
  for (const f of COPY_FORMATS) assert.equal(typeof formatForCopy(f.id, token).ok, "boolean", f.id);
});
