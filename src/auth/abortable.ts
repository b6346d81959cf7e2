/** Raised when the user cancels; the command wrapper stays silent for it. */
export class CancelledError extends Error {
  override readonly name = "CancelledError";
  constructor() { super("Cancelled by the user."); }
}

/** Raised when an interactive sign-in does not come back in time (the library itself can wait forever). */
export class SignInTimeoutError extends Error {
  override readonly name = "SignInTimeoutError";
  constructor(readonly seconds: number) {
    super(`No answer from the browser sign-in within ${seconds} seconds. Finish signing in sooner, or use the device code sign-in.`);
  }
}

/**
 * Races a library call against cancellation and a timeout. @azure/identity's interactive flow ignores its
 * abortSignal while it waits for the browser, so our own promise settles for it.
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal, timeoutMs?: number): Promise<T> {
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const timer = timeoutMs ? setTimeout(() => settle(() => reject(new SignInTimeoutError(Math.round(timeoutMs / 1000)))), timeoutMs) : undefined;
    const onAbort = () => settle(() => reject(new CancelledError()));
    signal.addEventListener("abort", onAbort, { once: true });
    function settle(finish: () => void) {
      if (timer) clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      finish();
    }
    work.then((v) => settle(() => resolve(v)), (e) => settle(() => reject(e)));
  });
}
