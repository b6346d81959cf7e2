// Just enough of the 'vscode' module for scripts/bench-run.ts to load dist/extension.js outside VS Code.
module.exports = new Proxy({}, { get: () => new Proxy(function () {}, { get: () => () => ({}) }) });
