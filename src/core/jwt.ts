// Decoding (never verifying) of JWTs. Portable: no Buffer, no Node APIs (atob is in browsers and Node alike); runs in the extension host and
// in the webview bundle. decodeToken never throws: every outcome is a DecodeResult.
import { describeJsonType } from "./boundedJson";
import { isGuid } from "./ids";
import { hasInvisibleChars, visibleText } from "./visibleText";

/** Inputs longer than this (in UTF-16 code units, before trimming) are refused without being parsed. */
export const MAX_TOKEN_CHARS = 64 * 1024;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type PartNumber = 1 | 2 | 3 | 4 | 5;

export interface JwsResult {
  readonly kind: "jws";
  readonly header: JsonObject;
  readonly payload: JsonObject;
  /** The signature is never interpreted: only whether it is there and how long it is. */
  readonly signature: { readonly present: boolean; readonly length: number; readonly bytes: number };
  /** The cleaned-up compact token (what was decoded). */
  readonly raw: string;
  /** What the cleanup removed, for the UI ("removed 'Bearer ' prefix"). */
  readonly cleanup: readonly string[];
}

export interface JweResult {
  readonly kind: "jwe";
  /** The protected header when it could be decoded. */
  readonly header?: JsonObject;
  /** Why the protected header could not be decoded, if it could not. */
  readonly headerError?: string;
  readonly message: string;
  readonly raw: string;
  readonly cleanup: readonly string[];
}

export interface OpaqueResult {
  readonly kind: "opaque";
  /** Always starts with "Not a JWT". */
  readonly reason: string;
  /** A guess at what it is instead. */
  readonly hint: string;
  readonly length: number;
  readonly cleanup: readonly string[];
}

export interface DecodeErrorResult {
  readonly kind: "error";
  /** 1-based part number the error is in, when it is about one part. */
  readonly part?: PartNumber;
  readonly message: string;
  /** Set when the input was refused for its size. */
  readonly limit?: number;
  readonly cleanup: readonly string[];
}

export type DecodeResult = JwsResult | JweResult | OpaqueResult | DecodeErrorResult;

const JWS_PART_NAMES = ["header", "payload", "signature"] as const;
const JWE_PART_NAMES = ["protected header", "encrypted key", "initialization vector", "ciphertext", "authentication tag"] as const;

function partLabel(part: PartNumber, names: readonly string[]): string {
  return `Part ${part} (${names[part - 1]})`;
}

/** Characters of the base64url alphabet, by char code → 6-bit value, or -1. */
const B64URL_VALUES: Int16Array = (() => {
  const table = new Int16Array(128).fill(-1);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const u = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code < 0x20 || code === 0x7f) return `control character ${u}`;
  if (ch === " ") return "a space";
  // Never the character itself: a right-to-left override would turn the rest of the message around.
  if (hasInvisibleChars(ch)) return `invisible or direction-changing character ${u} (${visibleText(ch)})`;
  return `character '${ch}'`;
}

const B64URL_BODY = /^[A-Za-z0-9_-]*$/;

export type Base64UrlDecode = { ok: true; bytes: Uint8Array } | { ok: false; problem: string };

/**
 * Strict base64url decoding (RFC 4648 §5). Trailing `=` padding is tolerated; `+`, `/`, whitespace and
 * anything else are reported with their 1-based position.
 */
export function base64UrlDecode(input: string): Base64UrlDecode {
  const checked = base64UrlLength(input);
  if (!checked.ok) return checked;
  const end = checked.chars;
  // Four characters make three bytes; the alphabet was checked.
  const out = new Uint8Array(checked.bytes);
  const v = B64URL_VALUES;
  let o = 0;
  let i = 0;
  for (const whole = end - (end % 4); i < whole; i += 4) {
    const n = (v[input.charCodeAt(i)] << 18) | (v[input.charCodeAt(i + 1)] << 12) | (v[input.charCodeAt(i + 2)] << 6) | v[input.charCodeAt(i + 3)];
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (end - i >= 2) {
    const n = (v[input.charCodeAt(i)] << 18) | (v[input.charCodeAt(i + 1)] << 12) | (end - i === 3 ? v[input.charCodeAt(i + 2)] << 6 : 0);
    out[o++] = n >> 16;
    if (end - i === 3) out[o] = (n >> 8) & 0xff;
  }
  return { ok: true, bytes: out };
}

/**
 * Checks base64url text like base64UrlDecode and says how many bytes it holds, without decoding (a signature is never
 * interpreted). `chars`: the characters before any padding.
 */
export function base64UrlLength(input: string): { ok: true; bytes: number; chars: number } | { ok: false; problem: string } {
  let end = input.length;
  while (end > 0 && input.charCodeAt(end - 1) === 61 /* = */ && input.length - end < 2) end--;
  if (!B64URL_BODY.test(end === input.length ? input : input.slice(0, end))) {
    for (let i = 0; i < end; i++) {
      const c = input.charCodeAt(i);
      if (c >= 128 || B64URL_VALUES[c] < 0) {
        const ch = String.fromCodePoint(input.codePointAt(i) ?? c);
        let note = "";
        if (ch === "+" || ch === "/") note = "; that is standard base64, JWTs use base64url ('-' and '_')";
        else if (ch === "=") note = "; '=' padding is only allowed at the end";
        return { ok: false, problem: `is not valid base64url (${describeChar(ch)} at position ${i + 1}${note})` };
      }
    }
  }
  if (end % 4 === 1) return { ok: false, problem: `is not valid base64url (its length, ${end} characters, is impossible for base64url)` };
  return { ok: true, bytes: Math.floor((end * 6) / 8), chars: end };
}

/** base64url encoding without padding (used by tests and copy formats; portable). */
export function base64UrlEncode(bytes: Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63];
  }
  return out;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function hasBinaryControlChars(text: string): boolean {
  // Tabs, CR and LF are fine in JSON text; other C0 controls mean the bytes are not text.
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text);
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + "…";
}

type PartDecode = { ok: true; value: JsonObject } | { ok: false; message: string };

/** Where JSON.parse stopped: at the very end of the text means the JSON is cut short (a truncated copy). */
function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  const position = /position (\d+)/.exec(message)?.[1];
  // Only where it breaks, never the parser's message: it quotes the decoded text, which may hold claims (upn, email).
  if (position === undefined ? /end of (JSON )?input/i.test(message) : Number(position) >= text.length) {
    return "is truncated: its JSON ends before it is complete (part of the token may have been cut off when copying)";
  }
  return position === undefined ? "is not valid JSON" : `is not valid JSON: the decoded text breaks at character ${position}`;
}

function decodeJsonPart(segment: string, label: string): PartDecode {
  if (segment.length === 0) return { ok: false, message: `${label} is empty` };
  const b = base64UrlDecode(segment);
  if (!b.ok) return { ok: false, message: `${label} ${b.problem}` };
  let text: string;
  try {
    text = utf8.decode(b.bytes);
  } catch {
    return { ok: false, message: `${label} decodes to binary data, not text` };
  }
  if (hasBinaryControlChars(text)) return { ok: false, message: `${label} decodes to binary data, not text` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `${label} ${jsonProblem(text, e)}` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, message: `${label} is not a JSON object (it is ${describeJsonType(value)})` };
  }
  return { ok: true, value: value as JsonObject };
}

/** Trims pasted input: whitespace and line breaks, surrounding quotes, `Authorization:` and `Bearer `. */
export function cleanTokenInput(input: string): { text: string; cleanup: string[] } {
  const cleanup: string[] = [];
  let s = input;
  for (let round = 0; round < 4; round++) {
    const before = s;
    s = s.trim();
    if (/^authorization\s*:/i.test(s)) {
      s = s.replace(/^authorization\s*:\s*/i, "");
      cleanup.push("removed 'Authorization:' prefix");
    }
    if (/^bearer\s+/i.test(s)) {
      s = s.replace(/^bearer\s+/i, "");
      cleanup.push("removed 'Bearer ' prefix");
    }
    const q = s[0];
    if (s.length >= 2 && (q === '"' || q === "'" || q === "`") && s[s.length - 1] === q) {
      s = s.slice(1, -1);
      cleanup.push("removed surrounding quotes");
    }
    if (s === before) break;
  }
  // A token never contains whitespace: line-wrapped pastes are joined.
  if (/\s/.test(s)) {
    s = s.replace(/\s+/g, "");
    cleanup.push("removed whitespace and line breaks inside the token");
  }
  return { text: s, cleanup };
}

function dotCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 46 /* . */) n++;
  return n;
}

function opaqueHint(s: string): string {
  if (isGuid(s)) {
    return "This is a GUID (an id such as a tenant, client or object id), not a token.";
  }
  if (/^Ew[A-Za-z0-9]/.test(s) || s.includes("!")) {
    return "It looks like a Microsoft consumer-account (MSA) token: those are opaque or encrypted and only the target service can read them.";
  }
  if (/^[01]\.A[A-Za-z0-9_-]/.test(s)) {
    return "It looks like an Entra refresh token or authorization code: those are opaque and only Microsoft Entra ID can read them. Never share them.";
  }
  if (/^[A-Za-z0-9_.-]{3}[0-9]Q~/.test(s)) {
    return "It looks like an Entra client secret: treat it as a password, and don't paste it anywhere.";
  }
  if (dotCount(s) === 1 && s.startsWith("eyJ")) {
    return "It has two parts: a JWT needs three (header.payload.signature). Part of it may have been cut off when copying.";
  }
  if (s.startsWith("eyJ")) {
    return "It starts like a JWT but has the wrong number of parts; part of it may have been cut off or joined with other text.";
  }
  return "Access tokens for consumer (MSA) accounts are opaque, and so are refresh tokens, authorization codes and API keys. Only the service they are meant for can read them.";
}

/**
 * Whether a segment is meant as base64url-encoded JSON: it decodes to text starting with "{" or to any other JSON
 * value, or (when it is malformed) it starts the way base64url of "{" followed by a quote or whitespace does. A
 * three-part token whose header or payload is meant as JSON is a JWT, broken or not; anything else with three parts
 * (an Entra refresh token "0.A….…") is opaque.
 */
function meantAsJson(segment: string): boolean {
  const d = base64UrlDecode(segment);
  if (!d.ok) return /^e[yw]/.test(segment);
  let i = 0;
  while (i < d.bytes.length && (d.bytes[i] === 0x20 || d.bytes[i] === 0x09 || d.bytes[i] === 0x0a || d.bytes[i] === 0x0d)) i++;
  if (i === d.bytes.length) return false;
  if (d.bytes[i] === 0x7b) return true;
  try {
    JSON.parse(utf8.decode(d.bytes));
    return true; // JSON, but not an object: a broken header or payload
  } catch {
    return false;
  }
}

/**
 * Decodes a JWS (3 parts) or recognises a JWE (5 parts) or an opaque token. Never throws, never verifies.
 */
export function decodeToken(input: string): DecodeResult {
  try {
    return decodeUnsafe(input);
  } catch (e) {
    // Defensive: nothing above should throw, but the boundary promise is absolute.
    return { kind: "error", message: `Could not decode: ${truncate(e instanceof Error ? e.message : String(e), 120)}`, cleanup: [] };
  }
}

function decodeUnsafe(input: string): DecodeResult {
  if (typeof input !== "string") return { kind: "error", message: "Input is not text", cleanup: [] };
  if (input.length > MAX_TOKEN_CHARS) {
    return {
      kind: "error",
      message: `Input is too large (${input.length} characters; the limit is ${MAX_TOKEN_CHARS / 1024} KiB), so it was not decoded`,
      limit: MAX_TOKEN_CHARS,
      cleanup: [],
    };
  }
  const plain = decodePlainJws(input);
  if (plain) return plain;
  const { text, cleanup } = cleanTokenInput(input);
  if (text.length === 0) return { kind: "error", message: "Input is empty", cleanup };
  // At most six parts are ever looked at: 65,000 dots must not make 65,000 strings.
  const partCount = dotCount(text) + 1;
  const parts = text.split(".", 6);

  // A header that decodes is a JWT's; one that does not is a broken JWT's when either part is meant as JSON.
  const header = partCount === 3 ? decodeJsonPart(parts[0], partLabel(1, JWS_PART_NAMES)) : undefined;
  if (header && (header.ok || parts[0].length === 0 || meantAsJson(parts[0]) || meantAsJson(parts[1]))) {
    const [, p, sig] = parts;
    if (!header.ok) return { kind: "error", part: 1, message: header.message, cleanup };
    const payload = decodeJsonPart(p, partLabel(2, JWS_PART_NAMES));
    if (!payload.ok) return { kind: "error", part: 2, message: payload.message, cleanup };
    let bytes = 0;
    if (sig.length > 0) {
      // Never interpreted: checked and counted, not decoded.
      const s = base64UrlLength(sig);
      if (!s.ok) return { kind: "error", part: 3, message: `${partLabel(3, JWS_PART_NAMES)} ${s.problem}`, cleanup };
      bytes = s.bytes;
    }
    return {
      kind: "jws",
      header: header.value,
      payload: payload.value,
      signature: { present: sig.length > 0, length: sig.length, bytes },
      raw: text,
      cleanup,
    };
  }

  if (partCount === 5) {
    const header = decodeJsonPart(parts[0], partLabel(1, JWE_PART_NAMES));
    const message = "Encrypted token (JWE): it cannot be decoded by a client; only the service it was issued for can decrypt it.";
    return header.ok
      ? { kind: "jwe", header: header.value, message, raw: text, cleanup }
      : { kind: "jwe", headerError: header.message, message, raw: text, cleanup };
  }

  return {
    kind: "opaque",
    reason: partCount === 3
      ? "Not a JWT: it has 3 dot-separated parts like a signed JWT, but neither its first nor its second part is base64url-encoded JSON."
      : `Not a JWT: it has ${partCount} dot-separated part${partCount === 1 ? "" : "s"}, a JWT has 3 (signed) or 5 (encrypted).`,
    hint: opaqueHint(text),
    length: text.length,
    cleanup,
  };
}

/**
 * The fast path for what is pasted nearly every time, a bare, well-formed JWS: the engine's own base64 decoder (atob,
 * native in browsers and Node) and no per-character scans in JavaScript. That made decoding faster than jose. Anything
 * else (whitespace or a prefix to clean up, `+`, `/` or `=`, non-ASCII bytes, a part that does not parse) gives
 * undefined, and the careful path below decodes it again and names what is wrong, exactly as before.
 */
function decodePlainJws(input: string): JwsResult | undefined {
  if (input.charCodeAt(0) !== 0x65 /* e: base64 of '{' */ || input.length < 8) return undefined;
  for (const c of ATOB_FORGIVES) if (input.includes(c)) return undefined;
  const parts = input.split(".", 4);
  if (parts.length !== 3) return undefined;
  const header = plainJsonObject(parts[0]);
  const payload = header && plainJsonObject(parts[1]);
  if (!header || !payload) return undefined;
  const sig = parts[2];
  const s = sig.length > 0 ? base64UrlLength(sig) : { ok: true as const, bytes: 0 };
  if (!s.ok) return undefined;
  return { kind: "jws", header, payload, signature: { present: sig.length > 0, length: sig.length, bytes: s.bytes }, raw: input, cleanup: [] };
}

/** What atob accepts silently but base64url does not allow (or the cleanup would have removed). */
const ATOB_FORGIVES = ["+", "/", "=", " ", "\n", "\r", "\t", "\f"];
/** In atob's output (one char per byte): a control byte JSON text never has, or a non-ASCII byte (UTF-8 to check). */
const NOT_PLAIN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u0080-\u00FF]/;

function plainJsonObject(segment: string): JsonObject | undefined {
  if (segment.length === 0 || typeof atob !== "function") return undefined;
  try {
    const text = atob(segment.replaceAll("-", "+").replaceAll("_", "/"));
    if (NOT_PLAIN_TEXT.test(text)) return undefined;
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value as JsonObject : undefined;
  } catch {
    return undefined; // not base64 or not JSON: the careful path says which
  }
}

const B64URL = "[A-Za-z0-9_-]";
const LOOKS_LIKE_JWT_RE = new RegExp(`^eyJ${B64URL}+\\.${B64URL}*\\.${B64URL}*(?:\\.${B64URL}*\\.${B64URL}*)?$`);

/**
 * Cheap check for hover / clipboard detection: after trimming, a JWS or JWE compact serialisation whose
 * header starts like a JSON object. Does not decode.
 */
export function looksLikeJwt(text: string): boolean {
  if (typeof text !== "string" || text.length > MAX_TOKEN_CHARS) return false;
  const s = cleanTokenInput(text).text;
  if (!LOOKS_LIKE_JWT_RE.test(s)) return false;
  const parts = s.split(".");
  return parts.length === 5 || parts[1].length > 0;
}

export interface JwtSpan {
  /** Offset of the first character. */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
  readonly kind: "jws" | "jwe";
}

const FIND_RE = new RegExp(`(?<![A-Za-z0-9_-])eyJ${B64URL}{4,}(?:\\.${B64URL}*){2,4}`, "g");

/** Finds JWT-shaped substrings (JWS or JWE) in a line or document, left to right, without overlap. */
export function findJwts(text: string): JwtSpan[] {
  if (typeof text !== "string") return [];
  const spans: JwtSpan[] = [];
  for (const m of text.matchAll(FIND_RE)) {
    const start = m.index ?? 0;
    let parts = m[0].split(".");
    // A sentence-ending dot or a 4-part run: keep the longest valid prefix (3 or 5 parts).
    if (parts.length === 4) parts = parts.slice(0, 3);
    while (parts.length > 3 && parts.length !== 5) parts = parts.slice(0, -1);
    if (parts.length === 5 && parts[4] === "" && parts[3] === "") parts = parts.slice(0, 3);
    const kind = parts.length === 5 ? "jwe" : "jws";
    if (kind === "jws" && parts[1].length === 0) continue;
    spans.push({ start, end: start + parts.join(".").length, kind });
  }
  return spans;
}

/**
 * A selection such as `token = eyJ…` or a JSON line holds one JWT among other text: returns just that JWT.
 * Input that decodes as it is, or that holds zero or several JWTs, is returned unchanged.
 */
export function singleJwtIn(input: string): string {
  if (typeof input !== "string" || input.length > MAX_TOKEN_CHARS) return input;
  const direct = decodeToken(input);
  if (direct.kind === "jws" || direct.kind === "jwe") return input;
  const spans = findJwts(input);
  return spans.length === 1 ? input.slice(spans[0].start, spans[0].end) : input;
}
