import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CommandId } from "../../src/commands/commandIds";

const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));

test("package.json contributes exactly the commands of the CommandId registry", () => {
  const contributed = (manifest.contributes.commands as { command: string }[]).map((c) => c.command).sort();
  const registered = Object.values(CommandId).filter((id) => id !== CommandId.showToken);
  assert.deepEqual(contributed, [...registered].sort());
});

test("every menu entry names a registered command", () => {
  const ids = new Set<string>(Object.values(CommandId));
  const menus = Object.values(manifest.contributes.menus ?? {}) as { command: string }[][];
  for (const entry of menus.flat()) assert.ok(ids.has(entry.command), `${entry.command} is in CommandId`);
});
