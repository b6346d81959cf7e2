// The secrets' lifecycle (auth/secretVault.ts) over a Map that stands for SecretStorage and one for globalState: a
// typed secret is pending for its attempt only; on success it is stored when a saved profile owns its key, else held in
// memory; a failure leaves nothing; Save as Profile, deleting the last owner, Forget stored secrets and the window
// closing each leave no orphan. The real SecretStorage is checked by test/integration/secrets.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SECRET_INDEX_KEY, SecretVault } from "../../src/auth/secretVault";

const KEY_A = "azureToken.secret.aaaa";
const KEY_B = "azureToken.secret.bbbb";

function makeVault(owned: string[] = []) {
  const storage = new Map<string, string>();
  const memento = new Map<string, unknown>();
  const registered: string[] = [];
  const vault = new SecretVault({
    storage: {
      get: async (k) => storage.get(k),
      store: async (k, v) => { storage.set(k, v); },
      delete: async (k) => { storage.delete(k); },
    },
    index: {
      get: <T>(k: string) => memento.get(k) as T,
      update: async (k: string, v: unknown) => { if (v === undefined) memento.delete(k); else memento.set(k, v); },
    },
    ownedKeys: () => owned,
    sink: { register: (s) => registered.push(s) },
  });
  return { vault, storage, memento, owned, registered };
}

test("a typed secret is pending during its attempt, then held in memory when no saved profile owns it (declined save)", async () => {
  const { vault, storage, registered } = makeVault();
  const attempt = vault.begin(KEY_A, "typed-secret-1");
  assert.equal(await vault.get(KEY_A), "typed-secret-1", "the auth layer reads the attempt's secret");
  assert.equal(storage.size, 0, "nothing is written before the sign-in succeeds");
  assert.deepEqual(registered, ["typed-secret-1"], "registered with the redaction as soon as it is typed");
  await attempt.succeeded();
  assert.equal(storage.size, 0, "no profile owns it: never on disk");
  assert.equal(await vault.known(KEY_A), "held");
  assert.equal(await vault.get(KEY_A), "typed-secret-1");
  vault.dispose();
  assert.equal(await vault.known(KEY_A), undefined, "the window closed: forgotten");
  assert.equal(await vault.get(KEY_A), undefined);
});

test("a failed attempt leaves nothing behind, and a known secret stays as it was", async () => {
  const { vault, storage, memento } = makeVault([KEY_A]);
  const first = vault.begin(KEY_A, "wrong-secret");
  first.failed();
  assert.equal(await vault.get(KEY_A), undefined);
  assert.equal(storage.size, 0);
  assert.equal(memento.size, 0);

  await vault.begin(KEY_A, "good-secret").succeeded();
  vault.begin(KEY_A, "rotated-but-wrong").failed();
  assert.equal(storage.get(KEY_A), "good-secret", "a failed new secret does not replace the working one");
});

test("stored only when a saved profile owns the key; a new secret replaces the old value; the index follows", async () => {
  const { vault, storage, memento, owned } = makeVault();
  await vault.begin(KEY_A, "first-value").succeeded();
  assert.equal(storage.size, 0);
  owned.push(KEY_A);
  await vault.adopt(KEY_A);
  assert.equal(storage.get(KEY_A), "first-value", "Save as Profile moves the held secret to SecretStorage");
  assert.deepEqual(vault.heldKeys(), [], "and out of memory");
  assert.deepEqual(memento.get(SECRET_INDEX_KEY), [KEY_A]);
  assert.equal(await vault.known(KEY_A), "stored");

  await vault.begin(KEY_A, "second-value").succeeded();
  assert.equal(storage.get(KEY_A), "second-value", "a rotated secret replaces the stored one");
  assert.deepEqual(memento.get(SECRET_INDEX_KEY), [KEY_A], "indexed once");

  // Using the known secret (typed undefined) changes nothing.
  await vault.begin(KEY_A, undefined).succeeded();
  assert.equal(storage.get(KEY_A), "second-value");
});

test("release removes a secret only when no saved profile owns it any more", async () => {
  const { vault, storage, memento, owned } = makeVault([KEY_A]);
  await vault.begin(KEY_A, "value-a").succeeded();
  await vault.release(KEY_A);
  assert.equal(storage.get(KEY_A), "value-a", "another profile still owns it");
  owned.length = 0;
  await vault.release(KEY_A);
  assert.equal(storage.size, 0);
  assert.equal(memento.get(SECRET_INDEX_KEY), undefined, "the index is empty");
});

test("Forget stored secrets removes every indexed, owned and held secret, and counts them", async () => {
  const { vault, storage, memento, owned } = makeVault([KEY_A]);
  await vault.begin(KEY_A, "value-a").succeeded();
  await vault.begin(KEY_B, "value-b").succeeded();
  // A profile's secret stored by an older version, before the index existed.
  owned.push("azureToken.secret.legacy");
  storage.set("azureToken.secret.legacy", "legacy-value");
  assert.equal(await vault.forgetAll(), 3);
  assert.equal(storage.size, 0);
  assert.deepEqual(vault.heldKeys(), []);
  assert.equal(memento.get(SECRET_INDEX_KEY), undefined);
  assert.equal(await vault.forgetAll(), 0, "nothing left");
});

test("removeOrphans (activation) removes indexed keys that no saved profile owns", async () => {
  const { vault, storage, memento, owned } = makeVault([KEY_A, KEY_B]);
  await vault.begin(KEY_A, "value-a").succeeded();
  await vault.begin(KEY_B, "value-b").succeeded();
  owned.splice(owned.indexOf(KEY_B), 1);
  await vault.removeOrphans();
  assert.deepEqual([...storage.keys()], [KEY_A]);
  assert.deepEqual(memento.get(SECRET_INDEX_KEY), [KEY_A]);
});

test("an empty certificate password that works makes a known password stale: it is removed", async () => {
  const { vault, storage } = makeVault([KEY_A]);
  await vault.begin(KEY_A, "pem-password").succeeded();
  const attempt = vault.begin(KEY_A, "");
  assert.equal(await vault.get(KEY_A), "", "the attempt uses no password, not the stored one");
  await attempt.succeeded();
  assert.equal(storage.size, 0);
});
