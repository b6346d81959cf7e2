// Workspace trust (docs: "Workspace Trust Extension Guide"): a cloned repository's .vscode/settings.json is written by
// whoever wrote the repository. A setting that decides where sign-in goes, which app or tenant is used, or what happens
// to a token once we have it must never take its value from there: it is application-scoped (VS Code reads it from
// the user's settings only) or listed in restrictedConfigurations (ignored in Restricted Mode).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const properties: Record<string, { scope?: string }> = manifest.contributes.configuration.properties;
const untrusted = manifest.capabilities?.untrustedWorkspaces;

/** Read by src/settings.ts and src/extension.ts to decide where credentials go and what happens to a token. */
const SECURITY_RELEVANT = [
  "azureToken.authorityHost", // where the sign-in page and the token request go (and the signing keys come from)
  "azureToken.cloud", // which Entra ID, and which resources are offered
  "azureToken.defaultTenant", // used without asking when a command argument leaves out the tenant
  "azureToken.defaultClientId", // the app the user consents to, used without asking likewise
  "azureToken.defaultScopes", // what the token grants, used without asking likewise
  "azureToken.clipboardClearSeconds", // how long a copied token stays on the clipboard
  "azureToken.afterAcquire", // whether a new token is shown in the view or behind a notification
  "azureToken.tokenRelease", // whether another program gets a token without asking the user
  "azureToken.clientAssertionCommand", // a command the extension runs: a cloned repository must never choose it
  "azureToken.caeTokens", // CAE-capable tokens live up to 28 hours instead of about one
];
/** Only change what is shown, or when a token already held is renewed silently (never a prompt, never another app). */
const HARMLESS = [
  "azureToken.hover.enabled",
  "azureToken.autoRefresh",
  "azureToken.refreshLeadMinutes",
  "azureToken.statusBar.warningMinutes",
];

test("every azureToken setting is classified here as security relevant or harmless", () => {
  assert.deepEqual(Object.keys(properties).sort(), [...SECURITY_RELEVANT, ...HARMLESS].sort(),
    "a setting was added or removed: decide whether a workspace may set it, and update this test and the trust description");
});

test("no security-relevant setting can come from a workspace", () => {
  const restricted: string[] = untrusted?.restrictedConfigurations ?? [];
  const open = SECURITY_RELEVANT.filter((key) => properties[key]?.scope !== "application" && !restricted.includes(key));
  assert.deepEqual(open, [], `neither application-scoped nor restricted in untrusted workspaces: ${open.join(", ")}`);
});

test("where credentials go and what happens to a token are application-scoped, as the README says", () => {
  for (const key of SECURITY_RELEVANT) assert.equal(properties[key].scope, "application", key);
});

test("untrusted workspaces: limited support, restricted settings that exist, and a description that says what is kept out", () => {
  assert.equal(untrusted?.supported, "limited");
  const restricted: unknown = untrusted.restrictedConfigurations;
  assert.ok(Array.isArray(restricted) && restricted.length > 0);
  for (const key of restricted as string[]) assert.ok(key in properties, `restrictedConfigurations names an unknown setting: ${key}`);
  assert.deepEqual([...(restricted as string[])].sort(), [...SECURITY_RELEVANT].sort());
  assert.equal(typeof untrusted.description, "string");
  assert.match(untrusted.description, /Restricted Mode/);
  assert.match(untrusted.description, /user settings/);
});

test("virtual workspaces are supported: nothing reads the workspace's files (the hover takes any scheme)", () => {
  assert.equal(manifest.capabilities?.virtualWorkspaces, true);
  const hover = fs.readFileSync(path.join(root, "src/editor/hoverRegistration.ts"), "utf8");
  assert.match(hover, /registerHoverProvider\(\{ scheme: "\*" \}/);
  const sources = fs.readdirSync(path.join(root, "src"), { recursive: true }).map(String).filter((f) => f.endsWith(".ts"));
  const readers = sources.filter((f) => /workspace\.(fs|workspaceFolders|findFiles|rootPath)\b/.test(fs.readFileSync(path.join(root, "src", f), "utf8")));
  assert.deepEqual(readers, [], "a module reads the workspace's files: check it still works in a virtual workspace");
});
