// Profiles in the real workbench: a successful request saved as a profile from the notification, then re-run from the
// first step of Get Azure Token after "Developer: Reload Window". (The web workbench keeps an extension's globalState in
// the browser's storage, so the reload happens in the same browser.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerQuickInput, reloadWindow, runCommand, webview } from "../harness/workbench.mjs";
import { entra, screenshotPath, withWorkbench } from "./support.mjs";

async function waitForAudience(page, pattern) {
  const audience = webview(page).locator("#claims tr[data-claim=aud] td.value");
  await audience.waitFor({ timeout: 60_000 });
  assert.match(await audience.innerText(), pattern);
}

test("a saved profile survives a window reload and re-runs with one pick", async () => {
  const name = `E2E profile ${process.pid}-${Date.now()}`;
  await withWorkbench("profiles", async ({ page }) => {
    await runCommand(page, "Get Azure Token");
    await answerQuickInput(page, "Browser sign-in", { expectTitle: "How to Sign In" });
    await answerQuickInput(page, entra.tenantId, { expectTitle: "Tenant" });
    await answerQuickInput(page, entra.publicClientId, { expectTitle: "Client ID" });
    await answerQuickInput(page, "https://vault.azure.net/.default", { expectTitle: "Scopes" });
    await answerQuickInput(page, "", { expectTitle: "Account" });
    await waitForAudience(page, /https:\/\/vault\.azure\.net/);
    // The sign-in page took the foreground; back in VS Code, as the person would be.
    await page.bringToFront();

    const save = page.locator(".notification-toast .monaco-button", { hasText: "Save as Profile…" });
    await save.click({ timeout: 30_000 });
    const widget = page.locator(".quick-input-widget");
    await widget.locator(".quick-input-title", { hasText: "Save as Profile" }).waitFor();
    assert.match(await widget.locator("input").first().inputValue(), /^Key Vault · 8c4f2e1a-6b3d-4f7e-9a25-0d1c3b5e7f90 · interactive$/, "the name defaults to resource · tenant · kind");
    await page.screenshot({ path: screenshotPath("prompt-save-profile") });
    await answerQuickInput(page, name, { expectTitle: "Save as Profile" });
    await page.locator(".notification-toast", { hasText: `saved profile '${name}'` }).waitFor();

    // Reload the window as a person does: tokens gone from memory, profiles kept.
    await reloadWindow(page);
    await runCommand(page, "Get Azure Token");
    await widget.locator(".quick-input-title", { hasText: "How to Sign In" }).waitFor();
    await widget.locator(".monaco-list-row", { hasText: name }).waitFor();
    const rows = await widget.locator(".monaco-list-row").allInnerTexts();
    assert.ok(rows.findIndex((t) => t.includes(name)) < rows.findIndex((t) => t.includes("Browser sign-in")), "profiles are listed first");
    await page.screenshot({ path: screenshotPath("prompt-profiles") });
    await answerQuickInput(page, name, { expectTitle: "How to Sign In" });
    // One pick: no further prompt, straight to the token.
    await waitForAudience(page, /https:\/\/vault\.azure\.net/);
    assert.equal(await widget.isVisible(), false, "no further prompt after picking a profile");

    // Deleting asks first, and a person confirms. (Each test's browser has its own storage: nothing leaks.)
    await page.bringToFront();
    await runCommand(page, "Azure Token: Delete Profile");
    await answerQuickInput(page, name, { expectTitle: "Delete Profile" });
    await page.locator(".monaco-dialog-box .monaco-button", { hasText: "Delete" }).click();
    await page.locator(".monaco-dialog-box").waitFor({ state: "hidden" });
    await runCommand(page, "Azure Token: Manage Profiles");
    const title = widget.locator(".quick-input-title", { hasText: "Saved Profiles" });
    const none = page.locator(".notification-toast", { hasText: "no saved profiles yet" });
    await Promise.race([title.waitFor(), none.waitFor()]);
    if (await title.isVisible()) assert.equal(await widget.locator(".monaco-list-row", { hasText: name }).count(), 0, "the profile is gone");
  });
});
