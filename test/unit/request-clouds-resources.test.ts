import { test } from "node:test";
import assert from "node:assert/strict";
import { AzureAuthorityHosts } from "@azure/identity";
import { CLOUDS, authorityHostFor, cloudDisplayName, cloudOfAuthorityHost, isCloud, tenantIssuers, usesInstanceDiscovery, validateAuthorityHost } from "../../src/core/clouds";
import { findResource, findWellKnownResource, wellKnownResources } from "../../src/core/resources";
import { parseScopes } from "../../src/core/validation";

test("built-in authority hosts match @azure/identity's AzureAuthorityHosts", () => {
  assert.deepEqual(authorityHostFor("AzurePublic"), { host: AzureAuthorityHosts.AzurePublicCloud });
  assert.deepEqual(authorityHostFor("AzureUSGovernment"), { host: AzureAuthorityHosts.AzureGovernment });
  assert.deepEqual(authorityHostFor("AzureChina"), { host: AzureAuthorityHosts.AzureChina });
  assert.equal(cloudDisplayName("AzureUSGovernment"), "Azure US Government");
  assert.equal(CLOUDS.length, 4);
  assert.ok(isCloud("Custom"));
  assert.ok(!isCloud("AzureGermany"));
});

test("each cloud's v1 issuer host sits beside its authority host; the issuers follow the authority's cloud", () => {
  const v1 = Object.fromEntries(CLOUDS.map((c) => [c.id, c.v1IssuerHost]));
  assert.deepEqual(v1, {
    AzurePublic: "https://sts.windows.net", AzureUSGovernment: "https://sts.windows.net", AzureChina: "https://sts.chinacloudapi.cn", Custom: undefined,
  });
  assert.equal(cloudOfAuthorityHost("https://LOGIN.chinacloudapi.cn/")?.id, "AzureChina");
  assert.equal(cloudOfAuthorityHost(AzureAuthorityHosts.AzureGovernment)?.id, "AzureUSGovernment");
  assert.equal(cloudOfAuthorityHost("https://login.contoso-stack.example"), undefined);
  const tid = "11111111-2222-3333-4444-555555555555";
  assert.deepEqual(tenantIssuers(AzureAuthorityHosts.AzureChina, tid), [
    `https://sts.chinacloudapi.cn/${tid}/`, `https://login.chinacloudapi.cn/${tid}/v2.0`, `https://login.partner.microsoftonline.cn/${tid}/v2.0`,
  ]);
  assert.deepEqual(tenantIssuers(AzureAuthorityHosts.AzureGovernment, tid), [`https://sts.windows.net/${tid}/`, `https://login.microsoftonline.us/${tid}/v2.0`]);
  assert.deepEqual(tenantIssuers("https://login.contoso-stack.example/", tid), [`https://sts.windows.net/${tid}/`, `https://login.contoso-stack.example/${tid}/v2.0`]);
});

test("the Custom cloud requires a valid https origin", () => {
  assert.match((authorityHostFor("Custom") as { error: string }).error, /needs an authority host/);
  assert.deepEqual(authorityHostFor("Custom", "https://login.stack.contoso.example/"), { host: "https://login.stack.contoso.example" });
  assert.deepEqual(authorityHostFor("Custom", "https://login.stack.contoso.example:8443"), { host: "https://login.stack.contoso.example:8443" });
});

test("custom authority hosts are refused with clear reasons", () => {
  const cases: Array<[string, RegExp]> = [
    ["http://login.contoso.example", /must use https, not http/],
    ["login.contoso.example", /has no scheme; the authority host must start with https:\/\//],
    ["https://login.contoso.example/adfs", /Remove the path '\/adfs'/],
    ["https://login.contoso.example/?x=1", /Remove the query string/],
    ["https://login.contoso.example/#frag", /Remove the '#…' fragment/],
    ["https://user:pw@login.contoso.example", /must not contain a user name or password/],
    ["https://login contoso.example", /space or control character/],
    ["", /Enter the authority host/],
  ];
  for (const [input, expected] of cases) {
    assert.match(validateAuthorityHost(input) ?? "", expected, input);
  }
  assert.equal(validateAuthorityHost("https://login.microsoftonline.us"), undefined);
  // A non-empty custom host wins over a built-in cloud's host, and is validated too.
  assert.deepEqual(authorityHostFor("AzurePublic", "https://login.contoso.example"), { host: "https://login.contoso.example" });
  assert.ok("error" in authorityHostFor("AzurePublic", "http://login.contoso.example"));
});

test("instance discovery is off for Custom and for a foreign custom host", () => {
  assert.equal(usesInstanceDiscovery("AzurePublic"), true);
  assert.equal(usesInstanceDiscovery("AzureChina"), true);
  assert.equal(usesInstanceDiscovery("Custom"), false);
  assert.equal(usesInstanceDiscovery("Custom", "https://login.contoso.example"), false);
  assert.equal(usesInstanceDiscovery("AzurePublic", "https://login.contoso.example"), false);
  assert.equal(usesInstanceDiscovery("AzurePublic", "https://login.microsoftonline.com/"), true);
});

test("well-known resources in the global cloud have the documented scopes", () => {
  const byId = new Map(wellKnownResources("AzurePublic").map((r) => [r.id, r]));
  const expected: Record<string, string> = {
    graph: "https://graph.microsoft.com/.default",
    arm: "https://management.azure.com/.default",
    keyvault: "https://vault.azure.net/.default",
    storage: "https://storage.azure.com/.default",
    sql: "https://database.windows.net/.default",
    devops: "499b84ac-1321-427f-aa17-267ca6975798/.default",
    cognitiveservices: "https://cognitiveservices.azure.com/.default",
    servicebus: "https://servicebus.azure.net/.default",
    eventhubs: "https://eventhubs.azure.net/.default",
    loganalytics: "https://api.loganalytics.io/.default",
    dataexplorer: "https://help.kusto.windows.net/.default",
  };
  for (const [id, scope] of Object.entries(expected)) {
    const r = byId.get(id);
    assert.ok(r, id);
    assert.equal(r.scope, scope, id);
    assert.ok(r.label.length > 0 && r.description.length > 10 && r.shortLabel.length > 0, id);
    // Every offered scope passes the scope parser unchanged.
    const parsed = parseScopes(r.scope);
    assert.ok("scopes" in parsed && parsed.scopes[0] === r.scope, id);
  }
  assert.equal(byId.get("dataexplorer")?.perInstance, true);
  assert.match(byId.get("dataexplorer")?.description ?? "", /cluster URL/);
});

test("sovereign clouds use their own resource hosts", () => {
  const gov = new Map(wellKnownResources("AzureUSGovernment").map((r) => [r.id, r.scope]));
  assert.equal(gov.get("graph"), "https://graph.microsoft.us/.default");
  assert.equal(gov.get("arm"), "https://management.usgovcloudapi.net/.default");
  assert.equal(gov.get("keyvault"), "https://vault.usgovcloudapi.net/.default");
  assert.equal(gov.get("sql"), "https://database.usgovcloudapi.net/.default");
  assert.equal(gov.get("devops"), undefined, "Azure DevOps Services is not offered in US Government");
  const cn = new Map(wellKnownResources("AzureChina").map((r) => [r.id, r.scope]));
  assert.equal(cn.get("graph"), "https://microsoftgraph.chinacloudapi.cn/.default");
  assert.equal(cn.get("arm"), "https://management.chinacloudapi.cn/.default");
  assert.equal(cn.get("keyvault"), "https://vault.azure.cn/.default");
  assert.equal(cn.get("storage"), "https://storage.azure.com/.default");
  assert.deepEqual(wellKnownResources("Custom").map((r) => r.scope), wellKnownResources("AzurePublic").map((r) => r.scope));
});

test("findWellKnownResource matches case-insensitively and across clouds", () => {
  assert.equal(findWellKnownResource("https://GRAPH.microsoft.com/")?.id, "graph");
  assert.equal(findWellKnownResource("https://management.usgovcloudapi.net")?.id, "arm");
  assert.equal(findWellKnownResource("api://unknown"), undefined);
});

test("every offered scope is recognised as its well-known resource when decoding", () => {
  for (const cloud of ["AzurePublic", "AzureUSGovernment", "AzureChina"] as const) {
    for (const r of wellKnownResources(cloud)) {
      const found = findResource(r.scope);
      assert.ok(found, `${cloud} ${r.scope}`);
      assert.equal(found.offer?.shortLabel, r.shortLabel, `${cloud} ${r.scope}`);
    }
  }
});
