// Activation wires the parts together and does nothing else: @azure/identity is loaded on the first token
// request (auth/loadAuth.ts), so activation and decoding stay cheap.
import * as vscode from "vscode";
import { createLazyAuth } from "./auth/loadAuth";
import type { AuthService } from "./auth/types";
import { CommandId } from "./commands/commandIds";
import { getToken, type GetTokenArgs, type GetTokenResult } from "./commands/getToken";
import { copyToken } from "./tokens/copyToken";
import { TokenStore } from "./tokens/tokenStore";
import { registerCommand } from "./ui/commandRunner";
import { Log } from "./ui/log";
import { TokenPanel } from "./webview/tokenPanel";

/** What other extensions get from `vscode.extensions.getExtension('azure-token.azure-token').activate()`. */
export interface AzureTokenApi {
  /** Like the command, but failures reject with the error instead of being shown to the user. */
  getToken(args?: GetTokenArgs): Promise<GetTokenResult | undefined>;
}

export function activate(context: vscode.ExtensionContext): AzureTokenApi {
  const log = new Log();
  const store = new TokenStore();
  const loadAuth = createLazyAuth(context.extensionPath);
  let authService: AuthService | undefined;
  const auth = () => (authService ??= loadAuth().createAuthService());
  const panel = new TokenPanel({ extensionUri: context.extensionUri, store, copy: (token, format) => copyToken(token, format, log) });

  const getTokenDeps = { auth, store, showToken: () => panel.show() };

  context.subscriptions.push(
    log, store, panel,
    registerCommand(log, CommandId.getToken, (args?: GetTokenArgs) => getToken(getTokenDeps, args)),
    registerCommand(log, CommandId.showToken, async () => { if (store.active) panel.show(); }),
  );
  return { getToken: (args) => getToken(getTokenDeps, args) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions; held tokens are cleared from memory there.
}
