// The consent modal a token passes before it leaves the extension to a caller: "Allow once", "Allow for this window"
// or "Deny" (also Escape or closing it). Its words and what each answer means are in core/tokenRelease.ts.
import * as vscode from "vscode";
import { CONSENT_CHOICES, type AskConsent } from "../core/tokenRelease";

/** A modal warning (the workbench blocks until it is answered); resolves the chosen button's title, undefined when closed. */
export const askReleaseConsent: AskConsent = async (message, detail) => {
  const deny: vscode.MessageItem = { title: CONSENT_CHOICES.deny, isCloseAffordance: true };
  const chosen = await vscode.window.showWarningMessage(message, { modal: true, detail },
    { title: CONSENT_CHOICES.once }, { title: CONSENT_CHOICES.window }, deny);
  return chosen?.title;
};
