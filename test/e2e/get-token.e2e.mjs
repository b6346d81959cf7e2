// The thin slice in the real workbench: "Get Azure Token" from the command palette → browser sign-in, tenant, client id,
// scope, account (empty) →
// the browser sign-in page of the local Entra ID (a person picks a user and approves) → the decoded token in the view.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerQuickInput, runCommand, webview } from "../harness/workbench.mjs";
import { entra, entraControl, screenshotPath, withWorkbench } from "./support.mjs";

test("Get Azure Token signs in through the browser and shows the decoded token", async () => {
  await entraControl("POST", "/_fake/config", { autoApprove: false });
  try {
    await withWorkbench("get-token", async ({ page, context }) => {
      await runCommand(page, "Get Azure Token");
      await answerQuickInput(page, "Browser sign-in", { expectTitle: "How to Sign In" });
      await answerQuickInput(page, entra.tenantId, { expectTitle: "Tenant" });
      await answerQuickInput(page, entra.publicClientId, { expectTitle: "Client ID" });
      await answerQuickInput(page, "https://management.azure.com/.default", { expectTitle: "Scopes" });
      const signInPage = context.waitForEvent("page", { timeout: 60_000 });
      await answerQuickInput(page, "", { expectTitle: "Account" });

      // The sign-in page, opened by VS Code through vscode.env.openExternal.
      const signIn = await signInPage;
      await signIn.locator("input[name=username][value='bob@contoso.test']").check();
      await signIn.screenshot({ path: screenshotPath("sign-in-page") });
      await signIn.locator("button[name=action][value=approve]").click();

      const view = webview(page);
      const audience = view.locator("#claims tr[data-claim=aud] td.value");
      await audience.waitFor({ timeout: 60_000 });
      assert.match(await audience.innerText(), /https:\/\/management\.azure\.com/);
      assert.match(await view.locator("#claims tr[data-claim=upn] td.value").innerText(), /bob@contoso\.test/);
      const masked = await view.locator("#token-text").innerText();
      assert.ok(masked.includes("…") && masked.length < 40, `the token is masked by default (got ${masked.length} characters)`);
      await page.screenshot({ path: screenshotPath("get-token") });
    });
  } finally {
    await entraControl("POST", "/_fake/config", { autoApprove: true });
  }
});
