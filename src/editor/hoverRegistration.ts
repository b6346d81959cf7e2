// Named imports: this module is in dist/extension.js, which activation loads (eslint.config.mjs, ACTIVATION).
import { languages, type Disposable, type HoverProvider } from "vscode";

/**
 * Registers the JWT hover (editor/jwtHover.ts) at activation without loading it: most hovers are nowhere near a JWT,
 * and only a line holding the start of one ("eyJ", base64url of '{"') asks `provider` for it, which may load its code.
 */
export function registerJwtHover(provider: () => HoverProvider): Disposable {
  return languages.registerHoverProvider({ scheme: "*" }, {
    provideHover(document, position, token) {
      if (!document.lineAt(position.line).text.includes("eyJ")) return undefined;
      return provider().provideHover(document, position, token);
    },
  });
}
