import * as vscode from "vscode";
import type { AuthService, TokenRequest } from "../auth/types";
import { parseScopes, validateClientId, validateTenant } from "../core/validation";
import { readSettings } from "../settings";
import type { TokenStore } from "../tokens/tokenStore";
import { withCancellableProgress } from "../ui/progress";

const PUBLIC_AUTHORITY = "https://login.microsoftonline.com";

export interface GetTokenArgs {
  tenant?: string;
  clientId?: string;
  scopes?: string[] | string;
}

export interface GetTokenResult {
  token: string;
  expiresOnTimestamp: number;
  tenant: string;
  clientId: string;
  scopes: string[];
}

export interface GetTokenDeps {
  auth: () => AuthService;
  store: TokenStore;
  showToken: () => void;
}

/** Thrown for bad command arguments: the message says exactly which value is wrong. */
export class InvalidArgumentError extends Error {
  override readonly name = "InvalidArgumentError";
}

/** "Get Azure Token": ask for tenant, client id and scopes (or take them as arguments), sign in, show the token. */
export async function getToken(deps: GetTokenDeps, args: GetTokenArgs = {}): Promise<GetTokenResult | undefined> {
  const settings = readSettings();
  const tenant = args.tenant ?? await ask("Tenant", "GUID, domain (contoso.onmicrosoft.com), organizations, common or consumers", settings.defaultTenant, validateTenant);
  if (tenant === undefined) return undefined;
  const tenantError = validateTenant(tenant);
  if (tenantError) throw new InvalidArgumentError(`Tenant: ${tenantError}`);

  const clientId = args.clientId ?? await ask("Client ID", "The application (client) ID of an app registration, a GUID", settings.defaultClientId, validateClientId);
  if (clientId === undefined) return undefined;
  const clientError = validateClientId(clientId);
  if (clientError) throw new InvalidArgumentError(`Client ID: ${clientError}`);

  const scopeText = args.scopes === undefined
    ? await ask("Scopes", "e.g. https://graph.microsoft.com/.default or api://my-api/Items.Read", "", (v) => {
      const parsed = parseScopes(v);
      return "error" in parsed ? parsed.error : undefined;
    })
    : Array.isArray(args.scopes) ? args.scopes.join(" ") : args.scopes;
  if (scopeText === undefined) return undefined;
  const parsed = parseScopes(scopeText);
  if ("error" in parsed) throw new InvalidArgumentError(`Scopes: ${parsed.error}`);

  const custom = settings.authorityHost !== "";
  const request: TokenRequest = {
    credential: "interactiveBrowser",
    authorityHost: custom ? settings.authorityHost : PUBLIC_AUTHORITY,
    disableInstanceDiscovery: custom,
    tenant: tenant.trim(),
    clientId: clientId.trim(),
    scopes: parsed.scopes,
  };
  const acquired = await withCancellableProgress(`Azure Token: signing in to tenant ${request.tenant} with client ${request.clientId}…`,
    (signal) => deps.auth().acquire(request, { signal }));
  deps.store.add({
    label: `${request.scopes.join(" ")} · ${request.tenant}`,
    source: "acquired",
    token: acquired.token,
    expiresOnMs: acquired.expiresOnTimestamp,
    refreshAfterMs: acquired.refreshAfterTimestamp,
    acquiredAtMs: Date.now(),
    request,
  });
  deps.showToken();
  return { token: acquired.token, expiresOnTimestamp: acquired.expiresOnTimestamp, tenant: request.tenant, clientId: request.clientId, scopes: request.scopes };
}

function ask(title: string, prompt: string, value: string, validate: (v: string) => string | undefined): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title: `Get Azure Token: ${title}`, prompt, value, ignoreFocusOut: true, validateInput: validate });
}
