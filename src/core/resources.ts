// Well-known Microsoft resources offered on the scope step, with the right scope string per cloud.
// Pure: no 'vscode', no '@azure/identity'.
import type { Cloud } from "./clouds";

export interface WellKnownResource {
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

type SovereignCloud = Exclude<Cloud, "Custom">;

interface ResourceDefinition {
  id: string;
  label: string;
  shortLabel: string;
  description: string;
  /** Resource per cloud; a cloud missing here does not offer the service. */
  resources: Partial<Record<SovereignCloud, string>>;
  perInstance?: boolean;
}

const DEFINITIONS: readonly ResourceDefinition[] = [
  {
    id: "graph",
    label: "Microsoft Graph",
    shortLabel: "Graph",
    description: "Users, groups, mail, files, Teams and directory data (graph.microsoft.com /v1.0 and /beta)",
    resources: {
      AzurePublic: "https://graph.microsoft.com",
      AzureUSGovernment: "https://graph.microsoft.us",
      AzureChina: "https://microsoftgraph.chinacloudapi.cn",
    },
  },
  {
    id: "arm",
    label: "Azure Resource Manager",
    shortLabel: "ARM",
    description: "Manage Azure resources: subscriptions, resource groups, deployments, the Azure REST API",
    resources: {
      AzurePublic: "https://management.azure.com",
      AzureUSGovernment: "https://management.usgovcloudapi.net",
      AzureChina: "https://management.chinacloudapi.cn",
    },
  },
  {
    id: "keyvault",
    label: "Azure Key Vault",
    shortLabel: "Key Vault",
    description: "Secrets, keys and certificates in a vault (the data plane, https://<vault>.vault.azure.net)",
    resources: {
      AzurePublic: "https://vault.azure.net",
      AzureUSGovernment: "https://vault.usgovcloudapi.net",
      AzureChina: "https://vault.azure.cn",
    },
  },
  {
    id: "storage",
    label: "Azure Storage",
    shortLabel: "Storage",
    description: "Blobs, queues, tables and Data Lake with Entra ID auth (the same resource in every cloud)",
    resources: {
      AzurePublic: "https://storage.azure.com",
      AzureUSGovernment: "https://storage.azure.com",
      AzureChina: "https://storage.azure.com",
    },
  },
  {
    id: "sql",
    label: "Azure SQL",
    shortLabel: "SQL",
    description: "Azure SQL Database, SQL Managed Instance and Synapse SQL: the token is the connection's access token",
    resources: {
      AzurePublic: "https://database.windows.net",
      AzureUSGovernment: "https://database.usgovcloudapi.net",
      AzureChina: "https://database.chinacloudapi.cn",
    },
  },
  {
    id: "devops",
    label: "Azure DevOps",
    shortLabel: "DevOps",
    description: "Azure DevOps REST API, Git over HTTPS and feeds (dev.azure.com), by its application ID",
    resources: {
      AzurePublic: "499b84ac-1321-427f-aa17-267ca6975798",
    },
  },
  {
    id: "cognitiveservices",
    label: "Azure AI services / Azure OpenAI",
    shortLabel: "Cognitive Services",
    description: "Azure OpenAI, AI Foundry models and other Azure AI (Cognitive Services) endpoints with Entra ID auth",
    resources: {
      AzurePublic: "https://cognitiveservices.azure.com",
      AzureUSGovernment: "https://cognitiveservices.azure.us",
      AzureChina: "https://cognitiveservices.azure.cn",
    },
  },
  {
    id: "servicebus",
    label: "Azure Service Bus",
    shortLabel: "Service Bus",
    description: "Send and receive Service Bus messages (AMQP or REST) with Entra ID auth",
    resources: {
      AzurePublic: "https://servicebus.azure.net",
      AzureUSGovernment: "https://servicebus.azure.net",
      AzureChina: "https://servicebus.azure.net",
    },
  },
  {
    id: "eventhubs",
    label: "Azure Event Hubs",
    shortLabel: "Event Hubs",
    description: "Send and receive events (AMQP, Kafka or REST) with Entra ID auth",
    resources: {
      AzurePublic: "https://eventhubs.azure.net",
      AzureUSGovernment: "https://eventhubs.azure.net",
      AzureChina: "https://eventhubs.azure.net",
    },
  },
  {
    id: "loganalytics",
    label: "Log Analytics",
    shortLabel: "Log Analytics",
    description: "Query Log Analytics workspaces with KQL (api.loganalytics.io /v1/workspaces/{id}/query)",
    resources: {
      AzurePublic: "https://api.loganalytics.io",
      AzureUSGovernment: "https://api.loganalytics.us",
      AzureChina: "https://api.loganalytics.azure.cn",
    },
  },
  {
    id: "dataexplorer",
    label: "Azure Data Explorer (Kusto)",
    shortLabel: "Data Explorer",
    description: "Query a Kusto cluster: replace the example with your cluster URL, e.g. https://<cluster>.<region>.kusto.windows.net/.default",
    resources: {
      // Microsoft's public sample cluster, as in the ADX docs. Sovereign clusters have no shared sample: the user
      // types their own cluster URL (…kusto.usgovcloudapi.net, …kusto.chinacloudapi.cn) as a custom scope.
      AzurePublic: "https://help.kusto.windows.net",
    },
    perInstance: true,
  },
];

/**
 * Resources offered for a cloud, each with its scope (`<resource>/.default`). Services that a sovereign cloud does
 * not offer are left out. The Custom cloud (Azure Stack Hub, private clouds) gets the global values as a starting
 * point: its own resource IDs vary by installation.
 */
export function wellKnownResources(cloud: Cloud): WellKnownResource[] {
  const key: SovereignCloud = cloud === "Custom" ? "AzurePublic" : cloud;
  const out: WellKnownResource[] = [];
  for (const d of DEFINITIONS) {
    const resource = d.resources[key];
    if (!resource) continue;
    out.push(Object.freeze({
      id: d.id,
      label: d.label,
      shortLabel: d.shortLabel,
      description: d.description,
      resource,
      scope: `${resource}/.default`,
      ...(d.perInstance ? { perInstance: true } : {}),
    }));
  }
  return out;
}

/** Finds the well-known resource for a resource identifier in any cloud (case-insensitive, trailing '/' ignored). */
export function findWellKnownResource(resource: string, cloud?: Cloud): WellKnownResource | undefined {
  const wanted = resource.replace(/\/+$/, "").toLowerCase();
  const clouds: Cloud[] = cloud ? [cloud] : ["AzurePublic", "AzureUSGovernment", "AzureChina"];
  for (const c of clouds) {
    const hit = wellKnownResources(c).find((r) => r.resource.toLowerCase() === wanted);
    if (hit) return hit;
  }
  return undefined;
}
