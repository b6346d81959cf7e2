import * as vscode from "vscode";
import { COPY_FORMATS, formatForCopy, type CopyFormat } from "../core/copyFormats";
import type { Log } from "../ui/log";
import type { HeldToken } from "./tokenStore";

/**
 * Copies a held token in one of the copy formats. The clipboard is written by the host, never the webview,
 * and the confirmation names the format only, never the token.
 */
export async function copyToken(held: HeldToken, formatId: string, log: Log): Promise<boolean> {
  const format = COPY_FORMATS.find((f) => f.id === formatId);
  if (!format) return false;
  const result = formatForCopy(format.id as CopyFormat, held.token);
  if (!result.ok) {
    void vscode.window.showWarningMessage(`Azure Token: ${result.message}`);
    return false;
  }
  await vscode.env.clipboard.writeText(result.text);
  log.info(`copied ${held.label} as ${format.label}`);
  void vscode.window.setStatusBarMessage(`$(check) Copied as ${format.label}`, 4000);
  return true;
}
