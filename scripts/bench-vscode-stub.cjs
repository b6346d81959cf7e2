// Just enough of the 'vscode' module for scripts/bench-run.ts to load dist/extension.js outside VS Code:
// every property, call and `new` gives back another stand-in, so module-level code such as
// `new vscode.ThemeIcon(...)` or `new vscode.EventEmitter()` runs.
const anything = new Proxy(function () {}, {
  get: (_target, key) => (key === "then" ? undefined : key === Symbol.toPrimitive ? () => "" : anything),
  apply: () => anything,
  construct: () => anything,
});
// esbuild's ESM interop copies the module's own keys and inherits from its prototype: let the prototype answer.
module.exports = new Proxy({}, {
  get: (_target, key) => (key === "__esModule" || key === "then" ? undefined : anything),
  getPrototypeOf: () => anything,
});
