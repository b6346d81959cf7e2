import { test } from "node:test";
import assert from "node:assert/strict";
import { parseWebviewMessage } from "../../src/webview/protocol";

test("allow-listed webview messages pass", () => {
  for (const type of ["ready", "reveal", "hide", "verify"]) assert.deepEqual(parseWebviewMessage({ type }), { type });
  assert.deepEqual(parseWebviewMessage({ type: "copy", format: "header" }), { type: "copy", format: "header" });
  assert.deepEqual(parseWebviewMessage({ type: "select", id: "t2" }), { type: "select", id: "t2" });
});

test("anything else is dropped", () => {
  const bad: unknown[] = [
    null, undefined, "verify", 42, [], {}, { type: "runCommand", command: "workbench.action.terminal.new" },
    { type: "verify", token: "x" }, { type: "reveal", extra: 1 }, { type: "copy" }, { type: "copy", format: "<img src=x>" },
    { type: "copy", format: "a".repeat(65) }, { type: "select", id: 3 }, { type: "select", id: "../t1" }, { type: "__proto__" },
  ];
  for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
});
