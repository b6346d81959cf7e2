// Entra identifiers: the GUID form of tenant, client (application), object, trace and correlation ids, and the
// tenant keywords that stand for a set of tenants. The one home of the GUID pattern. Pure; portable (extension host
// and webview).

/** A GUID (8-4-4-4-12 hex digits, either case), as a regular-expression source to embed in a larger pattern. */
export const GUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

const GUID_RE = new RegExp(`^${GUID_PATTERN}$`, "i");

export function isGuid(value: string): boolean {
  return GUID_RE.test(value);
}

/** Tenants that are not one directory: any work account, any account, personal Microsoft accounts. */
export const TENANT_KEYWORDS = ["organizations", "common", "consumers"] as const;

/** True for organizations / common / consumers, as written (callers lower-case first where Entra ignores case). */
export function isTenantKeyword(value: string): boolean {
  return (TENANT_KEYWORDS as readonly string[]).includes(value);
}
