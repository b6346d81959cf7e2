// What the extension remembers between runs and tokens, in the real workbench: after a window reload, Get Azure Token
// offers the values used last time first (selected, so Enter takes them); *Switch Active Token* brings an earlier
// token back into the view; *Get Fresh Token* renders what changed since the previous token (the local Entra gives
// the fresh one another lifetime, so its expiry moves).
import { test } from "node:test";
import assert from "node:assert/strict";
import { quickInputBox, reloadWindow, runCommand, webview } from "../harness/workbench.mjs";
import { getTokenThroughPrompts } from "./credentialSteps.mjs";
import { entra, entraControl, screenshotPath, withWorkbench } from "./support.mjs";

const API_SCOPE = `${entra.apiIdentifierUri}/.default`;

/** The rows of the quick pick showing `title`: each row's text, and which one is selected (focused). */
async function stepRows(page, title) {
  const widget = page.locator(".quick-input-widget");
  await widget.locator(".quick-input-title", { hasText: title }).waitFor();
  await widget.locator(".monaco-list-row").first().waitFor();
  const rows = widget.locator(".quick-input-list .monaco-list-row");
  return {
    texts: (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim()),
    focused: (await widget.locator(".quick-input-list .monaco-list-row.focused").innerText()).replace(/\s+/g, " ").trim(),
  };
}

/** Asserts the step offers `value` as a recent value, first after what always comes first, selected; then takes it with Enter. */
async function takeRecent(page, title, value, { after = 0 } = {}) {
  const { texts, focused } = await stepRows(page, title);
  assert.match(texts[after] ?? "", new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}.*recent`), `${title}: ${texts.join(" | ")}`);
  assert.equal(focused, texts[after], `${title}: the recent value is selected`);
  await page.keyboard.press("Enter");
}

async function audienceShown(page, pattern) {
  await webview(page).locator("#claims tr[data-claim=aud] td.value", { hasText: pattern }).waitFor({ timeout: 60_000 });
}

test("recents first on the next run, Switch Active Token, and the claims diff after a fresh token", async () => {
  const { accessTokenLifetimeSec } = await entraControl("GET", "/_fake/config");
  await withWorkbench("token-history", async ({ page }) => {
    await getTokenThroughPrompts(page, "Client secret", {
      Tenant: entra.tenantId, "Client ID": entra.confidentialClientId, "Client Secret": entra.confidentialClientSecret, Scopes: API_SCOPE,
    });
    await audienceShown(page, entra.apiAppId);

    // The next run, in a reloaded window (a new extension host; recents live in the browser's storage).
    await reloadWindow(page);
    await runCommand(page, "Get Azure Token");
    await page.locator(".quick-input-widget .quick-input-title", { hasText: "How to Sign In" }).waitFor();
    await quickInputBox(page).fill("Client secret");
    await page.locator(".quick-input-widget .monaco-list-row", { hasText: "Client secret" }).first().waitFor();
    await page.keyboard.press("Enter");
    await takeRecent(page, "Tenant", entra.tenantId);
    await page.screenshot({ path: screenshotPath("recents-tenant") });
    await takeRecent(page, "Client ID", entra.confidentialClientId);
    // No profile owns the secret, so it was held for the reloaded window only: it is asked for again (typed if so).
    const next = page.locator(".quick-input-widget .quick-input-title", { hasText: /Client Secret|Scopes/ });
    await next.waitFor();
    if (/Client Secret/.test(await next.innerText())) {
      await quickInputBox(page).fill(entra.confidentialClientSecret);
      await page.keyboard.press("Enter");
    }
    await takeRecent(page, "Scopes", API_SCOPE);
    await audienceShown(page, entra.apiAppId);

    // A second token (Microsoft Graph), then back to the first with Switch Active Token.
    await getTokenThroughPrompts(page, "Client secret", {
      Tenant: entra.tenantId, "Client ID": entra.confidentialClientId, "Client Secret": entra.confidentialClientSecret, Scopes: "https://graph.microsoft.com/.default",
      // The secret typed in this window is offered, never reused silently.
      "Secret to Use": "Use the secret entered earlier",
    });
    await audienceShown(page, "00000003-0000-0000-c000-000000000000"); // Graph: a v1.0 token names it by its app id
    await runCommand(page, "Azure Token: Switch Active Token");
    const picker = page.locator(".quick-input-widget");
    await picker.locator(".quick-input-title", { hasText: "switch the active token" }).waitFor();
    const choices = (await picker.locator(".monaco-list-row").allInnerTexts()).map((t) => t.replace(/\s+/g, " "));
    assert.equal(choices.length, 2, choices.join(" | "));
    assert.ok(choices.some((c) => /Graph.*active ·/.test(c)), `the Graph token is marked active: ${choices.join(" | ")}`);
    await quickInputBox(page).fill("azure-token-sandbox-api");
    await picker.locator(".monaco-list-row", { hasText: "azure-token-sandbox-api" }).first().waitFor();
    await page.keyboard.press("Enter");
    await audienceShown(page, entra.apiAppId);

    // A fresh token for the active one, with a shorter lifetime: the view says what changed.
    const before = Number(await webview(page).locator("#expiry [data-epoch]").getAttribute("data-epoch"));
    await entraControl("POST", "/_fake/config", { accessTokenLifetimeSec: 1800 });
    try {
      await runCommand(page, "Azure Token: Get Fresh Token (Bypass Cache)");
      const change = webview(page).locator("#changes li.change.expiry[data-claim=exp]");
      await change.waitFor({ timeout: 60_000 });
      const after = Number(await webview(page).locator("#expiry [data-epoch]").getAttribute("data-epoch"));
      assert.ok(after < before, `the fresh token expires earlier (${before} → ${after})`);
      assert.match(await webview(page).locator("#changes-section").innerText(), /What changed since the previous token/i);
      assert.match(await change.innerText(), /^expiry moved from .+ UTC to .+ UTC \(−(29|30) min\)$/);
      await audienceShown(page, entra.apiAppId);
      await page.screenshot({ path: screenshotPath("claims-diff-fresh-token") });
    } finally {
      await entraControl("POST", "/_fake/config", { accessTokenLifetimeSec });
    }
  });
});
