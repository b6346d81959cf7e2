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

type Frame =
  | { readonly kind: "array"; readonly items: readonly unknown[]; next: number; readonly depth: number; readonly container: object }
  | { readonly kind: "object"; readonly obj: Record<string, unknown>; readonly keys: readonly string[]; next: number; written: number; readonly depth: number; readonly container: object };

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
function read(obj: Record<string, unknown>, key: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: obj[key] };
  } catch {
    return { ok: false };
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

/**
 * JSON text of any value, never throwing and never recursing. Strings, finite numbers, booleans and null as
 * JSON.stringify writes them (but -0 stays -0, ±Infinity is ±1e999, and `toJSON` is never called); bigint as its
 * digits; undefined, functions and symbols as in JSON.stringify (left out of objects, null in arrays); a value that
 * contains itself as "[circular]"; a property that throws when read as "[unreadable]".
 */
export function stringifyBounded(value: unknown, options: BoundedJsonOptions = {}): BoundedJson {
  const indent = Math.max(0, Math.min(10, Math.floor(options.indent ?? 0)));
  const maxIndentDepth = options.maxIndentDepth ?? DEFAULT_MAX_INDENT_DEPTH;
  const maxChars = Math.max(1, options.maxChars ?? DEFAULT_MAX_JSON_CHARS);
  const escapeInvisible = options.escapeInvisible ?? true;
  const sortKeys = options.sortKeys ?? false;

  const out: string[] = [];
  let length = 0;
  let full = false;
  const emit = (s: string): void => {
    if (full) return;
    out.push(s);
    length += s.length;
    if (length > maxChars) full = true;
  };
  const pretty = (depth: number): boolean => indent > 0 && depth < maxIndentDepth;
  const newline = (depth: number): string => `\n${" ".repeat(indent * depth)}`;
  const stack: Frame[] = [];
  const open = new Set<object>(); // containers on the current path: a value inside itself is circular

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
        emit("null");
        return;
    }
    if (v === null) {
      emit("null");
      return;
    }
    if (open.has(v)) {
      emit('"[circular]"');
      return;
    }
    open.add(v);
    if (Array.isArray(v)) {
      emit("[");
      stack.push({ kind: "array", items: v, next: 0, depth, container: v });
    } else {
      emit("{");
      const obj = v as Record<string, unknown>;
      stack.push({ kind: "object", obj, keys: keysOf(obj, sortKeys), next: 0, written: 0, depth, container: v });
    }
  };

  begin(value, 0);
  while (stack.length > 0 && !full) {
    const frame = stack[stack.length - 1];
    const inner = frame.depth + 1;
    if (frame.kind === "array") {
      if (frame.next >= frame.items.length) {
        stack.pop();
        open.delete(frame.container);
        emit(frame.items.length > 0 && pretty(frame.depth) ? `${newline(frame.depth)}]` : "]");
        continue;
      }
      const i = frame.next++;
      emit(`${i > 0 ? "," : ""}${pretty(frame.depth) ? newline(inner) : ""}`);
      const item = read(frame.items as unknown as Record<string, unknown>, String(i));
      if (!item.ok) emit('"[unreadable]"');
      else begin(item.value === undefined || typeof item.value === "function" || typeof item.value === "symbol" ? null : item.value, inner);
      continue;
    }
    if (frame.next >= frame.keys.length) {
      stack.pop();
      open.delete(frame.container);
      emit(frame.written > 0 && pretty(frame.depth) ? `${newline(frame.depth)}}` : "}");
      continue;
    }
    const key = frame.keys[frame.next++];
    const prop = read(frame.obj, key);
    if (prop.ok && (prop.value === undefined || typeof prop.value === "function" || typeof prop.value === "symbol")) continue;
    const sep = pretty(frame.depth) ? newline(inner) : "";
    emit(`${frame.written++ > 0 ? "," : ""}${sep}${stringText(key, escapeInvisible)}:${indent > 0 && pretty(frame.depth) ? " " : ""}`);
    if (!prop.ok) emit('"[unreadable]"');
    else begin(prop.value, inner);
  }

  const text = out.join("");
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
