// First run: the "Get started with Azure Token" walkthrough, opened from the Welcome page as a new user opens it
// (the end-to-end VS Code starts with no startup editor). Its steps are listed unticked; each step's button runs
// the real command (the Decode JWT input box, the first Get Azure Token prompt, the Saved Profiles pick), a click on
// the status bar item counts for the status bar step, and VS Code ticks each step off when its completion event
// (`onCommand:…`) fires. Every step's image ships in the .vsix and loads in the walkthrough.
// The step images (media/walkthrough/*.png) and the README's walkthrough image are taken here, in the real
// workbench: always into artifacts/, and into the committed files with AZURE_TOKEN_UPDATE_IMAGES=1.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_DIR } from "../harness/paths.mjs";
import {
  answerQuickInput, imageLoaded, openWalkthroughFromWelcome, runCommand, showEditorTab, walkthroughImage, walkthroughStep,
  walkthroughStepTitles, webview,
} from "../harness/workbench.mjs";
import { getTokenThroughPrompts } from "./credentialSteps.mjs";
import { clipAround, entra, saveImage, withWorkbench } from "./support.mjs";

const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8"));
const walkthrough = manifest.contributes.walkthroughs[0];
const stepOf = (id) => walkthrough.steps.find((s) => s.id === id);
const TAB = "Walkthrough: Azure Token";
const ITEM = ".statusbar-item[id$='azureToken.expiry']";

const b64url = (text) => Buffer.from(text).toString("base64url");
/** A JWT made at run time (never committed), for the sandbox tenant; the signature is fake. */
function makeJwt() {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    aud: "api://contoso-orders", iss: `https://sts.windows.net/${entra.tenantId}/`, tid: entra.tenantId, iat: now, nbf: now, exp: now + 3600,
    name: "Ada Lovelace", upn: "ada@contoso.test", scp: "Orders.Read", ver: "1.0",
  };
  return [b64url(JSON.stringify({ typ: "JWT", alg: "RS256", kid: "walkthrough" })), b64url(JSON.stringify(payload)), b64url("not-a-real-signature-".repeat(8))].join(".");
}

test("the walkthrough opens from the Welcome page; each step's button runs its command and the step ticks off", async () => {
  assert.equal(walkthrough.title, "Get started with Azure Token");
  await withWorkbench("walkthrough", async ({ page }) => {
    const widget = page.locator(".quick-input-widget");
    const neutral = () => page.mouse.move(5, 400); // no hover left over in a screenshot

    await openWalkthroughFromWelcome(page, walkthrough.title);
    assert.deepEqual(await walkthroughStepTitles(page), walkthrough.steps.map((s) => s.title), "every step is listed, in order");
    for (const s of walkthrough.steps) assert.equal(await walkthroughStep(page, s.title).done(), false, `'${s.title}' starts unticked`);

    // Decode a pasted JWT: the button runs Decode JWT; with no JWT on the clipboard it asks with its input box.
    const decode = walkthroughStep(page, stepOf("decodeJwt").title);
    await page.evaluate(() => navigator.clipboard.writeText("no token here"));
    await decode.select();
    await decode.button("Decode JWT").click();
    await widget.locator(".quick-input-title", { hasText: "Decode JWT" }).waitFor();
    await widget.locator("input").first().fill(makeJwt());
    await page.keyboard.press("Enter");
    const view = webview(page);
    await view.locator("#claims tr[data-claim=name]", { hasText: "Ada Lovelace" }).waitFor({ timeout: 30_000 });
    const masked = await view.locator("#token-text").innerText();
    assert.ok(masked.includes("…") && masked.length < 40, "the token is masked in the view (and so in the image)");
    // The image shows what decoding is for: every claim with its meaning.
    await view.locator("#claims-section").evaluate((e) => { e.scrollIntoView({ block: "start" }); window.scrollBy(0, -12); });
    await neutral();
    const frame = await page.locator("iframe.webview.ready").boundingBox();
    await saveImage(page, "walkthrough-decode-jwt", { clip: { ...frame, height: Math.min(frame.height, 540) }, publishTo: "media/walkthrough/decode-jwt.png" });
    await showEditorTab(page, TAB);
    await decode.waitDone();

    // Get a token: the button opens the first prompt of Get Azure Token; a browser sign-in to the sandbox tenant follows.
    const getToken = walkthroughStep(page, stepOf("getToken").title);
    assert.equal(await getToken.done(), false, "a step ticks off only for its own command");
    await getToken.select();
    await getToken.button("Get Azure Token").click();
    await widget.locator(".quick-input-title", { hasText: "How to Sign In" }).waitFor();
    await widget.locator(".monaco-list-row", { hasText: "Device code" }).waitFor();
    await neutral();
    await saveImage(page, "walkthrough-get-token", { clip: await clipAround(page, [widget], { margin: 4 }), publishTo: "media/walkthrough/get-token.png" });
    await getTokenThroughPrompts(page, "Browser sign-in",
      { Tenant: entra.tenantId, "Client ID": entra.publicClientId, Scopes: "https://graph.microsoft.com/User.Read", Account: "" }, { alreadyOpen: true });
    await view.locator("#claims tr[data-claim=aud] td.value", { hasText: "00000003-0000-0000-c000-000000000000" }).waitFor({ timeout: 60_000 });
    // The sign-in page took the foreground; back in VS Code, as the person would be.
    await page.bringToFront();

    // Save a profile, from the notification that follows a token (the name it suggests is kept). The step's image
    // shows that notification: where a person finds "Save as Profile…".
    const toast = page.locator(".notification-toast", { hasText: "got a token for" });
    const save = toast.locator(".monaco-button", { hasText: "Save as Profile…" });
    await save.waitFor({ timeout: 30_000 });
    await neutral();
    await saveImage(page, "walkthrough-save-profile", { clip: await clipAround(page, [toast], { margin: 8, extend: ["right", "bottom"] }), publishTo: "media/walkthrough/save-profile.png" });
    await save.click();
    await widget.locator(".quick-input-title", { hasText: "Save as Profile" }).waitFor();
    const profileName = await widget.locator("input").first().inputValue();
    await answerQuickInput(page, profileName, { expectTitle: "Save as Profile" });
    await page.locator(".notification-toast", { hasText: `saved profile '${profileName}'` }).waitFor();

    // Watch expiry in the status bar: the item counts down; its tooltip says what the token is. A click on the item
    // (not the walkthrough's button) runs Token Actions, and that is what ticks the step off.
    // Back on the walkthrough, where a person following it is.
    await showEditorTab(page, TAB);
    const item = page.locator(ITEM);
    await item.waitFor({ state: "visible", timeout: 30_000 });
    assert.match(await item.innerText(), /^\s*\d+m\s*$/);
    await item.hover();
    const tooltip = page.locator(".workbench-hover", { hasText: "Audience:" });
    await tooltip.waitFor();
    assert.doesNotMatch(await tooltip.innerText(), /eyJ/, "the tooltip never shows a token");
    await saveImage(page, "walkthrough-status-bar", { clip: await clipAround(page, [item, tooltip], { margin: 8, extend: ["right", "bottom"] }), publishTo: "media/walkthrough/status-bar.png" });
    await item.click();
    await widget.locator(".monaco-list-row", { hasText: "Show token" }).waitFor();
    await page.keyboard.press("Escape");
    await widget.waitFor({ state: "hidden" });
    await walkthroughStep(page, stepOf("statusBar").title).waitDone();

    // Save a profile: the button runs Manage Profiles, which lists the profile just saved.
    const profiles = walkthroughStep(page, stepOf("saveProfile").title);
    await profiles.select();
    await profiles.button("Manage Profiles").click();
    await widget.locator(".quick-input-title", { hasText: "Saved Profiles" }).waitFor();
    await widget.locator(".monaco-list-row", { hasText: profileName }).waitFor();
    await page.keyboard.press("Escape");
    await widget.waitFor({ state: "hidden" });
    await profiles.waitDone();
    await getToken.waitDone();

    // With room beside the steps, VS Code shows each step's image: every one ships in the .vsix and loads.
    await runCommand(page, "View: Close Primary Side Bar");
    for (const s of [...walkthrough.steps].reverse()) {
      await walkthroughStep(page, s.title).select();
      await imageLoaded(page, walkthroughImage(page, s.media.altText)).catch((e) => {
        throw new Error(`the image of step '${s.title}' (${s.media.image}) did not load: is it in the .vsix?`, { cause: e });
      });
    }
    for (const s of walkthrough.steps) assert.equal(await walkthroughStep(page, s.title).done(), true, `'${s.title}' is ticked off`);
    await runCommand(page, "Notifications: Clear All Notifications");
    await page.locator(".notification-toast").first().waitFor({ state: "detached" });
    await neutral();
    const content = [page.locator(".gettingStartedSlideDetails .category-title"), page.locator(".gettingStartedSlideDetails .step-list-container"),
      walkthroughImage(page, walkthrough.steps[0].media.altText)];
    const clip = await clipAround(page, content, { margin: 16 });
    const statusBar = await page.locator(".part.statusbar").boundingBox();
    clip.height = Math.min(clip.y + clip.height, statusBar.y) - clip.y;
    await saveImage(page, "walkthrough", { clip, publishTo: "docs/images/walkthrough.png" });
  });
});
