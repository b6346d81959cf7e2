// What the hover on a JWT-shaped string says: the key claims, never the raw token. Pure, for unit tests.
import { findResource } from "../core/resources";
import { decodeToken } from "../core/jwt";
import { relativeTime, toEpochSeconds } from "../core/timeFormat";
import { hasInvisibleChars, visibleText } from "../core/visibleText";

const MAX_VALUE_CHARS = 120;

/**
 * Markdown-safe plain text: escapes every character markdown could treat as syntax or a link. Invisible and
 * direction-changing characters (a right-to-left override in `aud`) are shown as \u escapes first.
 */
export function escapeMarkdown(text: string): string {
  const flat = visibleText(text.replace(/[\r\n\t]+/g, " "));
  const short = flat.length > MAX_VALUE_CHARS ? `${flat.slice(0, MAX_VALUE_CHARS - 1)}…` : flat;
  return short.replace(/[\\`*_{}[\]()#+\-.!|<>&~:"'=$@]/g, (c) => `\\${c}`);
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === "string").join(", ") || undefined;
  return undefined;
}

/** Lines of the hover (markdown, every value escaped), or undefined when the string does not decode. */
export function hoverLines(token: string, nowMs: number): string[] | undefined {
  const decoded = decodeToken(token);
  if (decoded.kind === "jwe") return ["**Encrypted JWT (JWE)**: its claims cannot be read by a client."];
  if (decoded.kind !== "jws") return undefined;
  const p = decoded.payload;
  const lines: string[] = ["**JWT** (decoded, not verified)"];
  const aud = text(p.aud);
  if (aud) {
    const name = findResource(aud)?.name;
    lines.push(`aud: ${escapeMarkdown(aud)}${name ? ` (${escapeMarkdown(name)})` : ""}`);
  }
  const iss = text(p.iss);
  if (iss) lines.push(`iss: ${escapeMarkdown(iss)}`);
  const exp = toEpochSeconds(p.exp);
  if (exp !== undefined) lines.push(`exp: ${escapeMarkdown(relativeTime(exp, nowMs, "expiry"))}`);
  const scp = text(p.scp);
  if (scp) lines.push(`scp: ${escapeMarkdown(scp)}`);
  const roles = text(p.roles);
  if (roles) lines.push(`roles: ${escapeMarkdown(roles)}`);
  if (typeof decoded.header.nonce === "string") lines.push("Header nonce: a Microsoft Graph-style token; no client can verify its signature.");
  const spoofed = [aud, iss, scp, roles].some((v) => v !== undefined && hasInvisibleChars(v));
  if (spoofed) lines.push("Invisible or direction-changing characters in these claims are shown as \\u escapes: don't trust how the token looks elsewhere.");
  return lines;
}
