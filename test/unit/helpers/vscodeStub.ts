// A stand-in for the 'vscode' module, for unit tests of the ui/ code that shows messages. Import this file before the
// module under test: from then on `import * as vscode from "vscode"` gets `vscodeStub`, and every message shown is
// recorded in `shown`. Only what those modules call is here; anything else is undefined, so a test fails loudly.
import Module from "node:module";

export interface Shown {
  kind: "error" | "warning" | "information";
  text: string;
}

export const shown: Shown[] = [];

const show = (kind: Shown["kind"]) => (text: string) => {
  shown.push({ kind, text });
  return Promise.resolve(undefined);
};

/** What the next showQuickPick answers (a function of its items), and the items of each pick shown. */
export const quickPicks: { answer: (items: readonly unknown[]) => unknown; shown: unknown[][] } = { answer: () => undefined, shown: [] };

export const vscodeStub = {
  window: {
    showQuickPick: (items: readonly unknown[]) => {
      quickPicks.shown.push([...items]);
      return Promise.resolve(quickPicks.answer(items));
    },
    showErrorMessage: show("error"),
    showWarningMessage: show("warning"),
    showInformationMessage: show("information"),
    setStatusBarMessage: () => ({ dispose: () => undefined }),
  },
  env: {
    clipboard: { writeText: () => Promise.resolve(), readText: () => Promise.resolve("") },
    openExternal: () => Promise.resolve(true),
  },
  ThemeIcon: class {
    constructor(readonly id: string) {}
  },
  Uri: { parse: (value: string) => ({ toString: () => value }) },
  commands: { registerCommand: () => ({ dispose: () => undefined }) },
};

const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = loader._load;
loader._load = function (request: string, ...rest: unknown[]) {
  return request === "vscode" ? vscodeStub : load.call(this, request, ...rest);
};
