// The packaged .vsix (run `npm run package` first) ships only what a user needs: built bundles, media, README,
// CHANGELOG, LICENSE, package.json. No sources, tests, source maps, certificates or keys. Its manifest is complete for
// the Marketplace (icon, links, banner, publisher, license, categories, keywords), vsce has nothing to warn about,
// and packaging a fresh copy of the checkout again gives the same files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ARTIFACTS_DIR, NODE24_DIR, PROJECT_DIR, TOOLS_DIR } from "../harness/paths.mjs";

const vsix = path.join(ARTIFACTS_DIR, "azure-token.vsix");
const ZIP = "import sys,zipfile,base64\nz=zipfile.ZipFile(sys.argv[1])\n" +
  "print('\\n'.join(z.namelist()) if len(sys.argv)<3 else base64.b64encode(z.read(sys.argv[2])).decode())";
/** Every name in the zip, or the bytes of one entry. */
const zipNames = (file) => execFileSync("python3", ["-c", ZIP, file], { encoding: "utf8" }).trim().split("\n");
const zipRead = (file, name) => Buffer.from(execFileSync("python3", ["-c", ZIP, file, name], { encoding: "utf8", maxBuffer: 32 * 1024 * 1024 }).trim(), "base64");
const extensionFiles = (names) => names.filter((e) => e.startsWith("extension/")).map((e) => e.slice("extension/".length));

const entries = extensionFiles(zipNames(vsix));
const manifest = JSON.parse(zipRead(vsix, "extension/package.json").toString("utf8"));

/** Width and height from a PNG's IHDR chunk; fails when the bytes are not a PNG. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
  assert.equal(bytes.toString("latin1", 12, 16), "IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
/** The size media/icon.svg declares: the icon's source, rendered at that size by scripts/make-icon.mjs. */
function declaredIconSize() {
  const svg = fs.readFileSync(path.join(PROJECT_DIR, "media/icon.svg"), "utf8");
  const attr = (name) => Number(new RegExp(`<svg\\b[^>]*\\s${name}="(\\d+)"`).exec(svg)?.[1]);
  return { width: attr("width"), height: attr("height") };
}

test("the vsix contains only built bundles, media and the documents", () => {
  const allowed = [/^dist\/extension\.js$/, /^dist\/features\.js$/, /^dist\/auth\.js$/, /^dist\/verify\.js$/, /^dist\/webview\/[\w.-]+\.(js|css|ttf)$/, /^media\/(walkthrough\/)?[\w.-]+$/,
    /^(readme|changelog|license)(\.md|\.txt)?$/i, /^package\.json$/];
  const unexpected = entries.filter((e) => !allowed.some((r) => r.test(e)));
  assert.deepEqual(unexpected, [], `unexpected files in the vsix: ${unexpected.join(", ")}`);
});

test("the vsix has the extension, its lazily loaded auth and verify bundles, the webview and the icon", () => {
  const required = [/^dist\/extension\.js$/, /^dist\/features\.js$/, /^dist\/auth\.js$/, /^dist\/verify\.js$/, /^dist\/webview\/main\.js$/, /^dist\/webview\/main\.css$/,
    /^media\/icon\.png$/, /^package\.json$/, /^readme\.md$/i, /^changelog\.md$/i, /^license(\.txt)?$/i];
  for (const r of required) assert.ok(entries.some((e) => r.test(e)), `${r} matches nothing in the vsix`);
});

test("no sources, tests, maps, certificates or keys ship", () => {
  const forbidden = entries.filter((e) => /\.(ts|map|pem|key|crt|tap|log)$|^(src|test|out|scripts|node_modules|\.tools|\.run)\//.test(e));
  assert.deepEqual(forbidden, []);
});

test("activation loads neither @azure/identity nor jose: they sit in the bundles loaded when first needed", () => {
  const read = (entry) => zipRead(vsix, `extension/${entry}`).toString("utf8");
  const [extension, auth, verify] = ["dist/extension.js", "dist/auth.js", "dist/verify.js"].map(read);
  const jose = "JWSSignatureVerificationFailed"; // a jose error class name
  const msal = "msal-node"; // @azure/identity's MSAL
  assert.ok(verify.includes(jose) && !extension.includes(jose), "jose is in dist/verify.js only");
  assert.ok(auth.includes(msal) && !extension.includes(msal), "@azure/identity is in dist/auth.js only");
  assert.ok(!auth.includes(jose) && !verify.includes(msal), "neither lazy bundle carries the other");
});

test("activation loads only its wiring (≤ 60 KB): the catalogues, the view, the log and every command's code are in dist/features.js", () => {
  const read = (entry) => zipRead(vsix, `extension/${entry}`).toString("utf8");
  const [extension, features] = ["dist/extension.js", "dist/features.js"].map(read);
  assert.ok(Buffer.byteLength(extension) <= 60 * 1024, `dist/extension.js is ${(Buffer.byteLength(extension) / 1024).toFixed(1)} KB; activation loads it at every window start`);
  const lazy = {
    "the claims catalogue": "The API this token is for", // core/claimCatalogue.ts
    "the AADSTS catalogue": "Resource not found or disabled", // core/aadsts.ts
    "the resource catalogue": "Microsoft Graph", // core/resourceCatalogue.ts
    "the token view": "Content-Security-Policy", // webview/html.ts
    "Get Azure Token's prompts": "How do you want to sign in", // commands/getToken.ts
    "the redactor": "[REDACTED JWT]", // core/redact.ts
    "the log and its output channel": "createOutputChannel", // ui/log.ts
    "the command wrapper": "Task or launch not started", // ui/commandRunner.ts
  };
  for (const [what, marker] of Object.entries(lazy)) {
    assert.ok(features.includes(marker), `${what} is in dist/features.js (marker ${JSON.stringify(marker)})`);
    assert.ok(!extension.includes(marker), `${what} is not in dist/extension.js`);
  }
  assert.ok(extension.includes("features.js") && extension.includes("azureToken.decodeJwt"), "activation registers the commands and loads dist/features.js on first use");
});

test("the icon the manifest names is in the vsix: a PNG of the size media/icon.svg declares, at least 128×128", () => {
  assert.equal(manifest.icon, "media/icon.png");
  assert.ok(entries.includes(manifest.icon), `${manifest.icon} is not in the vsix`);
  const size = pngSize(zipRead(vsix, `extension/${manifest.icon}`));
  assert.deepEqual(size, declaredIconSize());
  assert.ok(size.width >= 128 && size.width === size.height, `the Marketplace wants a square icon of at least 128×128, got ${size.width}×${size.height}`);
  assert.match(zipRead(vsix, "extension.vsixmanifest").toString("utf8"), /<Icon>extension\/media\/icon\.png<\/Icon>/);
});

test("the packaged manifest is complete for the Marketplace", () => {
  assert.equal(manifest.publisher, "azure-token-dev");
  assert.equal(manifest.license, "MIT");
  assert.equal(manifest.private, undefined, "a private package cannot be published");
  assert.deepEqual(manifest.repository, { type: "git", url: "https://github.com/azure-token-dev/azure-token.git" });
  assert.equal(manifest.bugs?.url, "https://github.com/azure-token-dev/azure-token/issues");
  assert.equal(manifest.homepage, "https://github.com/azure-token-dev/azure-token#readme");
  assert.match(manifest.galleryBanner?.color ?? "", /^#[0-9A-Fa-f]{6}$/);
  assert.ok(["dark", "light"].includes(manifest.galleryBanner?.theme), `galleryBanner.theme: ${manifest.galleryBanner?.theme}`);
  // The categories VS Code's extension manifest schema allows (extensions.ts, EXTENSION_CATEGORIES, VS Code 1.139).
  const categories = ["AI", "Azure", "Chat", "Data Science", "Debuggers", "Extension Packs", "Education", "Formatters", "Keymaps",
    "Language Packs", "Linters", "Machine Learning", "Notebooks", "Programming Languages", "SCM Providers", "Snippets", "Testing",
    "Themes", "Visualization", "Other"];
  assert.ok(manifest.categories.length > 0 && manifest.categories.includes("Azure"));
  for (const c of manifest.categories) assert.ok(categories.includes(c), `not a Marketplace category: ${c}`);
  const keywords = manifest.keywords;
  assert.ok(Array.isArray(keywords) && keywords.length > 0 && keywords.length <= 30, `1–30 keywords (the Marketplace's limit), got ${keywords?.length}`);
  assert.equal(new Set(keywords.map((k) => k.toLowerCase())).size, keywords.length, "keywords repeat");
  assert.deepEqual(manifest.capabilities?.virtualWorkspaces, true);
  assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, "limited");
});

// `vsce ls` warns about the file list (too many files, no .vscodeignore); a warning about the manifest (no repository,
// no license…) fails `npm run package` itself, which the fresh-copy test below runs.
test("vsce has nothing to warn about, and would package exactly the files in the vsix", () => {
  const ls = spawnSync(path.join(NODE24_DIR, "bin/node"), [path.join(PROJECT_DIR, "node_modules/@vscode/vsce/vsce"), "ls", "--no-dependencies"],
    { cwd: PROJECT_DIR, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", timeout: 60_000 });
  assert.equal(ls.status, 0, ls.stderr);
  assert.doesNotMatch(`${ls.stdout}${ls.stderr}`, /WARNING|\[y\/N\]/);
  // vsce renames the documents in the package: README.md → readme.md, LICENSE → LICENSE.txt.
  const asPackaged = (f) => (/^license$/i.test(f) ? "license.txt" : f.toLowerCase());
  assert.deepEqual(ls.stdout.trim().split("\n").map(asPackaged).sort(), entries.map(asPackaged).sort());
});

test("packaging a fresh copy of the checkout again gives the same files, and renders the icon it lacks", { timeout: 240_000 }, () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "azt-pkg-"));
  try {
    // What a clone has: no build output, no artifacts, no tools; the icon PNG removed too, so that the package script
    // must render it. node_modules is shared (a symlink, which vsce treats as a file and .vscodeignore excludes).
    const skip = new Set(["node_modules", "dist", "out", "artifacts", ".tools", ".run", ".git", "media/icon.png", "test/fake-entra/certs"]);
    fs.cpSync(PROJECT_DIR, copy, { recursive: true, filter: (src) => !skip.has(path.relative(PROJECT_DIR, src)) });
    fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(copy, "node_modules"));
    assert.ok(!fs.existsSync(path.join(copy, "media/icon.png")));
    const run = spawnSync(process.execPath, ["scripts/package.mjs"], {
      cwd: copy, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", timeout: 180_000, env: { ...process.env, AZURE_TOKEN_TOOLS_DIR: TOOLS_DIR },
    });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
    assert.match(run.stdout, /media\/icon\.png: \d+×\d+ from media\/icon\.svg/);
    const again = path.join(copy, "artifacts/azure-token.vsix");
    assert.deepEqual(zipNames(again).sort(), zipNames(vsix).sort());
    assert.deepEqual(pngSize(zipRead(again, "extension/media/icon.png")), declaredIconSize());
    assert.deepEqual(zipRead(again, "extension/package.json"), zipRead(vsix, "extension/package.json"));
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});

test("every image the walkthrough shows ships", () => {
  const source = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8"));
  const images = (source.contributes.walkthroughs ?? []).flatMap((w) => w.steps).map((s) => s.media?.image).filter(Boolean)
    .flatMap((image) => (typeof image === "string" ? [image] : Object.values(image)));
  assert.ok(images.length > 0, "the walkthrough has images");
  const missing = images.filter((image) => !entries.includes(image));
  assert.deepEqual(missing, [], `walkthrough images missing from the vsix: ${missing.join(", ")}`);
});
