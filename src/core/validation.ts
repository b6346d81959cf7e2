// Validators for the multi-step "Get token" input, run on every keystroke.
// Each returns undefined when the value is acceptable, or one message in plain words: what is wrong and what is
// expected. Pure: no 'vscode', no '@azure/identity'. Messages never echo a value that might be a secret.
import { isGuid, isTenantKeyword } from "./ids";
import { GRAPH_RESOURCE } from "./resourceCatalogue";
import { defaultScope, isDefaultPermission, isOidcScope, normaliseResource, parseScope, URI_SCHEME } from "./scopes";

const TENANT_EXAMPLE =
  "A tenant is a GUID like 72f988bf-86f1-41af-91ab-2d7cd011db47, a domain like contoso.onmicrosoft.com, or one of organizations, common, consumers";
const MAX_TENANT_LENGTH = 253;
const MAX_SCOPES_INPUT = 4000;
const MAX_SCOPES = 50;

/** Describes the first whitespace or control character in a value, e.g. "contains a space", or undefined. */
function describeBadCharacter(value: string): string | undefined {
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === " " || ch === "\u00a0") return "contains a space";
    if (ch === "\t") return "contains a tab";
    if (ch === "\n" || ch === "\r" || ch === "\u2028" || ch === "\u2029") return "contains a line break";
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return `contains a control character (U+${c.toString(16).toUpperCase().padStart(4, "0")})`;
    if (/\s/u.test(ch)) return "contains a whitespace character";
    if (/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u.test(ch)) {
      return "contains an invisible character (zero-width or text-direction mark), often picked up when copying from a web page";
    }
  }
  return undefined;
}

/** Shows a value in a message: control characters replaced, long values shortened. */
function show(value: string, max = 60): string {
  const printable = value.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu, "�");
  return printable.length > max ? `${printable.slice(0, max - 1)}…` : printable;
}

/** DNS name rules: 2+ labels, each 1–63 of letters, digits, hyphens (not at the ends); an alphabetic (or xn--) top-level label. */
function domainProblem(v: string): string | undefined {
  if (v.length > MAX_TENANT_LENGTH) return `is ${v.length} characters long; a domain name has at most 253`;
  const labels = v.split(".");
  if (labels.length < 2) return undefined; // handled by caller (single word)
  for (const label of labels) {
    if (label.length === 0) return "has an empty part between dots";
    if (label.length > 63) return `has a part longer than 63 characters ('${show(label, 20)}')`;
    if (!/^[a-z0-9-]+$/i.test(label)) {
      const bad = [...label].find((ch) => !/[a-z0-9-]/i.test(ch)) ?? "";
      return `contains '${show(bad)}', which a domain name can't contain (letters, digits, hyphens and dots only)`;
    }
    if (label.startsWith("-") || label.endsWith("-")) return `has a part that starts or ends with a hyphen ('${label}')`;
  }
  const tld = labels[labels.length - 1];
  if (!/^[a-z]{2,63}$/i.test(tld) && !/^xn--[a-z0-9-]+$/i.test(tld)) return `ends in '.${tld}', which is not a top-level domain`;
  return undefined;
}

/**
 * Tenant: a GUID, a verified domain (contoso.onmicrosoft.com, contoso.com), or organizations / common / consumers
 * (case-insensitive).
 */
export function validateTenant(value: string): string | undefined {
  if (value.length === 0) return `Enter a tenant. ${TENANT_EXAMPLE}.`;
  const bad = describeBadCharacter(value);
  if (bad) {
    if (value.trim() !== value && !describeBadCharacter(value.trim())) {
      return `'${show(value.trim())}' has a space or line break before or after it; remove it. ${TENANT_EXAMPLE}.`;
    }
    return `'${show(value)}' ${bad}. ${TENANT_EXAMPLE}.`;
  }
  const v = value;
  const lower = v.toLowerCase();
  if (isTenantKeyword(lower)) return undefined;
  if (isGuid(v)) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
    let host = "";
    try {
      host = new URL(v).hostname;
    } catch {
      /* keep empty */
    }
    const hint = host && /microsoftonline|login\./i.test(host)
      ? "enter just the tenant part that follows the host (e.g. contoso.onmicrosoft.com)"
      : host ? `did you mean '${host}'?` : "enter just the tenant";
    return `'${show(v)}' is an address; a tenant is not a URL: ${hint}. ${TENANT_EXAMPLE}.`;
  }
  if (v.includes("@")) {
    const domain = v.slice(v.lastIndexOf("@") + 1);
    return `'${show(v)}' looks like an e-mail address; use its domain${domain ? ` ('${show(domain)}')` : ""} or the tenant ID instead. ${TENANT_EXAMPLE}.`;
  }
  if (/^\{.*\}$/.test(v) && isGuid(v.slice(1, -1))) return `Remove the braces: enter the tenant ID as ${v.slice(1, -1)}.`;
  const hexDash = /^[0-9a-f-]+$/i.test(v) && v.includes("-");
  if (hexDash || /^[0-9a-f]{32}$/i.test(v)) {
    const digits = v.replace(/-/g, "").length;
    if (digits !== 32) return `'${show(v)}' has ${digits} hex digits; a tenant ID is a GUID with 32 (8-4-4-4-12), like 72f988bf-86f1-41af-91ab-2d7cd011db47.`;
    return `'${show(v)}' is not in GUID form; write it as 8-4-4-4-12 hex digits, like 72f988bf-86f1-41af-91ab-2d7cd011db47.`;
  }
  if (!v.includes(".")) {
    if (/^[a-z0-9][a-z0-9-]*$/i.test(v)) {
      return `'${show(v)}' is not a full domain; did you mean ${lower}.onmicrosoft.com? ${TENANT_EXAMPLE}.`;
    }
    const badChar = [...v].find((ch) => !/[a-z0-9-]/i.test(ch)) ?? "";
    return `'${show(v)}' contains '${show(badChar)}', which a tenant can't contain. ${TENANT_EXAMPLE}.`;
  }
  const problem = domainProblem(v);
  if (problem) return `'${show(v)}' ${problem}. ${TENANT_EXAMPLE}.`;
  return undefined;
}

/** Entra client secrets are 40-ish characters of base64-like text, current ones with '~' ('abc8Q~…'). */
function looksLikeSecret(value: string): boolean {
  if (value.includes("~")) return true;
  return value.length >= 30 && value.length <= 48 && /^[A-Za-z0-9._=+/[\]:@?-]+$/.test(value) &&
    /[g-z]/i.test(value) && /[0-9]/.test(value) && !/^\{?[0-9a-f-]+\}?$/i.test(value);
}

/** Client (application) ID: a GUID, as shown on the app registration's Overview page. */
export function validateClientId(value: string): string | undefined {
  const expected = "The application (client) ID is a GUID like 04b07795-8ddb-461a-bbee-02f9e1bf7b46 (Entra admin center → App registrations → your app → Overview)";
  if (value.length === 0) return `Enter the client ID. ${expected}.`;
  if (!/\s/.test(value) && (/^api:\/\//i.test(value) || /^https?:\/\//i.test(value))) {
    return `'${show(value)}' is an Application ID URI (used in scopes), not the client ID. ${expected}.`;
  }
  // A client secret pasted here must not be echoed back.
  if (looksLikeSecret(value)) {
    return `This looks like a client secret, not a client ID. ${expected}. Never paste a secret here.`;
  }
  const bad = describeBadCharacter(value);
  if (bad) {
    if (value.trim() !== value && !describeBadCharacter(value.trim())) return `The client ID has a space or line break before or after it; remove it. ${expected}.`;
    return `The client ID ${bad}. ${expected}.`;
  }
  if (isGuid(value)) return undefined;
  if (/^\{.*\}$/.test(value)) {
    const inner = value.slice(1, -1);
    return isGuid(inner) ? `Remove the braces: enter ${inner}.` : `Remove the braces. ${expected}.`;
  }
  if (/^[0-9a-f-]+$/i.test(value)) {
    const digits = value.replace(/-/g, "").length;
    if (digits !== 32) return `'${show(value)}' has ${digits} hex digits; a client ID has 32, grouped 8-4-4-4-12. ${expected}.`;
    return `'${show(value)}' has the right digits but not the 8-4-4-4-12 grouping. ${expected}.`;
  }
  const badChar = [...value].find((ch) => !/[0-9a-f-]/i.test(ch)) ?? "";
  return `'${show(value)}' contains '${show(badChar)}', which is not a hex digit. ${expected}.`;
}

// ---------------------------------------------------------------------------------------------------------------
// Scopes

export type ParsedScopes = { scopes: string[]; hints: string[] } | { error: string };

const QUOTES = /["'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb]/u;
const FORBIDDEN_IN_SCOPE = /[<>\\{}|^[\]]/;
const SCOPE_EXAMPLE = "e.g. https://graph.microsoft.com/.default, https://graph.microsoft.com/User.Read or api://<app-id>/access_as_user";

interface ClassifiedScope {
  scope: string;
  resource?: string;
  isDefault: boolean;
}

function classify(token: string, hints: string[]): ClassifiedScope | { error: string } {
  if (isOidcScope(token)) return { scope: token.toLowerCase(), isDefault: false };
  if (FORBIDDEN_IN_SCOPE.test(token)) {
    const ch = FORBIDDEN_IN_SCOPE.exec(token)?.[0] ?? "";
    return { error: `'${show(token)}' contains '${ch}', which can't appear in a scope. Enter scopes ${SCOPE_EXAMPLE}.` };
  }
  const scheme = URI_SCHEME.exec(token);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    const rest = token.slice(scheme[0].length);
    if (!rest || rest.startsWith("/")) return { error: `'${show(token)}' has no host or app ID after ${name}://. Enter scopes ${SCOPE_EXAMPLE}.` };
    if (rest.includes("?") || rest.includes("#")) {
      return { error: `'${show(token)}' contains a query or fragment ('?' or '#'); a scope is the resource's ID URI plus a permission, ${SCOPE_EXAMPLE}.` };
    }
    const withoutTrailing = rest.replace(/\/+$/, "");
    if (!withoutTrailing.includes("/")) {
      // A resource on its own: ask for its .default scope.
      const resource = `${scheme[0].toLowerCase()}${withoutTrailing}`;
      const scope = defaultScope(resource);
      hints.push(`'${show(token)}' has no permission, so it was turned into ${scope} (all the permissions the app has been granted for that resource).`);
      return { scope, resource, isDefault: true };
    }
    const { resource = token, permission } = parseScope(token);
    if (!permission) return { error: `'${show(token)}' ends with '/' but names no permission; add one, or use ${defaultScope(resource)}.` };
    return { scope: token, resource, isDefault: isDefaultPermission(permission) };
  }
  if (isGuid(token)) {
    const scope = defaultScope(token);
    hints.push(`'${token}' is an application ID with no permission, so it was turned into ${scope}.`);
    return { scope, resource: token, isDefault: true };
  }
  const { resource, permission } = parseScope(token);
  if (resource !== undefined) {
    if (!permission) return { error: `'${show(token)}' ends with '/' but names no permission; add one, or use ${defaultScope(resource)}.` };
    if (isGuid(resource)) return { scope: token, resource, isDefault: isDefaultPermission(permission) };
    if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(resource)) {
      return { error: `'${show(token)}' is missing https:// in front of the resource; did you mean https://${token}?` };
    }
    return { error: `'${show(token)}' is not a scope Entra understands. Enter scopes ${SCOPE_EXAMPLE}.` };
  }
  if (token.startsWith("/") || isDefaultPermission(token)) {
    return { error: `'${show(token)}' needs a resource in front of it, e.g. https://graph.microsoft.com/.default.` };
  }
  if (/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/.test(token) && domainProblem(token) === undefined) {
    // All lower-case and shaped like a host name: a resource URL without https://.
    return { error: `'${show(token)}' looks like a host name; a resource needs https:// in front: https://${token}/.default.` };
  }
  if (/^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/.test(token)) {
    hints.push(`'${token}' has no resource, so Entra treats it as a Microsoft Graph permission (${GRAPH_RESOURCE}/${token}).`);
    return { scope: token, resource: GRAPH_RESOURCE, isDefault: false };
  }
  return { error: `'${show(token)}' is not a scope. Enter scopes ${SCOPE_EXAMPLE}.` };
}

/**
 * Parses the scope step's input: one or more scopes separated by spaces or commas.
 * Accepts https://resource/.default, resource/permission, api://…/…, bare Graph permissions (User.Read, with a hint),
 * and a resource URL or app ID without a permission (turned into <resource>/.default, with a hint).
 * OIDC scopes (openid, profile, email, offline_access) may accompany them.
 * Refuses control characters, quotes, more than one resource, and .default mixed with other scopes.
 */
export function parseScopes(input: string): ParsedScopes {
  if (input.length > MAX_SCOPES_INPUT) return { error: `The scopes are ${input.length} characters long; enter at most ${MAX_SCOPES_INPUT}.` };
  for (const ch of input) {
    if (ch === " ") continue;
    const bad = describeBadCharacter(ch);
    if (bad) return { error: `The scopes ${bad}. Separate scopes with spaces or commas, ${SCOPE_EXAMPLE}.` };
  }
  if (QUOTES.test(input)) return { error: "Remove the quotes: enter scopes without quotation marks, separated by spaces or commas." };
  const tokens = input.split(/[ ,]+/).filter((t) => t.length > 0);
  if (tokens.length === 0) return { error: `Enter at least one scope, ${SCOPE_EXAMPLE}.` };
  if (tokens.length > MAX_SCOPES) return { error: `That is ${tokens.length} scopes; enter at most ${MAX_SCOPES}.` };

  const hints: string[] = [];
  const classified: ClassifiedScope[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    const c = classify(token, hints);
    if ("error" in c) return c;
    const key = c.scope.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    classified.push(c);
  }

  const withResource = classified.filter((c) => c.resource !== undefined);
  if (withResource.length === 0) {
    return {
      error: "Add a resource scope: openid, profile, email and offline_access only sign you in, they don't choose an API. E.g. https://graph.microsoft.com/.default.",
    };
  }
  const byResource = new Map<string, ClassifiedScope[]>();
  for (const c of withResource) {
    const key = normaliseResource(c.resource as string);
    const list = byResource.get(key) ?? [];
    list.push(c);
    byResource.set(key, list);
  }
  if (byResource.size > 1) {
    const groups = [...byResource.values()];
    const names = groups.map((g) => g[0].resource as string);
    const defaults = groups.filter((g) => g.some((c) => c.isDefault));
    if (defaults.length > 1) {
      return {
        error: `Entra can't combine .default scopes of different resources (${names.join(" and ")}): it refuses the request with AADSTS70011. Ask for one resource at a time.`,
      };
    }
    return {
      error: `These scopes are for ${names.length} resources (${names.join(", ")}). Entra issues a token for one resource at a time: keep the scopes of one resource and get another token for the next.`,
    };
  }
  const [group] = [...byResource.values()];
  if (group.some((c) => c.isDefault) && group.some((c) => !c.isDefault)) {
    const resource = group[0].resource as string;
    const named = group.filter((c) => !c.isDefault).map((c) => c.scope);
    return {
      error: `Use either ${defaultScope(resource)} or named permissions (${named.join(", ")}), not both: .default already means every permission granted to the app, and Entra refuses the mix (AADSTS70011).`,
    };
  }
  const oidc = classified.filter((c) => c.resource === undefined).map((c) => c.scope);
  if (oidc.some((s) => s !== "email")) {
    hints.push(`${oidc.filter((s) => s !== "email").join(", ")} ${oidc.filter((s) => s !== "email").length === 1 ? "is" : "are"} added by the sign-in library anyway; listing ${oidc.length === 1 ? "it" : "them"} is harmless.`);
  }
  return { scopes: classified.map((c) => c.scope), hints: [...new Set(hints)] };
}

/** The scope step's input-box validator: a message, or undefined when the scopes are acceptable. */
export function validateScopes(value: string): string | undefined {
  const r = parseScopes(value);
  return "error" in r ? r.error : undefined;
}
