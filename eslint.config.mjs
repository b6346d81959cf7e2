// ESLint for the whole repository: `npm run lint` (also a step of `npm test`). Zero findings is the bar.
// Besides the usual checks it holds the seams of the house (docs/architecture.md, "The seams, and what keeps them"):
//   src/core        pure and portable: imports only sibling core modules (it also runs in the webview bundle)
//   src/auth        the only place that imports @azure/*; the extension bundle reaches into it only through
//                   the eager modules below, everything else lives in the lazily loaded dist/auth.js
//   webview-ui      the browser side: imports only src/webview/protocol.ts and src/core, never builds HTML from strings
//   src             no console: everything goes through the redacting log (src/ui/log.ts)
//   dist/extension.js  its modules (ACTIVATION) import by name, never a namespace by value
// test/unit/lint-rules.test.ts proves each of these rules reports. The layer order of the other folders is checked by
// `npm run deps -- --check` (scripts/deps.mjs).
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The src/auth modules that dist/features.js bundles (imported by value from outside src/auth): the secret store and
 * vault (the extension's, handed to the auth bundle). They may import @azure/* and the other auth modules only as
 * types (erased by esbuild), or @azure/identity would land in dist/features.js and load on the first command. types.ts holds
 * only types. Everything else in src/auth is bundled into dist/auth.js (entry src/auth/index.ts), loaded by
 * src/lazyBundle.ts.
 */
const EAGER_AUTH = ["secretStore", "secretVault", "types"];
const eager = EAGER_AUTH.join("|");

/**
 * The modules of dist/extension.js, which activation loads at every window start: src/extension.ts and what it imports
 * by value. esbuild turns a namespace import (`import * as vscode`) into a copy of every property of the module (the
 * vscode API has a few hundred) made when the bundle loads; named imports are read where they are used.
 */
const ACTIVATION = ["src/extension.ts", "src/commands/commandIds.ts", "src/editor/hoverRegistration.ts", "src/lazyBundle.ts"];

const TS = ["**/*.ts", "**/*.mts", "**/*.cts"];
const JS = ["**/*.js", "**/*.mjs", "**/*.cjs"];
/** Files with type information: each belongs to tsconfig.json or webview-ui/tsconfig.json. */
const TYPED = ["src/**/*.ts", "webview-ui/**/*.ts"];

const importRule = "@typescript-eslint/no-restricted-imports";

export default defineConfig(
  { ignores: ["node_modules/", "dist/", "out/", ".tools/", ".run/", "artifacts/", "test/fake-entra/certs/"] },

  // Everything: the recommended sets (syntax only).
  { files: [...TS, ...JS], extends: [js.configs.recommended, tseslint.configs.recommended] },
  {
    files: [...TS, ...JS],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Deliberate: inputs (tenants, scopes, paths, pasted tokens) are checked for control characters.
      "no-control-regex": "off",
    },
  },
  // Plain JavaScript runs in Node; the end-to-end tests and the harness also pass functions to the browser page.
  { files: JS, languageOptions: { globals: { ...globals.node } } },
  { files: ["test/e2e/**", "test/harness/**", "scripts/run-integration.mjs"], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" } },
  // Tests and scripts (the lighter set): they load fresh copies of the bundles and stubs with require().
  { files: ["test/**", "scripts/**", "**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  // The lazy bundles (dist/auth.js, dist/verify.js): a computed require() that esbuild leaves alone (see EAGER_AUTH).
  { files: ["src/lazyBundle.ts"], rules: { "@typescript-eslint/no-require-imports": "off" } },

  // The extension and the webview: type-aware promise and exhaustiveness checks.
  {
    files: TYPED,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false, attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
    },
  },

  // The extension host: no console (the output channel redacts; console would not).
  { files: ["src/**/*.ts"], rules: { "no-console": "error" } },
  // dist/extension.js: named imports only (see ACTIVATION).
  {
    files: ACTIVATION,
    rules: {
      "no-restricted-syntax": ["error", {
        selector: "ImportDeclaration[importKind='value'] > ImportNamespaceSpecifier",
        message: "dist/extension.js loads at every window start: import by name (a namespace import copies every property of the module at load).",
      }],
    },
  },
  // src/core also runs in the browser: no Node globals (test/unit/core-portability.test.ts checks the same).
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", ...["Buffer", "process", "require", "global", "__dirname", "__filename", "setImmediate"].map((name) => ({
        name, message: "src/core runs in the webview bundle too: no Node globals.",
      }))],
    },
  },

  // Webview code: the DOM is built with createElement/textContent only.
  {
    files: ["webview-ui/**/*.ts", "src/webview/**/*.ts"],
    rules: {
      "no-restricted-properties": ["error",
        ...["innerHTML", "outerHTML", "insertAdjacentHTML", "setHTMLUnsafe", "createContextualFragment"].map((property) => ({
          property, message: "Webview code builds the DOM with createElement/textContent (webview-ui/dom.ts): claims are attacker-influenced.",
        })),
        ...["write", "writeln"].map((property) => ({
          object: "document", property, message: "Webview code builds the DOM with createElement/textContent (webview-ui/dom.ts).",
        })),
      ],
      "no-eval": "error",
      "no-new-func": "error",
      "no-implied-eval": "off",
      "@typescript-eslint/no-implied-eval": "error",
    },
  },

  // Layer seams (one no-restricted-imports configuration per file set: a later one would replace an earlier one).
  {
    files: ["src/**/*.ts"],
    ignores: ["src/core/**", "src/auth/**", "src/webview/protocol.ts"],
    rules: {
      [importRule]: ["error", {
        patterns: [
          { regex: "^@azure/", message: "Only src/auth imports @azure/* (it is the lazily loaded dist/auth.js); take a type from src/auth/types.ts." },
          {
            regex: `^(\\.\\.?/)+auth(/(?!(${eager})$)[^/]+)?$`, allowTypeImports: true,
            message: `Outside src/auth, import by value only the eager auth modules (${EAGER_AUTH.join(", ")}); the rest is dist/auth.js, reached through lazyBundle.`,
          },
          {
            regex: "^(\\.\\.?/)+(tokens/)?verifySignature$", allowTypeImports: true,
            message: "The signature check (with jose) is dist/verify.js, loaded on the first Verify through lazyBundle: import it only as a type.",
          },
          { regex: "^jose$", message: "jose belongs to the lazily loaded dist/verify.js (src/tokens/verifySignature.ts) only." },
          {
            regex: "^(\\.\\.?/)+features$", allowTypeImports: true,
            message: "src/features.ts is dist/features.js, loaded on the first command or JWT hover through lazyBundle: import it only as a type.",
          },
        ],
      }],
    },
  },
  // The signature check itself is the one place jose is imported (it is the entry of dist/verify.js).
  {
    files: ["src/tokens/verifySignature.ts"],
    rules: {
      [importRule]: ["error", { patterns: [{ regex: "^@azure/", message: "Only src/auth imports @azure/*." }] }],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      [importRule]: ["error", {
        patterns: [{
          regex: "^(?!\\./)",
          message: "src/core is pure and portable (it also runs in the webview bundle): import only sibling core modules — no vscode, @azure/*, node:* or other layers.",
        }],
      }],
    },
  },
  {
    files: [`src/auth/{${EAGER_AUTH.join(",")}}.ts`],
    rules: {
      [importRule]: ["error", {
        patterns: [
          {
            regex: "^@azure/", allowTypeImports: true,
            message: "This auth module is bundled into dist/features.js: import @azure/* only as a type, or it loads on the first command.",
          },
          {
            regex: `^\\./(?!(${eager})$)`, allowTypeImports: true,
            message: "This auth module is bundled into dist/features.js: import the lazy auth modules only as types.",
          },
        ],
      }],
    },
  },
  {
    files: ["src/webview/protocol.ts"],
    rules: {
      [importRule]: ["error", {
        patterns: [{ regex: "^(?!\\.\\./core/[^/]+$)", message: "protocol.ts is shared with the browser bundle: it builds only on src/core." }],
      }],
    },
  },
  {
    files: ["webview-ui/**/*.ts"],
    rules: {
      [importRule]: ["error", {
        patterns: [{
          regex: "^(?!\\./|\\.\\./src/webview/protocol$|\\.\\./src/core/[^/]+$)",
          message: "The webview bundle imports only its own files, src/webview/protocol.ts and src/core (pure): no vscode, Node or other layers.",
        }],
      }],
    },
  },
);
