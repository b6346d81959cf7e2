import * as vscode from "vscode";

/**
 * Registers the JWT hover (editor/jwtHover.ts) at activation without loading it: most hovers are nowhere near a JWT,
 * and only a line holding the start of one ("eyJ", base64url of '{"') asks `provider` for it, which may load its code.
 */
export function registerJwtHover(provider: () => vscode.HoverProvider): vscode.Disposable {
  return vscode.languages.registerHoverProvider({ scheme: "*" }, {
    provideHover(document, position, token) {
      if (!document.lineAt(position.line).text.includes("eyJ")) return undefined;
      return provider().provideHover(document, position, token);
    },
  });
}
