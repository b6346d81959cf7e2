// Consent for every token that leaves, end to end: the caller extension (test/fixtures/caller-extension, installed
// next to the .vsix) asks Azure Token for a token with `azureToken.getToken` and arguments and through the exported
// API, as another extension would, and records only a SHA-256 of what it received (test/harness/callerExtension.mjs).
// This workbench has no extension-test payload, so the consent modal shows: Allow once, Deny and closing it, Allow for
// this window (the next call asks nothing); then azureToken.tokenRelease "allow", "deny" and "ask" set in the user
// settings (JSON) of this VS Code (the file is put back afterwards); Clear Tokens from Memory forgets the window's grants and takes a
// copied token off the clipboard. Signs in with the Azure CLI stand-in (test/fake-tools/az): no browser involved.
import { test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CALLER_COMMAND_TITLE } from "../harness/callerExtension.mjs";
import { modalDialog, runCommand, webview } from "../harness/workbench.mjs";
import { callerDir, clipAround, entra, saveImage, server, tokenInView, waitFor, withWorkbench } from "./support.mjs";

const ARM = "https://management.azure.com/.default";
const ARGS = { credential: "azureCli", tenant: entra.tenantId, scopes: [ARM] };
const SETTING = "azureToken.tokenRelease";
const USER_SETTINGS = path.join(server.profile, "user-data/User/settings.json");
const sha256 = (text) => crypto.createHash("sha256").update(text).digest("hex");

/**
 * Sets azureToken.tokenRelease in this VS Code's user settings file as a person does: Preferences: Open User Settings
 * (JSON), the whole file replaced, saved, closed. (The workbench does not notice the file changing under it on disk,
 * but reads what it saves itself at once.) The test puts the file on disk back afterwards, for later windows.
 */
async function setTokenRelease(page, value) {
  const settings = JSON.parse(fs.readFileSync(USER_SETTINGS, "utf8"));
  settings[SETTING] = value;
  await runCommand(page, "Preferences: Open User Settings (JSON)");
  // The file opens focused (in this VS Code in a modal editor over the workbench, not in a tab).
  const editor = page.locator(".monaco-editor.focused", { has: page.locator(".view-lines", { hasText: "azureToken.authorityHost" }) });
  await editor.waitFor();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await editor.waitFor({ state: "detached" }); // the focused editor no longer shows the old settings
  const text = JSON.stringify(settings);
  await page.keyboard.insertText(text);
  await page.keyboard.press("Control+S");
  await waitFor("the user settings file to be saved", () => fs.readFileSync(USER_SETTINGS, "utf8").includes(`"${SETTING}":"${value}"`), 30_000);
  assert.deepEqual(JSON.parse(fs.readFileSync(USER_SETTINGS, "utf8")), settings, "the file holds exactly what was typed");
  // Closed as a person closes it: the modal editor (workbench.editor.useModal, "some" by default, takes the settings
  // file) blocks the command palette, and a click beside it closes it; an editor in a tab is closed by command.
  const block = page.locator(".monaco-modal-editor-block");
  if (await block.count()) {
    await block.click({ position: { x: 5, y: 5 } });
    await block.waitFor({ state: "detached" });
  } else {
    await runCommand(page, "View: Revert and Close Editor");
  }
  await page.locator(".monaco-editor .view-lines", { hasText: "azureToken.authorityHost" }).first().waitFor({ state: "hidden" });
}


let calls = 0;
/**
 * Runs the caller's command from the palette: `steps` in order ("command": azureToken.getToken with `args`, "api":
 * the exported API, "refreshToken", "getFreshToken"); `expectSetting`: the caller first waits until its extension
 * host reads azureToken.tokenRelease so. Returns a function that waits for what each step received.
 */
async function startCall(page, { steps, args = ARGS, expectSetting }) {
  const id = `call-${++calls}`;
  const resultFile = path.join(callerDir, "result.json");
  fs.rmSync(resultFile, { force: true });
  fs.writeFileSync(path.join(callerDir, "request.json"), JSON.stringify({ id, steps, args, expectSetting }));
  await runCommand(page, CALLER_COMMAND_TITLE);
  return async () => {
    const result = await waitFor(`the caller's result of ${id}`, () => {
      if (!fs.existsSync(resultFile)) return undefined;
      const r = JSON.parse(fs.readFileSync(resultFile, "utf8"));
      return r.id === id ? r : undefined;
    });
    assert.equal(result.failure, undefined, result.failure);
    if (expectSetting) assert.equal(result.setting, expectSetting);
    return Object.fromEntries(result.received.map((r, i) => [`${i}:${r.step}`, r.value]));
  };
}

/** What the caller received is exactly the token the view shows (the view follows the newest token). */
async function assertCallerGotTheViewsToken(page, received) {
  assert.match(received, /^sha256:[0-9a-f]{64}$/, `the caller received a token: ${received}`);
  await waitFor("the token view to show the token the caller received", async () => `sha256:${sha256(await tokenInView(page))}` === received, 60_000);
}

/** Answers the visible consent modal with `label` ("Escape" closes it) and waits until that dialog is gone. */
async function answer(page, label) {
  const dialog = modalDialog(page);
  const handle = await dialog.shown();
  if (label === "Escape") await page.keyboard.press("Escape");
  else await dialog.button(label).click();
  await handle.waitForElementState("hidden");
}

const DENIED = /^error:TokenReleaseDeniedError: .*denied.*\(setting azureToken\.tokenRelease is "(ask|deny)"\)\.$/;

test("consent: a caller gets a token only after Allow; Deny and closing give nothing; the setting's three values; Clear forgets", async () => {
  const before = fs.readFileSync(USER_SETTINGS, "utf8");
  assert.equal(JSON.parse(before)[SETTING], undefined, "the end-to-end VS Code starts with the default, ask");
  try {
    await withWorkbench("consent", async ({ page }) => {
      const dialog = modalDialog(page);

      // Allow once: the modal says a program asked, and for what; the caller gets exactly the token the view shows.
      let received = await startCall(page, { steps: ["command"] });
      await dialog.shown();
      assert.match(await dialog.message(), /A program asked Azure Token for an access token/);
      const detail = await dialog.detail();
      assert.match(detail, new RegExp(`Tenant: ${entra.tenantId}`));
      assert.match(detail, /Client: none given/);
      assert.match(detail, /Audience: https:\/\/management\.azure\.com\n/);
      assert.match(detail, new RegExp(`Scopes: ${ARM.replace(/[./]/g, "\\$&")}`));
      assert.match(detail, /Sign-in: Azure CLI/);
      assert.match(detail, /azureToken\.tokenRelease/);
      assert.deepEqual((await dialog.buttonLabels()).map((l) => l.trim()).sort(), ["Allow for this window", "Allow once", "Deny"]);
      assert.match(detail, new RegExp(`Authority: ${entra.url.replace(/[./]/g, "\\$&")}`));
      await saveImage(page, "consent-modal", { clip: await clipAround(page, [dialog.box], { margin: 72 }), publishTo: "docs/images/consent-modal.png" });
      await answer(page, "Allow once");
      const once = (await received())["0:command"];
      await assertCallerGotTheViewsToken(page, once);

      // Deny (the command's modal), then closing the modal (the API's): the command gets undefined, the API an error
      // that names the setting. "Once" meant once: both asked again.
      received = await startCall(page, { steps: ["command", "api"] });
      await answer(page, "Deny");
      await answer(page, "Escape");
      const refused = await received();
      assert.deepEqual(Object.keys(refused), ["0:command", "1:api"]);
      assert.equal(refused["0:command"], "undefined");
      assert.match(refused["1:api"], DENIED);

      // Allow for this window: the same request again asks nothing, by command or API; Refresh Token Now and Get
      // Fresh Token give a caller no token at all.
      received = await startCall(page, { steps: ["command"] });
      await answer(page, "Allow for this window");
      await assertCallerGotTheViewsToken(page, (await received())["0:command"]);
      received = await startCall(page, { steps: ["api", "command", "refreshToken", "getFreshToken"] });
      const remembered = await received();
      assert.equal(await dialog.box.count(), 0, "no modal: the request shape is allowed for this window");
      assert.match(remembered["0:api"], /^sha256:/);
      assert.equal(remembered["2:refreshToken"], "undefined");
      assert.equal(remembered["3:getFreshToken"], "undefined");

      // "allow": another request shape, no modal.
      await setTokenRelease(page, "allow");
      received = await startCall(page, { steps: ["command"], args: { ...ARGS, scopes: ["https://storage.azure.com/.default"] }, expectSetting: "allow" });
      const allowed = (await received())["0:command"];
      assert.equal(await dialog.box.count(), 0, "no modal under allow");
      await assertCallerGotTheViewsToken(page, allowed);

      // "deny": nothing, not even for the shape allowed for this window, and no modal.
      await setTokenRelease(page, "deny");
      received = await startCall(page, { steps: ["command", "api"], expectSetting: "deny" });
      const denied = await received();
      assert.equal(await dialog.box.count(), 0, "no modal under deny");
      assert.equal(denied["0:command"], "undefined");
      assert.match(denied["1:api"], DENIED);
      assert.match(denied["1:api"], /"deny"/);

      // "ask", set explicitly: the shape allowed for this window still asks nothing…
      await setTokenRelease(page, "ask");
      received = await startCall(page, { steps: ["api"], expectSetting: "ask" });
      assert.match((await received())["0:api"], /^sha256:/);
      assert.equal(await dialog.box.count(), 0);

      // …until Clear Tokens from Memory, which also takes a copied token off the clipboard.
      const view = webview(page);
      await view.locator("button[data-format=raw]").click();
      const copied = await waitFor("the copied token on the clipboard", async () => {
        const text = await page.evaluate(() => navigator.clipboard.readText());
        return /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/.test(text) ? text : undefined;
      });
      assert.ok(copied);
      await runCommand(page, "Azure Token: Clear Tokens from Memory");
      await waitFor("Clear Tokens from Memory to empty the clipboard", async () => (await page.evaluate(() => navigator.clipboard.readText())) === "", 30_000);
      received = await startCall(page, { steps: ["api"] });
      await answer(page, "Escape");
      assert.match((await received())["0:api"], DENIED, "asked again after Clear, and closing the modal denies");
    });
  } finally {
    fs.writeFileSync(USER_SETTINGS, before);
  }
});
