import * as vscode from "vscode";

/** Shows a message under the progress title (e.g. ui/retryWait.ts's "Entra asked to wait 30 s; retrying…"). */
export type ProgressReport = (message: string) => void;

/**
 * Runs network work under a cancellable notification; cancelling aborts the signal the work was given, and `report`
 * says what the work is waiting for meanwhile.
 */
export function withCancellableProgress<T>(title: string, work: (signal: AbortSignal, report: ProgressReport) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, cancel) => {
    const controller = new AbortController();
    const subscription = cancel.onCancellationRequested(() => controller.abort());
    return work(controller.signal, (message) => progress.report({ message })).finally(() => subscription.dispose());
  });
}
