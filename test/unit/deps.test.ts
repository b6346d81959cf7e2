import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// scripts/deps.mjs: the layer order of src/ and the generated graph in docs/architecture.md.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
type Import = { from: string; spec: string; typeOnly: boolean };
interface Deps {
  importsOf(file: string, text: string): Import[];
  analyse(files: string[], imports: Import[], known?: string[]): { backArrows: { pair: string }[]; problems: string[] };
}
const load = async (): Promise<Deps> => (await import(pathToFileURL(path.join(root, "scripts/deps.mjs")).href)) as Deps;

test("npm run deps -- --check: the graph in docs/architecture.md is current and no new import runs against the order", () => {
  const r = spawnSync(process.execPath, ["scripts/deps.mjs", "--check"], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});

test("imports are read with their kind: type-only or not", async () => {
  const { importsOf } = await load();
  const text = [
    `import type { A } from "./a";`, `import { type B, type C } from "./b";`, `import { D, type E } from "./d";`,
    `import F from "./f";`, `import "./g";`, `export type { H } from "./h";`, `export * from "./i";`,
    `import {\n  J,\n  K,\n} from "../j";`, `// import { X } from "./commented";`, `const s = "import { Y } from './string'";`,
  ].join("\n");
  assert.deepEqual(importsOf("src/x/y.ts", text).map((i) => `${i.spec}${i.typeOnly ? " (types)" : ""}`),
    ["./a (types)", "./b (types)", "./d", "./f", "./g", "./h (types)", "./i", "../j"]);
});

test("the order: down is allowed, up is a back-arrow, views take only types from the token state, the root wires anything", async () => {
  const { analyse } = await load();
  const files = ["src/extension.ts", "src/commands/a.ts", "src/ui/view.ts", "src/tokens/store.ts", "src/core/pure.ts"];
  const imp = (from: string, spec: string, typeOnly = false): Import => ({ from, spec, typeOnly });
  const allowed = [
    imp("src/extension.ts", "./ui/view"), imp("src/commands/a.ts", "../tokens/store"), imp("src/tokens/store.ts", "../core/pure"),
    imp("src/ui/view.ts", "../tokens/store", true), imp("src/ui/view.ts", "../core/pure"), imp("src/core/pure.ts", "vscode"),
  ];
  assert.deepEqual(analyse(files, allowed, []).problems, []);

  const up = analyse(files, [imp("src/core/pure.ts", "../ui/view", true), imp("src/tokens/store.ts", "../commands/a")], []);
  assert.deepEqual(up.backArrows.map((b) => b.pair), ["src/core/pure.ts -> src/ui/view.ts", "src/tokens/store.ts -> src/commands/a.ts"]);
  assert.equal(up.problems.length, 2);
  assert.match(up.problems[0], /^back-arrow src\/core\/pure\.ts -> src\/ui\/view\.ts: core\/ is below ui\//);

  const viewCalls = analyse(files, [imp("src/ui/view.ts", "../tokens/store")], []);
  assert.match(viewCalls.problems.join("\n"), /a view may import only types from tokens\//);
});

test("KNOWN_BACK_ARROWS: a listed pair passes, a fixed one must be deleted, a file outside every layer is named", async () => {
  const { analyse } = await load();
  const files = ["src/ui/view.ts", "src/tokens/store.ts", "src/newFolder/x.ts"];
  const back = { from: "src/tokens/store.ts", spec: "../ui/view", typeOnly: true };
  const known = ["src/tokens/store.ts -> src/ui/view.ts"];
  assert.deepEqual(analyse(files.slice(0, 2), [back], known).problems, []);
  assert.deepEqual(analyse(files.slice(0, 2), [], known).problems,
    ["src/tokens/store.ts -> src/ui/view.ts is fixed: delete it from KNOWN_BACK_ARROWS in scripts/deps.mjs"]);
  assert.match(analyse(files, [back], known).problems.join("\n"), /src\/newFolder\/x\.ts is in no layer/);
});
