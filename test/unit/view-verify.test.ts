import { test } from "node:test";
import assert from "node:assert/strict";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { decodeToken } from "../../src/core/jwt";
import { audienceVerdict, authorityFor, expectedIssuers, preflight, verifySignature } from "../../src/tokens/verifySignature";
import { b64url, makeJwe, makeJwt } from "./helpers/makeJwt";

const AUTHORITY = "https://login.example.test";
const TID = "11111111-2222-3333-4444-555555555555";
const API = "a91e4c2d-6f3b-4a8e-9c7d-2b5f0e1a3d64";

async function signer(authority = AUTHORITY) {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", use: "sig" };
  const sign = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "k1", ...header }).sign(privateKey);
  const fetched: string[] = [];
  const fetchJson = async (url: string) => {
    fetched.push(url);
    if (url === `${authority}/${TID}/v2.0/.well-known/openid-configuration`) return { jwks_uri: `${authority}/${TID}/discovery/v2.0/keys` };
    if (url === `${authority}/${TID}/discovery/v2.0/keys`) return { keys: [jwk] };
    throw new Error(`unexpected fetch ${url}`);
  };
  return { sign, fetchJson, fetched };
}

const now = Math.floor(Date.now() / 1000);
const claims = (over: Record<string, unknown> = {}) => ({ aud: API, iss: `${AUTHORITY}/${TID}/v2.0`, tid: TID, iat: now - 60, nbf: now - 60, exp: now + 3600, ...over });

test("a token signed by the authority's published key verifies (v2 issuer), keys only from the discovery document", async () => {
  const s = await signer();
  const token = await s.sign(claims(), { jku: "https://attacker.example/keys", x5u: "https://attacker.example/cert" });
  const result = await verifySignature(token, { authorityHost: AUTHORITY, fetchJson: s.fetchJson });
  assert.equal(result.outcome, "verified", result.reason);
  assert.deepEqual(s.fetched, [`${AUTHORITY}/${TID}/v2.0/.well-known/openid-configuration`, `${AUTHORITY}/${TID}/discovery/v2.0/keys`]);
});

test("v1 issuer sts.windows.net/{tid}/ is accepted", async () => {
  const s = await signer();
  const token = await s.sign(claims({ iss: `https://sts.windows.net/${TID}/`, aud: "api://my-api" }));
  assert.equal((await verifySignature(token, { authorityHost: AUTHORITY, fetchJson: s.fetchJson })).outcome, "verified");
});

test("each cloud's own issuers: v1 sts.windows.net (global, US Government) or sts.chinacloudapi.cn (China), v2 from the authority", () => {
  const cases: [string, string[]][] = [
    ["https://login.microsoftonline.com", [`https://sts.windows.net/${TID}/`, `https://login.microsoftonline.com/${TID}/v2.0`]],
    ["https://login.microsoftonline.us/", [`https://sts.windows.net/${TID}/`, `https://login.microsoftonline.us/${TID}/v2.0`]],
    ["https://login.chinacloudapi.cn", [`https://sts.chinacloudapi.cn/${TID}/`, `https://login.chinacloudapi.cn/${TID}/v2.0`, `https://login.partner.microsoftonline.cn/${TID}/v2.0`]],
    // A custom authority (Azure Stack, the local sandbox) issues v1 tokens as the global cloud does.
    [AUTHORITY, [`https://sts.windows.net/${TID}/`, `${AUTHORITY}/${TID}/v2.0`]],
  ];
  for (const [authority, issuers] of cases) assert.deepEqual(expectedIssuers(authority, TID), issuers, authority);
});

test("a China v1 token verifies against the China authority; another cloud's v1 issuer is refused there, and China's elsewhere", async () => {
  const CHINA = "https://login.chinacloudapi.cn";
  const s = await signer(CHINA);
  const china = await s.sign(claims({ iss: `https://sts.chinacloudapi.cn/${TID}/`, aud: "api://my-api" }));
  const verified = await verifySignature(china, { authorityHost: CHINA, fetchJson: s.fetchJson });
  assert.equal(verified.outcome, "verified", verified.reason);
  assert.match(verified.reason, /issuer https:\/\/sts\.chinacloudapi\.cn\//);
  const chinaV2 = await s.sign(claims({ iss: `https://login.partner.microsoftonline.cn/${TID}/v2.0` }));
  assert.equal((await verifySignature(chinaV2, { authorityHost: CHINA, fetchJson: s.fetchJson })).outcome, "verified");

  const global = await s.sign(claims({ iss: `https://sts.windows.net/${TID}/`, aud: "api://my-api" }));
  const refused = await verifySignature(global, { authorityHost: CHINA, fetchJson: s.fetchJson });
  assert.equal(refused.outcome, "invalid");
  assert.match(refused.message, /iss claim/);
  assert.match(refused.reason, /https:\/\/sts\.chinacloudapi\.cn\/.*\/ or https:\/\/login\.chinacloudapi\.cn\//, "the reason names the issuers of the authority's cloud");

  const p = await signer("https://login.microsoftonline.us");
  const chinaAtGov = await p.sign(claims({ iss: `https://sts.chinacloudapi.cn/${TID}/`, aud: "api://my-api" }));
  assert.equal((await verifySignature(chinaAtGov, { authorityHost: "https://login.microsoftonline.us", fetchJson: p.fetchJson })).outcome, "invalid");
  const govV1 = await p.sign(claims({ iss: `https://sts.windows.net/${TID}/`, aud: "api://my-api" }));
  assert.equal((await verifySignature(govV1, { authorityHost: "https://login.microsoftonline.us", fetchJson: p.fetchJson })).outcome, "verified");
});

test("a changed payload is an invalid signature", async () => {
  const s = await signer();
  const [h, , sig] = (await s.sign(claims())).split(".");
  const tampered = [h, b64url(JSON.stringify(claims({ roles: ["Admin"] }))), sig].join(".");
  const result = await verifySignature(tampered, { authorityHost: AUTHORITY, fetchJson: s.fetchJson });
  assert.equal(result.outcome, "invalid");
  assert.match(result.message, /Invalid signature/);
});

test("another signer's key, a foreign issuer, expiry and a wrong audience are invalid with the reason", async () => {
  const s = await signer();
  const other = await signer();
  const byOther = await other.sign(claims());
  assert.match((await verifySignature(byOther, { authorityHost: AUTHORITY, fetchJson: s.fetchJson })).message, /Invalid signature/);
  const foreign = await s.sign(claims({ iss: `https://evil.example/${TID}/v2.0` }));
  assert.match((await verifySignature(foreign, { authorityHost: AUTHORITY, fetchJson: s.fetchJson })).message, /iss claim/);
  const unknownKid = await s.sign(claims(), { kid: "other" });
  assert.match((await verifySignature(unknownKid, { authorityHost: AUTHORITY, fetchJson: s.fetchJson })).message, /key id/);
  const expired = await s.sign(claims({ exp: now - 3600, iat: now - 7200, nbf: now - 7200 }));
  assert.match((await verifySignature(expired, { authorityHost: AUTHORITY, fetchJson: s.fetchJson })).message, /expired/);
  const good = await s.sign(claims({ aud: "api://other-api" }));
  const wrongAud = await verifySignature(good, { authorityHost: AUTHORITY, fetchJson: s.fetchJson, expectedAudience: "api://my-api/.default" });
  assert.equal(wrongAud.outcome, "invalid");
  assert.match(wrongAud.reason, /api:\/\/other-api/);
});

test("algorithms are pinned: HS256 and none are refused before any key is fetched", async () => {
  const s = await signer();
  for (const alg of ["HS256", "none"]) {
    const token = makeJwt(claims(), { alg, typ: "JWT" });
    const result = await verifySignature(token, { authorityHost: AUTHORITY, fetchJson: s.fetchJson });
    assert.equal(result.outcome, "invalid");
    assert.match(result.message, new RegExp(alg));
  }
  assert.deepEqual(s.fetched, []);
});

test("cannot be verified by a client: Graph nonce header, Microsoft audience, JWE, opaque, undecodable, no tid", () => {
  const cases: [string, RegExp][] = [
    [makeJwt(claims(), { alg: "RS256", nonce: "abc" }), /nonce/],
    [makeJwt(claims({ aud: "https://management.azure.com" })), /Microsoft API/],
    [makeJwe(), /encrypted/],
    ["EwBwA8l6BAAU", /not a JWT/],
    [["eyJhbGciOiJSUzI1NiJ9", "!!!", "x"].join("."), /could not be decoded/],
    [makeJwt(claims({ tid: undefined })), /tenant id/],
  ];
  for (const [token, message] of cases) {
    const p = preflight(decodeToken(token), AUTHORITY);
    assert.equal(p.ok, false);
    if (!p.ok) {
      assert.equal(p.result.outcome, "unverifiable", p.result.message);
      assert.match(p.result.message, message);
    }
  }
});

test("key fetch failures are reported as 'could not check', not as invalid", async () => {
  const s = await signer();
  const token = await s.sign(claims());
  const result = await verifySignature(token, { authorityHost: AUTHORITY, fetchJson: async () => { throw new Error("connection refused"); } });
  assert.equal(result.outcome, "unverifiable");
  assert.match(result.message, /the discovery document \(OpenID configuration\) could not be fetched/);
  assert.match(result.reason, /connection refused/);
});

test("issuers, authority choice and audience verdicts", () => {
  assert.deepEqual(expectedIssuers(`${AUTHORITY}/`, TID), [`https://sts.windows.net/${TID}/`, `${AUTHORITY}/${TID}/v2.0`]);
  assert.equal(authorityFor({ authorityHost: "https://a.test" }, { cloud: "AzurePublic", authorityHost: "https://b.test" }), "https://a.test");
  assert.equal(authorityFor(undefined, { cloud: "Custom", authorityHost: " https://b.test " }), "https://b.test");
  assert.equal(authorityFor(undefined, { cloud: "AzurePublic", authorityHost: "" }), "https://login.microsoftonline.com");
  // A pasted token is checked against the configured cloud's authority, and so against that cloud's issuers.
  assert.equal(authorityFor(undefined, { cloud: "AzureChina", authorityHost: "" }), "https://login.chinacloudapi.cn");
  assert.equal(authorityFor(undefined, { cloud: "AzureUSGovernment", authorityHost: "" }), "https://login.microsoftonline.us");
  assert.equal(authorityFor(undefined, { cloud: "Custom", authorityHost: "" }), "https://login.microsoftonline.com", "no custom host: public");
  assert.equal(audienceVerdict([API], "api://sandbox-api/.default", "iss").outcome, "verified", "v2 tokens name a custom API by app id");
  assert.equal(audienceVerdict(["api://x"], "api://x/.default", "iss").outcome, "verified");
  assert.equal(audienceVerdict(["api://y"], "api://x/.default", "iss").outcome, "invalid");
  assert.match(audienceVerdict(["api://y"], undefined, "iss").reason, /not compared/);
});
