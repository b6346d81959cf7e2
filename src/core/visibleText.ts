// Invisible and direction-changing characters, made visible. A claim is attacker-controlled text: a right-to-left
// override (U+202E) or a zero-width space makes `aud`, `iss` or a name read as something it is not. Like VS Code's
// Unicode highlighting, every such character is shown as an escape (`\u202E`) wherever a claim reaches a person
// (token view, hover, status bar tooltip), and diagnose() names the claims that hold them. Pure; portable.

/**
 * What counts as invisible or direction-changing:
 * - control characters (C0, DEL, C1), line and paragraph separators (U+2028, U+2029);
 * - every format character (Unicode category Cf): bidi embeddings, overrides and isolates (U+202A–U+202E,
 *   U+2066–U+2069), marks (U+200E, U+200F, U+061C), zero-width space, non-joiner and joiner (U+200B–U+200D), word
 *   joiner (U+2060), the byte order mark (U+FEFF), soft hyphen, tag characters (U+E0000–U+E007F), …;
 * - lone surrogates (half of an emoji: not a character);
 * - blank fillers VS Code also highlights: Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), combining grapheme joiner
 *   (U+034F), Mongolian free variation selectors and vowel separator (U+180B–U+180F), Braille blank (U+2800).
 */
const INVISIBLE_SOURCE = "[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}\\u034F\\u115F\\u1160\\u180B-\\u180F\\u2800\\u3164\\uFFA0]";
// Each character is matched on its own on purpose: a combining grapheme joiner or a variation selector is exactly
// what must be found, not combined with what precedes it.
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE_TEST = new RegExp(INVISIBLE_SOURCE, "u");
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE_ALL = new RegExp(INVISIBLE_SOURCE, "gu");

/** Whether the text holds at least one invisible or direction-changing character. */
export function hasInvisibleChars(text: string): boolean {
  return typeof text === "string" && INVISIBLE_TEST.test(text);
}

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, "0");
}

/** `\u202E`; above U+FFFF `\u{E0041}` (a JavaScript escape, for reading) or a surrogate pair (for JSON). */
export function escapeCodePoint(code: number, form: "text" | "json" = "text"): string {
  if (code <= 0xffff) return `\\u${hex4(code)}`;
  if (form === "text") return `\\u{${code.toString(16).toUpperCase()}}`;
  const v = code - 0x10000;
  return `\\u${hex4(0xd800 + (v >> 10))}\\u${hex4(0xdc00 + (v & 0x3ff))}`;
}

/**
 * The text with every invisible or direction-changing character replaced by its escape, e.g. "a\u202Eb" becomes the
 * seven characters `a\u202Eb`. Visible text is returned unchanged (the same string).
 */
export function visibleText(text: string): string {
  if (typeof text !== "string" || !INVISIBLE_TEST.test(text)) return text;
  return text.replace(INVISIBLE_ALL, (ch) => escapeCodePoint(ch.codePointAt(0) ?? 0, "text"));
}

/** Like visibleText, for the inside of a JSON string literal: the escapes are JSON escapes (surrogate pairs). */
export function visibleJsonText(jsonText: string): string {
  if (!INVISIBLE_TEST.test(jsonText)) return jsonText;
  return jsonText.replace(INVISIBLE_ALL, (ch) => escapeCodePoint(ch.codePointAt(0) ?? 0, "json"));
}

/** At most `max` characters (a code point is never split), with "…" when shortened. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // do not leave half a surrogate pair behind
  return `${text.slice(0, end)}…`;
}

/** A short, visible form of untrusted text for a sentence: escaped, then clipped to `max` characters. */
export function shownText(text: string, max = 120): string {
  return clip(visibleText(text), max);
}

/** How many values of one claim are searched (a 64 KiB token holds fewer than 33,000: each takes 2 characters). */
const MAX_SCAN_NODES = 100_000;

/** Whether a value (its strings and keys, nested) holds an invisible or direction-changing character. Bounded. */
export function holdsInvisibleChars(value: unknown): boolean {
  const pending: unknown[] = [value];
  for (let visited = 0; pending.length > 0 && visited < MAX_SCAN_NODES; visited++) {
    const v = pending.pop();
    if (typeof v === "string") {
      if (hasInvisibleChars(v)) return true;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length && pending.length < MAX_SCAN_NODES; i++) pending.push(v[i]);
    } else if (v !== null && typeof v === "object") {
      let entries: [string, unknown][];
      try {
        entries = Object.entries(v);
      } catch {
        continue; // a getter that throws: nothing to show there either
      }
      for (const [k, inner] of entries) {
        if (hasInvisibleChars(k)) return true;
        if (pending.length < MAX_SCAN_NODES) pending.push(inner);
      }
    }
  }
  return false;
}
