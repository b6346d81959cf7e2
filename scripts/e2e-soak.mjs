// Proves the end-to-end layer does not flake: runs it N times in a row (default 5) while a second workbench keeps the
// machine busy, as a busy developer machine or CI neighbour would. Stops at the first failing run.
//   usage: node scripts/e2e-soak.mjs [runs=5] [e2e-file-filter]
// The load: a second code-server with the packaged extension, and a headless Chromium that keeps reloading it and
// opening its command palette. Everything it starts is stopped at the end (also on Ctrl-C).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { launchBrowser } from "../test/harness/browser.mjs";
import { startCodeServer } from "../test/harness/codeServer.mjs";
import { ARTIFACTS_DIR, PROJECT_DIR, makeRunDir } from "../test/harness/paths.mjs";
import { openCommandPalette, openWorkbench } from "../test/harness/workbench.mjs";

const runs = Number(process.argv[2] ?? 5);
const filter = process.argv[3] ?? "";
const runDir = makeRunDir("soak");
const stops = [];
const stopAll = async () => { for (const stop of stops.reverse()) await stop().catch(() => {}); fs.rmSync(runDir, { recursive: true, force: true }); };
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => { void stopAll().finally(() => process.exit(130)); });

const must = (cmd, args) => { if (spawnSync(cmd, args, { cwd: PROJECT_DIR, stdio: "inherit" }).status !== 0) process.exit(1); };
must("bash", ["scripts/install-tools.sh"]); // both VS Code builds: the e2e layer runs its smoke test in the oldest too
must(process.execPath, ["scripts/package.mjs"]);

// The busy neighbour: a workbench that reloads and opens its palette in a loop until the soak ends.
const server = await startCodeServer({ runDir, vsix: path.join(ARTIFACTS_DIR, "azure-token.vsix"), log: path.join(runDir, "load-code-server.log") });
stops.push(server.stop);
const browser = await launchBrowser({ runDir });
stops.push(browser.close);
let loading = true;
const load = (async () => {
  while (loading) {
    try {
      await openWorkbench(browser.page, server);
      await openCommandPalette(browser.page);
      await browser.page.keyboard.press("Escape");
    } catch { /* a reload interrupted by the next one: keep going */ }
  }
})();

const results = [];
for (let n = 1; n <= runs; n++) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ["scripts/test.mjs", "e2e", filter], { cwd: PROJECT_DIR, stdio: "inherit" });
  results.push(`run ${n}: ${r.status === 0 ? "passed" : "FAILED"} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  console.log(`\n=== soak ${results.at(-1)}`);
  if (r.status !== 0) break;
}
loading = false;
await load;
await stopAll();
console.log(`\ne2e soak under load:\n  ${results.join("\n  ")}`);
process.exit(results.length === runs && results.every((r) => r.includes("passed")) ? 0 : 1);
