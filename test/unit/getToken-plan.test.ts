import { test } from "node:test";
import assert from "node:assert/strict";
import {
  clientIdNeed, draftDestination, offeredKinds, parseGetTokenArgs, planSteps, requestFromDraft, tenantNeed,
  validateAssertionFile, validateCertificatePath, validateLoginHint, type ProfileDraft,
} from "../../src/core/getTokenPlan";
import { secretKeyFor } from "../../src/auth/secretStore";
import { CREDENTIAL_KINDS } from "../../src/core/profiles";
import { emptyRecents, parseRecents, pushRecent, recordRecents, RECENTS_CAP } from "../../src/tokens/recents";

const TENANT = "8c4f2e1a-6b3d-4f7e-9a25-0d1c3b5e7f90";
const CLIENT = "3f1b9a2c-4d5e-4f60-8a71-92b3c4d5e6f7";

test("step plan per credential kind", () => {
  assert.deepEqual(planSteps("interactiveBrowser"), ["credential", "tenant", "clientId", "scopes", "loginHint"]);
  assert.deepEqual(planSteps("deviceCode"), ["credential", "tenant", "clientId", "scopes"]);
  assert.deepEqual(planSteps("clientSecret"), ["credential", "tenant", "clientId", "secret", "scopes"]);
  assert.deepEqual(planSteps("clientSecret", { secret: "own" }), ["credential", "tenant", "clientId", "scopes"], "a profile's own stored secret is used");
  assert.deepEqual(planSteps("clientSecret", { secret: "offer" }), ["credential", "tenant", "clientId", "secretChoice", "secret", "scopes"], "a known secret is offered, never used silently");
  assert.deepEqual(planSteps("clientSecret", { secret: "offer", useKnown: true }), ["credential", "tenant", "clientId", "secretChoice", "scopes"], "using it skips the secret step");
  assert.deepEqual(planSteps("clientCertificate"), ["credential", "tenant", "clientId", "certificate", "secret", "scopes"]);
  assert.deepEqual(planSteps("clientCertificate", { secret: "own" }), ["credential", "tenant", "clientId", "certificate", "scopes"], "a profile's stored certificate password is not asked again");
  assert.deepEqual(planSteps("clientCertificate", { secret: "offer" }), ["credential", "tenant", "clientId", "certificate", "secretChoice", "secret", "scopes"]);
  assert.deepEqual(planSteps("azureCli"), ["credential", "tenant", "scopes"]);
  assert.deepEqual(planSteps("managedIdentity"), ["credential", "clientId", "scopes"]);
  assert.deepEqual(planSteps("vscodeAccount"), ["credential", "tenant", "clientId", "scopes"]);
  // On-behalf-of: the incoming token right after the middle tier's client id (it is checked against it).
  assert.deepEqual(planSteps("onBehalfOf"), ["credential", "tenant", "clientId", "incomingToken", "secret", "scopes"]);
  assert.deepEqual(planSteps("onBehalfOf", { secret: "own" }), ["credential", "tenant", "clientId", "incomingToken", "scopes"]);
  assert.deepEqual(planSteps("onBehalfOfCertificate"), ["credential", "tenant", "clientId", "incomingToken", "certificate", "secret", "scopes"]);
  assert.deepEqual(planSteps("clientAssertion"), ["credential", "tenant", "clientId", "assertion", "scopes"]);
  assert.equal(tenantNeed("clientSecret"), "required");
  assert.equal(tenantNeed("azureCli"), "optional");
  assert.equal(clientIdNeed("clientSecret"), "required");
  assert.equal(clientIdNeed("interactiveBrowser"), "optional");
  assert.equal(clientIdNeed("defaultChain"), "none");
});

test("device code comes first on a remote host; managed identity only where it can apply", () => {
  const local = offeredKinds({ env: {} });
  assert.equal(local[0], "interactiveBrowser");
  assert.ok(!local.includes("managedIdentity"));
  assert.equal(local.length, CREDENTIAL_KINDS.length - 1);
  const remote = offeredKinds({ remoteName: "ssh-remote", env: {} });
  assert.equal(remote[0], "deviceCode");
  assert.ok(remote.includes("managedIdentity"));
  assert.equal(new Set(remote).size, CREDENTIAL_KINDS.length);
  assert.ok(offeredKinds({ env: { IDENTITY_ENDPOINT: "http://localhost:42356/msi/token" } }).includes("managedIdentity"));
});

test("a draft becomes a TokenRequest: custom authority disables instance discovery", () => {
  const draft: ProfileDraft = { credential: "interactiveBrowser", cloud: "AzurePublic", authorityHost: "https://127.0.0.2:8443", tenant: TENANT, scopes: ["https://graph.microsoft.com/.default"], loginHint: "bob@contoso.test" };
  const r = requestFromDraft(draft);
  assert.equal(r.authorityHost, "https://127.0.0.2:8443");
  assert.equal(r.disableInstanceDiscovery, true);
  assert.equal(r.loginHint, "bob@contoso.test");
  assert.equal(r.clientId, undefined);
  assert.equal(r.secretKey, undefined);
  const gov = requestFromDraft({ credential: "azureCli", cloud: "AzureUSGovernment", tenant: "", scopes: ["https://management.usgovcloudapi.net/.default"] });
  assert.equal(gov.authorityHost, "https://login.microsoftonline.us");
  assert.equal(gov.disableInstanceDiscovery, false);
  assert.equal(gov.tenant, "");
  const assertion = requestFromDraft({ credential: "clientAssertion", cloud: "AzurePublic", tenant: TENANT, clientId: CLIENT, assertionFile: "/run/a.jwt", scopes: ["https://graph.microsoft.com/.default"] });
  assert.equal(assertion.assertionFile, "/run/a.jwt");
});

test("destination from settings: Custom needs an authority host, errors name the setting", () => {
  assert.deepEqual(draftDestination({ cloud: "AzurePublic", authorityHost: "" }), { cloud: "AzurePublic" });
  assert.deepEqual(draftDestination({ cloud: "AzurePublic", authorityHost: "https://login.example.test/" }), { cloud: "AzurePublic", authorityHost: "https://login.example.test" });
  const custom = draftDestination({ cloud: "Custom", authorityHost: "" });
  assert.ok("error" in custom && /azureToken\.authorityHost/.test(custom.error));
  const http = draftDestination({ cloud: "AzurePublic", authorityHost: "http://login.example.test" });
  assert.ok("error" in http && /https/.test(http.error));
});

test("secret key: per app, tenant and authority, independent of scopes; none for kinds without secrets", () => {
  const base: ProfileDraft = { credential: "clientSecret", cloud: "AzurePublic", tenant: TENANT, clientId: CLIENT, scopes: ["https://graph.microsoft.com/.default"] };
  const key = secretKeyFor(base);
  assert.match(key ?? "", /^azureToken\.secret\.[0-9a-f]{32}$/);
  assert.equal(secretKeyFor({ ...base, scopes: ["https://management.azure.com/.default"] }), key);
  assert.equal(secretKeyFor({ ...base, clientId: CLIENT.toUpperCase() }), key, "case-insensitive like Entra");
  assert.notEqual(secretKeyFor({ ...base, tenant: "contoso.test" }), key);
  assert.notEqual(secretKeyFor({ ...base, authorityHost: "https://login.example.test" }), key);
  assert.equal(secretKeyFor({ ...base, credential: "interactiveBrowser" }), undefined);
  assert.equal(requestFromDraft(base, secretKeyFor(base)).secretKey, key);
  assert.ok(!(key ?? "").includes(CLIENT), "the key does not reveal the app");
});

test("command arguments: valid ones are parsed, every error names the argument", () => {
  const ok = parseGetTokenArgs({ tenant: TENANT, clientId: CLIENT.toUpperCase(), scopes: "https://management.azure.com", credential: "deviceCode", forceRefresh: true });
  assert.ok(!("error" in ok));
  assert.equal(ok.clientId, CLIENT);
  assert.deepEqual(ok.scopes, ["https://management.azure.com/.default"], "a resource URL becomes /.default");
  assert.equal(ok.forceRefresh, true);
  assert.equal(ok.describesRequest, true);
  const none = parseGetTokenArgs(undefined);
  assert.ok(!("error" in none) && !none.describesRequest);
  const cases: [unknown, RegExp][] = [
    [{ tenant: "contoso" }, /^Argument 'tenant': .*contoso\.onmicrosoft\.com/],
    [{ clientId: "not-a-guid" }, /^Argument 'clientId':/],
    [{ scopes: "openid" }, /^Argument 'scopes':/],
    [{ scopes: [1] }, /^Argument 'scopes' must be text/],
    [{ credential: "password" }, /^Argument 'credential': 'password' is not a credential kind/],
    [{ cloud: "Mars" }, /^Argument 'cloud':/],
    [{ loginHint: "a b" }, /^Argument 'loginHint':/],
    [{ forceRefresh: "yes" }, /^Argument 'forceRefresh'/],
    [{ clientSecret: "x" }, /secrets are never passed as arguments/],
    [{ tenantId: TENANT }, /^Unknown argument 'tenantId'/],
    [{ profile: "p", tenant: TENANT }, /either 'profile' or the request/],
    [{ credential: "azureCli", clientId: CLIENT }, /^Argument 'clientId': Azure CLI does not use a client ID/],
    [{ credential: "managedIdentity", tenant: TENANT }, /^Argument 'tenant':/],
    ["tenant", /must be an object/],
  ];
  for (const [raw, expected] of cases) {
    const r = parseGetTokenArgs(raw);
    assert.ok("error" in r, `${JSON.stringify(raw)} is refused`);
    assert.match(r.error, expected);
  }
});

test("login hint and certificate path validators say what is wrong", () => {
  assert.equal(validateLoginHint(""), undefined);
  assert.equal(validateLoginHint("bob@contoso.test"), undefined);
  assert.match(validateLoginHint("bob @contoso.test") ?? "", /space/);
  assert.equal(validateCertificatePath("/home/me/app.pem"), undefined);
  assert.match(validateCertificatePath("app.pem") ?? "", /absolute path/);
  assert.match(validateCertificatePath("/home/me/app.pfx") ?? "", /PEM/);
  assert.match(validateCertificatePath("") ?? "", /Enter the path/);
  assert.equal(validateAssertionFile(""), undefined, "empty: the command of azureToken.clientAssertionCommand");
  assert.equal(validateAssertionFile("/var/run/secrets/assertion"), undefined);
  assert.match(validateAssertionFile("assertion.jwt") ?? "", /absolute path.*clientAssertionCommand/);
  assert.match(validateAssertionFile("/tmp/a\nb") ?? "", /control character/);
});

test("recents: most recent first, case-insensitive duplicates dropped, capped", () => {
  let list: string[] = [];
  for (let i = 0; i < RECENTS_CAP + 3; i++) list = pushRecent(list, `t${i}.contoso.test`);
  assert.equal(list.length, RECENTS_CAP);
  assert.equal(list[0], `t${RECENTS_CAP + 2}.contoso.test`);
  list = pushRecent(list, "T5.CONTOSO.TEST");
  assert.equal(list[0], "T5.CONTOSO.TEST");
  assert.equal(list.filter((t) => t.toLowerCase() === "t5.contoso.test").length, 1);
  assert.deepEqual(pushRecent(["a.test"], "  "), ["a.test"]);
  const r = recordRecents(emptyRecents(), { tenant: TENANT, clientId: undefined, scopes: ["https://graph.microsoft.com/User.Read", "https://graph.microsoft.com/Mail.Read"] });
  assert.deepEqual(r, { tenants: [TENANT], clientIds: [], scopes: ["https://graph.microsoft.com/User.Read https://graph.microsoft.com/Mail.Read"] });
});

test("stored recents: invalid entries dropped, wrong shapes give empty lists", () => {
  assert.deepEqual(parseRecents("nonsense"), emptyRecents());
  assert.deepEqual(parseRecents({ tenants: [TENANT, "not a tenant", 3], clientIds: [CLIENT, "x"], scopes: ["openid", "https://graph.microsoft.com/.default"] }),
    { tenants: [TENANT], clientIds: [CLIENT], scopes: ["https://graph.microsoft.com/.default"] });
});
