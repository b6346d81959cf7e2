import * as vscode from "vscode";
import type { explainCommandError, Operation } from "../core/commandErrors";
import { redactError } from "../core/redact";
import type { Log } from "./log";

export type { Operation } from "../core/commandErrors";

/**
 * Where failures are recorded, and how they are explained: core/commandErrors.ts's explainCommandError, handed in so
 * that activation can load it (and the AADSTS catalogue behind it) only when the first command runs.
 */
export interface CommandRunner {
  readonly log: Log;
  readonly explain: typeof explainCommandError;
}

/** One call of a command: what it does (for its messages), where its failures are recorded and how explained. */
export interface CommandContext extends CommandRunner {
  readonly operation: Operation;
}

/**
 * Registers a command that runs in its own context: a user cancel stays silent; any other failure becomes one
 * clear, redacted message in the operation's words (sign-in failures with their AADSTS explanation and fix) and
 * a log line.
 */
export function registerCommand<A extends unknown[], R>(
  runner: CommandRunner, operation: Operation, handler: (...args: A) => Promise<R>,
): vscode.Disposable {
  return vscode.commands.registerCommand(operation.id, (...args: A) => runInContext({ ...runner, operation }, () => handler(...args), "report"));
}

/**
 * Runs one operation. "report": failures are shown to the user and resolve undefined (commands). "rethrow": they
 * are logged and rethrown to the caller (the exported API), who decides what to show: as a redacted copy (message,
 * stack and fields, through the log's redaction), with the same prototype and `name` (`InvalidArgumentError`…).
 */
export async function runInContext<R>(context: CommandContext, work: () => Promise<R>, mode: "report" | "rethrow"): Promise<R | undefined> {
  try {
    return await work();
  } catch (error) {
    const { operation, log } = context;
    const explained = context.explain(operation, error);
    if (!explained) {
      log.info(`${operation.id}: cancelled`);
      if (mode === "rethrow") throw redactError(error, (text) => log.redact(text));
      return undefined;
    }
    const ids = [explained.traceId && `Trace ID: ${explained.traceId}`, explained.correlationId && `Correlation ID: ${explained.correlationId}`]
      .filter(Boolean).join(", ");
    log.error(`${operation.id}: ${explained.code ? `AADSTS${explained.code} ` : ""}${explained.title}. ${explained.detail}${ids ? ` (${ids})` : ""}`);
    if (mode === "rethrow") throw redactError(error, (text) => log.redact(text));
    const text = [explained.title + ".", explained.detail, explained.fix && `Fix: ${explained.fix}`, ids].filter(Boolean).join(" ");
    void vscode.window.showErrorMessage(log.redact(text), "Show Log").then((choice) => {
      if (choice === "Show Log") log.show();
    });
    return undefined;
  }
}
