// Lookups in the well-known resource catalogue (resourceCatalogue.ts holds the data): which resource an audience, app
// id or scope names, its national cloud, whether two audiences name the same resource, and the resources the scope
// step offers in a cloud with their scopes. Parsing scopes and normalising identifiers is scopes.ts's. Pure; portable
// (extension host and webview).
import type { Cloud } from "./clouds";
import { isGuid } from "./ids";
import { WELL_KNOWN_RESOURCES, type NationalCloud, type WellKnownResource } from "./resourceCatalogue";
import { defaultScope, normaliseAudience, normaliseResource } from "./scopes";

// ---------------------------------------------------------------------------------------------------------------
// Audiences: the resource a token is for

/** Exact URL, or a scope such as https://graph.microsoft.com/User.Read that names the resource by prefix. */
function namesUrl(normalisedAudience: string, url: string): boolean {
  return normalisedAudience === url || normalisedAudience.startsWith(url + "/");
}

type ResourceMatch = { resource: WellKnownResource; via: "appId" | "url" | "host" };

function matchResource(audience: string): ResourceMatch | undefined {
  if (typeof audience !== "string" || audience.length === 0 || audience.length > 2048) return undefined;
  const n = normaliseAudience(audience);
  if (isGuid(n)) {
    const byId = WELL_KNOWN_RESOURCES.find((r) => r.appId === n);
    return byId ? { resource: byId, via: "appId" } : undefined;
  }
  for (const r of WELL_KNOWN_RESOURCES) {
    if (r.urls.some((url) => namesUrl(n, url))) return { resource: r, via: "url" };
  }
  if (!n.startsWith("https:")) return undefined; // only https URLs name a resource by host (and URL parsing is slow)
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

/** Which of a resource's URLs an audience names (exactly, or by prefix as a scope does); it tells the national cloud. */
export function urlNamedBy(resource: WellKnownResource, audience: string): string | undefined {
  const n = normaliseAudience(audience);
  return resource.urls.find((url) => namesUrl(n, url));
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

// ---------------------------------------------------------------------------------------------------------------
// The scope step's offer

/** A resource as the scope step offers it in one cloud. */
export interface OfferedResource {
  /** Stable id, e.g. 'graph'. */
  readonly id: string;
  /** Label for the picker, e.g. 'Microsoft Graph'. */
  readonly label: string;
  /** Short label for generated profile names, e.g. 'Graph'. */
  readonly shortLabel: string;
  /** What you call with a token for this resource. */
  readonly description: string;
  /** The resource (application ID URI or app ID), e.g. 'https://graph.microsoft.com'. */
  readonly resource: string;
  /** The scope to request: `${resource}/.default`. */
  readonly scope: string;
  /**
   * True when the resource shown is an example and the user should substitute their own endpoint
   * (Azure Data Explorer: each cluster URL is its own resource).
   */
  readonly perInstance?: boolean;
}

const NATIONAL: Record<Exclude<Cloud, "Custom">, NationalCloud> = { AzurePublic: "public", AzureUSGovernment: "usgov", AzureChina: "china" };

/**
 * Resources offered for a cloud, each with its scope (`<resource>/.default`). Services that a sovereign cloud does
 * not offer are left out. The Custom cloud (Azure Stack Hub, private clouds) gets the global values as a starting
 * point: its own resource IDs vary by installation.
 */
export function wellKnownResources(cloud: Cloud): OfferedResource[] {
  const national = NATIONAL[cloud === "Custom" ? "AzurePublic" : cloud];
  const out: OfferedResource[] = [];
  for (const r of WELL_KNOWN_RESOURCES) {
    const { offer } = r;
    const url = r.urlsByCloud[national]?.[0];
    if (!offer || !url) continue;
    const resource = offer.byAppId && r.appId ? r.appId : url;
    out.push(Object.freeze({
      id: offer.id ?? r.id,
      label: offer.label ?? r.name,
      shortLabel: offer.shortLabel,
      description: offer.description,
      resource,
      scope: defaultScope(resource),
      ...(offer.perInstance ? { perInstance: true } : {}),
    }));
  }
  return out;
}

/** Finds the offered resource for a resource identifier in any cloud (case-insensitive, trailing '/' ignored). */
export function findWellKnownResource(resource: string, cloud?: Cloud): OfferedResource | undefined {
  const wanted = normaliseResource(resource);
  const clouds: Cloud[] = cloud ? [cloud] : ["AzurePublic", "AzureUSGovernment", "AzureChina"];
  for (const c of clouds) {
    const hit = wellKnownResources(c).find((r) => normaliseResource(r.resource) === wanted);
    if (hit) return hit;
  }
  return undefined;
}
