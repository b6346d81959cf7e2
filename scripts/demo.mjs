// `npm run demo`: the extension in a real VS Code in the browser, against a local sandbox tenant.
// Builds and packages the extension, starts the local Entra ID (a person approves sign-ins on its page) and
// code-server with the .vsix installed and configured for the sandbox, then prints the URL. Ctrl-C stops all.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startCodeServer } from "../test/harness/codeServer.mjs";
import { startFakeEntraProcess } from "../test/harness/fakeEntraProcess.mjs";
import { ARTIFACTS_DIR, PROJECT_DIR, makeRunDir } from "../test/harness/paths.mjs";

const CODE_PORT = Number(process.env.DEMO_PORT ?? 8080);
const ENTRA_PORT = Number(process.env.DEMO_ENTRA_PORT ?? 8443);

const must = (cmd, args) => { if (spawnSync(cmd, args, { cwd: PROJECT_DIR, stdio: "inherit" }).status !== 0) process.exit(1); };
must("bash", ["scripts/install-tools.sh", "current"]); // the demo runs the current VS Code only
must(process.execPath, ["scripts/package.mjs"]);

// Stop handlers come first: a Ctrl-C while the servers start must still remove what was started.
const runDir = makeRunDir("demo");
const stops = [];
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping…");
  for (const s of stops.reverse()) await s().catch(() => {});
  fs.rmSync(runDir, { recursive: true, force: true });
  process.exit();
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, stop);

let entra, server;
try {
  entra = await startFakeEntraProcess({ certsDir: path.join(runDir, "certs"), autoApprove: false, port: ENTRA_PORT });
  stops.push(entra.stop);
  server = await startCodeServer({
    runDir, port: CODE_PORT, vsix: path.join(ARTIFACTS_DIR, "azure-token.vsix"), log: path.join(runDir, "code-server.log"),
    env: { NODE_EXTRA_CA_CERTS: entra.caPath },
    trustedOrigins: [entra.url],
    settings: {
      "azureToken.authorityHost": entra.url,
      "azureToken.defaultTenant": entra.tenantDomain ?? entra.tenantId,
      "azureToken.defaultClientId": entra.publicClientId,
      "workbench.colorTheme": "Default Dark Modern",
    },
    workspaceFiles: { "README.md": "# Azure Token demo\n\nRun **Get Azure Token** from the command palette (F1).\n" },
  });
  stops.push(server.stop);
} catch (e) {
  console.error(`The demo could not start: ${e?.message ?? e}\n(ports ${CODE_PORT} and ${ENTRA_PORT}; choose others with DEMO_PORT and DEMO_ENTRA_PORT)`);
  process.exitCode = 1;
  await stop();
}

console.log(`
Azure Token demo is running.

  VS Code:          ${server.url}/?folder=${encodeURI(server.workspace)}
  Local Entra ID:   ${entra.url}   (sandbox tenant ${entra.tenantId}, domain ${entra.tenantDomain ?? "contoso.test"})
  Sign in as:       alice@contoso.test or bob@contoso.test (pick one on the sign-in page)
  Public client:    ${entra.publicClientId}

Open the VS Code URL in a browser on this machine, press F1 and run "Get Azure Token".
The local Entra ID uses a throw-away certificate authority: VS Code trusts it; your browser will warn once
when the sign-in page opens (its CA is ${entra.caPath}).
Ctrl-C stops everything.`);
setInterval(() => {}, 1 << 30);
