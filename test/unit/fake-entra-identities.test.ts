// The local Entra's Azure-host identities against the real @azure/identity: workload identity federation (the
// federated assertion is validated: trusted issuer's signature, iss, sub, aud, time) and the App Service managed
// identity endpoint (the header is checked); and the wrongAudience fault the view's diagnostics are proven with.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ClientSecretCredential, WorkloadIdentityCredential } from "@azure/identity";
import { IDENTITY_API_VERSION } from "../fake-entra/managedIdentity";
import { APPS, RESOURCES, TENANT, WORKLOAD_SUBJECT } from "../fake-entra/sandbox";
import { decodeJwt, request, useFixture } from "../fake-entra/testing";
import type { FederatedTokenRequest } from "../fake-entra/workload";

const fx = useFixture({ autoApprove: true });
const common = () => ({ authorityHost: fx.fe.url, disableInstanceDiscovery: true, tlsOptions: { ca: fx.ca } });
const API_DEFAULT = `${RESOURCES.sandboxApi.identifierUris[0]}/.default`;

let files = 0;
/** A new credential over a new token file each time (the library keeps an assertion it read for five minutes). */
async function workloadToken(req: FederatedTokenRequest = {}): Promise<string> {
  const file = path.join(fx.tmpDir, `federated-${++files}`);
  fs.writeFileSync(file, await fx.fe.federatedToken(req));
  const credential = new WorkloadIdentityCredential({ ...common(), tenantId: TENANT.id, clientId: APPS.workloadClient.appId, tokenFilePath: file });
  return (await credential.getToken(API_DEFAULT)).token;
}

test("workload identity: a federated token from the trusted issuer gets an app-only token for the workload app", async () => {
  const { payload } = decodeJwt(await workloadToken());
  assert.equal(payload.azp, APPS.workloadClient.appId);
  assert.equal(payload.azpacr, "2");
  assert.equal(payload.idtyp, "app");
  assert.deepEqual(payload.roles, ["Items.Read.All"]);
  const last = fx.fe.requests.at(-1);
  assert.equal(last?.clientAuth, "private_key_jwt");
  assert.equal(last?.status, 200);
});

test("workload identity: each mismatch is refused with Entra's code naming the presented value", async () => {
  const refused = async (req: FederatedTokenRequest, code: RegExp) => {
    await assert.rejects(workloadToken(req), (e: Error) => {
      assert.match(e.message, code);
      return true;
    });
  };
  await refused({ subject: "system:serviceaccount:orders:intruder" }, /AADSTS700213: .*presented assertion subject 'system:serviceaccount:orders:intruder'/);
  await refused({ issuer: "https://token.actions.githubusercontent.com" }, /AADSTS700211: .*issuer 'https:\/\/token\.actions\.githubusercontent\.com'/);
  await refused({ audience: "api://SomethingElse" }, /AADSTS700212: .*audience 'api:\/\/SomethingElse'/);
  await refused({ untrustedKey: true }, /AADSTS700027: Client assertion failed signature validation/);
  await refused({ lifetimeSec: -600 }, /AADSTS700024/);
  const tokenRequests = fx.fe.requests.filter((r) => r.path.endsWith("/oauth2/v2.0/token"));
  assert.ok(tokenRequests.length >= 5 && tokenRequests.every((r) => r.status !== 200), "nothing was issued");
  assert.equal(WORKLOAD_SUBJECT, "system:serviceaccount:orders:orders-api");
});

test("managed identity endpoint: answers with X-IDENTITY-HEADER, refuses without it or with another value", async () => {
  const url = (q: Record<string, string>) => `${fx.fe.identityEndpoint}?${new URLSearchParams(q).toString()}`;
  const query = { "api-version": IDENTITY_API_VERSION, resource: RESOURCES.sandboxApi.identifierUris[0] };

  const ok = await request("GET", url(query), fx.ca, { headers: { "x-identity-header": fx.fe.identityHeader } });
  assert.equal(ok.status, 200, ok.text);
  const body = ok.json<{ access_token: string; expires_on: string; client_id: string }>();
  assert.match(body.expires_on, /^\d+$/);
  assert.equal(body.client_id, APPS.managedIdentity.appId);
  const { payload } = decodeJwt(body.access_token);
  assert.equal(payload.aud, RESOURCES.sandboxApi.appId);
  assert.equal(payload.azp, APPS.managedIdentity.appId);
  assert.deepEqual(payload.roles, ["Items.Read.All"]);

  assert.equal((await request("GET", url(query), fx.ca)).status, 401, "no header, no token");
  assert.equal((await request("GET", url(query), fx.ca, { headers: { "x-identity-header": "guessed" } })).status, 401);
  const other = await request("GET", url({ ...query, client_id: APPS.confidentialClient.appId }), fx.ca, { headers: { "x-identity-header": fx.fe.identityHeader } });
  assert.equal(other.status, 400, "a user-assigned identity the app does not have");
  // The managed identity has no secret: the token endpoint does not take it.
  const direct = await request("POST", `${fx.fe.url}/${TENANT.id}/oauth2/v2.0/token`, fx.ca, {
    form: { grant_type: "client_credentials", client_id: APPS.managedIdentity.appId, scope: API_DEFAULT },
  });
  assert.equal(direct.status, 401);
});

test("wrongAudience: the next token carries the other resource's audience, the one after is right again", async () => {
  fx.fe.configure({ wrongAudience: { resource: RESOURCES.sandboxApi.identifierUris[0] } });
  const credential = () => new ClientSecretCredential(TENANT.id, APPS.confidentialClient.appId, APPS.confidentialClient.secret, common());
  assert.equal(decodeJwt((await credential().getToken("https://graph.microsoft.com/.default")).token).payload.aud, RESOURCES.sandboxApi.appId);
  assert.equal(decodeJwt((await credential().getToken("https://graph.microsoft.com/.default")).token).payload.aud, RESOURCES.graph.appId);
  assert.throws(() => fx.fe.configure({ wrongAudience: { resource: "https://nowhere.example" } }), /sandbox resource/);
});
