// Builds the four bundles the extension ships, plus the integration tests (never shipped):
//   dist/extension.js  extension host entry (CJS, `vscode` external): activation wiring only, all activation pays for.
//   dist/features.js   every command, the token view, the hover's text, the catalogues: loaded on first use.
//   dist/auth.js       everything that touches @azure/identity, loaded on the first token request.
//   dist/verify.js     the signature check with jose, loaded on the first "Verify signature".
//   dist/webview/      the token view's browser code and styles, embedded in each page of the view (src/webview/html.ts).
//   out/test/          integration tests run inside the real extension host (see scripts/run-integration.mjs).
import * as esbuild from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes("--production");
const withTests = !process.argv.includes("--no-tests");

const node = {
  bundle: true, platform: "node", format: "cjs", target: "node20", absWorkingDir: root,
  external: ["vscode"], sourcemap: production ? false : "linked", minify: production, logLevel: "warning",
  // @azure/identity opens the sign-in page with the ESM-only `open` package, which breaks in a CJS bundle
  // (it reads import.meta.url). Route it through VS Code instead: right for remote hosts too.
  alias: { open: "./src/auth/openBrowser.ts" },
};

await Promise.all([
  esbuild.build({ ...node, entryPoints: ["src/extension.ts"], outfile: "dist/extension.js" }),
  esbuild.build({ ...node, entryPoints: ["src/features.ts"], outfile: "dist/features.js" }),
  esbuild.build({ ...node, entryPoints: ["src/auth/index.ts"], outfile: "dist/auth.js" }),
  esbuild.build({ ...node, entryPoints: ["src/tokens/verifySignature.ts"], outfile: "dist/verify.js" }),
  esbuild.build({
    bundle: true, platform: "browser", format: "iife", target: "es2022", absWorkingDir: root,
    entryPoints: ["webview-ui/main.ts"], outfile: "dist/webview/main.js",
    // Embedded in the page: a linked map would name a file the page cannot load.
    sourcemap: production ? false : "inline", minify: production, logLevel: "warning",
  }),
]);
fs.copyFileSync(path.join(root, "webview-ui/main.css"), path.join(root, "dist/webview/main.css"));
// The codicons are inline SVG (webview-ui/codicons.ts): no font file, which the page would have to load.
for (const f of ["codicon.css", "codicon.ttf", "main.js.map"]) fs.rmSync(path.join(root, "dist/webview", f), { force: true });

if (withTests) {
  const tests = fs.readdirSync(path.join(root, "test/integration")).filter((f) => f.endsWith(".ts"));
  fs.rmSync(path.join(root, "out/test/integration"), { recursive: true, force: true }); // no stale tests from renamed files
  await esbuild.build({
    ...node, alias: {}, sourcemap: "inline", external: ["vscode", "mocha"],
    entryPoints: tests.map((f) => `test/integration/${f}`), outdir: "out/test/integration",
  });
}
