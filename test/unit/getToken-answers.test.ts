// The pure plan of Get Azure Token, tested as data: where answers come from and what each step offers.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  clientIdStep, draftFromAnswers, freshStart, scopesStep, secretChoiceStep, startFromArgs, startFromProfile, stepTitle, tenantStep, typedScopes, typedValue,
  type PromptDefaults,
} from "../../src/core/getTokenAnswers";
import { parseGetTokenArgs, type ParsedArgs } from "../../src/core/getTokenPlan";
import type { Profile } from "../../src/core/profiles";

const TENANT = "8c4f2e1a-6b3d-4f7e-9a25-0d1c3b5e7f90";
const CLIENT = "3f1b9a2c-4d5e-4f60-8a71-92b3c4d5e6f7";
const NO_DEFAULTS: PromptDefaults = { defaultTenant: "", defaultClientId: "", defaultScopes: [] };
const NO_RECENTS = { tenants: [], clientIds: [], scopes: [] };
const args = (raw: unknown): ParsedArgs => {
  const parsed = parseGetTokenArgs(raw);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed;
};

test("arguments answer their steps; a required tenant or client id left out comes from the settings, else is asked", () => {
  const secretArgs = args({ credential: "clientSecret", scopes: "https://graph.microsoft.com/.default" });
  const asked = startFromArgs(secretArgs, NO_DEFAULTS);
  assert.deepEqual([...asked.preset].sort(), ["credential", "loginHint", "scopes"], "tenant and client id are asked");
  const fromSettings = startFromArgs(secretArgs, { ...NO_DEFAULTS, defaultTenant: TENANT, defaultClientId: CLIENT });
  assert.equal(fromSettings.answers.tenant, TENANT);
  assert.equal(fromSettings.answers.clientId, CLIENT);
  assert.ok(fromSettings.preset.has("tenant") && fromSettings.preset.has("clientId"));
  const invalidDefault = startFromArgs(secretArgs, { ...NO_DEFAULTS, defaultTenant: "not a tenant!" });
  assert.ok(!invalidDefault.preset.has("tenant"), "an invalid default is asked for, not used");

  const browser = startFromArgs(args({ scopes: "https://management.azure.com/.default" }), NO_DEFAULTS);
  assert.equal(browser.answers.kind, "interactiveBrowser");
  assert.ok(!browser.preset.has("tenant") && browser.preset.has("clientId"), "the required tenant is asked; the optional client id stays empty, unasked");
  const cli = startFromArgs(args({ credential: "azureCli", scopes: "https://management.azure.com/.default" }), NO_DEFAULTS);
  assert.ok(cli.preset.has("tenant"), "the Azure CLI's optional tenant stays empty, unasked");
  assert.equal(cli.answers.tenant, "");
  const scopesFromSettings = startFromArgs(args({ tenant: TENANT }), { ...NO_DEFAULTS, defaultScopes: ["https://vault.azure.net/.default"] });
  assert.deepEqual(scopesFromSettings.answers.scopes, ["https://vault.azure.net/.default"]);
});

test("a profile answers every step; the palette run starts empty", () => {
  const profile: Profile = { id: "p1", name: "Graph", credential: "deviceCode", cloud: "AzurePublic", tenant: TENANT, scopes: ["https://graph.microsoft.com/.default"] };
  const start = startFromProfile(profile);
  assert.equal(start.answers.profile, profile);
  assert.equal(start.answers.kind, "deviceCode");
  assert.ok(!start.preset.has("secret"), "a secret that is not stored is still asked");
  assert.equal(freshStart().preset.size, 0);
  const obo = startFromProfile({ ...profile, credential: "onBehalfOf", clientId: CLIENT });
  assert.ok(!obo.preset.has("incomingToken"), "an on-behalf-of profile asks for the incoming token: it is never stored");
  const assertion = startFromProfile({ ...profile, credential: "clientAssertion", clientId: CLIENT, assertionFile: "/run/assertion.jwt" });
  assert.equal(assertion.answers.assertionFile, "/run/assertion.jwt");
  assert.ok(assertion.preset.has("assertion"));
});

test("the finished draft is checked like a saved profile", () => {
  const { answers } = startFromArgs(args({ credential: "clientSecret", tenant: TENANT, clientId: CLIENT.toUpperCase(), scopes: "https://graph.microsoft.com/.default" }), NO_DEFAULTS);
  const draft = draftFromAnswers(answers, { cloud: "AzurePublic" });
  assert.ok(!("error" in draft));
  assert.equal(draft.clientId, CLIENT, "client ids are kept in lower case");
  const missing = draftFromAnswers({ ...answers, clientId: "" }, { cloud: "AzurePublic" });
  assert.ok("error" in missing && /^This request /.test(missing.error), "error" in missing ? missing.error : "");
  const assertion = draftFromAnswers({ ...answers, kind: "clientAssertion", assertionFile: " /run/assertion.jwt " }, { cloud: "AzurePublic" });
  assert.ok(!("error" in assertion) && assertion.assertionFile === "/run/assertion.jwt");
  const misplaced = draftFromAnswers({ ...answers, assertionFile: "/run/assertion.jwt" }, { cloud: "AzurePublic" });
  assert.ok("error" in misplaced && /assertion file, which Client secret/.test(misplaced.error), "only a client assertion has an assertion file");
});

test("value steps offer current, default, recent and well-known values once each, in that order", () => {
  const answers = { ...freshStart().answers, kind: "azureCli" as const, tenant: "contoso.onmicrosoft.com" };
  const tenant = tenantStep(answers, { ...NO_DEFAULTS, defaultTenant: TENANT }, { ...NO_RECENTS, tenants: [TENANT, "Contoso.onmicrosoft.com", "fabrikam.com"] });
  assert.deepEqual(tenant.choices.map((c) => [c.value, c.description]), [
    ["", "use the tenant of your 'az login'"], ["contoso.onmicrosoft.com", "current"], [TENANT, "default (azureToken.defaultTenant)"],
    ["fabrikam.com", "recent"], ["organizations", "any work or school account"], ["common", "work, school or personal Microsoft account"],
  ]);
  assert.match(tenant.placeholder, /^Tenant \(optional\)/);

  const client = clientIdStep(freshStart().answers, NO_DEFAULTS, { ...NO_RECENTS, clientIds: [CLIENT] });
  assert.equal(client.choices[client.activeIndex].value, CLIENT, "an optional client id preselects the first offered value");
  const secretClient = clientIdStep({ ...freshStart().answers, kind: "clientSecret" }, NO_DEFAULTS, NO_RECENTS);
  assert.deepEqual(secretClient.choices, [], "a required client id offers no 'Leave empty'");

  const gov = scopesStep(freshStart().answers, NO_DEFAULTS, NO_RECENTS, "AzureUSGovernment");
  assert.ok(gov.choices.some((c) => c.value === "https://graph.microsoft.us/.default"), "well-known resources in the cloud's own form");
  assert.ok(!gov.choices.some((c) => c.value === "https://graph.microsoft.com/.default"));
});

test("what the user types reads as usable or blocked with the reason; typed scopes show what is requested", () => {
  assert.equal(typedValue("tenant", ""), undefined);
  assert.equal(typedValue("tenant", TENANT)?.invalid, undefined);
  assert.ok(typedValue("clientId", "not-a-guid")?.invalid);
  const resource = typedScopes("https://vault.azure.net");
  assert.equal(resource?.value, "https://vault.azure.net/.default");
  assert.match(resource?.detail ?? "", /^Requests https:\/\/vault\.azure\.net\/\.default\./);
  assert.ok(typedScopes("https://graph.microsoft.com/.default https://vault.azure.net/.default")?.invalid, "one resource per token");
  assert.equal(stepTitle("secret", "clientCertificate"), "Get Azure Token: Certificate Password");
  assert.equal(stepTitle("secret", "clientSecret"), "Get Azure Token: Client Secret");
  assert.equal(stepTitle("secret", "onBehalfOf"), "Get Azure Token: Client Secret");
  assert.equal(stepTitle("secret", "onBehalfOfCertificate"), "Get Azure Token: Certificate Password");
  assert.equal(stepTitle("incomingToken", "onBehalfOf"), "Get Azure Token: Incoming Token");
});

test("a known secret is offered explicitly: use it (stored, or entered earlier in this window) or enter a new one", () => {
  const stored = secretChoiceStep("clientSecret", "stored");
  assert.deepEqual(stored.choices.map((c) => c.value), ["use", "new"]);
  assert.match(stored.choices[0].label, /Use the stored secret/);
  assert.match(stored.choices[1].label, /Enter a new secret/);
  assert.equal(stored.activeIndex, 0);
  const held = secretChoiceStep("clientSecret", "held");
  assert.match(held.choices[0].label, /Use the secret entered earlier/);
  assert.match(held.choices[0].description, /this window only/);
  const password = secretChoiceStep("clientCertificate", "stored");
  assert.match(password.choices[0].label, /Use the stored password/);
  assert.match(password.choices[1].label, /Enter a new password/);
  assert.equal(stepTitle("secretChoice", "clientSecret"), "Get Azure Token: Secret to Use");
  assert.equal(stepTitle("secretChoice", "clientCertificate"), "Get Azure Token: Password to Use");
});
