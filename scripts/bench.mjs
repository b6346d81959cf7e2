// `npm run bench`: speed and memory of the paths users feel, as ratios against a baseline measured in the same
// run (absolute times vary with the machine; ratios do not). Never used as a pass/fail gate in tests.
//   1. decode + explain + diagnose a realistic Entra token  vs  a bare split/base64/JSON.parse of it
//   2. loading dist/extension.js (activation)              vs  loading dist/auth.js (first token request)
//   3. heap held per decoded token view                     vs  the token string itself
//   4. the one redactor over 5 MB of log text              vs  a JSON.stringify of the same text
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (!fs.existsSync(path.join(root, "dist/extension.js"))) {
  const build = spawnSync(process.execPath, ["esbuild.config.mjs", "--no-tests"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const r = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", path.join(root, "scripts/bench-run.ts")], { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
