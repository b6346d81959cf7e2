import * as vscode from "vscode";

/** The input box asked for when neither the selection nor the clipboard gives the text. */
export interface PasteBox {
  title: string;
  prompt: string;
  /** Masked while typed (a token). */
  password: boolean;
  /** A message for text that cannot be used, checked as it is typed; undefined when it can. */
  validate: (value: string) => string | undefined;
}

/**
 * Text a command works on when no argument gives it: the editor selection, else the clipboard when `fromClipboard`
 * accepts what it holds, else a paste into an input box. Undefined when the person cancels (or enters nothing).
 */
export async function pastedInput(fromClipboard: (text: string) => boolean, box: PasteBox): Promise<string | undefined> {
  return selectedText() ?? (await clipboardIf(fromClipboard)) ?? (await askFor(box));
}

function selectedText(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  const text = editor.document.getText(editor.selection);
  return text.trim() ? text : undefined;
}

async function clipboardIf(accept: (text: string) => boolean): Promise<string | undefined> {
  const text = await vscode.env.clipboard.readText();
  return accept(text) ? text : undefined;
}

async function askFor(box: PasteBox): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: box.title,
    prompt: box.prompt,
    password: box.password,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? box.validate(v) : undefined),
  });
  return value?.trim() ? value : undefined;
}
