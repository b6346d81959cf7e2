import { test } from "node:test";
import assert from "node:assert/strict";
import {
  CREDENTIAL_KINDS,
  PROFILE_STORE_VERSION,
  credentialDescriptor,
  defaultProfileName,
  parseProfileStore,
  profileKey,
  removeProfile,
  renameProfile,
  sanitizeForBackup,
  serializeProfileStore,
  upsertProfile,
  validateProfile,
  type Profile,
} from "../../src/core/profiles";

const CLIENT = "11111111-2222-3333-4444-555555555555";

function browserProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    id: "p1",
    name: "Graph · contoso.onmicrosoft.com · interactive",
    credential: "interactiveBrowser",
    cloud: "AzurePublic",
    tenant: "contoso.onmicrosoft.com",
    scopes: ["https://graph.microsoft.com/.default"],
    ...overrides,
  };
}

/** A value shaped like an Entra client secret, built at run time. */
const SECRET_VALUE = `abc${"8Q~"}${"z9".repeat(17)}`;

// ---------------------------------------------------------------- descriptors

test("every credential kind has a descriptor with label, description and flags", () => {
  const kinds = CREDENTIAL_KINDS.map((d) => d.kind);
  assert.deepEqual(kinds, [
    "interactiveBrowser", "deviceCode", "vscodeAccount", "azureCli", "azureDeveloperCli", "azurePowerShell",
    "clientSecret", "clientCertificate", "clientAssertion", "onBehalfOf", "onBehalfOfCertificate", "workloadIdentity", "managedIdentity", "defaultChain",
  ]);
  for (const d of CREDENTIAL_KINDS) {
    assert.ok(d.label.length > 0 && d.description.length > 10 && d.shortLabel.length > 0, d.kind);
    for (const flag of [d.needsTenant, d.needsClientId, d.needsSecret, d.needsCertificate, d.acceptsClientId, d.interactive]) {
      assert.equal(typeof flag, "boolean", d.kind);
    }
    if (d.needsClientId) assert.ok(d.acceptsClientId, d.kind);
  }
  assert.equal(credentialDescriptor("clientSecret").needsSecret, true);
  assert.equal(credentialDescriptor("clientSecret").needsClientId, true);
  assert.equal(credentialDescriptor("clientCertificate").needsCertificate, true);
  assert.equal(credentialDescriptor("azureCli").needsTenant, false);
  assert.deepEqual(CREDENTIAL_KINDS.filter((d) => d.needsSecret).map((d) => d.kind), ["clientSecret", "onBehalfOf"]);
  assert.equal(credentialDescriptor("onBehalfOfCertificate").needsCertificate, true);
  for (const k of ["clientAssertion", "onBehalfOf", "onBehalfOfCertificate"] as const) {
    assert.ok(credentialDescriptor(k).needsTenant && credentialDescriptor(k).needsClientId && !credentialDescriptor(k).interactive, k);
  }
});

// ---------------------------------------------------------------- parsing

test("nothing stored yet is an empty list, not corruption", () => {
  assert.deepEqual(parseProfileStore(undefined), { profiles: [] });
  assert.deepEqual(parseProfileStore(null), { profiles: [] });
});

test("a well-formed store round-trips through serialize and parse", () => {
  const profiles = [
    browserProfile(),
    browserProfile({ id: "p2", name: "ARM via CLI", credential: "azureCli", tenant: "", scopes: ["https://management.azure.com/.default"] }),
    browserProfile({ id: "p3", name: "SP", credential: "clientCertificate", clientId: CLIENT, certificatePath: "/home/me/sp.pem", tenant: "72f988bf-86f1-41af-91ab-2d7cd011db47" }),
    browserProfile({ id: "p4", name: "Stack", cloud: "Custom", authorityHost: "https://login.stack.example", tenant: "adfs", lastUsedAt: 1700000000000 }),
  ];
  const stored = serializeProfileStore(profiles);
  assert.equal(stored.version, PROFILE_STORE_VERSION);
  const parsed = parseProfileStore(JSON.parse(JSON.stringify(stored)));
  assert.equal(parsed.corrupt, undefined);
  assert.deepEqual(parsed.profiles, profiles);
});

test("a store of the wrong shape gives no profiles and a reason, without throwing", () => {
  const cases: Array<[unknown, RegExp]> = [
    ["[{]", /is a string/],
    [42, /is a number/],
    [[browserProfile()], /is a list/],
    [{ profiles: [] }, /unknown format version/],
    [{ version: 2, profiles: [] }, /newer version \(format 2\)/],
    [{ version: 1 }, /no profile list/],
    [{ version: 1, profiles: {} }, /no profile list/],
    [{ version: 1, profiles: new Array(201).fill(browserProfile()) }, /more than the 200 allowed/],
  ];
  for (const [raw, reason] of cases) {
    const r = parseProfileStore(raw);
    assert.deepEqual(r.profiles, []);
    assert.match(r.corrupt?.reason ?? "", reason, JSON.stringify(raw).slice(0, 60));
  }
  const hostile = { version: 1, get profiles(): unknown { throw new Error("boom"); } };
  assert.match(parseProfileStore(hostile).corrupt?.reason ?? "", /could not be read/);
});

test("invalid profiles are skipped and reported, valid ones kept", () => {
  const raw = {
    version: 1,
    profiles: [
      browserProfile(),
      browserProfile({ id: "p2", name: "bad tenant", tenant: "conto so" }),
      { ...browserProfile({ id: "p3", name: "bad kind" }), credential: "usernamePassword" },
      browserProfile({ id: "p1", name: "duplicate id" }),
      browserProfile({ id: "p5", name: "two resources", scopes: ["https://graph.microsoft.com/.default", "https://vault.azure.net/.default"] }),
      browserProfile({ id: "p6", name: "secret without client", credential: "clientSecret" }),
      browserProfile({ id: "p7", name: "custom without host", cloud: "Custom" }),
      browserProfile({ id: "p8", name: "cli with client id", credential: "azureCli", clientId: CLIENT }),
      browserProfile({ id: "p9", name: "bad host", authorityHost: "http://login.example" }),
      browserProfile({ id: "bad id!", name: "id" }),
      "not an object",
    ],
  };
  const r = parseProfileStore(raw);
  assert.deepEqual(r.profiles.map((p) => p.id), ["p1"]);
  const reason = r.corrupt?.reason ?? "";
  assert.match(reason, /Profile 2 \('bad tenant'\) has an invalid tenant: 'conto so' contains a space/);
  assert.match(reason, /Profile 3 \('bad kind'\) has an unknown credential kind 'usernamePassword'/);
  assert.match(reason, /Profile 4 \('duplicate id'\) repeats the id/);
  assert.match(reason, /Profile 5 .* has invalid scopes: .*one resource at a time/);
  assert.match(reason, /Profile 6 .* needs a client ID for Client secret/);
  assert.match(reason, /Profile 7 .* Custom cloud without an authority host/);
  assert.match(reason, /Profile 8 .* has a client ID, which Azure CLI does not use/);
  assert.match(reason, /Profile 9 .* must use https/);
  assert.match(reason, /Profile 10 .* invalid id/);
  assert.match(reason, /Profile 11 is not an object/);
  assert.match(reason, /They were skipped\.$/);
});

test("parsing normalises scopes and client ID case", () => {
  const r = parseProfileStore({ version: 1, profiles: [browserProfile({ scopes: ["https://graph.microsoft.com"], clientId: CLIENT.toUpperCase() })] });
  assert.deepEqual(r.profiles[0].scopes, ["https://graph.microsoft.com/.default"]);
  assert.equal(r.profiles[0].clientId, CLIENT);
});

// ---------------------------------------------------------------- no secrets

test("a secret on a stored profile is stripped and reported, never returned", () => {
  const raw = {
    version: 1,
    profiles: [{ ...browserProfile({ credential: "clientSecret", clientId: CLIENT }), clientSecret: SECRET_VALUE, password: "pw", accessToken: "t" }],
  };
  const r = parseProfileStore(raw);
  assert.equal(r.profiles.length, 1);
  assert.equal(r.corrupt, undefined);
  assert.deepEqual(r.strippedSecretKeys, ["clientSecret", "password", "accessToken"]);
  assert.ok(!("clientSecret" in r.profiles[0]));
  assert.ok(!JSON.stringify(r).includes(SECRET_VALUE));
});

test("upsert and serialize never store a secret that rides along on the object", () => {
  const withSecret = { ...browserProfile({ credential: "clientSecret", clientId: CLIENT }), clientSecret: SECRET_VALUE, certificatePassword: "pw" } as Profile;
  const list = upsertProfile([], withSecret);
  assert.ok(!JSON.stringify(list).includes(SECRET_VALUE));
  assert.ok(!("clientSecret" in list[0]) && !("certificatePassword" in list[0]));
  assert.ok(!JSON.stringify(serializeProfileStore([withSecret])).includes(SECRET_VALUE));
});

test("sanitizeForBackup keeps a corrupt store's shape but drops secret-looking keys at any depth", () => {
  const raw = { version: 9, profiles: [{ id: "x", nested: { client_secret: SECRET_VALUE, refreshToken: "r" } }], clientSecret: SECRET_VALUE };
  const safe = sanitizeForBackup(raw);
  assert.deepEqual(safe, { version: 9, profiles: [{ id: "x", nested: {} }] });
});

// ---------------------------------------------------------------- identity and names

test("profileKey ignores name, id, order and case of scopes, and distinguishes what changes the token", () => {
  const a = browserProfile({ scopes: ["https://graph.microsoft.com/User.Read", "https://graph.microsoft.com/Mail.Read"] });
  const b = { ...a, id: "other", name: "renamed", lastUsedAt: 5, tenant: "Contoso.onmicrosoft.com", scopes: ["https://graph.microsoft.com/mail.read", "https://graph.microsoft.com/User.Read"] };
  assert.equal(profileKey(a), profileKey(b));
  // The built-in cloud's host and an explicit identical host are the same authority.
  assert.equal(profileKey(a), profileKey({ ...a, authorityHost: "https://login.microsoftonline.com" }));
  const different: Profile[] = [
    { ...a, credential: "deviceCode" },
    { ...a, cloud: "AzureUSGovernment" },
    { ...a, authorityHost: "https://login.contoso.example" },
    { ...a, tenant: "fabrikam.onmicrosoft.com" },
    { ...a, clientId: CLIENT },
    { ...a, loginHint: "bob@contoso.com" },
    { ...a, scopes: ["https://graph.microsoft.com/User.Read"] },
  ];
  for (const d of different) assert.notEqual(profileKey(d), profileKey(a), JSON.stringify(d));
});

test("defaultProfileName combines resource, tenant and credential", () => {
  assert.equal(defaultProfileName(browserProfile()), "Graph · contoso.onmicrosoft.com · interactive");
  assert.equal(defaultProfileName(browserProfile({ scopes: ["https://management.azure.com/.default"], credential: "azureCli", tenant: "" })), "ARM · default tenant · Azure CLI");
  assert.equal(defaultProfileName(browserProfile({ scopes: ["User.Read"], credential: "deviceCode" })), "Graph · contoso.onmicrosoft.com · device code");
  assert.equal(defaultProfileName(browserProfile({ cloud: "AzureUSGovernment", scopes: ["https://graph.microsoft.us/.default"] })), "Graph · contoso.onmicrosoft.com · interactive");
  assert.equal(defaultProfileName(browserProfile({ scopes: ["api://contoso-api/access_as_user"], credential: "vscodeAccount" })), "api://contoso-api · contoso.onmicrosoft.com · VS Code account");
});

// ---------------------------------------------------------------- array operations

test("upsertProfile replaces by id or appends, without mutating the input", () => {
  const one = [browserProfile()];
  const replaced = upsertProfile(one, browserProfile({ name: "new name" }));
  assert.equal(replaced.length, 1);
  assert.equal(replaced[0].name, "new name");
  assert.equal(one[0].name, "Graph · contoso.onmicrosoft.com · interactive");
  const appended = upsertProfile(one, browserProfile({ id: "p2" }));
  assert.deepEqual(appended.map((p) => p.id), ["p1", "p2"]);
  assert.throws(() => upsertProfile(one, browserProfile({ tenant: "conto so" })), /invalid tenant/);
});

test("renameProfile and removeProfile are pure", () => {
  const list = [browserProfile(), browserProfile({ id: "p2" })];
  const renamed = renameProfile(list, "p2", "  My Graph  ");
  assert.equal(renamed[1].name, "My Graph");
  assert.equal(list[1].name, "Graph · contoso.onmicrosoft.com · interactive");
  assert.deepEqual(renameProfile(list, "missing", "x"), list);
  assert.throws(() => renameProfile(list, "p1", "   "), /Enter a name/);
  assert.throws(() => renameProfile(list, "p1", "a\nb"), /control character or line break/);
  assert.throws(() => renameProfile(list, "p1", "x".repeat(81)), /at most 80/);
  const removed = removeProfile(list, "p1");
  assert.deepEqual(removed.map((p) => p.id), ["p2"]);
  assert.equal(list.length, 2);
  assert.deepEqual(removeProfile(list, "missing"), list);
});

test("validateProfile reports the first problem in words", () => {
  assert.deepEqual(validateProfile(browserProfile()), { profile: browserProfile() });
  assert.match((validateProfile(browserProfile({ scopes: [] })) as { error: string }).error, /has no scopes/);
  assert.match((validateProfile(browserProfile({ credential: "clientCertificate", clientId: CLIENT })) as { error: string }).error, /needs a certificate path/);
  assert.match((validateProfile(browserProfile({ loginHint: "a b" })) as { error: string }).error, /invalid login hint/);
});
