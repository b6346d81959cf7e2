// Starts the local Entra ID (test/fake-entra/cli.ts) as a child process and reads its one-line JSON banner.
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { PROJECT_DIR } from "./paths.mjs";
import { killTree } from "./processTree.mjs";

// It listens on 127.0.0.2: VS Code would route a `localhost` sign-in URL through code-server's http-only port proxy.
export async function startFakeEntraProcess({ certsDir, autoApprove = true, port, env = {}, logFile } = {}) {
  const args = ["--import", "tsx", path.join(PROJECT_DIR, "test/fake-entra/cli.ts"), "--host", "127.0.0.2", "--certs", certsDir];
  if (autoApprove) args.push("--auto-approve");
  if (port) args.push("--port", String(port));
  const child = spawn(process.execPath, args, { cwd: PROJECT_DIR, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", logFile ? "pipe" : "inherit"] });
  if (logFile) {
    const { createWriteStream } = await import("node:fs");
    child.stderr.pipe(createWriteStream(logFile, { flags: "a" }));
  }
  const banner = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error("local Entra ID did not start within 30 s")), 30_000);
    lines.once("line", (line) => { clearTimeout(timer); resolve(JSON.parse(line)); });
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`local Entra ID exited with ${code}`)); });
  });
  return { ...banner, pid: child.pid, stop: () => killTree(child.pid) };
}
