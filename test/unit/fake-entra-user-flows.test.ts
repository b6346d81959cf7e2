// User flows of the fake Entra ID with the real @azure/identity: interactive browser sign-in (through the headless
// fake browser that `open` launches via $BROWSER) and device code.
import { test, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DeviceCodeCredential, InteractiveBrowserCredential, type DeviceCodeInfo } from "@azure/identity";
import { isInteractionRequired } from "../../src/core/authErrors";
import { looksLikeInteractionRequired } from "../../src/tokens/refresher";
import { useFakeBrowser } from "../fake-entra/browser";
import { browse } from "../fake-entra/fake-browser.mjs";
import { APPS, ROLE_TEMPLATES, TENANT, USERS } from "../fake-entra/sandbox";
import { decodeJwt, useFixture } from "../fake-entra/testing";

const fx = useFixture({ autoApprove: true });
let restoreEnv: (() => void) | undefined;
let browserLog: string;

after(() => restoreEnv?.());
beforeEach(() => {
  browserLog = path.join(fx.tmpDir, "fake-browser.log");
  restoreEnv?.();
  restoreEnv = useFakeBrowser({ caPath: fx.certs.caPath, logPath: browserLog });
  fs.rmSync(browserLog, { force: true });
});

const common = () => ({ tenantId: TENANT.id, authorityHost: fx.fe.url, disableInstanceDiscovery: true, tlsOptions: { ca: fx.ca } });
const interactive = (extra: Record<string, unknown> = {}) =>
  new InteractiveBrowserCredential({ clientId: APPS.publicClient.appId, ...common(), ...extra });

/** getToken with a deadline: a sign-in that never comes back must fail the test, not hang it. */
async function within<T>(p: Promise<T>, ms = 20_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${ms} ms; fake browser log:\n${fs.existsSync(browserLog) ? fs.readFileSync(browserLog, "utf8") : "(none)"}`)), ms);
  });
  try {
    return await Promise.race([p, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

test("InteractiveBrowserCredential: PKCE + form_post sign-in, then a silent refresh_token for another resource", async () => {
  const cred = interactive({ loginHint: USERS.bob.username, browserCustomizationOptions: { successMessage: "Signed in to the sandbox" } });
  const record = await within(cred.authenticate("https://management.azure.com/.default"));
  assert.ok(record);
  assert.equal(record.username, USERS.bob.username);
  assert.equal(record.tenantId, TENANT.id);
  assert.equal(record.homeAccountId, `${USERS.bob.oid}.${TENANT.id}`); // from client_info

  const arm = await cred.getToken("https://management.azure.com/.default"); // from MSAL's cache
  const p = decodeJwt(arm.token).payload;
  assert.equal(p.upn, USERS.bob.username);
  assert.equal(p.unique_name, USERS.bob.username);
  assert.equal(p.name, USERS.bob.displayName);
  assert.equal(p.oid, USERS.bob.oid);
  assert.equal(p.scp, "user_impersonation");
  assert.equal(p.idtyp, "user");
  assert.equal(p.appid, APPS.publicClient.appId);
  assert.equal(p.appidacr, "0");
  assert.equal(p.ipaddr, "127.0.0.1");
  assert.deepEqual(p.wids, [ROLE_TEMPLATES.globalReader, ROLE_TEMPLATES.defaultUser]);
  for (const claim of ["amr", "auth_time", "uti", "rh", "xms_tcdt", "acct", "acr", "sid"]) assert.ok(claim in p, `has ${claim}`);

  const api = await cred.getToken("api://azure-token-sandbox-api/Items.Read"); // other resource: silent refresh
  const v2 = decodeJwt(api.token).payload;
  assert.equal(v2.ver, "2.0");
  assert.equal(v2.iss, `${fx.fe.url}/${TENANT.id}/v2.0`);
  assert.equal(v2.preferred_username, USERS.bob.username);
  assert.equal(v2.azp, APPS.publicClient.appId);
  assert.equal(v2.scp, "Items.Read");
  assert.equal(v2.auth_time, p.auth_time, "same sign-in");

  const authorizes = fx.fe.requests.filter((r) => r.path.endsWith("/authorize"));
  assert.equal(authorizes.length, 1, "no second browser sign-in");
  assert.equal(authorizes[0].codeChallengeMethod, "S256");
  assert.equal(authorizes[0].responseMode, "form_post");
  assert.equal(authorizes[0].loginHint, USERS.bob.username);
  assert.match(authorizes[0].redirectUri ?? "", /^http:\/\/localhost:\d+$/);
  const grants = fx.fe.requests.filter((r) => r.path.endsWith("/token")).map((r) => [r.grantType, r.status]);
  assert.deepEqual(grants, [["authorization_code", 200], ["refresh_token", 200]]);
  assert.equal(fx.fe.requests.find((r) => r.grantType === "authorization_code")?.codeVerifier, true);

  const log = fs.readFileSync(browserLog, "utf8");
  assert.match(log, /POST http:\/\/localhost:\d+\/ \(code,client_info,session_state,state\) -> 200/);
  assert.match(log, /Signed in to the sandbox/);
  assert.doesNotMatch(log, /code=|1\.AX/, "the browser log holds no codes");
});

test("failNext for refresh_token grants only: MFA required (50076) on a silent refresh is 'interaction required' to the extension", async () => {
  fx.fe.configure({ failNext: { aadsts: 50076, grantType: "refresh_token" } });
  // Built like the extension's browser sign-in (src/auth/credentialFactory.ts): getToken never signs in by itself.
  const cred = interactive({ disableAutomaticAuthentication: true });
  await within(cred.authenticate("https://management.azure.com/.default"));
  assert.ok(fx.fe.config.failNext, "the authorization_code grant neither failed nor used up the fault");

  // Another resource: MSAL redeems its refresh token, which Entra refuses until the user does MFA.
  const error = await cred.getToken("api://azure-token-sandbox-api/Items.Read").then(() => undefined, (e: unknown) => e);
  // @azure/identity 4.14 turns every failed silent request into this same error when automatic sign-in is off.
  assert.equal((error as Error | undefined)?.name, "AuthenticationRequiredError");
  assert.equal(isInteractionRequired(error), true, "the auth layer answers InteractionRequiredError (src/auth/index.ts)");
  assert.equal(looksLikeInteractionRequired(error), true, "the refresher records 'sign in'");
  const log = () => fx.fe.requests.filter((r) => r.path.endsWith("/token") || r.path.endsWith("/authorize"))
    .map((r) => [r.grantType ?? "authorize", r.status, r.aadsts, r.fault]);
  assert.deepEqual(log(), [["authorize", 200, undefined, undefined], ["authorization_code", 200, undefined, undefined], ["refresh_token", 400, 50076, "failNext"]]);
  assert.equal(fx.fe.config.failNext, null, "count 1 is used up by the refresh");
  assert.ok(await cred.getToken("api://azure-token-sandbox-api/Items.Read"));
  assert.deepEqual(log().at(-1), ["refresh_token", 200, undefined, undefined]);
});

test("a claims challenge (acrs c1, CAE): a silent request is 'interaction required' until a sign-in meets it; the token then has acrs and xms_cc", async () => {
  const claims = JSON.stringify({ access_token: { acrs: { essential: true, value: "c1" } } });
  const scope = "api://azure-token-sandbox-api/Items.Read";
  // Like the extension's browser sign-in with a challenge (src/auth/index.ts): CAE-capable, no automatic sign-in.
  const cred = interactive({ disableAutomaticAuthentication: true });
  await within(cred.authenticate(scope, { enableCae: true }));
  const plain = decodeJwt((await cred.getToken(scope, { enableCae: true })).token).payload;
  assert.deepEqual(plain.xms_cc, ["cp1"], "enableCae declares the client capability cp1");
  assert.equal(plain.acrs, undefined);

  // The challenge's claims, silently: Entra refuses the refresh token until a sign-in meets c1.
  const refused = await cred.getToken(scope, { enableCae: true, claims }).then(() => undefined, (e: unknown) => e);
  assert.equal(isInteractionRequired(refused), true);
  const grants = () => fx.fe.requests.filter((r) => r.path.endsWith("/token")).map((r) => [r.grantType, r.status, r.aadsts]);
  assert.deepEqual(grants().at(-1), ["refresh_token", 400, 50076]);

  // A sign-in with the claims meets them: the new token carries acrs c1 (and stays CAE-capable).
  await within(cred.authenticate(scope, { enableCae: true, claims }));
  const met = decodeJwt((await cred.getToken(scope, { enableCae: true, claims: "{}" })).token).payload;
  assert.deepEqual(met.acrs, ["c1"]);
  assert.deepEqual(met.xms_cc, ["cp1"]);
  // That sign-in's refresh token now answers the same challenge silently.
  const silent = decodeJwt((await cred.getToken(scope, { enableCae: true, claims })).token).payload;
  assert.deepEqual(silent.acrs, ["c1"]);
  assert.deepEqual(grants().at(-1), ["refresh_token", 200, undefined]);
  assert.equal(fx.fe.requests.filter((r) => r.path.endsWith("/authorize")).length, 2, "one sign-in, then one to meet the challenge");
});

test("sign-in page (autoApprove off): the fake browser picks alice and approves", async () => {
  fx.fe.configure({ autoApprove: false });
  restoreEnv?.();
  restoreEnv = useFakeBrowser({ caPath: fx.certs.caPath, logPath: browserLog, user: USERS.alice.username });
  const cred = interactive({ loginHint: USERS.bob.username }); // the person chooses another account than the hint
  const at = await within(cred.getToken("api://azure-token-sandbox-api/Items.Read"));
  const p = decodeJwt(at.token).payload;
  assert.equal(p.preferred_username, USERS.alice.username);
  assert.equal(p.aud, "a91e4c2d-6f3b-4a8e-9c7d-2b5f0e1a3d64");
  const log = fs.readFileSync(browserLog, "utf8");
  assert.match(log, /POST https:\/\/localhost:\d+\/8c4f2e1a-6b3d-4f7e-9a25-0d1c3b5e7f90\/login \(ctx,username,action\) -> 200/);
});

test("sign-in page: Cancel sends error=access_denied with AADSTS65004 back to the app", async () => {
  fx.fe.configure({ autoApprove: false });
  restoreEnv?.();
  restoreEnv = useFakeBrowser({ caPath: fx.certs.caPath, logPath: browserLog, action: "cancel" });
  await assert.rejects(within(interactive().getToken("https://management.azure.com/.default")), (e: Error) => {
    assert.match(e.message, /access_denied/);
    assert.match(e.message, /AADSTS65004: User declined to consent to access the app/);
    return true;
  });
  assert.equal(fx.fe.requests.filter((r) => r.path.endsWith("/token")).length, 0);
});

test("authorizeOutcome access_denied (autoApprove) behaves like a cancelled sign-in", async () => {
  fx.fe.configure({ authorizeOutcome: "access_denied" });
  await assert.rejects(within(interactive().getToken("https://management.azure.com/.default")), /access_denied/);
});

test("a scope that needs admin consent fails with AADSTS65001", async () => {
  await assert.rejects(within(interactive().getToken("api://azure-token-sandbox-api/Items.Write")), /AADSTS65001: The user or administrator has not consented/);
  await assert.rejects(within(interactive().getToken("api://azure-token-sandbox-api/Items.Delete")), /AADSTS70011/);
});

test("DeviceCodeCredential: approved with approveDeviceCode as bob", async () => {
  let info: DeviceCodeInfo | undefined;
  const cred = new DeviceCodeCredential({
    clientId: APPS.publicClient.appId, ...common(),
    userPromptCallback: (i) => {
      info = i;
      setTimeout(() => assert.equal(fx.fe.approveDeviceCode(i.userCode, USERS.bob.username), true), 300);
    },
  });
  const record = await within(cred.authenticate("https://graph.microsoft.com/User.Read"));
  assert.equal(record?.username, USERS.bob.username);
  assert.equal(record?.homeAccountId, `${USERS.bob.oid}.${TENANT.id}`);
  assert.ok(info);
  assert.equal(info.verificationUri, `${fx.fe.url}/common/oauth2/deviceauth`);
  assert.match(info.userCode, /^[A-Z0-9]{9}$/);
  assert.match(info.message, new RegExp(`enter the code ${info.userCode} to authenticate`));
  const token = await cred.getToken("https://graph.microsoft.com/User.Read");
  const { header, payload } = decodeJwt(token.token);
  assert.equal(payload.aud, "00000003-0000-0000-c000-000000000000");
  assert.equal(typeof header.nonce, "string");
  const grants = fx.fe.requests.filter((r) => r.path.endsWith("/token")).map((r) => r.grantType);
  assert.ok(grants.length >= 1 && grants.every((g) => g === "device_code"), "MSAL sends grant_type=device_code");
  assert.ok(fx.fe.requests.some((r) => r.path.endsWith("/token") && r.aadsts === 70016), "polled while pending");
});

test("device code page: the fake browser enters the code and approves as alice; decline is reported", async () => {
  const approveWith = (action: "approve" | "decline") => new DeviceCodeCredential({
    clientId: APPS.publicClient.appId, ...common(),
    userPromptCallback: (i) => {
      setTimeout(() => void browse(i.verificationUri, { ca: fx.ca, userCode: i.userCode.toLowerCase(), user: USERS.alice.username, action }), 200);
    },
  });
  const at = await within(approveWith("approve").getToken("https://management.azure.com/.default"));
  assert.equal(decodeJwt(at.token).payload.upn, USERS.alice.username);
  await assert.rejects(within(approveWith("decline").getToken("https://management.azure.com/.default")), /authorization_declined|AADSTS70020/);
});

test("the app without public client flows: device code is refused with AADSTS7000218", async () => {
  const cred = new DeviceCodeCredential({ clientId: APPS.publicClientNoPublicFlows.appId, ...common(), userPromptCallback: () => undefined });
  // msal-node's polling loop keeps only the OAuth error of a failed poll (DeviceCodeClient: post_request_failed).
  await assert.rejects(within(cred.getToken("https://management.azure.com/.default")), /post_request_failed: invalid_client/);
  const poll = fx.fe.requests.find((r) => r.grantType === "device_code");
  assert.equal(poll?.status, 401);
  assert.equal(poll?.aadsts, 7000218);
});
