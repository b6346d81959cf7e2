// The token view in the real workbench: acquire → claims and explanations → copy as header (clipboard checked) →
// reveal/hide → verify signature (verified for the sandbox API, unverifiable for a Graph nonce token) → session
// history → screenshots in light, dark and high-contrast themes (artifacts/; the README's images in docs/images/ are picked from them).
import { test } from "node:test";
import assert from "node:assert/strict";
import { runCommand, webview } from "../harness/workbench.mjs";
import { getTokenThroughPrompts } from "./credentialSteps.mjs";
import { entra, screenshotPath, setWorkspaceSettings, withWorkbench } from "./support.mjs";

/** "Get Azure Token" through its prompts with a browser sign-in (the local Entra ID approves it by itself). */
function acquire(page, scope) {
  return getTokenThroughPrompts(page, "Browser sign-in", { Tenant: entra.tenantId, "Client ID": entra.publicClientId, Scopes: scope, Account: "" });
}

async function verify(view) {
  await view.locator("#verify").click();
  const box = view.locator("#verification:not([data-outcome=checking])[data-outcome]");
  await box.waitFor({ timeout: 30_000 });
  return { outcome: await box.getAttribute("data-outcome"), text: await box.innerText() };
}

async function screenshotInTheme(page, theme, name) {
  const { restore } = setWorkspaceSettings({ "workbench.colorTheme": theme });
  try {
    const kind = theme.includes("High Contrast") ? "high-contrast" : theme.includes("Dark") ? "dark" : "light";
    await webview(page).locator(`body.vscode-${kind} #claims`).waitFor({ timeout: 20_000 });
    const file = screenshotPath(name);
    await page.screenshot({ path: file });
    return file;
  } finally {
    restore();
  }
}

test("token view: claims explained, copy as header, reveal/hide, verify signature, history, themes", async () => {
  await withWorkbench("token-view", async ({ page }) => {
    const view = webview(page);

    // A Microsoft Graph token first (its header carries a nonce), then one for the sandbox API (v2, RS256).
    await acquire(page, "https://graph.microsoft.com/User.Read");
    await view.locator("#claims tr[data-claim=aud]").waitFor({ timeout: 60_000 });
    const graph = await verify(view);
    assert.equal(graph.outcome, "unverifiable", graph.text);
    assert.match(graph.text, /Cannot be verified by a client/);
    assert.match(graph.text, /nonce/);

    await acquire(page, "api://azure-token-sandbox-api/Items.Read");
    await view.locator("#claims tr[data-claim=scp]", { hasText: "Items.Read" }).waitFor({ timeout: 60_000 });

    // Claims with explanations and named values, times in UTC and local with a relative text.
    assert.match(await view.locator("#claims tr[data-claim=tid] td.explain").innerText(), /tenant/i);
    assert.match(await view.locator("#claims tr[data-claim=ver] td.value").innerText(), /v2\.0 access token/);
    assert.match(await view.locator("#claims tr[data-claim=exp] td.value").innerText(), /UTC[\s\S]*expires in \d+/);
    assert.match(await view.locator("#header-claims tr[data-claim=alg]").innerText(), /RS256[\s\S]*Algorithm/);
    assert.match(await view.locator(".banner").innerText(), /Decoding is not verification/);
    assert.doesNotMatch(await view.locator("#diagnostics").innerText(), /Audience is/, "a v2 app-id audience is what was asked for");

    // Copy as Authorization header: the host writes the clipboard; the confirmation does not show the token.
    await view.locator("button[data-format=header]").click();
    await view.locator("#notice", { hasText: "Copied as Authorization header." }).waitFor();
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(clipboard, /^Authorization: Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    const token = clipboard.slice("Authorization: Bearer ".length);
    assert.ok(!(await view.locator("#notice").innerText()).includes(token.slice(0, 20)));

    // Reveal shows exactly the copied token; Hide masks it again.
    const masked = await view.locator("#token-text").innerText();
    assert.ok(masked.includes("…") && !masked.includes(token));
    await view.locator("#reveal").click();
    await view.locator("#reveal[aria-pressed=true]").waitFor();
    assert.equal(await view.locator("#token-text").innerText(), token);
    await view.locator("#reveal").click();
    await view.locator("#reveal[aria-pressed=false]").waitFor();
    assert.equal(await view.locator("#token-text").innerText(), masked);

    // Keys from the configured authority's discovery document: signature, issuer and audience check out.
    const sandbox = await verify(view);
    assert.equal(sandbox.outcome, "verified", sandbox.text);
    assert.match(sandbox.text, /Signature verified/);

    // Session history: both tokens of this window, switchable.
    const options = await view.locator("#history option").allInnerTexts();
    assert.equal(options.length, 2, options.join(" | "));
    assert.ok(options.some((o) => o.includes("graph.microsoft.com")) || options.some((o) => o.includes("00000003-0000-0000-c000-000000000000")), options.join(" | "));

    // Screenshots with the side bar hidden (toggled back afterwards: windows share the workspace's layout state).
    await runCommand(page, "View: Toggle Primary Side Bar Visibility");
    try {
      await screenshotInTheme(page, "Default Light Modern", "token-view-light");
      await screenshotInTheme(page, "Default Dark Modern", "token-view-dark");
      await screenshotInTheme(page, "Default High Contrast", "token-view-high-contrast");
      await view.locator("#claims-section").evaluate((node) => node.scrollIntoView({ block: "start" }));
      await screenshotInTheme(page, "Default Light Modern", "token-view-claims");
    } finally {
      await runCommand(page, "View: Toggle Primary Side Bar Visibility");
    }

    await view.locator("#history").selectOption({ index: 0 });
    await view.locator("#claims tr[data-claim=scp]", { hasText: "User.Read" }).waitFor();
  });
});
