// Saved profiles and recents in globalState (non-secret metadata only; secrets live in context.secrets).
// A store that cannot be read is reported once and kept aside under a backup key, never wiped.
import { randomUUID } from "node:crypto";
import type * as vscode from "vscode";
import {
  parseProfileStore, profileKey, removeProfile, renameProfile, sanitizeForBackup, serializeProfileStore, upsertProfile, type Profile,
} from "../core/profiles";
import { parseRecents, recordRecents, type Recents } from "./recents";

export const PROFILES_KEY = "azureToken.profiles.v1";
export const PROFILES_BACKUP_KEY = "azureToken.profiles.v1.corruptBackup";
export const RECENTS_KEY = "azureToken.recents.v1";

const MAX_BACKUPS = 5;

export interface ProfileBackup {
  savedAt: number;
  reason: string;
  data: unknown;
}

export class ProfileStore {
  private warned = false;

  constructor(
    private readonly memento: vscode.Memento,
    /** Called once per window with a clear message when the stored profiles cannot be read. */
    private readonly warn: (message: string) => void,
  ) {}

  /** Saved profiles, most recently used first (never used: by name). */
  list(): Profile[] {
    return [...this.read()].sort((a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0) || a.name.localeCompare(b.name));
  }

  /** Finds a profile by id, or by name (case-insensitive). */
  find(nameOrId: string): Profile | undefined {
    const profiles = this.read();
    const wanted = nameOrId.trim().toLowerCase();
    return profiles.find((p) => p.id === nameOrId) ?? profiles.find((p) => p.name.toLowerCase() === wanted);
  }

  /** A saved profile that asks for the same token (same credential, authority, tenant, client, scopes, account). */
  findSame(draft: Omit<Profile, "id" | "name">): Profile | undefined {
    const key = profileKey({ ...draft, id: "x", name: "x" });
    return this.read().find((p) => profileKey(p) === key);
  }

  async save(draft: Omit<Profile, "id" | "name" | "lastUsedAt">, name: string, lastUsedAt = Date.now()): Promise<Profile> {
    const profile: Profile = { ...draft, id: randomUUID(), name: name.trim(), lastUsedAt };
    const next = upsertProfile(this.read(), profile);
    await this.write(next);
    return next.find((p) => p.id === profile.id) as Profile;
  }

  async rename(id: string, name: string): Promise<void> {
    await this.write(renameProfile(this.read(), id, name));
  }

  async remove(id: string): Promise<void> {
    await this.write(removeProfile(this.read(), id));
  }

  async touch(id: string, when = Date.now()): Promise<void> {
    await this.write(this.read().map((p) => (p.id === id ? { ...p, lastUsedAt: when } : p)));
  }

  recents(): Recents {
    return parseRecents(this.memento.get(RECENTS_KEY));
  }

  async recordRecents(used: { tenant?: string; clientId?: string; scopes: readonly string[] }): Promise<void> {
    await this.memento.update(RECENTS_KEY, recordRecents(this.recents(), used));
  }

  /** Unreadable stores kept aside, newest first. */
  backups(): ProfileBackup[] {
    const b = this.memento.get<unknown>(PROFILES_BACKUP_KEY);
    return Array.isArray(b) ? (b as ProfileBackup[]) : [];
  }

  private read(): Profile[] {
    const raw = this.memento.get<unknown>(PROFILES_KEY);
    const parsed = parseProfileStore(raw);
    if (parsed.corrupt) {
      // Keep the unreadable data aside (secret-looking keys removed) before any write could replace it.
      const data = sanitizeForBackup(raw);
      const backups = this.backups();
      if (!backups.some((b) => JSON.stringify(b.data) === JSON.stringify(data))) {
        const entry: ProfileBackup = { savedAt: Date.now(), reason: parsed.corrupt.reason, data };
        void this.memento.update(PROFILES_BACKUP_KEY, [entry, ...backups].slice(0, MAX_BACKUPS));
      }
      if (!this.warned) {
        this.warned = true;
        this.warn(`Azure Token: some saved profiles could not be read and were kept aside (globalState key ${PROFILES_BACKUP_KEY}). ${parsed.corrupt.reason}`);
      }
    } else if (parsed.strippedSecretKeys) {
      // Secret-looking fields must leave storage at once.
      void this.memento.update(PROFILES_KEY, serializeProfileStore(parsed.profiles));
    }
    return parsed.profiles;
  }

  private async write(profiles: readonly Profile[]): Promise<void> {
    await this.memento.update(PROFILES_KEY, serializeProfileStore(profiles));
  }
}
