// JSON text for display and copying, from any value: a total, bounded replacement for JSON.stringify on claims.
// JSON.stringify recurses (arrays nested 5,000 deep overflow the stack), pretty-prints without limit (indentation
// grows with depth, so the output grows with the square of the nesting) and calls whatever `toJSON` a value has.
// stringifyBounded walks with its own stack, indents only the first levels, stops at a size limit and never calls
// into the value. Pure; portable.
import { visibleJsonText } from "./visibleText";

export interface BoundedJsonOptions {
  /** Spaces per level; 0 (the default) for compact JSON on one line. */
  readonly indent?: number;
  /** Containers deeper than this are written compactly on one line (default 20): the output stays linear in size. */
  readonly maxIndentDepth?: number;
  /** Stop after this many characters (default 1,000,000); the result then says it is truncated. */
  readonly maxChars?: number;
  /** Write invisible and direction-changing characters in strings and keys as \u escapes (default true). */
  readonly escapeInvisible?: boolean;
  /** Object keys in sorted order (for comparing values). */
  readonly sortKeys?: boolean;
}

export interface BoundedJson {
  /** Valid JSON unless `truncated`; then the first `maxChars` characters followed by TRUNCATED_MARK. */
  readonly text: string;
  readonly truncated: boolean;
}

export const DEFAULT_MAX_JSON_CHARS = 1_000_000;
export const DEFAULT_MAX_INDENT_DEPTH = 20;
export const TRUNCATED_MARK = "… (truncated)";

/** A container being written: its items (arrays) or keys (objects), and how far it is. One shape, for speed. */
class Frame {
  next = 0;
  written = 0;
  constructor(
    readonly container: object,
    readonly items: readonly unknown[] | undefined,
    readonly keys: readonly string[],
    readonly depth: number,
  ) {}
}

/** Containers this deep are checked for cycles (a value inside itself). */
const CYCLE_CHECK_DEPTH = 64;

/** Marks a property that threw when read. */
const UNREADABLE = Symbol("unreadable");

function numberText(n: number): string {
  if (Number.isNaN(n)) return "null";
  // JSON.parse reads 1e400 as Infinity; 1e999 is valid JSON that reads back the same.
  if (n === Infinity) return "1e999";
  if (n === -Infinity) return "-1e999";
  return Object.is(n, -0) ? "-0" : String(n);
}

function stringText(s: string, escapeInvisible: boolean): string {
  const json = JSON.stringify(s);
  return escapeInvisible ? visibleJsonText(json) : json;
}

/** Reads a property without letting a getter or proxy trap escape. */
function read(obj: object, key: string | number): unknown {
  try {
    return (obj as Record<string | number, unknown>)[key];
  } catch {
    return UNREADABLE;
  }
}

function keysOf(obj: object, sort: boolean): string[] {
  try {
    const keys = Object.keys(obj);
    return sort ? keys.sort() : keys;
  } catch {
    return [];
  }
}

/** Left out of objects, null in arrays (as JSON.stringify does). */
function isNotJson(v: unknown): boolean {
  return v === undefined || typeof v === "function" || typeof v === "symbol";
}

/**
 * JSON text of any value, never throwing and never recursing. Strings, finite numbers, booleans and null as
 * JSON.stringify writes them (but -0 stays -0, ±Infinity is ±1e999, and `toJSON` is never called); bigint as its
 * digits; undefined, functions and symbols as in JSON.stringify (left out of objects, null in arrays); a value that
 * contains itself as "[circular]"; a property that throws when read as "[unreadable]".
 */
export function stringifyBounded(value: unknown, options: BoundedJsonOptions = {}): BoundedJson {
  if (typeof value === "number" || typeof value === "boolean" || value === null) {
    const text = typeof value === "number" ? numberText(value) : String(value);
    return { text, truncated: false }; // never longer than any limit worth setting
  }
  const indent = Math.max(0, Math.min(10, Math.floor(options.indent ?? 0)));
  const maxIndentDepth = options.maxIndentDepth ?? DEFAULT_MAX_INDENT_DEPTH;
  const maxChars = Math.max(1, options.maxChars ?? DEFAULT_MAX_JSON_CHARS);
  const escapeInvisible = options.escapeInvisible ?? true;
  const sortKeys = options.sortKeys ?? false;

  let out = "";
  let full = false;
  const emit = (s: string): void => {
    out += s;
    if (out.length > maxChars) full = true;
  };
  const prettyDepth = indent > 0 ? maxIndentDepth : 0; // containers above this depth are indented
  const newlines: string[] = []; // by depth, made when first needed
  const newline = (depth: number): string => (newlines[depth] ??= `\n${" ".repeat(indent * depth)}`);
  const stack: Frame[] = [];
  // Containers on the current path, for the first levels: a value inside itself is written "[circular]" there. (Only
  // values not parsed from JSON can hold themselves; one that does so deeper is cut off by maxChars instead.)
  const open = new Set<object>();

  /** Writes a scalar, or opens a container (pushed on the stack). */
  const begin = (v: unknown, depth: number): void => {
    switch (typeof v) {
      case "string":
        emit(stringText(v, escapeInvisible));
        return;
      case "number":
        emit(numberText(v));
        return;
      case "boolean":
        emit(v ? "true" : "false");
        return;
      case "bigint":
        emit(v.toString());
        return;
      case "object":
        break;
      default: // undefined, function, symbol: null where a value must be written
        emit(v === UNREADABLE ? '"[unreadable]"' : "null");
        return;
    }
    if (v === null) {
      emit("null");
      return;
    }
    if (depth < CYCLE_CHECK_DEPTH) {
      if (open.has(v)) {
        emit('"[circular]"');
        return;
      }
      open.add(v);
    }
    if (Array.isArray(v)) {
      emit("[");
      stack.push(new Frame(v, v, [], depth));
    } else {
      emit("{");
      stack.push(new Frame(v, undefined, keysOf(v, sortKeys), depth));
    }
  };

  begin(value, 0);
  while (stack.length > 0 && !full) {
    const frame = stack[stack.length - 1];
    const pretty = frame.depth < prettyDepth;
    const items = frame.items;
    if (items !== undefined) {
      if (frame.next >= items.length) {
        stack.pop();
        if (frame.depth < CYCLE_CHECK_DEPTH) open.delete(frame.container);
        emit(pretty && items.length > 0 ? `${newline(frame.depth)}]` : "]");
        continue;
      }
      const i = frame.next++;
      if (i > 0) emit(",");
      if (pretty) emit(newline(frame.depth + 1));
      const item = read(items, i);
      begin(isNotJson(item) && item !== UNREADABLE ? null : item, frame.depth + 1);
      continue;
    }
    if (frame.next >= frame.keys.length) {
      stack.pop();
      if (frame.depth < CYCLE_CHECK_DEPTH) open.delete(frame.container);
      emit(pretty && frame.written > 0 ? `${newline(frame.depth)}}` : "}");
      continue;
    }
    const key = frame.keys[frame.next++];
    const prop = read(frame.container, key);
    if (isNotJson(prop) && prop !== UNREADABLE) continue;
    if (frame.written++ > 0) emit(",");
    if (pretty) emit(newline(frame.depth + 1));
    emit(stringText(key, escapeInvisible));
    emit(pretty ? ": " : ":");
    begin(prop, frame.depth + 1);
  }

  const text = out;
  if (!full) return { text, truncated: false };
  return { text: `${text.slice(0, maxChars)}${TRUNCATED_MARK}`, truncated: true };
}

/**
 * Pretty JSON when it fits in `maxChars`, else the same value compact (always far smaller: the indentation is what
 * grows), else truncated. For the raw JSON in the token view and *Copy as decoded claims*.
 */
export function prettyJsonBounded(value: unknown, maxChars = DEFAULT_MAX_JSON_CHARS, indent = 2): BoundedJson {
  const pretty = stringifyBounded(value, { indent, maxChars });
  return pretty.truncated ? stringifyBounded(value, { maxChars }) : pretty;
}

/** "a string", "an array", "an object", … : what a value is, for messages. */
export function describeJsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "object":
      return "an object";
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "undefined":
      return "undefined";
    default:
      return `a ${typeof value}`;
  }
}
