// esbuild aliases the `open` package to this module (see esbuild.config.mjs): @azure/identity's
// InteractiveBrowserCredential then opens its sign-in page through VS Code, which picks the user's browser
// and, on remote hosts (SSH, WSL, Codespaces), opens it on the user's own machine.
import * as vscode from "vscode";

export default async function open(target: string): Promise<void> {
  const opened = await vscode.env.openExternal(vscode.Uri.parse(target, true));
  if (!opened) throw new Error("VS Code could not open the sign-in page in a browser.");
}
