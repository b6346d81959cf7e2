// Installed like a user installs it: the end-to-end VS Code got the packaged .vsix through
// `code-server --install-extension` into its own fresh extensions folder (test/harness/codeServer.mjs), and its
// windows carry no extension-development payload. In a fresh window the extension activates (on startup finished)
// with no error and no warning of ours in the logs, and its README renders on its page in the Extensions view.
//
// What counts as "ours" (the rule the log check applies):
//  - an entry at warning or error level in the window's extension host log (logs/<session>/exthostN/remoteexthost.log),
//    the server's log (remoteagent.log) or the install log (remoteCLI.log) that names our extension id
//    (`azure-token-dev.azure-token`, also part of our installed folder's path); a multi-line entry (a stack trace) is
//    judged as a whole, so an error whose stack runs through our dist/extension.js counts;
//  - any warning or error in our own output channel's log (exthostN/azure-token-dev.azure-token/*.log), which the
//    first command makes (activation makes no channel): the test runs Decode JWT;
//  - a browser console warning or error that names our extension id (the workbench reports problems with an
//    extension's contributions there, e.g. "[azure-token-dev.azure-token]: …").
// VS Code's own warnings that name no extension of ours (the offline GitHub authentication provider timing out, a
// slow workbench contribution, the webview sandbox notice) are not ours and are not judged. An uncaught error or
// rejection of ours is logged with a stack through our installed dist/extension.js, so it names the id. (console.*
// from extension code reaches no log in a user's window but console.error, without its origin; src/ has no console
// calls: the extension logs through its output channel, judged whole.)
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { CALLER_EXTENSION_ID } from "../harness/callerExtension.mjs";
import { PROJECT_DIR } from "../harness/paths.mjs";
import { runCommand } from "../harness/workbench.mjs";
import { saveImage, server, withWorkbench } from "./support.mjs";

const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8"));
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
const LOGS = path.join(server.profile, "user-data/logs");
const ENTRY = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[(\w+)\]/;

/** Log files under code-server's logs folder (one session folder per server start, exthostN per window). */
function logFiles(match) {
  if (!fs.existsSync(LOGS)) return [];
  return fs.readdirSync(LOGS, { recursive: true }).map((f) => path.join(LOGS, f)).filter((f) => match(path.relative(LOGS, f)) && fs.statSync(f).isFile());
}

/** A VS Code log as entries: a timestamped line and the lines that continue it (a stack trace). */
function entries(file) {
  const out = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const m = ENTRY.exec(line);
    if (m) out.push({ level: m[1], text: line });
    else if (out.length && line.trim()) out[out.length - 1].text += `\n${line}`;
  }
  return out;
}

const problem = (e) => e.level === "warning" || e.level === "error";
const ours = (text) => text.includes(EXTENSION_ID);

async function waitFor(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test("installed from the .vsix into a fresh extensions folder: nothing from a development checkout", () => {
  const extensionsDir = path.join(server.profile, "extensions");
  const installed = JSON.parse(fs.readFileSync(path.join(extensionsDir, "extensions.json"), "utf8"));
  // Next to it only the caller extension of the consent tests (test/fixtures/caller-extension), a test fixture.
  assert.deepEqual(installed.map((e) => e.identifier.id).filter((id) => id !== CALLER_EXTENSION_ID), [EXTENSION_ID], "the one extension in the profile's own extensions folder");
  const entry = installed.find((e) => e.identifier.id === EXTENSION_ID);
  assert.equal(entry.metadata?.source, "vsix", "installed from a .vsix");
  assert.equal(entry.version, manifest.version);
  const folder = entry.location.fsPath ?? entry.location.path;
  assert.equal(path.dirname(folder), extensionsDir, "installed inside the throw-away profile, not a link to the checkout");
  assert.equal(fs.lstatSync(folder).isSymbolicLink(), false);
  const files = fs.readdirSync(folder, { recursive: true }).filter((f) => fs.statSync(path.join(folder, f)).isFile()).sort();
  for (const needed of ["package.json", "dist/extension.js", "dist/auth.js", "readme.md"]) assert.ok(files.includes(needed), `${needed} is installed`);
  for (const image of manifest.contributes.walkthroughs.flatMap((w) => w.steps).map((s) => s.media.image)) {
    assert.ok(files.includes(image), `the walkthrough image ${image} is installed`);
  }
  assert.deepEqual(files.filter((f) => /(^|\/)(src|test|node_modules)\/|\.(ts|map)$/.test(f)), [], "no sources, tests, dependencies or maps");
});

test("a fresh window activates the extension with no error or warning of ours, and its README renders in the Extensions view", async () => {
  const exthostLog = /^[^/]+\/exthost\d+\/remoteexthost\.log$/;
  const before = new Set(logFiles((f) => exthostLog.test(f)));
  const consoleProblems = [];
  await withWorkbench("installed", async ({ page }) => {
    // This window's extension host writes a log of its own: the one that was not there before the window opened.
    const activation = `ExtensionService#_doActivateExtension ${EXTENSION_ID},`;
    const windowLog = await waitFor("this window's extension host to activate the extension", () =>
      logFiles((f) => exthostLog.test(f)).find((f) => !before.has(f) && fs.readFileSync(f, "utf8").includes(activation)));
    const activated = entries(windowLog).find((e) => e.text.includes(activation));
    assert.match(activated.text, /activationEvent: 'onStartupFinished'/, "activated by its own activation event, not a development host");

    // A command of ours answers only once activate() has returned: from here on, activation is over. The first
    // command also builds the features, and with them our output channel. (No JWT on the clipboard: Decode JWT asks
    // with its input box.)
    await page.evaluate(() => navigator.clipboard.writeText("no token here"));
    await runCommand(page, "Azure Token: Decode JWT");
    await page.locator(".quick-input-widget .quick-input-title", { hasText: "Decode JWT" }).waitFor();
    await page.keyboard.press("Escape");

    // The Extensions view: search the installed extensions, open the page, read the README in its webview.
    await runCommand(page, "View: Show Extensions");
    const viewlet = page.locator(".extensions-viewlet");
    await viewlet.locator(".suggest-input-container .monaco-editor").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("@installed azure token");
    const item = viewlet.locator(".extension-list-item", { hasText: manifest.displayName }).filter({ hasText: manifest.publisher });
    await item.waitFor({ timeout: 30_000 });
    // VS Code shows the activation time of a running extension next to it (and an error mark when activation failed).
    await item.filter({ hasText: /\d+\s*ms/ }).waitFor({ timeout: 30_000 });
    await item.click();
    const editor = page.locator(".extension-editor");
    await editor.locator(".header .name", { hasText: manifest.displayName }).waitFor();
    await editor.locator(".more-info-entry", { hasText: "Source" }).filter({ hasText: "VSIX" }).waitFor();
    const readme = page.frameLocator("iframe.webview.ready >> visible=true").frameLocator("#active-frame");
    await readme.locator("h1", { hasText: "Azure Token" }).waitFor({ timeout: 30_000 });
    for (const heading of ["Features", "Commands", "Settings", "Security and privacy"]) {
      await readme.locator("h2", { hasText: heading }).first().waitFor();
    }
    assert.ok(await readme.locator("table code", { hasText: "azureToken.getToken" }).count() > 0, "the commands table renders");
    await page.mouse.move(700, 780); // no hover over the header in the picture
    await page.locator(".monaco-hover").first().waitFor({ state: "hidden" });
    // The page's header and the README's beginning.
    const box = await editor.boundingBox();
    const details = await page.locator("iframe.webview.ready >> visible=true").boundingBox();
    await saveImage(page, "extension-page", {
      clip: { x: box.x, y: box.y, width: box.width, height: Math.min(details.y + 220, box.y + box.height) - box.y },
      publishTo: "docs/images/extension-page.png",
    });
  }, {
    beforeOpen: ({ page }) => page.on("console", (m) => {
      // A failed request's message names no URL: its location does (e.g. a missing image of ours).
      const text = `${m.text()} ${m.location()?.url ?? ""}`;
      if ((m.type() === "warning" || m.type() === "error") && ours(text)) consoleProblems.push(`${m.type()}: ${text}`);
    }),
  });

  // The window is closed; its logs are complete. Which entries are ours is the rule at the top of this file.
  const windowLogs = logFiles((f) => exthostLog.test(f)).filter((f) => !before.has(f));
  const ownLogs = windowLogs.map((f) => path.join(path.dirname(f), EXTENSION_ID)).filter((d) => fs.existsSync(d))
    .flatMap((d) => fs.readdirSync(d).map((n) => path.join(d, n)));
  assert.ok(ownLogs.length > 0, "our output channel's log exists: the first command (Decode JWT) created it");
  const serverLogs = logFiles((f) => /(^|\/)(remoteagent|remoteCLI)\.log$/.test(f));
  const report = (f) => (e) => `${path.relative(LOGS, f)}: ${e.text}`;
  const found = [
    ...[...windowLogs, ...serverLogs].flatMap((f) => entries(f).filter((e) => problem(e) && ours(e.text)).map(report(f))),
    ...ownLogs.flatMap((f) => entries(f).filter(problem).map(report(f))),
    ...consoleProblems,
  ];
  assert.deepEqual(found, [], "no error or warning of ours in the extension host, server, install, output channel or browser logs");
});
