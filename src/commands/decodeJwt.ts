import * as vscode from "vscode";
import { decodeToken, looksLikeJwt, singleJwtIn } from "../core/jwt";
import { redact } from "../core/redact";
import { toEpochSeconds } from "../core/timeFormat";
import { jwtAt, type TokenLocation } from "../editor/jwtInDocument";
import type { TokenStore } from "../tokens/tokenStore";
import { pastedInput, type PasteBox } from "../ui/pastedInput";

export interface DecodeJwtDeps {
  store: TokenStore;
  showToken: () => void;
}

export const PASTED_LABEL = "Pasted token";

/**
 * "Decode JWT": the token comes from the argument (a string, or a document location from the hover), else the
 * editor selection, else the clipboard when it holds a JWT, else a password-style input box. Decodable tokens
 * (and encrypted or opaque ones, which the view explains) open in the view; malformed input gets a precise
 * message naming the bad part, and nothing is stored.
 */
export async function decodeJwt(deps: DecodeJwtDeps, arg?: unknown): Promise<void> {
  const input = await tokenFromArgument(arg) ?? await pastedInput(looksLikeJwt, TOKEN_BOX);
  if (input === undefined) return; // cancelled
  const decoded = decodeToken(singleJwtIn(input));
  if (decoded.kind === "error") {
    // Redacted like every message shown: the reason is about the pasted text, which may hold a secret.
    void vscode.window.showErrorMessage(redact(`Decode JWT: ${decoded.message}.`));
    return;
  }
  const token = decoded.kind === "jws" || decoded.kind === "jwe" ? decoded.raw : input.trim();
  const exp = decoded.kind === "jws" ? toEpochSeconds(decoded.payload.exp) : undefined;
  deps.store.add({
    label: PASTED_LABEL,
    source: "pasted",
    token,
    expiresOnMs: exp === undefined ? undefined : exp * 1000,
    expirySource: "token",
    acquiredAtMs: Date.now(),
  });
  deps.showToken();
}

async function tokenFromArgument(arg: unknown): Promise<string | undefined> {
  if (typeof arg === "string") return arg;
  if (typeof arg !== "object" || arg === null) return undefined;
  const { uri, offset } = arg as Partial<TokenLocation>;
  if (typeof uri !== "string" || typeof offset !== "number" || !Number.isInteger(offset) || offset < 0) return undefined;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
  return jwtAt(document, document.positionAt(offset));
}

const TOKEN_BOX: PasteBox = {
  title: "Decode JWT",
  prompt: "Paste a JWT (header.payload.signature). It is decoded locally and kept in memory for this window only.",
  password: true,
  validate: (value) => {
    const decoded = decodeToken(value);
    return decoded.kind === "error" ? decoded.message : undefined;
  },
};
