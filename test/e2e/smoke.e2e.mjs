// The smoke test that runs in every VS Code build the tests use, the oldest supported one included (scripts/test.mjs
// runs only smoke*.e2e.mjs there): Get Azure Token through the prompts with a browser sign-in → the token view shows
// the decoded claims → the status bar item counts the token down.
import { test } from "node:test";
import assert from "node:assert/strict";
import { webview } from "../harness/workbench.mjs";
import { getTokenThroughPrompts } from "./credentialSteps.mjs";
import { entra, entraControl, screenshotPath, server, setWorkspaceSettings, withWorkbench } from "./support.mjs";

const ITEM = ".statusbar-item[id$='azureToken.expiry']";
const SECONDS_LEFT = /^\s*(\d{1,2})s\s*$/;

test(`smoke, VS Code ${server.vscodeVersion}: a token through the prompts, its claims in the view, the countdown in the status bar`, async () => {
  // A short-lived token, so the item shows seconds and visibly counts down; no background refresh meanwhile.
  const settings = setWorkspaceSettings({ "azureToken.autoRefresh": false });
  const previous = (await entraControl("GET", "/_fake/config")).accessTokenLifetimeSec;
  await entraControl("POST", "/_fake/config", { accessTokenLifetimeSec: 50 });
  try {
    await withWorkbench(`smoke-${server.build}`, async ({ page }) => {
      // The local Entra ID approves the sign-in page by itself (the sign-in page opens and closes as a popup).
      await getTokenThroughPrompts(page, "Browser sign-in", {
        Tenant: entra.tenantId, "Client ID": entra.publicClientId, Scopes: "https://management.azure.com/.default", Account: "",
      });

      const view = webview(page);
      const audience = view.locator("#claims tr[data-claim=aud] td.value");
      await audience.waitFor({ timeout: 60_000 });
      assert.match(await audience.innerText(), /https:\/\/management\.azure\.com/);
      assert.match(await view.locator("#claims tr[data-claim=tid] td.value").innerText(), new RegExp(entra.tenantId));

      const item = page.locator(ITEM);
      await item.waitFor({ state: "visible", timeout: 60_000 });
      const first = Number((await item.innerText()).match(SECONDS_LEFT)?.[1]);
      assert.ok(first > 0 && first <= 50, `the item shows the seconds left of the 50 s token (got "${await item.innerText()}")`);
      assert.match(await item.locator("[aria-label]").first().getAttribute("aria-label"), /^Azure Token: token expires in \d+s$/);
      // It counts down: a smaller number of seconds shows up while the token lives.
      await page.waitForFunction(({ selector, first }) => {
        const m = document.querySelector(selector)?.textContent?.match(/(\d{1,2})s/);
        return m && Number(m[1]) < first;
      }, { selector: ITEM, first }, { timeout: 30_000 });
      await page.screenshot({ path: screenshotPath(`smoke-${server.build}`) });
    });
  } finally {
    settings.restore();
    await entraControl("POST", "/_fake/config", { accessTokenLifetimeSec: previous });
  }
});
