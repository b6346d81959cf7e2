// "Decode JWT" in the real workbench: from the editor selection (context menu), from the clipboard, from the
// password input box (with a precise message for malformed input), a hover with a Decode link, a hostile token
// rendered as text with no script run and no CSP violation, an invalid signature, Clear Tokens emptying an open or
// hidden view, and tokens built to break the view (arrays nested 5,000 deep, {"toString":1}, right-to-left override
// and zero-width characters).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { clickContextMenuItem, notificationTexts, quickInputMessage, runCommand, showEditorTab, webview } from "../harness/workbench.mjs";
import { entra, screenshotPath, server, withWorkbench } from "./support.mjs";

const b64url = (text) => Buffer.from(text).toString("base64url");
/** A JWT built at run time (never committed); the signature is fake. */
function makeJwt(payload, header = { typ: "JWT", alg: "RS256", kid: "e2e" }) {
  return [b64url(JSON.stringify(header)), b64url(JSON.stringify(payload)), b64url("not-a-real-signature-".repeat(8))].join(".");
}
const now = Math.floor(Date.now() / 1000);
// The sandbox tenant, so that "Verify signature" finds its keys (and no key for this token's fake kid).
const payload = (extra) => ({ aud: "api://decode-e2e", iss: `https://sts.windows.net/${entra.tenantId}/`, tid: entra.tenantId, iat: now, nbf: now, exp: now + 3600, ...extra });

const created = [];
process.on("exit", () => created.forEach((f) => fs.rmSync(f, { force: true })));

/** Opens a workspace file made for this test (removed when the test process ends: windows share the workspace). */
async function openFile(page, name, text) {
  const file = path.join(server.workspace, name);
  fs.writeFileSync(file, text);
  created.push(file);
  await runCommand(page, "Go to File");
  await page.locator(".quick-input-widget input").first().fill(name);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press("Enter");
  await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor();
  await page.locator(".monaco-editor .view-lines").first().click();
}

test("Decode JWT from the selection (editor context menu), the clipboard and the input box", async () => {
  await withWorkbench("decode", async ({ page }) => {
    const view = webview(page);

    // Selection → context menu "Decode JWT".
    const selected = makeJwt(payload({ name: "From Selection" }));
    await openFile(page, "decode-selection.txt", `token = ${selected}\n`);  // decodes the one JWT inside the selection
    await page.keyboard.press("Control+A");
    await page.locator(".monaco-editor .view-lines").first().click({ button: "right" });
    await clickContextMenuItem(page, "Decode JWT");
    await view.locator("#claims tr[data-claim=name]", { hasText: "From Selection" }).waitFor({ timeout: 30_000 });
    assert.match(await view.locator("#token-label").innerText(), /Pasted token/);

    // Clipboard (no selection: the active editor is the webview).
    await page.evaluate((t) => navigator.clipboard.writeText(t), makeJwt(payload({ name: "From Clipboard" })));
    await runCommand(page, "Decode JWT");
    await view.locator("#claims tr[data-claim=name]", { hasText: "From Clipboard" }).waitFor({ timeout: 30_000 });

    // Input box: the clipboard holds no JWT. Malformed input gets a message naming the part; then a good token.
    await page.evaluate(() => navigator.clipboard.writeText("just some text"));
    await runCommand(page, "Decode JWT");
    const input = page.locator(".quick-input-widget input").first();
    await input.waitFor();
    assert.equal(await input.getAttribute("type"), "password");
    await input.fill([b64url('{"alg":"RS256"}'), b64url("{not json"), "c2ln"].join("."));
    await page.locator(".quick-input-widget .quick-input-message", { hasText: "Part 2 (payload) is not valid JSON" }).waitFor();
    assert.match(await quickInputMessage(page), /Part 2 \(payload\) is not valid JSON/);
    await input.fill(makeJwt(payload({ name: "From Input Box" })));
    await page.keyboard.press("Enter");
    await view.locator("#claims tr[data-claim=name]", { hasText: "From Input Box" }).waitFor({ timeout: 30_000 });
    assert.equal(await view.locator("#history option").count(), 3, "three pasted tokens in the session history");

    // Invalid: the sandbox tenant's published keys do not include this token's key id.
    await view.locator("#verify").click();
    const result = view.locator("#verification[data-outcome=invalid]");
    await result.waitFor({ timeout: 30_000 });
    assert.match(await result.innerText(), /Invalid: no published key matches/);
  });
});

test("Clear Tokens from Memory empties the view, open or hidden: the page it comes back with holds nothing of the token", async () => {
  await withWorkbench("decode-clear", async ({ page }) => {
    const view = webview(page);
    const decodeFromClipboard = async (name) => {
      await page.evaluate((t) => navigator.clipboard.writeText(t), makeJwt(payload({ name })));
      await runCommand(page, "Decode JWT");
      await view.locator("#claims tr[data-claim=name]", { hasText: name }).waitFor({ timeout: 30_000 });
    };

    // Open: the view forgets the token at once.
    await decodeFromClipboard("Shown When Cleared");
    await runCommand(page, "Azure Token: Clear Tokens from Memory");
    await view.locator("#empty").waitFor({ timeout: 30_000 });
    assert.equal(await view.locator("#claims").count(), 0);

    // Hidden behind a file: VS Code loads the view's page again when its tab is shown; that page is the cleared state.
    await decodeFromClipboard("Hidden When Cleared");
    await openFile(page, "decode-clear.txt", "no token here\n");
    await runCommand(page, "Azure Token: Clear Tokens from Memory");
    // The hidden view's title says it holds no token; waited for before the click, as the tab narrows when it changes.
    await page.locator(".tabs-container .tab .label-name", { hasText: /^Azure Token$/ }).waitFor({ timeout: 30_000 });
    await showEditorTab(page, "Azure Token");
    await view.locator("#empty").waitFor({ timeout: 30_000 });
    const firstState = await view.locator("#initial-state").textContent();
    assert.match(firstState, /"cleared"/);
    assert.ok(!firstState.includes("Hidden When Cleared"), "the page holds no claim of the cleared token");
    assert.equal(await view.locator("#claims").count(), 0);
  });
});

test("a hover on a JWT in a file shows key claims and a Decode link", async () => {
  await withWorkbench("decode-hover", async ({ page }) => {
    const token = makeJwt(payload({ scp: "Items.Read", name: "From Hover" }));
    await openFile(page, "decode-hover.txt", `Authorization: Bearer ${token}\n`);
    const word = page.locator(".monaco-editor .view-line span", { hasText: "eyJ" }).first();
    const hover = page.locator(".monaco-hover-content", { hasText: "aud:" });
    // The hover provider registers when the extension activates (on startup finished), which can come after the
    // file opens: hover again, as a person would, until it answers.
    for (let attempt = 0; ; attempt++) {
      await page.mouse.move(5, 5);
      await word.hover();
      try {
        await hover.waitFor({ timeout: 5_000 });
        break;
      } catch (e) {
        if (attempt >= 8) throw e;
      }
    }
    const text = await hover.innerText();
    assert.match(text, /api:\/\/decode-e2e/);
    assert.match(text, /expires in/);
    assert.match(text, /scp: Items\.Read/);
    assert.ok(!text.includes(token.split(".")[1]), "the hover never shows the raw token");
    await page.screenshot({ path: screenshotPath("decode-hover") });
    await hover.locator("a", { hasText: "Decode" }).click();
    await webview(page).locator("#claims tr[data-claim=name]", { hasText: "From Hover" }).waitFor({ timeout: 30_000 });
  });
});

test("a hostile token renders as text: no script runs, no CSP violation", async () => {
  await withWorkbench("decode-hostile", async ({ page }) => {
    const messages = [];
    page.on("console", (m) => messages.push(m.text()));
    let dialog = false;
    page.on("dialog", async (d) => { dialog = true; await d.dismiss(); });
    const hostile = makeJwt(payload({
      name: "<img src=x onerror=alert(1)>",
      given_name: "<script>alert(2)</script>",
      aud: "\"><svg onload=alert(3)>",
      "<b onmouseover=alert(4)>": "javascript:alert(5)",
    }));
    await page.evaluate((t) => navigator.clipboard.writeText(t), hostile);
    await runCommand(page, "Decode JWT");
    const view = webview(page);
    const nameCell = view.locator("#claims tr[data-claim=name] td.value code");
    await nameCell.waitFor({ timeout: 30_000 });
    assert.equal(await nameCell.innerText(), "<img src=x onerror=alert(1)>");
    assert.equal(await view.locator("#claims tr[data-claim=given_name] td.value code").innerText(), "<script>alert(2)</script>");
    // The view's own icons are SVG (class codicon, one path each, made by webview-ui/dom.ts): any other SVG came in.
    assert.equal(await view.locator("#app img, #app script, #app svg:not(.codicon), #app a, #app b").count(), 0, "no element came from the claims");
    assert.equal(await view.locator("#app svg.codicon *:not(path)").count(), 0, "icons hold their outline only");
    await view.locator("#claims tr[data-claim=aud] td.value").hover();
    await page.screenshot({ path: screenshotPath("decode-hostile") });
    assert.equal(dialog, false, "no alert ran");
    const violations = messages.filter((m) => /Content Security Policy|securitypolicyviolation|Refused to/i.test(m));
    assert.deepEqual(violations, []);
  });
});

/** A token from payload JSON *text* (JSON.stringify cannot write arrays nested 5,000 deep: it overflows the stack). */
function rawJwt(payloadJson) {
  return [b64url(JSON.stringify({ typ: "JWT", alg: "RS256", kid: "e2e" })), b64url(payloadJson), b64url("not-a-real-signature")].join(".");
}
const claimsText = (extra) => JSON.stringify(payload(extra)).slice(1, -1);

test("tokens built to break the view: every claim gets a row, invisible characters show as escapes with a diagnostic", async () => {
  await withWorkbench("decode-total", async ({ page }) => {
    const view = webview(page);
    const rowNames = () => view.locator("#claims tr[data-claim]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-claim")));
    const decode = async (token, name) => {
      await page.evaluate((t) => navigator.clipboard.writeText(t), token);
      await runCommand(page, "Decode JWT");
      await view.locator("#claims tr[data-claim=name]", { hasText: name }).waitFor({ timeout: 30_000 });
    };

    // Arrays nested 5,000 deep (a 13 KB token): once it overflowed JSON.stringify and the view stayed on "Loading token…".
    await decode(rawJwt(`{${claimsText({ name: "Deep Token" })},"deep":${"[".repeat(5000)}${"]".repeat(5000)}}`), "Deep Token");
    assert.deepEqual(await rowNames(), ["aud", "iss", "tid", "iat", "nbf", "exp", "name", "deep"]);
    assert.match(await view.locator("#claims tr[data-claim=deep] td.value code").innerText(), /^\[\[\[\[/);
    assert.equal(await view.locator(".section-error, .loading").count(), 0, "no section failed, nothing is still loading");
    await view.locator("#claims tr[data-claim=deep]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("decode-deep") });

    // {"toString":1} in acct: once diagnostics threw "Cannot convert object to primitive value".
    await decode(rawJwt(`{${claimsText({ name: "To String" })},"acct":{"toString":1}}`), "To String");
    assert.deepEqual(await rowNames(), ["aud", "iss", "tid", "iat", "nbf", "exp", "name", "acct"]);
    assert.equal(await view.locator("#claims tr[data-claim=acct] td.value code").innerText(), '{"toString":1}');
    assert.equal(await view.locator(".section-error").count(), 0);

    // A right-to-left override in aud and a zero-width space in the name: shown as escapes, named by a diagnostic.
    const spoofed = JSON.stringify(payload({ aud: "api://decode-e2e\u202Etxt.exe", name: "Bidi\u200BToken" }));
    await decode(rawJwt(spoofed), "Bidi\\u200BToken");
    assert.equal(await view.locator("#claims tr[data-claim=aud] td.value code").innerText(), "api://decode-e2e\\u202Etxt.exe");
    assert.equal(await view.locator("#claims tr[data-claim=name] td.value code").innerText(), "Bidi\\u200BToken");
    assert.match(await view.locator("#claims tr[data-claim=aud] .invisible-note").innerText(), /invisible or direction-changing/);
    const diagnostics = await view.locator("#diagnostics").innerText();
    assert.match(diagnostics, /Claims `aud` and `name` contain invisible or direction-changing characters\./);
    assert.ok(!/[\u202E\u200B]/.test(await view.locator("#app").innerText()), "no invisible character reaches the page");
    await view.locator("#claims tr[data-claim=aud]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("decode-bidi") });

    assert.equal(await view.locator("#history option").count(), 3, "all three are held, none failed to decode");
    const errors = (await notificationTexts(page)).filter((t) => /Couldn't|error/i.test(t));
    assert.deepEqual(errors, [], "no error notification");
  });
});
