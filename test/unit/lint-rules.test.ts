import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";

// The project's eslint.config.mjs bites: each snippet is linted with it as if it were the content of a real file at
// that path (type-aware rules need a file of a tsconfig project; the file on disk is not read or changed), and must
// report exactly the rules expected — or nothing, for what the seams allow.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, "eslint.config.mjs") });

async function rulesReported(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  const fatal = result.messages.filter((m) => !m.ruleId);
  assert.deepEqual(fatal.map((m) => m.message), [], `${filePath} parses`);
  return [...new Set(result.messages.map((m) => m.ruleId as string))].sort();
}

const IMPORTS = "@typescript-eslint/no-restricted-imports";
const PROPERTIES = "no-restricted-properties";

/** [what, file path, code, rules it must report ([] = allowed)] */
const CASES: [string, string, string, string[]][] = [
  // The webview builds its DOM with createElement/textContent only.
  ["innerHTML in webview-ui", "webview-ui/dom.ts", `document.body.innerHTML = "<b>x</b>";\nexport {};\n`, [PROPERTIES]],
  ["outerHTML in webview-ui", "webview-ui/dom.ts", `document.body.outerHTML = "<b>x</b>";\nexport {};\n`, [PROPERTIES]],
  ["insertAdjacentHTML in webview-ui", "webview-ui/dom.ts", `document.body.insertAdjacentHTML("beforeend", "<b>x</b>");\nexport {};\n`, [PROPERTIES]],
  ["document.write in webview-ui", "webview-ui/dom.ts", `document.write("<b>x</b>");\nexport {};\n`, [PROPERTIES]],
  ["document.writeln in webview-ui", "webview-ui/dom.ts", `document.writeln("<b>x</b>");\nexport {};\n`, [PROPERTIES]],
  ["innerHTML in the host's webview code", "src/webview/html.ts", `export function f(e: { innerHTML: string }): void { e.innerHTML = "x"; }\n`, [PROPERTIES]],
  ["textContent in webview-ui", "webview-ui/dom.ts", `document.body.textContent = "<b>x</b>";\nexport {};\n`, []],

  // The extension logs through the redacting output channel, never the console.
  ["console in src", "src/ui/log.ts", `console.log("token");\nexport {};\n`, ["no-console"]],

  // dist/extension.js imports by name: a namespace import would copy the whole vscode API when activation loads it.
  ["a namespace import in the activation bundle", "src/editor/hoverRegistration.ts", `import * as vscode from "vscode";\nexport const l = vscode.languages;\n`, ["no-restricted-syntax"]],
  ["named imports in the activation bundle", "src/extension.ts", `import { commands } from "vscode";\nimport type * as FeaturesModule from "./features";\nexport const c = commands;\nexport type F = typeof FeaturesModule;\n`, []],
  ["a namespace import in the lazily loaded features", "src/features.ts", `import * as vscode from "vscode";\nexport const w = vscode.window;\n`, []],

  // src/core is pure: only sibling core modules.
  ["vscode in core", "src/core/jwt.ts", `import * as vscode from "vscode";\nexport const w = vscode.window;\n`, [IMPORTS]],
  ["a type from vscode in core", "src/core/jwt.ts", `import type * as vscode from "vscode";\nexport type U = vscode.Uri;\n`, [IMPORTS]],
  ["@azure/identity in core", "src/core/jwt.ts", `import { AzureCliCredential } from "@azure/identity";\nexport const c = AzureCliCredential;\n`, [IMPORTS]],
  ["node:crypto in core", "src/core/jwt.ts", `import { randomUUID } from "node:crypto";\nexport const id = randomUUID;\n`, [IMPORTS]],
  ["another layer in core", "src/core/jwt.ts", `import type { Log } from "../ui/log";\nexport type L = Log;\n`, [IMPORTS]],
  ["a sibling in core", "src/core/jwt.ts", `import { formatUtc } from "./timeFormat";\nexport const f = formatUtc;\n`, []],

  // Only src/auth imports @azure/*, and the extension bundle only the eager auth modules.
  ["@azure/identity outside auth", "src/tokens/tokenStore.ts", `import { AzureCliCredential } from "@azure/identity";\nexport const c = AzureCliCredential;\n`, [IMPORTS]],
  ["a type from @azure/identity outside auth", "src/tokens/tokenStore.ts", `import type { AccessToken } from "@azure/identity";\nexport type A = AccessToken;\n`, [IMPORTS]],
  ["a lazy auth module by value outside auth", "src/tokens/tokenStore.ts", `import { CredentialFactory } from "../auth/credentialFactory";\nexport const c = CredentialFactory;\n`, [IMPORTS]],
  ["the lazy auth entry by value outside auth", "src/extension.ts", `import { createAuthService } from "./auth/index";\nexport const c = createAuthService;\n`, [IMPORTS]],
  ["a type from the lazy auth entry outside auth", "src/extension.ts", `import type * as AuthModule from "./auth/index";\nexport type M = typeof AuthModule;\n`, []],
  ["the eager secret store outside auth", "src/extension.ts", `import { SecretStore } from "./auth/secretStore";\nexport const s = SecretStore;\n`, []],
  ["the interaction error by value outside auth (it lives in dist/auth.js)", "src/tokens/refresher.ts", `import { InteractionRequiredError } from "../auth/interaction";\nexport const e = InteractionRequiredError;\n`, [IMPORTS]],
  ["@azure/identity by value in an eager auth module", "src/auth/secretStore.ts", `import { AzureCliCredential } from "@azure/identity";\nexport const c = AzureCliCredential;\n`, [IMPORTS]],
  ["a lazy sibling by value in an eager auth module", "src/auth/secretStore.ts", `import { createAuthService } from "./index";\nexport const c = createAuthService;\n`, [IMPORTS]],
  ["a type from @azure/identity in an eager auth module", "src/auth/secretStore.ts", `import type { AccessToken } from "@azure/identity";\nexport type A = AccessToken;\n`, []],
  ["@azure/identity in the lazy auth bundle", "src/auth/index.ts", `import { AzureCliCredential } from "@azure/identity";\nexport const c = AzureCliCredential;\n`, []],

  // jose is the lazily loaded dist/verify.js: only the signature check imports it, others take its types.
  ["jose outside the signature check", "src/webview/tokenPanel.ts", `import { jwtVerify } from "jose";\nexport const v = jwtVerify;\n`, [IMPORTS]],
  ["the lazily loaded features by value", "src/extension.ts", `import { createFeatures } from "./features";\nexport const f = createFeatures;\n`, [IMPORTS]],
  ["a type from the lazily loaded features", "src/extension.ts", `import type * as FeaturesModule from "./features";\nexport type F = typeof FeaturesModule;\n`, []],
  ["the signature check by value", "src/extension.ts", `import { verifySignature } from "./tokens/verifySignature";\nexport const v = verifySignature;\n`, [IMPORTS]],
  ["a type from the signature check", "src/extension.ts", `import type * as VerifyModule from "./tokens/verifySignature";\nexport type V = typeof VerifyModule;\n`, []],
  ["jose in the signature check", "src/tokens/verifySignature.ts", `import { jwtVerify } from "jose";\nexport const v = jwtVerify;\n`, []],

  // The browser bundle: its own files, the protocol and src/core only; the protocol builds on src/core only.
  ["vscode in webview-ui", "webview-ui/dom.ts", `import * as vscode from "vscode";\nexport const w = vscode;\n`, [IMPORTS]],
  ["an extension module in webview-ui", "webview-ui/dom.ts", `import type { Log } from "../src/ui/log";\nexport type L = Log;\n`, [IMPORTS]],
  ["the protocol and core in webview-ui", "webview-ui/dom.ts", `import type { HostMessage } from "../src/webview/protocol";\nimport { formatUtc } from "../src/core/timeFormat";\nexport type M = HostMessage;\nexport const f = formatUtc;\n`, []],
  ["the host side in the protocol", "src/webview/protocol.ts", `import type { TokenStore } from "../tokens/tokenStore";\nexport type S = TokenStore;\n`, [IMPORTS]],

  // Promises are awaited, returned or explicitly voided.
  ["a floating promise in src", "src/ui/log.ts", `async function f(): Promise<void> {}\nf();\nexport {};\n`, ["@typescript-eslint/no-floating-promises"]],
  ["a voided promise in src", "src/ui/log.ts", `async function f(): Promise<void> {}\nvoid f();\nexport {};\n`, []],
  ["a floating promise in webview-ui", "webview-ui/dom.ts", `async function f(): Promise<void> {}\nf();\nexport {};\n`, ["@typescript-eslint/no-floating-promises"]],
  ["a promise as a condition", "src/ui/log.ts", `async function f(): Promise<boolean> { return true; }\nexport function g(): number { return f() ? 1 : 0; }\n`, ["@typescript-eslint/no-misused-promises"]],

  // A switch over a union handles every member.
  ["a non-exhaustive switch", "src/ui/log.ts", `export function f(k: "a" | "b"): number {\n  switch (k) {\n    case "a": return 1;\n  }\n  return 0;\n}\n`, ["@typescript-eslint/switch-exhaustiveness-check"]],
];

for (const [what, filePath, code, expected] of CASES) {
  test(`lint: ${what} (${filePath}) ${expected.length ? `reports ${expected.join(", ")}` : "is allowed"}`, async () => {
    assert.deepEqual(await rulesReported(filePath, code), expected);
  });
}
