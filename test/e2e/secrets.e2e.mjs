// The secrets' lifecycle as a person meets it in the real workbench, against the local Entra ID: a client secret saved
// with a profile is offered again ("Use the stored secret" / "Enter a new secret"), never reused silently; when Entra
// refuses it after a rotation (AADSTS7000215) the error offers "Enter a new secret", which signs in again and replaces
// the stored one; "Forget stored secrets" in Manage Profiles (after a confirmation) makes the next run ask again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerQuickInput, modalDialog, runCommand, webview } from "../harness/workbench.mjs";
import { getTokenThroughPrompts, notification } from "./credentialSteps.mjs";
import { entra, entraControl, screenshotPath, waitFor, withWorkbench } from "./support.mjs";

const SCOPE = "https://graph.microsoft.com/.default";
const tokenAnswers = (rest) => ({ Tenant: entra.tenantId, "Client ID": entra.confidentialClientId, Scopes: SCOPE, ...rest });
const tokenRequests = async () => (await entraControl("GET", "/_fake/requests")).filter((r) => r.path.endsWith("/oauth2/v2.0/token"));

async function waitForToken(page) {
  const cell = webview(page).locator("#claims tr[data-claim=aud] td.value");
  await cell.waitFor({ timeout: 60_000 });
  assert.match(await cell.innerText(), /graph\.microsoft\.com|00000003-0000-0000-c000-000000000000/);
}

const EXPIRY_ITEM = ".statusbar-item[id$='azureToken.expiry']";

/** Clear Tokens from Memory: the next run signs in again instead of answering from the library's cache. */
async function clearTokens(page) {
  await page.bringToFront();
  // A token is held (its expiry shows in the status bar) until the command has run: wait for that state, not a message.
  await page.locator(EXPIRY_ITEM).waitFor({ state: "visible", timeout: 30_000 });
  await runCommand(page, "Azure Token: Clear Tokens from Memory");
  await page.locator(EXPIRY_ITEM).waitFor({ state: "hidden", timeout: 30_000 });
}

test("a stored secret is offered, replaced after AADSTS7000215 with Enter a new secret, and forgotten from Manage Profiles", async () => {
  const name = `Secrets E2E ${process.pid}-${Date.now()}`;
  const rotated = `rotated-${Date.now()}-e2e-secret`;
  try {
    await withWorkbench("secrets", async ({ page }) => {
      // Typed once; saved with a profile from the notification.
      await getTokenThroughPrompts(page, "Client secret", tokenAnswers({ "Client Secret": entra.confidentialClientSecret }));
      await waitForToken(page);
      await page.bringToFront();
      await page.locator(".notification-toast .monaco-button", { hasText: "Save as Profile…" }).click({ timeout: 30_000 });
      await answerQuickInput(page, name, { expectTitle: "Save as Profile" });
      await page.locator(".notification-toast", { hasText: `saved profile '${name}'` }).waitFor();

      // The same app and tenant again: the secret step offers the stored secret instead of skipping or reusing it.
      await runCommand(page, "Get Azure Token");
      await answerQuickInput(page, "Client secret", { expectTitle: "How to Sign In" });
      await answerQuickInput(page, entra.tenantId, { expectTitle: "Tenant" });
      await answerQuickInput(page, entra.confidentialClientId, { expectTitle: "Client ID" });
      const widget = page.locator(".quick-input-widget");
      await widget.locator(".quick-input-title", { hasText: "Secret to Use" }).waitFor();
      const rows = await widget.locator(".monaco-list-row").allInnerTexts();
      assert.ok(rows.some((r) => r.includes("Use the stored secret")), `offers the stored secret (${rows.join(" | ")})`);
      assert.ok(rows.some((r) => r.includes("Enter a new secret")), "and a new one");
      await page.screenshot({ path: screenshotPath("secret-offer") });
      await answerQuickInput(page, "Use the stored secret", { expectTitle: "Secret to Use" });
      await answerQuickInput(page, SCOPE, { expectTitle: "Scopes" });
      await webview(page).locator("select option >> nth=1").waitFor({ state: "attached", timeout: 60_000 });

      // Rotation: the app's secret changed in Entra. The stored one is refused with AADSTS7000215, and the message
      // offers to enter the new one.
      await entraControl("POST", "/_fake/config", { clientSecrets: [rotated] });
      await clearTokens(page);
      await runCommand(page, "Azure Token: Manage Profiles");
      await answerQuickInput(page, name, { expectTitle: "Saved Profiles" });
      const refusal = await notification(page, "AADSTS7000215");
      const button = refusal.getByRole("button", { name: "Enter a new secret" });
      await button.waitFor();
      assert.ok(!(await refusal.innerText()).includes(entra.confidentialClientSecret), "the refused secret is not shown");
      await page.screenshot({ path: screenshotPath("secret-refused") });
      await button.click();
      await answerQuickInput(page, rotated, { expectTitle: "New Client Secret" });
      await waitFor("the retry with the new secret signed in", async () => (await tokenRequests()).at(-1)?.status === 200);

      // The new secret replaced the stored one: after Clear, the profile signs in with it without asking.
      await clearTokens(page);
      const before = (await tokenRequests()).length;
      await runCommand(page, "Azure Token: Manage Profiles");
      await answerQuickInput(page, name, { expectTitle: "Saved Profiles" });
      await waitFor("the profile's run with the stored (rotated) secret", async () => {
        const after = await tokenRequests();
        return after.length > before && after.at(-1).status === 200;
      });
      assert.equal(await widget.isVisible(), false, "a profile run asks for nothing");

      // Forget stored secrets, from Manage Profiles, after a confirmation.
      await runCommand(page, "Azure Token: Manage Profiles");
      await answerQuickInput(page, "Forget stored secrets", { expectTitle: "Saved Profiles" });
      const dialog = modalDialog(page);
      await dialog.shown();
      assert.match(await dialog.message(), /Forget every stored client secret/);
      await page.screenshot({ path: screenshotPath("secret-forget-confirm") });
      await dialog.button("Forget").click();
      // In the notifications center: the refusal above was read there, so it is still open and new messages land in it.
      await notification(page, "forgot 1 stored secret", { timeout: 30_000 });
      await page.keyboard.press("Escape"); // Manage Profiles shows its list again

      // Nothing is known any more: the secret step asks for the secret straight away (no "Secret to Use" step; the
      // helper fails on a step it has no answer for), and the profile stays.
      await getTokenThroughPrompts(page, "Client secret", tokenAnswers({ "Client Secret": rotated }));
      await waitFor("signed in with the secret typed again", async () => (await tokenRequests()).at(-1)?.status === 200);
      await runCommand(page, "Azure Token: Manage Profiles");
      await widget.locator(".monaco-list-row", { hasText: name }).waitFor();
      await page.keyboard.press("Escape");
    });
  } finally {
    await entraControl("POST", "/_fake/config", { clientSecrets: null });
  }
});
