import { test } from "node:test";
import assert from "node:assert/strict";
import {
  defaultScope, isDefaultPermission, isOidcScope, normaliseAudience, normaliseResource, parseScope, requestedResource, resourceOfScope,
} from "../../src/core/scopes";

test("parseScope", () => {
  assert.deepEqual(parseScope("https://graph.microsoft.com/.default"), { resource: "https://graph.microsoft.com", permission: ".default" });
  assert.deepEqual(parseScope("https://graph.microsoft.com/User.Read"), { resource: "https://graph.microsoft.com", permission: "User.Read" });
  assert.deepEqual(parseScope("api://my-api/access_as_user"), { resource: "api://my-api", permission: "access_as_user" });
  assert.deepEqual(parseScope("11111111-2222-3333-4444-555555555555/x"), { resource: "11111111-2222-3333-4444-555555555555", permission: "x" });
  assert.deepEqual(parseScope("User.Read"), { permission: "User.Read" });
  assert.deepEqual(parseScope("https://storage.azure.com"), { resource: "https://storage.azure.com", permission: ".default" });
  assert.deepEqual(parseScope("cfa8b339-82a2-471a-a3c9-0fc0be7a4093"), { resource: "cfa8b339-82a2-471a-a3c9-0fc0be7a4093", permission: ".default" });
});

test("resourceOfScope returns what Entra reads as the resource", () => {
  assert.equal(resourceOfScope("https://management.azure.com/.default"), "https://management.azure.com");
  assert.equal(resourceOfScope("https://graph.microsoft.com/User.Read"), "https://graph.microsoft.com");
  assert.equal(resourceOfScope("User.Read"), "https://graph.microsoft.com");
  assert.equal(resourceOfScope("api://contoso.com/api/read"), "api://contoso.com/api");
  assert.equal(resourceOfScope("499b84ac-1321-427f-aa17-267ca6975798/.default"), "499b84ac-1321-427f-aa17-267ca6975798");
  assert.equal(resourceOfScope("https://vault.azure.net"), "https://vault.azure.net");
  assert.equal(resourceOfScope("openid"), undefined);
  assert.equal(resourceOfScope(""), undefined);
});

test("parseScope reads a scope as validation does: trailing slashes don't start a permission", () => {
  assert.deepEqual(parseScope("  https://graph.microsoft.com/User.Read  "), { resource: "https://graph.microsoft.com", permission: "User.Read" });
  assert.deepEqual(parseScope("https://vault.azure.net/"), { resource: "https://vault.azure.net", permission: ".default" });
  assert.deepEqual(parseScope("https://graph.microsoft.com/User.Read/"), { resource: "https://graph.microsoft.com", permission: "User.Read/" });
  assert.deepEqual(parseScope("api://contoso.com/api/read"), { resource: "api://contoso.com/api", permission: "read" });
  assert.deepEqual(parseScope("openid"), { permission: "openid" });
});

test("requestedResource: the first scope that names a resource; bare permissions mean Graph, OIDC scopes name none", () => {
  assert.equal(requestedResource(["openid", "api://my/Items.Read"]), "api://my");
  assert.equal(requestedResource(["offline_access", "User.Read"]), "https://graph.microsoft.com");
  assert.equal(requestedResource(["cfa8b339-82a2-471a-a3c9-0fc0be7a4093/.default"]), "cfa8b339-82a2-471a-a3c9-0fc0be7a4093");
  assert.equal(requestedResource(["openid", "profile"]), undefined);
  assert.equal(requestedResource([]), undefined);
});

test(".default, OIDC scopes", () => {
  assert.equal(defaultScope("https://management.azure.com"), "https://management.azure.com/.default");
  assert.ok(isDefaultPermission(".Default"));
  assert.ok(!isDefaultPermission("default"));
  for (const s of ["openid", "Profile", "email", "offline_access"]) assert.ok(isOidcScope(s), s);
  assert.ok(!isOidcScope("User.Read"));
});

test("normaliseResource keeps an App ID URI's path; normaliseAudience folds everything for comparing audiences", () => {
  assert.equal(normaliseResource("HTTPS://Graph.Microsoft.com//"), "https://graph.microsoft.com");
  assert.equal(normaliseResource("api://Contoso.com/My-API"), "api://contoso.com/My-API");
  assert.equal(normaliseResource("CFA8B339-82A2-471A-A3C9-0FC0BE7A4093"), "cfa8b339-82a2-471a-a3c9-0fc0be7a4093");
  assert.equal(normaliseAudience(" https://Graph.Microsoft.com/.default "), "https://graph.microsoft.com");
  assert.equal(normaliseAudience("api://Contoso.com/My-API/"), "api://contoso.com/my-api");
  assert.equal(normaliseAudience("api://11111111-2222-3333-4444-555555555555"), "11111111-2222-3333-4444-555555555555");
  assert.equal(normaliseAudience("https://x" + "/".repeat(50_000) + "y").length, 50_010);
});
