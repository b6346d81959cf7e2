// "Verify signature" over the network, against the local Entra ID: the real fetch (httpsGetJson) of the discovery
// document and the key set, and its total deadline against a key set that trickles in a byte at a time.
import { test } from "node:test";
import assert from "node:assert/strict";
import https from "node:https";
import { ClientSecretCredential } from "@azure/identity";
import { httpsGetJson, verifySignature, type FetchJson } from "../../src/tokens/verifySignature";
import { APPS, TENANT } from "../fake-entra/sandbox";
import { useFixture } from "../fake-entra/testing";

const fx = useFixture({ autoApprove: true });

async function sandboxApiToken(): Promise<string> {
  const cred = new ClientSecretCredential(TENANT.id, APPS.confidentialClient.appId, APPS.confidentialClient.secret!, {
    authorityHost: fx.fe.url, disableInstanceDiscovery: true, tlsOptions: { ca: fx.ca },
  } as ConstructorParameters<typeof ClientSecretCredential>[3]);
  return (await cred.getToken("api://azure-token-sandbox-api/.default")).token;
}

/** httpsGetJson trusting the local Entra's CA, with a deadline. */
function fetcher(deadlineMs?: number): FetchJson {
  const agent = new https.Agent({ ca: fx.ca });
  return (url) => httpsGetJson(url, { agent, ...(deadlineMs !== undefined ? { deadlineMs } : {}) });
}

const keyRequests = () => fx.fe.requests.filter((r) => r.path.endsWith("/discovery/v2.0/keys"));

test("the real fetch: discovery document, then the key set it names; the token verifies", async () => {
  const token = await sandboxApiToken();
  const before = fx.fe.requests.length;
  const result = await verifySignature(token, { authorityHost: fx.fe.url, fetchJson: fetcher() });
  assert.equal(result.outcome, "verified", result.reason);
  assert.deepEqual(fx.fe.requests.slice(before).map((r) => [r.path, r.status]), [
    [`/${TENANT.id}/v2.0/.well-known/openid-configuration`, 200], [`/${TENANT.id}/discovery/v2.0/keys`, 200],
  ]);
});

test("a key set that trickles in a byte every 100 ms is cut off at the total deadline: 'could not check', with the host", async () => {
  const token = await sandboxApiToken();
  // The whole key set would arrive after some 45 s of trickling: an idle timeout never fires, so without a total
  // deadline the check waits that long and then verifies.
  fx.fe.configure({ trickleKeys: { intervalMs: 100 } });
  const result = await verifySignature(token, { authorityHost: fx.fe.url, fetchJson: fetcher(300) });
  assert.equal(result.outcome, "unverifiable", result.message);
  assert.equal(result.message, `Could not check the signature: the signing keys did not arrive within 0.3 s from ${new URL(fx.fe.url).host}.`);
  assert.match(result.reason, /too slowly or not at all/);
  assert.equal(keyRequests().at(-1)?.fault, "trickleKeys");
  assert.equal(keyRequests().at(-1)?.status, undefined, "the answer was never completed");

  fx.fe.configure({ trickleKeys: null });
  assert.equal((await verifySignature(token, { authorityHost: fx.fe.url, fetchJson: fetcher(300) })).outcome, "verified");
});

test("a discovery document Entra refuses (unknown tenant: HTTP 400, AADSTS90002) is 'could not check', not 'invalid'", async () => {
  const token = await sandboxApiToken();
  const fetchJson = fetcher(300);
  const result = await verifySignature(token, { authorityHost: fx.fe.url, fetchJson: (url) => fetchJson(url.replace(TENANT.id, "fabrikam.test")) });
  assert.equal(result.outcome, "unverifiable");
  assert.match(result.message, /the discovery document \(OpenID configuration\) could not be fetched/);
  assert.match(result.reason, /answered HTTP 400/);
  assert.deepEqual(fx.fe.requests.map((r) => [r.path, r.aadsts]).at(-1), ["/fabrikam.test/v2.0/.well-known/openid-configuration", 90002]);
});
