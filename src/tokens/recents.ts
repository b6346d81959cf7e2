// Recently used tenants, client ids and scope sets, most recent first and capped. Pure: stored by profileStore.ts.
import { parseScopes, validateClientId, validateTenant } from "../core/validation";

export const RECENTS_CAP = 8;

export interface Recents {
  tenants: string[];
  clientIds: string[];
  /** Each entry is one request's scopes, space-separated (as typed on the scope step). */
  scopes: string[];
}

export function emptyRecents(): Recents {
  return { tenants: [], clientIds: [], scopes: [] };
}

/** Puts `value` first, drops a case-insensitive duplicate, keeps at most `cap` entries. Empty values change nothing. */
export function pushRecent(list: readonly string[], value: string | undefined, cap = RECENTS_CAP): string[] {
  const v = value?.trim();
  if (!v) return [...list].slice(0, cap);
  return [v, ...list.filter((x) => x.toLowerCase() !== v.toLowerCase())].slice(0, cap);
}

/** Records one successful request. */
export function recordRecents(recents: Recents, used: { tenant?: string; clientId?: string; scopes: readonly string[] }, cap = RECENTS_CAP): Recents {
  return {
    tenants: pushRecent(recents.tenants, used.tenant, cap),
    clientIds: pushRecent(recents.clientIds, used.clientId, cap),
    scopes: pushRecent(recents.scopes, used.scopes.join(" "), cap),
  };
}

/** Reads stored recents; anything invalid is dropped (recents are a convenience, never worth a warning). */
export function parseRecents(raw: unknown, cap = RECENTS_CAP): Recents {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return emptyRecents();
  const r = raw as Record<string, unknown>;
  const list = (v: unknown, valid: (s: string) => boolean) =>
    Array.isArray(v) ? v.filter((s): s is string => typeof s === "string" && valid(s)).slice(0, cap) : [];
  return {
    tenants: list(r.tenants, (s) => validateTenant(s) === undefined),
    clientIds: list(r.clientIds, (s) => validateClientId(s) === undefined),
    scopes: list(r.scopes, (s) => !("error" in parseScopes(s))),
  };
}
