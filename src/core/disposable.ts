// Lifetimes. A class that owns listeners, timers or UI registers each once and lets go of all of them in
// dispose(), newest first (as in vscode-pull-request-github). Pure: a disposable is anything with dispose(),
// so every layer uses the same two classes.

export interface DisposableLike {
  dispose(): unknown;
}

/** A set of disposables that can be emptied and reused (e.g. what lives only while a panel is open). */
export class DisposableStore implements DisposableLike {
  private items: DisposableLike[] = [];
  private disposed = false;

  /** Owns `item` from now on; once the store is disposed, anything added is disposed at once. */
  add<T extends DisposableLike>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  /** Disposes everything held so far, newest first; the store stays usable. One failing dispose stops no other. */
  clear(): void {
    const items = this.items;
    this.items = [];
    for (const item of items.reverse()) {
      try { item.dispose(); } catch { /* a failing dispose must not keep the others alive */ }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }
}

/** Base class of everything that owns disposables: `this.register(x)` in the constructor, nothing in dispose(). */
export abstract class Disposable implements DisposableLike {
  private readonly owned = new DisposableStore();
  private disposedFlag = false;

  protected get isDisposed(): boolean {
    return this.disposedFlag;
  }

  protected register<T extends DisposableLike>(item: T): T {
    return this.owned.add(item);
  }

  dispose(): void {
    this.disposedFlag = true;
    this.owned.dispose();
  }
}
