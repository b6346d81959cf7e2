// Scope parsing and the consent model: which resource a request is for, which permissions it gets.
import type { Args } from "./errors";
import { findResource, RESOURCES, type ClientApp, type ResourceApp } from "./sandbox";

export const OIDC_SCOPES: ReadonlySet<string> = new Set(["openid", "profile", "offline_access", "email"]);

export interface ScopeRequest {
  /** OIDC scopes that were requested (openid, profile, offline_access, email). */
  readonly oidc: readonly string[];
  /** The non-OIDC scopes exactly as the client wrote them. */
  readonly requested: readonly string[];
  readonly resource: ResourceApp;
  /** The resource as the client wrote it ("https://management.core.windows.net/" keeps its slash). */
  readonly resourceAsRequested: string;
  /** Permission names as written (".default" unexpanded). */
  readonly permissions: readonly string[];
  readonly isDefault: boolean;
}

/** A failed check: the AADSTS code plus the values for its text. */
export interface ScopeFailure {
  readonly code: number;
  readonly args: Args;
}

export type ScopeResult = { ok: true; value: ScopeRequest } | { ok: false; failure: ScopeFailure };

const fail = (code: number, args: Args): ScopeResult => ({ ok: false, failure: { code, args } });

function splitScope(scope: string): { resource: string; permission: string } {
  const slash = scope.lastIndexOf("/");
  // Bare scopes ("User.Read") are Microsoft Graph's, as on the real v2.0 endpoint.
  if (slash < 0) return { resource: RESOURCES.graph.identifierUris[0], permission: scope };
  return { resource: scope.slice(0, slash), permission: scope.slice(slash + 1) };
}

/** Parses a space-separated scope parameter. Does not look at consent (see checkDelegated / appRoles). */
export function parseScopes(scopeParam: string | null | undefined): ScopeResult {
  const all = (scopeParam ?? "").split(/\s+/).filter(Boolean);
  const oidc = all.filter((s) => OIDC_SCOPES.has(s.toLowerCase()));
  const requested = all.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()));
  const scopeText = all.join(" ");
  if (all.length === 0) return fail(900144, { detail: "scope" });
  if (requested.length === 0) {
    // Only OIDC scopes: Entra issues a Microsoft Graph token (User.Read) alongside the id token.
    const graph = RESOURCES.graph;
    return { ok: true, value: { oidc, requested, resource: graph, resourceAsRequested: graph.identifierUris[0], permissions: ["User.Read"], isDefault: false } };
  }
  const parts = requested.map(splitScope);
  const resourceAsRequested = parts[0].resource;
  const resource = findResource(resourceAsRequested);
  for (const p of parts) {
    const r = findResource(p.resource);
    const sameResource = r && resource ? r.appId === resource.appId : p.resource.replace(/\/+$/, "") === resourceAsRequested.replace(/\/+$/, "");
    if (!sameResource) return fail(28000, { scope: scopeText });
  }
  if (!resource) return fail(500011, { resource: resourceAsRequested });
  const permissions = parts.map((p) => p.permission);
  const isDefault = permissions.includes(".default");
  if (isDefault && permissions.length > 1) return fail(70011, { scope: scopeText });
  if (permissions.some((p) => p === "")) return fail(70011, { scope: scopeText });
  return { ok: true, value: { oidc, requested, resource, resourceAsRequested, permissions, isDefault } };
}

/**
 * Delegated permissions for a user flow: expands `.default` to the app's registered permissions, checks that
 * each one exists on the resource (AADSTS70011) and that admin-only ones were granted (AADSTS65001).
 * User-consentable permissions count as consented by the signing-in user.
 */
export function resolveDelegated(req: ScopeRequest, client: ClientApp): { ok: true; scopes: string[] } | { ok: false; failure: ScopeFailure } {
  const r = req.resource;
  const names = req.isDefault ? [...(client.requiredDelegated[r.appId] ?? r.defaultDelegated)] : [...req.permissions];
  const canonical: string[] = [];
  for (const name of names) {
    const def = r.delegatedScopes.find((s) => s.value.toLowerCase() === name.toLowerCase());
    if (!def) return { ok: false, failure: { code: 70011, args: { scope: [...req.requested, ...req.oidc].join(" ") } } };
    const granted = (client.grantedDelegated[r.appId] ?? []).includes(def.value);
    if (def.adminConsentRequired && !granted) {
      return { ok: false, failure: { code: 65001, args: { clientId: client.appId, appName: client.displayName } } };
    }
    if (!canonical.includes(def.value)) canonical.push(def.value);
  }
  return { ok: true, scopes: canonical };
}

/** Client credentials: the scope must be exactly `{resource}/.default` (AADSTS1002012). Returns the granted roles. */
export function resolveAppRoles(req: ScopeRequest, client: ClientApp): { ok: true; roles: string[] } | { ok: false; failure: ScopeFailure } {
  if (req.requested.length !== 1 || !req.isDefault || req.oidc.length > 0) {
    return { ok: false, failure: { code: 1002012, args: { scope: [...req.requested, ...req.oidc].join(" ") } } };
  }
  return { ok: true, roles: [...(client.appRoleAssignments[req.resource.appId] ?? [])] };
}

/** The `scope` value of a token response: what was asked for (so MSAL's cache matches) plus what was granted. */
export function responseScope(req: ScopeRequest, granted: readonly string[]): string {
  const graph = req.resource.appId === RESOURCES.graph.appId;
  const base = req.resourceAsRequested.replace(/\/+$/, "");
  const out: string[] = [];
  const add = (s: string) => { if (!out.some((x) => x.toLowerCase() === s.toLowerCase())) out.push(s); };
  for (const g of granted) add(graph ? g : `${base}/${g}`);
  for (const s of req.requested) add(s);
  for (const s of req.oidc) if (s.toLowerCase() !== "offline_access") add(s.toLowerCase());
  return out.join(" ");
}
