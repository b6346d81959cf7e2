// "Forget Stored Secrets" (also in Manage Profiles): every client secret and certificate password this extension keeps
// (SecretStorage, and those held in memory for this window) is removed after a confirmation. Profiles stay: they ask
// for their secret on next use.
import * as vscode from "vscode";
import type { SecretVault } from "../auth/secretVault";

export interface ForgetSecretsDeps {
  secrets: SecretVault;
  /** Drops the sign-ins' cached credentials too (Clear Tokens' forget): a forgotten secret must not keep answering. */
  forgetSignIns?: () => unknown;
}

export const FORGET = "Forget";

export async function forgetSecrets(deps: ForgetSecretsDeps): Promise<void> {
  const answer = await vscode.window.showWarningMessage("Forget every stored client secret and certificate password?", {
    modal: true,
    detail: "They are removed from VS Code's secret storage, and from this window's memory. Saved profiles stay and ask for their secret on next use.",
  }, FORGET);
  if (answer !== FORGET) return;
  const count = await deps.secrets.forgetAll();
  await deps.forgetSignIns?.();
  void vscode.window.showInformationMessage(count
    ? `Azure Token: forgot ${count} stored secret${count === 1 ? "" : "s"}. Profiles ask for their secret on next use.`
    : "Azure Token: no stored secrets to forget.");
}
