// Secrets the user gives us (client secrets, certificate passwords) live in VS Code's SecretStorage (the OS
// keychain), never in settings or profiles. A request carries only the key (TokenRequest.secretKey, made by
// core/getTokenPlan.ts secretKeyFor); the auth layer reads the value when it builds the credential.
// This module does not import @azure/identity, so dist/features.js can use it too.
import { createHash } from "node:crypto";
import type * as vscode from "vscode";
import type { ProfileDraft } from "../core/getTokenPlan";
import { credentialDescriptor, profileKey } from "../core/profiles";

const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** The part of vscode.SecretStorage we use (a Map-backed fake in tests). */
export type SecretBackend = Pick<vscode.SecretStorage, "get" | "store" | "delete">;

/** What the auth layer reads secrets through (the SecretVault: the attempt's typed secret, a held one or a stored one). */
export type SecretReader = Pick<SecretBackend, "get">;

/** Where secret values are registered while in use, so the log and messages mask them (core/redact SecretRegistry). */
export interface SecretSink {
  register(secret: string): unknown;
}

/** SecretStorage with key checks; it registers every value it reads or stores with the redaction `sink`. */
export class SecretStore implements SecretBackend {
  constructor(private readonly backend: SecretBackend, private readonly sink?: SecretSink) {}

  async get(key: string): Promise<string | undefined> {
    const value = await this.backend.get(checkKey(key));
    if (value) this.sink?.register(value);
    return value;
  }

  async store(key: string, value: string): Promise<void> {
    if (!value) throw new Error("The secret is empty: nothing was stored.");
    this.sink?.register(value);
    await this.backend.store(checkKey(key), value);
  }

  async delete(key: string): Promise<void> {
    await this.backend.delete(checkKey(key));
  }
}

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error("Invalid secret key: letters, digits and . _ : - only, at most 200 characters.");
  return key;
}

/** SecretStorage key of the secret (client secret, certificate password) of an app in a tenant; independent of scopes. */
export function secretKeyFor(draft: ProfileDraft): string | undefined {
  const d = credentialDescriptor(draft.credential);
  if (!d.needsSecret && !d.needsCertificate) return undefined;
  const key = profileKey({ ...draft, id: "x", name: "x", scopes: [], loginHint: undefined, certificatePath: undefined });
  return `azureToken.secret.${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;
}
