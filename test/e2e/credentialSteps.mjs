// Answers the "Get Azure Token" steps like a person: the sign-in method, then each step by its title. Steps that do
// not show up (a client secret already in secret storage) are skipped; the answers map is keyed by step title.
import { quickInputBox, runCommand, webview } from "../harness/workbench.mjs";

export async function getTokenThroughPrompts(page, method, answers, { alreadyOpen = false } = {}) {
  // alreadyOpen: the first step is already showing (started by a walkthrough button, not the palette).
  if (!alreadyOpen) await runCommand(page, "Get Azure Token");
  const widget = page.locator(".quick-input-widget");
  const input = quickInputBox(page);
  const title = widget.locator(".quick-input-title", { hasText: "How to Sign In" });
  await title.waitFor();
  // Steps are told apart by their whole title ("…: Certificate (4/6)" and "…: Certificate Password (5/6)" share words).
  let previous = await title.textContent();
  await input.fill(method);
  await widget.locator(".monaco-list-row", { hasText: method }).first().waitFor();
  await page.keyboard.press("Enter");
  for (;;) {
    const next = await nextStep(page, previous, 30_000);
    if (next === "closed") {
      // Closed for good (the sign-in started), or only between two steps: a new step would show up at once.
      const reopened = await nextStep(page, previous, 1500, true).catch(() => "closed");
      if (reopened === "closed") return;
      await answer(reopened);
    } else {
      await answer(next);
    }
  }

  async function answer(stepTitle) {
    const key = Object.keys(answers).find((k) => stepTitle.includes(k));
    if (!key) throw new Error(`no answer for step "${stepTitle}"`);
    await input.fill(answers[key]);
    await page.keyboard.press("Enter");
    previous = stepTitle;
  }
}

/** Resolves the title of the next visible step, or "closed" when the quick input is hidden. */
async function nextStep(page, previous, timeout, visibleOnly = false) {
  const handle = await page.waitForFunction(({ prev, visibleOnly }) => {
    const widget = document.querySelector(".quick-input-widget");
    const visible = widget instanceof HTMLElement && widget.style.display !== "none" && widget.offsetParent !== null;
    if (!visible) return visibleOnly ? false : "closed";
    const t = widget.querySelector(".quick-input-title")?.textContent ?? "";
    return t && t !== prev ? t : false;
  }, { prev: previous, visibleOnly }, { timeout });
  return handle.jsonValue();
}

/** Texts of the visible notification toasts. */
export function toasts(page) {
  return page.locator(".notification-toast .notification-list-item-message").allInnerTexts();
}

/** A notification by its text, read from the notification center (toasts hide after a while; the center keeps them). */
export async function notification(page, text, { timeout = 60_000 } = {}) {
  const center = page.locator(".notifications-center");
  if (!(await center.isVisible())) {
    await runCommand(page, "Notifications: Show Notifications");
    await center.waitFor();
  }
  const item = center.locator(".notification-list-item", { hasText: text }).first();
  await item.waitFor({ timeout });
  return item;
}

/** The value cell of a claim in the token view, once the view shows it. */
export async function claimValue(page, claim) {
  const cell = webview(page).locator(`#claims tr[data-claim=${claim}] td.value`);
  await cell.waitFor({ timeout: 60_000 });
  return cell.innerText();
}
