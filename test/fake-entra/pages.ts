// HTML pages of the fake Entra ID: self-contained (inline CSS under a CSP nonce, no external resources), every
// interpolated value escaped. Selectors the tests rely on:
//   sign-in:      input[name=username] (radio), button[name=action][value=approve|cancel]
//   device code:  input[name=user_code], input[name=username] (radio), button[name=action][value=approve|decline]
//   form_post:    form[name=hiddenform] with hidden inputs, auto-submitted by a script

export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The Content-Security-Policy sent with every page; `formTargets` are extra origins forms may post to. */
export function pageCsp(nonce: string, formTargets: readonly string[] = []): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `form-action 'self'${formTargets.map((t) => " " + t).join("")}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5f6368; --line: #d9dce1; --accent: #2563eb; --accent-ink: #fff; --bg: #f3f4f6; --warn: #b45309; }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); }
main { width: min(440px, 100% - 32px); background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 28px 32px;
  box-shadow: 0 2px 10px rgba(0,0,0,.06); }
.brand { display: flex; align-items: center; gap: 8px; font-weight: 600; color: var(--muted); font-size: 13px; margin-bottom: 18px; }
.badge { background: #fef3c7; color: var(--warn); border-radius: 4px; padding: 1px 6px; font-size: 11px; letter-spacing: .04em; text-transform: uppercase; }
h1 { font-size: 21px; margin: 0 0 6px; font-weight: 600; }
p { margin: 6px 0; }
.muted { color: var(--muted); font-size: 13px; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 14px 0; font-size: 13px; }
dt { color: var(--muted); } dd { margin: 0; word-break: break-all; }
fieldset { border: 0; margin: 16px 0; padding: 0; }
legend { font-weight: 600; margin-bottom: 6px; }
.choice { display: flex; gap: 10px; align-items: center; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 6px 0; cursor: pointer; }
.choice:hover { border-color: var(--accent); }
.choice span { display: flex; flex-direction: column; } .choice small { color: var(--muted); }
ul.scopes { margin: 6px 0 0; padding-left: 18px; font-size: 14px; } ul.scopes code { font-size: 12px; color: var(--muted); }
input[type=text] { width: 100%; font: inherit; padding: 8px 10px; border: 1px solid var(--line); border-radius: 6px; letter-spacing: .08em; text-transform: uppercase; }
.actions { display: flex; gap: 10px; justify-content: flex-end; margin-top: 20px; }
button { font: inherit; padding: 7px 18px; border-radius: 6px; border: 1px solid var(--line); background: #fff; cursor: pointer; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); }
button:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.error { border-left: 3px solid #dc2626; padding: 6px 10px; background: #fef2f2; font-size: 13px; word-break: break-word; }
footer { margin-top: 22px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); padding-top: 10px; }
`;

function layout(title: string, nonce: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style nonce="${escapeHtml(nonce)}">${CSS}</style></head>
<body><main>
<div class="brand"><span>Contoso Sandbox sign-in</span><span class="badge">local test server</span></div>
${body}
<footer>Local stand-in for Microsoft Entra ID used by Azure Token's tests and demo. Not a Microsoft page; no real accounts.</footer>
</main></body></html>`;
}

export interface PageUser {
  readonly username: string;
  readonly displayName: string;
}

export interface ScopeLine {
  readonly scope: string;
  readonly description: string;
}

function userChoices(users: readonly PageUser[], selected: string | undefined): string {
  const pick = users.some((u) => u.username === selected) ? selected : users[0]?.username;
  return users.map((u) => `<label class="choice"><input type="radio" name="username" value="${escapeHtml(u.username)}"${u.username === pick ? " checked" : ""}>
<span>${escapeHtml(u.displayName)}<small>${escapeHtml(u.username)}</small></span></label>`).join("\n");
}

function scopeList(scopes: readonly ScopeLine[]): string {
  return `<ul class="scopes">${scopes.map((s) => `<li>${escapeHtml(s.description)} <code>${escapeHtml(s.scope)}</code></li>`).join("")}</ul>`;
}

/** What a sign-in asks the user to approve, and with which account: shared by the browser and device code pages. */
export interface ConsentModel {
  readonly appName: string;
  readonly clientId: string;
  readonly tenantName: string;
  readonly tenantId: string;
  readonly resourceName: string;
  readonly scopes: readonly ScopeLine[];
  readonly users: readonly PageUser[];
  readonly selected?: string;
}

/** The account picker, the permissions asked for and the app and tenant they are asked in. */
function consentFields(m: ConsentModel): string {
  return `<fieldset><legend>Account</legend>
${userChoices(m.users, m.selected)}
</fieldset>
<p><strong>${escapeHtml(m.appName)}</strong> is asking for permission to:</p>
${scopeList(m.scopes)}
<p class="muted">Resource: ${escapeHtml(m.resourceName)}</p>
<dl><dt>Application</dt><dd>${escapeHtml(m.clientId)}</dd><dt>Tenant</dt><dd>${escapeHtml(m.tenantName)} (${escapeHtml(m.tenantId)})</dd></dl>`;
}

export interface SignInPageModel extends ConsentModel {
  readonly nonce: string;
  readonly action: string;
  readonly ctx: string;
}

/** Account picker + consent in one page. Approve → the server answers with the form_post page. */
export function signInPage(m: SignInPageModel): string {
  return layout("Sign in to your account", m.nonce, `
<h1>Sign in to ${escapeHtml(m.appName)}</h1>
<p class="muted">Choose an account of ${escapeHtml(m.tenantName)} to continue.</p>
<form method="post" action="${escapeHtml(m.action)}">
<input type="hidden" name="ctx" value="${escapeHtml(m.ctx)}">
${consentFields(m)}
<div class="actions">
<button type="submit" name="action" value="cancel">Cancel</button>
<button type="submit" name="action" value="approve" class="primary">Accept</button>
</div>
</form>`);
}

/** Entra's response_mode=form_post answer: an auto-submitting form that POSTs the result to the redirect URI. */
export function formPostPage(nonce: string, redirectUri: string, params: Readonly<Record<string, string>>): string {
  const inputs = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}" />`)
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Working...</title></head><body>
<form method="POST" name="hiddenform" action="${escapeHtml(redirectUri)}">
${inputs}
<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript>
</form>
<script nonce="${escapeHtml(nonce)}">document.forms[0].submit();</script>
</body></html>`;
}

export interface ErrorPageModel {
  readonly nonce: string;
  readonly title: string;
  readonly description: string;
}

/** Shown in the browser when Entra cannot send the user back to the app (unknown app, bad redirect URI, ...). */
export function errorPage(m: ErrorPageModel): string {
  return layout(m.title, m.nonce, `
<h1>${escapeHtml(m.title)}</h1>
<p class="error">${escapeHtml(m.description)}</p>`);
}

export interface DeviceCodePageModel {
  readonly nonce: string;
  readonly action: string;
  readonly error?: string;
  readonly userCode?: string;
}

/** Step 1 of the device code flow: enter the code shown by the app. */
export function deviceCodeEntryPage(m: DeviceCodePageModel): string {
  return layout("Enter code", m.nonce, `
<h1>Enter code</h1>
<p class="muted">Enter the code displayed on your app or device.</p>
${m.error ? `<p class="error">${escapeHtml(m.error)}</p>` : ""}
<form method="post" action="${escapeHtml(m.action)}">
<input type="text" name="user_code" aria-label="Code" autocomplete="off" autofocus value="${escapeHtml(m.userCode ?? "")}">
<div class="actions"><button type="submit" class="primary">Next</button></div>
</form>`);
}

export interface DeviceConsentPageModel extends ConsentModel {
  readonly nonce: string;
  readonly action: string;
  readonly userCode: string;
}

/** Step 2: pick the account and approve or decline the sign-in on the other device. */
export function deviceConsentPage(m: DeviceConsentPageModel): string {
  return layout("Are you trying to sign in?", m.nonce, `
<h1>Are you trying to sign in to ${escapeHtml(m.appName)}?</h1>
<p class="muted">Only continue if you started this sign-in yourself (code <strong>${escapeHtml(m.userCode)}</strong>).</p>
<form method="post" action="${escapeHtml(m.action)}">
<input type="hidden" name="user_code" value="${escapeHtml(m.userCode)}">
${consentFields(m)}
<div class="actions">
<button type="submit" name="action" value="decline">Decline</button>
<button type="submit" name="action" value="approve" class="primary">Continue</button>
</div>
</form>`);
}

export function deviceResultPage(nonce: string, approved: boolean, appName: string, username?: string): string {
  return approved
    ? layout("Signed in", nonce, `<h1>You're signed in</h1>
<p>You have signed in to <strong>${escapeHtml(appName)}</strong> as ${escapeHtml(username ?? "")}. You may now close this window.</p>`)
    : layout("Sign-in declined", nonce, `<h1>Sign-in declined</h1>
<p>You declined to sign in to <strong>${escapeHtml(appName)}</strong>. You may now close this window.</p>`);
}

export interface HomePageModel {
  readonly nonce: string;
  readonly tenantName: string;
  readonly tenantId: string;
  readonly domain: string;
  readonly users: readonly PageUser[];
  readonly apps: readonly { name: string; appId: string }[];
}

/** `/`: what this server is, for a person who opens it in a browser during the demo. */
export function homePage(m: HomePageModel): string {
  return layout("Contoso Sandbox", m.nonce, `
<h1>Contoso Sandbox</h1>
<p class="muted">A local identity provider speaking the Microsoft identity platform v2.0 protocol.</p>
<dl><dt>Tenant</dt><dd>${escapeHtml(m.tenantName)} (${escapeHtml(m.tenantId)}, ${escapeHtml(m.domain)})</dd>
${m.users.map((u) => `<dt>User</dt><dd>${escapeHtml(u.displayName)} &lt;${escapeHtml(u.username)}&gt;</dd>`).join("\n")}
${m.apps.map((a) => `<dt>App</dt><dd>${escapeHtml(a.name)}<br><span class="muted">${escapeHtml(a.appId)}</span></dd>`).join("\n")}
</dl>`);
}
