// The VS Code UI the auth layer needs: the device code notification and the account pick. Used when the
// caller passes no AcquireOptions.ui of its own.
import * as vscode from "vscode";
import { redact } from "../core/redact";
import type { AuthUi, DeviceCodePrompt } from "./types";

export const COPY_AND_OPEN = "Copy code & open browser";

export function createAuthUi(): AuthUi {
  return {
    showDeviceCode(prompt: DeviceCodePrompt, signal: AbortSignal): void {
      // The user code is not a secret token: it is useless without the person signing in on the page. Both come from
      // Entra, so the text is redacted like every message shown (the code is short and has no key: it stays).
      const text = redact(`Azure Token: to sign in, open ${prompt.verificationUri} and enter the code ${prompt.userCode}`);
      void vscode.window.showInformationMessage(text, COPY_AND_OPEN).then(async (choice) => {
        if (choice !== COPY_AND_OPEN || signal.aborted) return;
        await vscode.env.clipboard.writeText(prompt.userCode);
        await vscode.env.openExternal(vscode.Uri.parse(prompt.verificationUri, true));
      });
    },
    async pickAccount(labels: readonly string[]): Promise<string | undefined> {
      return vscode.window.showQuickPick([...labels], {
        title: "Get Azure Token: VS Code account",
        placeHolder: "Several Microsoft accounts are signed in to VS Code: which one?",
        ignoreFocusOut: true,
      });
    },
  };
}
