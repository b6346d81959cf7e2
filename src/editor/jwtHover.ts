import * as vscode from "vscode";
import { CommandId } from "../commands/commandIds";
import { jwtSpanAt, type TokenLocation } from "./jwtInDocument";
import { hoverLines } from "./jwtHoverText";

/**
 * A hover on JWT-shaped strings in any file: key claims (no raw token) and a "Decode" link. The link passes the
 * document URI and the token's offset, not the token, so the token never sits in a command URI.
 */
export function jwtHoverProvider(isEnabled: () => boolean): vscode.HoverProvider {
  return {
    provideHover(document, position) {
      if (!isEnabled()) return undefined;
      const span = jwtSpanAt(document, position);
      if (!span) return undefined;
      const lines = hoverLines(span.text, Date.now());
      if (!lines) return undefined;
      const location: TokenLocation = { uri: document.uri.toString(), offset: document.offsetAt(span.range.start) };
      const link = `command:${CommandId.decodeJwt}?${encodeURIComponent(JSON.stringify([location]))}`;
      const markdown = new vscode.MarkdownString([...lines, `[$(key) Decode](${link} "Open in the Azure Token view")`].join("  \n"), true);
      markdown.isTrusted = { enabledCommands: [CommandId.decodeJwt] };
      return new vscode.Hover(markdown, span.range);
    },
  };
}
