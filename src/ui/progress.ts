import * as vscode from "vscode";

/** Runs network work under a cancellable notification; cancelling aborts the signal the work was given. */
export function withCancellableProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, cancel) => {
    const controller = new AbortController();
    const subscription = cancel.onCancellationRequested(() => controller.abort());
    return work(controller.signal).finally(() => subscription.dispose());
  });
}
