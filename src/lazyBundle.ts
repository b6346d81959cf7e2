import { join } from "node:path";

/**
 * Loads a bundle of dist/ on first use: dist/features.js (every command and the context it runs in, the log, the view,
 * the catalogues) on the first command or JWT hover, dist/auth.js (@azure/identity, about 800 KB) on the first token
 * request, dist/verify.js (jose) on the first "Verify signature". The require target is computed so that esbuild
 * leaves it alone instead of inlining the module into dist/extension.js, which activation loads.
 */
export function lazyBundle<T>(extensionPath: string, file: "features.js" | "auth.js" | "verify.js"): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(join(extensionPath, "dist", file)) as T);
}
