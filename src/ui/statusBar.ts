// The status bar item: time left of the active token, warning and error backgrounds, "sign in" when a refresh
// needs interaction. Shown only while the window holds a token. Click → token actions (commands/tokenActions.ts).
import * as vscode from "vscode";
import type { Clock, TokenRefresher } from "../tokens/refresher";
import { Disposable } from "../core/disposable";
import type { ExpirySettings } from "../settings";
import type { TokenStore } from "../tokens/tokenStore";
import { Countdown, describeStatus, type StatusBarLevel } from "./statusBarModel";

export const STATUS_BAR_ITEM_ID = "azureToken.expiry";

const BACKGROUNDS: Record<StatusBarLevel, vscode.ThemeColor | undefined> = {
  ok: undefined,
  warning: new vscode.ThemeColor("statusBarItem.warningBackground"),
  expired: new vscode.ThemeColor("statusBarItem.errorBackground"),
  signIn: new vscode.ThemeColor("statusBarItem.warningBackground"),
};

export class TokenStatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly countdown: Countdown;

  constructor(
    private readonly store: TokenStore,
    private readonly refresher: TokenRefresher,
    clock: Clock,
    private readonly settings: () => ExpirySettings,
    clickCommand: string,
  ) {
    super();
    this.item = this.register(vscode.window.createStatusBarItem(STATUS_BAR_ITEM_ID, vscode.StatusBarAlignment.Right, 100));
    this.item.name = "Azure Token expiry";
    this.item.command = clickCommand;
    this.countdown = new Countdown(clock, (nowMs) => this.render(nowMs));
    this.register({ dispose: () => this.countdown.stop() });
    this.register(store.onDidChange(() => this.countdown.update()));
    this.register(refresher.onDidChangeState(() => this.countdown.update()));
    this.countdown.update();
  }

  /** Re-render now (after a settings change). */
  update(): void {
    this.countdown.update();
  }

  private render(nowMs: number): number | undefined {
    const held = this.store.active;
    if (!held) {
      this.item.hide();
      return undefined;
    }
    const view = describeStatus(held, nowMs, this.settings().warningMinutes, this.refresher.problemOf(held.id), this.refresher.failureOf(held.id));
    this.item.text = view.text;
    this.item.tooltip = view.tooltipLines.join("\n");
    this.item.backgroundColor = BACKGROUNDS[view.level];
    this.item.accessibilityInformation = { label: view.accessibilityLabel, role: "button" };
    this.item.show();
    return view.level === "signIn" ? undefined : view.expiresOnMs;
  }

}
