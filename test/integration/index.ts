// Entry point the workbench calls inside the real extension host (payload `extensionTestsPath`).
// Runs every *.test.js next to it with mocha and writes a JSON summary for the driver.
import * as fs from "node:fs";
import * as path from "node:path";
import Mocha from "mocha";
// A static import (a require() in the bundle): esbuild keeps a dynamic import("vscode") as an ESM import, which
// VS Code 1.139's extension host resolves but 1.93's does not ("Cannot find package 'vscode'").
import * as vscode from "vscode";
import { EXTENSION_ID } from "./extensionId";

/** Whether a lazily loaded bundle of dist/ is loaded in this extension host. */
const bundleLoaded = (file: string) => Object.keys(require.cache).some((p) => p.endsWith(`${path.sep}dist${path.sep}${file}`));
/** dist/auth.js holds @azure/identity. */
export const authBundleLoaded = () => bundleLoaded("auth.js");
/** dist/verify.js holds jose. */
export const verifyBundleLoaded = () => bundleLoaded("verify.js");

/**
 * Activates the extension and records whether that loaded the auth or verify bundle, before any test can request a token,
 * so the lazy-loading test does not depend on the order the tests run in.
 */
async function snapshotActivation(): Promise<void> {
  await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  (globalThis as { azureTokenAuthLoadedAtActivation?: boolean }).azureTokenAuthLoadedAtActivation = authBundleLoaded();
  (globalThis as { azureTokenVerifyLoadedAtActivation?: boolean }).azureTokenVerifyLoadedAtActivation = verifyBundleLoaded();
}

export async function run(): Promise<void> {
  // scripts/run-integration.mjs prints this line: which VS Code and Node the tests really ran in.
  console.log(`extension host: VS Code ${vscode.version}, Node ${process.version}`);
  await snapshotActivation();
  // `node scripts/test.mjs integration <filter>`: only the tests whose full title contains the filter.
  const grep = process.env.AZURE_TOKEN_INTEGRATION_GREP || undefined;
  const mocha = new Mocha({ ui: "tdd", color: false, timeout: 60_000, reporter: "spec", ...(grep ? { grep } : {}) });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith(".test.js")).sort()) mocha.addFile(path.join(__dirname, file));
  const resultFile = process.env.AZURE_TOKEN_TEST_RESULT;
  const results: { passed: string[]; failed: { title: string; error: string }[] } = { passed: [], failed: [] };
  return new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} integration tests failed.`)); else resolve();
    });
    runner.on("pass", (t) => results.passed.push(t.fullTitle()));
    runner.on("fail", (t, err: Error) => results.failed.push({ title: t.fullTitle(), error: String(err?.stack ?? err) }));
  });
}
