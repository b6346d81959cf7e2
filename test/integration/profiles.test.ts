// The profile store inside the real extension host: save, MRU order, rename, delete, a corrupt store kept aside.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { PROFILES_BACKUP_KEY, PROFILES_KEY, ProfileStore, RECENTS_KEY } from "../../src/tokens/profileStore";
import { RECENTS_CAP } from "../../src/tokens/recents";
import { APPS, TENANT } from "../fake-entra/sandbox";

/** vscode.Memento in memory, with the same copy-on-write semantics as globalState (values are JSON). */
class MemoryMemento implements vscode.Memento {
  readonly data = new Map<string, string>();
  keys(): readonly string[] { return [...this.data.keys()]; }
  get<T>(key: string, fallback?: T): T | undefined {
    const v = this.data.get(key);
    return v === undefined ? fallback : JSON.parse(v) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.data.delete(key); else this.data.set(key, JSON.stringify(value));
  }
}

const draft = (scope: string) => ({
  credential: "interactiveBrowser" as const, cloud: "AzurePublic" as const, tenant: TENANT.id, clientId: APPS.publicClient.appId, scopes: [scope],
});

suite("Profile store", () => {
  test("saves, lists most recently used first, renames and deletes", async () => {
    const memento = new MemoryMemento();
    const warnings: string[] = [];
    const store = new ProfileStore(memento, (m) => warnings.push(m));
    const graph = await store.save(draft("https://graph.microsoft.com/.default"), "Graph", 1000);
    const arm = await store.save(draft("https://management.azure.com/.default"), "ARM", 2000);
    assert.deepEqual(store.list().map((p) => p.name), ["ARM", "Graph"]);
    await store.touch(graph.id, 3000);
    assert.deepEqual(store.list().map((p) => p.name), ["Graph", "ARM"], "using a profile moves it first");
    assert.equal(store.find("arm")?.id, arm.id, "found by name, case-insensitive");
    assert.equal(store.find(graph.id)?.name, "Graph", "found by id");
    assert.equal(store.findSame(draft("https://management.azure.com/.default"))?.id, arm.id);

    await store.rename(arm.id, "Resource Manager");
    assert.equal(store.find(arm.id)?.name, "Resource Manager");
    await assert.rejects(store.rename(arm.id, " "), /Enter a name/);
    await store.remove(graph.id);
    assert.deepEqual(store.list().map((p) => p.name), ["Resource Manager"]);

    const reopened = new ProfileStore(memento, (m) => warnings.push(m));
    assert.deepEqual(reopened.list().map((p) => p.name), ["Resource Manager"], "a new window reads the same store");
    assert.deepEqual(warnings, []);
    const stored = memento.get<{ version: number }>(PROFILES_KEY);
    assert.equal(stored?.version, 1, "the store is versioned");
  });

  test("a corrupt store is reported once and kept aside, not wiped; valid profiles stay usable", async () => {
    const memento = new MemoryMemento();
    const store0 = new ProfileStore(memento, () => undefined);
    const ok = await store0.save(draft("https://graph.microsoft.com/.default"), "Good", 1);
    const raw = memento.get<{ version: number; profiles: unknown[] }>(PROFILES_KEY)!;
    raw.profiles.push({ id: "bad", name: "Broken", credential: "carrierPigeon", cloud: "AzurePublic", tenant: TENANT.id, scopes: ["x"], clientSecret: "s3cr3t-value" });
    await memento.update(PROFILES_KEY, raw);

    const warnings: string[] = [];
    const store = new ProfileStore(memento, (m) => warnings.push(m));
    assert.deepEqual(store.list().map((p) => p.id), [ok.id], "valid profiles are still listed");
    store.list();
    assert.equal(warnings.length, 1, "reported once");
    assert.match(warnings[0], /kept aside/);
    assert.match(warnings[0], /Broken/);
    await new Promise((r) => setTimeout(r, 10));
    const backups = store.backups();
    assert.equal(backups.length, 1);
    assert.equal(JSON.stringify(memento.get(PROFILES_BACKUP_KEY)).includes("carrierPigeon"), true, "the unreadable profile is kept");
    assert.equal(JSON.stringify(memento.get(PROFILES_BACKUP_KEY)).includes("s3cr3t-value"), false, "but never a secret");

    // A store from a newer version: nothing readable, everything kept aside, and a later save does not lose it.
    await memento.update(PROFILES_KEY, { version: 99, profiles: [{ future: true }] });
    const newer = new ProfileStore(memento, (m) => warnings.push(m));
    assert.deepEqual(newer.list(), []);
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(newer.backups().length, 2);
    assert.match(newer.backups()[0].reason, /newer version/);
    await newer.save(draft("https://storage.azure.com/.default"), "After", 5);
    assert.equal(newer.backups().length, 2, "the backup survives the next write");
  });

  test("recents are capped and most recent first", async () => {
    const memento = new MemoryMemento();
    const store = new ProfileStore(memento, () => undefined);
    for (let i = 0; i < RECENTS_CAP + 2; i++) await store.recordRecents({ tenant: `t${i}.contoso.test`, clientId: APPS.publicClient.appId, scopes: ["https://graph.microsoft.com/.default"] });
    const r = store.recents();
    assert.equal(r.tenants.length, RECENTS_CAP);
    assert.equal(r.tenants[0], `t${RECENTS_CAP + 1}.contoso.test`);
    assert.deepEqual(r.clientIds, [APPS.publicClient.appId]);
    assert.ok(memento.get(RECENTS_KEY));
  });
});
