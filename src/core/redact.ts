// The one redaction function for logs and shown messages (SECURITY.md "Logs and errors").
// Masks JWS/JWE-shaped strings, Bearer credentials, OAuth secret parameters (query, form and JSON forms)
// and every secret registered at runtime (raw and URL-encoded). No module-level state: the host owns a
// SecretRegistry and passes it in.

export const REDACTED = "[REDACTED]";
export const REDACTED_JWT = "[REDACTED JWT]";

/** Secrets shorter than this are not registered: masking them would mangle ordinary text. */
export const MIN_SECRET_LENGTH = 6;

export const SECRET_PARAMETERS = [
  "access_token", "refresh_token", "id_token", "client_secret", "code", "assertion", "client_assertion",
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

function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  try {
    forms.add(encodeURIComponent(secret));
    // application/x-www-form-urlencoded writes spaces as +.
    forms.add(encodeURIComponent(secret).replace(/%20/g, "+"));
    // JSON-escaped (e.g. inside a logged request body).
    forms.add(JSON.stringify(secret).slice(1, -1));
  } catch {
    // A lone surrogate can't be URI-encoded; the raw form is still masked.
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

const B64 = "[A-Za-z0-9_-]";
// JWS (3 parts) or JWE (5 parts) whose header starts like JSON ("eyJ" = base64url of '{"'), starting at a
// word boundary or right after a %-escape (`Bearer%20eyJ…`, `token%3DeyJ…`). The boundary keeps matching
// linear on long base64 runs.
const JWT_RE = new RegExp(`(?:(?<![A-Za-z0-9_-])|(?<=%[0-9A-Fa-f]{2}))eyJ${B64}+(?:\\.${B64}*){2}(?:\\.${B64}*\\.${B64}*)?`, "g");
// Bearer / Basic credentials in headers or prose. Not an auth-param list (`Bearer realm="…", error=…`
// in WWW-Authenticate stays readable), and not the common words after "Bearer" in ordinary sentences.
const AUTH_SCHEME_RE = /\b(Bearer|Basic)(\s+|%20|\+)(?!\[REDACTED)(?![A-Za-z_-]+=")([^\s"'<>,;&)}\]]+)/gi;
const AUTH_STOPWORDS = new Set(["token", "tokens", "authentication", "auth", "authorization", "scheme", "header", "credential", "credentials", "error", "errors", "challenge"]);
const PARAMS = SECRET_PARAMETERS.join("|");
// key=value in query strings, form bodies and prose; also URL-encoded '=' (%3D) in nested redirect URLs.
const QUERY_RE = new RegExp(`(?:(?<![A-Za-z0-9_-])|(?<=%3F|%26))(${PARAMS})(=|%3D)(?!\\[REDACTED)([^&\\s"'<>#]+)`, "gi");
// JSON / JS object forms: "access_token": "…", 'code': '…', access_token: "…".
const JSON_RE = new RegExp(`(?<![A-Za-z0-9_-])(["']?)(${PARAMS})\\1(\\s*:\\s*)(["'])((?:\\\\.|(?!\\4)[^\\\\])*)\\4`, "gi");

/**
 * Masks secrets in `text`. `extraSecrets` may be a list or a SecretRegistry. Never throws on odd input.
 */
export function redact(text: string, extraSecrets?: Iterable<string> | SecretRegistry, options: RedactOptions = {}): string {
  if (typeof text !== "string") return "";
  let s = text;

  const secrets = extraSecrets instanceof SecretRegistry ? extraSecrets.values() : extraSecrets ? [...extraSecrets] : [];
  const forms = secrets
    .filter((x): x is string => typeof x === "string" && x.length >= MIN_SECRET_LENGTH)
    .flatMap(secretForms)
    .sort((a, b) => b.length - a.length);
  for (const f of forms) {
    if (s.includes(f)) s = s.split(f).join(REDACTED);
  }

  s = s.replace(JWT_RE, REDACTED_JWT);
  s = s.replace(JSON_RE, (_m, q1: string, key: string, sep: string, q2: string) => `${q1}${key}${q1}${sep}${q2}${REDACTED}${q2}`);
  s = s.replace(QUERY_RE, (_m, key: string, eq: string) => `${key}${eq}${REDACTED}`);
  s = s.replace(AUTH_SCHEME_RE, (m, scheme: string, space: string, value: string) =>
    AUTH_STOPWORDS.has(value.toLowerCase().replace(/[.:!?]+$/, "")) ? m : `${scheme}${space}${REDACTED}`);

  if (options.singleLine) s = s.replace(/[\r\n\u2028\u2029]+/g, " ");
  return s;
}

/** "eyJ0eX…a1b2 (1234 chars)": enough to recognise a token, useless to an attacker. */
export function maskToken(token: string): string {
  if (typeof token !== "string" || token.length === 0) return "(empty)";
  // Short values would be mostly revealed by 6 + 4 characters: show only the length.
  if (token.length < 24) return `•••• (${token.length} chars)`;
  return `${token.slice(0, 6)}…${token.slice(-4)} (${token.length} chars)`;
}
