// The lifecycle of the secrets the user types (client secrets, certificate passwords), in one place, so that every
// flow that takes a secret (Get Azure Token, Enter a new secret after a rejection, on-behalf-of) follows it:
//
//   typed ─▶ pending (this sign-in attempt only) ─┬─ failed ─▶ gone
//                                                 └─ signed in ─┬─ a saved profile owns the key ─▶ SecretStorage
//                                                               └─ otherwise ─▶ held in memory for this window
//   held ─▶ Save as Profile ─▶ SecretStorage;  held ─▶ window closes (dispose) ─▶ gone
//   stored ─▶ its last profile deleted, or Forget stored secrets ─▶ gone
//
// SecretStorage cannot list its keys (VS Code 1.93), so the keys written here are kept in an index in globalState (a key
// is a hash of tenant and client, not a secret); Forget stored secrets and the clean-up at activation read it.
// Like secretStore.ts, this module does not import @azure/identity: dist/features.js uses it.
import type * as vscode from "vscode";
import type { SecretBackend, SecretSink } from "./secretStore";

/** globalState key of the index of SecretStorage keys this extension wrote. */
export const SECRET_INDEX_KEY = "azureToken.secretKeys";

/** A secret already known for a key: in SecretStorage (a saved profile's), or held in memory for this window. */
export type KnownSecret = "stored" | "held";

export interface SecretVaultDeps {
  /** SecretStorage, through the key-checking SecretStore. */
  storage: SecretBackend;
  /** Where the index of our keys lives (globalState). */
  index: Pick<vscode.Memento, "get" | "update">;
  /** The secret keys of the saved profiles: a secret is written to SecretStorage only when one of them owns it. */
  ownedKeys: () => Iterable<string | undefined>;
  /** Every value typed or read is registered here, so the log and messages mask it. */
  sink?: SecretSink;
}

/** One sign-in attempt with the secret it used: settle it with succeeded() or failed(). */
export interface SecretAttempt {
  /** The sign-in worked: a typed secret is kept (stored or held, see the top of the file), replacing the old one. */
  succeeded(): Promise<void>;
  /** The sign-in failed or was cancelled: a typed secret is dropped; a known one stays as it was. */
  failed(): void;
}

export class SecretVault {
  private readonly held = new Map<string, string>();
  private readonly pending = new Map<string, { value: string; attempt: object }>();

  constructor(private readonly deps: SecretVaultDeps) {}

  /** What the auth layer reads: the value typed for the attempt in flight, else the held one, else the stored one. */
  async get(key: string): Promise<string | undefined> {
    return this.pending.get(key)?.value ?? this.held.get(key) ?? (await this.deps.storage.get(key));
  }

  /** Whether a secret is known for the key, and where: the secret step offers it instead of using it silently. */
  async known(key: string | undefined): Promise<KnownSecret | undefined> {
    if (!key) return undefined;
    if (this.held.has(key)) return "held";
    return (await this.deps.storage.get(key)) !== undefined ? "stored" : undefined;
  }

  /**
   * Starts a sign-in attempt for `key`. `typed`: the secret the user just entered ("" = explicitly none, a certificate
   * whose key has no password); undefined = use the known one. Until it is settled, get(key) answers `typed`.
   */
  begin(key: string | undefined, typed: string | undefined): SecretAttempt {
    if (!key || typed === undefined) return { succeeded: async () => undefined, failed: () => undefined };
    const attempt = {};
    if (typed) this.deps.sink?.register(typed);
    this.pending.set(key, { value: typed, attempt });
    const settle = () => {
      if (this.pending.get(key)?.attempt === attempt) this.pending.delete(key);
    };
    return {
      succeeded: async () => {
        settle();
        await this.keep(key, typed);
      },
      failed: settle,
    };
  }

  /** A profile was saved: the secret it owns, held for this window, moves to SecretStorage. */
  async adopt(key: string | undefined): Promise<void> {
    const value = key && this.held.get(key);
    if (key && value) await this.keep(key, value);
  }

  /** No saved profile uses the key any more: its secret leaves SecretStorage and memory. */
  async release(key: string | undefined): Promise<void> {
    if (!key || this.isOwned(key)) return;
    this.held.delete(key);
    await this.remove(key);
  }

  /**
   * Forget stored secrets: every key in the index and every saved profile's key leave SecretStorage, and the held ones
   * leave memory. Profiles stay and ask for their secret on next use. Resolves how many secrets were forgotten.
   */
  async forgetAll(): Promise<number> {
    const keys = new Set<string>([...this.indexed(), ...this.ownedKeySet(), ...this.held.keys()]);
    let forgotten = 0;
    for (const key of keys) {
      if (this.held.delete(key) || (await this.deps.storage.get(key)) !== undefined) forgotten++;
      await this.remove(key);
    }
    return forgotten;
  }

  /** At activation: indexed keys no saved profile owns (a crash mid-way, a profile store kept aside) leave storage. */
  async removeOrphans(): Promise<void> {
    for (const key of this.indexed()) if (!this.isOwned(key)) await this.remove(key);
  }

  /** The SecretStorage keys this extension wrote and still holds (the index). */
  indexed(): string[] {
    const raw = this.deps.index.get<unknown>(SECRET_INDEX_KEY);
    return Array.isArray(raw) ? raw.filter((k): k is string => typeof k === "string") : [];
  }

  /** Keys held in memory for this window (never their values). */
  heldKeys(): string[] {
    return [...this.held.keys()];
  }

  /** The window closes: held and pending secrets are forgotten (they were never on disk). */
  dispose(): void {
    this.held.clear();
    this.pending.clear();
  }

  /** Keeps a secret that just worked: stored when a saved profile owns the key, else held; the old value is gone. */
  private async keep(key: string, value: string): Promise<void> {
    if (!value) {
      // "No password" worked: a password known before is stale.
      this.held.delete(key);
      await this.remove(key);
    } else if (this.isOwned(key)) {
      this.held.delete(key);
      // Indexed before it is written: a crash in between leaves an indexed key, never an unknown one.
      await this.setIndex([...new Set([...this.indexed(), key])]);
      await this.deps.storage.store(key, value);
    } else {
      this.held.set(key, value);
      await this.remove(key);
    }
  }

  private async remove(key: string): Promise<void> {
    await this.deps.storage.delete(key);
    const index = this.indexed();
    if (index.includes(key)) await this.setIndex(index.filter((k) => k !== key));
  }

  private setIndex(keys: string[]): Thenable<void> {
    return this.deps.index.update(SECRET_INDEX_KEY, keys.length ? keys : undefined);
  }

  private ownedKeySet(): Set<string> {
    return new Set([...this.deps.ownedKeys()].filter((k): k is string => Boolean(k)));
  }

  private isOwned(key: string): boolean {
    return this.ownedKeySet().has(key);
  }
}
