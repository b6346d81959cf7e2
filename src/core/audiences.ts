// Audiences (the `aud` claim, a resource URL, an app id or a scope) matched against the well-known resources of
// resourceCatalogue.ts: normalising, finding the resource, telling its national cloud, and comparing two audiences.
// Pure lookups; portable (extension host and webview).

import { WELL_KNOWN_RESOURCES, type NationalCloud, type WellKnownResource } from "./resourceCatalogue";
import { isGuid } from "./ids";
import { normaliseAudience } from "./scopes";

type ResourceMatch = { resource: WellKnownResource; via: "appId" | "url" | "host" };

function matchResource(audience: string): ResourceMatch | undefined {
  if (typeof audience !== "string" || audience.length === 0 || audience.length > 2048) return undefined;
  const n = normaliseAudience(audience);
  if (isGuid(n)) {
    const byId = WELL_KNOWN_RESOURCES.find((r) => r.appId === n);
    return byId ? { resource: byId, via: "appId" } : undefined;
  }
  for (const r of WELL_KNOWN_RESOURCES) {
    // Exact URL, or a scope such as https://graph.microsoft.com/User.Read that names the resource by prefix.
    if (r.urls.some((url) => n === url || n.startsWith(url + "/"))) return { resource: r, via: "url" };
  }
  let host: string;
  try {
    const u = new URL(n);
    if (u.protocol !== "https:") return undefined;
    host = u.hostname;
  } catch {
    return undefined;
  }
  for (const r of WELL_KNOWN_RESOURCES) {
    if (r.hostSuffixes?.some((sfx) => host.endsWith(sfx))) return { resource: r, via: "host" };
  }
  return undefined;
}

/** Finds the well-known resource for an audience URL, app id GUID or scope (`…/.default`). */
export function findResource(audience: string): WellKnownResource | undefined {
  return matchResource(audience)?.resource;
}

/** Which national cloud a resource URL belongs to (by host name); GUIDs belong to none. */
export function cloudOf(audience: string): NationalCloud | undefined {
  const n = normaliseAudience(audience);
  if (isGuid(n)) return undefined;
  let host: string;
  try {
    host = new URL(n).hostname;
  } catch {
    return undefined;
  }
  if (host.endsWith(".us") || host.endsWith("usgovcloudapi.net")) return "usgov";
  if (host.endsWith(".cn") || host.endsWith("chinacloudapi.cn")) return "china";
  return "public";
}

/**
 * True when two audiences name the same resource: the same normalised string, or aliases of one
 * well-known resource (its app id GUID and its URLs, e.g. both ARM URLs) in the same national cloud.
 * Per-instance resources (a Kusto cluster, a vault's own host) are only equal to themselves.
 */
export function sameAudience(a: string, b: string): boolean {
  if (typeof a !== "string" || typeof b !== "string") return false;
  if (normaliseAudience(a) === normaliseAudience(b)) return true;
  const ma = matchResource(a);
  const mb = matchResource(b);
  if (!ma || !mb || ma.resource !== mb.resource || ma.via === "host" || mb.via === "host") return false;
  const ca = cloudOf(a);
  const cb = cloudOf(b);
  return ca === undefined || cb === undefined || ca === cb;
}
