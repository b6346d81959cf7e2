// Copy as…: puts a held token on the clipboard in one of the copy formats and confirms it in the status bar. The UI
// side of copying (clipboard, messages, auto-clear); the formats themselves are pure, in core/copyFormats.ts.
import * as vscode from "vscode";
import { COPY_FORMATS, formatForCopy, type CopyFormat } from "../core/copyFormats";
import type { HeldToken } from "../tokens/tokenStore";
import { scheduleClipboardClear, type Clipboard, type ClipboardGuard, type Timer } from "./clipboardClear";

/** Where copying notes what it did: the extension's Log (ui/log.ts), which redacts every line and every message shown. */
export interface CopyLog {
  info(message: string): void;
  redact(text: string): string;
}

export interface CopyOptions {
  /** Seconds after which the clipboard is cleared if it still holds what we copied; 0 = never. */
  clearAfterSeconds?: number;
  clipboard?: Clipboard;
  setTimer?: Timer;
  /**
   * The extension's one guard over the clipboard (its own clipboard and timer): it remembers every copied token, so
   * Clear Tokens from Memory and deactivation can clear it, and schedules the auto-clear.
   */
  guard?: ClipboardGuard;
}

/**
 * Copies a held token in one of the copy formats. The clipboard is written by the host, never the webview,
 * and the confirmation names the format only, never the token. Optionally clears the clipboard later, but
 * only when it still holds what we put there (the user may have copied something else meanwhile).
 */
export async function copyToken(held: HeldToken, formatId: string, log: CopyLog, options: CopyOptions = {}): Promise<boolean> {
  const format = COPY_FORMATS.find((f) => f.id === formatId);
  if (!format) return false;
  const result = formatForCopy(format.id as CopyFormat, held.token);
  if (!result.ok) {
    void vscode.window.showWarningMessage(log.redact(`Azure Token: ${result.message}`));
    return false;
  }
  const clipboard = options.clipboard ?? vscode.env.clipboard;
  await clipboard.writeText(result.text);
  log.info(`copied ${held.label} as ${format.label}`);
  const seconds = options.clearAfterSeconds ?? 0;
  const clears = result.containsToken && Number.isFinite(seconds) && seconds > 0;
  void vscode.window.setStatusBarMessage(`$(check) Copied as ${format.label}${clears ? ` (clipboard clears in ${seconds} s)` : ""}`, 4000);
  if (options.guard && result.containsToken) options.guard.remember(result.text, clears ? seconds * 1000 : 0);
  else if (clears) scheduleClipboardClear(clipboard, result.text, seconds * 1000, () => log.info("cleared the clipboard (auto-clear)"), options.setTimer);
  return true;
}
