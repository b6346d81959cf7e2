// The bench's metrics inside the real extension host, on the test harness (test/harness: code-server, the local
// Entra ID, Chromium): activation, panelVisible, extHostMemoryMB. Azure Token is installed from its packaged .vsix,
// next to an empty extension with the same activation event and a probe that measures (./empty-extension,
// ./probe-extension), with the stand-in developer tools on PATH for token acquisitions without UI.
import fs from "node:fs";
import path from "node:path";
import { launchBrowser } from "../../test/harness/browser.mjs";
import { packageExtensionFolder } from "../../test/harness/callerExtension.mjs";
import { startCodeServer } from "../../test/harness/codeServer.mjs";
import { ARTIFACTS_DIR, PROJECT_DIR } from "../../test/harness/paths.mjs";
import { openWorkbench, runCommand, webview } from "../../test/harness/workbench.mjs";
import { combined, interleave, metric } from "./stats.mjs";

const here = path.dirname(new URL(import.meta.url).pathname);

async function waitForFile(file, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${what}: nothing after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/**
 * entra: the local Entra ID (startFakeEntraProcess); token: a JWT made at run time; windows: window loads for
 * activation, after a warm-up one (≥ 5 for a real run); rounds: panel openings of each kind.
 */
export async function measureExtensionHost({ entra, runDir, guardLog, token, windows, rounds, log = () => {} }) {
  const benchDir = fs.mkdtempSync(path.join(runDir, "probe-"));
  fs.writeFileSync(path.join(benchDir, "token.txt"), token);
  // Acquisitions without UI: the Azure CLI stand-in (test/fake-tools/az) asks the local Entra ID each time.
  fs.writeFileSync(path.join(benchDir, "request.json"), JSON.stringify({ credential: "azureCli", scopes: [`${entra.apiIdentifierUri}/.default`] }));
  const server = await startCodeServer({
    runDir, guardLog, log: path.join(runDir, "code-server-bench.log"),
    vsix: [path.join(ARTIFACTS_DIR, "azure-token.vsix"),
      packageExtensionFolder(path.join(here, "empty-extension"), path.join(runDir, "bench-empty.vsix"), runDir),
      packageExtensionFolder(path.join(here, "probe-extension"), path.join(runDir, "bench-probe.vsix"), runDir)],
    env: { NODE_EXTRA_CA_CERTS: entra.caPath, FAKE_ENTRA_INFO: JSON.stringify(entra), AZURE_TOKEN_BENCH_DIR: benchDir },
    pathPrefix: [path.join(PROJECT_DIR, "test/fake-tools")],
    trustedOrigins: [entra.url],
    // Tokens go to the probe without a consent modal; acquisitions notify instead of opening the view each time.
    settings: { "azureToken.authorityHost": entra.url, "azureToken.tokenRelease": "allow", "azureToken.afterAcquire": "notify" },
  });
  const browser = await launchBrowser({ runDir, trustCertPath: entra.certPath });
  try {
    const { page } = browser;
    // activation: each window load starts a new extension host, where the probe times both activations.
    // One window more than counted: the first load after code-server starts is a warm-up (cold caches; both
    // activations take several times as long, in either order).
    const activations = [];
    for (let i = 0; i <= windows; i++) {
      const before = new Set(fs.readdirSync(benchDir));
      await openWorkbench(page, server);
      const deadline = Date.now() + 120_000;
      let file;
      while (!(file = fs.readdirSync(benchDir).find((f) => f.startsWith("activation-") && !before.has(f)))) {
        if (Date.now() > deadline) throw new Error("the probe reported no activation within 120 s");
        await new Promise((r) => setTimeout(r, 100));
      }
      const a = JSON.parse(fs.readFileSync(path.join(benchDir, file), "utf8"));
      if (a.error) throw new Error(`activation probe: ${a.error}`);
      if (i > 0 && a.azureToken !== null && a.empty !== null) activations.push(a);
      log(`window ${i === 0 ? "warm-up" : `${i}/${windows}`}: activation ${a.azureToken?.toFixed(1)} ms, empty extension ${a.empty?.toFixed(1)} ms`);
    }
    if (!activations.length) throw new Error("no window let the probe time both activations");

    // panelVisible: from the command's start in the extension host to the table being visible in the webview.
    const view = webview(page);
    const panelMs = async (command, visible) => {
      const start = path.join(benchDir, "panel-start.json");
      fs.rmSync(start, { force: true });
      await runCommand(page, command);
      const { at } = await waitForFile(start, 60_000, command);
      await view.locator(visible).first().waitFor({ state: "visible", timeout: 60_000 });
      const ms = Date.now() - at;
      await runCommand(page, "Azure Token Bench: Close every editor");
      await page.locator("iframe.webview").first().waitFor({ state: "detached", timeout: 30_000 }).catch(() => {});
      return ms;
    };
    await panelMs("Azure Token Bench: Decode the bench token", "#claims tr[data-claim=aud]"); // warm-up: first load of the view's code
    await panelMs("Azure Token Bench: Open the empty panel", "#claims tr[data-claim=aud]");
    const panels = await interleave(rounds, {
      ours: () => panelMs("Azure Token Bench: Decode the bench token", "#claims tr[data-claim=aud]"),
      empty: () => panelMs("Azure Token Bench: Open the empty panel", "#claims tr[data-claim=aud]"),
    });

    // extHostMemoryMB: two rounds of 50 acquisitions + 50 decodes + 50 view opens and closes, then the empty panel's.
    const memoryFile = path.join(benchDir, "memory.json");
    await runCommand(page, "Azure Token Bench: Measure heap growth");
    const memory = await waitForFile(memoryFile, 300_000, "heap growth");
    if (memory.error) throw new Error(`heap growth: ${memory.error}`);
    const mb = (bytes) => bytes / (1024 * 1024);

    return {
      activation: metric({
        unit: "ms", values: activations.map((a) => a.azureToken), baselines: activations.map((a) => a.empty), goal: { on: "ratio", max: 1.5 },
        compares: "activating Azure Token (installed .vsix) in code-server's extension host ÷ activating an empty extension with the same activation event, in the same window, order alternating; one window load each",
      }),
      panelVisible: metric({
        unit: "ms", values: panels.ours, baselines: panels.empty, goal: { on: "ratio", max: 1.5 },
        compares: "azureToken.decodeJwt with a token until the claims table is visible in its webview ÷ the empty extension's static webview panel until its table is visible (Playwright over the workbench)",
      }),
      extHostMemoryMB: combined({
        firstRound: metric({ unit: "MB", values: [mb(memory.firstRound)], baselines: [mb(memory.emptyRound)], goal: { on: "value", max: 30 },
          compares: "extension-host heap growth after GC: 50 acquisitions + 50 decodes + 50 view opens and closes; baseline: 150 empty panels opened and closed" }),
        secondRound: metric({ unit: "MB", values: [mb(memory.secondRound)], baselines: [mb(memory.emptyRound)], goal: { on: "value", max: 2 }, compares: "the same round again" }),
      }, "extension-host heap growth after GC, first round / second round"),
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
