// Layer 2: integration tests INSIDE the extension host of a real VS Code (code-server). The workbench URL payload
// carries extensionDevelopmentPath (this checkout), extensionTestsPath (out/test/integration/index.js) and
// extensionEnvironment; the workbench calls window.codeAutomationExit when the tests settle.
import fs from "node:fs";
import path from "node:path";
import { launchBrowser } from "../test/harness/browser.mjs";
import { ARTIFACTS_DIR, PROJECT_DIR } from "../test/harness/paths.mjs";
import { openWorkbench } from "../test/harness/workbench.mjs";

const TIMEOUT_MS = 600_000; // the whole layer, fault matrix included, on a loaded 2-core machine

/**
 * The extension host's environment for the tests: `environment` plus where to write the results. The payload's
 * extensionEnvironment carries it, but VS Code 1.93's web workbench ignores that key: start the server with it in
 * its environment too (the extension hosts inherit it).
 */
export function integrationEnvironment(runDir, environment) {
  return { AZURE_TOKEN_TEST_RESULT: path.join(runDir, "integration-result.json"), ...environment };
}

export async function runIntegration({ server, runDir, environment, violations, trustCertPath }) {
  const env = integrationEnvironment(runDir, environment);
  const resultFile = env.AZURE_TOKEN_TEST_RESULT;
  fs.rmSync(resultFile, { force: true });
  const browser = await launchBrowser({ runDir, violations, trustCertPath });
  const { page } = browser;
  let finish;
  const finished = new Promise((r) => (finish = r));
  await page.exposeFunction("codeAutomationExit", (code) => finish({ code }));
  // The sign-in page opens as a popup; the local Entra ID (auto-approve) answers it on its own.
  browser.context.on("page", (popup) => {
    if (process.env.VERBOSE) console.log(`  [popup] ${popup.url().split("?")[0]}`);
    popup.waitForEvent("close", { timeout: 60_000 }).catch(() => popup.close().catch(() => {}));
  });
  const payload = [
    ["extensionDevelopmentPath", server.remote(PROJECT_DIR)],
    ["extensionTestsPath", server.remote(path.join(PROJECT_DIR, "out/test/integration/index.js"))],
    ["extensionEnvironment", JSON.stringify(env)],
  ];
  const onLog = (type, line) => {
    if (process.env.VERBOSE || type === "error" || /^extension host:|✔|✓|passing|failing|pending|^\s+\d+\)|AssertionError/.test(line)) console.log(`  [exthost:${type}] ${line}`);
  };
  let outcome;
  try {
    await openWorkbench(page, server, { payload, onLog });
    const devHost = page.waitForFunction(() => document.title.includes("[Extension Development Host]"), null, { timeout: 60_000 })
      .then(() => new Promise(() => {}), () => ({ code: "no-dev-host" }));
    const timeout = new Promise((r) => setTimeout(() => r({ code: "timeout" }), TIMEOUT_MS));
    outcome = await Promise.race([finished, devHost, timeout]);
  } catch (e) {
    outcome = { code: "driver-error", error: e };
  } finally {
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const shot = server.build && server.build !== "current" ? `integration-last-${server.build}.png` : "integration-last.png";
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, shot) }).catch(() => {});
    await browser.close();
  }
  const result = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, "utf8")) : { passed: [], failed: [] };
  for (const t of result.passed) console.log(`  ok   ${t}`);
  for (const t of result.failed) console.log(`  FAIL ${t.title}\n${t.error.split("\n").slice(0, 8).map((l) => `       ${l}`).join("\n")}`);
  let failed = result.failed.length;
  if (outcome.code === "no-dev-host") console.log("  ERROR: the workbench did not become an Extension Development Host (enable-smoke-test-driver missing?)");
  if (outcome.code === "timeout") console.log(`  ERROR: the integration tests did not finish within ${TIMEOUT_MS / 1000} s`);
  if (outcome.code === "driver-error") console.log(`  ERROR: ${outcome.error?.stack ?? outcome.error}`);
  if (outcome.code !== 0 && failed === 0) failed = 1;
  if (result.passed.length === 0 && failed === 0) failed = 1; // a run that executed nothing is a failure
  return { passed: result.passed.length, failed };
}
