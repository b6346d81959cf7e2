import * as path from "node:path";
import type * as AuthModule from "./index";

/**
 * Loads dist/auth.js (which bundles @azure/identity, about 800 KB) on first use. The require target is
 * computed so that esbuild leaves it alone instead of inlining the module into dist/extension.js.
 */
export function createLazyAuth(extensionPath: string): () => typeof AuthModule {
  let loaded: typeof AuthModule | undefined;
  return () => {
    if (!loaded) {
      const modulePath = path.join(extensionPath, "dist", "auth.js");
      loaded = require(modulePath) as typeof AuthModule;
    }
    return loaded;
  };
}
