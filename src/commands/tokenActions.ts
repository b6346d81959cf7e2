// What a click on the status bar item offers for the held tokens: show, copy, refresh now, get a fresh token,
// switch the active token, clear tokens from memory. Also registered as commands of their own.
import * as vscode from "vscode";
import { COPY_FORMATS } from "../core/copyFormats";
import { expiryOf } from "../core/expirySchedule";
import { statusBarTimeLeft } from "../core/timeFormat";
import type { TokenRefresher } from "../tokens/refresher";
import type { HeldToken, TokenStore } from "../tokens/tokenStore";
import type { Log } from "../ui/log";
import { withCancellableProgress } from "../ui/progress";
import { reportRetryWaits } from "../ui/retryWait";

export interface TokenActionDeps {
  store: TokenStore;
  refresher: TokenRefresher;
  log: Log;
  /** copyToken (ui/copyToken.ts) with the same options as the view. */
  copy: (held: HeldToken, formatId: string) => Promise<unknown>;
  showToken: () => void;
  now: () => number;
  /**
   * Clear Tokens from Memory: what else the window remembers goes too — the sign-ins' in-memory caches, the
   * "Allow for this window" grants, a copied token still on the clipboard.
   */
  forget?: () => Promise<void>;
}

type ActionId = "show" | "copy" | "refresh" | "fresh" | "switch" | "clear";

interface ActionItem extends vscode.QuickPickItem {
  action: ActionId;
}

function noToken(): undefined {
  void vscode.window.showInformationMessage("Azure Token: no token is held in this window. Run Get Azure Token first.");
  return undefined;
}

/** The status bar click: sign in when a refresh needs it, else the quick pick of actions. */
export async function tokenActions(deps: TokenActionDeps): Promise<void> {
  const held = deps.store.active;
  if (!held) return noToken();
  if (deps.refresher.problemOf(held.id) === "signInRequired") {
    await refreshActive(deps, "now");
    return;
  }
  const canRefresh = held.source === "acquired" && held.request !== undefined;
  const expiry = expiryOf(held);
  const items: ActionItem[] = [
    { action: "show", label: "$(eye) Show token", description: held.label },
    { action: "copy", label: "$(copy) Copy as…", description: "header, curl, environment variable, …" },
    ...(canRefresh ? [
      { action: "refresh" as const, label: "$(sync) Refresh now", description: "through the sign-in's cache or refresh token" },
      { action: "fresh" as const, label: "$(refresh) Get fresh token", description: "bypass the cache: new roles, groups, PIM activations" },
    ] : []),
    ...(deps.store.all().length > 1 ? [{ action: "switch" as const, label: "$(arrow-swap) Switch active token…", description: `${deps.store.all().length} tokens held` }] : []),
    { action: "clear", label: "$(trash) Clear tokens from memory", description: "forget every token held in this window" },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Azure Token: ${held.label}${expiry !== undefined ? ` (${statusBarTimeLeft(expiry, deps.now())})` : ""}`,
    placeHolder: "What do you want to do with the token?",
  });
  if (!picked) return;
  switch (picked.action) {
    case "show": deps.showToken(); return;
    case "copy": await copyActive(deps); return;
    case "refresh": await refreshActive(deps, "now"); return;
    case "fresh": await refreshActive(deps, "fresh"); return;
    case "switch": await switchToken(deps); return;
    case "clear": await clearTokens(deps); return;
  }
}

async function copyActive(deps: TokenActionDeps): Promise<void> {
  const held = deps.store.active;
  if (!held) return noToken();
  const picked = await vscode.window.showQuickPick(COPY_FORMATS.map((f) => ({ label: f.label, detail: f.detail, id: f.id })), {
    title: `Azure Token: copy ${held.label} as`,
  });
  if (picked) await deps.copy(held, picked.id);
}

/**
 * "Refresh now" / "Sign in" (mode "now") and "Get fresh token" (mode "fresh") for the active token. Resolves nothing:
 * the user sees the result in the status bar and the view, and no caller of the commands gets a token.
 */
export async function refreshActive(deps: TokenActionDeps, mode: "now" | "fresh"): Promise<void> {
  const held = deps.store.active;
  if (!held) return noToken();
  if (held.source !== "acquired" || !held.request) {
    void vscode.window.showWarningMessage("Azure Token: this token was pasted, not acquired here, so it cannot be refreshed.");
    return;
  }
  // After a refused background refresh, "now" means an interactive sign-in: say so.
  const signingIn = mode === "now" && deps.refresher.problemOf(held.id) === "signInRequired";
  const verb = mode === "fresh" ? "getting a fresh token" : signingIn ? "signing in" : "refreshing";
  const next = await withCancellableProgress(`Azure Token: ${verb} for ${held.label}…`,
    (signal, report) => deps.refresher.refresh(held.id, mode, signal, reportRetryWaits(report)));
  if (!next) return;
  if (next.token === held.token) {
    void vscode.window.showInformationMessage("Azure Token: the token is still valid, so the sign-in answered from its cache. Use Get Fresh Token to bypass the cache.");
    return;
  }
  const changes = next.changes ?? [];
  const accessChanges = changes.filter((c) => c.kind !== "expiry");
  void vscode.window.setStatusBarMessage(`$(check) Azure Token: ${mode === "fresh" ? "fresh token" : signingIn ? "signed in" : "refreshed"}; ${accessChanges.length ? `${accessChanges.length} claim change(s)` : "same claims"}`, 5000);
  if (accessChanges.length) deps.showToken();
}

export async function switchToken(deps: TokenActionDeps): Promise<void> {
  const tokens = deps.store.all();
  if (tokens.length === 0) return noToken();
  const now = deps.now();
  const picked = await vscode.window.showQuickPick(tokens.map((t) => {
    const expiry = expiryOf(t);
    return {
      label: t.label,
      description: `${t.id === deps.store.active?.id ? "active · " : ""}${expiry !== undefined ? statusBarTimeLeft(expiry, now) : "no expiry"}`,
      id: t.id,
    };
  }), { title: "Azure Token: switch the active token" });
  if (picked) deps.store.setActive(picked.id);
}

export async function clearTokens(deps: TokenActionDeps): Promise<void> {
  const count = deps.store.all().length;
  deps.store.clear();
  await deps.forget?.();
  deps.log.info(`cleared ${count} token(s) from memory, and the sign-ins' cached tokens`);
  void vscode.window.setStatusBarMessage(`$(check) Azure Token: cleared ${count} token(s) from memory`, 4000);
}
