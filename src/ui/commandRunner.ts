import * as vscode from "vscode";
import { explainAuthError } from "../core/authErrors";
import type { Log } from "./log";

/**
 * Wraps every command: a user cancel stays silent, any other failure becomes one clear, redacted message
 * (AADSTS codes explained with their fix, trace and correlation ids kept for support) and a log line.
 */
export function registerCommand<A extends unknown[], R>(
  log: Log, id: string, handler: (...args: A) => Promise<R>,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      reportError(log, id, error);
      return undefined;
    }
  });
}

export function reportError(log: Log, context: string, error: unknown): void {
  const explained = explainAuthError(error);
  if (explained.kind === "cancelled") {
    log.info(`${context}: cancelled`);
    return;
  }
  const ids = [explained.traceId && `Trace ID: ${explained.traceId}`, explained.correlationId && `Correlation ID: ${explained.correlationId}`]
    .filter(Boolean).join(", ");
  log.error(`${context}: ${explained.code ? `AADSTS${explained.code} ` : ""}${explained.title}. ${explained.detail}${ids ? ` (${ids})` : ""}`);
  const text = [explained.title + ".", explained.detail, explained.fix && `Fix: ${explained.fix}`, ids].filter(Boolean).join(" ");
  void vscode.window.showErrorMessage(log.redact(text), "Show Log").then((choice) => {
    if (choice === "Show Log") log.show();
  });
}
