// Well-known Microsoft resources (the APIs a token is for): the one table of their names, app ids, URLs in each
// national cloud, and the text of the scope step for the ones it offers. The lookups in it (an audience's resource,
// the scope step's list) are in resources.ts. Pure data; portable (extension host and webview).

/** National clouds as the resource URLs tell them apart (see cloudOf in resources.ts). */
export type NationalCloud = "public" | "usgov" | "china";

/** How the scope step offers a resource. */
export interface ScopeOffer {
  /** Id on the scope step when it differs from the resource's own. */
  readonly id?: string;
  /** Label for the picker when it differs from the resource's name. */
  readonly label?: string;
  /** Short label for generated profile names, e.g. 'Graph'. */
  readonly shortLabel: string;
  /** What you call with a token for this resource. */
  readonly description: string;
  /** Request the resource by its app id rather than by its URL (`<appId>/.default`). */
  readonly byAppId?: boolean;
  /**
   * The URL offered is an example and the user should substitute their own endpoint
   * (Azure Data Explorer: each cluster URL is its own resource).
   */
  readonly perInstance?: boolean;
}

export interface WellKnownResource {
  /** Stable key, e.g. "graph". */
  readonly id: string;
  readonly name: string;
  /** Microsoft first-party application id of the resource. */
  readonly appId?: string;
  /**
   * Resource URLs (audiences) in each national cloud that has the service, without trailing slash, lower case.
   * A cloud's first URL is its main one: the one the scope step offers.
   */
  readonly urlsByCloud: Readonly<Partial<Record<NationalCloud, readonly string[]>>>;
  /** Every URL of urlsByCloud once, the global cloud's first. */
  readonly urls: readonly string[];
  /** Host suffixes that identify per-instance resources (e.g. `.kusto.windows.net`). */
  readonly hostSuffixes?: readonly string[];
  /** A request that works with a token for this resource, used for copy-as-curl. `{origin}` is replaced. */
  readonly sampleUrl?: string;
  /** Microsoft first-party API: its tokens may carry a proprietary `nonce` header no client can verify. */
  readonly firstParty: boolean;
  /** Set when the scope step offers this resource. */
  readonly offer?: ScopeOffer;
}

/** Microsoft Graph in the global cloud: where Entra sends a permission named without a resource (User.Read). */
export const GRAPH_RESOURCE = "https://graph.microsoft.com";

const NATIONAL_CLOUDS: readonly NationalCloud[] = ["public", "usgov", "china"];

function define(d: Omit<WellKnownResource, "urls">): WellKnownResource {
  return { ...d, urls: [...new Set(NATIONAL_CLOUDS.flatMap((c) => d.urlsByCloud[c] ?? []))] };
}

/** The same resource URL serves every national cloud. */
function everyCloud(url: string): Record<NationalCloud, readonly string[]> {
  return { public: [url], usgov: [url], china: [url] };
}

export const WELL_KNOWN_RESOURCES: readonly WellKnownResource[] = [
  define({
    id: "graph", name: "Microsoft Graph", appId: "00000003-0000-0000-c000-000000000000",
    urlsByCloud: {
      public: [GRAPH_RESOURCE, "https://canary.graph.microsoft.com"],
      usgov: ["https://graph.microsoft.us", "https://dod-graph.microsoft.us"],
      china: ["https://microsoftgraph.chinacloudapi.cn"],
    },
    sampleUrl: "{origin}/v1.0/me", firstParty: true,
    offer: { shortLabel: "Graph", description: "Users, groups, mail, files, Teams and directory data (graph.microsoft.com /v1.0 and /beta)" },
  }),
  define({
    id: "aadgraph", name: "Azure AD Graph (retired)", appId: "00000002-0000-0000-c000-000000000000",
    urlsByCloud: { public: ["https://graph.windows.net"], china: ["https://graph.chinacloudapi.cn"] }, firstParty: true,
  }),
  define({
    id: "arm", name: "Azure Resource Manager", appId: "797f4846-ba00-4fd7-ba43-dac1f8f63013",
    urlsByCloud: {
      public: ["https://management.azure.com", "https://management.core.windows.net"],
      usgov: ["https://management.usgovcloudapi.net", "https://management.core.usgovcloudapi.net"],
      china: ["https://management.chinacloudapi.cn", "https://management.core.chinacloudapi.cn"],
    },
    sampleUrl: "{origin}/subscriptions?api-version=2022-12-01", firstParty: true,
    offer: { shortLabel: "ARM", description: "Manage Azure resources: subscriptions, resource groups, deployments, the Azure REST API" },
  }),
  define({
    id: "keyvault", name: "Azure Key Vault", appId: "cfa8b339-82a2-471a-a3c9-0fc0be7a4093",
    urlsByCloud: { public: ["https://vault.azure.net"], usgov: ["https://vault.usgovcloudapi.net"], china: ["https://vault.azure.cn"] },
    hostSuffixes: [".vault.azure.net"], firstParty: true,
    offer: { shortLabel: "Key Vault", description: "Secrets, keys and certificates in a vault (the data plane, https://<vault>.vault.azure.net)" },
  }),
  define({ id: "managedhsm", name: "Azure Key Vault Managed HSM", urlsByCloud: { public: ["https://managedhsm.azure.net"] }, firstParty: true }),
  define({
    id: "storage", name: "Azure Storage", appId: "e406a681-f3d4-42a8-90b6-c2b029497af1",
    urlsByCloud: everyCloud("https://storage.azure.com"),
    hostSuffixes: [".blob.core.windows.net", ".queue.core.windows.net", ".table.core.windows.net", ".file.core.windows.net", ".dfs.core.windows.net"],
    firstParty: true,
    offer: { shortLabel: "Storage", description: "Blobs, queues, tables and Data Lake with Entra ID auth (the same resource in every cloud)" },
  }),
  define({
    id: "sql", name: "Azure SQL Database", appId: "022907d3-0f1b-48f7-badc-1ba6abab6d66",
    urlsByCloud: { public: ["https://database.windows.net"], usgov: ["https://database.usgovcloudapi.net"], china: ["https://database.chinacloudapi.cn"] },
    firstParty: true,
    offer: {
      label: "Azure SQL", shortLabel: "SQL",
      description: "Azure SQL Database, SQL Managed Instance and Synapse SQL: the token is the connection's access token",
    },
  }),
  define({ id: "ossrdbms", name: "Azure Database for PostgreSQL / MySQL", urlsByCloud: { public: ["https://ossrdbms-aad.database.windows.net"] }, firstParty: true }),
  define({
    id: "devops", name: "Azure DevOps", appId: "499b84ac-1321-427f-aa17-267ca6975798",
    urlsByCloud: { public: ["https://app.vssps.visualstudio.com"] }, firstParty: true,
    offer: { shortLabel: "DevOps", description: "Azure DevOps REST API, Git over HTTPS and feeds (dev.azure.com), by its application ID", byAppId: true },
  }),
  define({
    id: "cognitiveservices", name: "Azure AI services (Cognitive Services, Azure OpenAI)", appId: "7d312290-28c8-473c-a0ed-8e53749b6d6d",
    urlsByCloud: {
      public: ["https://cognitiveservices.azure.com", "https://ai.azure.com"],
      usgov: ["https://cognitiveservices.azure.us"],
      china: ["https://cognitiveservices.azure.cn"],
    },
    firstParty: true,
    offer: {
      label: "Azure AI services / Azure OpenAI", shortLabel: "Cognitive Services",
      description: "Azure OpenAI, AI Foundry models and other Azure AI (Cognitive Services) endpoints with Entra ID auth",
    },
  }),
  define({
    id: "servicebus", name: "Azure Service Bus", appId: "80a10ef9-8168-493d-abf9-3297c4ef6e3c",
    urlsByCloud: everyCloud("https://servicebus.azure.net"), firstParty: true,
    offer: { shortLabel: "Service Bus", description: "Send and receive Service Bus messages (AMQP or REST) with Entra ID auth" },
  }),
  define({
    id: "eventhubs", name: "Azure Event Hubs", appId: "80369ed6-5f11-4dd9-bef3-692475845e77",
    urlsByCloud: everyCloud("https://eventhubs.azure.net"), firstParty: true,
    offer: { shortLabel: "Event Hubs", description: "Send and receive events (AMQP, Kafka or REST) with Entra ID auth" },
  }),
  define({
    id: "loganalytics", name: "Log Analytics", appId: "ca7f3f0b-7d91-482c-8e09-c5d840d0eac5",
    urlsByCloud: {
      public: ["https://api.loganalytics.io", "https://api.loganalytics.azure.com"],
      usgov: ["https://api.loganalytics.us"],
      china: ["https://api.loganalytics.azure.cn"],
    },
    firstParty: true,
    offer: { shortLabel: "Log Analytics", description: "Query Log Analytics workspaces with KQL (api.loganalytics.io /v1/workspaces/{id}/query)" },
  }),
  define({ id: "appinsights", name: "Application Insights API", urlsByCloud: { public: ["https://api.applicationinsights.io"] }, firstParty: true }),
  define({ id: "monitor", name: "Azure Monitor", urlsByCloud: { public: ["https://monitor.azure.com"] }, firstParty: true }),
  define({
    id: "kusto", name: "Azure Data Explorer (Kusto)", appId: "2746ea77-4702-4b45-80ca-3c97e680e8b7",
    // help.kusto.windows.net is Microsoft's public sample cluster, as in the ADX docs. Sovereign clusters have no shared
    // sample: the user types their own cluster URL (…kusto.usgovcloudapi.net, …kusto.chinacloudapi.cn) as a custom scope.
    urlsByCloud: { public: ["https://help.kusto.windows.net", "https://kusto.kusto.windows.net"] },
    hostSuffixes: [".kusto.windows.net", ".kusto.fabric.microsoft.com"], firstParty: true,
    offer: {
      id: "dataexplorer", shortLabel: "Data Explorer", perInstance: true,
      description: "Query a Kusto cluster: replace the example with your cluster URL, e.g. https://<cluster>.<region>.kusto.windows.net/.default",
    },
  }),
  define({ id: "batch", name: "Azure Batch", appId: "ddbf3205-c6bd-46ae-8127-60eb93363864", urlsByCloud: { public: ["https://batch.core.windows.net"] }, firstParty: true }),
  define({
    id: "powerbi", name: "Power BI / Fabric", appId: "00000009-0000-0000-c000-000000000000",
    urlsByCloud: { public: ["https://analysis.windows.net/powerbi/api", "https://api.fabric.microsoft.com"] }, firstParty: true,
  }),
  define({
    id: "sharepoint", name: "SharePoint Online", appId: "00000003-0000-0ff1-ce00-000000000000", urlsByCloud: {}, hostSuffixes: [".sharepoint.com"],
    firstParty: true,
  }),
  define({
    id: "exchange", name: "Exchange Online", appId: "00000002-0000-0ff1-ce00-000000000000",
    urlsByCloud: { public: ["https://outlook.office365.com", "https://outlook.office.com"] }, firstParty: true,
  }),
  define({ id: "databricks", name: "Azure Databricks", appId: "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d", urlsByCloud: {}, firstParty: true }),
  define({ id: "cosmos", name: "Azure Cosmos DB", urlsByCloud: { public: ["https://cosmos.azure.com"] }, hostSuffixes: [".documents.azure.com"], firstParty: true }),
  define({ id: "appconfig", name: "Azure App Configuration", urlsByCloud: { public: ["https://azconfig.io"] }, hostSuffixes: [".azconfig.io"], firstParty: true }),
  define({ id: "synapse", name: "Azure Synapse Analytics", urlsByCloud: { public: ["https://dev.azuresynapse.net"] }, firstParty: true }),
  define({
    id: "digitaltwins", name: "Azure Digital Twins", appId: "0b07f429-9f4b-4714-9392-cc5e8e80c8b0",
    urlsByCloud: { public: ["https://digitaltwins.azure.net"] }, firstParty: true,
  }),
  define({ id: "search", name: "Azure AI Search", urlsByCloud: { public: ["https://search.azure.com"] }, firstParty: true }),
  define({ id: "ml", name: "Azure Machine Learning", appId: "18a66f5f-dbdf-4c17-9dd7-1634712a9cbe", urlsByCloud: { public: ["https://ml.azure.com"] }, firstParty: true }),
];
