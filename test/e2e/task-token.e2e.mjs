// Tokens for tasks, end to end: a workspace tasks.json whose input `${input:token}` is the command
// azureToken.tokenForTask with a saved profile's name. The task (a Node script) receives the token twice, on its command
// line and in an environment variable (options.env), and records only their SHA-256s; the test compares them with the
// hash of the token the view shows on Reveal. The token passes the consent modal first (Allow once); after Deny the
// task does not run at all, not even with an empty token. The profile is a DefaultAzureCredential chain answered by the
// Azure CLI stand-in (test/fake-tools/az), so the same run proves that the view and the status bar tooltip name the
// member of the chain that answered. A second test runs the task twice for a client-secret profile: the repeat is the
// library's cached token (no request reaches the local Entra ID), and "Allow for this window" asks nothing the second time.
import { test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { answerQuickInput, modalDialog, openCommandPalette, webview } from "../harness/workbench.mjs";
import { getTokenThroughPrompts } from "./credentialSteps.mjs";
import { entra, entraControl, runDir, screenshotPath, server, tokenInView, waitFor, withWorkbench } from "./support.mjs";

const ARM = "https://management.azure.com/.default";
const TASK = "Call the API with an Azure token";
const sha256 = (text) => crypto.createHash("sha256").update(text).digest("hex");

/** A task's script: prints and records the SHA-256 of what it received on its command line and in its environment. */
const HASH_SCRIPT = `
const crypto = require("node:crypto");
const fs = require("node:fs");
const hash = (t) => "sha256:" + crypto.createHash("sha256").update(t ?? "").digest("hex");
const line = { argv: hash(process.argv[2]), env: hash(process.env.API_TOKEN), argvPresent: process.argv.length > 2 };
console.log("token on the command line " + line.argv + ", in the environment " + line.env);
fs.appendFileSync(process.argv[3], JSON.stringify(line) + "\\n");
`;

/** Writes the workspace's tasks.json (read when the window opens) and the task's script; returns the result file. */
function writeTaskWorkspace(profileName) {
  const dir = fs.mkdtempSync(path.join(runDir, "task-"));
  const script = path.join(dir, "hash-token.cjs");
  const results = path.join(dir, "received.jsonl");
  fs.writeFileSync(script, HASH_SCRIPT);
  const tasks = {
    version: "2.0.0",
    tasks: [{
      label: TASK, type: "process", command: process.execPath,
      // The token on the command line (where README's curl example puts it) and, the safer way, in the environment.
      args: [script, "${input:token}", results],
      options: { env: { API_TOKEN: "${input:token}" } },
      problemMatcher: [],
      // No "Executing task: …" line: it would show the command line, token included, in the terminal (and screenshots).
      presentation: { echo: false },
    }],
    inputs: [{ id: "token", type: "command", command: "azureToken.tokenForTask", args: profileName }],
  };
  const file = path.join(server.workspace, ".vscode", "tasks.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(tasks, null, 2));
  return { results, restore: () => fs.rmSync(file, { force: true }) };
}

const received = (file) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : []);

/**
 * Tasks: Run Task, then the task. The palette row is clicked by its exact label: Enter would run the best fuzzy match,
 * which can be another task command ("Tasks: Restart Running Task").
 */
async function runTask(page) {
  const input = await openCommandPalette(page);
  await input.fill(">Tasks: Run Task");
  const row = page.locator(".quick-input-list .monaco-list-row").filter({ has: page.locator(".label-name", { hasText: /^\s*Tasks: Run Task\s*$/ }) });
  await row.first().click();
  // The task picker (its list has the task) replaces the palette in the same widget.
  await page.locator(".quick-input-list .monaco-list-row", { hasText: TASK }).first().waitFor();
  await answerQuickInput(page, TASK);
}

/** Answers the consent modal with `label` and waits until it is gone; returns its detail text. */
async function answerConsent(page, label) {
  const dialog = modalDialog(page);
  const handle = await dialog.shown();
  const detail = await dialog.detail();
  await dialog.button(label).click();
  await handle.waitForElementState("hidden");
  return detail;
}

test("a task receives a profile's token through ${input:token} after consent; after Deny it does not run; the chain's answering member is named", async () => {
  const profileName = `Task profile ${process.pid}`;
  const { results, restore } = writeTaskWorkspace(profileName);
  try {
    await withWorkbench("task-token", async ({ page }) => {
      // DefaultAzureCredential: the e2e window is an App Service-like host (the harness announces the local Entra's
      // identity endpoint in IDENTITY_ENDPOINT), so managed identity answers before the Azure CLI; the view and the
      // tooltip name it.
      await getTokenThroughPrompts(page, "DefaultAzureCredential", { Tenant: entra.tenantId, Scopes: ARM });
      // Saved as a profile (which the task's input names) while the notification offers it.
      await page.locator(".notification-toast .monaco-button", { hasText: "Save as Profile…" }).click({ timeout: 30_000 });
      await answerQuickInput(page, profileName, { expectTitle: "Save as Profile" });
      await page.locator(".notification-toast", { hasText: `saved profile '${profileName}'` }).waitFor();
      const answered = webview(page).locator("#answered-by");
      await answered.waitFor({ timeout: 60_000 });
      assert.equal((await answered.innerText()).trim(), "Answered by ManagedIdentityCredential");
      const item = page.locator(".statusbar-item[id$='azureToken.expiry']");
      await item.hover();
      const hover = page.locator(".workbench-hover, .monaco-hover").filter({ hasText: "Answered by" }).first();
      await hover.waitFor({ timeout: 30_000 });
      assert.match(await hover.innerText(), /Answered by: ManagedIdentityCredential \(DefaultAzureCredential chain\)/);
      await page.screenshot({ path: screenshotPath("chain-answered-by") });
      await page.mouse.move(0, 0);

      // Allow once: the task gets the token, on its command line and in its environment.
      await runTask(page);
      const detail = await answerConsent(page, "Allow once");
      assert.match(detail, /Sign-in: DefaultAzureCredential/);
      assert.match(detail, /Audience: https:\/\/management\.azure\.com\n/);
      const [first] = await waitFor("the task's first run", () => received(results).length === 1 && received(results));
      assert.equal(first.argv, first.env, "the command line and the environment got the same token");
      assert.notEqual(first.argv, `sha256:${sha256("")}`, "not an empty token");
      assert.notEqual(first.argv, `sha256:${sha256("${input:token}")}`, "the input was replaced");
      await waitFor("the view to show the token the task received", async () => `sha256:${sha256(await tokenInView(page))}` === first.argv, 60_000);
      await page.screenshot({ path: screenshotPath("task-token-received") });

      // Deny: the command rejects (had it returned undefined, VS Code would run the task with "${input:token}" as its
      // text), so VS Code does not start the task and shows why. The next allowed run is the second line: the denied
      // one never ran.
      await runTask(page);
      await answerConsent(page, "Deny");
      await page.locator(".notification-toast", { hasText: "Task or launch not started: Azure Token denied the token" }).waitFor();
      await page.screenshot({ path: screenshotPath("task-token-denied") });
      await runTask(page);
      await answerConsent(page, "Allow once");
      const lines = await waitFor("the task's next run", () => received(results).length >= 2 && received(results));
      assert.equal(lines.length, 2, "the denied run recorded nothing");
      const placeholders = ["", "${input:token}", "undefined"].map((t) => `sha256:${sha256(t)}`);
      assert.ok(lines.every((l) => l.argvPresent && !placeholders.includes(l.argv) && l.argv === l.env), "every run got a token");
      await waitFor("the view to show the second run's token", async () => `sha256:${sha256(await tokenInView(page))}` === lines[1].argv, 60_000);
    });
  } finally {
    restore();
  }
});

test("a task's repeat run reuses the library's cached token (no request to Entra), and Allow for this window stops the asking", async () => {
  const profileName = `Task secret profile ${process.pid}`;
  const { results, restore } = writeTaskWorkspace(profileName);
  const tokenPosts = async () => (await entraControl("GET", "/_fake/requests")).filter((r) => r.path.endsWith("/oauth2/v2.0/token")).length;
  try {
    await withWorkbench("task-token-cache", async ({ page }) => {
      await getTokenThroughPrompts(page, "Client secret", {
        Tenant: entra.tenantId, "Client ID": entra.confidentialClientId, "Client Secret": entra.confidentialClientSecret,
        Scopes: `${entra.apiIdentifierUri}/.default`,
      });
      await page.locator(".notification-toast .monaco-button", { hasText: "Save as Profile…" }).click({ timeout: 30_000 });
      await answerQuickInput(page, profileName, { expectTitle: "Save as Profile" });
      await page.locator(".notification-toast", { hasText: `saved profile '${profileName}'` }).waitFor();
      const posts = await tokenPosts();

      await runTask(page);
      await answerConsent(page, "Allow for this window");
      const [first] = await waitFor("the task's first run", () => received(results).length === 1 && received(results));
      await runTask(page);
      const lines = await waitFor("the task's second run", () => received(results).length === 2 && received(results));
      assert.equal(await modalDialog(page).box.count(), 0, "no modal: allowed for this window");
      assert.equal(lines[1].argv, first.argv, "the same token, from the library's cache");
      assert.equal(await tokenPosts(), posts, "neither run sent a token request to Entra");
      await waitFor("the view to show the token the task received", async () => `sha256:${sha256(await tokenInView(page))}` === first.argv, 60_000);
    });
  } finally {
    restore();
  }
});
