// The fake Entra ID against the real, unmodified @azure/identity: app-only credentials, token shapes, faults.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ClientCertificateCredential, ClientSecretCredential } from "@azure/identity";
import { createLocalJWKSet, jwtVerify, errors as joseErrors, type JSONWebKeySet } from "jose";
import { generateClientCert } from "../fake-entra/certs";
import { APPS, RESOURCES, TENANT } from "../fake-entra/sandbox";
import { decodeJwt, request, useFixture } from "../fake-entra/testing";

const fx = useFixture({ autoApprove: true });

const common = () => ({ authorityHost: fx.fe.url, disableInstanceDiscovery: true, tlsOptions: { ca: fx.ca } });
const secretCredential = (secret: string = APPS.confidentialClient.secret, extra: Record<string, unknown> = {}) =>
  new ClientSecretCredential(TENANT.id, APPS.confidentialClient.appId, secret, { ...common(), ...extra });
const tokenRequests = () => fx.fe.requests.filter((r) => r.path.endsWith("/oauth2/v2.0/token"));

async function jwks(tenant = TENANT.id): Promise<JSONWebKeySet> {
  const cfg = (await request("GET", `${fx.fe.url}/${tenant}/v2.0/.well-known/openid-configuration`, fx.ca)).json<{ jwks_uri: string }>();
  return (await request("GET", cfg.jwks_uri, fx.ca)).json<JSONWebKeySet>();
}

test("ClientSecretCredential: v2 token for the sandbox API verifies against the JWKS (iss, aud, roles, idtyp app)", async () => {
  const at = await secretCredential().getToken("api://azure-token-sandbox-api/.default");
  const { payload, protectedHeader } = await jwtVerify(at.token, createLocalJWKSet(await jwks()), {
    issuer: `${fx.fe.url}/${TENANT.id}/v2.0`,
    audience: RESOURCES.sandboxApi.appId,
    algorithms: ["RS256"],
  });
  assert.equal(protectedHeader.kid, (await jwks()).keys[0].kid);
  assert.equal(payload.ver, "2.0");
  assert.equal(payload.idtyp, "app");
  assert.deepEqual(payload.roles, ["Items.Read.All"]);
  assert.equal(payload.azp, APPS.confidentialClient.appId);
  assert.equal(payload.azpacr, "1");
  assert.equal(payload.oid, APPS.confidentialClient.servicePrincipalId);
  assert.equal(payload.sub, APPS.confidentialClient.servicePrincipalId);
  assert.equal(payload.tid, TENANT.id);
  assert.equal(payload.scp, undefined);

  const before = tokenRequests().length;
  await secretCredential().getToken("api://azure-token-sandbox-api/.default"); // new credential, new MSAL cache
  assert.equal(tokenRequests().length, before + 1);
  const last = tokenRequests().at(-1);
  assert.equal(last?.grantType, "client_credentials");
  assert.equal(last?.clientAuth, "client_secret_post");
  assert.equal(last?.clientId, APPS.confidentialClient.appId);
  assert.equal(last?.status, 200);
  // the log never holds the secret or the token
  assert.ok(!JSON.stringify(fx.fe.requests).includes(APPS.confidentialClient.secret));
  assert.ok(!JSON.stringify(fx.fe.requests).includes(at.token.split(".")[2]));
});

test("client secret via HTTP Basic works; a wrong secret gets AADSTS7000215", async () => {
  const basic = Buffer.from(`${APPS.confidentialClient.appId}:${encodeURIComponent(APPS.confidentialClient.secret)}`).toString("base64");
  const ok = await request("POST", `${fx.fe.url}/${TENANT.domain}/oauth2/v2.0/token`, fx.ca, {
    form: { grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" },
    headers: { authorization: `Basic ${basic}` },
  });
  assert.equal(ok.status, 200);
  assert.deepEqual(decodeJwt(ok.json<{ access_token: string }>().access_token).payload.roles, ["User.Read.All"]);
  assert.equal(tokenRequests().at(-1)?.clientAuth, "client_secret_basic");
  assert.equal(tokenRequests().at(-1)?.clientId, APPS.confidentialClient.appId);

  await assert.rejects(secretCredential("not-the-secret").getToken("https://graph.microsoft.com/.default"), /AADSTS7000215/);
});

test("ClientCertificateCredential: the registered certificate works, another certificate is refused (AADSTS700027)", async () => {
  const good = new ClientCertificateCredential(TENANT.id, APPS.certificateClient.appId, { certificatePath: fx.certs.clientPemPath }, common());
  const at = await good.getToken("api://azure-token-sandbox-api/.default");
  const p = decodeJwt(at.token).payload;
  assert.equal(p.azp, APPS.certificateClient.appId);
  assert.equal(p.azpacr, "2");
  assert.deepEqual(p.roles, ["Items.Read.All"]);
  assert.equal(tokenRequests().at(-1)?.clientAuth, "private_key_jwt");

  const other = await generateClientCert(path.join(fx.tmpDir, "other"), "other", "Not Registered");
  assert.notEqual(other.thumbprint, fx.certs.clientCertThumbprint);
  const wrong = new ClientCertificateCredential(TENANT.id, APPS.certificateClient.appId, { certificatePath: other.pemPath }, common());
  await assert.rejects(wrong.getToken("api://azure-token-sandbox-api/.default"), (e: Error) => {
    assert.match(e.message, /AADSTS700027/);
    assert.match(e.message, new RegExp(other.thumbprintSha256)); // msal-node sends x5t#S256; Entra echoes the thumbprint
    return true;
  });
});

test("a certificate assertion signed by another key but claiming the registered thumbprint fails signature validation", async () => {
  const { SignJWT, importPKCS8 } = await import("jose");
  const other = await generateClientCert(path.join(fx.tmpDir, "forged"), "forged");
  const key = await importPKCS8(fs.readFileSync(other.keyPath, "utf8"), "RS256");
  const x5tS256 = Buffer.from(fx.certs.clientCertThumbprintSha256, "hex").toString("base64url");
  const tokenUrl = `${fx.fe.url}/${TENANT.id}/oauth2/v2.0/token`;
  const sign = (aud: string, exp = "10m") => new SignJWT({})
    .setProtectedHeader({ alg: "RS256", "x5t#S256": x5tS256 }).setIssuer(APPS.certificateClient.appId).setSubject(APPS.certificateClient.appId)
    .setAudience(aud).setIssuedAt().setExpirationTime(exp).setJti(crypto.randomUUID()).sign(key);
  const post = async (assertion: string) => request("POST", tokenUrl, fx.ca, { form: {
    grant_type: "client_credentials", client_id: APPS.certificateClient.appId, scope: "api://azure-token-sandbox-api/.default",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: assertion } });
  const forged = await post(await sign(tokenUrl));
  assert.equal(forged.status, 401);
  assert.equal(forged.json().error, "invalid_client");
  assert.match(String(forged.json().error_description), /^AADSTS700027: Client assertion failed signature validation\./);
});

test("unknown client id → AADSTS700016 in the error message; unknown tenant → AADSTS90002", async () => {
  const unknown = new ClientSecretCredential(TENANT.id, "0badc0de-0000-4000-8000-000000000000", "x", common());
  await assert.rejects(unknown.getToken("https://graph.microsoft.com/.default"), (e: Error) => {
    assert.match(e.message, /AADSTS700016: Application with identifier '0badc0de-0000-4000-8000-000000000000' was not found in the directory 'Contoso Sandbox'/);
    return true;
  });
  const r = await request("POST", `${fx.fe.url}/fabrikam.test/oauth2/v2.0/token`, fx.ca, { form: { grant_type: "client_credentials", client_id: APPS.confidentialClient.appId } });
  assert.equal(r.status, 400);
  const body = r.json<{ error: string; error_codes: number[]; error_description: string; trace_id: string; correlation_id: string; timestamp: string; error_uri: string }>();
  assert.deepEqual(body.error_codes, [90002]);
  assert.match(body.error_description, /^AADSTS90002: Tenant 'fabrikam\.test' not found\. .* Trace ID: [0-9a-f-]{36} Correlation ID: [0-9a-f-]{36} Timestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  assert.ok(body.error_description.includes(body.trace_id) && body.error_description.includes(body.correlation_id));
  assert.equal(body.error_uri, `${fx.fe.url}/error?code=90002`);
});

test("client credentials need a /.default scope (AADSTS1002012) of a known resource (AADSTS500011)", async () => {
  await assert.rejects(secretCredential().getToken("api://azure-token-sandbox-api/Items.Read"), /AADSTS1002012/);
  await assert.rejects(secretCredential().getToken("api://unknown-api/.default"), /AADSTS500011: The resource principal named api:\/\/unknown-api was not found/);
});

test("v1 tokens for Microsoft resources, v2 for the sandbox API; Graph tokens carry an unverifiable nonce header", async () => {
  const cred = secretCredential();
  const arm = decodeJwt((await cred.getToken("https://management.azure.com/.default")).token);
  assert.equal(arm.payload.ver, "1.0");
  assert.equal(arm.payload.iss, `https://sts.windows.net/${TENANT.id}/`);
  assert.equal(arm.payload.aud, "https://management.azure.com");
  assert.equal(arm.payload.appid, APPS.confidentialClient.appId);
  assert.equal(arm.payload.appidacr, "1");
  assert.equal(arm.payload.azp, undefined);
  assert.equal(arm.header.nonce, undefined);

  const armSlash = decodeJwt((await cred.getToken("https://management.core.windows.net//.default")).token).payload;
  assert.equal(armSlash.aud, "https://management.core.windows.net/");

  for (const [scope, aud] of [["https://vault.azure.net/.default", "https://vault.azure.net"], ["https://storage.azure.com/.default", "https://storage.azure.com"]]) {
    const p = decodeJwt((await cred.getToken(scope)).token).payload;
    assert.equal(p.aud, aud);
    assert.equal(p.ver, "1.0");
  }

  const graphToken = (await cred.getToken("https://graph.microsoft.com/.default")).token;
  const graph = decodeJwt(graphToken);
  assert.equal(graph.payload.aud, "00000003-0000-0000-c000-000000000000");
  assert.equal(typeof graph.header.nonce, "string");
  const keys = createLocalJWKSet(await jwks());
  await assert.rejects(jwtVerify(graphToken, keys), joseErrors.JWSSignatureVerificationFailed);
  // The signature covers the header with the nonce replaced by base64url(SHA-256(nonce)), like real Graph tokens.
  const hashed = { ...graph.header, nonce: (await import("node:crypto")).createHash("sha256").update(String(graph.header.nonce)).digest("base64url") };
  const [, body, sig] = graphToken.split(".");
  const { payload } = await jwtVerify(`${Buffer.from(JSON.stringify(hashed)).toString("base64url")}.${body}.${sig}`, keys, { issuer: `https://sts.windows.net/${TENANT.id}/` });
  assert.equal(payload.idtyp, "app");

  const v2 = decodeJwt((await cred.getToken(`${RESOURCES.sandboxApi.appId}/.default`)).token).payload;
  assert.equal(v2.ver, "2.0");
  assert.equal(v2.aud, RESOURCES.sandboxApi.appId);
  assert.equal(v2.appid, undefined);
});

test("accessTokenLifetimeSec is honoured, also when changed at run time", async () => {
  const first = await secretCredential().getToken("https://management.azure.com/.default");
  const p1 = decodeJwt(first.token).payload as { iat: number; exp: number };
  assert.equal(p1.exp - p1.iat, 3599);
  fx.fe.configure({ accessTokenLifetimeSec: 90 });
  const t0 = Date.now();
  const second = await secretCredential().getToken("https://management.azure.com/.default");
  const p2 = decodeJwt(second.token).payload as { iat: number; exp: number };
  assert.equal(p2.exp - p2.iat, 90);
  assert.ok(Math.abs(second.expiresOnTimestamp - (t0 + 90_000)) < 5_000, "expiresOnTimestamp follows expires_in");
});

test("failNext 500: the Azure pipeline retries once and succeeds; without retries the AADSTS error surfaces", async () => {
  fx.fe.configure({ failNext: { status: 500, count: 1 } });
  const at = await secretCredential(undefined, { retryOptions: { retryDelayInMs: 10 } }).getToken("https://management.azure.com/.default");
  assert.ok(at.token);
  assert.deepEqual(tokenRequests().map((r) => [r.status, r.fault]), [[500, "failNext"], [200, undefined]]);
  assert.equal(fx.fe.config.failNext, null);

  fx.fe.configure({ failNext: { status: 503, count: 1 } });
  await assert.rejects(secretCredential(undefined, { retryOptions: { maxRetries: 0 } }).getToken("https://management.azure.com/.default"), /AADSTS90033|503/);
});

test("failNext with an AADSTS code: MFA required (50076) and expired secret (7000222)", async () => {
  fx.fe.configure({ failNext: { aadsts: 50076 } });
  await assert.rejects(secretCredential().getToken("https://management.azure.com/.default"), /AADSTS50076: Due to a configuration change made by your administrator/);
  fx.fe.configure({ failNext: { aadsts: 7000222 } });
  await assert.rejects(secretCredential().getToken("https://management.azure.com/.default"), new RegExp(`AADSTS7000222: The provided client secret keys for app '${APPS.confidentialClient.appId}' are expired`));
  const raw = fx.fe.requests.filter((r) => r.fault === "failNext").map((r) => [r.status, r.aadsts, r.error]);
  assert.deepEqual(raw, [[400, 50076, "invalid_grant"], [401, 7000222, "invalid_client"]]);
});

test("rateLimit: 429 with Retry-After is honoured by the pipeline", async () => {
  fx.fe.configure({ rateLimit: { retryAfterSec: 1, count: 1 } });
  const t0 = Date.now();
  const at = await secretCredential().getToken("https://management.azure.com/.default");
  assert.ok(at.token);
  assert.ok(Date.now() - t0 >= 950, "waited for Retry-After");
  assert.deepEqual(tokenRequests().map((r) => r.status), [429, 200]);

  fx.fe.configure({ rateLimit: { retryAfterSec: 7, count: 1 } });
  const raw = await request("POST", `${fx.fe.url}/${TENANT.id}/oauth2/v2.0/token`, fx.ca, { form: { grant_type: "client_credentials" } });
  assert.equal(raw.status, 429);
  assert.equal(raw.headers["retry-after"], "7");
});

test("malformedJson: the next token response cannot be parsed; the one after is fine", async () => {
  fx.fe.configure({ malformedJson: true });
  // msal-node reports an unparsable body as a network error
  await assert.rejects(secretCredential(undefined, { retryOptions: { maxRetries: 0 } }).getToken("https://management.azure.com/.default"), /network_error/);
  assert.equal(tokenRequests().at(-1)?.fault, "malformedJson");
  assert.equal(fx.fe.config.malformedJson, false);
  assert.ok((await secretCredential().getToken("https://management.azure.com/.default")).token);
});

test("delayMs delays token responses", async () => {
  fx.fe.configure({ delayMs: 400 });
  const t0 = Date.now();
  await secretCredential().getToken("https://management.azure.com/.default");
  assert.ok(Date.now() - t0 >= 400);
});
