import { test } from "node:test";
import assert from "node:assert/strict";
import { WELL_KNOWN_RESOURCES } from "../../src/core/resourceCatalogue";
import { cloudOf, findResource, sameAudience, urlNamedBy } from "../../src/core/resources";
import { normaliseAudience } from "../../src/core/scopes";

test("resources by URL, by app id, with trailing slash and /.default, and by scope", () => {
  const cases: Array<[string, string]> = [
    ["https://graph.microsoft.com", "graph"],
    ["https://graph.microsoft.com/", "graph"],
    ["00000003-0000-0000-c000-000000000000", "graph"],
    ["https://graph.microsoft.com/.default", "graph"],
    ["https://graph.microsoft.com/User.Read", "graph"],
    ["https://management.azure.com/", "arm"],
    ["https://management.core.windows.net/", "arm"],
    ["797f4846-ba00-4fd7-ba43-dac1f8f63013", "arm"],
    ["https://vault.azure.net", "keyvault"],
    ["https://storage.azure.com/", "storage"],
    ["https://database.windows.net/", "sql"],
    ["499b84ac-1321-427f-aa17-267ca6975798", "devops"],
    ["https://cognitiveservices.azure.com", "cognitiveservices"],
    ["https://servicebus.azure.net", "servicebus"],
    ["https://eventhubs.azure.net", "eventhubs"],
    ["https://api.loganalytics.io", "loganalytics"],
    ["https://mycluster.westeurope.kusto.windows.net", "kusto"],
    ["2746ea77-4702-4b45-80ca-3c97e680e8b7", "kusto"],
    ["HTTPS://GRAPH.MICROSOFT.COM", "graph"],
    // Sovereign URLs the scope step offers are recognised too (one table: resourceCatalogue.ts).
    ["https://api.loganalytics.us", "loganalytics"],
    ["https://cognitiveservices.azure.cn/.default", "cognitiveservices"],
  ];
  for (const [aud, id] of cases) assert.equal(findResource(aud)?.id, id, aud);
  for (const aud of ["https://graph.microsoft.com.evil.example", "http://graph.microsoft.com", "api://my-api", "11111111-2222-3333-4444-555555555555", "", "not a url"]) {
    assert.equal(findResource(aud), undefined, aud);
  }
});

test("every resource has a name and first-party app ids are GUIDs", () => {
  const ids = new Set<string>();
  for (const r of WELL_KNOWN_RESOURCES) {
    assert.ok(r.name.length > 0);
    assert.ok(!ids.has(r.id), r.id);
    ids.add(r.id);
    if (r.appId) assert.match(r.appId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    for (const u of r.urls) assert.equal(u, normaliseAudience(u), u);
  }
});

test("sameAudience: aliases of one resource, not across clouds or instances", () => {
  assert.ok(sameAudience("https://management.azure.com/", "https://management.core.windows.net"));
  assert.ok(sameAudience("00000003-0000-0000-c000-000000000000", "https://graph.microsoft.com/.default"));
  assert.ok(sameAudience("api://11111111-2222-3333-4444-555555555555", "11111111-2222-3333-4444-555555555555"));
  assert.ok(!sameAudience("https://graph.microsoft.com", "https://graph.microsoft.us"));
  assert.ok(sameAudience("00000003-0000-0000-c000-000000000000", "https://graph.microsoft.us"));
  assert.ok(!sameAudience("https://a.kusto.windows.net", "https://b.kusto.windows.net"));
  assert.ok(!sameAudience("https://graph.microsoft.com", "https://management.azure.com"));
  assert.equal(cloudOf("https://management.usgovcloudapi.net"), "usgov");
  assert.equal(cloudOf("https://microsoftgraph.chinacloudapi.cn"), "china");
});

test("urlNamedBy: the resource URL an audience or scope names, which tells its national cloud", () => {
  const arm = findResource("https://management.azure.com")!;
  assert.equal(urlNamedBy(arm, "https://management.usgovcloudapi.net/"), "https://management.usgovcloudapi.net");
  assert.equal(urlNamedBy(arm, "HTTPS://MANAGEMENT.CORE.WINDOWS.NET/.default"), "https://management.core.windows.net");
  assert.equal(urlNamedBy(findResource("https://graph.microsoft.com")!, "https://graph.microsoft.us/User.Read"), "https://graph.microsoft.us");
  assert.equal(urlNamedBy(arm, "797f4846-ba00-4fd7-ba43-dac1f8f63013"), undefined);
  assert.equal(urlNamedBy(arm, "https://management.azure.com.evil.example"), undefined);
});
