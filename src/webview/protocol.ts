// Messages between the token view (webview) and the extension host. Imported by both bundles.
// The webview renders attacker-influenced claims, so the host treats every message from it as untrusted:
// `parseWebviewMessage` is an allow-list, and anything else is dropped.

import type { TimedFindingKind } from "../core/timeFindings";
import type { VerificationView } from "../core/verification";

export interface ClaimRow {
  name: string;
  /** The value as JSON text (strings unquoted). Always rendered as text, never as markup or a link. */
  value: string;
  title?: string;
  description?: string;
  /** A name for a known value: "Microsoft Graph", "Global Administrator", "application token". */
  valueNote?: string;
  /** Seconds since the epoch for time claims; the webview shows UTC, local time and a live relative time. */
  epochSec?: number;
  /** The name or value holds invisible or direction-changing characters (shown as \u escapes). */
  invisibleChars?: boolean;
  /** The claim could not be shown; `description` says why. */
  unshowable?: boolean;
}

export interface DiagnosticView {
  severity: "error" | "warning" | "info";
  message: string;
  reason: string;
  /** A message that counts time: the view re-words it every second (timedFindingMessage). */
  timed?: { kind: TimedFindingKind; epochSec: number };
}

export interface TokenView {
  id: string;
  label: string;
  source: "acquired" | "pasted";
  kind: "jws" | "jwe" | "opaque" | "error";
  /** First and last characters only; the raw token reaches the webview only on Reveal. */
  masked: string;
  length: number;
  headerJson?: string;
  payloadJson?: string;
  signatureLength?: number;
  claims: ClaimRow[];
  diagnostics: DiagnosticView[];
  error?: string;
  expiresOnMs?: number;
  /** Where the expiry came from, e.g. "from the library" or "from the token's exp claim". */
  expirySource?: string;
  /** DefaultAzureCredential chain: the member that answered, e.g. "AzureCliCredential". */
  answeredBy?: string;
  /** Header parameters explained (alg, kid, nonce, …). */
  headerRows?: ClaimRow[];
  /** After a refresh or a fresh token: what changed in the claims (roles, groups, scp, wids, exp, …). */
  changes?: ChangeView[];
  /** Cleanup applied to a pasted token ("removed 'Bearer ' prefix"). */
  cleanup?: string[];
  /** On-behalf-of: the incoming token this one was exchanged for, and which claims flowed through. */
  onBehalfOf?: OnBehalfOfView;
}

export interface OnBehalfOfView {
  /** The incoming token, masked like the token box (never the token itself). */
  incomingMasked: string;
  incomingAudience?: string;
  incomingScopes?: string;
  incomingExpiresOnMs?: number;
  claims: FlowedClaimView[];
}

export interface FlowedClaimView {
  claim: string;
  status: "flowed" | "changed" | "added" | "removed";
  /** Values as text (strings unquoted), cut to a readable length. */
  incoming: string;
  downstream: string;
  message: string;
}

export interface ChangeView {
  claim: string;
  kind: "added" | "removed" | "changed" | "expiry";
  message: string;
  addedMembers?: string[];
  removedMembers?: string[];
}

export type { VerificationView };

/** A 401 challenge explained (core/challengeExplain.ts), shown above the token. Every string is escaped and clipped. */
export interface ChallengeView {
  status?: number;
  /** What the API wants, in one sentence. */
  summary: string;
  challenges: { scheme: string; params: ClaimRow[] }[];
  /** The decoded claims request, pretty-printed. */
  claimsJson?: string;
  findings: DiagnosticView[];
  /** The challenge carries a valid claims request: "Get a token that satisfies this challenge" is offered. */
  satisfiable: boolean;
  /** The token shown below, measured against the claims request. */
  check?: ChallengeCheckView;
}

export interface ChallengeCheckView {
  tokenLabel: string;
  /** The token was got to satisfy this challenge. */
  answersChallenge: boolean;
  items: { label: string; met: boolean }[];
}

export interface HistoryItem {
  id: string;
  label: string;
  audience?: string;
  expiresOnMs?: number;
}

export interface CopyFormatOption {
  id: string;
  label: string;
}

export type HostMessage =
  | { type: "show"; token: TokenView; history: HistoryItem[]; copyFormats: CopyFormatOption[] }
  /** The window holds no token (none yet, or Clear Tokens from Memory): the view forgets the one it showed. */
  | { type: "cleared" }
  | { type: "revealed"; token: string }
  | { type: "hidden" }
  | { type: "notice"; text: string }
  | { type: "verification"; tokenId: string; result: VerificationView }
  /** The window's 401 challenge, or null when there is none. */
  | { type: "challenge"; challenge: ChallengeView | null };

export type WebviewMessage =
  | { type: "ready" }
  | { type: "reveal" }
  | { type: "hide" }
  | { type: "copy"; format: string }
  | { type: "select"; id: string }
  | { type: "verify" }
  /** "Get a token that satisfies this challenge" (runs azureToken.satisfyChallenge). */
  | { type: "satisfy" }
  | { type: "dismissChallenge" };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Validates a message from the webview against the allow-list; returns undefined for anything else. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case "ready":
    case "reveal":
    case "hide":
    case "verify":
    case "satisfy":
    case "dismissChallenge":
      return Object.keys(m).length === 1 ? { type: m.type } : undefined;
    case "copy":
      return typeof m.format === "string" && ID.test(m.format) ? { type: "copy", format: m.format } : undefined;
    case "select":
      return typeof m.id === "string" && ID.test(m.id) ? { type: "select", id: m.id } : undefined;
    default:
      return undefined;
  }
}
