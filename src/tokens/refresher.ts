// Keeps held tokens fresh: re-acquires each acquired token silently (the credential's own cache / refresh token,
// never a browser) at the library's refreshAfter or a lead time before expiry, and replaces it in the store with the
// claims that changed. "Refresh now", "Get fresh token" and "Sign in" go through the same path.
// No 'vscode' import: the clock, the store and the auth service are injected, so the schedule is unit-testable.
import type { AcquireOptions, AuthService } from "../auth/types";
import { diffTokenClaims } from "../core/claimsDiff";
import { Disposable } from "../core/disposable";
import { explainAuthError, isInteractionRequired } from "../core/authErrors";
import { nextRefreshAt } from "../core/expirySchedule";
import type { HeldToken } from "./tokenStore";

/** Time and timers, injected so tests can drive them. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The part of TokenStore the refresher uses. */
export interface RefreshableStore {
  all(): readonly HeldToken[];
  get(id: string): HeldToken | undefined;
  replace(id: string, next: Omit<HeldToken, "id">): HeldToken | undefined;
  onDidChange(listener: () => void): { dispose(): void };
}

export interface RefreshSettings {
  autoRefresh: boolean;
  /** How long before expiry to refresh when the library gave no refreshAfter. */
  leadMs: number;
}

/** Why a token is not being kept fresh, for the status bar. */
export type RefreshProblem = "signInRequired" | "failed";

export interface RefresherDeps {
  store: RefreshableStore;
  auth: () => AuthService;
  clock: Clock;
  settings: () => RefreshSettings;
  /** Recognises the auth layer's "interaction required" error (a background refresh must not open a browser). */
  isInteractionRequired?: (error: unknown) => boolean;
  log?: (message: string) => void;
}

/**
 * "background": the automatic refresh — cache or refresh token only, never interaction;
 * "now": a user's "Refresh now" or "Sign in" — through the cache, interaction allowed;
 * "fresh": "Get fresh token" — bypasses the cache, interaction allowed.
 */
export type RefreshMode = "background" | "now" | "fresh";

/** A token is never refreshed automatically sooner than this after it was acquired or last tried. */
export const MIN_AUTO_REFRESH_GAP_MS = 10_000;
/** After a failed automatic refresh (network, Entra error): try again after this long. */
export const RETRY_AFTER_FAILURE_MS = 60_000;

/** The auth layer's "interaction required" error, by name or by what the error explanation makes of it. */
export function looksLikeInteractionRequired(error: unknown): boolean {
  return isInteractionRequired(error) || explainAuthError(error).title === "Interactive sign-in needed";
}

/**
 * When an acquired token is due for an automatic refresh. `nextRefreshAt` answers "now" for a token that lives
 * shorter than the lead time; so a refresh is never due before half the token's lifetime has passed, nor sooner than
 * MIN_AUTO_REFRESH_GAP_MS after it was acquired or last tried (no refresh loops with short-lived tokens).
 */
export function autoRefreshDueAt(held: HeldToken, nowMs: number, leadMs: number, lastAttemptMs?: number): number | undefined {
  if (held.source !== "acquired" || !held.request || held.expiresOnMs === undefined) return undefined;
  const lifetime = held.expiresOnMs - held.acquiredAtMs;
  const scheduled = nextRefreshAt({ expiresOnMs: held.expiresOnMs, refreshAfterMs: held.refreshAfterMs, nowMs, leadMs });
  const floor = Math.max(held.acquiredAtMs + Math.max(lifetime / 2, 0), held.acquiredAtMs + MIN_AUTO_REFRESH_GAP_MS, (lastAttemptMs ?? -Infinity) + MIN_AUTO_REFRESH_GAP_MS);
  // Past expiry, waiting for the floor makes no sense only if the floor is also past: max() covers both.
  return Math.max(scheduled, floor);
}

export class TokenRefresher extends Disposable {
  private timer: unknown;
  private timerDueMs: number | undefined;
  /** `title`: the explained error's title (a fixed sentence, never the token or Entra's text). */
  private readonly problems = new Map<string, { kind: RefreshProblem; title: string }>();
  private readonly lastAttempt = new Map<string, number>();
  private readonly retryAt = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<HeldToken | undefined>>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: RefresherDeps) {
    super();
    this.register(deps.store.onDidChange(() => this.reschedule()));
    this.register({ dispose: () => { this.clearTimer(); this.listeners.clear(); } });
    this.reschedule();
  }

  /** Fires when a token's problem state changes (sign-in required, failed, fine again). */
  onDidChangeState(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  problemOf(id: string): RefreshProblem | undefined {
    return this.problems.get(id)?.kind;
  }

  /** Why the last refresh of a "failed" token failed, e.g. "Microsoft Entra ID is unavailable". */
  failureOf(id: string): string | undefined {
    const problem = this.problems.get(id);
    return problem?.kind === "failed" ? problem.title : undefined;
  }

  isRefreshing(id: string): boolean {
    return this.inFlight.has(id);
  }

  /**
   * Re-acquires a held token and replaces it in the store (same id), with the claims that changed.
   * Throws what the auth layer threw (the caller reports it); in "background" mode an "interaction required"
   * answer is only recorded (the status bar then says "sign in"). When the library answers from its cache with
   * the same token, the held token stays as it is. `onRetryWait` (a progress's) hears Entra's Retry-After waits.
   */
  refresh(id: string, mode: RefreshMode, signal?: AbortSignal, onRetryWait?: (seconds: number) => void): Promise<HeldToken | undefined> {
    const running = this.inFlight.get(id);
    if (running && mode === "background") return running;
    const work = this.run(id, mode, signal ?? new AbortController().signal, onRetryWait).finally(() => {
      if (this.inFlight.get(id) === work) this.inFlight.delete(id);
      this.reschedule();
    });
    this.inFlight.set(id, work);
    return work;
  }

  /** Recomputes the one timer for the earliest due token. Called on every store or settings change. */
  reschedule(): void {
    if (this.isDisposed) return;
    this.forgetGoneTokens();
    const due = this.earliestDue();
    if (due === this.timerDueMs && this.timer !== undefined) return;
    this.clearTimer();
    if (due === undefined) return;
    this.timerDueMs = due;
    this.timer = this.deps.clock.setTimeout(() => this.onTimer(), Math.max(0, due - this.deps.clock.now()));
  }

  private earliestDue(): number | undefined {
    const settings = this.deps.settings();
    if (!settings.autoRefresh) return undefined;
    const now = this.deps.clock.now();
    let earliest: number | undefined;
    for (const held of this.deps.store.all()) {
      if (this.problemOf(held.id) === "signInRequired" || this.inFlight.has(held.id)) continue;
      let due = autoRefreshDueAt(held, now, settings.leadMs, this.lastAttempt.get(held.id));
      if (due === undefined) continue;
      due = Math.max(due, this.retryAt.get(held.id) ?? -Infinity);
      if (earliest === undefined || due < earliest) earliest = due;
    }
    return earliest;
  }

  private onTimer(): void {
    this.timer = undefined;
    this.timerDueMs = undefined;
    if (this.isDisposed) return;
    const settings = this.deps.settings();
    const now = this.deps.clock.now();
    // Timers fire late after sleep and early never matters: re-check every token against the clock.
    for (const held of this.deps.store.all()) {
      if (this.problemOf(held.id) === "signInRequired" || this.inFlight.has(held.id)) continue;
      const due = autoRefreshDueAt(held, now, settings.leadMs, this.lastAttempt.get(held.id));
      if (due === undefined || due > now || (this.retryAt.get(held.id) ?? -Infinity) > now) continue;
      this.refresh(held.id, "background").catch(() => { /* recorded as a problem in run() */ });
    }
    this.reschedule();
  }

  private async run(id: string, mode: RefreshMode, signal: AbortSignal, onRetryWait?: (seconds: number) => void): Promise<HeldToken | undefined> {
    const before = this.deps.store.get(id);
    if (!before?.request) return undefined;
    const now = this.deps.clock.now();
    this.lastAttempt.set(id, now);
    const options: AcquireOptions = { signal, forceRefresh: mode === "fresh", interaction: mode === "background" ? "never" : "allowed" };
    if (onRetryWait) options.onRetryWait = onRetryWait;
    if (before.onBehalfOf) options.userAssertion = before.onBehalfOf.incoming;
    let acquired;
    try {
      acquired = await this.deps.auth().acquire(before.request, options);
    } catch (error) {
      const interaction = (this.deps.isInteractionRequired ?? looksLikeInteractionRequired)(error);
      const explained = explainAuthError(error);
      if (explained.kind !== "cancelled" && this.deps.store.get(id)) {
        this.setProblem(id, { kind: interaction ? "signInRequired" : "failed", title: explained.title });
        if (!interaction) this.retryAt.set(id, this.deps.clock.now() + RETRY_AFTER_FAILURE_MS);
        this.deps.log?.(`refresh of ${before.label}: ${interaction ? "interactive sign-in needed" : explained.title}`);
      }
      if (mode === "background") return undefined;
      throw error;
    }
    const current = this.deps.store.get(id);
    if (!current) return undefined; // cleared while refreshing: drop the new token
    if (acquired.token === current.token) {
      // The library answered from its cache (the token is not yet in its own renewal window): try again later.
      this.retryAt.set(id, this.deps.clock.now() + RETRY_AFTER_FAILURE_MS);
      this.setProblem(id, undefined);
      return current;
    }
    const changes = diffTokenClaims(current.token, acquired.token);
    const { id: _id, ...rest } = current;
    const replaced = this.deps.store.replace(id, {
      ...rest,
      token: acquired.token,
      expiresOnMs: acquired.expiresOnTimestamp,
      refreshAfterMs: acquired.refreshAfterTimestamp,
      expirySource: acquired.expirySource,
      answeredBy: acquired.answeredBy ?? current.answeredBy,
      acquiredAtMs: this.deps.clock.now(),
      changes,
    });
    this.retryAt.delete(id);
    this.setProblem(id, undefined);
    this.deps.log?.(`${mode === "fresh" ? "fresh token for" : "refreshed"} ${current.label}; ${changes?.length ?? 0} claim change(s)`);
    return replaced;
  }

  /** Keeps the latest title; listeners hear only of a change of kind (the status bar re-reads the title as it ticks). */
  private setProblem(id: string, problem: { kind: RefreshProblem; title: string } | undefined): void {
    const changed = this.problems.get(id)?.kind !== problem?.kind;
    if (problem) this.problems.set(id, problem);
    else this.problems.delete(id);
    if (changed) for (const listener of [...this.listeners]) listener();
  }


  private forgetGoneTokens(): void {
    const held = new Set(this.deps.store.all().map((t) => t.id));
    for (const map of [this.problems, this.lastAttempt, this.retryAt]) {
      for (const id of [...map.keys()]) if (!held.has(id)) map.delete(id);
    }
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDueMs = undefined;
  }
}
