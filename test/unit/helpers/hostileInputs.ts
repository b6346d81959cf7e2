// Seeded generator of hostile token inputs for test/unit/hostile-fuzz.test.ts: Entra-like tokens whose claims are
// mutated (types swapped, nested thousands deep, huge numbers, prototype-named keys, invisible and direction-changing
// characters), whose parts are broken (truncated, standard base64, extra or missing parts, pasted with prefixes), and
// random strings. JSON is written as text here, not with JSON.stringify: it must hold what JSON.stringify cannot
// write (1e400, "__proto__" keys, duplicate keys, arrays nested 10,000 deep).

/** mulberry32: a small, fast, seeded PRNG (32-bit state). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rand {
  constructor(readonly next: () => number) {}
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** Raw JSON text, written as it is. */
export class Raw {
  constructor(readonly text: string) {}
}
/** A JSON object as a list of entries: keys may repeat and may be "__proto__". */
export class Obj {
  constructor(readonly entries: [string, Json][]) {}
}
export type Json = string | number | boolean | null | Raw | Obj | Json[];

export function jsonText(v: Json): string {
  if (v instanceof Raw) return v.text;
  if (v instanceof Obj) return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(",")}}`;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(",")}]`;
  return JSON.stringify(v);
}

const b64url = (text: string): string => Buffer.from(text, "utf8").toString("base64url");

/** Invisible and direction-changing characters (and a few other troublemakers) to plant in claims. */
export const INVISIBLE = ["\u202E", "\u202D", "\u202A", "\u202B", "\u202C", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F",
  "\u061C", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u2028", "\u2029", "\u3164", "\u115F", "\u2800", "\u{E0041}", "\u180E"];
const OTHER_CHARS = ["<", ">", "\"", "'", "`", "\\", "{", "}", "[", "]", "(", ")", "*", "_", "#", "|", "!", "$", "&", ";", "=", "é", "日", "😀", "👍🏽", "ش", " "];
/** JSON escapes for what UTF-8 text cannot carry (lone surrogates) and controls. */
const ESCAPES = ["\\ud800", "\\udfff", "\\u0000", "\\u0007", "\\u001b", "\\n", "\\t", "\\u202e", "\\u200b"];
export const PROTO_KEYS = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "prototype", "toJSON", "then", "length"];

const GUIDS = ["11111111-2222-3333-4444-555555555555", "00000003-0000-0000-c000-000000000000", "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
  "9188040d-6c67-4c5b-b112-36a304b66dad", "62e90394-69f5-4237-9190-012177145e10"];
const AUDIENCES = ["https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000", "https://management.azure.com/", "https://vault.azure.net",
  "api://contoso-api", "https://storage.azure.com", "https://management.core.windows.net/", "https://graph.microsoft.us", "api://11111111-2222-3333-4444-555555555555"];

function plant(r: Rand, s: string): string {
  let out = s;
  const n = 1 + r.int(3);
  for (let i = 0; i < n; i++) {
    const at = r.int(out.length + 1);
    out = out.slice(0, at) + r.pick(r.chance(0.7) ? INVISIBLE : OTHER_CHARS) + out.slice(at);
  }
  return out;
}

function nested(r: Rand, depth: number): Raw {
  switch (r.int(4)) {
    case 0:
      return new Raw(`${"[".repeat(depth)}${"]".repeat(depth)}`);
    case 1:
      return new Raw(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);
    case 2:
      return new Raw(`${'[{"__proto__":'.repeat(depth)}"x\\u202e"${"}]".repeat(depth)}`);
    default:
      return new Raw(`${"[1,".repeat(depth)}2${"]".repeat(depth)}`);
  }
}

/** Depths: mostly shallow, sometimes thousands (a 64 KiB token holds about 20,000 levels of arrays). */
function depth(r: Rand): number {
  const x = r.next();
  if (x < 0.75) return 2 + r.int(30);
  if (x < 0.98) return 30 + r.int(300);
  if (x < 0.997) return 300 + r.int(3000);
  return 3000 + r.int(17000);
}

/** Sizes: mostly small, sometimes large (a few in a hundred), so that 100,000 inputs run in seconds. */
function size(r: Rand, small: number, medium: number, large: number): number {
  const x = r.next();
  return x < 0.85 ? small : x < 0.997 ? medium : large;
}

const HUGE_NUMBERS = ["1e400", "-1e400", "1e308", "-1e308", "1.7976931348623157e308", "8.64e12", "8640000000001", "1e16", "-0", "0.5",
  "123456789012345678901234567890", "1e-400", "4.9e-324", "0", "-1", "2147483648", "9007199254740993"];

/** A value where a claim should be: of any type, often hostile. */
export function hostileValue(r: Rand, like?: Json): Json {
  switch (r.int(16)) {
    case 0: return new Obj([["toString", 1]]);
    case 1: return new Obj([[r.pick(PROTO_KEYS), r.chance(0.5) ? new Obj([["polluted", true]]) : 1], [r.pick(PROTO_KEYS), null]]);
    case 2: return nested(r, depth(r));
    case 3: return new Raw(r.pick(HUGE_NUMBERS));
    case 4: return new Raw(JSON.stringify(r.pick(HUGE_NUMBERS)));
    case 5: return typeof like === "string" ? plant(r, like) : plant(r, r.pick(AUDIENCES));
    case 6: return new Raw(`"${r.pick(ESCAPES)}${r.pick(["aud", "x", ""])}${r.pick(ESCAPES)}"`);
    case 7: return [r.pick(AUDIENCES), new Obj([["toString", 1]]), null, [1, [2]], plant(r, "Reader")];
    case 8: return r.pick([true, false, null, 0, -1, "", " "]);
    case 9: return "x".repeat(size(r, 100, 2000, 30_000));
    case 10: return Array.from({ length: size(r, 5, 100, 3000) }, (_, i) => (r.chance(0.5) ? GUIDS[i % GUIDS.length] : i));
    case 11: return new Obj(Array.from({ length: size(r, 3, 40, 2000) }, (_, i) => [r.chance(0.2) ? plant(r, `k${i}`) : `k${i}`, i]));
    case 12: return new Obj([["valueOf", new Obj([])], ["toJSON", "x"], ["then", 1]]);
    case 13: return [plant(r, "User.Read"), plant(r, "Mail.Read")];
    case 14: return new Raw("{}");
    default: return typeof like === "number" ? new Raw(r.pick(HUGE_NUMBERS)) : plant(r, "Zoë 😀 \u05e9\u05dc\u05d5\u05dd");
  }
}

/** A realistic access token payload (v1 or v2, delegated or app-only), as entries. */
function entraClaims(r: Rand, nowSec: number): [string, Json][] {
  const v2 = r.chance(0.5);
  const tid = r.pick(GUIDS);
  const claims: [string, Json][] = [
    ["aud", r.pick(AUDIENCES)],
    ["iss", v2 ? `https://login.microsoftonline.com/${tid}/v2.0` : `https://sts.windows.net/${tid}/`],
    ["iat", nowSec - 600], ["nbf", nowSec - 600], ["exp", nowSec + r.pick([-7200, -10, 60, 290, 3600, 90_000])],
    ["aio", "E2ZgYJh"], ["tid", tid], ["oid", r.pick(GUIDS)], ["sub", "pairwise-subject"], ["uti", "AbCdEf"], ["rh", "0.AAAA"],
    ["ver", v2 ? "2.0" : "1.0"], [v2 ? "azp" : "appid", r.pick(GUIDS)], [v2 ? "azpacr" : "appidacr", r.pick(["0", "1", "2"])],
  ];
  if (r.chance(0.6)) {
    claims.push(["scp", "User.Read Mail.Read openid profile"], ["name", "Test User"], ["upn", "test@contoso.example"], ["idtyp", "user"],
      ["amr", ["pwd", "mfa"]], ["wids", [GUIDS[4]]], ["acct", r.pick([0, 1, "1"])]);
  } else {
    claims.push(["roles", ["Items.Read.All", "Mail.Send"]], ["idtyp", "app"]);
  }
  if (r.chance(0.2)) claims.push(["groups", GUIDS.slice(0, 3)], ["xms_cc", ["cp1"]], ["xms_tcdt", 1_648_126_498]);
  if (r.chance(0.1)) claims.push(["_claim_names", new Obj([["groups", "src1"]])], ["_claim_sources", new Obj([["src1", new Obj([["endpoint", "https://graph.microsoft.com/v1.0/users/x/getMemberObjects"]])]])]);
  // One token in six keeps every claim; the others a few (aud, iss, the times and some more): as hostile, and
  // quicker to check, so that 100,000 inputs fit in the unit layer.
  if (r.chance(0.16)) return claims;
  return claims.slice(0, 5).concat(claims.slice(5).filter(() => r.chance(0.1)));
}

function header(r: Rand): Json {
  const entries: [string, Json][] = [["typ", "JWT"], ["alg", r.pick(["RS256", "RS256", "none", "HS256", "NONE"])], ["kid", "test-key"]];
  if (r.chance(0.2)) entries.push(["nonce", "abc"]);
  if (r.chance(0.3)) {
    const i = r.int(entries.length + 2);
    if (i < entries.length) entries[i] = [entries[i][0], hostileValue(r, entries[i][1])];
    else entries.push([r.pick([...PROTO_KEYS, "x5u", "jku", plant(r, "kid")]), hostileValue(r)]);
  }
  if (r.chance(0.03)) return r.pick<Json>([new Raw("[1]"), "RS256", 5, null, nested(r, depth(r)), true]);
  return new Obj(entries);
}

function mutateClaims(r: Rand, claims: [string, Json][], notes: string[]): void {
  const n = r.chance(0.2) ? 0 : 1 + r.int(4);
  for (let i = 0; i < n; i++) {
    const what = r.int(10);
    if (what < 6) {
      const j = r.int(claims.length);
      claims[j] = [claims[j][0], hostileValue(r, claims[j][1])];
      notes.push(`${claims[j][0]}←${jsonText(claims[j][1]).slice(0, 24)}`);
    } else if (what < 8) {
      const key = r.chance(0.6) ? r.pick(PROTO_KEYS) : r.chance(0.5) ? plant(r, r.pick(["aud", "name", "exp"])) : r.pick(["", " ", "x".repeat(300), "exp", "aud", "iss"]);
      claims.push([key, hostileValue(r)]);
      notes.push(`+${JSON.stringify(key).slice(0, 20)}`);
    } else if (what < 9) {
      const t = r.pick(["exp", "nbf", "iat"]);
      claims.push([t, new Raw(r.pick(HUGE_NUMBERS))]);
      notes.push(`${t}←huge`);
    } else {
      claims.splice(r.int(claims.length), 1);
      notes.push("-claim");
    }
  }
}

/** Breaks the compact token: truncation, base64 alphabet, parts, whitespace, prefixes, planted characters. */
function mutateToken(r: Rand, token: string, notes: string[]): string {
  const parts = token.split(".");
  switch (r.int(12)) {
    case 0: notes.push("truncated"); return token.slice(0, r.int(token.length));
    case 1: notes.push("std-base64"); return token.replace(/-/g, "+").replace(/_/g, "/");
    case 2: notes.push("padding"); return parts.map((p) => `${p}==`).join(".");
    case 3: notes.push("no signature"); return `${parts[0]}.${parts[1]}.`;
    case 4: notes.push("two parts"); return `${parts[0]}.${parts[1]}`;
    case 5: notes.push("five parts"); return `${token}.${parts[2]}.${parts[1]}`;
    case 6: notes.push("wrapped"); return `${r.pick(["Bearer ", "Authorization: Bearer ", "\"", "  \n"])}${token.replace(/(.{76})/g, "$1\n")}${r.pick(["", "\"", "\r\n"])}`;
    case 7: {
      const at = r.int(token.length);
      notes.push("planted char");
      return token.slice(0, at) + r.pick([...INVISIBLE, ...OTHER_CHARS, ".", "\u0000"]) + token.slice(at);
    }
    case 8: notes.push("two tokens"); return `${token} ${token}`;
    case 9: {
      const at = r.int(token.length);
      notes.push("flipped char");
      return token.slice(0, at) + r.pick([..."ABCxyz019-_"]) + token.slice(at + 1);
    }
    case 10: notes.push("four parts"); return `${token}.x`;
    default: notes.push("swapped parts"); return `${parts[1]}.${parts[0]}.${parts[2]}`;
  }
}

const RANDOM_ALPHABET = [..."eyJ.abcXYZ019-_+/=\"' \n\t{}[]:,", ...INVISIBLE, "\u0000", "é", "日", "😀", "\ud800"];

function randomString(r: Rand): string {
  if (r.chance(0.01)) return r.pick(["x", ".", "eyJ"]).repeat(r.pick([70_000, 65_536, 65_535]));
  const len = r.int(r.chance(0.95) ? 120 : 3000);
  let s = r.chance(0.5) ? "eyJ" : "";
  for (let i = 0; i < len; i++) s += r.pick(RANDOM_ALPHABET);
  return s;
}

export interface HostileInput {
  readonly input: string;
  /** What the generator did, for a failure report. */
  readonly label: string;
  /** The claims before mutation (a "previous token" for the claims diff), when the input is a structured token. */
  readonly before?: string;
}

/** One generated input. */
export function hostileInput(r: Rand, nowSec: number): HostileInput {
  if (r.chance(0.15)) return { input: randomString(r), label: "random string" };
  const claims = entraClaims(r, nowSec);
  const before = jsonText(new Obj(claims.map(([k, v]) => [k, v])));
  const notes: string[] = [];
  mutateClaims(r, claims, notes);
  const head = header(r);
  let token = [b64url(jsonText(head)), b64url(jsonText(new Obj(claims))), b64url("fake-signature-".repeat(1 + r.int(r.chance(0.9) ? 3 : 20)))].join(".");
  if (r.chance(0.2)) token = mutateToken(r, token, notes);
  return { input: token, label: `structured: ${notes.join("; ") || "unmutated"}`, before };
}

/** The cases of issue 12, item 3, and their neighbours: always run, before the generated ones. */
export function knownHostileInputs(nowSec: number): HostileInput[] {
  const tok = (payload: string, head = '{"alg":"RS256","typ":"JWT"}'): string => [b64url(head), b64url(payload), b64url("sig")].join(".");
  const deepArrays = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
  const times = `"iat":${nowSec},"nbf":${nowSec},"exp":${nowSec + 3600}`;
  return [
    { label: "acct {\"toString\":1}", input: tok(`{"aud":"api://x",${times},"acct":{"toString":1}}`) },
    { label: "arrays 5,000 deep", input: tok(`{"aud":"api://x",${times},"deep":${deepArrays(5000)}}`) },
    { label: "arrays 20,000 deep (near the size limit)", input: tok(`{"d":${deepArrays(20000)}}`) },
    { label: "objects 6,000 deep", input: tok(`{"d":${'{"a":'.repeat(6000)}1${"}".repeat(6000)}}`) },
    { label: "header nested 5,000 deep", input: tok(`{"aud":"x"}`, `{"alg":"RS256","x":${deepArrays(5000)}}`) },
    { label: "exp 1e400", input: tok('{"exp":1e400,"nbf":1e308,"iat":-1e400}') },
    { label: "exp 1e308", input: tok('{"exp":1e308,"nbf":-1e308,"iat":1e308}') },
    { label: "times as text and objects", input: tok('{"exp":"1e400","nbf":{"toString":1},"iat":[1]}') },
    { label: "prototype keys", input: tok(`{"__proto__":{"polluted":true},"constructor":{"prototype":1},"toString":1,"valueOf":{},"hasOwnProperty":"x","aud":"api://x",${times}}`) },
    { label: "objects where strings belong", input: tok(`{"aud":{"toString":1},"iss":[{}],"tid":{"valueOf":1},"scp":{"a":1},"roles":"r","azp":[],"idtyp":{},"ver":2,${times}}`) },
    { label: "right-to-left override in aud, iss, name", input: tok(`{"aud":"api://good\u202Eexe.gpj","iss":"https://sts.windows.net/\u2066x\u2069/","name":"Adm\u200Bin",${times}}`) },
    { label: "invisible characters in claim names", input: tok(`{"a\u200Bud":"x","\u202Eexp":1,${times}}`) },
    { label: "header is an array", input: [b64url("[1]"), b64url('{"aud":"x"}'), "c2ln"].join(".") },
    { label: "header is a string", input: [b64url('"RS256"'), b64url('{"aud":"x"}'), "c2ln"].join(".") },
    { label: "header is not base64url", input: ["ab+c", b64url('{"aud":"x"}'), "c2ln"].join(".") },
    { label: "payload truncated", input: [b64url('{"alg":"RS256"}'), b64url('{"aud":"api://x","exp":1}').slice(0, 16), "c2ln"].join(".") },
    { label: "duplicate keys", input: tok(`{"exp":1,"exp":{"toString":1},"aud":"a","aud":[1]}`) },
    { label: "lone surrogates", input: tok(`{"aud":"\\ud800","name":"\\udfff\\u202e"}`) },
  ];
}

const CHALLENGE_PARAMS = ["realm", "authorization_uri", "error", "error_description", "claims", "client_id", "resource_id", "resource", "scope", "nonce"];
const CHALLENGE_ERRORS = ["insufficient_claims", "invalid_token", "insufficient_scope", "invalid_request", "interaction_required", ""];
const CLAIM_NAMES = ["acrs", "nbf", "xms_cc", "auth_time", ...PROTO_KEYS];

/** The `claims` parameter of a challenge: a claims request with hostile values, or broken base64url, bytes or JSON. */
function challengeClaims(r: Rand, nowSec: number): string {
  switch (r.int(6)) {
    case 0: return randomString(r).slice(0, 2_000);
    case 1: return b64url(jsonText(hostileValue(r)));
    case 2: return Buffer.from(Array.from({ length: 1 + r.int(64) }, () => r.int(256))).toString(r.chance(0.5) ? "base64" : "base64url");
    default: {
      const claim = r.pick(CLAIM_NAMES);
      const spec: Json = r.chance(0.5)
        ? new Obj([["essential", r.chance(0.7)], ["value", claim === "nbf" ? String(nowSec) : r.chance(0.6) ? `c${r.int(120)}` : hostileValue(r)]])
        : new Obj([["values", [r.pick(["cp1", "c1", plant(r, "c2")]), hostileValue(r)]]]);
      return b64url(jsonText(new Obj([[r.pick(["access_token", "id_token", "userinfo", "__proto__"]), new Obj([[claim, spec]])]])));
    }
  }
}

/** A quoted-string value (quotes and backslashes escaped, sometimes not, sometimes never closed) or a bare token. */
function challengeValue(r: Rand, value: string): string {
  if (r.chance(0.1)) return value.replace(/[\s,"]/g, "");
  const escaped = r.chance(0.8) ? value.replace(/["\\]/g, (c) => `\\${c}`) : value;
  return `"${escaped}${r.chance(0.99) ? '"' : ""}`;
}

/** A pasted 401: a WWW-Authenticate value, a header line or a whole response, with hostile parameters and claims. */
export function hostileChallenge(r: Rand, nowSec: number): HostileInput {
  if (r.chance(0.1)) return { input: randomString(r), label: "random string" };
  const challenges: string[] = [];
  for (let c = 0, n = 1 + r.int(r.chance(0.9) ? 2 : 40); c < n; c++) {
    const params: string[] = [];
    for (let p = 0, m = r.int(r.chance(0.9) ? 8 : 60); p < m; p++) {
      const name = r.chance(0.95) ? r.pick(CHALLENGE_PARAMS) : plant(r, r.pick(PROTO_KEYS));
      const value = name === "claims" ? challengeClaims(r, nowSec) : name === "error" && r.chance(0.7) ? r.pick(CHALLENGE_ERRORS) : plant(r, r.pick([...AUDIENCES, "The token is expired", "Invalid audience", ""]));
      params.push(`${name}=${challengeValue(r, value)}`);
    }
    challenges.push(`${r.chance(0.85) ? "Bearer" : r.pick(["Basic", "PoP", "Negotiate abc==", plant(r, "Bearer")])} ${params.join(r.chance(0.9) ? ", " : " ")}`);
  }
  const value = challenges.join(", ");
  switch (r.int(4)) {
    case 0: return { input: value, label: "challenge value" };
    case 1: return { input: `WWW-Authenticate: ${value}`, label: "header line" };
    case 2: {
      const body = r.chance(0.5) ? jsonText(new Obj([["error", new Obj([["code", hostileValue(r)], ["message", plant(r, "Access denied")]])]])) : randomString(r).slice(0, 500);
      return { input: `HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nWWW-Authenticate: ${value}\r\n\r\n${body}`, label: "whole response" };
    }
    default: {
      // Cut anywhere, or with a line folded at a random place.
      const cut = r.int(value.length + 1);
      return { input: r.chance(0.5) ? value.slice(0, cut) : `WWW-Authenticate: ${value.slice(0, cut)}\n ${value.slice(cut)}`, label: "cut or folded" };
    }
  }
}
