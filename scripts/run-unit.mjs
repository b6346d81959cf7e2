// Layer 1: unit tests in plain Node (node:test + tsx), every process under the network guard.
// Usage: node scripts/run-unit.mjs [file-filter] [--tap=FILE]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const tap = args.find((a) => a.startsWith("--tap="))?.slice(6);
const filter = args.find((a) => !a.startsWith("--")) ?? "";
const files = fs.readdirSync(path.join(root, "test/unit"), { recursive: true })
  .map(String).filter((f) => /\.test\.(ts|mjs)$/.test(f) && f.includes(filter)).sort()
  .map((f) => path.join("test/unit", f));
if (!files.length) { console.error(`no unit test files match '${filter}'`); process.exit(1); }

const guard = path.join(root, "test/support/network-guard.cjs");
const guardLog = path.join(root, ".run", `net-guard-unit-${process.pid}.log`);
fs.mkdirSync(path.dirname(guardLog), { recursive: true });
fs.rmSync(guardLog, { force: true });
const env = {
  ...process.env,
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${guard}`.trim(),
  AZURE_TOKEN_NET_GUARD_LOG: guardLog,
  // DefaultAzureCredential must never reach for managed identity (169.254.169.254) from a unit test.
  AZURE_TOKEN_CREDENTIALS: "dev",
};
const reporters = ["--test-reporter=spec", "--test-reporter-destination=stdout", ...(tap ? ["--test-reporter=tap", `--test-reporter-destination=${tap}`] : [])];
const r = spawnSync(process.execPath, ["--import", "tsx", "--test", ...reporters, ...files], { cwd: root, env, stdio: "inherit" });
const violations = fs.existsSync(guardLog) ? fs.readFileSync(guardLog, "utf8").trim() : "";
fs.rmSync(guardLog, { force: true });
if (violations) { console.error(`network guard: non-loopback connections were attempted:\n${violations}`); process.exit(1); }
process.exit(r.status ?? 1);
