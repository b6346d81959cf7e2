// Activation wires the parts together and does nothing else: @azure/identity is loaded on the first token
// request (auth/loadAuth.ts), so activation and decoding stay cheap.
import * as vscode from "vscode";
import { createLazyAuth } from "./auth/loadAuth";
import { SecretStore } from "./auth/secretStore";
import type { AuthService } from "./auth/types";
import { CommandId } from "./commands/commandIds";
import { decodeJwt } from "./commands/decodeJwt";
import { getToken, type GetTokenArgs, type GetTokenResult } from "./commands/getToken";
import { deleteProfileCommand, manageProfiles, renameProfileCommand, type ProfileArgs } from "./commands/profiles";
import { ProfileStore } from "./tokens/profileStore";
import { registerJwtHover } from "./editor/jwtHover";
import { copyToken } from "./ui/copyToken";
import { authorityFor, verifySignature } from "./tokens/verifySignature";
import { expectedAudienceOf } from "./tokens/expectedToken";
import { TokenStore } from "./tokens/tokenStore";
import { clearTokens, refreshActive, switchToken, tokenActions } from "./commands/tokenActions";
import { systemClock, TokenRefresher } from "./tokens/refresher";
import { readExpirySettings, TokenStatusBar } from "./ui/statusBar";
import { registerCommand } from "./ui/commandRunner";
import { Log } from "./ui/log";
import { TokenPanel } from "./webview/tokenPanel";

/** What other extensions get from `vscode.extensions.getExtension('azure-token-dev.azure-token').activate()`. */
export interface AzureTokenApi {
  /** Like the command, but failures reject with the error instead of being shown to the user. */
  getToken(args?: GetTokenArgs): Promise<GetTokenResult | undefined>;
}

export function activate(context: vscode.ExtensionContext): AzureTokenApi {
  const log = new Log();
  const store = new TokenStore();
  const loadAuth = createLazyAuth(context.extensionPath);
  let authService: AuthService | undefined;
  const auth = () => (authService ??= loadAuth().createAuthService({
    secrets: context.secrets, secretSink: log.secrets, authentication: vscode.authentication, remote: vscode.env.remoteName !== undefined,
  }));
  const config = () => vscode.workspace.getConfiguration("azureToken");
  const panel = new TokenPanel({
    extensionUri: context.extensionUri, store,
    copy: (token, format) => copyToken(token, format, log, { clearAfterSeconds: config().get<number>("clipboardClearSeconds", 0) }),
    verify: (held) => verifySignature(held.token, {
      authorityHost: authorityFor(held.request, config().get<string>("authorityHost", "")),
      expectedAudience: expectedAudienceOf(held),
    }),
  });

  // Secrets typed into the prompts or read back are registered with the log's redaction while the window lives.
  const secrets = new SecretStore(context.secrets, log.secrets);
  const profiles = new ProfileStore(context.globalState, (message) => { log.warn(message); void vscode.window.showWarningMessage(message); });
  const getTokenDeps = {
    auth, store, profiles, secrets, showToken: () => panel.show(),
    copy: (held: Parameters<typeof copyToken>[0]) => copyToken(held, "raw", log, { clearAfterSeconds: config().get<number>("clipboardClearSeconds", 0) }),
  };
  const profileDeps = { profiles, secrets, run: (id: string) => vscode.commands.executeCommand(CommandId.getToken, { profile: id }) };
  const decodeDeps = { store, showToken: () => panel.show() };
  const refresher = new TokenRefresher({ store, auth, clock: systemClock, settings: readExpirySettings, log: (m) => log.info(m) });
  const statusBar = new TokenStatusBar(store, refresher, systemClock, readExpirySettings, CommandId.tokenActions);
  const actionDeps = {
    store, refresher, log, now: systemClock.now, showToken: () => panel.show(),
    copy: (token: Parameters<typeof copyToken>[0], format: string) => copyToken(token, format, log, { clearAfterSeconds: config().get<number>("clipboardClearSeconds", 0) }),
  };

  context.subscriptions.push(
    log, store, panel,
    registerCommand(log, CommandId.getToken, (args?: GetTokenArgs) => getToken(getTokenDeps, args)),
    registerCommand(log, CommandId.manageProfiles, () => manageProfiles(profileDeps)),
    registerCommand(log, CommandId.renameProfile, (args?: ProfileArgs) => renameProfileCommand(profileDeps, args)),
    registerCommand(log, CommandId.deleteProfile, (args?: ProfileArgs) => deleteProfileCommand(profileDeps, args)),
    registerCommand(log, CommandId.showToken, async () => { if (store.active) panel.show(); }),
    registerCommand(log, CommandId.decodeJwt, (arg?: unknown) => decodeJwt(decodeDeps, arg)),
    registerJwtHover(() => config().get<boolean>("hover.enabled", true)),
    refresher, statusBar,
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration("azureToken")) { refresher.reschedule(); statusBar.update(); } }),
    registerCommand(log, CommandId.tokenActions, () => tokenActions(actionDeps)),
    registerCommand(log, CommandId.refreshToken, () => refreshActive(actionDeps, "now")),
    registerCommand(log, CommandId.getFreshToken, () => refreshActive(actionDeps, "fresh")),
    registerCommand(log, CommandId.switchToken, () => switchToken(actionDeps)),
    registerCommand(log, CommandId.clearTokens, async () => clearTokens(actionDeps)),
  );
  return { getToken: (args) => getToken(getTokenDeps, args) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions; held tokens are cleared from memory there.
}
