// What changed between two tokens' claims ("force a fresh token after a role/PIM/consent change").
// Pure; works on decoded payload objects.

import { stringifyBounded } from "./boundedJson";
import { decodeToken } from "./jwt";
import { formatDuration, formatUtc, toEpochSeconds } from "./timeFormat";

/** Claims that differ on every issuance and say nothing about access. `exp` is reported separately. */
export const ALWAYS_CHANGING_CLAIMS: readonly string[] = ["iat", "nbf", "uti", "aio", "rh", "jti", "at_hash", "c_hash", "nonce", "xms_ftd"];

/** Claims that are sets of strings even when written as one string. */
const SPACE_SEPARATED_SET_CLAIMS: readonly string[] = ["scp", "scope"];

export type ClaimChange =
  | { readonly kind: "added"; readonly claim: string; readonly after: unknown; readonly message: string }
  | { readonly kind: "removed"; readonly claim: string; readonly before: unknown; readonly message: string }
  | {
      readonly kind: "changed";
      readonly claim: string;
      readonly before: unknown;
      readonly after: unknown;
      /** For set-like claims (roles, groups, wids, amr, scp, …): the members added and removed. */
      readonly addedMembers?: readonly string[];
      readonly removedMembers?: readonly string[];
      readonly message: string;
    }
  | { readonly kind: "expiry"; readonly claim: "exp"; readonly before?: number; readonly after?: number; readonly message: string };

export interface DiffOptions {
  /** Extra claims to ignore. */
  readonly ignore?: readonly string[];
}

export type Claims = Readonly<Record<string, unknown>>;

function own(o: Claims, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/**
 * Canonical JSON (sorted keys) for deep equality of claim values. Bounded and without recursion: a claim nested
 * 5,000 deep must not take the refresh down (two values longer than the limit compare by their first 2,000,000
 * characters).
 */
function canonical(v: unknown): string {
  return stringifyBounded(v, { sortKeys: true, escapeInvisible: false, maxChars: 2_000_000 }).text;
}

function asSet(claim: string, v: unknown): string[] | undefined {
  if (SPACE_SEPARATED_SET_CLAIMS.includes(claim) && typeof v === "string") return v.split(" ").filter(Boolean);
  if (Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number" || typeof x === "boolean")) return v.map(String);
  return undefined;
}

function brief(v: unknown): string {
  const s = typeof v === "string" ? v : canonical(v);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

function expiryChange(before: unknown, after: unknown): ClaimChange | undefined {
  const b = toEpochSeconds(before);
  const a = toEpochSeconds(after);
  if (b === a) return undefined;
  if (b !== undefined && a !== undefined) {
    const delta = a - b;
    return {
      kind: "expiry", claim: "exp", before: b, after: a,
      message: `expiry moved from ${formatUtc(b)} to ${formatUtc(a)} (${delta > 0 ? "+" : "−"}${formatDuration(delta)})`,
    };
  }
  if (a !== undefined) return { kind: "expiry", claim: "exp", after: a, message: `expiry added: ${formatUtc(a)}` };
  if (b !== undefined) return { kind: "expiry", claim: "exp", before: b, message: `expiry removed (was ${formatUtc(b)})` };
  return undefined;
}

/** What changed between two tokens (a renewal, a token got to satisfy a challenge); undefined unless both are JWS. */
export function diffTokenClaims(before: string, after: string): ClaimChange[] | undefined {
  const a = decodeToken(before);
  const b = decodeToken(after);
  return a.kind === "jws" && b.kind === "jws" ? diffClaims(a.payload, b.payload) : undefined;
}

/**
 * Added, removed and changed claims between two payloads, sorted by claim name, with the expiry change
 * (if any) first. Set-like claims report their added/removed members.
 */
export function diffClaims(before: Claims, after: Claims, options: DiffOptions = {}): ClaimChange[] {
  const ignore = new Set([...ALWAYS_CHANGING_CLAIMS, ...(options.ignore ?? []), "exp"]);
  const changes: ClaimChange[] = [];
  const b = before ?? {};
  const a = after ?? {};

  const expiry = expiryChange(own(b, "exp") ? b.exp : undefined, own(a, "exp") ? a.exp : undefined);
  if (expiry && !(options.ignore ?? []).includes("exp")) changes.push(expiry);

  const names = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((n) => !ignore.has(n)).sort();
  for (const claim of names) {
    const inB = own(b, claim);
    const inA = own(a, claim);
    if (inB && !inA) {
      changes.push({ kind: "removed", claim, before: b[claim], message: `${claim} removed (was ${brief(b[claim])})` });
      continue;
    }
    if (!inB && inA) {
      changes.push({ kind: "added", claim, after: a[claim], message: `${claim} added: ${brief(a[claim])}` });
      continue;
    }
    const vb = b[claim];
    const va = a[claim];
    const sb = asSet(claim, vb);
    const sa = asSet(claim, va);
    if (sb && sa) {
      const setB = new Set(sb);
      const setA = new Set(sa);
      const addedMembers = sa.filter((x, i) => !setB.has(x) && sa.indexOf(x) === i);
      const removedMembers = sb.filter((x, i) => !setA.has(x) && sb.indexOf(x) === i);
      if (addedMembers.length === 0 && removedMembers.length === 0) continue; // order changes don't matter
      const parts: string[] = [];
      if (addedMembers.length) parts.push(`added ${addedMembers.join(", ")}`);
      if (removedMembers.length) parts.push(`removed ${removedMembers.join(", ")}`);
      changes.push({ kind: "changed", claim, before: vb, after: va, addedMembers, removedMembers, message: `${claim}: ${parts.join("; ")}` });
      continue;
    }
    if (canonical(vb) !== canonical(va)) {
      changes.push({ kind: "changed", claim, before: vb, after: va, message: `${claim} changed from ${brief(vb)} to ${brief(va)}` });
    }
  }
  return changes;
}
