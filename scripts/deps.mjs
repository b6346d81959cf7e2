// The layer graph of the extension: which folder imports which, and whether every import runs down the layer order.
//   npm run deps              writes the graph (Mermaid) into docs/architecture.md between the deps markers
//   npm run deps -- --check   exits 1 if that block is stale or an import runs against the order (a unit test runs it)
// Reads the imports of src/**/*.ts and webview-ui/*.ts with the TypeScript parser (type-only imports are told apart).
// The seams inside a layer (src/core pure, @azure/* only in src/auth, the webview bundle) are eslint.config.mjs's job.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DOC = "docs/architecture.md";
const START = "<!-- deps:start -->";
const END = "<!-- deps:end -->";

/**
 * The layers, top to bottom. A file may import files of its own layer and of any layer below it, never above
 * (type-only imports included: a layer that names another's types still depends on it). The first matching layer wins.
 */
export const LAYERS = [
  { id: "extension", label: "extension.ts", match: /^src\/extension\.ts$/, rank: 0, root: true },
  { id: "features", label: "features.ts (dist/features.js)", match: /^src\/features\.ts$/, rank: 0, root: true },
  { id: "commands", label: "commands/", match: /^src\/commands\/(?!commandIds\.ts$)/, rank: 1 },
  { id: "webviewUi", label: "webview-ui/ (browser)", match: /^webview-ui\//, rank: 2 },
  { id: "editor", label: "editor/", match: /^src\/editor\//, rank: 3, view: true },
  { id: "ui", label: "ui/", match: /^src\/ui\//, rank: 3, view: true },
  { id: "webview", label: "webview/", match: /^src\/webview\//, rank: 3, view: true },
  { id: "tokens", label: "tokens/", match: /^src\/tokens\//, rank: 4 },
  { id: "auth", label: "auth/", match: /^src\/auth\//, rank: 5 },
  { id: "settings", label: "settings.ts", match: /^src\/settings\.ts$/, rank: 6 },
  { id: "lazyBundle", label: "lazyBundle.ts", match: /^src\/lazyBundle\.ts$/, rank: 6 },
  { id: "commandIds", label: "commands/commandIds.ts", match: /^src\/commands\/commandIds\.ts$/, rank: 6 },
  { id: "core", label: "core/", match: /^src\/core\//, rank: 7 },
];
/**
 * Views (editor, ui, webview) are handed the token state and the services they show: they may name the types of
 * tokens/ and auth/ but not call into them. Their logic comes from core/, and what a person asks for goes to a command.
 */
export const TYPES_ONLY_FROM_VIEWS = ["tokens", "auth"];
/** Packages shown in the graph (the others, vscode and node:*, are everywhere a host module needs them). */
const EXTERNALS = [{ id: "azureIdentity", label: "@azure/* (dist/auth.js)", match: /^@azure\// }];

/**
 * Imports that run against the order today, as exact "importer -> imported" file pairs. Each one is a debt: when it is
 * fixed, delete its line (the check fails while a fixed pair is still listed). Never add to this list.
 */
export const KNOWN_BACK_ARROWS = [
];

export const layerOf = (file) => LAYERS.find((l) => l.match.test(file));

function sourceFiles() {
  const src = fs.readdirSync(path.join(ROOT, "src"), { recursive: true }).map((f) => `src/${String(f).split(path.sep).join("/")}`);
  const ui = fs.readdirSync(path.join(ROOT, "webview-ui")).map((f) => `webview-ui/${f}`);
  return [...src, ...ui].filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")).sort();
}

/** Every static import and re-export of a file: { from, spec, typeOnly }. */
export function importsOf(file, text) {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const clause = st.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      found.push({ from: file, spec: st.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      const named = st.exportClause && ts.isNamedExports(st.exportClause) ? st.exportClause.elements : undefined;
      const typeOnly = st.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly));
      found.push({ from: file, spec: st.moduleSpecifier.text, typeOnly });
    }
  }
  return found;
}

/** The file a relative specifier names (x.ts or x/index.ts), relative to the repository; undefined for packages. */
function resolve(from, spec, exists) {
  if (!spec.startsWith(".") || spec.endsWith(".json")) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec)).replace(/\.(m?js|ts)$/, "");
  return [`${base}.ts`, `${base}/index.ts`].find(exists) ?? `${base}.ts`;
}

/**
 * The graph and its problems, from files and their imports: { edges: Map("a->b" → { from, to, typeOnly, back }),
 * backArrows: [{ pair, why }], problems: [string] }.
 */
export function analyse(files, imports, knownBackArrows = KNOWN_BACK_ARROWS) {
  const exists = (f) => files.includes(f);
  const edges = new Map();
  const problems = [];
  const pairs = new Map(); // "a.ts -> b.ts" → { typeOnly }
  for (const f of files) if (!layerOf(f)) problems.push(`${f} is in no layer: add its folder to LAYERS in scripts/deps.mjs (and to ${DOC})`);
  for (const imp of imports) {
    const target = resolve(imp.from, imp.spec, exists);
    if (target) {
      if (!exists(target)) { problems.push(`${imp.from} imports ${imp.spec}, which is not a source file`); continue; }
      const key = `${imp.from} -> ${target}`;
      pairs.set(key, { from: imp.from, to: target, typeOnly: (pairs.get(key)?.typeOnly ?? true) && imp.typeOnly });
    } else {
      const ext = EXTERNALS.find((e) => e.match.test(imp.spec));
      const from = layerOf(imp.from);
      if (ext && from) addEdge(edges, from.id, ext.id, imp.typeOnly, false);
    }
  }
  const backArrows = [];
  for (const [pair, { from, to, typeOnly }] of pairs) {
    const a = layerOf(from), b = layerOf(to);
    if (!a || !b || a.id === b.id) continue;
    let why;
    if (!a.root && b.rank < a.rank) why = `${a.label} is below ${b.label}`;
    else if (!a.root && b.rank === a.rank && !(a.view && b.view)) why = `${a.label} and ${b.label} are side by side`;
    else if (a.view && TYPES_ONLY_FROM_VIEWS.includes(b.id) && !typeOnly) why = `a view may import only types from ${b.label}`;
    addEdge(edges, a.id, b.id, typeOnly, !!why);
    if (why) backArrows.push({ pair, why });
  }
  const found = new Set(backArrows.map((b) => b.pair));
  for (const b of backArrows) {
    if (!knownBackArrows.includes(b.pair)) problems.push(`back-arrow ${b.pair}: ${b.why}. Import the other way, move the shared piece down (often to core/), or pass it in.`);
  }
  for (const pair of knownBackArrows) {
    if (!found.has(pair)) problems.push(`${pair} is fixed: delete it from KNOWN_BACK_ARROWS in scripts/deps.mjs`);
  }
  return { edges, backArrows, problems };
}

function addEdge(edges, from, to, typeOnly, back) {
  const key = `${from}->${to}`;
  const e = edges.get(key) ?? { from, to, typeOnly: true, back: false };
  e.typeOnly &&= typeOnly;
  e.back ||= back;
  edges.set(key, e);
}

/** The Mermaid block: one node per layer, one arrow per importing layer pair (dotted: types only; red: back-arrow). */
export function mermaid(edges) {
  const nodes = [...LAYERS, ...EXTERNALS];
  const order = (id) => nodes.findIndex((n) => n.id === id);
  const list = [...edges.values()].sort((x, y) => order(x.from) - order(y.from) || order(x.to) - order(y.to));
  const lines = ["```mermaid", "flowchart TD"];
  for (const n of nodes) lines.push(`  ${n.id}["${n.label}"]`);
  list.forEach((e) => lines.push(`  ${e.from} ${e.back ? "-->|back-arrow|" : e.typeOnly ? "-.->|types|" : "-->"} ${e.to}`));
  const back = list.flatMap((e, i) => (e.back ? [i] : []));
  if (back.length) lines.push(`  linkStyle ${back.join(",")} stroke:#c62828,stroke-width:2px`);
  lines.push("```");
  return lines.join("\n");
}

export function generate() {
  const files = sourceFiles();
  const imports = files.flatMap((f) => importsOf(f, fs.readFileSync(path.join(ROOT, f), "utf8")));
  return analyse(files, imports);
}

function main() {
  const check = process.argv.includes("--check");
  const { edges, backArrows, problems } = generate();
  const docPath = path.join(ROOT, DOC);
  const doc = fs.readFileSync(docPath, "utf8");
  const start = doc.indexOf(START), end = doc.indexOf(END);
  if (start < 0 || end < start) {
    console.error(`${DOC} has no ${START} … ${END} block`);
    process.exit(1);
  }
  const updated = `${doc.slice(0, start + START.length)}\n${mermaid(edges)}\n${doc.slice(end)}`;
  if (updated !== doc) {
    if (check) problems.push(`${DOC}: the layer graph is stale: run npm run deps`);
    else { fs.writeFileSync(docPath, updated); console.log(`${DOC}: layer graph updated`); }
  }
  const listed = backArrows.filter((b) => KNOWN_BACK_ARROWS.includes(b.pair)).length;
  console.log(`${edges.size} layer arrows; ${backArrows.length} back-arrows, ${listed} of them listed in KNOWN_BACK_ARROWS (scripts/deps.mjs)`);
  for (const p of problems) console.error(`deps: ${p}`);
  process.exit(problems.length ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
