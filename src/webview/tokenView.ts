// Builds what the token view shows from a held token. The raw token never goes into a TokenView: the view
// gets it only on Reveal (see tokenPanel.ts).
// Claims are rendered from `unknown`: any JSON (nested 5,000 deep, {"toString":1}, 1e400, "__proto__" keys) becomes
// text within size limits, invisible and direction-changing characters become \u escapes, one claim that cannot be
// shown becomes a "could not be shown" row, and a view that cannot be built at all becomes an error view, never a
// throw (the panel would stay on "Loading token…").
import { prettyJsonBounded, stringifyBounded } from "../core/boundedJson";
import { explainClaim, explainHeader } from "../core/claimCatalogue";
import type { ClaimChange } from "../core/claimsDiff";
import { COPY_FORMATS } from "../core/copyFormats";
import { DEFAULT_SKEW_SEC, diagnose } from "../core/diagnostics";
import { decodeToken, type DecodeResult } from "../core/jwt";
import { chainMemberThatAnswered } from "../core/profiles";
import { maskToken } from "../core/redact";
import { nextTimeFindingChangeMs } from "../core/timeFindings";
import { timeClaimKind, toEpochSeconds } from "../core/timeFormat";
import { clip, hasInvisibleChars, holdsInvisibleChars, shownText, visibleText } from "../core/visibleText";
import { flowedClaims } from "../core/onBehalfOf";
import type { ChangeView, ClaimRow, CopyFormatOption, HistoryItem, OnBehalfOfView, TokenView } from "./protocol";
import { expectedOf } from "../core/expectedToken";
import type { HeldToken } from "../tokens/tokenStore";

/** The raw JSON of a header or payload in the view (beyond this, the view says it is truncated). */
export const MAX_VIEW_JSON_CHARS = 200_000;
/** One claim's value in the claims table; a longer one is cut there and says so (the raw JSON has all of it). */
export const MAX_CLAIM_VALUE_CHARS = 1_000;
const CUT_NOTE = ` (cut at ${MAX_CLAIM_VALUE_CHARS.toLocaleString("en-US")} characters: the raw JSON below has all of it)`;
/** A claim's name in the claims table. */
export const MAX_CLAIM_NAME_CHARS = 200;
/** Claims listed in the table; the rest are in the raw JSON. */
export const MAX_CLAIM_ROWS = 1_000;

export function buildTokenView(held: HeldToken, nowMs: number): TokenView {
  return buildTokenViewAt(held, nowMs).view;
}

/** The view at nowMs, and when its findings next change with the clock (the panel re-renders then). Never throws. */
export function buildTokenViewAt(held: HeldToken, nowMs: number): { view: TokenView; nextChangeMs?: number } {
  try {
    const decoded = decodeToken(held.token);
    const payload: Readonly<Record<string, unknown>> = decoded.kind === "jws" ? decoded.payload : {};
    const times = { exp: toEpochSeconds(payload.exp), nbf: toEpochSeconds(payload.nbf), iat: toEpochSeconds(payload.iat) };
    return { view: viewOf(held, decoded, nowMs), nextChangeMs: nextTimeFindingChangeMs(times, nowMs, DEFAULT_SKEW_SEC) };
  } catch (e) {
    return { view: unshowableView(held, e) };
  }
}

/** Why something could not be shown, in a few words (never a claim value: error messages may quote one). */
function failureReason(e: unknown): string {
  if (e instanceof RangeError) return "it is too large or too deeply nested";
  return e instanceof Error ? shownText(e.name, 40) : "an unexpected value";
}

/** The last resort: a view that says the token could not be shown, instead of no view at all. */
function unshowableView(held: HeldToken, e: unknown): TokenView {
  const reason = `The view could not be built: ${failureReason(e)}. The token is still held; Copy as works on it.`;
  let masked = "(hidden)";
  let length = 0;
  try {
    masked = visibleText(maskToken(held.token));
    length = held.token.length;
  } catch {
    // keep the placeholders
  }
  return {
    id: typeof held.id === "string" ? held.id : "", label: typeof held.label === "string" ? visibleText(held.label) : "Token",
    source: held.source === "acquired" ? "acquired" : "pasted", kind: "error", masked, length, claims: [],
    diagnostics: [{ severity: "error", message: "This token could not be shown.", reason }],
  };
}

function viewOf(held: HeldToken, decoded: DecodeResult, nowMs: number): TokenView {
  const answeredBy = chainMemberThatAnswered(held);
  const base = {
    id: held.id,
    label: held.label,
    source: held.source,
    masked: visibleText(maskToken(held.token)),
    length: held.token.length,
    expiresOnMs: held.expiresOnMs ?? expFromPayload(decoded),
    expirySource: held.expiresOnMs !== undefined && held.expirySource !== "token" ? "from the library" : "from the token's exp claim",
    answeredBy: answeredBy && visibleText(answeredBy),
    diagnostics: diagnose(decoded, { nowMs, expected: expectedOf(held) }).map(({ severity, message, reason, timed }) =>
      ({ severity, message: visibleText(message), reason: visibleText(reason), ...(timed && { timed }) })),
    changes: held.changes?.length ? held.changes.map(changeView) : undefined,
    cleanup: decoded.cleanup.length ? [...decoded.cleanup] : undefined,
    onBehalfOf: held.onBehalfOf ? onBehalfOfView(held.onBehalfOf.incoming, decoded.kind === "jws" ? decoded.payload : {}) : undefined,
  };
  switch (decoded.kind) {
    case "jws":
      return {
        ...base, kind: "jws",
        headerJson: prettyJsonBounded(decoded.header, MAX_VIEW_JSON_CHARS).text,
        headerRows: headerRows(decoded.header),
        payloadJson: prettyJsonBounded(decoded.payload, MAX_VIEW_JSON_CHARS).text,
        signatureLength: decoded.signature.length,
        claims: claimRows(decoded.payload),
      };
    case "jwe":
      return { ...base, kind: "jwe", headerJson: decoded.header ? prettyJsonBounded(decoded.header, MAX_VIEW_JSON_CHARS).text : undefined, claims: [] };
    case "opaque":
      return { ...base, kind: "opaque", claims: [] };
    case "error":
      return { ...base, kind: "error", claims: [], error: visibleText(decoded.message) };
  }
}

/** A claim's value as the table shows it: strings as they are, anything else as compact JSON; escaped, clipped. */
export function claimValueText(value: unknown): string {
  // JSON reads 1e400 as Infinity; the raw JSON writes it 1e999, the table says what it is.
  if (typeof value === "number" && !Number.isFinite(value)) return `${value < 0 ? "-" : ""}(a number too large to represent)`;
  const text = typeof value === "string" ? visibleText(value) : stringifyBounded(value, { maxChars: MAX_CLAIM_VALUE_CHARS }).text;
  return text.length > MAX_CLAIM_VALUE_CHARS ? `${clip(text, MAX_CLAIM_VALUE_CHARS)}${CUT_NOTE}` : text;
}

function claimName(name: string): string {
  return clip(visibleText(name), MAX_CLAIM_NAME_CHARS);
}

/**
 * One row per claim, each built on its own: a claim that cannot be shown becomes a short "could not be shown" row and
 * every other claim is still listed. Takes `unknown` (anything that reaches the view is untrusted).
 */
export function claimRows(payload: unknown): ClaimRow[] {
  return rowsOf(payload, (name, value) => {
    const explained = explainClaim(name, value);
    const epoch = timeClaimKind(name) === "epoch" ? toEpochSeconds(value) : undefined;
    const row: ClaimRow = {
      name: claimName(name),
      value: claimValueText(value),
      title: shownText(explained.title, MAX_CLAIM_NAME_CHARS),
      description: explained.description,
      valueNote: explained.valueNote === undefined ? undefined : shownText(explained.valueNote, MAX_CLAIM_VALUE_CHARS),
      epochSec: epoch,
    };
    if (hasInvisibleChars(name) || holdsInvisibleChars(value)) row.invisibleChars = true;
    return row;
  });
}

function headerRows(header: unknown): ClaimRow[] {
  return rowsOf(header, (name, value) => {
    const info = explainHeader(name);
    const row: ClaimRow = {
      name: claimName(name),
      value: claimValueText(value),
      title: info?.title ?? claimName(name),
      description: info?.description ?? "A header parameter we don't know.",
    };
    if (hasInvisibleChars(name) || holdsInvisibleChars(value)) row.invisibleChars = true;
    return row;
  });
}

function rowsOf(obj: unknown, row: (name: string, value: unknown) => ClaimRow): ClaimRow[] {
  if (obj === null || typeof obj !== "object") return [];
  let names: string[];
  try {
    names = Object.keys(obj);
  } catch {
    return [];
  }
  const rows: ClaimRow[] = [];
  for (const name of names.slice(0, MAX_CLAIM_ROWS)) {
    try {
      rows.push(row(name, (obj as Record<string, unknown>)[name]));
    } catch (e) {
      rows.push({ name: claimName(name), value: "", title: claimName(name), description: `This claim could not be shown: ${failureReason(e)}.`, unshowable: true });
    }
  }
  if (names.length > MAX_CLAIM_ROWS) {
    rows.push({ name: "…", value: `${names.length - MAX_CLAIM_ROWS} more`, title: "More claims", description: `Only the first ${MAX_CLAIM_ROWS} are listed here; the raw JSON below has them all.` });
  }
  return rows;
}

/** The incoming token of an on-behalf-of exchange, and which claims flowed from it into `downstream`. */
export function onBehalfOfView(incoming: string, downstream: Readonly<Record<string, unknown>>): OnBehalfOfView {
  const decoded = decodeToken(incoming);
  const payload: Readonly<Record<string, unknown>> = decoded.kind === "jws" ? decoded.payload : {};
  const exp = toEpochSeconds(payload.exp);
  const brief = (v: unknown) => (v === undefined ? "" : clip(claimValueText(v), 200));
  return {
    incomingMasked: visibleText(maskToken(incoming)),
    incomingAudience: typeof payload.aud === "string" ? shownText(payload.aud, 200) : undefined,
    incomingScopes: typeof payload.scp === "string" ? shownText(payload.scp, 500) : undefined,
    incomingExpiresOnMs: exp === undefined ? undefined : exp * 1000,
    claims: flowedClaims(payload, downstream).map((c) => ({
      claim: c.claim, status: c.status, incoming: brief(c.incoming), downstream: brief(c.downstream), message: visibleText(c.message),
    })),
  };
}

/** A claims change as plain data for the view (values stay text; set members listed separately). */
export function changeView(change: ClaimChange): ChangeView {
  const view: ChangeView = { claim: claimName(change.claim), kind: change.kind, message: visibleText(change.message) };
  if (change.kind === "changed") {
    if (change.addedMembers?.length) view.addedMembers = change.addedMembers.map(visibleText);
    if (change.removedMembers?.length) view.removedMembers = change.removedMembers.map(visibleText);
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
    return { id: t.id, label: t.label, audience: typeof aud === "string" ? shownText(aud, 120) : undefined, expiresOnMs: t.expiresOnMs ?? expFromPayload(decoded) };
  });
}

export function copyFormatOptions(): CopyFormatOption[] {
  return COPY_FORMATS.map((f) => ({ id: f.id, label: f.label }));
}
