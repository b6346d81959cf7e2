// Protocol details of the fake Entra ID checked with raw HTTPS requests (no MSAL): PKCE, code and refresh token
// rules, authorize errors, discovery, the control API, page escaping, certificates and the CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import readline from "node:readline";
import { ensureCerts } from "../fake-entra/certs";
import { mergeConfig, DEFAULT_CONFIG, HTML_ANSWER_MARKER } from "../fake-entra/config";
import { FakeEntraControl } from "../fake-entra/control";
import { parseForm } from "../fake-entra/fake-browser.mjs";
import { APPS, TENANT, USERS } from "../fake-entra/sandbox";
import { decodeJwt, request, useFixture } from "../fake-entra/testing";

const fx = useFixture({ autoApprove: true });

const REDIRECT = "http://localhost:53123";
const tokenUrl = () => `${fx.fe.url}/${TENANT.id}/oauth2/v2.0/token`;

function pkcePair() {
  const verifier = crypto.randomBytes(32).toString("base64url");
  return { verifier, challenge: crypto.createHash("sha256").update(verifier).digest("base64url") };
}

/** Runs /authorize (autoApprove) and returns the fields of the form_post page. */
async function authorize(params: Record<string, string>): Promise<{ status: number; fields: Record<string, string>; html: string; csp: string }> {
  const q = new URLSearchParams({
    client_id: APPS.publicClient.appId, redirect_uri: REDIRECT, response_type: "code", response_mode: "form_post",
    scope: "openid profile offline_access https://management.azure.com/.default", client_info: "1", ...params,
  });
  const r = await request("GET", `${fx.fe.url}/${TENANT.id}/oauth2/v2.0/authorize?${q}`, fx.ca);
  const form = parseForm(r.text);
  const fields = Object.fromEntries((form?.controls ?? []).filter((c) => c.type === "hidden" && c.name).map((c) => [c.name as string, c.value]));
  if (form) assert.equal(form.action, params.redirect_uri ?? REDIRECT);
  return { status: r.status, fields, html: r.text, csp: String(r.headers["content-security-policy"] ?? "") };
}

const redeem = (code: string, extra: Record<string, string>) => request("POST", tokenUrl(), fx.ca, { form: {
  grant_type: "authorization_code", client_id: APPS.publicClient.appId, code, redirect_uri: REDIRECT, client_info: "1",
  scope: "openid profile offline_access https://management.azure.com/.default", ...extra } });

test("authorization code: PKCE S256 is checked, the redirect_uri must match, a code is good for one redemption", async () => {
  const { verifier, challenge } = pkcePair();
  const a = await authorize({ code_challenge: challenge, code_challenge_method: "S256", state: "st-1", login_hint: USERS.bob.username });
  assert.equal(a.fields.state, "st-1");
  assert.deepEqual(JSON.parse(Buffer.from(a.fields.client_info, "base64url").toString()), { uid: USERS.bob.oid, utid: TENANT.id });

  const wrong = await redeem(a.fields.code, { code_verifier: pkcePair().verifier });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.json().error, "invalid_grant");
  assert.deepEqual(wrong.json().error_codes, [501481]);
  assert.deepEqual((await redeem(a.fields.code, { code_verifier: verifier })).json().error_codes, [54005], "a used code stays used");

  const b = await authorize({ code_challenge: challenge, code_challenge_method: "S256" });
  assert.deepEqual((await redeem(b.fields.code, {})).json().error_codes, [50148], "verifier missing");

  const c = await authorize({ code_challenge: challenge, code_challenge_method: "S256" });
  const mismatch = await redeem(c.fields.code, { code_verifier: verifier, redirect_uri: "http://localhost:1/" });
  assert.match(String(mismatch.json().error_description), /^AADSTS70000: .*'redirect_uri' is not valid/);

  const d = await authorize({ code_challenge: challenge, code_challenge_method: "S256", login_hint: USERS.bob.username });
  const ok = await redeem(d.fields.code, { code_verifier: verifier });
  assert.equal(ok.status, 200);
  const body = ok.json<Record<string, string | number>>();
  assert.equal(body.token_type, "Bearer");
  assert.equal(body.expires_in, 3599);
  assert.ok(String(body.scope).split(" ").includes("https://management.azure.com/.default"));
  for (const k of ["access_token", "refresh_token", "id_token", "client_info"]) assert.equal(typeof body[k], "string", k);
  const id = decodeJwt(String(body.id_token)).payload;
  assert.equal(id.aud, APPS.publicClient.appId);
  assert.equal(id.iss, `${fx.fe.url}/${TENANT.id}/v2.0`);
  assert.equal(id.preferred_username, USERS.bob.username);
});

test("refresh tokens rotate, work for another resource, and still enforce consent", async () => {
  const { verifier, challenge } = pkcePair();
  const a = await authorize({ code_challenge: challenge, code_challenge_method: "S256" });
  const rt1 = String((await redeem(a.fields.code, { code_verifier: verifier })).json().refresh_token);
  const refresh = (rt: string, scope: string) => request("POST", tokenUrl(), fx.ca, { form: { grant_type: "refresh_token", client_id: APPS.publicClient.appId, refresh_token: rt, scope } });

  const r2 = await refresh(rt1, "openid offline_access https://vault.azure.net/user_impersonation");
  assert.equal(r2.status, 200);
  assert.equal(decodeJwt(String(r2.json().access_token)).payload.aud, "https://vault.azure.net");
  const rt2 = String(r2.json().refresh_token);
  assert.notEqual(rt2, rt1);
  assert.deepEqual((await refresh(rt1, "https://vault.azure.net/user_impersonation")).json().error_codes, [9002313], "old refresh token is spent");
  const consent = await refresh(rt2, "offline_access api://azure-token-sandbox-api/Items.Write");
  assert.deepEqual(consent.json().error_codes, [65001]);
  assert.equal(consent.json().suberror, "consent_required");
  const other = await request("POST", tokenUrl(), fx.ca, { form: { grant_type: "refresh_token", client_id: APPS.publicClientNoPublicFlows.appId, refresh_token: rt2, scope: "User.Read" } });
  assert.deepEqual(other.json().error_codes, [7000218], "a client without public flows must authenticate");
});

test("authorize errors: unknown app and unregistered redirect URI stay in the browser; bad scopes go back to the app", async () => {
  const unknownApp = await request("GET", `${fx.fe.url}/${TENANT.id}/oauth2/v2.0/authorize?client_id=0badc0de-0000-4000-8000-000000000000&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&scope=openid`, fx.ca);
  assert.equal(unknownApp.status, 400);
  assert.match(unknownApp.text, /AADSTS700016: Application with identifier &#39;0badc0de-0000-4000-8000-000000000000&#39; was not found/);
  const badRedirect = await authorize({ redirect_uri: "https://evil.example/callback" });
  assert.equal(badRedirect.status, 400);
  assert.match(badRedirect.html, /AADSTS50011/);
  assert.deepEqual(badRedirect.fields, {}, "no form posting to an unregistered redirect URI");

  const badScope = await authorize({ scope: "openid https://management.azure.com/.default https://vault.azure.net/.default", state: "s" });
  assert.equal(badScope.fields.error, "invalid_scope");
  assert.match(badScope.fields.error_description, /^AADSTS28000/);
  assert.equal(badScope.fields.state, "s");

  fx.fe.configure({ autoApprove: false });
  const silent = await authorize({ prompt: "none" });
  assert.equal(silent.fields.error, "login_required");
});

test("form_post page: values are escaped, the script runs under a CSP nonce, forms may only post to the redirect URI", async () => {
  const state = `"><script>alert(1)</script>`;
  const a = await authorize({ state });
  assert.equal(a.fields.state, state, "round-trips exactly");
  assert.ok(!a.html.includes("<script>alert(1)"));
  const nonce = /script-src 'nonce-([^']+)'/.exec(a.csp)?.[1];
  assert.ok(nonce);
  assert.ok(a.html.includes(`<script nonce="${nonce}">document.forms[0].submit();</script>`));
  assert.match(a.csp, /default-src 'none'/);
  assert.match(a.csp, new RegExp(`form-action 'self' ${REDIRECT}(;|$)`));

  fx.fe.configure({ autoApprove: false });
  const page = await request("GET", `${fx.fe.url}/${TENANT.domain}/oauth2/v2.0/authorize?${new URLSearchParams({
    client_id: APPS.publicClient.appId, redirect_uri: REDIRECT, response_type: "code", response_mode: "form_post",
    scope: "openid offline_access api://azure-token-sandbox-api/Items.Read", login_hint: USERS.bob.username })}`, fx.ca);
  const form = parseForm(page.text);
  assert.ok(form);
  const radios = form.controls.filter((c) => c.type === "radio" && c.name === "username");
  assert.deepEqual(radios.map((r) => r.value), [USERS.alice.username, USERS.bob.username]);
  assert.equal(radios.find((r) => r.checked)?.value, USERS.bob.username, "login_hint pre-selects the account");
  assert.deepEqual(form.controls.filter((c) => c.name === "action").map((c) => c.value), ["cancel", "approve"]);
  assert.match(page.text, /Azure Token Sandbox/);
  assert.match(page.text, /Items\.Read/);
  assert.match(page.text, new RegExp(TENANT.id));
});

test("discovery: v2.0 and v1.0 documents, issuers per tenant alias, JWKS", async () => {
  const get = async (p: string) => (await request("GET", `${fx.fe.url}${p}`, fx.ca)).json<Record<string, string>>();
  const byDomain = await get(`/${TENANT.domain}/v2.0/.well-known/openid-configuration`);
  assert.equal(byDomain.issuer, `${fx.fe.url}/${TENANT.id}/v2.0`);
  assert.equal(byDomain.token_endpoint, `${fx.fe.url}/${TENANT.domain}/oauth2/v2.0/token`);
  assert.equal((await get("/common/v2.0/.well-known/openid-configuration")).issuer, `${fx.fe.url}/{tenantid}/v2.0`);
  const v1 = await get(`/${TENANT.id}/.well-known/openid-configuration`);
  assert.equal(v1.issuer, `https://sts.windows.net/${TENANT.id}/`);
  const keys = (await request("GET", byDomain.jwks_uri, fx.ca)).json<{ keys: { kid: string; kty: string; use: string; n: string; e: string }[] }>();
  const v1keys = (await request("GET", v1.jwks_uri, fx.ca)).json<{ keys: { kid: string }[] }>();
  assert.equal(keys.keys.length, 1);
  assert.equal(keys.keys[0].kty, "RSA");
  assert.equal(keys.keys[0].use, "sig");
  assert.equal(v1keys.keys[0].kid, keys.keys[0].kid);
  const missing = await request("GET", `${fx.fe.url}/fabrikam.test/v2.0/.well-known/openid-configuration`, fx.ca);
  assert.equal(missing.status, 400);
  assert.deepEqual(missing.json().error_codes, [90002]);
});

test("control API over HTTPS: configure, requests, device code approval, reset, validation", async () => {
  const control = new FakeEntraControl(fx.fe.url, fx.certs.caPath);
  assert.throws(() => new FakeEntraControl("https://example.com", fx.certs.caPath), /non-loopback/);
  const cfg = await control.configure({ accessTokenLifetimeSec: 90, failNext: { status: 503 } });
  assert.equal(cfg.accessTokenLifetimeSec, 90);
  assert.equal(fx.fe.config.failNext?.status, 503);
  await assert.rejects(control.configure({ nonsense: 1 } as never), /unknown configuration key 'nonsense'/);
  const plain = await request("POST", `${fx.fe.url}/_fake/config`, fx.ca, { body: { delayMs: 1 }, headers: { "content-type": "text/plain" } });
  assert.equal(plain.status, 400, "JSON content type required (no simple cross-site POSTs)");

  const dc = await request("POST", `${fx.fe.url}/${TENANT.id}/oauth2/v2.0/devicecode`, fx.ca, { form: { client_id: APPS.publicClient.appId, scope: "openid offline_access User.Read" } });
  const { user_code, device_code } = dc.json<{ user_code: string; device_code: string }>();
  assert.deepEqual(await control.pendingDeviceCodes(), [user_code]);
  assert.equal(await control.approveDeviceCode("NOPE12345"), false);
  assert.equal(await control.approveDeviceCode(undefined, USERS.bob.username), true, "newest pending code");
  await control.configure({ failNext: null });
  const token = await request("POST", tokenUrl(), fx.ca, { form: { grant_type: "device_code", client_id: APPS.publicClient.appId, device_code, client_info: "1" } });
  assert.equal(token.status, 200);
  assert.equal(decodeJwt(String(token.json().access_token)).payload.upn, USERS.bob.username);

  const log = await control.requests();
  assert.deepEqual(log.map((r) => r.path.split("/").pop()), ["devicecode", "token"]);
  assert.equal(log[1].grantType, "device_code");
  assert.equal(log[1].tenant, TENANT.id);
  assert.ok(!JSON.stringify(log).includes(device_code));
  await control.reset();
  assert.equal((await control.requests()).length, 0);
  assert.equal((await control.config()).accessTokenLifetimeSec, 3599);
});

test("mergeConfig validates values", () => {
  assert.throws(() => mergeConfig(DEFAULT_CONFIG, { accessTokenLifetimeSec: -1 }), /accessTokenLifetimeSec/);
  assert.throws(() => mergeConfig(DEFAULT_CONFIG, { failNext: {} }), /needs status or aadsts/);
  assert.throws(() => mergeConfig(DEFAULT_CONFIG, { authorizeOutcome: "maybe" }), /authorizeOutcome/);
  assert.deepEqual(mergeConfig(DEFAULT_CONFIG, { failNext: { aadsts: 50076 } }).failNext,
    { endpoint: "token", answer: "error", aadsts: 50076, status: undefined, error: undefined, count: 1 });
  assert.throws(() => mergeConfig(DEFAULT_CONFIG, { failNext: { endpoint: "keys", status: 500 } }), /failNext.endpoint must be one of token, discovery, devicecode/);
  assert.throws(() => mergeConfig(DEFAULT_CONFIG, { failNext: { answer: "slow" } }), /failNext.answer must be one of error, reset, invalidJson/);
  assert.throws(() => mergeConfig(DEFAULT_CONFIG, { failNext: { answer: "reset", status: 500 } }), /takes no status/);
  assert.throws(() => mergeConfig(DEFAULT_CONFIG, { failNext: { endpoint: "discovery", status: 404, grantType: "refresh_token" } }), /token endpoint only/);
  assert.throws(() => mergeConfig(DEFAULT_CONFIG, { untrustedCert: "yes" }), /untrustedCert must be a boolean/);
  assert.throws(() => mergeConfig(DEFAULT_CONFIG, { failNext: { aadsts: 50076, grantType: "password" } }), /failNext.grantType must be one of authorization_code, refresh_token/);
  assert.equal(mergeConfig(DEFAULT_CONFIG, { failNext: { aadsts: 50076, grantType: "refresh_token" } }).failNext?.grantType, "refresh_token");
  assert.equal(mergeConfig(DEFAULT_CONFIG, { failNext: { status: 503, retryAfterSec: 2 } }).failNext?.retryAfterSec, 2);
  assert.throws(() => mergeConfig(DEFAULT_CONFIG, { failNext: { status: 503, retryAfterSec: -1 } }), /failNext.retryAfterSec must be 0-3600/);
});

test("failNext with retryAfterSec sends Retry-After with the error", async () => {
  fx.fe.configure({ failNext: { status: 503, retryAfterSec: 3 } });
  const r = await request("POST", tokenUrl(), fx.ca, { form: { grant_type: "client_credentials", client_id: APPS.publicClient.appId } });
  assert.equal(r.status, 503);
  assert.equal(r.headers["retry-after"], "3");
  assert.deepEqual(r.json().error_codes, [90033]);
  fx.fe.configure({ failNext: { status: 503 } });
  assert.equal((await request("POST", tokenUrl(), fx.ca, { form: { grant_type: "client_credentials" } })).headers["retry-after"], undefined);
});

test("failNext per endpoint: a 404 discovery document, a reset device code request, a token answer with JSON cut off", async () => {
  const discoveryUrl = `${fx.fe.url}/${TENANT.id}/v2.0/.well-known/openid-configuration`;
  fx.fe.configure({ failNext: { endpoint: "discovery", status: 404 } });
  assert.equal((await request("POST", tokenUrl(), fx.ca, { form: { grant_type: "client_credentials" } })).status, 400, "other endpoints are not affected");
  const missing = await request("GET", discoveryUrl, fx.ca);
  assert.equal(missing.status, 404);
  assert.deepEqual(missing.json().error_codes, [90100]);
  assert.equal((await request("GET", discoveryUrl, fx.ca)).status, 200, "used up by one");

  fx.fe.configure({ failNext: { endpoint: "devicecode", answer: "reset" } });
  await assert.rejects(request("POST", `${fx.fe.url}/${TENANT.id}/oauth2/v2.0/devicecode`, fx.ca, { form: { client_id: APPS.publicClient.appId, scope: "openid" } }),
    (e: NodeJS.ErrnoException) => e.code === "ECONNRESET");

  fx.fe.configure({ failNext: { answer: "invalidJson" } });
  const cut = await request("POST", tokenUrl(), fx.ca, { form: { grant_type: "client_credentials" } });
  assert.equal(cut.status, 200);
  assert.throws(() => cut.json(), SyntaxError);
  assert.equal(fx.fe.requests.at(-1)?.fault, "failNext");
});

test("untrustedCert: clients see a certificate the test CA did not issue, the control API still answers; switched off, all is as before", async () => {
  const discoveryUrl = `${fx.fe.url}/${TENANT.id}/v2.0/.well-known/openid-configuration`;
  fx.fe.configure({ untrustedCert: true });
  await assert.rejects(request("GET", discoveryUrl, fx.ca), (e: NodeJS.ErrnoException) => e.code === "DEPTH_ZERO_SELF_SIGNED_CERT");
  const control = new FakeEntraControl(fx.fe.url, fx.certs.caPath);
  assert.equal((await control.config()).untrustedCert, true, "the control API keeps the trusted certificate");
  await control.configure({ untrustedCert: false });
  assert.equal((await request("GET", discoveryUrl, fx.ca)).status, 200);
});

test("htmlAnswer: a 200 HTML page in Entra's place, on token requests or on the discovery documents, for `count` requests", async () => {
  const discoveryUrl = `${fx.fe.url}/${TENANT.id}/v2.0/.well-known/openid-configuration`;
  fx.fe.configure({ htmlAnswer: { count: 2 } });
  assert.deepEqual(fx.fe.config.htmlAnswer, { endpoint: "token", count: 2 });
  assert.equal((await request("GET", discoveryUrl, fx.ca)).status, 200, "discovery is not affected");
  for (let i = 0; i < 2; i++) {
    const r = await request("POST", tokenUrl(), fx.ca, { form: { grant_type: "client_credentials" } });
    assert.equal(r.status, 200);
    assert.match(String(r.headers["content-type"]), /^text\/html/);
    assert.ok(r.text.includes(HTML_ANSWER_MARKER));
  }
  assert.equal(fx.fe.config.htmlAnswer, null);
  assert.equal((await request("POST", tokenUrl(), fx.ca, { form: { grant_type: "client_credentials" } })).status, 400, "Entra answers again");

  fx.fe.configure({ htmlAnswer: { endpoint: "discovery" } });
  const page = await request("GET", discoveryUrl, fx.ca);
  assert.equal(page.status, 200);
  assert.match(String(page.headers["content-type"]), /^text\/html/);
  assert.deepEqual(fx.fe.requests.filter((r) => r.fault).map((r) => [r.method, r.fault]), [["POST", "htmlAnswer"], ["POST", "htmlAnswer"], ["GET", "htmlAnswer"]]);
  assert.throws(() => mergeConfig(DEFAULT_CONFIG, { htmlAnswer: { endpoint: "keys" } }), /htmlAnswer.endpoint must be 'token' or 'discovery'/);
  assert.throws(() => mergeConfig(DEFAULT_CONFIG, { htmlAnswer: { count: 0 } }), /htmlAnswer.count must be 1-1000/);
});

test("trickleKeys: the key set arrives whole, one byte at a time, until switched off", async () => {
  const keysUrl = `${fx.fe.url}/${TENANT.id}/discovery/v2.0/keys`;
  const whole = (await request("GET", keysUrl, fx.ca)).text;
  fx.fe.configure({ trickleKeys: { intervalMs: 1 } });
  const chunks: number[] = [];
  const trickled = await new Promise<string>((resolve, reject) => {
    https.get(keysUrl, { ca: fx.ca, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => { parts.push(c); chunks.push(c.length); });
      res.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    }).on("error", reject);
  });
  assert.equal(trickled, whole);
  assert.ok(chunks.length > whole.length / 2, `arrived in ${chunks.length} pieces`);
  assert.equal(fx.fe.requests.at(-1)?.fault, "trickleKeys");
  assert.throws(() => mergeConfig(DEFAULT_CONFIG, { trickleKeys: { intervalMs: 0 } }), /trickleKeys.intervalMs must be 1-60000/);
  fx.fe.configure({ trickleKeys: null });
  assert.equal(fx.fe.config.trickleKeys, null);
});

test("ensureCerts: localhost/127.0.0.1/::1 server cert signed by the CA, reused when valid, regenerated when broken", async () => {
  const dir = path.join(fx.tmpDir, "certs-idempotence");
  const first = await ensureCerts(dir);
  const server = new crypto.X509Certificate(fs.readFileSync(first.certPath));
  const ca = new crypto.X509Certificate(fs.readFileSync(first.caPath));
  assert.ok(server.verify(ca.publicKey));
  assert.equal(server.subjectAltName, "DNS:localhost, IP Address:127.0.0.1, IP Address:127.0.0.2, IP Address:0:0:0:0:0:0:0:1");
  assert.equal(first.clientCertThumbprint, new crypto.X509Certificate(fs.readFileSync(first.clientCertPath)).fingerprint.replace(/:/g, ""));
  assert.equal(fs.statSync(first.keyPath).mode & 0o077, 0, "private keys are not group/world readable");
  const again = await ensureCerts(dir);
  assert.equal(again.clientCertThumbprint, first.clientCertThumbprint);
  assert.equal(fs.readFileSync(again.caPath, "utf8"), fs.readFileSync(first.caPath, "utf8"));
  fs.writeFileSync(first.certPath, "garbage");
  const repaired = await ensureCerts(dir);
  assert.notEqual(repaired.clientCertThumbprint, first.clientCertThumbprint);
  assert.ok(new crypto.X509Certificate(fs.readFileSync(repaired.certPath)).verify(new crypto.X509Certificate(fs.readFileSync(repaired.caPath)).publicKey));
  assert.deepEqual(fs.readdirSync(dir).sort(), ["ca-key.pem", "ca.pem", "client-combined.pem", "client-key.pem", "client.pem", "server-key.pem", "server.pem"]);
});

test("cli.ts prints one JSON line, serves, and exits 0 on SIGTERM", async () => {
  const cli = path.join(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "..", "fake-entra", "cli.ts");
  const child = spawn(process.execPath, ["--import", "tsx", cli, "--auto-approve", "--lifetime", "120", "--certs", path.join(fx.tmpDir, "cli-certs")], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => { stderr += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout }).once("line", resolve);
      child.once("exit", () => reject(new Error(`cli exited early: ${stderr}`)));
    });
    const info = JSON.parse(line) as { url: string; caPath: string; tenantId: string; publicClientId: string; confidentialClientId: string; confidentialClientSecret: string };
    assert.equal(info.tenantId, TENANT.id);
    assert.equal(info.publicClientId, APPS.publicClient.appId);
    const ca = fs.readFileSync(info.caPath, "utf8");
    const r = await request("POST", `${info.url}/${TENANT.id}/oauth2/v2.0/token`, ca, { form: {
      grant_type: "client_credentials", client_id: info.confidentialClientId, client_secret: info.confidentialClientSecret, scope: "https://management.azure.com/.default" } });
    assert.equal(r.json().expires_in, 120);
    child.kill("SIGTERM");
    assert.equal(await exited, 0);
    assert.match(stderr, /POST \/8c4f2e1a-6b3d-4f7e-9a25-0d1c3b5e7f90\/oauth2\/v2.0\/token grant=client_credentials .* -> 200/);
    assert.ok(!stderr.includes(info.confidentialClientSecret));
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    await exited;
  }
});

test("clientSecrets rotates the confidential app's secret: the old value is refused with AADSTS7000215, the new one works", async () => {
  const app = APPS.confidentialClient;
  const ask = (secret: string) => request("POST", tokenUrl(), fx.ca, {
    form: { grant_type: "client_credentials", client_id: app.appId, client_secret: secret, scope: "https://graph.microsoft.com/.default" },
  });
  assert.equal((await ask(app.secret!)).status, 200, "the sandbox secret works by default");
  fx.fe.configure({ clientSecrets: ["rotated-value"] });
  try {
    const refused = await ask(app.secret!);
    assert.equal(refused.status, 401);
    assert.match(refused.text, /AADSTS7000215/);
    assert.equal((await ask("rotated-value")).status, 200);
  } finally {
    fx.fe.configure({ clientSecrets: null });
  }
  assert.equal((await ask(app.secret!)).status, 200, "null goes back to the sandbox secret");
  assert.throws(() => mergeConfig(DEFAULT_CONFIG, { clientSecrets: [""] }), /clientSecrets must be null or up to 10 non-empty strings/);
});
