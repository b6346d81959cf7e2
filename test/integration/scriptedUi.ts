// A person's answers to the extension's prompts, for tests inside the extension host: such a test cannot type into VS
// Code's widgets, and the integration workbench refuses modal dialogs. The tests are loaded from the extension's own
// folder, so VS Code hands them the very `vscode` API object the extension uses: replacing a few `window` functions
// answers the extension's quick picks, input boxes and messages from a script, while every command, credential and
// store stays real. The end-to-end tests (test/e2e) answer the same prompts in the real widgets.
import * as vscode from "vscode";

/** One prompt as the script saw it: a quick input by its title, a message by its text, with its buttons. */
export interface SeenPrompt {
  kind: "pick" | "input" | "message";
  text: string;
  buttons?: string[];
  answer?: string;
}

type Answer = string | undefined;

/**
 * Answers by match: a quick pick gets its answer typed into the filter and the matching (or typed) row accepted; an
 * input box gets the answer as its value; a message gets the button with that label (undefined = dismissed). A quick
 * input without an answer is cancelled (and recorded), so a missing answer cannot hang a test. Each rule answers once.
 */
export class ScriptedUi implements vscode.Disposable {
  readonly seen: SeenPrompt[] = [];
  private rules: [RegExp, Answer][] = [];
  private readonly originals: Partial<typeof vscode.window> = {};
  private readonly window = vscode.window as unknown as Record<string, unknown>;

  constructor() {
    for (const name of ["createQuickPick", "createInputBox", "showInputBox", "showInformationMessage", "showWarningMessage", "showErrorMessage"] as const) {
      (this.originals as Record<string, unknown>)[name] = this.window[name];
    }
    this.window.createQuickPick = () => this.fakeInput("pick");
    this.window.createInputBox = () => this.fakeInput("input");
    this.window.showInputBox = (options?: vscode.InputBoxOptions) => this.inputBox(options ?? {});
    this.window.showInformationMessage = (text: string, ...rest: unknown[]) => this.message(text, rest);
    this.window.showWarningMessage = (text: string, ...rest: unknown[]) => this.message(text, rest);
    this.window.showErrorMessage = (text: string, ...rest: unknown[]) => this.message(text, rest);
  }

  /** Sets the answers (title or message text pattern → answer), replacing the previous ones. */
  script(rules: [RegExp, Answer][]): void {
    this.rules = rules;
    this.seen.length = 0;
  }

  /** What was shown and answered so far, for a failure message. */
  describe(): string {
    return this.seen.map((p) => `${p.kind} "${p.text.slice(0, 120)}" → ${p.answer ?? "(none)"}`).join("\n");
  }

  dispose(): void {
    Object.assign(this.window, this.originals);
  }

  private answerFor(text: string): { found: boolean; answer?: string } {
    // Each rule answers once, as a person answers each prompt once: a list shown again (Manage Profiles after an action)
    // finds no answer and is cancelled.
    const index = this.rules.findIndex(([pattern]) => pattern.test(text));
    if (index < 0) return { found: false };
    const [[, answer]] = this.rules.splice(index, 1);
    return { found: true, answer };
  }

  private async message(text: string, rest: unknown[]): Promise<string | undefined> {
    const buttons = rest.filter((r): r is string => typeof r === "string");
    const { answer } = this.answerFor(text);
    const chosen = answer !== undefined && buttons.includes(answer) ? answer : undefined;
    this.seen.push({ kind: "message", text, buttons, answer: chosen });
    return chosen;
  }

  private async inputBox(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const title = options.title ?? options.prompt ?? "";
    const { answer } = this.answerFor(title);
    const problem = answer === undefined ? undefined : await options.validateInput?.(answer);
    const value = answer !== undefined && !problem ? answer : undefined;
    this.seen.push({ kind: "input", text: title, answer: value });
    return value;
  }

  /** A QuickPick or InputBox that answers itself when shown. */
  private fakeInput(kind: "pick" | "input"): unknown {
    const accept = new vscode.EventEmitter<void>();
    const hide = new vscode.EventEmitter<void>();
    const changeValue = new vscode.EventEmitter<string>();
    const never = new vscode.EventEmitter<never>();
    const widget = {
      title: "", value: "", items: [] as vscode.QuickPickItem[], activeItems: [] as vscode.QuickPickItem[], selectedItems: [],
      buttons: [], validationMessage: undefined as unknown,
      onDidAccept: accept.event, onDidHide: hide.event, onDidChangeValue: changeValue.event,
      onDidTriggerButton: never.event, onDidTriggerItemButton: never.event, onDidChangeActive: never.event, onDidChangeSelection: never.event,
      show: () => setTimeout(() => answer(), 0),
      hide: () => hide.fire(),
      dispose: () => { accept.dispose(); hide.dispose(); changeValue.dispose(); never.dispose(); },
    };
    const answer = () => {
      const { found, answer: text } = this.answerFor(widget.title);
      this.seen.push({ kind, text: widget.title, answer: text });
      if (!found || text === undefined) return hide.fire();
      widget.value = text;
      changeValue.fire(text);
      if (kind === "pick") {
        // A row matching the answer, unless the step made the typed text its active row.
        const row = widget.items.find((i) => i.kind !== vscode.QuickPickItemKind.Separator && i.label.includes(text));
        if (row && !widget.activeItems.some((i) => i.description === "typed")) widget.activeItems = [row];
      }
      accept.fire();
    };
    return widget;
  }
}
