// The auth service's held answers (auth/heldAnswers.ts): a repeat of the same request is answered from memory until
// MSAL would renew it, and never across requests that Entra would answer differently: a claims challenge, a
// CAE-capable token, another assertion file, another secret key, or another credential instance (a secret typed anew).
import { test } from "node:test";
import assert from "node:assert/strict";
import { HeldAnswers } from "../../src/auth/heldAnswers";
import type { AcquiredToken, TokenRequest } from "../../src/auth/types";

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const REQUEST: TokenRequest = {
  credential: "clientSecret", cloud: "AzurePublic", authorityHost: "https://login.microsoftonline.com", disableInstanceDiscovery: false,
  tenant: "contoso.onmicrosoft.com", clientId: "11111111-2222-3333-4444-555555555555", scopes: ["https://management.azure.com/.default"],
  secretKey: "azureToken.secret.aaaa",
};
const CREDENTIAL = {};
const answer = (token: string, expiresInMs = 3_600_000): AcquiredToken => ({ token, expiresOnTimestamp: NOW + expiresInMs, tokenType: "Bearer", expirySource: "library" });

test("a repeat of the same request is answered from memory; scopes in another order are the same request", () => {
  const held = new HeldAnswers();
  held.set(CREDENTIAL, REQUEST, answer("first"));
  assert.equal(held.get(CREDENTIAL, { ...REQUEST }, NOW)?.token, "first");
  assert.equal(held.get(CREDENTIAL, { ...REQUEST, scopes: [...REQUEST.scopes].reverse() }, NOW)?.token, "first");
});

test("requests Entra answers differently are never answered by each other's token", () => {
  const held = new HeldAnswers();
  held.set(CREDENTIAL, REQUEST, answer("plain"));
  const different: [string, TokenRequest][] = [
    ["a claims challenge", { ...REQUEST, claims: '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}' }],
    ["a CAE-capable token", { ...REQUEST, enableCae: true }],
    ["another assertion file", { ...REQUEST, credential: "clientAssertion", assertionFile: "/tmp/other" }],
    ["another secret", { ...REQUEST, secretKey: "azureToken.secret.bbbb" }],
    ["another tenant", { ...REQUEST, tenant: "fabrikam.onmicrosoft.com" }],
    ["another scope", { ...REQUEST, scopes: ["https://graph.microsoft.com/.default"] }],
  ];
  for (const [what, request] of different) assert.equal(held.get(CREDENTIAL, request, NOW), undefined, what);
  assert.equal(held.get({}, REQUEST, NOW), undefined, "another credential instance (the factory's, for a new secret value under the same key)");
});

test("an answer is dropped when MSAL would renew it (5 minutes before expiry, or its refresh-after time), and by clear()", () => {
  const held = new HeldAnswers();
  held.set(CREDENTIAL, REQUEST, answer("short", 4 * 60_000));
  assert.equal(held.get(CREDENTIAL, REQUEST, NOW), undefined, "within the renewal offset: asked again");
  held.set(CREDENTIAL, REQUEST, { ...answer("refresh", 3_600_000), refreshAfterTimestamp: NOW - 1 });
  assert.equal(held.get(CREDENTIAL, REQUEST, NOW), undefined, "past refresh-after: asked again");
  held.set(CREDENTIAL, REQUEST, answer("long"));
  held.clear();
  assert.equal(held.get(CREDENTIAL, REQUEST, NOW), undefined, "cleared");
});
