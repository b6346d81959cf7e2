import { test } from "node:test";
import assert from "node:assert/strict";
import { expectedAudienceOf, expectedOf } from "../../src/core/expectedToken";
import type { HeldToken } from "../../src/tokens/tokenStore";
import { NOW_MS } from "./helpers/makeJwt";

const held = (over: Partial<HeldToken> = {}): HeldToken => ({ id: "t1", label: "x", source: "acquired", token: "x", acquiredAtMs: NOW_MS, ...over });
const request = (scopes: string[]) => ({ credential: "deviceCode", cloud: "AzurePublic", authorityHost: "https://login.microsoftonline.com", disableInstanceDiscovery: false,
  tenant: "contoso.onmicrosoft.com", clientId: "04b07795-8ddb-461a-bbee-02f9e1bf7b46", scopes }) as unknown as HeldToken["request"];

test("what an acquired token was asked for comes from its request; a pasted token has none", () => {
  assert.equal(expectedOf(held({ source: "pasted" })), undefined);
  assert.deepEqual(expectedOf(held({ request: request(["openid", "https://vault.azure.net/.default"]) })), {
    audience: "https://vault.azure.net", tenantId: "contoso.onmicrosoft.com", scopes: ["openid", "https://vault.azure.net/.default"],
    clientId: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
  });
  assert.equal(expectedAudienceOf(held({ request: request(["offline_access", "User.Read"]) })), "https://graph.microsoft.com");
  assert.equal(expectedAudienceOf(held({ request: request(["11111111-2222-3333-4444-555555555555/.default"]) })), "11111111-2222-3333-4444-555555555555");
});
