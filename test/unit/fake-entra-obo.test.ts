// The local Entra ID's on-behalf-of grant, driven by the real @azure/identity OnBehalfOfCredential: a user's token for
// the middle-tier API becomes a downstream token carrying the same user; a token that is not the middle tier's, not
// a user's, not this server's, or expired is refused with Entra's AADSTS code, and so is a scope without consent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ClientSecretCredential, DeviceCodeCredential, OnBehalfOfCredential } from "@azure/identity";
import { APPS, RESOURCES, TENANT, USERS } from "../fake-entra/sandbox";
import { decodeJwt, useFixture } from "../fake-entra/testing";

const fx = useFixture({ autoApprove: true });
const common = () => ({ authorityHost: fx.fe.url, disableInstanceDiscovery: true, tlsOptions: { ca: fx.ca } });
const MIDDLE_TIER_SCOPE = `${RESOURCES.middleTierApi.identifierUris[0]}/access_as_user`;

/** A user's token from the public client, by device code (approved through the control API). */
async function userToken(scope: string, username: string = USERS.bob.username): Promise<string> {
  const cred = new DeviceCodeCredential({
    clientId: APPS.publicClient.appId, tenantId: TENANT.id, ...common(),
    userPromptCallback: (i) => void setTimeout(() => fx.fe.approveDeviceCode(i.userCode, username), 100),
  });
  return (await cred.getToken(scope)).token;
}

const obo = (userAssertionToken: string) => new OnBehalfOfCredential({
  tenantId: TENANT.id, clientId: APPS.middleTier.appId, clientSecret: APPS.middleTier.secret, userAssertionToken, ...common(),
});

test("on-behalf-of: the downstream token carries the incoming user's identity, for the downstream scope", async () => {
  const incoming = await userToken(MIDDLE_TIER_SCOPE);
  const before = decodeJwt(incoming).payload;
  assert.equal(before.aud, APPS.middleTier.appId);
  assert.equal(before.scp, "access_as_user");

  const downstream = await obo(incoming).getToken("https://graph.microsoft.com/User.Read");
  const after = decodeJwt(downstream.token).payload;
  assert.equal(after.oid, USERS.bob.oid);
  assert.equal(after.tid, TENANT.id);
  assert.equal(after.upn, USERS.bob.username);
  assert.equal(after.scp, "User.Read");
  assert.equal(after.aud, RESOURCES.graph.appId);
  assert.equal(after.appid, APPS.middleTier.appId, "the middle tier is the client of the downstream token");
  assert.equal(after.appidacr, "1", "it proved itself with its secret");
  const request = fx.fe.requests.find((r) => r.grantType === "urn:ietf:params:oauth:grant-type:jwt-bearer");
  assert.equal(request?.status, 200);
});

test("on-behalf-of refusals: a token for another audience, an app token, a foreign token, no consent", async () => {
  const graphToken = await userToken("https://management.azure.com/.default");
  await assert.rejects(obo(graphToken).getToken("https://graph.microsoft.com/User.Read"), /AADSTS50013.*audience/s);

  const appToken = (await new ClientSecretCredential(TENANT.id, APPS.middleTier.appId, APPS.middleTier.secret, common())
    .getToken(`${RESOURCES.sandboxApi.identifierUris[0]}/.default`)).token;
  await assert.rejects(obo(appToken).getToken("https://graph.microsoft.com/User.Read"), /AADSTS50013/);

  const incoming = await userToken(MIDDLE_TIER_SCOPE);
  const [h, p] = incoming.split(".");
  await assert.rejects(obo(`${h}.${p}.${"A".repeat(342)}`).getToken("https://graph.microsoft.com/User.Read"), /AADSTS50013/);

  await assert.rejects(obo(incoming).getToken(`${RESOURCES.sandboxApi.identifierUris[0]}/Items.Write`), /AADSTS65001/);
  const codes = fx.fe.requests.filter((r) => r.grantType === "urn:ietf:params:oauth:grant-type:jwt-bearer").map((r) => r.aadsts);
  assert.deepEqual(codes, [50013, 50013, 50013, 65001]);
});

test("on-behalf-of: an expired incoming token is AADSTS500133", async () => {
  fx.fe.configure({ accessTokenLifetimeSec: 1 });
  const incoming = await userToken(MIDDLE_TIER_SCOPE);
  fx.fe.configure({ accessTokenLifetimeSec: 3600 });
  await new Promise((r) => setTimeout(r, 2100));
  await assert.rejects(obo(incoming).getToken("https://graph.microsoft.com/User.Read"), /AADSTS500133/);
});
