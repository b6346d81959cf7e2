// `npm run bench`: every path a user feels, each as a ratio against a baseline measured in the same run (absolute
// times vary with the machine; ratios much less), written to bench/results.json and printed as a table. It installs
// what it needs (scripts/install-tools.sh, like npm test), packages the .vsix and starts the local Entra ID. Never a
// test gate: a missed goal is reported, not failed; the exit code says only whether the bench itself ran.
//   in process (scripts/bench/inProcess.mts): decode, analyzeUs, garbageRejectMs, hoverMs, cachedToken, firstToken
//   the production bundle: startupBundleKB
//   the extension host (scripts/bench/extensionHost.mjs): activation, panelVisible, extHostMemoryMB
// Usage: node scripts/bench.mjs [--quick] [--in-process-only] [--out=FILE]
//   --quick: few rounds and window loads (test/unit/bench.test.ts keeps the harness working with it; figures are rough)
//   node scripts/bench.mjs --readme: prints the README's Performance table from bench/results.json (runs nothing)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildInfo } from "../test/harness/codeServer.mjs";
import { startFakeEntraProcess } from "../test/harness/fakeEntraProcess.mjs";
import { PROJECT_DIR, VSCODE_BUILDS, makeRunDir } from "../test/harness/paths.mjs";
import { markdownTable, metric, readmeTable } from "./bench/stats.mjs";

const args = process.argv.slice(2);
if (args.includes("--readme")) {
  const { date, machine, metrics } = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "bench/results.json"), "utf8"));
  console.log(`${readmeTable(metrics)}\n\n${date.slice(0, 10)}, ${machine.cores} cores (${machine.cpu}, load average ${machine.loadAverage.join(" ")}), Node ${machine.node}, VS Code ${machine.vscode}.`);
  process.exit(0);
}
const quick = args.includes("--quick");
const inProcessOnly = args.includes("--in-process-only");
const out = path.resolve(args.find((a) => a.startsWith("--out="))?.slice("--out=".length) ?? path.join(PROJECT_DIR, "bench/results.json"));
const t0 = Date.now();
const say = (m) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(0)} s] ${m}`);
const run = (cmd, argv, opts = {}) => {
  const r = spawnSync(cmd, argv, { cwd: PROJECT_DIR, stdio: ["ignore", "inherit", "inherit"], ...opts });
  if (r.status !== 0) throw new Error(`${path.basename(argv[0] ?? cmd)} exited with ${r.status ?? r.signal}`);
};

const runDir = makeRunDir("bench");
const guardLog = path.join(runDir, "network-guard.log");
const stops = [];
try {
  if (!inProcessOnly) {
    say("tools (scripts/install-tools.sh current) and the .vsix (production build)");
    run("bash", ["scripts/install-tools.sh", "current"]);
    run(process.execPath, ["scripts/package.mjs"]);
  } else {
    say("production build");
    run(process.execPath, ["esbuild.config.mjs", "--production", "--no-tests"]);
  }

  // What activation loads, against everything the extension host may load later.
  const kb = (f) => fs.statSync(path.join(PROJECT_DIR, "dist", f)).size / 1024;
  const hostBundles = fs.readdirSync(path.join(PROJECT_DIR, "dist")).filter((f) => f.endsWith(".js"));
  const startupBundleKB = metric({
    unit: "KB", values: [kb("extension.js")], baselines: [hostBundles.reduce((sum, f) => sum + kb(f), 0)], goal: { on: "value", max: 60 },
    compares: `the production dist/extension.js, loaded at every window start; baseline: every extension-host bundle (${hostBundles.join(", ")})`,
  });

  say("local Entra ID");
  const entra = await startFakeEntraProcess({ certsDir: path.join(runDir, "certs"), logFile: path.join(runDir, "fake-entra.log") });
  stops.push(entra.stop);

  say("in-process metrics");
  const inProcessFile = path.join(runDir, "in-process.json");
  run(process.execPath, ["--require", "./test/support/network-guard.cjs", "--require", "./scripts/bench/vscode-stub.cjs", "--import", "tsx",
    "--expose-gc", "scripts/bench/inProcess.mts", inProcessFile], {
    env: { ...process.env, FAKE_ENTRA_INFO: JSON.stringify(entra), NODE_EXTRA_CA_CERTS: entra.caPath, AZURE_TOKEN_NET_GUARD_LOG: guardLog,
      AZURE_TOKEN_BENCH_QUICK: quick ? "1" : "" },
  });
  const metrics = { ...JSON.parse(fs.readFileSync(inProcessFile, "utf8")), startupBundleKB };

  let vscodeVersion = null;
  if (!inProcessOnly) {
    say("extension-host metrics (code-server, Chromium)");
    const { measureExtensionHost } = await import("./bench/extensionHost.mjs");
    const { benchTokens } = await import("./bench/tokens.mjs");
    vscodeVersion = buildInfo(VSCODE_BUILDS.current).vscodeVersion;
    Object.assign(metrics, await measureExtensionHost({
      entra, runDir, guardLog, token: benchTokens().v1Delegated, windows: quick ? 2 : 11, rounds: quick ? 2 : 7, log: say,
    }));
  }
  const order = ["decode", "analyzeUs", "garbageRejectMs", "hoverMs", "cachedToken", "firstToken", "activation", "startupBundleKB", "panelVisible", "extHostMemoryMB"];
  const ordered = Object.fromEntries(order.filter((k) => k in metrics).map((k) => [k, metrics[k]]));
  const guard = fs.existsSync(guardLog) ? fs.readFileSync(guardLog, "utf8").trim() : "";
  if (guard) throw new Error(`the network guard refused non-loopback connections:\n${guard}`);
  const results = {
    date: new Date().toISOString(), quick,
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? "unknown", memoryGB: Math.round(os.totalmem() / 2 ** 30), loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
      node: process.version, vscode: vscodeVersion, platform: `${os.platform()} ${os.release()}` },
    metrics: ordered,
  };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + "\n");
  console.log(`\n${markdownTable(ordered)}\n`);
  const missed = Object.entries(ordered).filter(([, m]) => !m.met).map(([k]) => k);
  say(`wrote ${path.relative(PROJECT_DIR, out)}: ${Object.keys(ordered).length} metrics, ${missed.length ? `goal missed: ${missed.join(", ")}` : "every goal met"}`);
} catch (e) {
  console.error(`bench: ${e?.message ?? e}`);
  process.exitCode = 1;
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
}
