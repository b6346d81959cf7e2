// `npm test`: every layer, from a clean clone on a fresh machine.
//   1. typecheck + build, then lint (eslint.config.mjs)    2. unit tests (plain Node)
//   3. tools (scripts/install-tools.sh) + package the .vsix
//   4. a local Entra ID and a real VS Code (code-server) with the .vsix installed
//   5. integration tests inside its extension host    6. end-to-end tests over the workbench in Chromium
//   5 and 6 run in two VS Code builds: the current one (every test), then the oldest that engines.vscode allows
//   (every integration test, and the end-to-end smoke test: test/e2e/smoke*.e2e.mjs).
// Every process is under the network guard; the run fails if anything tried to leave loopback.
// Usage: node scripts/test.mjs [unit|integration|e2e] [filter] [--vscode=current|oldest]
//   (the filter: unit and e2e test files whose name contains it; integration tests whose full title contains it)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { packageCallerExtension } from "../test/harness/callerExtension.mjs";
import { buildInfo, startCodeServer } from "../test/harness/codeServer.mjs";
import { startFakeEntraProcess } from "../test/harness/fakeEntraProcess.mjs";
import { ARTIFACTS_DIR, PROJECT_DIR, RUN_DIR, VSCODE_BUILDS, makeRunDir } from "../test/harness/paths.mjs";
import { integrationEnvironment, runIntegration } from "./run-integration.mjs";

const vscodeArg = process.argv.slice(2).find((a) => a.startsWith("--vscode="))?.slice("--vscode=".length);
const [only, filter = ""] = process.argv.slice(2).filter((a) => !a.startsWith("--vscode="));
if (vscodeArg !== undefined && !Object.hasOwn(VSCODE_BUILDS, vscodeArg)) {
  console.log(`--vscode=${vscodeArg}: expected one of ${Object.keys(VSCODE_BUILDS).join(", ")}`);
  process.exit(2);
}
const builds = vscodeArg ? [VSCODE_BUILDS[vscodeArg]] : [VSCODE_BUILDS.current, VSCODE_BUILDS.oldest];
/** End-to-end files for a build: every one in the current VS Code, the smoke test in the oldest. */
const e2eFiles = (build) => fs.readdirSync(path.join(PROJECT_DIR, "test/e2e"))
  .filter((f) => f.endsWith(".e2e.mjs") && (build.name === "current" || f.startsWith("smoke")) && f.includes(only === "e2e" ? filter : ""))
  .sort().map((f) => path.join("test/e2e", f));
const want = (layer) => !only || only === layer;
const totals = { passed: 0, failed: 0 };
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
const step = (name) => console.log(`\n=== ${name} (${elapsed()})`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: PROJECT_DIR, stdio: "inherit", ...opts });
  return r.status === 0;
}
/** Runs node --test and reads its TAP summary for the pass/fail counts. */
function nodeTests(label, files, env = {}, tapName = label) {
  const tap = path.join(runDir, `${tapName}.tap`);
  const ok = run(process.execPath, ["--test", "--test-concurrency=1", "--test-reporter=spec", "--test-reporter-destination=stdout",
    "--test-reporter=tap", `--test-reporter-destination=${tap}`, ...files], { env: { ...process.env, ...env } });
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, "utf8") : "";
  const count = (k) => Number(text.match(new RegExp(`^# ${k} (\\d+)`, "m"))?.[1] ?? 0);
  const counts = { passed: count("pass"), failed: count("fail") + count("cancelled") };
  if (!ok && counts.failed === 0) counts.failed = 1;
  console.log(`${label}: ${counts.passed} passed, ${counts.failed} failed`);
  return counts;
}
/** One test run per checkout at a time: runs share dist/ and the packaged .vsix. */
async function takeRunLock() {
  const lock = path.join(RUN_DIR, "test.lock");
  for (let waited = 0; ; waited++) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
      process.on("exit", () => fs.rmSync(lock, { recursive: true, force: true }));
      return;
    } catch {
      let owner = 0;
      try { owner = Number(fs.readFileSync(path.join(lock, "pid"), "utf8").trim()); } catch { /* being written */ }
      let alive = owner === 0; // the owner is between mkdir and writing its pid
      try { if (owner) { process.kill(owner, 0); alive = true; } } catch { /* stale */ }
      if (!alive) { fs.rmSync(lock, { recursive: true, force: true }); continue; }
      if (waited % 30 === 0) console.log(`waiting for another test run (pid ${owner}) to finish…`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}
function add(counts) { totals.passed += counts.passed; totals.failed += counts.failed; }

fs.mkdirSync(RUN_DIR, { recursive: true });
fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
await takeRunLock();
// Run state (profiles, sockets, certificates, logs) lives in the OS temp dir: see makeRunDir.
const runDir = makeRunDir("test");
const guardLog = path.join(runDir, "network-guard.log");
const stops = [];
let interrupted = false;
const cleanup = async () => { for (const stop of stops.reverse()) await stop().catch(() => {}); fs.rmSync(runDir, { recursive: true, force: true }); };
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => { interrupted = true; cleanup().finally(() => process.exit(130)); });

try {
  // A layer run (`node scripts/test.mjs e2e …`) skips the typecheck so that one engineer's work in progress
  // elsewhere does not block another's test run; the full run always typechecks.
  step(only ? "build" : "typecheck and build");
  const typechecked = only || (run("npx", ["tsc", "-p", ".", "--noEmit"]) && run("npx", ["tsc", "-p", "webview-ui", "--noEmit"]));
  const built = typechecked && run(process.execPath, ["esbuild.config.mjs"]);
  add({ passed: built ? 1 : 0, failed: built ? 0 : 1 });
  if (!built) throw new Error("typecheck or build failed");
  // Like the typecheck, a layer run skips the lint. Findings fail the run but do not stop the tests.
  if (!only) {
    step("lint");
    const linted = run("npx", ["eslint", "."]);
    console.log(`lint: ${linted ? "no findings" : "findings above"}`);
    add({ passed: linted ? 1 : 0, failed: linted ? 0 : 1 });
  }

  if (want("unit")) {
    step("unit tests");
    const ok = run(process.execPath, ["scripts/run-unit.mjs", only === "unit" ? filter : "", `--tap=${path.join(runDir, "unit.tap")}`]);
    const tap = fs.existsSync(path.join(runDir, "unit.tap")) ? fs.readFileSync(path.join(runDir, "unit.tap"), "utf8") : "";
    const count = (k) => Number(tap.match(new RegExp(`^# ${k} (\\d+)`, "m"))?.[1] ?? 0);
    const counts = { passed: count("pass"), failed: count("fail") + count("cancelled") || (ok ? 0 : 1) };
    console.log(`unit: ${counts.passed} passed, ${counts.failed} failed`);
    add(counts);
  }

  if (want("integration") || want("e2e")) {
    step("tools and package");
    if (!run("bash", ["scripts/install-tools.sh", vscodeArg ?? "all"])) throw new Error("installing the test tools failed");
    if (!run(process.execPath, ["scripts/package.mjs"])) throw new Error("packaging the .vsix failed");
    add(nodeTests("package", ["test/package/vsix.test.mjs"]));

    step("local Entra ID");
    const certsDir = path.join(runDir, "certs");
    const entra = await startFakeEntraProcess({ certsDir, autoApprove: true, logFile: path.join(runDir, "fake-entra.log") });
    stops.push(entra.stop);
    const environment = {
      FAKE_ENTRA_URL: entra.url, FAKE_ENTRA_CA: entra.caPath, FAKE_ENTRA_INFO: JSON.stringify(entra),
      // `integration <filter>`: only the tests whose full title contains it (test/integration/index.ts).
      ...(only === "integration" && filter ? { AZURE_TOKEN_INTEGRATION_GREP: filter } : {}),
    };
    // Integration tests need the smoke-test driver (URL payload); it also hides notification toasts, so the
    // end-to-end tests get a VS Code of their own without it, with the packaged .vsix installed.
    // The end-to-end VS Code also gets the caller extension (test/fixtures/caller-extension), which asks for tokens
    // like another extension would and leaves what it received in callerDir (test/e2e/consent.e2e.mjs).
    const callerDir = path.join(runDir, "caller");
    // The end-to-end VS Code runs as if on an Azure host: an App Service managed identity endpoint (the local Entra's,
    // which checks the header) and an AKS-style federated token file, which test/e2e/identities.e2e.mjs writes.
    const workloadTokenFile = path.join(runDir, "workload", "azure-identity-token");
    const azureHostEnvironment = { IDENTITY_ENDPOINT: entra.identityEndpoint, IDENTITY_HEADER: entra.identityHeader, AZURE_FEDERATED_TOKEN_FILE: workloadTokenFile };
    const startVsCode = async (build, smokeTestDriver) => {
      const kind = smokeTestDriver ? "integration" : "e2e";
      if (!smokeTestDriver) fs.mkdirSync(callerDir, { recursive: true });
      const server = await startCodeServer({
        build, runDir, guardLog, smokeTestDriver, log: path.join(runDir, `code-server-${build.name}-${kind}.log`),
        vsix: smokeTestDriver ? undefined : [path.join(PROJECT_DIR, "artifacts/azure-token.vsix"), packageCallerExtension(runDir)],
        env: {
          NODE_EXTRA_CA_CERTS: entra.caPath,
          ...(smokeTestDriver ? integrationEnvironment(runDir, environment) : { FAKE_ENTRA_INFO: JSON.stringify(entra), AZURE_TOKEN_CALLER_DIR: callerDir, ...azureHostEnvironment }),
        },
        // The end-to-end VS Code finds the developer-tool stand-ins (test/fake-tools: az, azd, pwsh) first on its PATH.
        pathPrefix: smokeTestDriver ? [] : [path.join(PROJECT_DIR, "test/fake-tools")],
        trustedOrigins: [entra.url],
        // The integration workbench refuses modal dialogs (an extension-test payload), so its tests that read a token
        // back need tokens released without asking; the end-to-end VS Code keeps the default, "ask", and clicks the modal.
        settings: { "azureToken.authorityHost": entra.url, ...(smokeTestDriver ? { "azureToken.tokenRelease": "allow" } : {}) },
        workspaceFiles: { "notes.md": "# Scratch\n" },
      });
      stops.push(server.stop);
      console.log(`local Entra ID ${entra.url}, VS Code ${server.vscodeVersion} at ${server.url}`);
      return server;
    };
    const violations = [];
    if (want("e2e") && !builds.some((b) => e2eFiles(b).length)) throw new Error(`no end-to-end test file matches '${filter}'`);

    for (const build of builds) {
      const info = buildInfo(build);
      const vscode = `VS Code ${info.vscodeVersion}`;
      const on = `${vscode} (code-server ${info.codeServerVersion}, Node ${info.nodeVersion})`;
      if (want("integration")) {
        step(`integration tests inside the extension host of ${on}`);
        const server = await startVsCode(build, true);
        const counts = await runIntegration({ server, runDir, environment, violations, trustCertPath: entra.certPath });
        await server.stop();
        console.log(`integration, ${vscode}: ${counts.passed} passed, ${counts.failed} failed`);
        add(counts);
      }
      const files = want("e2e") ? e2eFiles(build) : [];
      if (want("e2e") && !files.length) console.log(`\n(no end-to-end test for ${vscode}: it runs test/e2e/smoke*.e2e.mjs, none matches '${filter}')`);
      if (files.length) {
        step(`end-to-end tests over the workbench of ${on} in Chromium`);
        const server = await startVsCode(build, false);
        const { url, host, workspace, profile, vscodeVersion, originsToTrustInBrowser } = server;
        add(nodeTests(`e2e, ${vscode}`, files, {
          // profile: the throw-away user-data, extensions and logs folders (test/e2e/installed.e2e.mjs reads them).
          AZURE_TOKEN_E2E: JSON.stringify({ server: { url, host, workspace, profile, build: build.name, vscodeVersion, originsToTrustInBrowser }, entra, runDir, callerDir, workloadTokenFile }),
        }, `e2e-${build.name}`));
        await server.stop();
      }
    }
    if (violations.length) {
      console.log(`network guard (browser): non-loopback requests:\n  ${violations.join("\n  ")}`);
      add({ passed: 0, failed: 1 });
    }
  }
} catch (e) {
  console.log(`ERROR: ${e?.message ?? e}`);
  totals.failed++;
} finally {
  const guard = fs.existsSync(guardLog) ? fs.readFileSync(guardLog, "utf8").trim() : "";
  if (guard) { console.log(`network guard: non-loopback connections were attempted:\n${guard}`); totals.failed++; }
  if (!interrupted) await cleanup();
}
console.log(`\n(${elapsed()})\ntotal: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed ? 1 : 0);
