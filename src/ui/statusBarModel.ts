// What the status bar item says for the active token, and when it next has to say something else. Pure (no
// 'vscode'): the item in statusBar.ts renders this. The status bar shows in screen shares: the text and tooltip
// name the token's profile, tenant, audience, scopes and expiry, never the token, a user name or an e-mail.
import { nextTickDelay, statusLevel, type StatusLevel } from "../core/expirySchedule";
import { decodeToken } from "../core/jwt";
import { chainMemberThatAnswered } from "../core/profiles";
import { formatLocal, formatUtc, statusBarTimeLeft, toEpochSeconds } from "../core/timeFormat";
import { shownText } from "../core/visibleText";
import type { Clock, RefreshProblem } from "../tokens/refresher";
import type { HeldToken } from "../tokens/tokenStore";

export type StatusBarLevel = StatusLevel | "signIn";

export interface StatusBarView {
  /** "$(key) 42m", "$(key) 59s", "$(key) expired", "$(key) sign in". */
  readonly text: string;
  readonly level: StatusBarLevel;
  /** Plain lines; the item joins them. */
  readonly tooltipLines: readonly string[];
  /** Read by screen readers instead of the codicon text. */
  readonly accessibilityLabel: string;
  /** Absolute expiry the countdown runs to; undefined when unknown. */
  readonly expiresOnMs?: number;
}

/** Longest wait between two renders, so a changed wall clock shows within a minute. */
export const MAX_TICK_MS = 60_000;

/** A string claim as the tooltip may show it: invisible characters as \u escapes, at most 120 characters. */
function stringClaim(payload: Record<string, unknown> | undefined, name: string): string | undefined {
  const v = payload?.[name];
  return typeof v === "string" && v.length > 0 ? shownText(v, 120) : undefined;
}

export function describeStatus(held: HeldToken, nowMs: number, warningMinutes: number, problem?: RefreshProblem, failure?: string): StatusBarView {
  const decoded = decodeToken(held.token);
  const payload = decoded.kind === "jws" ? decoded.payload : undefined;
  // expiryOf(held) would decode the token a second time: the same answer from the payload decoded here.
  const exp = held.expiresOnMs === undefined ? toEpochSeconds(payload?.exp) : undefined;
  const expiresOnMs = held.expiresOnMs ?? (exp === undefined ? undefined : exp * 1000);
  const timeLeft = expiresOnMs === undefined ? "?" : statusBarTimeLeft(expiresOnMs, nowMs);
  const level: StatusBarLevel = problem === "signInRequired" ? "signIn" : expiresOnMs === undefined ? "ok" : statusLevel(expiresOnMs, nowMs, warningMinutes);

  const tenant = held.request?.tenant || stringClaim(payload, "tid") || "unknown";
  const audience = stringClaim(payload, "aud");
  const scopes = held.request?.scopes.join(" ") || stringClaim(payload, "scp");
  const lines = [`Azure Token: ${held.label}`, `Tenant: ${tenant}`];
  if (audience) lines.push(`Audience: ${audience}`);
  if (scopes) lines.push(`Scopes: ${scopes}`);
  const answeredBy = chainMemberThatAnswered(held);
  if (answeredBy) lines.push(`Answered by: ${shownText(answeredBy, 80)} (DefaultAzureCredential chain)`);
  if (expiresOnMs !== undefined) {
    const sec = Math.floor(expiresOnMs / 1000);
    const source = held.expirySource === "token" || held.expiresOnMs === undefined ? "from the token's exp claim" : "from the library (expiresOnTimestamp)";
    lines.push(`Expires: ${formatLocal(sec)} (${formatUtc(sec)}), ${source}`);
  } else {
    const hasExp = payload !== undefined && Object.prototype.hasOwnProperty.call(payload, "exp");
    lines.push(hasExp ? "Expiry unknown: the token's exp claim is not a valid time" : "Expiry unknown: the token has no exp claim");
  }
  if (problem === "signInRequired") lines.push("Refresh needs an interactive sign-in: click to sign in.");
  else if (problem === "failed") {
    lines.push("The last automatic refresh failed; see the Azure Token log.");
    if (failure) lines.push(`Why: ${failure}. It is tried again in a minute.`);
  }
  lines.push("Click for token actions.");

  const text = level === "signIn" ? "$(key) sign in" : `$(key) ${timeLeft}`;
  const spoken = level === "signIn"
    ? "Azure Token: sign in needed to refresh the token"
    : level === "expired" ? "Azure Token: token expired" : `Azure Token: token expires in ${timeLeft}`;
  return { text, level, tooltipLines: lines, accessibilityLabel: spoken, expiresOnMs };
}

/**
 * Re-renders on every change of the countdown text. Each render computes time-left from the absolute expiry and
 * the clock's now, so a late timer (sleep/wake) never drifts; no timer runs when nothing counts down.
 */
export class Countdown {
  private timer: unknown;

  /**
   * `render` draws the item as of `nowMs` and returns the expiry it counts down to, or undefined when nothing is
   * shown. One reading of the clock serves both the text and the next tick: with two, a render just before expiry
   * ("<1s") followed by a reading at expiry scheduled nothing, and the item stayed at "<1s".
   */
  constructor(private readonly clock: Clock, private readonly render: (nowMs: number) => number | undefined) {}

  update(): void {
    this.stop();
    const nowMs = this.clock.now();
    const expiresOnMs = this.render(nowMs);
    if (expiresOnMs === undefined) return;
    const delay = nextTickDelay(expiresOnMs, nowMs);
    if (delay === undefined) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, Math.min(delay, MAX_TICK_MS));
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
