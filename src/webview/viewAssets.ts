import * as fs from "node:fs";
import * as path from "node:path";
import type { ViewAssets } from "./html";

const read = new Map<string, ViewAssets>();

/**
 * The token view's script and styles, built into `webviewDir` (dist/webview), read on the view's first opening in a
 * window and embedded in every page after that (src/webview/html.ts).
 */
export function viewAssets(webviewDir: string): ViewAssets {
  let assets = read.get(webviewDir);
  if (!assets) {
    assets = {
      script: fs.readFileSync(path.join(webviewDir, "main.js"), "utf8"),
      styles: fs.readFileSync(path.join(webviewDir, "main.css"), "utf8"),
    };
    read.set(webviewDir, assets);
  }
  return assets;
}
