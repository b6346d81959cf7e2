// Everything behind a command, the token view, the hover's text, the status bar and the refresher: built on first use
// (the first command, or the first hover over a line holding a JWT), from dist/features.js. Activation
// (src/extension.ts) only registers the commands and the hover and loads this when one of them is first used; so a
// window start pays for neither the catalogues (claims, AADSTS, resources) nor the view. @azure/identity
// (dist/auth.js) loads on the first token request and jose (dist/verify.js) on the first signature check.
import { createHash } from "node:crypto";
import * as vscode from "vscode";
import type * as AuthModule from "./auth/index";
import { SecretStore } from "./auth/secretStore";
import type { AuthService } from "./auth/types";
import { CommandId, Operations, type CommandName } from "./commands/commandIds";
import { decodeJwt } from "./commands/decodeJwt";
import { getToken, type GetTokenArgs, type GetTokenResult } from "./commands/getToken";
import { deleteProfileCommand, manageProfiles, renameProfileCommand, type ProfileArgs } from "./commands/profiles";
import { clearTokens, refreshActive, switchToken, tokenActions } from "./commands/tokenActions";
import type { ClaimChange } from "./core/claimsDiff";
import { explainCommandError } from "./core/commandErrors";
import { expectedAudienceOf } from "./core/expectedToken";
import { TokenReleaseGate } from "./core/tokenRelease";
import { jwtHoverProvider } from "./editor/jwtHover";
import { lazyBundle } from "./lazyBundle";
import { onDidChangeSettings, readExpirySettings, readSettings } from "./settings";
import { ProfileStore } from "./tokens/profileStore";
import { systemClock, TokenRefresher } from "./tokens/refresher";
import { TokenStore, type HeldToken } from "./tokens/tokenStore";
import type * as VerifyModule from "./tokens/verifySignature";
import { runInContext, type CommandRunner } from "./ui/commandRunner";
import { ClipboardGuard } from "./ui/clipboardClear";
import { copyToken } from "./ui/copyToken";
import type { Log } from "./ui/log";
import { askReleaseConsent } from "./ui/releaseConsent";
import { TokenStatusBar } from "./ui/statusBar";
import { TokenPanel } from "./webview/tokenPanel";

/** A held token as the integration tests see it: never the token itself. */
export interface HeldTokenForTests {
  id: string;
  active: boolean;
  tokenSha256: string;
  changes?: readonly ClaimChange[];
}

/** What a command runs: every CommandName has one (TypeScript says which is missing). */
export type CommandHandlers = { readonly [name in CommandName]: (...args: never[]) => Promise<unknown> };

export interface Features extends vscode.Disposable {
  readonly commands: CommandHandlers;
  readonly hover: vscode.HoverProvider;
  /** The exported API's getToken: the same context as the command, rethrow mode, always through the release gate. */
  getToken(args?: GetTokenArgs): Promise<GetTokenResult | undefined>;
  /** Takes a copied token off the clipboard if it is still there (deactivation waits for it). */
  clearClipboard(): Promise<void>;
  /** Only in the extension's own test runs (ExtensionMode.Test): what the window holds, each token as its SHA-256 only. */
  heldTokens(): HeldTokenForTests[];
}

export { explainCommandError };

export function createFeatures(context: vscode.ExtensionContext, log: Log): Features {
  const runner: CommandRunner = { log, explain: explainCommandError };
  const store = new TokenStore();
  // The one secret store: secrets typed into the prompts or read back are registered with the log's redaction.
  const secrets = new SecretStore(context.secrets, log.secrets);
  const loadAuth = lazyBundle<typeof AuthModule>(context.extensionPath, "auth.js");
  const loadVerify = lazyBundle<typeof VerifyModule>(context.extensionPath, "verify.js");
  let authService: AuthService | undefined;
  const auth = () => (authService ??= loadAuth().createAuthService({
    secrets, authentication: vscode.authentication, remote: vscode.env.remoteName !== undefined,
  }));
  // The one copy service: the view, the status bar actions and Get Azure Token's "Copy" all copy this way. The guard
  // remembers each copied token (and its auto-clear), so that Clear and deactivation can take it off the clipboard.
  const clipboardGuard = new ClipboardGuard(vscode.env.clipboard, { onAutoCleared: () => log.info("cleared the clipboard (auto-clear)") });
  const copy = (held: HeldToken, format = "raw") => copyToken(held, format, log, { clearAfterSeconds: readSettings().clipboardClearSeconds, guard: clipboardGuard });
  const clearClipboard = async () => {
    if (await clipboardGuard.clearNow()) log.info("cleared the clipboard: it still held a copied token");
  };
  const verify = (held: HeldToken) => loadVerify().verifySignature(held.token, {
    authorityHost: loadVerify().authorityFor(held.request, readSettings()),
    expectedAudience: expectedAudienceOf(held),
  });

  const panel = new TokenPanel({ extensionUri: context.extensionUri, store, copy, verify });
  const showToken = () => panel.show();
  const profiles = new ProfileStore(context.globalState, (message) => { log.warn(message); void vscode.window.showWarningMessage(log.redact(message)); });
  const refresher = new TokenRefresher({ store, auth, clock: systemClock, settings: readExpirySettings, log: (m) => log.info(m) });
  const statusBar = new TokenStatusBar(store, refresher, systemClock, readExpirySettings, CommandId.tokenActions);

  // Where a token leaves the extension to a caller: azureToken.tokenRelease, the window's grants, the consent modal.
  const release = new TokenReleaseGate({ setting: () => readSettings().tokenRelease, ask: askReleaseConsent, log });
  const getTokenDeps = { auth, store, profiles, secrets, showToken, copy };
  const callerDeps = { ...getTokenDeps, release };
  const getTokenContext = { operation: Operations.getToken, ...runner };
  // Manage Profiles runs a profile for the user, who sees the token in the view: no caller, so no consent.
  const profileDeps = { profiles, secrets, run: (id: string) => runInContext(getTokenContext, () => getToken(getTokenDeps, { profile: id }), "report") };
  const decodeDeps = { store, showToken };
  // Clear Tokens from Memory forgets more than the store: the sign-ins' caches (MSAL's access and refresh tokens),
  // the window's "Allow for this window" grants, and a copied token still on the clipboard.
  const forget = async () => {
    authService?.clear();
    release.forget();
    await clearClipboard();
  };
  const actionDeps = { store, refresher, log, now: systemClock.now, showToken, copy, forget };

  const disposables: vscode.Disposable[] = [
    store, panel, refresher, statusBar, clipboardGuard, { dispose: () => authService?.clear() },
    onDidChangeSettings(() => { refresher.reschedule(); statusBar.update(); }),
  ];

  const commands: CommandHandlers = {
    // Without arguments (the palette, the status bar, a walkthrough button) the user sees the token in the view and
    // nothing is returned; with arguments the caller gets it only through the release gate.
    getToken: async (args?: GetTokenArgs) => {
      if (args === undefined) {
        await getToken(getTokenDeps);
        return undefined;
      }
      return getToken(callerDeps, args);
    },
    manageProfiles: () => manageProfiles(profileDeps),
    renameProfile: (args?: ProfileArgs) => renameProfileCommand(profileDeps, args),
    deleteProfile: (args?: ProfileArgs) => deleteProfileCommand(profileDeps, args),
    showToken: async () => { if (store.active) showToken(); },
    decodeJwt: (arg?: unknown) => decodeJwt(decodeDeps, arg),
    tokenActions: () => tokenActions(actionDeps),
    // These resolve nothing: a renewed token stays in the window.
    refreshToken: () => refreshActive(actionDeps, "now"),
    getFreshToken: () => refreshActive(actionDeps, "fresh"),
    switchToken: () => switchToken(actionDeps),
    clearTokens: () => clearTokens(actionDeps),
  };

  return {
    commands,
    hover: jwtHoverProvider(() => readSettings().hoverEnabled),
    getToken: (args) => runInContext(getTokenContext, () => getToken(callerDeps, args), "rethrow"),
    clearClipboard,
    // Commands no longer hand out tokens, so the tests read the store here (a test run only, no token).
    heldTokens: () => store.all().map((t): HeldTokenForTests => ({
      id: t.id, active: t.id === store.active?.id, tokenSha256: createHash("sha256").update(t.token).digest("hex"), changes: t.changes,
    })),
    dispose: () => { for (const d of disposables) d.dispose(); },
  };
}
