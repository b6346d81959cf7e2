// Activation registers the commands and the hover, and does nothing else: dist/extension.js is this file and the
// little it imports (the command ids, the hover's filter, the bundle loader). The rest is src/features.ts
// (dist/features.js), loaded when a command or the hover first needs it: every command's code and the context it runs
// in (ui/commandRunner.ts: a cancel stays silent, a failure is explained), the log with its output channel and the
// redactor, the token view and the catalogues; @azure/identity (dist/auth.js) and jose (dist/verify.js) load later
// still. Commands are listed in src/commands/commandIds.ts and implemented in features.ts's `commands` table:
// activation registers them all.
// Named imports, here and in every module this bundle holds (eslint.config.mjs, ACTIVATION): for `import * as vscode`
// esbuild copies each of the vscode API's few hundred properties when the bundle loads, which costs activation more
// than the rest of this file.
import { commands, ExtensionMode, type ExtensionContext } from "vscode";
import { CommandId, type CommandName } from "./commands/commandIds";
import type { GetTokenArgs, GetTokenResult } from "./commands/getToken";
import { registerJwtHover } from "./editor/hoverRegistration";
import type * as FeaturesModule from "./features";
import type { ExtensionTesting, Features } from "./features";
import { lazyBundle } from "./lazyBundle";

export type { ExtensionTesting, HeldTokenForTests, SecretsForTests } from "./features";

/** What other extensions get from `vscode.extensions.getExtension('azure-token-dev.azure-token').activate()`. */
export interface AzureTokenApi {
  /**
   * Like the command, but failures reject with the error instead of being shown to the user. The token is returned
   * only if azureToken.tokenRelease lets it leave (on "ask", the user allows it in a modal); a denial rejects with a
   * TokenReleaseDeniedError that names the setting.
   */
  getToken(args?: GetTokenArgs): Promise<GetTokenResult | undefined>;
  /** Only in the extension's own test runs (ExtensionMode.Test): what the window holds, never a token or a secret. */
  readonly testing?: ExtensionTesting;
}

export function activate(context: ExtensionContext): AzureTokenApi {
  const load = lazyBundle<typeof FeaturesModule>(context.extensionPath, "features.js");
  let built: Features | undefined;
  const features = () => (built ??= load().createFeatures(context));
  // Each command only hands its call over: the features run it in its own context (Features.run).
  const register = (name: CommandName) => commands.registerCommand(CommandId[name], (...args: unknown[]) => features().run(name, args));

  // On deactivation (window closed or reloaded) a copied token leaves the clipboard too: deactivate() waits for it.
  deactivation = () => built?.clearClipboard() ?? Promise.resolve();
  context.subscriptions.push(
    { dispose: () => built?.dispose() },
    registerJwtHover(() => features().hover),
    ...(Object.keys(CommandId) as CommandName[]).map(register),
  );
  // The API runs in the same context as the command, but its caller gets the failure (rethrow mode). It is always a
  // caller: the token leaves only through the release gate.
  const api: AzureTokenApi = { getToken: (args) => features().getToken(args) };
  if (context.extensionMode !== ExtensionMode.Test) return api;
  // A test run reaches inside (hashes and keys only, never a token or a secret); it builds the features at once, so
  // that every secret the window changes is seen.
  return { ...api, testing: features().testing };
}

/**
 * What deactivate() waits for. VS Code waits for the promise deactivate() returns, never for a dispose(), and the
 * clipboard is only reachable while the window is still there: so this one thing is kept outside activate().
 */
let deactivation: (() => Promise<void>) | undefined;

export function deactivate(): Promise<void> | undefined {
  // Everything else is disposed through context.subscriptions; held tokens are cleared from memory there.
  const clearing = deactivation?.();
  deactivation = undefined;
  return clearing;
}
