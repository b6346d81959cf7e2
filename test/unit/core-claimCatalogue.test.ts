import { test } from "node:test";
import assert from "node:assert/strict";
import { CLAIM_CATALOGUE, explainClaim, explainHeader, getClaimInfo, HEADER_CATALOGUE } from "../../src/core/claimCatalogue";

test("catalogue has at least 60 unique entries, each fully explained", () => {
  assert.ok(CLAIM_CATALOGUE.length >= 60, String(CLAIM_CATALOGUE.length));
  const names = new Set<string>();
  for (const c of CLAIM_CATALOGUE) {
    assert.ok(!names.has(c.name), `duplicate ${c.name}`);
    names.add(c.name);
    assert.ok(c.title.trim().length > 0, c.name);
    assert.ok(c.description.trim().length >= 15, c.name);
    assert.ok(/[.)]$/.test(c.description.trim()), `${c.name} description ends with a full stop`);
    assert.ok(["registered", "oidc", "entra"].includes(c.category));
  }
  for (const required of [
    "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "name", "given_name", "family_name", "email", "nonce", "at_hash", "c_hash",
    "auth_time", "acr", "amr", "sid", "login_hint", "preferred_username", "tid", "oid", "scp", "roles", "wids", "groups", "hasgroups",
    "_claim_names", "_claim_sources", "idtyp", "ver", "appid", "azp", "appidacr", "azpacr", "acrs", "uti", "rh", "aio", "xms_cc",
    "xms_tcdt", "xms_ftd", "xms_pdl", "xms_pl", "xms_tpl", "xms_mirid", "xms_idrel", "xms_st", "ipaddr", "upn", "unique_name",
    "onprem_sid", "ctry", "tenant_ctry", "tenant_region_scope", "puid", "deviceid", "verified_primary_email", "verified_secondary_email",
    "in_corp", "nickname", "pwd_exp", "pwd_url", "acct", "altsecid", "idp", "cnf", "enfpolid", "fwd",
  ]) {
    assert.ok(names.has(required), `missing ${required}`);
  }
  const counts = { registered: 0, oidc: 0, entra: 0 };
  for (const c of CLAIM_CATALOGUE) counts[c.category]++;
  assert.equal(counts.registered, 7);
  assert.ok(counts.oidc >= 15 && counts.entra >= 40);
});

test("unknown xms_ claims get a fallback; other unknown claims do not", () => {
  assert.equal(getClaimInfo("xms_brand_new")?.title, "Microsoft extension claim");
  assert.equal(getClaimInfo("xms_brand_new")?.internal, true);
  assert.equal(getClaimInfo("my_custom_claim"), undefined);
  const e = explainClaim("my_custom_claim", "x");
  assert.equal(e.known, false);
  assert.ok(e.description.length > 0);
  assert.equal(getClaimInfo("constructor"), undefined);
});

test("audiences are named by URL and by app id", () => {
  const cases: Array<[unknown, string]> = [
    ["https://graph.microsoft.com", "Microsoft Graph"],
    ["00000003-0000-0000-c000-000000000000", "Microsoft Graph"],
    ["https://management.azure.com/", "Azure Resource Manager"],
    ["https://management.core.windows.net/", "Azure Resource Manager"],
    ["https://vault.azure.net", "Azure Key Vault"],
    ["https://storage.azure.com/", "Azure Storage"],
    ["https://database.windows.net/", "Azure SQL Database"],
    ["499b84ac-1321-427f-aa17-267ca6975798", "Azure DevOps"],
    ["https://servicebus.azure.net", "Azure Service Bus"],
    ["https://eventhubs.azure.net", "Azure Event Hubs"],
    ["https://api.loganalytics.io", "Log Analytics"],
    ["https://help.kusto.windows.net", "Azure Data Explorer (Kusto)"],
  ];
  for (const [aud, name] of cases) assert.equal(explainClaim("aud", aud).valueNote, name, String(aud));
  assert.match(explainClaim("aud", "api://my-api").valueNote ?? "", /App ID URI/);
  assert.match(explainClaim("aud", "11111111-2222-3333-4444-555555555555").valueNote ?? "", /application id/);
});

test("known values are named", () => {
  assert.match(explainClaim("idtyp", "app").valueNote ?? "", /app-only/);
  assert.match(explainClaim("idtyp", "user").valueNote ?? "", /delegated/);
  assert.match(explainClaim("appidacr", "0").valueNote ?? "", /public client/);
  assert.match(explainClaim("azpacr", "1").valueNote ?? "", /secret/);
  assert.match(explainClaim("azpacr", 2).valueNote ?? "", /certificate/);
  assert.match(explainClaim("ver", "1.0").valueNote ?? "", /v1\.0/);
  assert.match(explainClaim("ver", "2.0").valueNote ?? "", /v2\.0/);
  assert.equal(explainClaim("acct", 0).valueNote, "member of the tenant");
  assert.equal(explainClaim("acct", "1").valueNote, "guest in the tenant");
  assert.equal(explainClaim("amr", ["pwd", "mfa", "weird"]).valueNote, "pwd: password, mfa: multifactor authentication, unknown method");
  assert.equal(explainClaim("wids", ["62e90394-69f5-4237-9190-012177145e10", "b79fbf4d-3ef9-4689-8143-76b194e85509"]).valueNote,
    "Global Administrator, Member user (default)");
  assert.equal(explainClaim("wids", "62e90394-69f5-4237-9190-012177145e10,00000000-1111-2222-3333-444444444444").valueNote,
    "Global Administrator, custom or unlisted role");
  assert.equal(explainClaim("azp", "04b07795-8ddb-461a-bbee-02f9e1bf7b46").valueNote, "Azure CLI");
  assert.equal(explainClaim("exp", 1714566896).valueNote, "2024-05-01 12:34:56 UTC");
  assert.equal(explainClaim("xms_tcdt", "1648126498").valueNote, "2022-03-24 12:54:58 UTC");
  assert.equal(explainClaim("exp", "soon").valueNote, "not a valid time");
  assert.equal(explainClaim("pwd_exp", 86400 * 3).valueNote, "3 d after the token was issued");
  assert.equal(explainClaim("scp", "User.Read Mail.Read").valueNote, "2 delegated permissions");
  assert.match(explainClaim("iss", "https://sts.windows.net/11111111-2222-3333-4444-555555555555/").valueNote ?? "", /v1\.0/);
  assert.match(explainClaim("tid", "9188040d-6c67-4c5b-b112-36a304b66dad").valueNote ?? "", /consumer/);
  assert.match(explainClaim("xms_cc", ["cp1"]).valueNote ?? "", /CAE/);
  assert.equal(explainClaim("idtyp", "something").valueNote, undefined);
});

test("hostile values stay plain text and never end up interpreted", () => {
  const evil = "<script>alert(1)</script>";
  for (const name of ["aud", "name", "wids", "amr", "azp", "idtyp", "scp", "iss", "unknown_claim"]) {
    const e = explainClaim(name, evil);
    for (const s of [e.title, e.description, e.valueNote ?? ""]) assert.equal(typeof s, "string");
    // Only values we recognise are echoed; markup never is, except where the claim name itself is unknown.
    assert.ok(!e.description.includes("<script>"));
  }
  // Weird value types don't throw.
  for (const v of [null, undefined, {}, [1, 2], 42, true, Number.NaN]) {
    for (const c of CLAIM_CATALOGUE) assert.doesNotThrow(() => explainClaim(c.name, v));
  }
});

test("header parameters are explained, nonce and jku included", () => {
  assert.ok(HEADER_CATALOGUE.length >= 8);
  assert.match(explainHeader("nonce")?.description ?? "", /no client can verify/);
  assert.match(explainHeader("jku")?.description ?? "", /Never fetch keys/);
  assert.equal(explainHeader("nope"), undefined);
});

test("explaining any value never calls into it: {\"toString\":1} in acct, appidacr, azpacr; prototype names are unknown claims", () => {
  for (const name of ["acct", "appidacr", "azpacr", "aud", "wids", "amr", "scp", "roles", "exp", "pwd_exp", "tid", "xms_cc"]) {
    for (const value of [{ toString: 1 }, { valueOf: 1, toString: 1 }, [{ toString: 1 }], JSON.parse("1e400"), null]) {
      assert.doesNotThrow(() => explainClaim(name, value), name);
    }
  }
  assert.equal(explainClaim("acct", 1).valueNote, "guest in the tenant");
  assert.equal(explainClaim("acct", { toString: 1 }).valueNote, undefined);
  assert.equal(explainClaim("exp", JSON.parse("1e400")).valueNote, "not a valid time");
  for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
    assert.equal(explainClaim(name, "x").known, false, name);
    assert.equal(explainHeader(name), undefined, name);
  }
});
