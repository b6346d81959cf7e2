// A multi-step input in the shape of vscode-extension-samples' quickinput-sample: each step is a function that
// shows one quick pick or input box and returns the next step; Back (on every step but the first) goes to the
// previous step, Escape cancels the whole flow. Every step keeps focus-out open and shows "n/total" in its title.
import * as vscode from "vscode";

class InputFlowAction {
  static readonly back = new InputFlowAction();
  static readonly cancel = new InputFlowAction();
}

export type InputStep = (input: MultiStepInput) => Thenable<InputStep | void>;

export interface StepPosition {
  title: string;
  step: number;
  totalSteps: number;
}

/** A pick item; `invalid` keeps the picker open when accepted (the reason is shown in the item's detail). */
export interface StepItem extends vscode.QuickPickItem {
  invalid?: string;
}

export interface PickOptions<T extends StepItem> extends StepPosition {
  items: readonly T[];
  placeholder: string;
  activeItem?: T;
  /**
   * Free text typed into the filter box becomes the first item (validated as the user types). Called with the
   * current text; return undefined for none. Accepting with no item active uses it too.
   */
  typed?: (value: string) => T | undefined;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  /** Item buttons (rename, delete…): pressing one resolves the pick with the button. */
  onItemButton?: boolean;
}

export interface InputOptions extends StepPosition {
  value: string;
  prompt: string;
  placeholder?: string;
  password?: boolean;
  validate: (value: string) => string | undefined;
}

export type PickResult<T> = { item: T } | { item: T; button: vscode.QuickInputButton };

export class MultiStepInput {
  private current?: vscode.QuickInput;
  private readonly steps: InputStep[] = [];

  /** Runs the flow; resolves true when it finished, false when the user cancelled (Escape). */
  static async run(start: InputStep): Promise<boolean> {
    return new MultiStepInput().stepThrough(start);
  }

  private async stepThrough(start: InputStep): Promise<boolean> {
    let step: InputStep | void = start;
    let completed = true;
    while (step) {
      this.steps.push(step);
      if (this.current) {
        this.current.enabled = false;
        this.current.busy = true;
      }
      try {
        step = await step(this);
      } catch (err) {
        if (err === InputFlowAction.back) {
          this.steps.pop();
          step = this.steps.pop();
        } else if (err === InputFlowAction.cancel) {
          step = undefined;
          completed = false;
        } else {
          this.current?.dispose();
          throw err;
        }
      }
    }
    this.current?.dispose();
    return completed;
  }

  private show(input: vscode.QuickInput, position: StepPosition): void {
    input.title = position.title;
    input.step = position.step;
    input.totalSteps = position.totalSteps;
    input.ignoreFocusOut = true;
    this.current?.dispose();
    this.current = input;
    this.current.show();
  }

  pick<T extends StepItem>(options: PickOptions<T>): Promise<PickResult<T>> {
    const disposables: vscode.Disposable[] = [];
    return new Promise<PickResult<T>>((resolve, reject) => {
      const pick = vscode.window.createQuickPick<T>();
      pick.placeholder = options.placeholder;
      pick.matchOnDescription = options.matchOnDescription ?? false;
      pick.matchOnDetail = options.matchOnDetail ?? false;
      pick.buttons = this.steps.length > 1 ? [vscode.QuickInputButtons.Back] : [];
      let typedItem: T | undefined;
      const refresh = () => {
        typedItem = options.typed?.(pick.value);
        if (typedItem) typedItem.alwaysShow = true;
        pick.items = typedItem ? [typedItem, ...options.items] : [...options.items];
        if (typedItem) pick.activeItems = [typedItem];
        else if (options.activeItem && !pick.value) pick.activeItems = [options.activeItem];
      };
      refresh();
      const accept = (item: T | undefined) => {
        if (!item) return;
        if (item.invalid) {
          // Stay on the step: the item's detail already says what is wrong.
          return;
        }
        resolve({ item });
      };
      disposables.push(
        pick.onDidChangeValue(() => refresh()),
        pick.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) reject(InputFlowAction.back);
        }),
        pick.onDidAccept(() => {
          const active = pick.activeItems[0];
          // No item active (nothing matches the filter yet): the typed text is the answer.
          accept(active ?? options.typed?.(pick.value));
        }),
        pick.onDidTriggerItemButton((e) => resolve({ item: e.item, button: e.button })),
        pick.onDidHide(() => reject(InputFlowAction.cancel)),
      );
      this.show(pick, options);
    }).finally(() => disposables.forEach((d) => d.dispose()));
  }

  input(options: InputOptions): Promise<string> {
    const disposables: vscode.Disposable[] = [];
    return new Promise<string>((resolve, reject) => {
      const box = vscode.window.createInputBox();
      box.value = options.value;
      box.prompt = options.prompt;
      box.placeholder = options.placeholder;
      box.password = options.password ?? false;
      box.buttons = this.steps.length > 1 ? [vscode.QuickInputButtons.Back] : [];
      box.validationMessage = options.value ? options.validate(options.value) : undefined;
      disposables.push(
        box.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) reject(InputFlowAction.back);
        }),
        box.onDidChangeValue((v) => {
          box.validationMessage = options.validate(v);
        }),
        box.onDidAccept(() => {
          const problem = options.validate(box.value);
          box.validationMessage = problem;
          if (!problem) resolve(box.value);
        }),
        box.onDidHide(() => reject(InputFlowAction.cancel)),
      );
      this.show(box, options);
    }).finally(() => disposables.forEach((d) => d.dispose()));
  }
}
