// Parsing a 401's `WWW-Authenticate` challenge (RFC 7235 §2.1, RFC 6750 §3, Entra's claims challenges): a header
// value, a header line or a whole pasted response (status line, headers, body). The `claims` parameter is decoded
// (base64url JSON, OIDC Core §5.5 claims request). What it all means in words: challengeExplain.ts.
// Pasted text is attacker-written: the parser is total (a result or a specific message, never a throw), bounded in
// size and count, and every value it returns is redacted and made visible (no token or secret leaves through it).
// Pure; portable.
import { base64UrlDecode } from "./jwt";
import { redact } from "./redact";
import { shownText } from "./visibleText";

/** Pasted input beyond this is refused (a response with a large body is cut before it is pasted here). */
export const MAX_CHALLENGE_INPUT_CHARS = 64 * 1024;
/** A decoded `claims` parameter beyond this is refused (real ones are under 200 bytes). */
export const MAX_CLAIMS_CHARS = 8 * 1024;
/** Challenges read from one input; parameters read per challenge. */
export const MAX_CHALLENGES = 16;
export const MAX_PARAMS = 32;
/** A parameter value as returned and shown. */
const MAX_VALUE_CHARS = 2_000;

export interface ChallengeParam {
  /** Lower-cased, as auth-param names are case-insensitive. */
  name: string;
  /** Redacted, invisible characters escaped, clipped. */
  value: string;
}

/** One item of a claims request: `{"access_token":{"acrs":{"essential":true,"value":"c1"}}}` → access_token / acrs / ["c1"]. */
export interface ClaimsRequestItem {
  target: string;
  claim: string;
  essential: boolean;
  values: string[];
}

export type ClaimsParam =
  | { ok: true; /** The decoded JSON, compact: what `GetTokenOptions.claims` takes. */ json: string; items: ClaimsRequestItem[] }
  | { ok: false; problem: string };

export interface Challenge {
  /** As written, e.g. "Bearer", "Basic", "PoP". */
  scheme: string;
  params: ChallengeParam[];
  claims?: ClaimsParam;
}

export interface ParsedChallenge {
  ok: true;
  /** From a pasted status line ("HTTP/1.1 401 Unauthorized"). */
  status?: number;
  /** Every challenge, in order; at least one is Bearer. */
  challenges: Challenge[];
  /** The error of a JSON body (`{"error":{"code":…,"message":…}}` or OAuth's `{"error":…,"error_description":…}`). */
  bodyError?: { code?: string; message?: string };
  /** Parsing notes: parameters ignored or repeated, limits reached. */
  notes: string[];
}

export type ChallengeParseResult = ParsedChallenge | { ok: false; message: string };

/** The first Bearer challenge's parameter, if any. */
export function paramOf(challenge: Challenge, name: string): string | undefined {
  return challenge.params.find((p) => p.name === name)?.value;
}

export function isBearer(challenge: Challenge): boolean {
  return challenge.scheme.toLowerCase() === "bearer";
}

/** The claims request of the first Bearer challenge that carries a valid one: what "satisfy" sends. */
export function claimsToSatisfy(parsed: ParsedChallenge): Extract<ClaimsParam, { ok: true }> | undefined {
  for (const c of parsed.challenges) if (isBearer(c) && c.claims?.ok) return c.claims;
  return undefined;
}

/** Whether pasted text looks like a challenge at all (for picking it off the clipboard). */
export function looksLikeChallenge(text: string): boolean {
  if (typeof text !== "string" || text.length > MAX_CHALLENGE_INPUT_CHARS) return false;
  return /www-authenticate\s*:/i.test(text) || /^\s*bearer\s+[a-z_]+\s*=/i.test(text);
}

/** Parses pasted text into its challenges. Never throws. */
export function parseChallenge(input: unknown): ChallengeParseResult {
  try {
    return parseUnsafe(input);
  } catch {
    // Defensive: nothing above should throw, but the boundary promise is absolute.
    return { ok: false, message: "The challenge could not be read" };
  }
}

const STATUS_LINE = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/i;
const HEADER_NAME = /^www-authenticate\s*:/i;

function parseUnsafe(input: unknown): ChallengeParseResult {
  if (typeof input !== "string") return { ok: false, message: "The challenge is not text" };
  if (input.length > MAX_CHALLENGE_INPUT_CHARS) {
    return { ok: false, message: `The input is too large (${input.length} characters; the limit is ${MAX_CHALLENGE_INPUT_CHARS / 1024} KiB)` };
  }
  const text = input.replace(/^\uFEFF/, "").trim();
  if (!text) return { ok: false, message: "The input is empty" };
  const { status, values, body } = splitResponse(text);
  if (!values.length) {
    return {
      ok: false,
      message: status === undefined
        ? "Not a Bearer challenge: paste a WWW-Authenticate header, its value (Bearer …) or a whole 401 response"
        : `The HTTP ${status} response has no WWW-Authenticate header: the API sent no challenge`,
    };
  }
  const notes: string[] = [];
  const challenges: Challenge[] = [];
  for (const value of values) {
    const read = readChallenges(value, notes, MAX_CHALLENGES - challenges.length);
    if (!read.ok) return read;
    challenges.push(...read.challenges);
  }
  if (!challenges.some(isBearer)) {
    const schemes = [...new Set(challenges.map((c) => shownText(c.scheme, 40)))].join(", ");
    return { ok: false, message: `Not a Bearer challenge: the API asks for ${schemes || "no"} authentication, which a Microsoft Entra token does not answer` };
  }
  const parsed: ParsedChallenge = { ok: true, challenges, notes };
  if (status !== undefined) parsed.status = status;
  const bodyError = body ? errorOfBody(body) : undefined;
  if (bodyError) parsed.bodyError = bodyError;
  return parsed;
}

/**
 * Status, WWW-Authenticate values and body of pasted text: a whole response, header lines, or one header value.
 * Folded header lines (obsolete but still pasted) are joined.
 */
function splitResponse(text: string): { status?: number; values: string[]; body?: string } {
  const lines = text.split(/\r?\n|\r/);
  const statusMatch = STATUS_LINE.exec(lines[0]);
  const headerLike = statusMatch !== null || lines.some((l) => HEADER_NAME.test(l));
  if (!headerLike) return { values: [lines.join(" ").trim()] };
  const status = statusMatch ? Number(statusMatch[1]) : undefined;
  const values: string[] = [];
  let i = statusMatch ? 1 : 0;
  let inChallenge = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (statusMatch && line.trim() === "") break; // end of the headers
    if (inChallenge && /^[ \t]/.test(line)) {
      values[values.length - 1] += ` ${line.trim()}`;
      continue;
    }
    inChallenge = HEADER_NAME.test(line);
    if (inChallenge) values.push(line.replace(HEADER_NAME, "").trim());
  }
  const body = statusMatch ? lines.slice(i + 1).join("\n").trim() : undefined;
  return { status, values: values.filter(Boolean), body: body || undefined };
}

// RFC 7230 tchar.
const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

type ReadResult = { ok: true; challenges: Challenge[] } | { ok: false; message: string };

/** Reads the challenges of one header value (several may share it, separated by commas). */
function readChallenges(s: string, notes: string[], room: number): ReadResult {
  const challenges: Challenge[] = [];
  let current: Challenge | undefined;
  let pos = 0;
  const skip = (chars: RegExp) => {
    while (pos < s.length && chars.test(s[pos])) pos++;
  };
  const token = () => {
    const start = pos;
    while (pos < s.length && TCHAR.test(s[pos])) pos++;
    return s.slice(start, pos);
  };
  while (pos < s.length) {
    skip(/[\s,]/);
    if (pos >= s.length) break;
    const at = pos;
    const name = token();
    if (!name) return { ok: false, message: `Not a valid challenge: unexpected ${describeChar(s, at)} at position ${at + 1}` };
    skip(/[ \t]/);
    if (isParamStart(s, pos)) {
      pos++; // "="
      skip(/[ \t]/);
      const value = readValue(s, pos);
      if (!value.ok) return { ok: false, message: `Not a valid challenge: the value of ${shownText(name, 40)} ${value.problem}` };
      pos = value.end;
      if (!current) {
        return { ok: false, message: `Not a Bearer challenge: it starts with the parameter ${shownText(name, 40)}, not with a scheme such as Bearer` };
      }
      addParam(current, name.toLowerCase(), value.value, notes);
      continue;
    }
    // A scheme: a new challenge, perhaps with a token68 (Negotiate, PoP nonces) instead of parameters.
    if (challenges.length >= room) {
      notes.push(`Only the first ${MAX_CHALLENGES} challenges were read.`);
      break;
    }
    current = { scheme: name, params: [] };
    challenges.push(current);
    const t68 = token68At(s, pos);
    if (t68 !== undefined) pos = t68;
  }
  return { ok: true, challenges };
}

/** `name=` followed by a value (not `==`, the end of a token68). */
function isParamStart(s: string, pos: number): boolean {
  if (s[pos] !== "=") return false;
  let next = pos + 1;
  while (s[next] === " " || s[next] === "\t") next++;
  return next < s.length && s[next] !== "=" && s[next] !== ",";
}

/** The end of a token68 starting at pos, when one is there (and not the name of a parameter). */
function token68At(s: string, pos: number): number | undefined {
  let end = pos;
  while (end < s.length && TOKEN68_CHAR.test(s[end])) end++;
  if (end === pos) return undefined;
  while (s[end] === "=") end++;
  let after = end;
  while (after < s.length && /\s/.test(s[after])) after++;
  if (after < s.length && s[after] !== ",") return undefined;
  // "Bearer realm" followed by "=value" was handled as a parameter; here the word stands alone.
  return end;
}

function readValue(s: string, pos: number): { ok: true; value: string; end: number } | { ok: false; problem: string } {
  if (s[pos] !== '"') {
    // A token; leniently anything up to a comma or a space (unquoted URIs are pasted too).
    let end = pos;
    while (end < s.length && s[end] !== "," && !/\s/.test(s[end])) end++;
    return { ok: true, value: s.slice(pos, end), end };
  }
  const parts: string[] = [];
  let i = pos + 1;
  let start = i;
  while (i < s.length) {
    const ch = s[i];
    if (ch === "\\") {
      if (i + 1 >= s.length) break;
      parts.push(s.slice(start, i), s[i + 1]); // quoted-pair: the next character as it is
      i += 2;
      start = i;
      continue;
    }
    if (ch === '"') {
      parts.push(s.slice(start, i));
      return { ok: true, value: parts.join(""), end: i + 1 };
    }
    i++;
  }
  return { ok: false, problem: "has an opening quote that is never closed" };
}

function addParam(challenge: Challenge, name: string, raw: string, notes: string[]): void {
  if (challenge.params.some((p) => p.name === name)) {
    notes.push(`The parameter ${shownText(name, 40)} appears twice in one challenge; the first one is used.`);
    return;
  }
  if (challenge.params.length >= MAX_PARAMS) {
    if (challenge.params.length === MAX_PARAMS) notes.push(`Only the first ${MAX_PARAMS} parameters of a challenge were read.`);
    return;
  }
  challenge.params.push({ name: shownText(name, 80), value: shownText(redact(raw), MAX_VALUE_CHARS) });
  if (name === "claims") challenge.claims = decodeClaimsParam(raw);
}

function describeChar(s: string, at: number): string {
  const ch = String.fromCodePoint(s.codePointAt(at) ?? 0);
  return /^[\x21-\x7e]$/.test(ch) ? `character '${ch}'` : `character ${shownText(ch, 12)} (U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")})`;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const CLAIM_TARGETS = ["access_token", "id_token", "userinfo"];

/**
 * The `claims` parameter: base64url (standard base64 is accepted too, as some APIs send it) of a JSON claims request.
 * Each failure says which step failed.
 */
export function decodeClaimsParam(raw: string): ClaimsParam {
  const compact = raw.trim();
  if (!compact) return { ok: false, problem: "The claims parameter is empty" };
  if (compact.length > (MAX_CLAIMS_CHARS * 4) / 3 + 4) return { ok: false, problem: `The claims parameter is too large (over ${MAX_CLAIMS_CHARS / 1024} KiB decoded)` };
  const b64url = compact.replace(/\+/g, "-").replace(/\//g, "_");
  const bytes = base64UrlDecode(b64url);
  if (!bytes.ok) return { ok: false, problem: `The claims parameter is not base64url: ${bytes.problem}` };
  let text: string;
  try {
    text = utf8.decode(bytes.bytes);
  } catch {
    return { ok: false, problem: "The claims parameter is not base64url-encoded text: its bytes are not UTF-8" };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: "The claims parameter is not JSON once decoded" };
  }
  if (!isPlainObject(json)) return { ok: false, problem: "The claims parameter is JSON but not a claims request: it should be an object such as {\"access_token\":{…}}" };
  const items: ClaimsRequestItem[] = [];
  for (const target of Object.keys(json)) {
    const claims = json[target];
    if (!CLAIM_TARGETS.includes(target) || !isPlainObject(claims)) continue;
    for (const claim of Object.keys(claims).slice(0, MAX_PARAMS)) items.push(requestItem(target, claim, claims[claim]));
  }
  if (!items.length) {
    return { ok: false, problem: "The claims parameter is JSON but not a claims request: it names no claims under access_token, id_token or userinfo" };
  }
  return { ok: true, json: JSON.stringify(json), items };
}

function requestItem(target: string, claim: string, spec: unknown): ClaimsRequestItem {
  const item: ClaimsRequestItem = { target, claim: shownText(claim, 80), essential: false, values: [] };
  if (!isPlainObject(spec)) return item;
  item.essential = spec.essential === true;
  const values = Array.isArray(spec.values) ? spec.values : "value" in spec ? [spec.value] : [];
  item.values = values.slice(0, MAX_PARAMS).filter((v) => typeof v === "string" || typeof v === "number").map((v) => shownText(String(v), 200));
  return item;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The error of a JSON body: Graph's and ARM's `{"error":{"code","message"}}`, or OAuth's `{"error","error_description"}`. */
function errorOfBody(body: string): { code?: string; message?: string } | undefined {
  if (!body.startsWith("{") || body.length > MAX_CLAIMS_CHARS * 8) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isPlainObject(json)) return undefined;
  const inner = isPlainObject(json.error) ? json.error : json;
  const code = typeof inner.code === "string" ? inner.code : typeof json.error === "string" ? json.error : undefined;
  const message = typeof inner.message === "string" ? inner.message : typeof json.error_description === "string" ? json.error_description : undefined;
  if (code === undefined && message === undefined) return undefined;
  return {
    ...(code !== undefined && { code: shownText(redact(code), 120) }),
    ...(message !== undefined && { message: shownText(redact(message), 500) }),
  };
}
