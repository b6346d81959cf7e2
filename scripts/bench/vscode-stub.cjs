// Just enough of the 'vscode' module for the in-process bench (scripts/bench/inProcess.mts) to run the extension's
// code outside VS Code: loaded with `node --require`, it answers every `require("vscode")`. The hover provider is
// captured (hoverProviders) and the few classes it builds are real; every other property, call and `new` gives back
// another stand-in, so module-level code such as `new vscode.EventEmitter()` in dist/auth.js runs.
const Module = require("node:module");

const anything = new Proxy(function () {}, {
  get: (_target, key) => (key === "then" ? undefined : key === Symbol.toPrimitive ? () => "" : anything),
  apply: () => anything,
  construct: () => anything,
});

class Position { constructor(line, character) { this.line = line; this.character = character; } }
class Range {
  constructor(a, b, c, d) {
    this.start = typeof a === "number" ? new Position(a, b) : a;
    this.end = typeof a === "number" ? new Position(c, d) : b;
  }
}
class MarkdownString { constructor(value, supportThemeIcons) { this.value = value; this.supportThemeIcons = supportThemeIcons; } }
class Hover { constructor(contents, range) { this.contents = contents; this.range = range; } }

const hoverProviders = [];
const known = {
  Position, Range, MarkdownString, Hover, hoverProviders,
  languages: new Proxy({}, {
    get: (_t, key) => (key === "registerHoverProvider" ? (_selector, provider) => { hoverProviders.push(provider); return { dispose() {} }; } : anything),
  }),
};

const stub = new Proxy({}, {
  get: (_target, key) => (key === "__esModule" || key === "then" ? undefined : Object.hasOwn(known, key) ? known[key] : anything),
  getPrototypeOf: () => anything,
  // esbuild's ESM interop (tsx, the bundles) copies the module's own keys and inherits the rest from its prototype.
  ownKeys: () => Object.keys(known),
  getOwnPropertyDescriptor: (_target, key) => (Object.hasOwn(known, key) ? { value: known[key], enumerable: true, configurable: true, writable: false } : undefined),
});
module.exports = stub;

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === "vscode" ? __filename : resolve.call(this, request, ...rest);
};
