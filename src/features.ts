// Everything behind a command, the token view, the hover's text, the status bar and the refresher: built on first use
// (the first command, or the first hover over a line holding a JWT), from dist/features.js. Activation
// (src/extension.ts) only registers the commands and the hover and loads this when one of them is first used; so a
// window start pays for none of the catalogues (claims, AADSTS, resources), the view, the log (its output channel and
// the redactor) or the command wrapper: every command runs through `run`, here. @azure/identity (dist/auth.js) loads
// on the first token request and jose (dist/verify.js) on the first signature check.
import { createHash } from "node:crypto";
import * as vscode from "vscode";
import type * as AuthModule from "./auth/index";
import { secretKeyFor, SecretStore } from "./auth/secretStore";
import { SecretVault } from "./auth/secretVault";
import type { AuthService } from "./auth/types";
import { CommandId, type CommandName } from "./commands/commandIds";
import { decodeChallenge } from "./commands/decodeChallenge";
import { decodeJwt } from "./commands/decodeJwt";
import { forgetSecrets } from "./commands/forgetSecrets";
import { getToken, type GetTokenArgs, type GetTokenResult } from "./commands/getToken";
import { exchangeOnBehalfOf } from "./commands/onBehalfOf";
import { INPUT_COMMANDS, Operations } from "./commands/operations";
import { deleteProfileCommand, manageProfiles, renameProfileCommand, type ProfileArgs } from "./commands/profiles";
import { satisfyChallenge, type SatisfyChallengeArgs } from "./commands/satisfyChallenge";
import { clearTokens, refreshActive, switchToken, tokenActions } from "./commands/tokenActions";
import { tokenForTask } from "./commands/tokenForTask";
import type { ClaimChange } from "./core/claimsDiff";
import { explainCommandError } from "./core/commandErrors";
import { expectedAudienceOf } from "./core/expectedToken";
import { draftOfProfile } from "./core/getTokenPlan";
import { TokenReleaseGate } from "./core/tokenRelease";
import { jwtHoverProvider } from "./editor/jwtHover";
import { lazyBundle } from "./lazyBundle";
import { onDidChangeSettings, readExpirySettings, readSettings } from "./settings";
import { ChallengeStore } from "./tokens/challengeStore";
import { ProfileStore } from "./tokens/profileStore";
import { systemClock, TokenRefresher } from "./tokens/refresher";
import { TokenStore, type HeldToken } from "./tokens/tokenStore";
import type * as VerifyModule from "./tokens/verifySignature";
import { commandHandler, inputCommandHandler, runInContext, type CommandRunner } from "./ui/commandRunner";
import { ClipboardGuard } from "./ui/clipboardClear";
import { copyToken } from "./ui/copyToken";
import { Log } from "./ui/log";
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

/** What the extension's own integration tests reach inside a test run (ExtensionMode.Test only). */
export interface ExtensionTesting {
  heldTokens(): HeldTokenForTests[];
  /** The secrets' keys and hashes, to find orphans after every flow (test/integration/secrets.test.ts). */
  secrets(): Promise<SecretsForTests>;
  /** The saved profiles and recents (to seed them and to compare them before and after a failure). */
  readonly profiles: ProfileStore;
  /** The extension's secret storage (to seed a client secret that the command reads). */
  readonly secretStore: SecretStore;
  /** Drops the sign-ins' credentials and their caches, as Clear does, but keeps the held tokens: the next request signs in again. */
  forgetSignIns(): void;
}

/** The secrets as the integration tests see them: keys, and each stored value as its SHA-256 only. */
export interface SecretsForTests {
  /** Every key of this extension's SecretStorage that holds a value (of all keys written or deleted in this window). */
  stored: { key: string; sha256: string }[];
  /** The index of our keys (globalState). */
  indexed: string[];
  /** Secrets held in memory for this window: keys, and each value as its SHA-256 only. */
  held: { key: string; sha256: string }[];
  /** The secret keys of the saved profiles. */
  owned: string[];
}

/** What a command runs: every CommandName has one (TypeScript says which is missing). */
export type CommandHandlers = { readonly [name in CommandName]: (...args: never[]) => Promise<unknown> };

export interface Features extends vscode.Disposable {
  /**
   * Runs a command, as activation registered it: in its own context (report mode: a cancel stays silent, a failure is
   * one redacted message and a log line); an input command (INPUT_COMMANDS) rejects when it gives nothing.
   */
  run(name: CommandName, args: unknown[]): Promise<unknown>;
  readonly hover: vscode.HoverProvider;
  /** The exported API's getToken: the same context as the command, rethrow mode, always through the release gate. */
  getToken(args?: GetTokenArgs): Promise<GetTokenResult | undefined>;
  /** Takes a copied token off the clipboard if it is still there (deactivation waits for it). */
  clearClipboard(): Promise<void>;
  /** Only for the extension's own test runs (ExtensionMode.Test): what the window holds, never a token or a secret. */
  readonly testing: ExtensionTesting;
}

export function createFeatures(context: vscode.ExtensionContext): Features {
  // The one log ("Azure Token" output channel): made with the features, so a window start makes no channel.
  const log = new Log();
  const runner: CommandRunner = { log, explain: explainCommandError };
  const store = new TokenStore();
  // The one secret store: secrets typed into the prompts or read back are registered with the log's redaction.
  const secretStore = new SecretStore(context.secrets, log.secrets);
  const loadAuth = lazyBundle<typeof AuthModule>(context.extensionPath, "auth.js");
  const loadVerify = lazyBundle<typeof VerifyModule>(context.extensionPath, "verify.js");
  let authService: AuthService | undefined;
  const auth = () => (authService ??= loadAuth().createAuthService({
    secrets, authentication: vscode.authentication, remote: vscode.env.remoteName !== undefined,
    clientAssertionCommand: () => readSettings().clientAssertionCommand,
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

  const challenges = new ChallengeStore();
  // The view's button runs the command, so a failure is explained like any other (the view never signs in itself).
  const satisfy = () => void vscode.commands.executeCommand(CommandId.satisfyChallenge);
  const panel = new TokenPanel({ extensionUri: context.extensionUri, store, copy, verify, challenges, satisfy });
  const showToken = () => panel.show();
  const profiles = new ProfileStore(context.globalState, (message) => { log.warn(message); void vscode.window.showWarningMessage(log.redact(message)); });
  // The secrets' lifecycle: stored only when a saved profile owns them, else held for this window (auth/secretVault.ts).
  // Secrets no saved profile owns (left by a crash) go when the features are first built in a window.
  const ownedKeys = () => profiles.list().map((p) => secretKeyFor(draftOfProfile(p)));
  const secrets = new SecretVault({ storage: secretStore, index: context.globalState, ownedKeys, sink: log.secrets });
  void secrets.removeOrphans().catch((e: unknown) => log.warn(`could not remove orphaned secrets: ${e instanceof Error ? e.message : String(e)}`));
  const refresher = new TokenRefresher({ store, auth, clock: systemClock, settings: readExpirySettings, log: (m) => log.info(m) });
  const statusBar = new TokenStatusBar(store, refresher, systemClock, readExpirySettings, CommandId.tokenActions);

  // Where a token leaves the extension to a caller: azureToken.tokenRelease, the window's grants, the consent modal.
  const release = new TokenReleaseGate({ setting: () => readSettings().tokenRelease, ask: askReleaseConsent, log });
  const getTokenDeps = { auth, store, profiles, secrets, showToken, copy };
  const callerDeps = { ...getTokenDeps, release };
  const getTokenContext = { operation: Operations.getToken, ...runner };
  // Manage Profiles runs a profile for the user, who sees the token in the view: no caller, so no consent.
  const profileDeps = { profiles, secrets, forgetSignIns: () => authService?.clear(), run: (id: string) => runInContext(getTokenContext, () => getToken(getTokenDeps, { profile: id }), "report") };
  // Token for Task: a caller too (the task or launch receives the token), so through the gate; quiet, for a task run.
  const taskDeps = { profiles, precheck: () => release.precheck(), getToken: (id: string) => getToken({ ...callerDeps, quiet: true }, { profile: id }) };
  const decodeDeps = { store, showToken };
  const challengeDeps = { challenges, showChallenge: () => panel.show() };
  const satisfyDeps = { auth, store, challenges, profiles, showToken };
  // Clear Tokens from Memory forgets more than the store: the sign-ins' caches (MSAL's access and refresh tokens),
  // the window's "Allow for this window" grants, and a copied token still on the clipboard.
  const forget = async () => {
    authService?.clear();
    release.forget();
    await clearClipboard();
  };
  const actionDeps = { store, refresher, log, now: systemClock.now, showToken, copy, forget };

  const disposables: vscode.Disposable[] = [
    store, challenges, panel, refresher, statusBar, clipboardGuard, secrets, { dispose: () => authService?.clear() },
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
    exchangeOnBehalfOf: () => exchangeOnBehalfOf(getTokenDeps),
    manageProfiles: () => manageProfiles(profileDeps),
    renameProfile: (args?: ProfileArgs) => renameProfileCommand(profileDeps, args),
    deleteProfile: (args?: ProfileArgs) => deleteProfileCommand(profileDeps, args),
    forgetSecrets: () => forgetSecrets(profileDeps),
    showToken: async () => { if (store.active) showToken(); },
    decodeJwt: (arg?: unknown) => decodeJwt(decodeDeps, arg),
    // With the challenge as its argument it returns the challenge explained (never a token); else the view shows it.
    decodeChallenge: (arg?: unknown) => decodeChallenge(challengeDeps, arg),
    satisfyChallenge: (args?: SatisfyChallengeArgs) => satisfyChallenge(satisfyDeps, args),
    tokenActions: () => tokenActions(actionDeps),
    // These resolve nothing: a renewed token stays in the window.
    refreshToken: () => refreshActive(actionDeps, "now"),
    getFreshToken: () => refreshActive(actionDeps, "fresh"),
    switchToken: () => switchToken(actionDeps),
    clearTokens: () => clearTokens(actionDeps),
    // Run through inputCommandHandler (operations.ts INPUT_COMMANDS): giving nothing stops the task.
    tokenForTask: (arg?: unknown) => tokenForTask(taskDeps, arg),
  };

  // Each call in its own context, as `run` promises; each handler checks its own arguments.
  const run = (name: CommandName, args: unknown[]) => {
    const handler = commands[name] as (...a: unknown[]) => Promise<never>;
    const operation = Operations[name];
    return (INPUT_COMMANDS.has(name) ? inputCommandHandler(runner, operation, handler) : commandHandler(runner, operation, handler))(...args);
  };

  return {
    run,
    hover: jwtHoverProvider(() => readSettings().hoverEnabled),
    getToken: (args) => runInContext(getTokenContext, () => getToken(callerDeps, args), "rethrow"),
    clearClipboard,
    testing: testingHooks(context, { store, secrets, secretStore, profiles, ownedKeys, forgetSignIns: () => authService?.clear() }, disposables),
    // The log goes last: what the others write while they go is still recorded.
    dispose: () => { for (const d of disposables) d.dispose(); log.dispose(); },
  };
}

/**
 * The integration tests' view inside (ExtensionMode.Test only; activation hands it out in a test run alone). Commands
 * no longer hand out tokens, so the tests read the store here, each token as its SHA-256. SecretStorage cannot list its
 * keys: the hooks remember every key that changes in the window, and read each back as a SHA-256.
 */
function testingHooks(
  context: vscode.ExtensionContext,
  deps: { store: TokenStore; secrets: SecretVault; secretStore: SecretStore; profiles: ProfileStore; ownedKeys: () => (string | undefined)[]; forgetSignIns(): void },
  disposables: vscode.Disposable[],
): ExtensionTesting {
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
  const seenKeys = new Set<string>();
  if (context.extensionMode === vscode.ExtensionMode.Test) disposables.push(context.secrets.onDidChange((e) => seenKeys.add(e.key)));
  return {
    heldTokens: () => deps.store.all().map((t): HeldTokenForTests => ({
      id: t.id, active: t.id === deps.store.active?.id, tokenSha256: sha256(t.token), changes: t.changes,
    })),
    secrets: async () => {
      const stored: SecretsForTests["stored"] = [];
      for (const key of [...seenKeys].sort()) {
        const value = await context.secrets.get(key);
        if (value !== undefined) stored.push({ key, sha256: sha256(value) });
      }
      const held: SecretsForTests["held"] = [];
      for (const key of deps.secrets.heldKeys()) held.push({ key, sha256: sha256((await deps.secrets.get(key)) ?? "") });
      return { stored, indexed: deps.secrets.indexed(), held, owned: deps.ownedKeys().filter((k): k is string => Boolean(k)) };
    },
    profiles: deps.profiles,
    secretStore: deps.secretStore,
    forgetSignIns: deps.forgetSignIns,
  };
}
