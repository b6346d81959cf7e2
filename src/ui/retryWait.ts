// What a progress notification says while the sign-in library waits out Entra's Retry-After (HTTP 429 or 503) before
// it asks again: without it, the progress spins for a minute and more with nothing saying why. No 'vscode' here, so
// the words are unit-tested; ui/progress.ts shows them.

/** "Entra asked to wait 30 s; retrying…" (minutes from two minutes on). */
export function retryWaitMessage(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  return `Entra asked to wait ${s < 120 ? `${s} s` : `${Math.ceil(s / 60)} min`}; retrying…`;
}

/** An AcquireOptions.onRetryWait that reports each wait to a progress. */
export function reportRetryWaits(report: (message: string) => void): (seconds: number) => void {
  return (seconds) => report(retryWaitMessage(seconds));
}
