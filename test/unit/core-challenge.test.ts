import { test } from "node:test";
import assert from "node:assert/strict";
import { claimsToSatisfy, looksLikeChallenge, MAX_CHALLENGE_INPUT_CHARS, paramOf, parseChallenge, type ParsedChallenge } from "../../src/core/challenge";
import { checkClaims, explainChallenge } from "../../src/core/challengeExplain";

const b64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");
const ACRS_C1 = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
const CAE_NBF = '{"access_token":{"nbf":{"essential":true, "value":"1726000000"}}}';
const XMS_CC = '{"access_token":{"xms_cc":{"values":["cp1"]}}}';
const ARM = 'Bearer authorization_uri="https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47", error="invalid_token", error_description="The access token is missing or invalid."';

function ok(input: string): ParsedChallenge {
  const parsed = parseChallenge(input);
  assert.ok(parsed.ok, `expected a challenge, got: ${parsed.ok ? "" : parsed.message}`);
  return parsed;
}

const params = (p: ParsedChallenge, i = 0) => Object.fromEntries(p.challenges[i].params.map((x) => [x.name, x.value]));

test("every Bearer parameter, quoted, unquoted and with escapes", () => {
  const p = ok(`Bearer realm="contoso \\"API\\"", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error=insufficient_claims, `
    + `error_description="A claims challenge", claims="${b64url(ACRS_C1)}", client_id="00000003-0000-0000-c000-000000000000", resource_id="https://graph.microsoft.com", resource="r", scope="User.Read Mail.Read"`);
  assert.deepEqual(params(p), {
    realm: 'contoso "API"', authorization_uri: "https://login.microsoftonline.com/common/oauth2/authorize", error: "insufficient_claims",
    error_description: "A claims challenge", claims: b64url(ACRS_C1), client_id: "00000003-0000-0000-c000-000000000000",
    resource_id: "https://graph.microsoft.com", resource: "r", scope: "User.Read Mail.Read",
  });
  assert.deepEqual(p.challenges[0].claims, { ok: true, json: ACRS_C1, items: [{ target: "access_token", claim: "acrs", essential: true, values: ["c1"] }] });
});

const SHAPES: { name: string; input: string; status?: number; schemes: string[] }[] = [
  { name: "a header value", input: ARM, schemes: ["Bearer"] },
  { name: "a header line, any case", input: `www-authenticate: ${ARM}`, schemes: ["Bearer"] },
  {
    name: "a whole 401 response with a JSON body",
    input: `HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nWWW-Authenticate: ${ARM}\r\n\r\n{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty."}}`,
    status: 401, schemes: ["Bearer"],
  },
  { name: "HTTP/2 with two WWW-Authenticate lines", input: `HTTP/2 401\nwww-authenticate: Bearer realm="a"\nwww-authenticate: Basic realm="b"\n`, status: 401, schemes: ["Bearer", "Basic"] },
  { name: "several challenges in one header", input: 'PoP nonce="abc", Bearer realm="", error="invalid_token", Negotiate', schemes: ["PoP", "Bearer", "Negotiate"] },
  { name: "a token68 scheme before Bearer", input: "Negotiate YIIabc==, Bearer realm=x", schemes: ["Negotiate", "Bearer"] },
  { name: "a folded header line", input: 'WWW-Authenticate: Bearer realm="a",\n  error="invalid_token"', schemes: ["Bearer"] },
];

for (const shape of SHAPES) {
  test(`reads ${shape.name}`, () => {
    const p = ok(shape.input);
    assert.deepEqual(p.challenges.map((c) => c.scheme), shape.schemes);
    assert.equal(p.status, shape.status);
  });
}

test("the body's error is read; the folded line keeps its parameters", () => {
  assert.deepEqual(ok(SHAPES[2].input).bodyError, { code: "InvalidAuthenticationToken", message: "Access token is empty." });
  assert.equal(paramOf(ok(SHAPES[6].input).challenges[0], "error"), "invalid_token");
});

const BAD: { name: string; input: unknown; message: RegExp }[] = [
  { name: "empty", input: "  ", message: /^The input is empty$/ },
  { name: "not text", input: 42, message: /not text/ },
  { name: "too large", input: "x".repeat(MAX_CHALLENGE_INPUT_CHARS + 1), message: /too large/ },
  { name: "Basic only", input: 'Basic realm="intranet"', message: /^Not a Bearer challenge: the API asks for Basic authentication/ },
  { name: "a 401 without the header", input: "HTTP/1.1 401 Unauthorized\nContent-Length: 0\n", message: /has no WWW-Authenticate header/ },
  { name: "parameters without a scheme", input: 'error="invalid_token"', message: /starts with the parameter error, not with a scheme/ },
  { name: "an unclosed quote", input: 'Bearer realm="abc', message: /value of realm has an opening quote that is never closed/ },
  { name: "a stray character", input: "Bearer realm=a, @", message: /unexpected character '@' at position 17/ },
];

for (const bad of BAD) {
  test(`refuses ${bad.name} with a specific message`, () => {
    const parsed = parseChallenge(bad.input);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.message, bad.message);
  });
}

const BAD_CLAIMS: { name: string; claims: string; problem: RegExp }[] = [
  { name: "not base64url", claims: "abc$def", problem: /^The claims parameter is not base64url: .*character '\$'/ },
  { name: "not JSON", claims: b64url("acrs=c1"), problem: /^The claims parameter is not JSON once decoded/ },
  { name: "not UTF-8", claims: Buffer.from([0xff, 0xfe, 0x7b]).toString("base64url"), problem: /not UTF-8/ },
  { name: "a JSON array", claims: b64url("[1,2]"), problem: /JSON but not a claims request: it should be an object/ },
  { name: "no known target", claims: b64url('{"acrs":"c1"}'), problem: /JSON but not a claims request: it names no claims/ },
];

for (const bad of BAD_CLAIMS) {
  test(`claims ${bad.name}: a specific problem, and nothing to satisfy`, () => {
    const p = ok(`Bearer error="insufficient_claims", claims="${bad.claims}"`);
    const claims = p.challenges[0].claims;
    assert.ok(claims && !claims.ok);
    if (claims && !claims.ok) assert.match(claims.problem, bad.problem);
    assert.equal(claimsToSatisfy(p), undefined);
    const explained = explainChallenge(p);
    assert.equal(explained.satisfiable, false);
    assert.ok(explained.findings.some((f) => f.severity === "error" && bad.problem.test(f.message)));
  });
}

test("standard base64 claims (some APIs send them) are accepted", () => {
  const std = Buffer.from('{"access_token":{"acrs":{"essential":true,"value":"c2"}},"n":"?>?"}').toString("base64");
  assert.match(std, /[+/]/);
  const p = ok(`Bearer claims="${std}"`);
  assert.deepEqual(p.challenges[0].claims?.ok && p.challenges[0].claims.items[0].values, ["c2"]);
});

const EXPLAINED: { name: string; header: string; summary: RegExp; messages: RegExp[]; satisfiable: boolean }[] = [
  {
    name: "a CAE revocation or location change (nbf)",
    header: `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${b64url(CAE_NBF)}"`,
    summary: /^The API wants a new token with nbf 1726000000/,
    messages: [/^insufficient_claims: the API wants a token with other claims/, /^Continuous Access Evaluation: the API accepts only a token issued after 2024-09-10 20:26:40 UTC\.$/, /trusts tokens from https:\/\/login\.microsoftonline\.com\/common.*\(tenant common\)/],
    satisfiable: true,
  },
  {
    name: "an authentication context",
    header: `Bearer error="insufficient_claims", claims="${b64url(ACRS_C1)}"`,
    summary: /^The API wants a new token with acrs c1/, messages: [/^Conditional Access authentication context c1 is required\.$/], satisfiable: true,
  },
  {
    name: "an authentication context that is not c1…c99",
    header: `Bearer error="insufficient_claims", claims="${b64url('{"access_token":{"acrs":{"essential":true,"values":["c100","x"]}}}')}"`,
    summary: /^The API wants a new token/, messages: [/authentication context that Entra does not have: c100, x/], satisfiable: true,
  },
  {
    name: "a CAE-capable client",
    header: `Bearer error="insufficient_claims", claims="${b64url(XMS_CC)}"`,
    summary: /xms_cc cp1/, messages: [/^The API asks for a CAE-capable client \(xms_cc cp1\)\.$/], satisfiable: true,
  },
  {
    name: "invalid_token, expired",
    header: 'Bearer error="invalid_token", error_description="The token is expired"',
    summary: /^The API wants a valid token: it has expired\.$/, messages: [/^invalid_token: the API rejected the token: it has expired\.$/], satisfiable: false,
  },
  {
    name: "invalid_token, wrong audience, with the resource",
    header: 'Bearer error="invalid_token", error_description="Invalid audience", resource_id="api://contoso-orders"',
    summary: /another audience/, messages: [/another audience/, /^The token's audience must be api:\/\/contoso-orders\.$/], satisfiable: false,
  },
  {
    name: "ARM's missing token",
    header: ARM,
    summary: /no token was sent/, messages: [/tenant 72f988bf-86f1-41af-91ab-2d7cd011db47/], satisfiable: false,
  },
  {
    name: "insufficient_scope",
    header: 'Bearer error="insufficient_scope", scope="Orders.Write"',
    summary: /^The API wants a token with more permissions: Orders\.Write\.$/, messages: [/lacks a permission the API needs \(Orders\.Write\)/], satisfiable: false,
  },
  {
    name: "a bare Bearer",
    header: 'Bearer realm="api"',
    summary: /^The API wants a bearer token from Microsoft Entra ID: none was sent/, messages: [], satisfiable: false,
  },
];

for (const row of EXPLAINED) {
  test(`explains ${row.name}`, () => {
    const e = explainChallenge(ok(row.header));
    assert.match(e.summary, row.summary);
    for (const m of row.messages) assert.ok(e.findings.some((f) => m.test(f.message)), `no finding matches ${m}: ${JSON.stringify(e.findings.map((f) => f.message))}`);
    assert.equal(e.satisfiable, row.satisfiable);
  });
}

test("the claims to satisfy are the decoded JSON, compact", () => {
  assert.equal(claimsToSatisfy(ok(`Bearer error="insufficient_claims", claims="${b64url(CAE_NBF)}"`))?.json, JSON.stringify(JSON.parse(CAE_NBF)));
});

test("checkClaims: which requested claims a token meets", () => {
  const items = [
    { target: "access_token", claim: "acrs", essential: true, values: ["c1"] },
    { target: "access_token", claim: "xms_cc", essential: false, values: ["cp1"] },
    { target: "access_token", claim: "nbf", essential: true, values: ["1000"] },
    { target: "id_token", claim: "auth_time", essential: true, values: [] },
  ];
  assert.deepEqual(checkClaims(items, { acrs: ["c1", "c2"], xms_cc: ["cp1"], iat: 1000 }).map((c) => c.met), [true, true, true]);
  assert.deepEqual(checkClaims(items, { acrs: "c2", iat: 999 }).map((c) => [c.label, c.met]), [["acrs c1", false], ["xms_cc cp1", false], ["nbf 1000", false]]);
  assert.deepEqual(checkClaims(items, { __proto__: { acrs: ["c1"] } } as Record<string, unknown>)[0].met, false);
});

test("values are redacted and made visible; nothing JWT-shaped comes back", () => {
  const jwtLike = [b64url('{"alg":"RS256","typ":"JWT"}'), b64url('{"sub":"x"}'), "c2lnbmF0dXJlc2lnbmF0dXJl"].join(".");
  const p = ok(`Bearer realm="a\u202Eb", error_description="Token ${jwtLike} was rejected"`);
  assert.equal(params(p).realm, "a\\u202Eb");
  assert.ok(!JSON.stringify(p).includes(jwtLike));
});

test("repeated parameters: the first is used and the notes say so; limits hold", () => {
  const p = ok('Bearer error="a", error="b"');
  assert.equal(params(p).error, "a");
  assert.match(p.notes[0], /appears twice/);
  const many = ok(`Bearer ${Array.from({ length: 50 }, (_, i) => `p${i}=v`).join(", ")}`);
  assert.equal(many.challenges[0].params.length, 32);
  assert.ok(ok(Array.from({ length: 40 }, () => "Bearer realm=a").join(", ")).challenges.length <= 16);
});

test("looksLikeChallenge picks challenges, not JWTs or prose", () => {
  assert.ok(looksLikeChallenge(ARM));
  assert.ok(looksLikeChallenge("HTTP/1.1 401\nWWW-Authenticate: Basic"));
  assert.ok(!looksLikeChallenge("hello world"));
  assert.ok(!looksLikeChallenge("Bearer abc.def.ghi"));
});
