import { test } from "node:test";
import assert from "node:assert/strict";
import { parseScopes, validateClientId, validateScopes, validateTenant } from "../../src/core/validation";

const TENANT_GUID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT_GUID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

// ---------------------------------------------------------------- tenant

test("validateTenant accepts GUIDs, verified domains and the three keywords in any case", () => {
  for (const v of [TENANT_GUID, TENANT_GUID.toUpperCase(), "contoso.onmicrosoft.com", "contoso.com", "sub.contoso.co.uk", "xn--bcher-kva.example", "organizations", "Common", "CONSUMERS"]) {
    assert.equal(validateTenant(v), undefined, v);
  }
});

test("validateTenant names a space, tab, line break or control character", () => {
  assert.match(validateTenant("conto so") ?? "", /^'conto so' contains a space/);
  assert.match(validateTenant("conto\tso.com") ?? "", /contains a tab/);
  assert.match(validateTenant("contoso\n.com") ?? "", /contains a line break/);
  assert.match(validateTenant("contoso\u0007.com") ?? "", /contains a control character \(U\+0007\)/);
  assert.match(validateTenant("contoso.com\u200b") ?? "", /invisible character/);
  assert.match(validateTenant(" contoso.com") ?? "", /space or line break before or after it/);
  // The message never echoes the control character itself.
  assert.doesNotMatch(validateTenant("contoso\u0007.com") ?? "", /\u0007/);
});

test("validateTenant explains what a tenant is when the value is wrong", () => {
  const expected = /A tenant is a GUID like 72f988bf-…|A tenant is a GUID like 72f988bf-86f1/;
  assert.match(validateTenant("") ?? "", /^Enter a tenant/);
  assert.match(validateTenant("") ?? "", expected);
  assert.match(validateTenant("contoso") ?? "", /not a full domain; did you mean contoso\.onmicrosoft\.com\?/);
  assert.match(validateTenant("contoso") ?? "", /organizations, common, consumers/);
  assert.match(validateTenant("-contoso.com") ?? "", /starts or ends with a hyphen/);
  assert.match(validateTenant("contoso..com") ?? "", /empty part between dots/);
  assert.match(validateTenant("contoso.c0m") ?? "", /not a top-level domain/);
  assert.match(validateTenant("contoso_corp.com") ?? "", /contains '_'/);
  assert.match(validateTenant(`${"a".repeat(64)}.com`) ?? "", /longer than 63 characters/);
});

test("validateTenant recognises GUID mistakes, URLs and e-mail addresses", () => {
  assert.equal(validateTenant(`{${TENANT_GUID}}`), `Remove the braces: enter the tenant ID as ${TENANT_GUID}.`);
  assert.match(validateTenant(TENANT_GUID.slice(0, -1)) ?? "", /has 31 hex digits; a tenant ID is a GUID with 32/);
  assert.match(validateTenant(TENANT_GUID.replace(/-/g, "")) ?? "", /not in GUID form/);
  assert.match(validateTenant("https://login.microsoftonline.com/contoso.com") ?? "", /a tenant is not a URL/);
  assert.match(validateTenant("alice@contoso.com") ?? "", /e-mail address; use its domain \('contoso\.com'\)/);
});

// ---------------------------------------------------------------- client id

test("validateClientId accepts a GUID in either case", () => {
  assert.equal(validateClientId(CLIENT_GUID), undefined);
  assert.equal(validateClientId(CLIENT_GUID.toUpperCase()), undefined);
});

test("validateClientId hints at braces, wrong length and wrong characters", () => {
  assert.equal(validateClientId(`{${CLIENT_GUID}}`), `Remove the braces: enter ${CLIENT_GUID}.`);
  assert.match(validateClientId(CLIENT_GUID.slice(0, 30)) ?? "", /has 26 hex digits; a client ID has 32, grouped 8-4-4-4-12/);
  assert.match(validateClientId("my-app") ?? "", /contains 'm', which is not a hex digit/);
  assert.match(validateClientId("") ?? "", /^Enter the client ID\. The application \(client\) ID is a GUID/);
  assert.match(validateClientId(` ${CLIENT_GUID}`) ?? "", /space or line break before or after it/);
  assert.match(validateClientId("api://contoso-api") ?? "", /Application ID URI \(used in scopes\), not the client ID/);
});

test("validateClientId recognises a pasted client secret and never echoes it", () => {
  const secret = `abc${"8Q~"}${"k".repeat(20)}${"7".repeat(14)}`; // built at run time: the shape of an Entra secret
  const message = validateClientId(secret) ?? "";
  assert.match(message, /looks like a client secret, not a client ID/);
  assert.ok(!message.includes(secret.slice(0, 10)), "the secret must not appear in the message");
});

// ---------------------------------------------------------------- scopes

test("parseScopes accepts the documented forms", () => {
  const cases: Array<[string, string[]]> = [
    ["https://graph.microsoft.com/.default", ["https://graph.microsoft.com/.default"]],
    ["https://graph.microsoft.com/User.Read", ["https://graph.microsoft.com/User.Read"]],
    ["https://graph.microsoft.com/User.Read https://graph.microsoft.com/Mail.Send", ["https://graph.microsoft.com/User.Read", "https://graph.microsoft.com/Mail.Send"]],
    ["api://11111111-2222-3333-4444-555555555555/access_as_user", ["api://11111111-2222-3333-4444-555555555555/access_as_user"]],
    ["499b84ac-1321-427f-aa17-267ca6975798/.default", ["499b84ac-1321-427f-aa17-267ca6975798/.default"]],
    ["https://management.azure.com/.default,openid", ["https://management.azure.com/.default", "openid"]],
  ];
  for (const [input, scopes] of cases) {
    const r = parseScopes(input);
    assert.ok("scopes" in r, `${input}: ${"error" in r ? r.error : ""}`);
    assert.deepEqual(r.scopes, scopes, input);
  }
});

test("parseScopes: a bare Graph permission is kept with a hint that Entra treats it as Graph", () => {
  const r = parseScopes("User.Read, Mail.Send");
  assert.ok("scopes" in r);
  assert.deepEqual(r.scopes, ["User.Read", "Mail.Send"]);
  assert.ok(r.hints.some((h) => /'User\.Read' has no resource, so Entra treats it as a Microsoft Graph permission \(https:\/\/graph\.microsoft\.com\/User\.Read\)/.test(h)));
});

test("parseScopes: a resource URL or app ID URI without a permission becomes <resource>/.default with a hint", () => {
  const cases: Array<[string, string]> = [
    ["https://management.azure.com", "https://management.azure.com/.default"],
    ["https://management.azure.com/", "https://management.azure.com/.default"],
    ["api://11111111-2222-3333-4444-555555555555", "api://11111111-2222-3333-4444-555555555555/.default"],
    ["499b84ac-1321-427f-aa17-267ca6975798", "499b84ac-1321-427f-aa17-267ca6975798/.default"],
  ];
  for (const [input, scope] of cases) {
    const r = parseScopes(input);
    assert.ok("scopes" in r, input);
    assert.deepEqual(r.scopes, [scope]);
    assert.ok(r.hints.some((h) => h.includes(`turned into ${scope}`)), `${input}: ${r.hints.join(" | ")}`);
  }
});

test("parseScopes drops duplicates and notes that OIDC scopes are added anyway", () => {
  const r = parseScopes("https://graph.microsoft.com/User.Read https://graph.microsoft.com/User.Read openid OFFLINE_ACCESS email");
  assert.ok("scopes" in r);
  assert.deepEqual(r.scopes, ["https://graph.microsoft.com/User.Read", "openid", "offline_access", "email"]);
  assert.ok(r.hints.some((h) => /openid, offline_access are added by the sign-in library/.test(h)));
});

test("parseScopes refuses two resources' .default with AADSTS70011 named", () => {
  const r = parseScopes("https://graph.microsoft.com/.default https://management.azure.com/.default");
  assert.ok("error" in r);
  assert.match(r.error, /AADSTS70011/);
  assert.match(r.error, /https:\/\/graph\.microsoft\.com and https:\/\/management\.azure\.com/);
});

test("parseScopes refuses .default mixed with named permissions of the same resource", () => {
  for (const input of ["https://graph.microsoft.com/.default https://graph.microsoft.com/User.Read", "https://graph.microsoft.com/.default User.Read"]) {
    const r = parseScopes(input);
    assert.ok("error" in r, input);
    assert.match(r.error, /Use either https:\/\/graph\.microsoft\.com\/\.default or named permissions/);
    assert.match(r.error, /not both/);
  }
});

test("parseScopes refuses more than one resource, saying Entra issues one resource at a time", () => {
  const r = parseScopes("https://graph.microsoft.com/User.Read https://management.azure.com/user_impersonation");
  assert.ok("error" in r);
  assert.match(r.error, /for 2 resources/);
  assert.match(r.error, /one resource at a time/);
});

test("parseScopes treats a resource's case and trailing slash as the same resource", () => {
  const r = parseScopes("https://Graph.Microsoft.com/User.Read https://graph.microsoft.com/Mail.Read");
  assert.ok("scopes" in r, "error" in r ? r.error : "");
});

test("parseScopes refuses control characters, quotes, empty input and malformed scopes", () => {
  const cases: Array<[string, RegExp]> = [
    ["", /Enter at least one scope/],
    ["   ,  ", /Enter at least one scope/],
    ["User.Read\tMail.Send", /contains a tab/],
    ["User.Read\nMail.Send", /contains a line break/],
    ["User.Read\u0000", /control character/],
    ['"https://graph.microsoft.com/.default"', /Remove the quotes/],
    ["\u201cUser.Read\u201d", /Remove the quotes/],
    ["openid profile", /Add a resource scope/],
    [".default", /needs a resource in front of it/],
    ["graph.microsoft.com", /needs https:\/\/ in front: https:\/\/graph\.microsoft\.com\/\.default/],
    ["graph.microsoft.com/User.Read", /missing https:\/\/ in front/],
    ["https://graph.microsoft.com/<script>", /contains '<'/],
    ["https://graph.microsoft.com/.default?x=1", /query or fragment/],
    ["read", /'read' is not a scope/],
    ["https://", /no host or app ID/],
    [`${"User.Read ".repeat(60)}`, /at most 50/],
  ];
  for (const [input, expected] of cases) {
    const r = parseScopes(input);
    assert.ok("error" in r, JSON.stringify(input));
    assert.match(r.error, expected, JSON.stringify(input));
  }
});

test("validateScopes returns the parser's message or undefined", () => {
  assert.equal(validateScopes("https://vault.azure.net/.default"), undefined);
  assert.match(validateScopes("openid") ?? "", /Add a resource scope/);
});
