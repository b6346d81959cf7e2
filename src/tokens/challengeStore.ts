import * as vscode from "vscode";
import type { ParsedChallenge } from "../core/challenge";
import { Disposable } from "../core/disposable";

/** The 401 challenge being explained in this window, and the held token that was got to satisfy it. */
export interface HeldChallenge {
  readonly parsed: ParsedChallenge;
  /** The token Get a token that satisfies this challenge added (an id in the TokenStore). */
  readonly answeredBy?: string;
}

/**
 * The window's current challenge (one at a time: a new one replaces it). Memory only, like the tokens: a challenge
 * holds no token, but its parameters name the user's tenant and API. The token view listens.
 */
export class ChallengeStore extends Disposable {
  private held: HeldChallenge | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  get current(): HeldChallenge | undefined {
    return this.held;
  }

  set(parsed: ParsedChallenge): void {
    this.held = { parsed };
    this.changed.fire();
  }

  /** Records the token that answers the current challenge (ignored when the challenge changed meanwhile). */
  answer(parsed: ParsedChallenge, tokenId: string): void {
    if (this.held?.parsed !== parsed) return;
    this.held = { parsed, answeredBy: tokenId };
    this.changed.fire();
  }

  clear(): void {
    this.held = undefined;
    this.changed.fire();
  }
}
