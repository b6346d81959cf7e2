// "Copy as…" formats. Pure text building with safe quoting; the host does the clipboard write.
// The token, URL and claims are treated as hostile input: shells get single-quoted strings, HTTP-ish
// formats refuse anything that is not a plain bearer token or URL.

import { prettyJsonBounded } from "./boundedJson";
import { findResource, urlNamedBy } from "./resources";
import { cleanTokenInput, decodeToken, type DecodeResult } from "./jwt";

export type CopyFormat = "raw" | "header" | "curl" | "bash" | "powershell" | "restClient" | "claimsJson";

export interface CopyFormatInfo {
  readonly id: CopyFormat;
  readonly label: string;
  readonly detail: string;
  /** Whether the copied text contains the bearer token itself (the host may auto-clear the clipboard). */
  readonly containsToken: boolean;
}

/** Menu order. */
export const COPY_FORMATS: readonly CopyFormatInfo[] = [
  { id: "raw", label: "Token", detail: "The access token only", containsToken: true },
  { id: "header", label: "Authorization header", detail: "Authorization: Bearer …", containsToken: true },
  { id: "curl", label: "curl command", detail: "curl -H \"Authorization: Bearer …\" <url> (bash, zsh)", containsToken: true },
  { id: "bash", label: "Environment variable (bash, zsh)", detail: "export AZURE_ACCESS_TOKEN='…'", containsToken: true },
  { id: "powershell", label: "Environment variable (PowerShell)", detail: "$env:AZURE_ACCESS_TOKEN = '…'", containsToken: true },
  { id: "restClient", label: "REST Client (.http)", detail: "@token = … and a request that uses it", containsToken: true },
  { id: "claimsJson", label: "Decoded claims (JSON)", detail: "The payload, pretty-printed; no signature", containsToken: false },
];

export const DEFAULT_ENV_VARIABLE = "AZURE_ACCESS_TOKEN";
export const DEFAULT_HTTP_VARIABLE = "token";
export const PLACEHOLDER_URL = "https://<your-api>/<path>";
/** *Copy as decoded claims* refuses JSON longer than this (a token is at most 64 KiB; its claims fit easily). */
export const MAX_CLAIMS_JSON_CHARS = 1_000_000;

export interface CopyOptions {
  /** Environment variable name for bash / PowerShell (default AZURE_ACCESS_TOKEN). */
  readonly variableName?: string;
  /** REST Client file variable name (default token). */
  readonly httpVariableName?: string;
  /** Request URL for curl / REST Client; default derived from the token's audience. */
  readonly url?: string;
}

export type CopyResult =
  | { readonly ok: true; readonly text: string; readonly containsToken: boolean }
  | { readonly ok: false; readonly message: string };

const VARIABLE_RE = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
/** RFC 6750 b64token: what may follow "Bearer " in a header. */
const B64TOKEN_RE = /^[A-Za-z0-9\-._~+/]+=*$/;

/** POSIX shell single quotes: nothing inside is special; a ' is closed, escaped and reopened. */
export function shellSingleQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * PowerShell single-quoted string: only quote characters are special, and PowerShell treats the
 * typographic single quotes (U+2018, U+2019, U+201A, U+201B) as quotes too, so each is doubled.
 */
export function powershellSingleQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
}

function safeUrl(candidate: string): string | undefined {
  // No whitespace or control characters: they would break a header line or an .http request line.
  if (candidate.length > 4096 || /[\s\u0000-\u001F\u007F]/.test(candidate)) return undefined;
  try {
    const u = new URL(candidate);
    return u.protocol === "https:" || u.protocol === "http:" ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/** A request that works with a token for its audience: Graph /me, ARM subscriptions, else a placeholder. */
export function defaultRequestUrl(decoded: DecodeResult): string {
  if (decoded.kind !== "jws") return PLACEHOLDER_URL;
  const aud = decoded.payload.aud;
  const first = (Array.isArray(aud) ? aud : [aud]).find((a): a is string => typeof a === "string");
  if (!first) return PLACEHOLDER_URL;
  const resource = findResource(first);
  if (!resource?.sampleUrl) return PLACEHOLDER_URL;
  // Keep the token's own national cloud; ARM's legacy management.core.* audience maps to management.*.
  const own = urlNamedBy(resource, first) ?? resource.urls[0];
  const origin = own === "https://management.core.windows.net" ? "https://management.azure.com" : own.replace("://management.core.", "://management.");
  const url = resource.sampleUrl.replace("{origin}", origin);
  return safeUrl(url) ?? PLACEHOLDER_URL;
}

function fail(message: string): CopyResult {
  return { ok: false, message };
}

/**
 * Builds the text to copy. Never throws. The token is cleaned like a paste (Bearer prefix, quotes and
 * whitespace removed) first, so a pasted "Bearer …" does not become "Bearer Bearer …".
 */
export function formatForCopy(format: CopyFormat, token: string, opts: CopyOptions = {}): CopyResult {
  if (typeof token !== "string") return fail("No token to copy.");
  const t = cleanTokenInput(token).text;
  if (t.length === 0) return fail("No token to copy.");
  const isB64Token = format === "header" || format === "curl" || format === "restClient" ? B64TOKEN_RE.test(t) : false;

  const varName = opts.variableName ?? DEFAULT_ENV_VARIABLE;
  const httpVar = opts.httpVariableName ?? DEFAULT_HTTP_VARIABLE;

  const resolveUrl = (): string | undefined => {
    if (opts.url !== undefined) return safeUrl(opts.url.trim());
    return defaultRequestUrl(decodeToken(t));
  };

  switch (format) {
    case "raw":
      return { ok: true, text: t, containsToken: true };
    case "header":
      if (!isB64Token) return fail("This token contains characters that are not allowed in an Authorization header.");
      return { ok: true, text: `Authorization: Bearer ${t}`, containsToken: true };
    case "curl": {
      const url = resolveUrl();
      if (url === undefined) return fail("The URL must be an http(s) URL without spaces or line breaks.");
      // A b64token has nothing special for a double-quoted shell string; anything else is single-quoted.
      const headerArg = isB64Token ? `"Authorization: Bearer ${t}"` : shellSingleQuote(`Authorization: Bearer ${t}`);
      return { ok: true, text: `curl -H ${headerArg} ${shellSingleQuote(url)}`, containsToken: true };
    }
    case "bash":
      if (!VARIABLE_RE.test(varName)) return fail(`'${varName}' is not a valid environment variable name (letters, digits and _, not starting with a digit).`);
      return { ok: true, text: `export ${varName}=${shellSingleQuote(t)}`, containsToken: true };
    case "powershell":
      if (!VARIABLE_RE.test(varName)) return fail(`'${varName}' is not a valid environment variable name (letters, digits and _, not starting with a digit).`);
      return { ok: true, text: `$env:${varName} = ${powershellSingleQuote(t)}`, containsToken: true };
    case "restClient": {
      if (!VARIABLE_RE.test(httpVar)) return fail(`'${httpVar}' is not a valid REST Client variable name.`);
      // REST Client expands {{…}} inside values, so only a plain b64token may go in.
      if (!isB64Token) return fail("This token contains characters that cannot be put in a REST Client file safely.");
      const url = resolveUrl();
      if (url === undefined) return fail("The URL must be an http(s) URL without spaces or line breaks.");
      return { ok: true, text: `@${httpVar} = ${t}\n\nGET ${url}\nAuthorization: Bearer {{${httpVar}}}\n`, containsToken: true };
    }
    case "claimsJson": {
      const decoded = decodeToken(t);
      if (decoded.kind !== "jws") {
        const why = decoded.kind === "error" ? decoded.message : decoded.kind === "jwe" ? decoded.message : decoded.reason;
        return fail(`No claims to copy: ${why}`);
      }
      // Bounded: arrays nested 5,000 deep overflow JSON.stringify. Deep values are written compactly, invisible and
      // direction-changing characters as \u escapes (the same JSON, visibly).
      const json = prettyJsonBounded(decoded.payload, MAX_CLAIMS_JSON_CHARS);
      if (json.truncated) return fail(`No claims to copy: the decoded claims are longer than ${MAX_CLAIMS_JSON_CHARS.toLocaleString("en-US")} characters as JSON.`);
      return { ok: true, text: json.text, containsToken: false };
    }
    default: {
      const never: never = format;
      return fail(`Unknown copy format: ${String(never)}`);
    }
  }
}
