import * as vscode from "vscode";
import { isCloud, type Cloud } from "./core/clouds";

export type AfterAcquire = "showView" | "notify";

/** Typed access to `azureToken.*` settings. Where credentials go is application-scoped (see package.json). */
export interface Settings {
  cloud: Cloud;
  authorityHost: string;
  defaultTenant: string;
  defaultClientId: string;
  /** Scopes offered first on the scope step and used when a command argument leaves them out. */
  defaultScopes: string[];
  afterAcquire: AfterAcquire;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration("azureToken");
  const cloud = c.get<string>("cloud", "AzurePublic");
  const scopes = c.get<unknown>("defaultScopes", []);
  return {
    cloud: isCloud(cloud) ? cloud : "AzurePublic",
    authorityHost: c.get<string>("authorityHost", "").trim(),
    defaultTenant: c.get<string>("defaultTenant", "").trim(),
    defaultClientId: c.get<string>("defaultClientId", "").trim(),
    defaultScopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === "string" && s.trim() !== "").map((s) => s.trim()) : [],
    afterAcquire: c.get<string>("afterAcquire", "showView") === "notify" ? "notify" : "showView",
  };
}
