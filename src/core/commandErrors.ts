// Why a command failed, explained by kind: a bad argument (InvalidArgumentError, raised by any layer), a
// sign-in failure (authErrors.ts), or anything else in the operation's own words. Pure.
import { explainAuthError } from "./authErrors";
import { redact } from "./redact";
import { failureOf } from "./recoverable";
import { isTokenReleaseDenied } from "./tokenReleaseDenied";

export { failureOf, isRecoverable, RecoverableError, type Recovery } from "./recoverable";

/** Bad command arguments or a request that cannot be made: the message says exactly which value is wrong. */
export class InvalidArgumentError extends Error {
  override readonly name = "InvalidArgumentError";
}

export function isInvalidArgument(error: unknown): error is InvalidArgumentError {
  return error instanceof InvalidArgumentError || (typeof error === "object" && error !== null && (error as { name?: unknown }).name === "InvalidArgumentError");
}

/** What a command does, in words for its messages. */
export interface Operation {
  /** The command id, for the log. */
  readonly id: string;
  /** Completes "Couldn't …": e.g. "rename the profile". */
  readonly failure: string;
  /** True when the command signs in: then any failure is explained as a sign-in failure (AADSTS codes and all). */
  readonly signsIn?: boolean;
}

export interface CommandErrorExplanation {
  title: string;
  detail: string;
  fix?: string;
  /** AADSTS code, trace and correlation ids, when Entra gave them: kept for support. */
  code?: number;
  traceId?: string;
  correlationId?: string;
}

/**
 * Explains why a command failed, by the kind of failure: undefined for a user cancel (stay silent); a bad
 * argument in the operation's own words; a sign-in failure (or anything a sign-in layer raised) through
 * explainAuthError; anything else as "Couldn't <operation>" with the error's first line. Never throws; redacted.
 * A token release that was denied (azureToken.tokenRelease, or Deny in the consent modal) is the user's own answer:
 * silent like a cancel (the command returns undefined; the API caller gets the error).
 */
export function explainCommandError(operation: Operation, raised: unknown): CommandErrorExplanation | undefined {
  const error = failureOf(raised);
  if (isTokenReleaseDenied(error)) return undefined;
  const auth = explainAuthError(error);
  if (auth.kind === "cancelled") return undefined;
  const failed = `Couldn't ${operation.failure}`;
  if (isInvalidArgument(error)) return { title: failed, detail: firstLineOf(redact(error.message)) || "An argument is not valid." };
  if (operation.signsIn || auth.kind !== "unknown") {
    const { title, detail, fix, code, traceId, correlationId } = auth;
    return { title, detail, ...(fix && { fix }), ...(code !== undefined && { code }), ...(traceId && { traceId }), ...(correlationId && { correlationId }) };
  }
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  return { title: failed, detail: firstLineOf(redact(message)) || "An unexpected error occurred." };
}

function firstLineOf(text: string): string {
  return text.split(/\r?\n/, 1)[0]?.trim().slice(0, 500) ?? "";
}
