// On-behalf-of's step of its own in Get Azure Token: the incoming token the API received (pasted, or the JWT selected in
// the editor), checked by core/onBehalfOf.ts against the middle tier's client id before anything is sent.
import * as vscode from "vscode";
import type { Answers } from "../core/getTokenAnswers";
import { looksLikeJwt, singleJwtIn } from "../core/jwt";
import { checkIncomingToken } from "../core/onBehalfOf";
import type { MultiStepInput, StepPosition } from "../ui/multiStepInput";

/** Asks for the incoming token (masked like a password); offers the JWT selected in the editor. */
export async function askIncomingToken(input: MultiStepInput, position: StepPosition, answers: Answers): Promise<string> {
  const typed = await input.input({
    ...position, value: answers.incomingToken ?? selectedJwt() ?? "", password: true,
    prompt: `The access token your API received (the value after 'Bearer ' in its Authorization header), issued for app ${answers.clientId}`,
    validate: (v) => {
      const checked = checkIncomingToken(v, { nowMs: Date.now(), clientId: answers.clientId });
      return "error" in checked ? checked.error : undefined;
    },
  });
  const checked = checkIncomingToken(typed, { nowMs: Date.now(), clientId: answers.clientId });
  return "error" in checked ? typed : checked.token;
}

function selectedJwt(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  const text = singleJwtIn(editor.document.getText(editor.selection));
  return looksLikeJwt(text) ? text : undefined;
}
