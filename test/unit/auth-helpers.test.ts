// Pure helpers of the auth layer: the forceRefresh claims, interaction-required detection, where managed identity
// applies, the secret store, and how the auth layer's own errors are explained.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AuthenticationRequiredError } from "@azure/identity";
import { StringUtils } from "@azure/msal-common/node";
import { CancelledError, SignInTimeoutError } from "../../src/auth/abortable";
import { claimsFor } from "../../src/auth/claimsRequest";
import { managedIdentityApplies, workloadIdentityApplies } from "../../src/auth/environment";
import { InteractionRequiredError } from "../../src/auth/interaction";
import { isInteractionRequired } from "../../src/core/authErrors";
import { redact, SecretRegistry } from "../../src/core/redact";
import { SecretStore } from "../../src/auth/secretStore";
import { explainAuthError } from "../../src/core/authErrors";

test("claims: forceRefresh sends a non-empty challenge, ordinary requests an empty object MSAL ignores", () => {
  const forced = claimsFor(true, 1_700_000_000_500);
  assert.deepEqual(JSON.parse(forced), { access_token: { nbf: { essential: true, value: "1700000000" } } });
  assert.equal(StringUtils.isEmptyObj(forced), false, "MSAL skips its cache for these claims");
  assert.equal(claimsFor(false), "{}");
  assert.equal(StringUtils.isEmptyObj(claimsFor(false)), true, "MSAL treats {} as no claims: the cache answers");
  assert.ok(claimsFor(false), "a truthy string, so @azure/identity replaces the claims it kept");
});

test("isInteractionRequired recognises ours, @azure/identity's and MSAL's, also as a cause", () => {
  assert.equal(isInteractionRequired(new InteractionRequiredError()), true);
  assert.equal(isInteractionRequired(new AuthenticationRequiredError({ scopes: ["s/.default"], message: "Automatic authentication has been disabled." })), true);
  assert.equal(isInteractionRequired(new Error("outer", { cause: { name: "InteractionRequiredAuthError" } })), true);
  assert.equal(isInteractionRequired(new Error("AADSTS7000215")), false);
  assert.equal(isInteractionRequired(undefined), false);
});

test("managed identity applies only where an endpoint is announced", () => {
  assert.equal(managedIdentityApplies({}), false);
  assert.equal(managedIdentityApplies({ IDENTITY_ENDPOINT: "http://localhost:42356/msi/token" }), true);
  assert.equal(managedIdentityApplies({ MSI_ENDPOINT: "http://localhost:50342/oauth2/token" }), true);
  assert.equal(managedIdentityApplies({ AZURE_FEDERATED_TOKEN_FILE: "/var/run/secrets/azure/tokens/azure-identity-token" }), true);
  assert.equal(managedIdentityApplies({ AZURE_TOKEN_ENABLE_IMDS: "0" }), false);
  assert.equal(workloadIdentityApplies({}), false);
  assert.equal(workloadIdentityApplies({}, "/tmp/token"), true);
});

test("secret store: get/store/delete by key; empty secrets and odd keys are refused", async () => {
  const map = new Map<string, string>();
  const store = new SecretStore({
    get: async (k: string) => map.get(k), store: async (k: string, v: string) => { map.set(k, v); }, delete: async (k: string) => { map.delete(k); },
  });
  await store.store("azureToken.secret.0123abcd", "s3cret-value");
  assert.equal(await store.get("azureToken.secret.0123abcd"), "s3cret-value");
  assert.deepEqual([...map.keys()], ["azureToken.secret.0123abcd"], "stored under the request's key as is");
  await store.delete("azureToken.secret.0123abcd");
  assert.equal(await store.get("azureToken.secret.0123abcd"), undefined);
  await assert.rejects(store.store("k", ""), /empty/);
  await assert.rejects(store.get("bad key\n"), /Invalid secret key/);
});

test("the auth layer's own errors: cancel is silent, timeout and interaction-required are explained", () => {
  assert.equal(explainAuthError(new CancelledError()).kind, "cancelled");
  const timeout = explainAuthError(new SignInTimeoutError(300));
  assert.equal(timeout.kind, "timeout");
  assert.match(timeout.fix ?? "", /device code/);
  const interaction = explainAuthError(new InteractionRequiredError());
  assert.equal(interaction.title, "Interactive sign-in needed");
});

test("secret store: every secret it reads or stores is masked by the log's redaction from then on", async () => {
  const map = new Map<string, string>([["azureToken.secret.stored", "stored-value-123"]]);
  const registry = new SecretRegistry();
  const store = new SecretStore({
    get: async (k: string) => map.get(k), store: async (k: string, v: string) => { map.set(k, v); }, delete: async (k: string) => { map.delete(k); },
  }, registry);
  const line = (s: string) => `request failed for secret ${s} (from a library message)`;
  assert.match(redact(line("typed-value-456"), registry), /typed-value-456/, "not yet known");
  await store.store("azureToken.secret.typed", "typed-value-456");
  await store.get("azureToken.secret.stored");
  assert.doesNotMatch(redact(line("typed-value-456"), registry), /typed-value-456/);
  assert.doesNotMatch(redact(line("stored-value-123"), registry), /stored-value-123/);
});
