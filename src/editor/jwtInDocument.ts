// Where JWTs sit in a document: the hover finds them, and "Decode JWT" reads one back from the location the
// hover's link passes.
import * as vscode from "vscode";
import { findJwts, MAX_TOKEN_CHARS } from "../core/jwt";

/** A JWT's place in a document: what the hover's "Decode" link passes (never the token itself). */
export interface TokenLocation {
  uri: string;
  offset: number;
}

/** The JWT-shaped string under a position, if any, with its range on the line. */
export function jwtSpanAt(document: vscode.TextDocument, position: vscode.Position): { text: string; range: vscode.Range } | undefined {
  const line = document.lineAt(position.line).text;
  if (line.length > 4 * MAX_TOKEN_CHARS) return undefined;
  const span = findJwts(line).find((s) => s.start <= position.character && position.character <= s.end);
  if (!span) return undefined;
  return { text: line.slice(span.start, span.end), range: new vscode.Range(position.line, span.start, position.line, span.end) };
}

export function jwtAt(document: vscode.TextDocument, position: vscode.Position): string | undefined {
  return jwtSpanAt(document, position)?.text;
}
