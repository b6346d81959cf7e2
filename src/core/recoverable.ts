// A failure the user can do something about ("Enter a new secret"), kept apart from the explanations (commandErrors.ts,
// which load the AADSTS catalogue): the command runner in dist/extension.js needs only this. Pure, no imports.

/** Something the user can do about a failure, offered as a button in its message (e.g. "Enter a new secret"). */
export interface Recovery {
  readonly label: string;
  /** Runs in the same command context as the failed call; a cancel is silent. */
  run(): Promise<unknown>;
}

/**
 * A failure with a recovery: explained exactly as `failure` (the error it wraps); the command runner adds the recovery's
 * button to the message. An API caller (rethrow mode) gets `failure` itself.
 */
export class RecoverableError extends Error {
  override readonly name = "RecoverableError";
  constructor(readonly failure: unknown, readonly recovery: Recovery) {
    super(failure instanceof Error ? failure.message : "The operation failed.");
  }
}

/** The error a failure is explained and rethrown as: a RecoverableError's wrapped failure, else the error itself. */
export function failureOf(error: unknown): unknown {
  return isRecoverable(error) ? error.failure : error;
}

/**
 * Recognised by name as well: dist/extension.js (the command runner) and dist/features.js (which throws it) each hold
 * their own copy of this class, so instanceof alone would miss it.
 */
export function isRecoverable(error: unknown): error is RecoverableError {
  return error instanceof RecoverableError || (typeof error === "object" && error !== null && (error as { name?: unknown }).name === "RecoverableError"
    && "recovery" in error && "failure" in error);
}
