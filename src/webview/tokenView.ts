// Builds what the token view shows from a held token. The raw token never goes into a TokenView: the view
// gets it only on Reveal (see tokenPanel.ts).
import { explainClaim, explainHeader } from "../core/claimCatalogue";
import type { ClaimChange } from "../core/claimsDiff";
import { COPY_FORMATS } from "../core/copyFormats";
import { DEFAULT_SKEW_SEC, diagnose } from "../core/diagnostics";
import { decodeToken, type DecodeResult, type JsonObject } from "../core/jwt";
import { maskToken } from "../core/redact";
import { nextTimeFindingChangeMs } from "../core/timeFindings";
import { timeClaimKind, toEpochSeconds } from "../core/timeFormat";
import type { ChangeView, ClaimRow, CopyFormatOption, HistoryItem, TokenView } from "./protocol";
import { expectedOf } from "../core/expectedToken";
import type { HeldToken } from "../tokens/tokenStore";

export function buildTokenView(held: HeldToken, nowMs: number): TokenView {
  return buildTokenViewAt(held, nowMs).view;
}

/** The view at nowMs, and when its findings next change with the clock (the panel re-renders then). */
export function buildTokenViewAt(held: HeldToken, nowMs: number): { view: TokenView; nextChangeMs?: number } {
  const decoded = decodeToken(held.token);
  const payload = decoded.kind === "jws" ? decoded.payload : {};
  const times = { exp: toEpochSeconds(payload.exp), nbf: toEpochSeconds(payload.nbf), iat: toEpochSeconds(payload.iat) };
  return { view: viewOf(held, decoded, nowMs), nextChangeMs: nextTimeFindingChangeMs(times, nowMs, DEFAULT_SKEW_SEC) };
}

function viewOf(held: HeldToken, decoded: DecodeResult, nowMs: number): TokenView {
  const base = {
    id: held.id,
    label: held.label,
    source: held.source,
    masked: maskToken(held.token),
    length: held.token.length,
    expiresOnMs: held.expiresOnMs ?? expFromPayload(decoded),
    expirySource: held.expiresOnMs !== undefined && held.expirySource !== "token" ? "from the library" : "from the token's exp claim",
    diagnostics: diagnose(decoded, { nowMs, expected: expectedOf(held) }).map(({ severity, message, reason, timed }) => ({ severity, message, reason, ...(timed && { timed }) })),
    changes: held.changes?.length ? held.changes.map(changeView) : undefined,
    cleanup: decoded.cleanup.length ? [...decoded.cleanup] : undefined,
  };
  switch (decoded.kind) {
    case "jws":
      return {
        ...base, kind: "jws",
        headerJson: JSON.stringify(decoded.header, null, 2),
        headerRows: headerRows(decoded.header),
        payloadJson: JSON.stringify(decoded.payload, null, 2),
        signatureLength: decoded.signature.length,
        claims: claimRows(decoded.payload),
      };
    case "jwe":
      return { ...base, kind: "jwe", headerJson: decoded.header ? JSON.stringify(decoded.header, null, 2) : undefined, claims: [] };
    case "opaque":
      return { ...base, kind: "opaque", claims: [] };
    case "error":
      return { ...base, kind: "error", claims: [], error: decoded.message };
  }
}

function claimRows(payload: JsonObject): ClaimRow[] {
  return Object.entries(payload).map(([name, value]) => {
    const explained = explainClaim(name, value);
    const epoch = timeClaimKind(name) === "epoch" ? toEpochSeconds(value) : undefined;
    return {
      name,
      value: typeof value === "string" ? value : JSON.stringify(value),
      title: explained.title,
      description: explained.description,
      valueNote: explained.valueNote,
      epochSec: epoch,
    };
  });
}

function headerRows(header: JsonObject): ClaimRow[] {
  return Object.entries(header).map(([name, value]) => {
    const info = explainHeader(name);
    return {
      name,
      value: typeof value === "string" ? value : JSON.stringify(value),
      title: info?.title ?? name,
      description: info?.description ?? "A header parameter we don't know.",
    };
  });
}

/** A claims change as plain data for the view (values stay text; set members listed separately). */
export function changeView(change: ClaimChange): ChangeView {
  const view: ChangeView = { claim: change.claim, kind: change.kind, message: change.message };
  if (change.kind === "changed") {
    if (change.addedMembers?.length) view.addedMembers = [...change.addedMembers];
    if (change.removedMembers?.length) view.removedMembers = [...change.removedMembers];
  }
  return view;
}

function expFromPayload(decoded: DecodeResult): number | undefined {
  if (decoded.kind !== "jws") return undefined;
  const exp = toEpochSeconds(decoded.payload.exp);
  return exp === undefined ? undefined : exp * 1000;
}

export function buildHistory(tokens: readonly HeldToken[]): HistoryItem[] {
  return tokens.map((t) => {
    const decoded = decodeToken(t.token);
    const aud = decoded.kind === "jws" ? decoded.payload.aud : undefined;
    return { id: t.id, label: t.label, audience: typeof aud === "string" ? aud : undefined, expiresOnMs: t.expiresOnMs ?? expFromPayload(decoded) };
  });
}

export function copyFormatOptions(): CopyFormatOption[] {
  return COPY_FORMATS.map((f) => ({ id: f.id, label: f.label }));
}
