import * as vscode from "vscode";
import type { TokenRequest } from "../auth/types";
import type { ClaimChange } from "../core/claimsDiff";
import { Disposable } from "../core/disposable";

/** A token held in memory for this window. Never persisted anywhere (see SECURITY.md). */
export interface HeldToken {
  readonly id: string;
  /** Profile name or "Pasted token". */
  readonly label: string;
  readonly source: "acquired" | "pasted";
  readonly token: string;
  /** From the library (expiresOnTimestamp) when acquired; from `exp` when pasted. */
  readonly expiresOnMs?: number;
  readonly refreshAfterMs?: number;
  readonly acquiredAtMs: number;
  /** What was asked for, so the view can compare audience, tenant and permissions. */
  readonly request?: TokenRequest;
  /** Saved profile this token came from, if any. */
  readonly profileId?: string;
  /** Where the expiry came from ("library", or "token" for VS Code account tokens and pasted ones). */
  readonly expirySource?: "library" | "token";
  /** Which credential answered (DefaultAzureCredential chains). */
  readonly answeredBy?: string;
  /** On-behalf-of: the incoming user token this one was exchanged for (memory only, like the token; refreshes reuse it). */
  readonly onBehalfOf?: { readonly incoming: string };
  /** After a refresh or a fresh token: what changed in the claims compared with the token it replaced. */
  readonly changes?: readonly ClaimChange[];
}

/** In-memory token state of the window: the list, the active one, and a change event for the views. */
export class TokenStore extends Disposable {
  private readonly tokens: HeldToken[] = [];
  private activeId: string | undefined;
  private nextId = 1;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  add(token: Omit<HeldToken, "id">): HeldToken {
    const held = { ...token, id: `t${this.nextId++}` };
    this.tokens.push(held);
    this.activeId = held.id;
    this.changed.fire();
    return held;
  }

  /**
   * Puts a newer token (after a refresh or a fresh token) in the place of a held one, keeping its id and whether
   * it is active. Returns undefined when the token is no longer held (cleared meanwhile).
   */
  replace(id: string, next: Omit<HeldToken, "id">): HeldToken | undefined {
    const index = this.tokens.findIndex((t) => t.id === id);
    if (index < 0) return undefined;
    const held = { ...next, id };
    this.tokens[index] = held;
    this.changed.fire();
    return held;
  }

  get(id: string): HeldToken | undefined {
    return this.tokens.find((t) => t.id === id);
  }

  get active(): HeldToken | undefined {
    return this.activeId ? this.get(this.activeId) : undefined;
  }

  setActive(id: string): boolean {
    if (!this.get(id)) return false;
    this.activeId = id;
    this.changed.fire();
    return true;
  }

  all(): readonly HeldToken[] {
    return this.tokens;
  }

  clear(): void {
    this.tokens.length = 0;
    this.activeId = undefined;
    this.changed.fire();
  }

  /** Held tokens leave memory with the window. */
  override dispose(): void {
    this.clear();
    super.dispose();
  }
}
