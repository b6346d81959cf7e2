// What a person sees when the way to Entra fails (a representative set of test/integration/faults.test.ts's matrix):
// Entra's Retry-After wait named in the progress and ended at once by Cancel; a certificate this machine does not trust
// named with its host, and the same request working once it is gone; a discovery document that is not there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { getTokenThroughPrompts, notification, toasts } from "./credentialSteps.mjs";
import { entra, entraControl, screenshotPath, waitFor, withWorkbench } from "./support.mjs";

const NO_FAULT = { failNext: null, untrustedCert: false };
const host = new URL(entra.url).host;
const secretAnswers = (scope) => ({
  Tenant: entra.tenantId, "Client ID": entra.confidentialClientId, "Client Secret": entra.confidentialClientSecret, Scopes: scope,
  // A second client secret request in the window is offered the secret entered earlier (never reused silently).
  "Secret to Use": "Use the secret entered earlier",
});
const tokenAnswers = async (clientId, since) => (await entraControl("GET", "/_fake/requests")).slice(since)
  .filter((r) => r.path.endsWith("/oauth2/v2.0/token") && r.clientId === clientId && r.status === 200).length;

/** Error texts in the notification center and the toasts. */
async function shownErrors(page) {
  const texts = [...await toasts(page), ...await page.locator(".notifications-center .notification-list-item-message").allInnerTexts()];
  return texts.filter((t) => /error|couldn't|unavailable|AADSTS|failed|not trusted/i.test(t));
}

test("Entra asks to wait (503, Retry-After: 30 s): the progress says so, and Cancel ends the wait at once, silently", async () => {
  await entraControl("POST", "/_fake/config", { failNext: { status: 503, retryAfterSec: 30, count: 20 } });
  try {
    await withWorkbench("fault-retry-after", async ({ page }) => {
      await getTokenThroughPrompts(page, "Client secret", secretAnswers("https://storage.azure.com/.default"));
      const progress = await notification(page, "Entra asked to wait 30 s; retrying…", { timeout: 60_000 });
      assert.match(await progress.innerText(), /signing in/);
      await page.screenshot({ path: screenshotPath("fault-retry-after") });
      const cancelledAt = Date.now();
      await progress.getByRole("button", { name: "Cancel" }).click();
      await progress.waitFor({ state: "detached", timeout: 10_000 });
      assert.ok(Date.now() - cancelledAt < 10_000, "the cancel does not wait out the 30 s");
      assert.deepEqual(await shownErrors(page), [], "a cancel shows no error");
    });
  } finally {
    await entraControl("POST", "/_fake/config", NO_FAULT);
  }
});

test("a TLS certificate this machine does not trust: the message says so and names the host; once it is gone the same request works", async () => {
  await entraControl("POST", "/_fake/config", { untrustedCert: true });
  try {
    await withWorkbench("fault-untrusted-certificate", async ({ page }) => {
      await getTokenThroughPrompts(page, "Client secret", secretAnswers("https://vault.azure.net/.default"));
      const item = await notification(page, "certificate is not trusted");
      const text = await item.locator(".notification-list-item-message").innerText();
      assert.match(text, /^The sign-in server's certificate is not trusted\./);
      assert.ok(text.includes(`${host} presented a TLS certificate this machine does not trust`), text);
      assert.match(text, /Fix: .*NODE_EXTRA_CA_CERTS/);
      await page.screenshot({ path: screenshotPath("fault-untrusted-certificate") });

      await entraControl("POST", "/_fake/config", NO_FAULT);
      const since = (await entraControl("GET", "/_fake/requests")).length;
      await getTokenThroughPrompts(page, "Client secret", secretAnswers("https://vault.azure.net/.default"));
      await waitFor("a token for the app once the certificate is trusted again", () => tokenAnswers(entra.confidentialClientId, since), 60_000);
    });
  } finally {
    await entraControl("POST", "/_fake/config", NO_FAULT);
  }
});

test("a discovery document that is not there (404): the message says the authority host or tenant is wrong", async () => {
  await entraControl("POST", "/_fake/config", { failNext: { endpoint: "discovery", status: 404, count: 20 } });
  try {
    await withWorkbench("fault-discovery-404", async ({ page }) => {
      await getTokenThroughPrompts(page, "Browser sign-in", {
        Tenant: entra.tenantId, "Client ID": entra.publicClientId, Scopes: "https://management.azure.com/.default", Account: "",
      });
      const item = await notification(page, "OpenID configuration was not found");
      const text = await item.locator(".notification-list-item-message").innerText();
      assert.ok(text.includes(`${host} answered HTTP 404 to the OpenID configuration (discovery) request`), text);
      assert.match(text, /Fix: Check the authority host and cloud/);
      await page.screenshot({ path: screenshotPath("fault-discovery-404") });
    });
  } finally {
    await entraControl("POST", "/_fake/config", NO_FAULT);
  }
});
