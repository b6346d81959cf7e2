// Builds JWT-shaped test tokens at test time (no token literals in the repo). Uses Node's Buffer on
// purpose: an encoder independent of the decoder under test.

export function b64url(input: string | Uint8Array): string {
  return Buffer.from(input).toString("base64url");
}

export const DEFAULT_HEADER = { typ: "JWT", alg: "RS256", kid: "test-key" } as const;

/** A fake signature of `bytes` bytes (256 for RS256). */
export function fakeSignature(bytes = 256): string {
  return b64url(Uint8Array.from({ length: bytes }, (_, i) => (i * 37 + 11) & 0xff));
}

export function makeJwt(payload: unknown, header: unknown = DEFAULT_HEADER, signature: string = fakeSignature()): string {
  return [b64url(JSON.stringify(header)), b64url(JSON.stringify(payload)), signature].join(".");
}

/** Five parts: protected header + four opaque parts. */
export function makeJwe(header: unknown = { alg: "RSA-OAEP", enc: "A256GCM", zip: "DEF" }): string {
  return [b64url(JSON.stringify(header)), fakeSignature(256), fakeSignature(12), fakeSignature(300), fakeSignature(16)].join(".");
}

/** Joins raw part strings (for malformed tokens). */
export function parts(...p: string[]): string {
  return p.join(".");
}

export const NOW_MS = Date.UTC(2025, 0, 15, 12, 0, 0);
export const NOW_SEC = NOW_MS / 1000;

/** A realistic v2 delegated Graph token payload, relative to NOW. */
export function graphPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    aud: "00000003-0000-0000-c000-000000000000",
    iss: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0",
    iat: NOW_SEC - 600,
    nbf: NOW_SEC - 600,
    exp: NOW_SEC + 3600,
    tid: "11111111-2222-3333-4444-555555555555",
    oid: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
    azp: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
    azpacr: "0",
    scp: "User.Read Mail.Read openid profile",
    idtyp: "user",
    ver: "2.0",
    name: "Test User",
    preferred_username: "test@contoso.example",
    ...overrides,
  };
}
