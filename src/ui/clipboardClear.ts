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

/**
 * Every text holding a token that we put on the clipboard, until it is gone: its pending auto-clear, if any, and a
 * clear "now" for Clear Tokens from Memory and deactivation. Like the auto-clear, clearing now only clears a clipboard
 * that still holds what we copied (the user may have copied something else meanwhile).
 */
export class ClipboardGuard {
  /** Copied text → its pending auto-clear (undefined when auto-clear is off). */
  private readonly copied = new Map<string, { dispose(): void; done: Promise<boolean> } | undefined>();

  constructor(private readonly clipboard: Clipboard, private readonly options: { onAutoCleared?: () => void; setTimer?: Timer } = {}) {}

  /** Remembers a copied text that holds a token; with `clearAfterMs` > 0 also clears it then, if the clipboard still holds it. */
  remember(text: string, clearAfterMs = 0): void {
    this.copied.get(text)?.dispose();
    if (!(Number.isFinite(clearAfterMs) && clearAfterMs > 0)) {
      this.copied.set(text, undefined);
      return;
    }
    const job = scheduleClipboardClear(this.clipboard, text, clearAfterMs, this.options.onAutoCleared, this.options.setTimer);
    this.copied.set(text, job);
    void job.done.then((cleared) => { if (cleared && this.copied.get(text) === job) this.copied.delete(text); });
  }

  /** How many copied texts are remembered (with or without a pending auto-clear). */
  get size(): number {
    return this.copied.size;
  }

  /**
   * Cancels every pending auto-clear and clears the clipboard now if it still holds something we copied. Resolves
   * whether it cleared; never rejects (a clipboard that cannot be read is left alone).
   */
  async clearNow(): Promise<boolean> {
    const texts = new Set(this.copied.keys());
    this.dispose();
    if (!texts.size) return false;
    try {
      if (!texts.has(await this.clipboard.readText())) return false;
      await this.clipboard.writeText("");
      return true;
    } catch {
      return false;
    }
  }

  /** Cancels the pending auto-clears and forgets what was copied (clearNow() is the one that touches the clipboard). */
  dispose(): void {
    for (const job of this.copied.values()) job?.dispose();
    this.copied.clear();
  }
}
