import * as vscode from "vscode";
import type { explainCommandError, Operation } from "../core/commandErrors";
import { failureOf, isRecoverable } from "../core/recoverable";
import { redactError } from "../core/redact";
import { isTokenReleaseDenied, TOKEN_RELEASE_SETTING } from "../core/tokenReleaseDenied";
import type { Log } from "./log";

export type { Operation } from "../core/commandErrors";

/**
 * Where failures are recorded, and how they are explained: the features' Log and core/commandErrors.ts's
 * explainCommandError, handed in by src/features.ts, which runs every command through commandHandler or
 * inputCommandHandler.
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
 * A command's handler that runs each call in its own context: a user cancel stays silent; any other failure becomes
 * one clear, redacted message in the operation's words (sign-in failures with their AADSTS explanation and fix) and
 * a log line.
 */
export function commandHandler<A extends unknown[], R>(
  runner: CommandRunner, operation: Operation, handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R | undefined> {
  return (...args: A) => runInContext({ ...runner, operation }, () => handler(...args), "report");
}

/**
 * The handler of a command whose result is a value for `${input:…}` in tasks.json or launch.json. Like commandHandler,
 * but when it gives nothing (a cancel, a denial, a failure already explained to the user) it rejects: an input command
 * that resolves undefined leaves `${input:…}` unreplaced and VS Code runs the task with that text, while a rejection
 * stops the task or launch before it starts. VS Code shows the rejection's message (a cancellation error would read
 * just "Canceled"), so it says what happened.
 */
export function inputCommandHandler<A extends unknown[]>(
  runner: CommandRunner, operation: Operation, handler: (...args: A) => Promise<string | undefined>,
): (...args: A) => Promise<string> {
  return async (...args: A) => {
    let denied = false;
    const value = await runInContext({ ...runner, operation }, async () => {
      try {
        return await handler(...args);
      } catch (error) {
        denied = isTokenReleaseDenied(error);
        throw error;
      }
    }, "report");
    if (value !== undefined) return value;
    throw new Error(denied
      ? `Task or launch not started: Azure Token denied the token (setting ${TOKEN_RELEASE_SETTING}).`
      : "Task or launch not started: Azure Token gave no token.");
  };
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
      if (mode === "rethrow") throw redactError(failureOf(error), (text) => log.redact(text));
      return undefined;
    }
    const ids = [explained.traceId && `Trace ID: ${explained.traceId}`, explained.correlationId && `Correlation ID: ${explained.correlationId}`]
      .filter(Boolean).join(", ");
    log.error(`${operation.id}: ${explained.code ? `AADSTS${explained.code} ` : ""}${explained.title}. ${explained.detail}${ids ? ` (${ids})` : ""}`);
    if (mode === "rethrow") throw redactError(failureOf(error), (text) => log.redact(text));
    const text = [explained.title + ".", explained.detail, explained.fix && `Fix: ${explained.fix}`, ids].filter(Boolean).join(" ");
    // A recovery (e.g. "Enter a new secret") runs in the same context: its own failure is reported the same way.
    const recovery = isRecoverable(error) ? error.recovery : undefined;
    void vscode.window.showErrorMessage(log.redact(text), ...(recovery ? [recovery.label] : []), "Show Log").then((choice) => {
      if (choice === "Show Log") log.show();
      else if (recovery && choice === recovery.label) void runInContext(context, () => recovery.run(), "report");
    });
    return undefined;
  }
}
