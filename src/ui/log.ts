import * as vscode from "vscode";
import { redact, SecretRegistry } from "../core/redact";

/**
 * The extension's only log, and the redaction choke point: every line goes through `redact`, which masks
 * JWT-shaped strings, bearer values, OAuth parameters and every secret registered at runtime.
 */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel("Azure Token", { log: true });

  /** `secrets`: the values the user gave us this session (client secrets, certificate passwords), masked too. */
  constructor(readonly secrets = new SecretRegistry()) {}

  /** For text shown to the user: the same masking as the log. */
  redact(text: string): string { return redact(text, this.secrets); }
  info(message: string): void { this.channel.info(this.redact(message)); }
  warn(message: string): void { this.channel.warn(this.redact(message)); }
  error(message: string): void { this.channel.error(this.redact(message)); }
  show(): void { this.channel.show(true); }
  dispose(): void { this.channel.dispose(); }
}
