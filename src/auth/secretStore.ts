// Secrets the user gives us (client secrets, certificate passwords) live in VS Code's SecretStorage (the OS
// keychain), never in settings or profiles. A request carries only the key (TokenRequest.secretKey, made by
// commands/getTokenPlan.ts secretKeyFor); the auth layer reads the value when it builds the credential.
// This module does not import @azure/identity, so dist/extension.js can use it too.
import type * as vscode from "vscode";

const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** The part of vscode.SecretStorage we use (a Map-backed fake in tests). */
export type SecretBackend = Pick<vscode.SecretStorage, "get" | "store" | "delete">;

export class SecretStore {
  constructor(private readonly backend: SecretBackend) {}

  async get(key: string): Promise<string | undefined> {
    return this.backend.get(checkKey(key));
  }

  async set(key: string, value: string): Promise<void> {
    if (!value) throw new Error("The secret is empty: nothing was stored.");
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
