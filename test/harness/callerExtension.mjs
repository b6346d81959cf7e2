// The caller extension (test/fixtures/caller-extension): a tiny extension that asks Azure Token for tokens the way
// another extension would, for the end-to-end consent tests. code-server installs extensions from a .vsix only, so it
// is packaged with vsce at test time into the run dir and installed next to Azure Token's own .vsix.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { NODE24_DIR, PROJECT_DIR } from "./paths.mjs";

export const CALLER_EXTENSION_ID = "azure-token-test.token-caller";
export const CALLER_EXTENSION_DIR = path.join(PROJECT_DIR, "test/fixtures/caller-extension");
/** The fixture's command, as the palette shows it. */
export const CALLER_COMMAND_TITLE = "Token Caller: Call Azure Token";

/** Packages the fixture into `<runDir>/token-caller.vsix` (vsce on Node 24, as scripts/package.mjs does) and returns its path. */
export function packageCallerExtension(runDir) {
  return packageExtensionFolder(CALLER_EXTENSION_DIR, path.join(runDir, "token-caller.vsix"), runDir);
}

/**
 * Packages a plain extension folder (a package.json and its JavaScript; no build) into the .vsix `out`. Also used by
 * `npm run bench` for its empty and probe extensions (scripts/bench/).
 */
export function packageExtensionFolder(sourceDir, out, runDir) {
  // vsce packs the folder it runs in: a copy in the run dir, so nothing is written into the checkout.
  const work = fs.mkdtempSync(path.join(runDir, "extension-src-"));
  fs.cpSync(sourceDir, work, { recursive: true });
  // It installs into every VS Code the tests run (the oldest supported too): it supports what Azure Token supports.
  const manifest = JSON.parse(fs.readFileSync(path.join(work, "package.json"), "utf8"));
  manifest.engines = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")).engines;
  fs.writeFileSync(path.join(work, "package.json"), JSON.stringify(manifest, null, 2));
  const r = spawnSync(path.join(NODE24_DIR, "bin/node"), [path.join(PROJECT_DIR, "node_modules/@vscode/vsce/vsce"), "package",
    "--no-dependencies", "--skip-license", "--allow-missing-repository", "--out", out],
  { cwd: work, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  fs.rmSync(work, { recursive: true, force: true });
  if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`packaging ${path.basename(sourceDir)} failed: ${r.stdout}${r.stderr}`);
  return out;
}
