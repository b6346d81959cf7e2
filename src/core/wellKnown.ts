// Well-known Microsoft identifiers: resources (audiences) by URL and app id, first-party client apps,
// Entra built-in role template ids (the `wids` claim), authentication methods (the `amr` claim) and
// special tenants. Pure data plus lookups; runs in the extension host and in the webview bundle.

export interface WellKnownResource {
  /** Stable key, e.g. "graph". */
  readonly id: string;
  readonly name: string;
  /** Microsoft first-party application id of the resource. */
  readonly appId?: string;
  /** Resource URLs (audiences) in every cloud we know, without trailing slash, lower case. */
  readonly urls: readonly string[];
  /** Host suffixes that identify per-instance resources (e.g. `.kusto.windows.net`). */
  readonly hostSuffixes?: readonly string[];
  /** A request that works with a token for this resource, used for copy-as-curl. `{origin}` is replaced. */
  readonly sampleUrl?: string;
  /** Microsoft first-party API: its tokens may carry a proprietary `nonce` header no client can verify. */
  readonly firstParty: boolean;
}

export const WELL_KNOWN_RESOURCES: readonly WellKnownResource[] = [
  {
    id: "graph", name: "Microsoft Graph", appId: "00000003-0000-0000-c000-000000000000",
    urls: ["https://graph.microsoft.com", "https://graph.microsoft.us", "https://dod-graph.microsoft.us", "https://microsoftgraph.chinacloudapi.cn", "https://canary.graph.microsoft.com"],
    sampleUrl: "{origin}/v1.0/me", firstParty: true,
  },
  {
    id: "aadgraph", name: "Azure AD Graph (retired)", appId: "00000002-0000-0000-c000-000000000000",
    urls: ["https://graph.windows.net", "https://graph.chinacloudapi.cn"], firstParty: true,
  },
  {
    id: "arm", name: "Azure Resource Manager", appId: "797f4846-ba00-4fd7-ba43-dac1f8f63013",
    urls: [
      "https://management.azure.com", "https://management.core.windows.net",
      "https://management.usgovcloudapi.net", "https://management.core.usgovcloudapi.net",
      "https://management.chinacloudapi.cn", "https://management.core.chinacloudapi.cn",
    ],
    sampleUrl: "{origin}/subscriptions?api-version=2022-12-01", firstParty: true,
  },
  {
    id: "keyvault", name: "Azure Key Vault", appId: "cfa8b339-82a2-471a-a3c9-0fc0be7a4093",
    urls: ["https://vault.azure.net", "https://vault.usgovcloudapi.net", "https://vault.azure.cn"],
    hostSuffixes: [".vault.azure.net"], firstParty: true,
  },
  { id: "managedhsm", name: "Azure Key Vault Managed HSM", urls: ["https://managedhsm.azure.net"], firstParty: true },
  {
    id: "storage", name: "Azure Storage", appId: "e406a681-f3d4-42a8-90b6-c2b029497af1",
    urls: ["https://storage.azure.com"], hostSuffixes: [".blob.core.windows.net", ".queue.core.windows.net", ".table.core.windows.net", ".file.core.windows.net", ".dfs.core.windows.net"],
    firstParty: true,
  },
  {
    id: "sql", name: "Azure SQL Database", appId: "022907d3-0f1b-48f7-badc-1ba6abab6d66",
    urls: ["https://database.windows.net", "https://database.usgovcloudapi.net", "https://database.chinacloudapi.cn"], firstParty: true,
  },
  { id: "ossrdbms", name: "Azure Database for PostgreSQL / MySQL", urls: ["https://ossrdbms-aad.database.windows.net"], firstParty: true },
  {
    id: "devops", name: "Azure DevOps", appId: "499b84ac-1321-427f-aa17-267ca6975798",
    urls: ["https://app.vssps.visualstudio.com"], firstParty: true,
  },
  {
    id: "cognitiveservices", name: "Azure AI services (Cognitive Services, Azure OpenAI)", appId: "7d312290-28c8-473c-a0ed-8e53749b6d6d",
    urls: ["https://cognitiveservices.azure.com", "https://cognitiveservices.azure.us", "https://ai.azure.com"], firstParty: true,
  },
  { id: "servicebus", name: "Azure Service Bus", appId: "80a10ef9-8168-493d-abf9-3297c4ef6e3c", urls: ["https://servicebus.azure.net"], firstParty: true },
  { id: "eventhubs", name: "Azure Event Hubs", appId: "80369ed6-5f11-4dd9-bef3-692475845e77", urls: ["https://eventhubs.azure.net"], firstParty: true },
  { id: "loganalytics", name: "Log Analytics", appId: "ca7f3f0b-7d91-482c-8e09-c5d840d0eac5", urls: ["https://api.loganalytics.io", "https://api.loganalytics.azure.com"], firstParty: true },
  { id: "appinsights", name: "Application Insights API", urls: ["https://api.applicationinsights.io"], firstParty: true },
  { id: "monitor", name: "Azure Monitor", urls: ["https://monitor.azure.com"], firstParty: true },
  {
    id: "kusto", name: "Azure Data Explorer (Kusto)", appId: "2746ea77-4702-4b45-80ca-3c97e680e8b7",
    urls: ["https://kusto.kusto.windows.net", "https://help.kusto.windows.net"], hostSuffixes: [".kusto.windows.net", ".kusto.fabric.microsoft.com"], firstParty: true,
  },
  { id: "batch", name: "Azure Batch", appId: "ddbf3205-c6bd-46ae-8127-60eb93363864", urls: ["https://batch.core.windows.net"], firstParty: true },
  { id: "powerbi", name: "Power BI / Fabric", appId: "00000009-0000-0000-c000-000000000000", urls: ["https://analysis.windows.net/powerbi/api", "https://api.fabric.microsoft.com"], firstParty: true },
  { id: "sharepoint", name: "SharePoint Online", appId: "00000003-0000-0ff1-ce00-000000000000", urls: [], hostSuffixes: [".sharepoint.com"], firstParty: true },
  { id: "exchange", name: "Exchange Online", appId: "00000002-0000-0ff1-ce00-000000000000", urls: ["https://outlook.office365.com", "https://outlook.office.com"], firstParty: true },
  { id: "databricks", name: "Azure Databricks", appId: "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d", urls: [], firstParty: true },
  { id: "cosmos", name: "Azure Cosmos DB", urls: ["https://cosmos.azure.com"], hostSuffixes: [".documents.azure.com"], firstParty: true },
  { id: "appconfig", name: "Azure App Configuration", urls: ["https://azconfig.io"], hostSuffixes: [".azconfig.io"], firstParty: true },
  { id: "synapse", name: "Azure Synapse Analytics", urls: ["https://dev.azuresynapse.net"], firstParty: true },
  { id: "digitaltwins", name: "Azure Digital Twins", appId: "0b07f429-9f4b-4714-9392-cc5e8e80c8b0", urls: ["https://digitaltwins.azure.net"], firstParty: true },
  { id: "search", name: "Azure AI Search", urls: ["https://search.azure.com"], firstParty: true },
  { id: "ml", name: "Azure Machine Learning", appId: "18a66f5f-dbdf-4c17-9dd7-1634712a9cbe", urls: ["https://ml.azure.com"], firstParty: true },
];

export interface WellKnownClientApp {
  readonly appId: string;
  readonly name: string;
}

/** Microsoft first-party *client* applications commonly seen in `appid` / `azp`. */
export const WELL_KNOWN_CLIENT_APPS: readonly WellKnownClientApp[] = [
  { appId: "04b07795-8ddb-461a-bbee-02f9e1bf7b46", name: "Azure CLI" },
  { appId: "1950a258-227b-4e31-a9cf-717495945fc2", name: "Azure PowerShell" },
  { appId: "aebc6443-996d-45c2-90f0-388ff96faa56", name: "Visual Studio Code" },
  { appId: "872cd9fa-d31f-45e0-9eab-6e460a02d1f1", name: "Visual Studio" },
  { appId: "de8bc8b5-d9f9-48b1-a8ad-b748da725064", name: "Graph Explorer" },
  { appId: "14d82eec-204b-4c2f-b7e8-296a70dab67e", name: "Microsoft Graph Command Line Tools (PowerShell SDK)" },
  { appId: "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", name: "Azure portal" },
  { appId: "1fec8e78-bce4-4aaf-ab1b-5451cc387264", name: "Microsoft Teams" },
  { appId: "d3590ed6-52b3-4102-aeff-aad2292ab01c", name: "Microsoft Office" },
];

/** Entra built-in role template ids as they appear in `wids`. */
export const DIRECTORY_ROLES: Readonly<Record<string, string>> = {
  "62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
  "f2ef992c-3afb-46b9-b7cf-a126ee74c451": "Global Reader",
  "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
  "158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
  "cf1c38e5-3621-4004-a7cb-879624dced7c": "Application Developer",
  "fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
  "5d6b6bb7-de71-4623-b4af-96380a352509": "Security Reader",
  "194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
  "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f": "Security Operator",
  "e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
  "7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
  "c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
  "0526716b-113d-4c15-b2c8-68e3c22b9f80": "Authentication Policy Administrator",
  "729827e3-9c14-49f7-bb1b-9608f156bbb8": "Helpdesk Administrator",
  "966707d0-3269-4727-9be2-8c3a10f19b9d": "Password Administrator",
  "29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
  "31392ffb-586c-42d1-9346-e59415a2cc4e": "Exchange Recipient Administrator",
  "f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
  "69091246-20e8-4a56-aa4d-066075b2a7a8": "Teams Administrator",
  "baf37b3a-610e-45da-9e62-d9d1e5e8914b": "Teams Communications Administrator",
  "3a2c62db-5318-420d-8d74-23affee5d9d5": "Intune Administrator",
  "7698a772-787b-4ac8-901f-60d6b08affd2": "Cloud Device Administrator",
  "fdd7a751-b60b-444a-984c-02652fe8fa1c": "Groups Administrator",
  "b0f54661-2d74-4c50-afa3-1ec803f12efe": "Billing Administrator",
  "4d6ac14f-3453-41d0-bef9-a3e0c569773a": "License Administrator",
  "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
  "17315797-102d-40b4-93e0-432062caca18": "Compliance Administrator",
  "4a5d8f65-41da-4de4-8968-e035b65339cf": "Reports Reader",
  "790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b": "Message Center Reader",
  "f023fd81-a637-4b56-95fd-791ac0226033": "Service Support Administrator",
  "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "Hybrid Identity Administrator",
  "45d8d3c5-c802-45c6-b32a-1d70b5e1e86e": "Identity Governance Administrator",
  "be2f45a1-457d-42af-a067-6ec1fa63bc45": "External Identity Provider Administrator",
  "95e79109-95c0-4d8e-aee3-d01accf2d47b": "Guest Inviter",
  "88d8e3e3-8f55-4a1e-953a-9b9898b8876b": "Directory Readers",
  "9360feb5-f418-4baa-8175-e2a00bac4301": "Directory Writers",
  "d29b2b05-8046-44ba-8758-1e26182fcf32": "Directory Synchronization Accounts",
  "e3973bdf-4987-49ae-837a-ba8e231c7286": "Azure DevOps Administrator",
  "11648597-926c-4cf3-9c36-bcebb0ba8dcc": "Power Platform Administrator",
  "44367163-eba1-44c3-98af-f5787879f96a": "Dynamics 365 Administrator",
  "7495fdc4-34c4-4d15-a289-98788ce399fd": "Azure Information Protection Administrator",
  "10dae51f-b6af-4016-8d66-8c2a99b929b3": "Guest User",
  "2af84b1e-32c8-42b7-82bc-daa82404023b": "Restricted Guest User",
  "a0b1b346-4d3e-4e8b-98f8-753987be4970": "User",
  "b79fbf4d-3ef9-4689-8143-76b194e85509": "Member user (default)",
};

/** Authentication methods in `amr` (RFC 8176 plus Entra's own values). */
export const AMR_METHODS: Readonly<Record<string, string>> = {
  pwd: "password",
  rsa: "RSA key proof (for example Microsoft Authenticator or a certificate)",
  otp: "one-time passcode (email or text message)",
  fed: "federated identity provider assertion (for example AD FS)",
  wia: "Windows Integrated Authentication",
  mfa: "multifactor authentication",
  ngcmfa: "Windows Hello / passwordless sign-in counting as multifactor (used for some credentials)",
  mngcm: "Windows Hello (Next Generation Credential) with managed device",
  wiaormfa: "Windows Integrated Authentication or multifactor authentication",
  fido: "FIDO2 security key or passkey",
  hwk: "proof of possession of a hardware-secured key",
  swk: "proof of possession of a software-secured key",
  sms: "code sent by text message",
  tel: "telephone call confirmation",
  face: "facial recognition",
  fpt: "fingerprint",
  pin: "PIN",
  sc: "smart card",
  kba: "knowledge-based authentication",
  mca: "multiple-channel authentication",
  pop: "proof of possession of a key",
  geo: "geolocation",
  user: "user presence test",
  none: "no authentication",
};

/** Special tenants seen in `tid` / `iss`. */
export const WELL_KNOWN_TENANTS: Readonly<Record<string, string>> = {
  "9188040d-6c67-4c5b-b112-36a304b66dad": "Microsoft consumer accounts (MSA) tenant",
  "72f988bf-86f1-41af-91ab-2d7cd011db47": "Microsoft corporate tenant",
  "f8cdef31-a31e-4b4a-93e4-5f571e91255a": "Microsoft Services tenant (home of first-party apps)",
};

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID_RE.test(value);
}

function stripTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47 /* / */) end--;
  return s.slice(0, end);
}

/**
 * Normalises an audience or resource string for comparison: trims, lower-cases, drops `/.default`,
 * trailing slashes, and `api://` in front of a bare GUID (the default App ID URI of an app).
 */
export function normaliseAudience(value: string): string {
  let s = value.trim().toLowerCase();
  if (s.endsWith("/.default")) s = s.slice(0, -"/.default".length);
  s = stripTrailingSlashes(s);
  if (s.startsWith("api://") && isGuid(s.slice(6))) s = s.slice(6);
  return s;
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
export function cloudOf(audience: string): "public" | "usgov" | "china" | undefined {
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

export function findClientApp(appId: string): WellKnownClientApp | undefined {
  if (typeof appId !== "string") return undefined;
  const id = appId.trim().toLowerCase();
  return WELL_KNOWN_CLIENT_APPS.find((a) => a.appId === id);
}

export function directoryRoleName(templateId: string): string | undefined {
  if (typeof templateId !== "string") return undefined;
  const id = templateId.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(DIRECTORY_ROLES, id) ? DIRECTORY_ROLES[id] : undefined;
}

export function amrMethodName(method: string): string | undefined {
  if (typeof method !== "string" || !Object.prototype.hasOwnProperty.call(AMR_METHODS, method)) return undefined;
  return AMR_METHODS[method];
}

export function tenantName(tenantId: string): string | undefined {
  if (typeof tenantId !== "string") return undefined;
  const id = tenantId.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(WELL_KNOWN_TENANTS, id) ? WELL_KNOWN_TENANTS[id] : undefined;
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
