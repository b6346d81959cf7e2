import * as vscode from "vscode";
import { redact } from "../core/redact";

/**
 * The extension's only log, and the redaction choke point: every line goes through `redact`, which masks
 * JWT-shaped strings, bearer values, OAuth parameters and every secret registered at runtime.
 */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel("Azure Token", { log: true });

  info(message: string): void { this.channel.info(redact(message)); }
  warn(message: string): void { this.channel.warn(redact(message)); }
  error(message: string): void { this.channel.error(redact(message)); }
  show(): void { this.channel.show(true); }
  dispose(): void { this.channel.dispose(); }
}
