// What a person sees when Entra says no: the error notification explains the AADSTS code in plain words with the fix
// and Entra's trace and correlation ids, and never shows the secret. A cancel during a slow answer shows nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { getTokenThroughPrompts, notification, toasts } from "./credentialSteps.mjs";
import { entra, entraControl, screenshotPath, withWorkbench } from "./support.mjs";

const GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

async function errorToast(page, code) {
  const item = await notification(page, `AADSTS${code}`);
  return item.locator(".notification-list-item-message").innerText();
}

function assertExplained(text, secret) {
  assert.match(text, /Fix:/, "the fix is shown");
  assert.match(text, new RegExp(`Trace ID: ${GUID}`, "i"));
  assert.match(text, new RegExp(`Correlation ID: ${GUID}`, "i"));
  assert.ok(!text.includes(secret), "the secret never reaches the message");
}

test("AADSTS7000215: a wrong client secret is explained", async () => {
  const secret = `wrong-${Date.now()}-secret`;
  await withWorkbench("error-7000215", async ({ page }) => {
    await getTokenThroughPrompts(page, "Client secret", {
      Tenant: entra.tenantId, "Client ID": entra.confidentialClientId, "Client Secret": secret, Scopes: "https://graph.microsoft.com/.default",
    });
    const text = await errorToast(page, 7000215);
    assertExplained(text, secret);
    await page.screenshot({ path: screenshotPath("error-7000215") });
  });
});

test("AADSTS700016: an application id the tenant does not know is explained", async () => {
  const secret = `any-${Date.now()}-secret`;
  await withWorkbench("error-700016", async ({ page }) => {
    await getTokenThroughPrompts(page, "Client secret", {
      Tenant: entra.tenantId, "Client ID": "0badc0de-0000-4000-8000-00000000e2e1", "Client Secret": secret, Scopes: "https://graph.microsoft.com/.default",
    });
    const text = await errorToast(page, 700016);
    assertExplained(text, secret);
    assert.match(text, /App registrations|application/i);
    await page.screenshot({ path: screenshotPath("error-700016") });
  });
});

test("AADSTS7000222: an expired client secret is explained (injected by the local Entra ID)", async () => {
  await entraControl("POST", "/_fake/config", { failNext: { aadsts: 7000222, count: 5 } });
  try {
    await withWorkbench("error-7000222", async ({ page }) => {
      await getTokenThroughPrompts(page, "Client secret", {
        Tenant: entra.tenantDomain, "Client ID": entra.confidentialClientId, "Client Secret": entra.confidentialClientSecret,
        Scopes: "https://storage.azure.com/.default",
      });
      const text = await errorToast(page, 7000222);
      assertExplained(text, entra.confidentialClientSecret);
      assert.match(text, /secret/i);
      await page.screenshot({ path: screenshotPath("error-7000222") });
    });
  } finally {
    await entraControl("POST", "/_fake/config", { failNext: null });
  }
});

test("cancelling the progress notification during a slow answer is silent", async () => {
  await entraControl("POST", "/_fake/config", { delayMs: 20_000 });
  try {
    await withWorkbench("cancel-slow", async ({ page }) => {
      await getTokenThroughPrompts(page, "Client secret", {
        Tenant: entra.tenantId, "Client ID": entra.confidentialClientId, "Client Secret": entra.confidentialClientSecret,
        Scopes: "https://vault.azure.net/.default",
      });
      const progress = await notification(page, "signing in", { timeout: 30_000 });
      await page.screenshot({ path: screenshotPath("cancel-progress") });
      await progress.getByRole("button", { name: "Cancel" }).click();
      await progress.waitFor({ state: "detached", timeout: 10_000 });
      const texts = [...await toasts(page), ...await page.locator(".notifications-center .notification-list-item-message").allInnerTexts()];
      assert.deepEqual(texts.filter((t) => /error|couldn't|AADSTS|failed/i.test(t)), [], "a cancel shows no error");
    });
  } finally {
    await entraControl("POST", "/_fake/config", { delayMs: 0 });
  }
});
