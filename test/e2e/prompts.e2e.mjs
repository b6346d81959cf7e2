// The multi-step "Get Azure Token" input in the real workbench: step counter, validation while typing, Back to change
// an earlier answer, and a silent cancel.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerQuickInput, notificationTexts, runCommand, webview } from "../harness/workbench.mjs";
import { entra, screenshotPath, withWorkbench } from "./support.mjs";

const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

function quickTitle(page) {
  return page.locator(".quick-input-widget .quick-input-title");
}

test("Back returns to the tenant step, the new tenant is used, and the token view opens", async () => {
  await withWorkbench("prompts-back", async ({ page }) => {
    await runCommand(page, "Get Azure Token");
    const widget = page.locator(".quick-input-widget");
    await widget.locator(".quick-input-title", { hasText: "How to Sign In" }).waitFor();
    await widget.locator(".monaco-list-row", { hasText: "Device code" }).waitFor();
    await page.screenshot({ path: screenshotPath("prompt-credential") });
    await answerQuickInput(page, "Browser sign-in", { expectTitle: "How to Sign In" });

    // Validation while typing: an incomplete domain is explained in words, and Enter does not move on.
    await quickTitle(page).filter({ hasText: "Tenant (2/5)" }).waitFor();
    await widget.locator("input").first().fill("contoso");
    const reason = widget.locator(".monaco-list-row", { hasText: "did you mean contoso.onmicrosoft.com?" });
    await reason.waitFor();
    await page.screenshot({ path: screenshotPath("prompt-tenant-invalid") });
    await page.keyboard.press("Enter");
    await reason.waitFor();
    assert.match(await quickTitle(page).innerText(), /Tenant \(2\/5\)/, "an invalid tenant keeps the user on the tenant step");

    await answerQuickInput(page, entra.tenantId, { expectTitle: "Tenant" });
    await quickTitle(page).filter({ hasText: "Client ID (3/5)" }).waitFor();
    await widget.locator(".monaco-list-row", { hasText: "Azure CLI's public client ID" }).waitFor();

    // Back: the tenant step again, with the previous answer offered; change it to the verified domain.
    await widget.locator(".quick-input-left-action-bar .action-label").first().click();
    await quickTitle(page).filter({ hasText: "Tenant (2/5)" }).waitFor();
    await widget.locator(".monaco-list-row", { hasText: entra.tenantId }).first().waitFor();
    await answerQuickInput(page, entra.tenantDomain, { expectTitle: "Tenant" });

    await answerQuickInput(page, entra.publicClientId, { expectTitle: "Client ID (3/5)" });
    await quickTitle(page).filter({ hasText: "Scopes (4/5)" }).waitFor();
    await widget.locator(".monaco-list-row", { hasText: "Azure Resource Manager" }).waitFor();
    await page.screenshot({ path: screenshotPath("prompt-scopes") });
    // A resource URL typed into the filter box becomes <resource>/.default, with the hint shown.
    await widget.locator("input").first().fill("https://graph.microsoft.com");
    await widget.locator(".monaco-list-row", { hasText: "Requests https://graph.microsoft.com/.default" }).waitFor();
    await page.screenshot({ path: screenshotPath("prompt-scopes-typed") });
    await page.keyboard.press("Enter");
    await answerQuickInput(page, "", { expectTitle: "Account (5/5)" });

    const view = webview(page);
    const audience = view.locator("#claims tr[data-claim=aud] td.value");
    await audience.waitFor({ timeout: 60_000 });
    assert.match(await audience.innerText(), new RegExp(GRAPH_APP_ID));
    assert.match(await view.locator("#claims tr[data-claim=tid] td.value").innerText(), new RegExp(entra.tenantId));
  });
});

test("cancelling at a step is silent: no error, no notification", async () => {
  await withWorkbench("prompts-cancel", async ({ page }) => {
    await runCommand(page, "Get Azure Token");
    await answerQuickInput(page, "Browser sign-in", { expectTitle: "How to Sign In" });
    await quickTitle(page).filter({ hasText: "Tenant" }).waitFor();
    await page.keyboard.press("Escape");
    await page.locator(".quick-input-widget").waitFor({ state: "hidden" });
    // Give a (wrong) error notification the time to appear: open the notification center, which lists every one.
    await runCommand(page, "Notifications: Show Notifications");
    await page.locator(".notifications-center").waitFor();
    const texts = [...await notificationTexts(page), ...await page.locator(".notifications-center .notification-list-item-message").allInnerTexts()];
    assert.deepEqual(texts.filter((t) => /azure token|cancel/i.test(t)), [], "a cancel shows nothing");
  });
});
