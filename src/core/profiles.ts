// Profiles: the non-secret description of how to get a token (credential kind, cloud, tenant, client, scopes).
// This is the pure part: types, the credential descriptors, parsing of the stored list, identity and naming, and
// array operations. Storage (globalState) and secrets (context.secrets) live outside core.
// Guarantee: no secret can be stored in a profile. Profiles are rebuilt field by field from an allow-list, so a
// clientSecret/password/token key on an incoming object is dropped, never copied.
import { isCloud, type Cloud, authorityHostFor } from "./clouds";
import { findWellKnownResource } from "./resources";
import { isGuid } from "./ids";
import { requestedResource } from "./scopes";
import { parseScopes, validateClientId, validateTenant } from "./validation";

export type CredentialKind =
  | "interactiveBrowser"
  | "deviceCode"
  | "vscodeAccount"
  | "azureCli"
  | "azureDeveloperCli"
  | "azurePowerShell"
  | "clientSecret"
  | "clientCertificate"
  | "clientAssertion"
  | "onBehalfOf"
  | "onBehalfOfCertificate"
  | "workloadIdentity"
  | "managedIdentity"
  | "defaultChain";

export interface CredentialDescriptor {
  readonly kind: CredentialKind;
  readonly label: string;
  /** Short form for generated profile names, e.g. "interactive". */
  readonly shortLabel: string;
  readonly description: string;
  /** The tenant step is required (otherwise the tool's or environment's own tenant is used when left empty). */
  readonly needsTenant: boolean;
  /** A client ID must be given (otherwise it is optional or not used). */
  readonly needsClientId: boolean;
  /** The flow can use the user's own app registration's client ID (optional when needsClientId is false). */
  readonly acceptsClientId: boolean;
  /** A client secret is needed; it is kept in VS Code's secret storage, never in the profile. */
  readonly needsSecret: boolean;
  /** A certificate file path is needed (its password, if any, goes to secret storage). */
  readonly needsCertificate: boolean;
  /** Shows a browser, a device code or a VS Code prompt. */
  readonly interactive: boolean;
}

export const CREDENTIAL_KINDS: readonly CredentialDescriptor[] = Object.freeze([
  {
    kind: "interactiveBrowser", label: "Browser sign-in", shortLabel: "interactive",
    description: "Opens your browser to sign in with your work, school or personal account",
    needsTenant: true, needsClientId: false, acceptsClientId: true, needsSecret: false, needsCertificate: false, interactive: true,
  },
  {
    kind: "deviceCode", label: "Device code", shortLabel: "device code",
    description: "Sign in on any device with a short code; works in remote sessions and Codespaces",
    needsTenant: true, needsClientId: false, acceptsClientId: true, needsSecret: false, needsCertificate: false, interactive: true,
  },
  {
    kind: "vscodeAccount", label: "VS Code Microsoft account", shortLabel: "VS Code account",
    description: "Reuses the Microsoft account you are signed in to in VS Code",
    needsTenant: false, needsClientId: false, acceptsClientId: true, needsSecret: false, needsCertificate: false, interactive: true,
  },
  {
    kind: "azureCli", label: "Azure CLI", shortLabel: "Azure CLI",
    description: "Uses the account you signed in with 'az login'",
    needsTenant: false, needsClientId: false, acceptsClientId: false, needsSecret: false, needsCertificate: false, interactive: false,
  },
  {
    kind: "azureDeveloperCli", label: "Azure Developer CLI", shortLabel: "azd",
    description: "Uses the account you signed in with 'azd auth login'",
    needsTenant: false, needsClientId: false, acceptsClientId: false, needsSecret: false, needsCertificate: false, interactive: false,
  },
  {
    kind: "azurePowerShell", label: "Azure PowerShell", shortLabel: "PowerShell",
    description: "Uses the account you signed in with 'Connect-AzAccount'",
    needsTenant: false, needsClientId: false, acceptsClientId: false, needsSecret: false, needsCertificate: false, interactive: false,
  },
  {
    kind: "clientSecret", label: "Client secret (service principal)", shortLabel: "client secret",
    description: "An app registration's client ID and secret; the secret is kept in VS Code's secret storage",
    needsTenant: true, needsClientId: true, acceptsClientId: true, needsSecret: true, needsCertificate: false, interactive: false,
  },
  {
    kind: "clientCertificate", label: "Client certificate (service principal)", shortLabel: "certificate",
    description: "An app registration's client ID and a PEM certificate with its private key",
    needsTenant: true, needsClientId: true, acceptsClientId: true, needsSecret: false, needsCertificate: true, interactive: false,
  },
  {
    kind: "clientAssertion", label: "Client assertion (service principal)", shortLabel: "client assertion",
    description: "An app registration's client ID and a signed assertion read from a file, or from the command in azureToken.clientAssertionCommand",
    needsTenant: true, needsClientId: true, acceptsClientId: true, needsSecret: false, needsCertificate: false, interactive: false,
  },
  {
    kind: "onBehalfOf", label: "On-behalf-of (client secret)", shortLabel: "on-behalf-of",
    description: "For API developers: exchange the user token your API received for a downstream token, with the API's client ID and secret",
    needsTenant: true, needsClientId: true, acceptsClientId: true, needsSecret: true, needsCertificate: false, interactive: false,
  },
  {
    kind: "onBehalfOfCertificate", label: "On-behalf-of (certificate)", shortLabel: "on-behalf-of cert",
    description: "For API developers: exchange the user token your API received for a downstream token, with the API's client ID and certificate",
    needsTenant: true, needsClientId: true, acceptsClientId: true, needsSecret: false, needsCertificate: true, interactive: false,
  },
  {
    kind: "workloadIdentity", label: "Workload identity", shortLabel: "workload identity",
    description: "Federated token from AKS or CI (AZURE_FEDERATED_TOKEN_FILE)",
    needsTenant: false, needsClientId: false, acceptsClientId: true, needsSecret: false, needsCertificate: false, interactive: false,
  },
  {
    kind: "managedIdentity", label: "Managed identity", shortLabel: "managed identity",
    description: "The Azure host's managed identity (VM, App Service, Functions…); client ID for a user-assigned one",
    needsTenant: false, needsClientId: false, acceptsClientId: true, needsSecret: false, needsCertificate: false, interactive: false,
  },
  {
    kind: "defaultChain", label: "DefaultAzureCredential", shortLabel: "default chain",
    description: "Tries environment, workload identity, managed identity, Azure CLI, PowerShell and azd in turn",
    needsTenant: false, needsClientId: false, acceptsClientId: false, needsSecret: false, needsCertificate: false, interactive: false,
  },
].map((d) => Object.freeze(d as CredentialDescriptor)));

/** The on-behalf-of kinds: they exchange an incoming user token (never stored) for a downstream one. */
export function isOnBehalfOf(kind: CredentialKind): boolean {
  return kind === "onBehalfOf" || kind === "onBehalfOfCertificate";
}

export function isCredentialKind(value: unknown): value is CredentialKind {
  return typeof value === "string" && CREDENTIAL_KINDS.some((d) => d.kind === value);
}

export function credentialDescriptor(kind: CredentialKind): CredentialDescriptor {
  const d = CREDENTIAL_KINDS.find((c) => c.kind === kind);
  if (!d) throw new TypeError(`Unknown credential kind '${String(kind)}'`);
  return d;
}

export interface Profile {
  /** Stable identifier (letters, digits, '-' and '_'), e.g. a UUID. */
  id: string;
  /** Display name, 1–80 characters. */
  name: string;
  credential: CredentialKind;
  cloud: Cloud;
  /** Custom authority host (https origin); required for the Custom cloud. */
  authorityHost?: string;
  /** Tenant ID, domain, or organizations/common/consumers. Empty only for kinds with needsTenant false (= the tool's own tenant). */
  tenant: string;
  clientId?: string;
  /** One resource's scopes, as accepted by parseScopes. */
  scopes: string[];
  /** Account (UPN/e-mail) to preselect at sign-in. */
  loginHint?: string;
  /** Path of a PEM certificate for clientCertificate. Only the path: never the key or its password. */
  certificatePath?: string;
  /** clientAssertion: the file holding the assertion (only its path); none = run azureToken.clientAssertionCommand. */
  assertionFile?: string;
  /** When the profile was last used to get a token (ms since epoch), for ordering recents. */
  lastUsedAt?: number;
}

const PROFILE_FIELDS = ["id", "name", "credential", "cloud", "authorityHost", "tenant", "clientId", "scopes", "loginHint", "certificatePath", "assertionFile", "lastUsedAt"] as const;

/** Key names that look like secrets: never stored, stripped when found. */
const SECRET_KEY = /secret|password|passphrase|token|assertion|private.?key|credential.?value|^key$|^pfx$|^pem$/i;

export const PROFILE_STORE_VERSION = 1;

/**
 * The versioned document the profile store keeps in globalState (serializeProfileStore writes it, parseProfileStore
 * reads it). The store itself, the class over globalState, is ProfileStore in tokens/profileStore.ts.
 */
export interface StoredProfiles {
  version: typeof PROFILE_STORE_VERSION;
  profiles: Profile[];
}

export interface ParsedProfileStore {
  profiles: Profile[];
  /** Set when the stored data is not what we expect; callers keep the raw data aside instead of overwriting it. */
  corrupt?: { reason: string };
  /** Secret-looking keys found (and dropped); callers should write the store back at once so they leave storage. */
  strippedSecretKeys?: string[];
}

const MAX_PROFILES = 200;
const MAX_NAME = 80;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export type ProfileCheck = { profile: Profile } | { error: string };

/**
 * Validates one profile-shaped value and rebuilds it from known fields only.
 * Secret-looking keys are ignored (reported through `secretKeys` when given).
 */
export function validateProfile(raw: unknown, secretKeys?: string[]): ProfileCheck {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { error: "is not an object" };
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (SECRET_KEY.test(key) && !(PROFILE_FIELDS as readonly string[]).includes(key)) secretKeys?.push(key);
  }
  const { id, name, credential, cloud, authorityHost, tenant, clientId, scopes, loginHint, certificatePath, assertionFile, lastUsedAt } = r;
  if (typeof id !== "string" || !/^[A-Za-z0-9_-]{1,100}$/.test(id)) return { error: "has a missing or invalid id" };
  if (typeof name !== "string") return { error: "has no name" };
  const nameProblem = validateProfileName(name);
  if (nameProblem) return { error: `has an invalid name: ${nameProblem}` };
  if (!isCredentialKind(credential)) return { error: `has an unknown credential kind '${String(credential).slice(0, 40)}'` };
  if (!isCloud(cloud)) return { error: `has an unknown cloud '${String(cloud).slice(0, 40)}'` };
  const descriptor = credentialDescriptor(credential);

  let host: string | undefined;
  if (authorityHost !== undefined && authorityHost !== "") {
    if (typeof authorityHost !== "string") return { error: "has an authority host that is not text" };
    const h = authorityHostFor(cloud, authorityHost);
    if ("error" in h) return { error: `has an invalid authority host: ${h.error}` };
    host = h.host;
  } else if (cloud === "Custom") {
    return { error: "uses the Custom cloud without an authority host" };
  }

  if (typeof tenant !== "string") return { error: "has no tenant" };
  if (tenant === "") {
    if (descriptor.needsTenant) return { error: `needs a tenant for ${descriptor.label}` };
  } else if (!(cloud === "Custom" && tenant.toLowerCase() === "adfs")) {
    // 'adfs' is the tenant of Azure Stack Hub / AD FS authorities, only meaningful with a custom host.
    const t = validateTenant(tenant);
    if (t) return { error: `has an invalid tenant: ${t}` };
  }

  let client: string | undefined;
  if (clientId !== undefined && clientId !== "") {
    if (typeof clientId !== "string" || !isGuid(clientId)) {
      return { error: `has an invalid client ID: ${typeof clientId === "string" ? validateClientId(clientId) : "not text"}` };
    }
    if (!descriptor.acceptsClientId) return { error: `has a client ID, which ${descriptor.label} does not use` };
    client = clientId.toLowerCase();
  } else if (descriptor.needsClientId) {
    return { error: `needs a client ID for ${descriptor.label}` };
  }

  if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => typeof s === "string")) {
    return { error: "has no scopes" };
  }
  const parsed = parseScopes((scopes as string[]).join(" "));
  if ("error" in parsed) return { error: `has invalid scopes: ${parsed.error}` };

  const profile: Profile = { id, name: name.trim(), credential, cloud, tenant, scopes: parsed.scopes };
  if (host) profile.authorityHost = host;
  if (client) profile.clientId = client;
  if (loginHint !== undefined && loginHint !== "") {
    if (typeof loginHint !== "string" || loginHint.length > 256 || CONTROL.test(loginHint) || /\s/.test(loginHint)) {
      return { error: "has an invalid login hint" };
    }
    profile.loginHint = loginHint;
  }
  if (certificatePath !== undefined && certificatePath !== "") {
    if (typeof certificatePath !== "string" || certificatePath.length > 4096 || CONTROL.test(certificatePath)) {
      return { error: "has an invalid certificate path" };
    }
    profile.certificatePath = certificatePath;
  }
  if (descriptor.needsCertificate && !profile.certificatePath) return { error: `needs a certificate path for ${descriptor.label}` };
  if (assertionFile !== undefined && assertionFile !== "") {
    if (typeof assertionFile !== "string" || assertionFile.length > 4096 || CONTROL.test(assertionFile)) return { error: "has an invalid assertion file path" };
    if (credential !== "clientAssertion") return { error: `has an assertion file, which ${descriptor.label} does not use` };
    profile.assertionFile = assertionFile;
  }
  if (lastUsedAt !== undefined) {
    if (typeof lastUsedAt !== "number" || !Number.isFinite(lastUsedAt) || lastUsedAt < 0) return { error: "has an invalid last-used time" };
    profile.lastUsedAt = lastUsedAt;
  }
  return { profile };
}

/** A profile name: 1–80 characters, no control characters. Returns a message, or undefined when valid. */
export function validateProfileName(name: string): string | undefined {
  const n = name.trim();
  if (!n) return "Enter a name for the profile.";
  if (CONTROL.test(n)) return "The name contains a control character or line break.";
  if (n.length > MAX_NAME) return `The name is ${n.length} characters long; use at most ${MAX_NAME}.`;
  return undefined;
}

/**
 * Reads the stored profile list. Never throws. Nothing stored (undefined/null) is an empty list.
 * A value of the wrong shape gives no profiles and `corrupt`; invalid or duplicate profiles are skipped and reported
 * in `corrupt` while the valid ones are returned. Callers keep the raw value aside (see sanitizeForBackup) rather
 * than overwrite it.
 */
export function parseProfileStore(raw: unknown): ParsedProfileStore {
  try {
    return parseStore(raw);
  } catch (e) {
    return { profiles: [], corrupt: { reason: `could not be read (${e instanceof Error ? e.name : "error"})` } };
  }
}

function parseStore(raw: unknown): ParsedProfileStore {
  if (raw === undefined || raw === null) return { profiles: [] };
  if (typeof raw !== "object" || Array.isArray(raw)) {
    return { profiles: [], corrupt: { reason: `The profile store is ${Array.isArray(raw) ? "a list" : `a ${typeof raw}`}, not an object with a version and profiles.` } };
  }
  const store = raw as Record<string, unknown>;
  if (store.version !== PROFILE_STORE_VERSION) {
    const newer = typeof store.version === "number" && store.version > PROFILE_STORE_VERSION;
    return {
      profiles: [],
      corrupt: { reason: newer ? `The profile store was written by a newer version (format ${store.version}).` : `The profile store has an unknown format version (${String(store.version).slice(0, 20)}).` },
    };
  }
  if (!Array.isArray(store.profiles)) return { profiles: [], corrupt: { reason: "The profile store has no profile list." } };
  if (store.profiles.length > MAX_PROFILES) {
    return { profiles: [], corrupt: { reason: `The profile store holds ${store.profiles.length} profiles, more than the ${MAX_PROFILES} allowed.` } };
  }
  const profiles: Profile[] = [];
  const problems: string[] = [];
  const secretKeys: string[] = [];
  const ids = new Set<string>();
  store.profiles.forEach((item, i) => {
    const r = validateProfile(item, secretKeys);
    const label = `Profile ${i + 1}${isNamed(item) ? ` ('${String(item.name).replace(CONTROL, "").slice(0, 40)}')` : ""}`;
    if ("error" in r) {
      problems.push(`${label} ${r.error}`);
      return;
    }
    if (ids.has(r.profile.id)) {
      problems.push(`${label} repeats the id of an earlier profile`);
      return;
    }
    ids.add(r.profile.id);
    profiles.push(r.profile);
  });
  const out: ParsedProfileStore = { profiles };
  if (problems.length > 0) out.corrupt = { reason: `${problems.join("; ")}. ${problems.length === 1 ? "It was" : "They were"} skipped.` };
  if (secretKeys.length > 0) out.strippedSecretKeys = [...new Set(secretKeys)];
  return out;
}

function isNamed(v: unknown): v is { name: unknown } {
  return typeof v === "object" && v !== null && typeof (v as { name?: unknown }).name === "string";
}

/** The value to store: only known, validated fields. Throws on an invalid profile (a programming error). */
export function serializeProfileStore(profiles: readonly Profile[]): StoredProfiles {
  return { version: PROFILE_STORE_VERSION, profiles: profiles.map(toStoredProfile) };
}

/** Rebuilds a profile from the allow-listed fields, dropping anything else (secrets included). Throws when invalid. */
export function toStoredProfile(profile: Profile): Profile {
  const r = validateProfile(profile);
  if ("error" in r) throw new TypeError(`Profile ${r.error}`);
  return r.profile;
}

/**
 * A copy of an unreadable stored value that is safe to keep aside: secret-looking keys removed at every depth,
 * strings capped. For keeping a corrupt store for later inspection without keeping secrets in it.
 */
export function sanitizeForBackup(raw: unknown, depth = 0): unknown {
  if (depth > 8) return "[too deep]";
  if (typeof raw === "string") return raw.length > 4096 ? `${raw.slice(0, 4096)}…` : raw;
  if (typeof raw !== "object" || raw === null) return raw;
  if (Array.isArray(raw)) return raw.slice(0, MAX_PROFILES * 2).map((v) => sanitizeForBackup(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (SECRET_KEY.test(k)) continue;
    out[k] = sanitizeForBackup(v, depth + 1);
  }
  return out;
}

/**
 * Identity of a profile for token caching and "same profile?" checks: credential, cloud, authority, tenant,
 * client, login hint and the sorted scopes — case-insensitive where Entra is. Name, id and lastUsedAt don't count.
 * The login hint counts because two accounts must never share a cached token.
 */
export function profileKey(profile: Profile): string {
  const authority = profile.authorityHost
    ? profile.authorityHost.replace(/\/+$/, "").toLowerCase()
    : (() => {
      const h = authorityHostFor(profile.cloud);
      return "host" in h ? h.host : "";
    })();
  const scopes = [...new Set(profile.scopes.map((s) => s.trim().toLowerCase()))].sort();
  return JSON.stringify([
    profile.credential,
    profile.cloud,
    authority,
    profile.tenant.trim().toLowerCase(),
    (profile.clientId ?? "").toLowerCase(),
    (profile.loginHint ?? "").toLowerCase(),
    scopes,
  ]);
}

/** e.g. "Graph · contoso.onmicrosoft.com · interactive". */
export function defaultProfileName(profile: Pick<Profile, "scopes" | "tenant" | "credential" | "cloud">): string {
  const resource = requestedResource(profile.scopes);
  let resourceLabel = "OpenID";
  if (resource) {
    const known = findWellKnownResource(resource, profile.cloud) ?? findWellKnownResource(resource);
    resourceLabel = known?.shortLabel ?? shortResource(resource);
  }
  const tenant = profile.tenant || "default tenant";
  const name = `${resourceLabel} · ${tenant} · ${credentialDescriptor(profile.credential).shortLabel}`;
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}

function shortResource(resource: string): string {
  const withoutScheme = resource.replace(/^https?:\/\//i, "");
  return withoutScheme.length > 40 ? `${withoutScheme.slice(0, 39)}…` : withoutScheme;
}

/** Replaces the profile with the same id, or appends it. The stored copy holds allow-listed fields only. Throws when invalid. */
export function upsertProfile(profiles: readonly Profile[], profile: Profile): Profile[] {
  const stored = toStoredProfile(profile);
  const i = profiles.findIndex((p) => p.id === stored.id);
  if (i < 0) return [...profiles, stored];
  const next = [...profiles];
  next[i] = stored;
  return next;
}

/** Renames a profile; returns the same list contents when the id is unknown. Throws when the name is invalid. */
export function renameProfile(profiles: readonly Profile[], id: string, name: string): Profile[] {
  const problem = validateProfileName(name);
  if (problem) throw new TypeError(problem);
  return profiles.map((p) => (p.id === id ? { ...p, name: name.trim() } : p));
}

export function removeProfile(profiles: readonly Profile[], id: string): Profile[] {
  return profiles.filter((p) => p.id !== id);
}

/**
 * Which member of the DefaultAzureCredential-style chain answered, as the views name it: only for that kind (every
 * other kind is its own one credential, already named by the sign-in method). Undefined when unknown.
 */
export function chainMemberThatAnswered(held: { request?: { credential: CredentialKind }; answeredBy?: unknown }): string | undefined {
  if (held.request?.credential !== "defaultChain" || typeof held.answeredBy !== "string" || !held.answeredBy.trim()) return undefined;
  return held.answeredBy.trim().slice(0, 80);
}

/**
 * The argument of a command that names a saved profile (Token for Task): a profile's name or id as text, or
 * `{ profile }` as the other profile commands take it. Nothing (undefined, null, "") means "ask which profile".
 */
export function parseProfileRef(raw: unknown): { profile?: string } | { error: string } {
  if (raw === undefined || raw === null) return {};
  if (typeof raw === "string") return raw.trim() ? { profile: raw.trim() } : {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    return { error: `The argument must be a saved profile's name or id (text), or { "profile": "<name or id>" }, not ${Array.isArray(raw) ? "a list" : typeof raw}.` };
  }
  const keys = Object.keys(raw);
  const unknown = keys.find((k) => k !== "profile");
  if (unknown !== undefined) return { error: `Unknown argument '${unknown.slice(0, 40)}'. Accepted: profile (a saved profile's name or id).` };
  const profile = (raw as { profile?: unknown }).profile;
  if (profile === undefined || profile === null) return {};
  if (typeof profile !== "string") return { error: "Argument 'profile' must be a saved profile's name or id (text)." };
  return profile.trim() ? { profile: profile.trim() } : {};
}
