// Wiring the headless fake browser into code that opens the system browser (InteractiveBrowserCredential's `open`).
//   - unbundled Node on Linux: `open` runs node_modules/open/xdg-open, which with no desktop environment runs $BROWSER;
//   - Electron (VS Code) or bundled code: `open` runs `xdg-open` from PATH, so this folder goes first on PATH.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const FAKE_ENTRA_DIR = path.dirname(fileURLToPath(import.meta.url));
export const FAKE_BROWSER_PATH = path.join(FAKE_ENTRA_DIR, "fake-browser.mjs");

export interface FakeBrowserEnvOptions {
  /** CA the fake browser trusts (certs.caPath). */
  caPath: string;
  /** Sandbox user to pick on the sign-in page (default: login_hint's user, else the first). */
  user?: string;
  /** approve (default) or cancel. */
  action?: "approve" | "cancel";
  /** Append the browser's log (paths, statuses, field names) to this file. */
  logPath?: string;
}

/** Desktop-session variables that would make xdg-open launch a real browser instead of $BROWSER. */
const DESKTOP_VARS = ["DISPLAY", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID", "KDE_SESSION_VERSION"];

/** Environment variables (undefined = unset) that route browser launches to the fake browser. */
export function fakeBrowserEnv(opts: FakeBrowserEnvOptions, base: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    BROWSER: FAKE_BROWSER_PATH,
    PATH: [FAKE_ENTRA_DIR, path.dirname(process.execPath), base.PATH ?? ""].join(path.delimiter),
    FAKE_BROWSER_NODE: process.execPath,
    FAKE_BROWSER_CA: opts.caPath,
    FAKE_BROWSER_USER: opts.user,
    FAKE_BROWSER_ACTION: opts.action,
    FAKE_BROWSER_LOG: opts.logPath,
  };
  for (const v of DESKTOP_VARS) env[v] = undefined;
  return env;
}

/** Applies fakeBrowserEnv to this process (children inherit it) and returns a function that restores the old values. */
export function useFakeBrowser(opts: FakeBrowserEnvOptions): () => void {
  const env = fakeBrowserEnv(opts);
  const saved = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
  const apply = (values: Map<string, string | undefined> | Record<string, string | undefined>) => {
    for (const [k, v] of values instanceof Map ? values : Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(env);
  return () => apply(saved);
}
