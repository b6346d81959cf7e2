// The one redaction module (SECURITY.md "Logs and errors"): every sink uses it. The log (ui/log.ts), every message
// shown (ui/commandRunner.ts and the other notifications), every explanation (core/authErrors.ts,
// core/commandErrors.ts, auth/tokenEndpointObserver.ts) and every error handed back to an API caller
// (`redactError`). It masks:
//   - JWS/JWE (3 or 5 parts; also split by a line break, with %2E dots, glued to a letter or '_', or cut off after
//     its claims), and any three long dotted base64url runs;
//   - Bearer / Basic / PoP credentials;
//   - the OAuth secret parameters and `password`, in their snake_case and camelCase spellings, as key=value, JSON,
//     escaped JSON (JSON inside a JSON string), JS/YAML `key: value` and URL-encoded forms (`client%5Fsecret=`,
//     `code%3D…`, `%22password%22%3A%22…%22`); `code` only when its value is not a plain number (Entra's error_uri
//     has `?code=50058`);
//   - PEM private-key blocks, and Entra client-secret-shaped strings;
//   - every secret registered at runtime (raw, URL-encoded, form-encoded, JSON-escaped).
// One placeholder style: `[REDACTED]`, `[REDACTED JWT]`, `[REDACTED PRIVATE KEY]`.
// Linear time: plain scanners and regular expressions that never backtrack over more than one run of characters
// (5 MB in tens of milliseconds; test/unit/core-redact-property.test.ts holds the budget). No module-level state:
// the host owns a SecretRegistry and passes it in.
import { isGuid } from "./ids";

export const REDACTED = "[REDACTED]";
export const REDACTED_JWT = "[REDACTED JWT]";
export const REDACTED_PRIVATE_KEY = "[REDACTED PRIVATE KEY]";
/** Every placeholder starts with this: a value that already starts with it is not masked again. */
const PLACEHOLDER = "[REDACTED";

/** Secrets shorter than this are not registered: masking them would mangle ordinary text. */
export const MIN_SECRET_LENGTH = 6;

/** Parameter names whose value is a credential. Each also matches its camelCase form (clientSecret, idToken…). */
export const SECRET_PARAMETERS = [
  "access_token", "refresh_token", "id_token", "client_secret", "client_assertion", "assertion", "code_verifier", "code", "password",
] as const;

export interface RedactOptions {
  /** Replace CR/LF with a space, so a pasted value can't forge extra log lines. */
  readonly singleLine?: boolean;
}

/** Runtime registry of secrets the user gave us (client secret, certificate password, …). */
export class SecretRegistry {
  private readonly secrets = new Map<string, number>();

  /** Registers a secret; returns a function that unregisters it. Short or empty values are ignored. */
  register(secret: string): () => void {
    if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) return () => undefined;
    this.secrets.set(secret, (this.secrets.get(secret) ?? 0) + 1);
    let done = false;
    return () => {
      if (!done) {
        done = true;
        this.unregister(secret);
      }
    };
  }

  /** Drops one registration of the secret (registrations are counted). */
  unregister(secret: string): void {
    const n = this.secrets.get(secret);
    if (n === undefined) return;
    if (n <= 1) this.secrets.delete(secret);
    else this.secrets.set(secret, n - 1);
  }

  has(secret: string): boolean {
    return this.secrets.has(secret);
  }

  get size(): number {
    return this.secrets.size;
  }

  clear(): void {
    this.secrets.clear();
  }

  values(): string[] {
    return [...this.secrets.keys()];
  }

  redact(text: string, options?: RedactOptions): string {
    return redact(text, this, options);
  }
}

/**
 * Masks secrets in `text`. `extraSecrets` may be a list or a SecretRegistry. Never throws on odd input; idempotent
 * (what it returns, it leaves alone).
 */
export function redact(text: string, extraSecrets?: Iterable<string> | SecretRegistry, options: RedactOptions = {}): string {
  if (typeof text !== "string") return "";
  let s = maskRegistered(text, extraSecrets);
  s = maskPrivateKeys(s);
  s = maskJwts(s);
  s = maskDottedTokens(s);
  s = maskParameters(s);
  s = s.replace(BEARER_RE, `$1$2${REDACTED}`);
  s = s.replace(BASIC_OR_POP_RE, (m, scheme: string, space: string, value: string) => keepBasicOrPop(scheme, value) ? m : `${scheme}${space}${REDACTED}`);
  s = maskEntraClientSecrets(s);
  if (options.singleLine) s = s.replace(/[\r\n\u2028\u2029]+/g, " ");
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Registered secrets

function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  try {
    const encoded = encodeURIComponent(secret);
    forms.add(encoded);
    // Some encoders write lower-case hex.
    forms.add(encoded.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()));
    // application/x-www-form-urlencoded writes spaces as +.
    forms.add(encoded.replace(/%20/g, "+"));
    // JSON-escaped (e.g. inside a logged request body), and escaped once more (JSON inside a JSON string).
    const json = JSON.stringify(secret).slice(1, -1);
    forms.add(json);
    forms.add(JSON.stringify(json).slice(1, -1));
  } catch {
    // A lone surrogate can't be URI-encoded; the raw form is still masked.
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

function maskRegistered(text: string, extraSecrets: Iterable<string> | SecretRegistry | undefined): string {
  if (!extraSecrets) return text;
  const secrets = extraSecrets instanceof SecretRegistry ? extraSecrets.values() : [...extraSecrets];
  const forms = secrets
    .filter((x): x is string => typeof x === "string" && x.length >= MIN_SECRET_LENGTH)
    .flatMap(secretForms)
    .sort((a, b) => b.length - a.length);
  let s = text;
  for (const f of forms) {
    if (s.includes(f)) s = s.split(f).join(REDACTED);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Character classes, shared by the scanners

/** base64url alphabet: A-Z a-z 0-9 - _ */
const B64URL = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") B64URL[c.charCodeAt(0)] = 1;

function isB64(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c < 128 && B64URL[c] === 1;
}

const B64URL_RUN = /[A-Za-z0-9_-]*/y;

/** End of the base64url run that starts at `i` (a sticky regular expression: native speed on long runs). */
function skipB64(s: string, i: number): number {
  B64URL_RUN.lastIndex = i;
  B64URL_RUN.test(s);
  return B64URL_RUN.lastIndex;
}

/** Index after a line break (CRLF, LF or CR) and the next line's indentation; -1 if `i` is not at a line break. */
function afterLineBreak(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 13) i += s.charCodeAt(i + 1) === 10 ? 2 : 1;
  else if (c === 10) i += 1;
  else return -1;
  while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9) i++;
  return i;
}

/** Length of a JWT dot at `i`: "." or a URL-encoded "%2E"; 0 if none. */
function dotAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 46) return 1;
  if (c === 37 && s.charCodeAt(i + 1) === 50 && (s.charCodeAt(i + 2) | 32) === 101) return 3;
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// JWS / JWE

/**
 * Where the segments of a dotted chain starting at `start` end (at most 5). A segment may continue across a line
 * break (a wrapped token) while the chain is still too short to be a JWT, when the next line's run ends in a dot,
 * or when the next line is nothing but a long base64url run (a wrapped signature) that is not a GUID.
 */
function segments(s: string, start: number): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let pos = start;
  for (;;) {
    starts.push(pos);
    pos = skipB64(s, pos);
    for (;;) {
      const next = afterLineBreak(s, pos);
      if (next < 0 || !isB64(s, next)) break;
      const runEnd = skipB64(s, next);
      const wholeLine = (runEnd === s.length || afterLineBreak(s, runEnd) >= 0) && runEnd - next >= 8 && !isGuid(s.slice(next, runEnd));
      if (ends.length < 2 || dotAt(s, runEnd) > 0 || wholeLine) pos = runEnd;
      else break;
    }
    ends.push(pos);
    if (ends.length === 5) return { starts, ends };
    let dot = dotAt(s, pos);
    if (dot === 0) {
      // A line break before the dot: "eyJ…\n.eyJ…".
      const next = afterLineBreak(s, pos);
      const d = next < 0 ? 0 : dotAt(s, next);
      if (d === 0 || !isB64(s, next + d)) return { starts, ends };
      pos = next;
      dot = d;
    }
    pos += dot;
    // A line break after the dot: "eyJ….\neyJ…".
    const next = afterLineBreak(s, pos);
    if (next >= 0 && isB64(s, next)) pos = next;
  }
}

/**
 * JWS (3 parts) or JWE (5 parts) whose header starts like JSON ("eyJ" = base64url of '{"'), wherever "eyJ" appears:
 * also right after a letter, digit or '_', after a %-escape, split by line breaks, with %2E dots. A cut-off token
 * whose first two parts both start like JSON (header and claims, no signature yet) is masked too. Linear: when the
 * chain from the first "eyJ" is too short, the chain from any later "eyJ" inside it is shorter still, so the search
 * resumes after it.
 */
function maskJwts(s: string): string {
  let at = s.indexOf("eyJ");
  if (at < 0) return s;
  let out = "";
  let copied = 0;
  while (at >= 0) {
    const { starts, ends } = segments(s, at);
    const cutOff = ends.length === 2 && s.startsWith("eyJ", starts[1]);
    const parts = ends.length === 5 ? 5 : ends.length >= 3 ? 3 : cutOff ? 2 : 0;
    if (parts > 0) {
      out += s.slice(copied, at) + REDACTED_JWT;
      copied = ends[parts - 1];
      at = s.indexOf("eyJ", copied);
    } else {
      at = s.indexOf("eyJ", Math.max(ends[ends.length - 1], at + 3));
    }
  }
  return out + s.slice(copied);
}

// A dot followed by at least 20 base64url characters: where a long dotted token may have its second part.
const DOT_BEFORE_RUN_RE = /(?:\.|%2[Ee])(?=[A-Za-z0-9_-]{20})/g;

/**
 * Any other token-shaped string: three long base64url runs joined by dots, at least 20, 20 and 10 characters (a JWT
 * whose header JSON starts with a space, say). Found from its first dot, so each run is read at most twice.
 */
function maskDottedTokens(s: string): string {
  DOT_BEFORE_RUN_RE.lastIndex = 0;
  let out = "";
  let copied = 0;
  for (let m = DOT_BEFORE_RUN_RE.exec(s); m; m = DOT_BEFORE_RUN_RE.exec(s)) {
    const dot = m.index;
    let start = dot;
    while (start > copied && isB64(s, start - 1)) start--;
    const secondEnd = skipB64(s, dot + m[0].length);
    const dot2 = dotAt(s, secondEnd);
    const thirdEnd = dot2 > 0 ? skipB64(s, secondEnd + dot2) : secondEnd;
    if (dot - start >= 20 && dot2 > 0 && thirdEnd - (secondEnd + dot2) >= 10 && !isB64(s, start - 1)) {
      out += s.slice(copied, start) + REDACTED_JWT;
      copied = thirdEnd;
      DOT_BEFORE_RUN_RE.lastIndex = thirdEnd;
    }
  }
  return copied === 0 ? s : out + s.slice(copied);
}

// ---------------------------------------------------------------------------------------------------------------
// Bearer / Basic / PoP

// In headers or prose. Not an auth-param list (`Bearer realm="…", error=…` in WWW-Authenticate stays readable), not a
// value already masked, and not the common words after "Bearer" in ordinary sentences ("the Bearer token expired").
const AUTH_VALUE = `[^\\s"'<>,;&)}\\]]+`;
const AUTH_PREFIX = `(\\s+|%20|\\+)(?!\\[REDACTED)(?![A-Za-z_-]+=")`;
const AUTH_STOPWORDS = "token|tokens|authentication|auth|authorization|scheme|header|credential|credentials|error|errors|challenge";
const BEARER_RE = new RegExp(`\\b(Bearer)${AUTH_PREFIX}(?!(?:${AUTH_STOPWORDS})[.:!?]*(?![^\\s"'<>,;&)}\\]]))${AUTH_VALUE}`, "gi");
const BASIC_OR_POP_RE = new RegExp(`\\b(Basic|PoP)${AUTH_PREFIX}(${AUTH_VALUE})`, "gi");
const AUTH_STOPWORD_RE = new RegExp(`^(?:${AUTH_STOPWORDS})$`, "i");

/** Prose, not a credential: after "basic" anything but base64 ("basic settings", "basic auth"); after "pop", a short word. */
function keepBasicOrPop(scheme: string, value: string): boolean {
  const word = value.replace(/[.:!?]+$/, "");
  if (AUTH_STOPWORD_RE.test(word)) return true;
  if (scheme.toLowerCase() === "pop") return scheme !== "PoP" || word.length < 8;
  return word.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(word) || !/[A-Z0-9+/=]/.test(word.slice(1));
}

// ---------------------------------------------------------------------------------------------------------------
// Secret parameters: key, optional closing quote of a JSON key, separator; the value is read by `readValue`.

// client_secret, clientSecret, CLIENT_SECRET, client-secret and client%5Fsecret alike.
const PARAM_NAMES = SECRET_PARAMETERS.map((k) => k.split("_").join("(?:_|%5[Ff]|-)?")).join("|");
const PARAM_RE = new RegExp(`(${PARAM_NAMES})(?:\\\\*["']|%22|&quot;)?([ \\t]*(?:=|%3[Dd]|:|%3[Aa])[ \\t]*)`, "gi");

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
}

/**
 * A parameter name starts a key only at a boundary: not inside a word ("postcode", "barcode"), but after a %-escape
 * ("%3Fcode%3D", "%22password") other than an encoded '_'. Other names may follow "_" or "-" (AZURE_CLIENT_SECRET,
 * x_id_token); `code` may not (error_code, status_code).
 */
function startsKey(s: string, at: number, isCode: boolean): boolean {
  if (at === 0) return true;
  const p = s.charCodeAt(at - 1);
  const alnum = (p >= 48 && p <= 57) || ((p | 32) >= 97 && (p | 32) <= 122);
  if (alnum) {
    const escaped = at >= 3 && s.charCodeAt(at - 3) === 37 && isHex(s.charCodeAt(at - 2)) && isHex(p);
    return escaped && !(s.charCodeAt(at - 2) === 53 && (p | 32) === 102); // not %5F
  }
  if (p === 95 || p === 45) return !isCode;
  return true;
}

/**
 * Characters that end an unquoted value: whitespace and the delimiters of query strings, JSON and prose. Not "'":
 * encodeURIComponent leaves it as it is, so it can be part of a form-encoded secret.
 */
function endsUnquoted(c: number): boolean {
  return c <= 32 || c === 38 /* & */ || c === 34 /* " */ || c === 60 /* < */ || c === 62 /* > */ ||
    c === 92 /* \ */ || c === 44 /* , */ || c === 59 /* ; */ || c === 0x2028 || c === 0x2029;
}

interface Value {
  start: number;
  end: number;
  quoted: boolean;
}

/** JSON inside JSON inside JSON is 3 backslashes deep; 7 is one level more. Deeper, a quote opens nothing. */
const MAX_ESCAPES = 7;

/** Quotes in URL-encoded and HTML-escaped text: the quote, what ends the value early, the backslash that escapes it. */
const ENCODED_QUOTES = [["%22", /%22|\s/g, "%5C"], ["&quot;", /&quot;|[\r\n<]/g, "\\"]] as const;

/** A %-escape of a character that ends an unquoted value: inside a URL-encoded value, "%26" is its '&'. */
function isEncodedEnd(s: string, i: number): boolean {
  if (s.charCodeAt(i) !== 37) return false;
  const hex = s.slice(i + 1, i + 3);
  return hex.length === 2 && isHex(hex.charCodeAt(0)) && isHex(hex.charCodeAt(1)) && endsUnquoted(parseInt(hex, 16));
}

/**
 * Reads the value that starts at `i`: quoted (", ', with any level of backslash escaping; %22; &quot;) or bare.
 * `encoded`: the separator was URL-encoded (%3D, %3A), so the value also ends at an encoded delimiter (%26…). A bare
 * value also ends at `limit`, where the next key starts ("?code=1(password: …"): each bare value is read once.
 */
function readValue(s: string, i: number, encoded: boolean, limit: number): Value {
  let k = 0;
  while (s.charCodeAt(i + k) === 92 && k <= MAX_ESCAPES) k++;
  const q = s.charCodeAt(i + k);
  if ((q === 34 || q === 39) && k <= MAX_ESCAPES) {
    // A quote opened with k backslashes closes at the same quote preceded by r backslashes where r ≡ k (mod 2k+2):
    // r = 0 (mod 2) in plain JSON, 1 (mod 4) inside one level of escaping, and so on. A line break ends it too.
    const start = i + k + 1;
    let run = 0;
    for (let j = start; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 92) { run++; continue; }
      if (c === q && run % (2 * k + 2) === k) return { start, end: j - k, quoted: true };
      if (c === 10 || c === 13) return { start, end: j, quoted: true };
      run = 0;
    }
    return { start, end: s.length, quoted: true };
  }
  for (const [open, stop, escape] of ENCODED_QUOTES) {
    if (s.startsWith(open, i)) {
      const start = i + open.length;
      stop.lastIndex = start;
      for (let m = stop.exec(s); m; m = stop.exec(s)) {
        if (m[0] !== open) return { start, end: m.index, quoted: true };
        // Closed unless escaped: preceded by an odd run of (encoded) backslashes.
        let run = 0;
        while (m.index - (run + 1) * escape.length >= start && s.slice(m.index - (run + 1) * escape.length, m.index - run * escape.length).toUpperCase() === escape) run++;
        if (run % 2 === 0) return { start, end: m.index, quoted: true };
      }
      return { start, end: s.length, quoted: true };
    }
  }
  let end = i;
  while (end < limit && !endsUnquoted(s.charCodeAt(end)) && !(encoded && isEncodedEnd(s, end))) end++;
  return { start: i, end, quoted: false };
}

/** Not a credential: a code that is a plain number (or an AADSTS code), JSON literals, an empty or masked value. */
function keepValue(value: string, isCode: boolean, quoted: boolean, colon: boolean): boolean {
  if (value.length === 0 || value.startsWith(PLACEHOLDER)) return true;
  if (isCode && /^(?:AADSTS)?\d+[^A-Za-z0-9]*$/i.test(value)) return true;
  if (!quoted && /^(?:null|true|false|undefined)$/.test(value)) return true;
  // `word: value` in prose: a short bare word after a colon is text, not a secret.
  return !quoted && colon && value.length < MIN_SECRET_LENGTH;
}

/** The next key at or after `from` that starts at a boundary. */
function nextKey(s: string, from: number): RegExpExecArray | null {
  PARAM_RE.lastIndex = from;
  for (let m = PARAM_RE.exec(s); m; m = PARAM_RE.exec(s)) {
    if (startsKey(s, m.index, m[1].toLowerCase() === "code")) return m;
    PARAM_RE.lastIndex = m.index + 1;
  }
  return null;
}

/**
 * Masks the value of every secret parameter. Every key is read, also one inside another's quoted value (the quote
 * may close inside the inner value: "code: '%22password%22%3A%22a'b%22"); overlapping masks merge. Linear: each key
 * is found once, a bare value ends where the next key starts, and a quoted value at its closing quote (at most
 * MAX_ESCAPES + 1 quoting levels can overlap).
 */
function maskParameters(s: string): string {
  let out = "";
  let copied = 0;
  for (let m = nextKey(s, 0); m; ) {
    const valueStart = m.index + m[0].length;
    const following = nextKey(s, valueStart);
    const v = readValue(s, valueStart, m[2].includes("%"), following ? following.index : s.length);
    const colon = m[2].includes(":") || /%3a/i.test(m[2]);
    if (v.end > copied && !keepValue(s.slice(v.start, v.end), m[1].toLowerCase() === "code", v.quoted, colon)) {
      if (v.start >= copied) out += s.slice(copied, v.start) + REDACTED;
      copied = v.end; // else: it extends the mask just written
    }
    m = following;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

// ---------------------------------------------------------------------------------------------------------------
// PEM private keys and Entra client secrets

const PEM_BEGIN_RE = /-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY( BLOCK)?-----/g;
const PEM_END_RE = /-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/y;

/** Body of a PEM block: base64, whitespace, literal escapes (\n in JSON), legacy headers (Proc-Type: 4,ENCRYPTED). */
const PEM_BODY_RE = /(?:[A-Za-z0-9+/=\s\\:,_]|-(?!----END ))*/y;

/** From "-----BEGIN … PRIVATE KEY-----" to its END line; without one, to the end of the base64 body. */
function maskPrivateKeys(s: string): string {
  if (!s.includes("PRIVATE KEY")) return s;
  PEM_BEGIN_RE.lastIndex = 0;
  let out = "";
  let copied = 0;
  for (let m = PEM_BEGIN_RE.exec(s); m; m = PEM_BEGIN_RE.exec(s)) {
    let i = m.index + m[0].length;
    let end = -1;
    PEM_BODY_RE.lastIndex = i;
    PEM_BODY_RE.test(s);
    i = PEM_BODY_RE.lastIndex;
    PEM_END_RE.lastIndex = i;
    if (PEM_END_RE.test(s)) end = PEM_END_RE.lastIndex;
    if (end < 0) {
      // No END line (a truncated message): the body ends before the trailing whitespace.
      end = i;
      while (end > m.index && s.charCodeAt(end - 1) <= 32) end--;
    }
    out += s.slice(copied, m.index) + REDACTED_PRIVATE_KEY;
    copied = end;
    PEM_BEGIN_RE.lastIndex = Math.max(end, m.index + 1);
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/** Entra client secrets: 3 characters, a digit, "Q~", then 30–40 more (found from each "Q~", so linear). */
function maskEntraClientSecrets(s: string): string {
  let at = s.indexOf("Q~", 4);
  if (at < 0) return s;
  const head = /^[A-Za-z0-9_.-]{3}\d$/;
  const tail = /^[A-Za-z0-9_.~-]{30,40}/;
  let out = "";
  let copied = 0;
  while (at >= 0) {
    const start = at - 4;
    const m = start >= copied && head.test(s.slice(start, at)) ? tail.exec(s.slice(at + 2, at + 42)) : null;
    if (m) {
      out += s.slice(copied, start) + REDACTED;
      copied = at + 2 + m[0].length;
      at = s.indexOf("Q~", copied + 4);
    } else {
      at = s.indexOf("Q~", at + 1);
    }
  }
  return out + s.slice(copied);
}

// ---------------------------------------------------------------------------------------------------------------
// Errors handed to a caller

const MAX_DEPTH = 4;
const MAX_ITEMS = 50;

/** Fields whose whole value is a credential, compared without case, '_' or '-' (an error's `code` is not one). */
const SECRET_FIELDS = new Set([
  "accesstoken", "refreshtoken", "idtoken", "clientsecret", "clientassertion", "assertion", "codeverifier", "password",
  "authorization", "cookie", "setcookie", "token", "secret",
]);

function isErrorLike(v: object): boolean {
  return v instanceof Error || Object.prototype.toString.call(v) === "[object Error]";
}

/**
 * A copy of a thrown value that is safe to hand to an API caller: the same prototype (so `instanceof` and `name`
 * still work) and the same fields, with every string redacted: `message`, `stack` and own fields, in nested errors
 * (`cause`, `errors`) and plain objects (`errorResponse`) too; a field named like a credential (password,
 * authorization, accessToken…) is masked whole. Numbers and booleans are kept (statusCode, retryAfterSec). Other
 * objects (requests, responses, headers) are dropped: they may hold an Authorization header. Never throws.
 */
export function redactError(error: unknown, redactText: (text: string) => string = (t) => redact(t)): unknown {
  const seen = new Map<object, unknown>();
  const copy = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return redactText(v);
    if (typeof v !== "object" || v === null) return typeof v === "function" ? undefined : v;
    if (seen.has(v)) return seen.get(v);
    if (depth > MAX_DEPTH) return undefined;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      seen.set(v, out);
      for (const item of v.slice(0, MAX_ITEMS)) out.push(copy(item, depth + 1));
      return out;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    const errorLike = isErrorLike(v);
    // Nested class instances (a request, a response, headers) are dropped; the thrown value itself is always copied.
    if (!errorLike && depth > 0 && proto !== Object.prototype && proto !== null) return undefined;
    const out = Object.create(proto as object | null) as Record<string, unknown>;
    seen.set(v, out);
    const keys = Object.getOwnPropertyNames(v).slice(0, MAX_ITEMS);
    if (errorLike) for (const k of ["message", "stack"]) if (!keys.includes(k) && k in v) keys.push(k);
    for (const key of keys) {
      let value: unknown;
      try {
        value = (v as Record<string, unknown>)[key];
      } catch {
        continue;
      }
      const own = Object.getOwnPropertyDescriptor(v, key);
      const secret = typeof value === "string" && value.length > 0 && SECRET_FIELDS.has(key.toLowerCase().replace(/[_-]/g, ""));
      Object.defineProperty(out, key, {
        value: secret ? REDACTED : copy(value, depth + 1),
        writable: true,
        configurable: true,
        enumerable: own ? own.enumerable === true : false,
      });
    }
    return out;
  };
  try {
    return copy(error, 0);
  } catch {
    return new Error(typeof error === "object" && error !== null ? "An error occurred (its details could not be copied safely)." : redactText(String(error)));
  }
}

/** "eyJ0eX…a1b2 (1234 chars)": enough to recognise a token, useless to an attacker. */
export function maskToken(token: string): string {
  if (typeof token !== "string" || token.length === 0) return "(empty)";
  // Short values would be mostly revealed by 6 + 4 characters: show only the length.
  if (token.length < 24) return `•••• (${token.length} chars)`;
  return `${token.slice(0, 6)}…${token.slice(-4)} (${token.length} chars)`;
}
