// The one reader of `azureToken.*` settings: every part of the extension gets its values from here, typed and
// checked (a value of the wrong type or range falls back to the default). Where credentials go is
// application-scoped (see package.json).
import * as vscode from "vscode";
import { isCloud, type Cloud } from "./core/clouds";
import { parseTokenReleaseSetting, type TokenReleaseSetting } from "./core/tokenRelease";

export type AfterAcquire = "showView" | "notify";

export interface Settings {
  cloud: Cloud;
  authorityHost: string;
  defaultTenant: string;
  defaultClientId: string;
  /** Scopes offered first on the scope step and used when a command argument leaves them out. */
  defaultScopes: string[];
  afterAcquire: AfterAcquire;
  /** Seconds after a copy when the clipboard is cleared if it still holds the token; 0 = never. */
  clipboardClearSeconds: number;
  hoverEnabled: boolean;
  /** Whether a token may leave the extension to a caller: ask (default), allow, deny. */
  tokenRelease: TokenReleaseSetting;
  /** The command whose output is a client assertion (application scope: never from a workspace). */
  clientAssertionCommand: string;
  /** `azureToken.caeTokens`: ask for CAE-capable tokens (xms_cc cp1). */
  caeTokens: boolean;
}

/** `azureToken.autoRefresh`, `azureToken.refreshLeadMinutes`, `azureToken.statusBar.warningMinutes`. */
export interface ExpirySettings {
  autoRefresh: boolean;
  leadMs: number;
  warningMinutes: number;
}

const section = () => vscode.workspace.getConfiguration("azureToken");

function nonNegative(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function readSettings(): Settings {
  const c = section();
  const cloud = c.get<string>("cloud", "AzurePublic");
  const scopes = c.get<unknown>("defaultScopes", []);
  return {
    cloud: isCloud(cloud) ? cloud : "AzurePublic",
    authorityHost: c.get<string>("authorityHost", "").trim(),
    defaultTenant: c.get<string>("defaultTenant", "").trim(),
    defaultClientId: c.get<string>("defaultClientId", "").trim(),
    defaultScopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === "string" && s.trim() !== "").map((s) => s.trim()) : [],
    afterAcquire: c.get<string>("afterAcquire", "showView") === "notify" ? "notify" : "showView",
    clipboardClearSeconds: nonNegative(c.get<number>("clipboardClearSeconds", 0), 0),
    hoverEnabled: c.get<boolean>("hover.enabled", true) !== false,
    tokenRelease: parseTokenReleaseSetting(c.get<unknown>("tokenRelease", "ask")),
    clientAssertionCommand: String(c.get<unknown>("clientAssertionCommand", "") ?? "").trim(),
    caeTokens: c.get<boolean>("caeTokens", false) === true,
  };
}

export function readExpirySettings(): ExpirySettings {
  const c = section();
  return {
    autoRefresh: c.get<boolean>("autoRefresh", true) !== false,
    leadMs: nonNegative(c.get<number>("refreshLeadMinutes", 5), 5) * 60_000,
    warningMinutes: nonNegative(c.get<number>("statusBar.warningMinutes", 5), 5),
  };
}

/** Fires when any azureToken setting changes. */
export function onDidChangeSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration("azureToken")) listener(); });
}
