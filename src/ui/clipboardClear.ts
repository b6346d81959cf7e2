// Clipboard auto-clear: after N seconds, clear the clipboard only if it still holds what we put there (the user
// may have copied something else meanwhile). No vscode import: the clipboard and timer are passed in.

/** The clipboard as the copy code needs it; vscode.env.clipboard in the extension, a fake in tests. */
export interface Clipboard {
  readText(): PromiseLike<string>;
  writeText(text: string): PromiseLike<void>;
}

export type Timer = (fn: () => void, ms: number) => { dispose(): void };

const defaultTimer: Timer = (fn, ms) => {
  const handle = setTimeout(fn, ms);
  return { dispose: () => clearTimeout(handle) };
};

/** Clears the clipboard after `ms` if it still holds `copied`; resolves `done` with whether it cleared. */
export function scheduleClipboardClear(clipboard: Clipboard, copied: string, ms: number, onCleared: () => void = () => undefined, setTimer: Timer = defaultTimer): { dispose(): void; done: Promise<boolean> } {
  let finish: (cleared: boolean) => void = () => undefined;
  const done = new Promise<boolean>((resolve) => (finish = resolve));
  const timer = setTimer(() => {
    Promise.resolve(clipboard.readText()).then(async (now) => {
      if (now !== copied) return finish(false);
      await clipboard.writeText("");
      onCleared();
      finish(true);
    }).catch(() => finish(false));
  }, ms);
  return { dispose: () => { timer.dispose(); finish(false); }, done };
}
