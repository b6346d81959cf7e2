// `npm run package`: a production build of dist/ and artifacts/azure-token.vsix made by vsce.
// vsce wants Node >= 22: it runs on the Node 24 that scripts/install-tools.sh puts in the tools folder.
// It must never stop to ask: in a terminal vsce asks "Do you want to continue? [y/N]" after a warning (no
// repository, no license…), and an answer nobody gives would leave no .vsix, or an old one. Its output goes
// through a pipe, so it never sees a terminal, and any warning it prints fails the packaging instead: the
// manifest is kept complete, and the result is the same in a terminal and in CI.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ARTIFACTS_DIR, NODE24_DIR, PROJECT_DIR } from "../test/harness/paths.mjs";

const fail = (message) => { console.error(`package: ${message}`); process.exit(1); };
const run = (cmd, args) => {
  // stdin is closed: a question vsce asks reads end-of-file and fails the run instead of waiting.
  const r = spawnSync(cmd, args, { cwd: PROJECT_DIR, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) fail(`${path.basename(args[0] ?? cmd)} exited with ${r.status ?? r.signal}`);
};
const node24 = path.join(NODE24_DIR, "bin/node");
if (!fs.existsSync(node24)) run("bash", ["scripts/install-tools.sh", "current"]);
const out = path.join(ARTIFACTS_DIR, "azure-token.vsix");
fs.rmSync(out, { force: true }); // an old package must never stand in for the one this run failed to make
fs.rmSync(path.join(PROJECT_DIR, "dist"), { recursive: true, force: true });
run(process.execPath, ["esbuild.config.mjs", "--production", "--no-tests"]);
// The manifest's icon is committed, rendered from media/icon.svg; a checkout without it gets it rendered here.
if (!fs.existsSync(path.join(PROJECT_DIR, "media/icon.png"))) run(process.execPath, ["scripts/make-icon.mjs"]);
fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
const vsce = spawnSync(node24, [path.join(PROJECT_DIR, "node_modules/@vscode/vsce/vsce"), "package", "--no-dependencies",
  "--no-rewrite-relative-links", "--out", out], { cwd: PROJECT_DIR, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
const said = `${vsce.stdout}${vsce.stderr}`.trim();
if (said) console.log(said);
if (vsce.status !== 0) fail(`vsce exited with ${vsce.status ?? vsce.signal}`);
if (/\bWARNING\b/.test(said)) { fs.rmSync(out, { force: true }); fail("vsce warned (above): complete the manifest rather than accept a warning"); }
if (!fs.existsSync(out)) fail(`vsce wrote no ${path.relative(PROJECT_DIR, out)}`);
console.log(`packaged ${path.relative(PROJECT_DIR, out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB)`);
