// `npm run package`: a production build of dist/ and artifacts/azure-token.vsix made by vsce.
// vsce wants Node >= 22: it runs on the Node 24 that scripts/install-tools.sh puts in .tools/.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ARTIFACTS_DIR, NODE24_DIR, PROJECT_DIR } from "../test/harness/paths.mjs";

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: PROJECT_DIR, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const node24 = path.join(NODE24_DIR, "bin/node");
if (!fs.existsSync(node24)) run("bash", ["scripts/install-tools.sh"]);
fs.rmSync(path.join(PROJECT_DIR, "dist"), { recursive: true, force: true });
run(process.execPath, ["esbuild.config.mjs", "--production", "--no-tests"]);
fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
const out = path.join(ARTIFACTS_DIR, "azure-token.vsix");
run(node24, [path.join(PROJECT_DIR, "node_modules/@vscode/vsce/vsce"), "package", "--no-dependencies", "--no-rewrite-relative-links", "--out", out]);
console.log(`packaged ${path.relative(PROJECT_DIR, out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB)`);
