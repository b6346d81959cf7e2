import * as vscode from "vscode";

/** Typed access to `azureToken.*` settings. Where credentials go is application-scoped (see package.json). */
export interface Settings {
  authorityHost: string;
  defaultTenant: string;
  defaultClientId: string;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration("azureToken");
  return {
    authorityHost: c.get<string>("authorityHost", "").trim(),
    defaultTenant: c.get<string>("defaultTenant", "").trim(),
    defaultClientId: c.get<string>("defaultClientId", "").trim(),
  };
}
