// The extension icon: media/icon.svg is the source, media/icon.png (committed, the manifest's `icon`) its render by
// scripts/make-icon.mjs. A PNG that no longer matches the SVG, or the wrong size for the Marketplace, fails here.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { decodePng, readPngHeader } from "./helpers/png";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const svg = fs.readFileSync(path.join(root, "media/icon.svg"), "utf8");
const svgSize = (name: string) => Number(new RegExp(`<svg\\b[^>]*\\s${name}="(\\d+)"`).exec(svg)?.[1]);
const committed = () => fs.readFileSync(path.join(root, "media/icon.png"));

test("the manifest's icon is the PNG rendered from media/icon.svg", () => {
  assert.equal(manifest.icon, "media/icon.png");
  assert.match(svg, /^<svg\b[^>]*\sviewBox="0 0 256 256"/);
});

test("media/icon.png is an RGBA PNG of the SVG's declared size, at least the Marketplace's 128×128", () => {
  const header = readPngHeader(committed());
  assert.deepEqual({ width: header.width, height: header.height }, { width: svgSize("width"), height: svgSize("height") });
  assert.equal(header.width, 256);
  assert.equal(header.height, 256);
  assert.equal(header.colorType, 6, "RGBA: the rounded corners are transparent");
});

test("media/icon.png is what the icon looks like: transparent corners, an Azure-blue tile, a white key across the middle", () => {
  const { rgba, width } = decodePng(committed());
  const at = (x: number, y: number) => [...rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)];
  assert.equal(at(0, 0)[3], 0, "the top-left corner is outside the rounded tile");
  assert.equal(at(255, 255)[3], 0, "the bottom-right corner is outside the rounded tile");
  const [r, g, b, a] = at(128, 16);
  assert.ok(a === 255 && b > 180 && b > r + 80 && g > r, `the tile is Azure blue, got rgba(${r},${g},${b},${a})`);
  assert.deepEqual(at(128, 128), [255, 255, 255, 255], "the key's shaft crosses the centre");
});

test("media/icon.png matches a fresh render of media/icon.svg (run `npm run icon` after editing the SVG)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "azt-icon-"));
  try {
    const fresh = path.join(dir, "icon.png");
    const run = spawnSync(process.execPath, [path.join(root, "scripts/make-icon.mjs"), "--out", fresh], { cwd: root, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /256×256 from media\/icon\.svg/);
    const expected = decodePng(fs.readFileSync(fresh));
    const actual = decodePng(committed());
    assert.deepEqual([actual.width, actual.height], [expected.width, expected.height]);
    // Compared premultiplied, with a little room for another CPU's rounding: a changed drawing moves far more.
    let worst = 0, where = -1;
    for (let i = 0; i < actual.rgba.length; i += 4) {
      for (let c = 0; c < 4; c++) {
        const premultiplied = (p: Buffer) => (c === 3 ? p[i + 3] : (p[i + c] * p[i + 3]) / 255);
        const d = Math.abs(premultiplied(actual.rgba) - premultiplied(expected.rgba));
        if (d > worst) { worst = d; where = i / 4; }
      }
    }
    assert.ok(worst <= 3, `media/icon.png differs from the SVG's render by ${worst.toFixed(0)} at (${where % 256}, ${Math.floor(where / 256)}): run npm run icon`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
