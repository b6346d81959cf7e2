import * as vscode from "vscode";
import { COPY_FORMATS } from "../core/copyFormats";
import { Disposable, DisposableStore } from "../core/disposable";
import { visibleText } from "../core/visibleText";
import { parseWebviewMessage, type HostMessage, type VerificationView, type WebviewMessage } from "./protocol";
import type { ChallengeStore } from "../tokens/challengeStore";
import type { HeldToken, TokenStore } from "../tokens/tokenStore";
import { buildChallengeView } from "./challengeView";
import { tokenViewHtml } from "./html";
import { viewAssets } from "./viewAssets";
import { buildHistory, buildTokenViewAt, copyFormatOptions } from "./tokenView";

/** setTimeout's longest delay; a later change is simply re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface TokenPanelDeps {
  extensionUri: vscode.Uri;
  store: TokenStore;
  copy: (token: HeldToken, format: string) => Promise<unknown>;
  /** "Verify signature" for a held token; loads nothing heavy until asked. */
  verify: (token: HeldToken) => Promise<VerificationView>;
  /** The window's 401 challenge, shown above the token. */
  challenges: ChallengeStore;
  /** "Get a token that satisfies this challenge": runs the command (the view never signs in itself). */
  satisfy: () => void;
  now?: () => number;
}

/**
 * The token view: one panel per window, showing the store's active token. It owns its disposables, builds each page
 * with the state it first shows (never the raw token), posts later changes once the webview says `ready`, and sends
 * the raw token only on Reveal.
 */
export class TokenPanel extends Disposable {
  static readonly viewType = "azureToken.tokenView";
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  /** The page was built with the current state, and nothing changed since: its `ready` needs no redraw. */
  private pageIsCurrent = false;
  /** What lives only while the panel is open. */
  private readonly panelScope = this.register(new DisposableStore());
  /** Re-renders when the findings change with the clock ("expires soon" → "expired"). */
  private clockTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: TokenPanelDeps) {
    super();
    this.register(deps.store.onDidChange(() => this.render()));
    this.register(deps.challenges.onDidChange(() => this.render()));
    this.register({ dispose: () => this.panel?.dispose() });
  }

  /** Opens (or focuses) the view on the store's active token. */
  show(): void {
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Active);
      this.render();
      return;
    }
    // The page holds everything it shows (src/webview/html.ts): no file of the extension is loaded into it.
    const panel = vscode.window.createWebviewPanel(TokenPanel.viewType, "Azure Token", vscode.ViewColumn.Active, {
      enableScripts: true,
      enableForms: false,
      enableCommandUris: false,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    this.panel = panel;
    this.buildPage(panel);
    this.panelScope.add(panel.webview.onDidReceiveMessage((raw) => this.onMessage(parseWebviewMessage(raw))));
    // A hidden view's page is gone (retainContextWhenHidden: false) and VS Code loads its HTML again when it is shown:
    // the HTML then holds the current state, so that the page never shows, even for a moment, what has since changed.
    this.panelScope.add(panel.onDidChangeViewState(() => {
      if (!panel.visible) this.buildPage(panel);
    }));
    this.panelScope.add(panel.onDidDispose(() => this.onPanelDisposed()));
  }

  /** Gives the panel a page that draws the current state as it loads; it says `ready` once it listens. */
  private buildPage(panel: vscode.WebviewPanel): void {
    this.ready = false;
    const assets = viewAssets(vscode.Uri.joinPath(this.deps.extensionUri, "dist", "webview").fsPath);
    panel.webview.html = tokenViewHtml(assets, this.snapshot());
    this.pageIsCurrent = true;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  private onPanelDisposed(): void {
    clearTimeout(this.clockTimer);
    this.panel = undefined;
    this.ready = false;
    this.pageIsCurrent = false;
    this.panelScope.clear();
  }

  private post(message: HostMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  /** Draws the current state in the view: posted once it listens (before that, `ready` draws it), in the page while hidden. */
  private render(): void {
    this.pageIsCurrent = false;
    if (this.panel && !this.panel.visible) {
      this.buildPage(this.panel);
      return;
    }
    if (!this.panel || !this.ready) {
      clearTimeout(this.clockTimer);
      this.clockTimer = undefined;
      return;
    }
    for (const message of this.snapshot()) this.post(message);
  }

  /** The messages that draw the current state; sets the title, and the clock's next re-render. */
  private snapshot(): HostMessage[] {
    clearTimeout(this.clockTimer);
    this.clockTimer = undefined;
    const active = this.deps.store.active;
    const challenge = this.deps.challenges.current;
    const messages: HostMessage[] = [{ type: "challenge", challenge: challenge ? buildChallengeView(challenge, active) : null }];
    if (!active) {
      if (this.panel) this.panel.title = challenge ? "Azure Token: 401 challenge" : "Azure Token";
      return [{ type: "cleared" }, ...messages];
    }
    const now = (this.deps.now ?? Date.now)();
    const { view, nextChangeMs } = buildTokenViewAt(active, now);
    if (this.panel) this.panel.title = `Azure Token: ${active.label}`;
    messages.push({ type: "show", token: view, history: buildHistory(this.deps.store.all()), copyFormats: copyFormatOptions() });
    if (nextChangeMs !== undefined) this.clockTimer = setTimeout(() => this.render(), Math.min(nextChangeMs - now, MAX_TIMER_MS));
    return messages;
  }

  private onMessage(message: WebviewMessage | undefined): void {
    if (!message) return; // not on the allow-list: ignored
    const active = this.deps.store.active;
    switch (message.type) {
      case "ready":
        this.ready = true;
        // The page drew what it was built with; a later page (VS Code reloads a hidden view's page) is redrawn.
        if (this.pageIsCurrent) this.pageIsCurrent = false;
        else this.render();
        return;
      case "reveal":
        if (!active) return;
        // A pasted non-JWT may hold invisible or direction-changing characters: shown as \u escapes, like claims.
        this.post({ type: "revealed", token: visibleText(active.token) });
        return;
      case "hide":
        this.post({ type: "hidden" });
        return;
      case "copy":
        if (active) void this.copy(active, message.format);
        return;
      case "select":
        this.deps.store.setActive(message.id);
        return;
      case "verify":
        if (active) void this.verify(active);
        return;
      case "satisfy":
        if (this.deps.challenges.current) this.deps.satisfy();
        return;
      case "dismissChallenge":
        this.deps.challenges.clear();
        return;
      default: {
        const unhandled: never = message;
        return unhandled;
      }
    }
  }

  private async copy(held: HeldToken, formatId: string): Promise<void> {
    const format = COPY_FORMATS.find((f) => f.id === formatId);
    if (!format) return;
    const copied = await this.deps.copy(held, format.id).catch(() => false);
    // The confirmation names the format, never the token.
    if (copied) this.post({ type: "notice", text: `Copied as ${format.label}.` });
  }

  private async verify(held: HeldToken): Promise<void> {
    this.post({ type: "verification", tokenId: held.id, result: { outcome: "checking", message: "Checking the signature…", reason: "Fetching the signing keys of the configured authority for the token's tenant." } });
    let result: VerificationView;
    try {
      result = await this.deps.verify(held);
    } catch {
      result = { outcome: "unverifiable", message: "Could not check the signature.", reason: "An unexpected error occurred; see the Azure Token log." };
    }
    this.post({ type: "verification", tokenId: held.id, result });
  }

}
