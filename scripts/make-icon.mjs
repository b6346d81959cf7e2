// `npm run icon`: renders media/icon.svg (the source) to media/icon.png, the manifest's `icon` (the Marketplace and
// vsce take a PNG, never an SVG, of at least 128×128). The PNG has the SVG's own size (its width and height, 256×256).
// The renderer is resvg (@resvg/resvg-js, an exact-pinned devDependency whose native binary npm installs as an optional
// dependency): no system library, the same pixels on every machine with the same version.
// media/icon.png is committed: test/unit/icon.test.ts fails when it no longer matches a fresh render of the SVG, and
// `npm run package` runs this script when the PNG is missing.
// Usage: node scripts/make-icon.mjs [--out FILE]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "media/icon.svg");
const outArg = process.argv.indexOf("--out");
const out = outArg > 0 ? path.resolve(process.argv[outArg + 1] ?? "") : path.join(root, "media/icon.png");
const fail = (message) => { console.error(`make-icon: ${message}`); process.exit(1); };

const svg = fs.readFileSync(source, "utf8");
const svgTag = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
const size = (name) => Number(new RegExp(`\\s${name}="(\\d+)"`).exec(svgTag)?.[1]);
const [width, height] = [size("width"), size("height")];
if (!(width >= 128 && width === height)) fail(`media/icon.svg must declare a square width and height of at least 128 (has ${width}×${height})`);

let Resvg;
try {
  ({ Resvg } = await import("@resvg/resvg-js"));
} catch (e) {
  fail(`@resvg/resvg-js cannot be loaded (${e?.message ?? e}). It is a devDependency whose native binary comes as an optional ` +
    "dependency for this platform: run `npm ci` (without --omit=optional).");
}
// No fonts: the icon has no text, and loading the system's fonts would only cost time.
const rendered = new Resvg(svg, { fitTo: { mode: "original" }, font: { loadSystemFonts: false } }).render();
if (rendered.width !== width || rendered.height !== height) fail(`rendered ${rendered.width}×${rendered.height}, expected ${width}×${height}`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, rendered.asPng());
console.log(`${path.relative(root, out)}: ${width}×${height} from media/icon.svg`);
