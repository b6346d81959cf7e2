import { test } from "node:test";
import assert from "node:assert/strict";
import { amrMethodName, DIRECTORY_ROLES, directoryRoleName, findClientApp } from "../../src/core/claimValues";

test("directory roles: at least 20, including the ones we promise", () => {
  assert.ok(Object.keys(DIRECTORY_ROLES).length >= 20);
  assert.equal(directoryRoleName("62e90394-69f5-4237-9190-012177145e10"), "Global Administrator");
  assert.equal(directoryRoleName("F2EF992C-3AFB-46B9-B7CF-A126EE74C451"), "Global Reader");
  assert.equal(directoryRoleName("b79fbf4d-3ef9-4689-8143-76b194e85509"), "Member user (default)");
  assert.equal(directoryRoleName("9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"), "Application Administrator");
  assert.equal(directoryRoleName("constructor"), undefined);
  assert.equal(directoryRoleName("00000000-0000-0000-0000-000000000000"), undefined);
  for (const [id, name] of Object.entries(DIRECTORY_ROLES)) {
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.ok(name.length > 0);
  }
});

test("amr methods and client apps", () => {
  assert.equal(amrMethodName("mfa"), "multifactor authentication");
  assert.equal(amrMethodName("pwd"), "password");
  assert.ok(amrMethodName("fido")?.includes("FIDO2"));
  assert.equal(amrMethodName("toString"), undefined);
  assert.equal(findClientApp("04B07795-8DDB-461A-BBEE-02F9E1BF7B46")?.name, "Azure CLI");
  assert.equal(findClientApp("11111111-2222-3333-4444-555555555555"), undefined);
});
