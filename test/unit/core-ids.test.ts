import { test } from "node:test";
import assert from "node:assert/strict";
import { GUID_PATTERN, isGuid, isTenantKeyword } from "../../src/core/ids";

test("isGuid: 8-4-4-4-12 hex digits in either case, nothing around them", () => {
  assert.ok(isGuid("72f988bf-86f1-41af-91ab-2d7cd011db47"));
  assert.ok(isGuid("F2EF992C-3AFB-46B9-B7CF-A126EE74C451"));
  for (const v of ["", "72f988bf86f141af91ab2d7cd011db47", "{72f988bf-86f1-41af-91ab-2d7cd011db47}", " 72f988bf-86f1-41af-91ab-2d7cd011db47", "72f988bf-86f1-41af-91ab-2d7cd011db4g"]) {
    assert.ok(!isGuid(v), v);
  }
  assert.equal(new RegExp(`id (${GUID_PATTERN})`, "i").exec("trace id 11111111-2222-3333-4444-555555555555.")?.[1], "11111111-2222-3333-4444-555555555555");
});

test("tenant keywords", () => {
  for (const k of ["organizations", "common", "consumers"]) assert.ok(isTenantKeyword(k), k);
  assert.ok(!isTenantKeyword("contoso.onmicrosoft.com"));
  assert.ok(!isTenantKeyword("constructor"));
});
