// The well-known resources the scope step offers, with the right scope string per cloud. Derived from the
// catalogue's entries that have an `offer` (resourceCatalogue.ts holds the data). Pure: no 'vscode', no '@azure/identity'.
import type { Cloud } from "./clouds";
import { WELL_KNOWN_RESOURCES, type NationalCloud } from "./resourceCatalogue";

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
      scope: `${resource}/.default`,
      ...(offer.perInstance ? { perInstance: true } : {}),
    }));
  }
  return out;
}

/** Finds the offered resource for a resource identifier in any cloud (case-insensitive, trailing '/' ignored). */
export function findWellKnownResource(resource: string, cloud?: Cloud): OfferedResource | undefined {
  const wanted = resource.replace(/\/+$/, "").toLowerCase();
  const clouds: Cloud[] = cloud ? [cloud] : ["AzurePublic", "AzureUSGovernment", "AzureChina"];
  for (const c of clouds) {
    const hit = wellKnownResources(c).find((r) => r.resource.toLowerCase() === wanted);
    if (hit) return hit;
  }
  return undefined;
}
