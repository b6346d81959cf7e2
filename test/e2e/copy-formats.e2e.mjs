// Every "Copy as" format of the token view, with what lands on the clipboard compared exactly (read in the workbench),
// and the ones meant to be run, run: the copied curl command calls a loopback stand-in of Azure Resource Manager
// (echoApi.mjs, which checks the token's signature, issuer and audience) and gets 200 and the token's hash back; the
// copied REST Client (.http) request is sent as REST Client sends it; the copied bash line exports the token.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import { webview } from "../harness/workbench.mjs";
import { getTokenThroughPrompts } from "./credentialSteps.mjs";
import { sha256, startEchoApi } from "./echoApi.mjs";
import { entra, runDir, waitFor, withWorkbench } from "./support.mjs";

const ARM = "management.azure.com";
/** What a token for Azure Resource Manager is for, by its audience: listing the subscriptions. */
const ARM_URL = `https://${ARM}/subscriptions?api-version=2022-12-01`;

/** Clicks a format's button and returns the clipboard once the copy has replaced what was there. */
async function copyAs(page, format) {
  const marker = `before ${format} ${Date.now()}`;
  await page.evaluate((t) => navigator.clipboard.writeText(t), marker);
  await webview(page).locator(`button[data-format=${format}]`).click();
  return waitFor(`the clipboard after Copy as ${format}`, async () => {
    const text = await page.evaluate(() => navigator.clipboard.readText());
    return text !== marker && text;
  }, 30_000);
}

/**
 * Runs a script as bash does, with nothing from this environment but PATH and HOME (no proxy). Asynchronous, since
 * the API it calls answers from this process; the script goes in on stdin, so no failure message repeats the token.
 */
function bash(script) {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-s"], { env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (err += c));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`bash exited with ${code}: ${err.trim()}`))));
    child.stdin.end(script);
  });
}

/**
 * Sends an .http file's first request as the REST Client extension does: `@name = value` file variables,
 * `{{name}}` substituted, the request line, then headers up to a blank line. Connects to `to` (loopback) with the
 * URL's host name for TLS and the Host header.
 */
function sendHttpFile(text, to) {
  const vars = {};
  const lines = text.split("\n");
  let i = 0;
  for (; i < lines.length; i++) {
    const v = /^@([A-Za-z_]\w*)\s*=\s*(.*)$/.exec(lines[i]);
    if (v) vars[v[1]] = v[2].trim();
    else if (lines[i].trim()) break;
  }
  const expand = (s) => s.replace(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g, (_, name) => {
    if (!(name in vars)) throw new Error(`unknown variable {{${name}}}`);
    return vars[name];
  });
  const [method, url] = expand(lines[i++]).split(/\s+/);
  const headers = {};
  for (; i < lines.length && lines[i].trim(); i++) {
    const colon = lines[i].indexOf(":");
    headers[lines[i].slice(0, colon).trim()] = expand(lines[i].slice(colon + 1).trim());
  }
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = https.request({
      method, host: to.host, port: to.port, path: target.pathname + target.search, servername: target.hostname, ca: to.ca,
      headers: { ...headers, host: target.host },
    }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode, body: JSON.parse(body) }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("copy as: all seven formats reach the clipboard exactly; curl, the .http request and the bash export work", async () => {
  const api = await startEchoApi({
    entra, dir: path.join(runDir, "echo-api"), hostname: ARM, audiences: [`https://${ARM}`, `https://${ARM}/`],
    issuer: `https://sts.windows.net/${entra.tenantId}/`, jwksPath: `/${entra.tenantId}/discovery/keys`,
  });
  try {
    await withWorkbench("copy-formats", async ({ page }) => {
      const view = webview(page);
      // A token for Azure Resource Manager from the Azure CLI (the stand-in on VS Code's PATH): no browser involved.
      await getTokenThroughPrompts(page, "Azure CLI", { Tenant: entra.tenantId, Scopes: `https://${ARM}/.default` });
      await view.locator("#claims tr[data-claim=aud]", { hasText: ARM }).waitFor({ timeout: 60_000 });
      await view.locator("#reveal").click();
      await view.locator("#reveal[aria-pressed=true]").waitFor();
      const token = await view.locator("#token-text").innerText();
      assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
      const payload = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));

      const formats = await view.locator("button[data-format]").evaluateAll((buttons) => buttons.map((b) => b.dataset.format));
      assert.deepEqual(formats, ["raw", "header", "curl", "bash", "powershell", "restClient", "claimsJson"], "seven formats, in menu order");

      const expected = {
        raw: token,
        header: `Authorization: Bearer ${token}`,
        curl: `curl -H "Authorization: Bearer ${token}" '${ARM_URL}'`,
        bash: `export AZURE_ACCESS_TOKEN='${token}'`,
        powershell: `$env:AZURE_ACCESS_TOKEN = '${token}'`,
        restClient: `@token = ${token}\n\nGET ${ARM_URL}\nAuthorization: Bearer {{token}}\n`,
        claimsJson: JSON.stringify(payload, null, 2),
      };
      const copied = {};
      for (const format of formats) {
        copied[format] = await copyAs(page, format);
        assert.equal(copied[format], expected[format], `Copy as ${format}`);
      }
      // The confirmation names the format, never the token.
      assert.ok(!(await view.locator("#notice").innerText()).includes(token.slice(0, 20)));

      // curl, as copied, pointed at the loopback API: 200 and the hash of exactly this token.
      const curlOut = await bash(`${copied.curl} --silent --show-error --max-time 30 --noproxy '*' --cacert '${api.certPath}' --connect-to ${ARM}:443:127.0.0.1:${api.port} --write-out '\\n%{http_code}'`);
      const [curlBody, curlStatus] = curlOut.trimEnd().split("\n");
      assert.equal(curlStatus, "200", curlOut);
      assert.equal(JSON.parse(curlBody).tokenSha256, sha256(token));
      assert.equal(api.calls.at(-1).url, "/subscriptions?api-version=2022-12-01");
      assert.equal(api.calls.at(-1).host, ARM);

      // The .http request, as REST Client sends it: 200 and the same hash.
      const http = await sendHttpFile(copied.restClient, { host: "127.0.0.1", port: api.port, ca: fs.readFileSync(api.certPath) });
      assert.equal(http.status, 200, JSON.stringify(http.body));
      assert.equal(http.body.tokenSha256, sha256(token));

      // The API does check: a token with one character changed is refused.
      const tampered = copied.curl.replace(`${token}"`, `${token.slice(0, -2)}${token.at(-2) === "A" ? "B" : "A"}${token.at(-1)}"`);
      assert.match(await bash(`${tampered} --silent --max-time 30 --noproxy '*' --cacert '${api.certPath}' --connect-to ${ARM}:443:127.0.0.1:${api.port} --write-out '\\n%{http_code}'`), /\n401$/);

      // The bash line exports exactly the token.
      assert.equal(await bash(`${copied.bash}\nprintf %s "$AZURE_ACCESS_TOKEN"`), token);
    });
  } finally {
    await api.close();
  }
});
