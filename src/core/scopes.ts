// Scopes and resource identifiers as Entra reads them: splitting a scope into its resource and permission, the
// resource a request is for, `<resource>/.default`, the OIDC scopes that name no resource, and the two ways of
// normalising a resource identifier (to tell requested resources apart, and to compare audiences). The one home of
// scope parsing: validation, diagnostics, profiles and the token view import it. Pure; portable (extension host and
// webview).
import { isGuid } from "./ids";
import { GRAPH_RESOURCE } from "./resourceCatalogue";

/** OpenID Connect scopes: they sign the user in, name no resource, and never show up in an access token's scp. */
export const OIDC_SCOPES: readonly string[] = Object.freeze(["openid", "profile", "email", "offline_access"]);

export function isOidcScope(scope: string): boolean {
  return OIDC_SCOPES.includes(scope.toLowerCase());
}

/** The permission that means "every permission granted to the app for this resource". */
export const DEFAULT_PERMISSION = ".default";

export function isDefaultPermission(permission: string): boolean {
  return permission.toLowerCase() === DEFAULT_PERMISSION;
}

/** The scope that asks for every permission granted for a resource: `<resource>/.default`. */
export function defaultScope(resource: string): string {
  return `${resource}/${DEFAULT_PERMISSION}`;
}

/** `scheme://` at the start of a resource or scope; group 1 is the scheme. */
export const URI_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/** Without trailing '/' (a loop, not /\/+$/: audiences come from untrusted tokens and a regex here backtracks). */
function stripTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47 /* / */) end--;
  return s.slice(0, end);
}

export interface ScopeParts {
  /** The application ID URI or app id; absent for a bare permission (User.Read, openid). */
  readonly resource?: string;
  readonly permission: string;
}

/**
 * Splits a scope as Entra reads it: the resource is everything before the last '/', the permission what follows.
 * In a URI the slashes of `scheme://` don't count, and trailing slashes don't start a permission. A resource on its own
 * (v1-style `https://storage.azure.com`, or an app id) means all its permissions: `.default`. A bare permission has no
 * resource here; Entra reads it as Microsoft Graph's (see resourceOfScope).
 */
export function parseScope(scope: string): ScopeParts {
  const s = scope.trim();
  const scheme = URI_SCHEME.exec(s);
  if (scheme) {
    const rest = stripTrailingSlashes(s.slice(scheme[0].length));
    const slash = rest.lastIndexOf("/");
    if (slash < 0) return { resource: stripTrailingSlashes(s), permission: DEFAULT_PERMISSION };
    const resource = s.slice(0, scheme[0].length + slash);
    return { resource, permission: s.slice(resource.length + 1) };
  }
  const slash = s.lastIndexOf("/");
  if (slash > 0) return { resource: s.slice(0, slash), permission: s.slice(slash + 1) };
  if (isGuid(s)) return { resource: s, permission: DEFAULT_PERMISSION };
  return { permission: s };
}

/**
 * The resource (application ID URI or app ID) a scope belongs to, as Entra reads it: everything before the last '/'.
 * A bare permission such as User.Read belongs to Microsoft Graph. A resource given without a permission is its own
 * resource. OIDC scopes (openid, profile, email, offline_access) have no resource: undefined.
 */
export function resourceOfScope(scope: string): string | undefined {
  const s = scope.trim();
  if (!s || isOidcScope(s)) return undefined;
  return parseScope(s).resource ?? GRAPH_RESOURCE;
}

/** The resource a token request is for: that of its first scope that names one (OIDC scopes name none). */
export function requestedResource(scopes: readonly string[]): string | undefined {
  return scopes.map(resourceOfScope).find((r) => r !== undefined);
}

/**
 * A resource identifier as a key that tells requested resources apart: trailing slashes removed, scheme and host
 * lower-cased, the path kept as written (an App ID URI's path is the app's own).
 */
export function normaliseResource(resource: string): string {
  const trimmed = stripTrailingSlashes(resource);
  const m = URI_SCHEME.exec(trimmed);
  if (!m) return trimmed.toLowerCase();
  const rest = trimmed.slice(m[0].length);
  const slash = rest.indexOf("/");
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? "" : rest.slice(slash);
  return `${m[1].toLowerCase()}://${authority.toLowerCase()}${path}`;
}

/**
 * Normalises an audience or resource string for comparison with a token's `aud`: trims, lower-cases, drops
 * `/.default`, trailing slashes, and `api://` in front of a bare GUID (the default App ID URI of an app).
 */
export function normaliseAudience(value: string): string {
  let s = value.trim().toLowerCase();
  const dotDefault = `/${DEFAULT_PERMISSION}`;
  if (s.endsWith(dotDefault)) s = s.slice(0, -dotDefault.length);
  s = stripTrailingSlashes(s);
  if (s.startsWith("api://") && isGuid(s.slice(6))) s = s.slice(6);
  return s;
}
