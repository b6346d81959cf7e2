// The "Get started with Azure Token" walkthrough (package.json contributes.walkthroughs): every button and completion
// event names a command the extension registers, and every step image is a committed PNG of a size that reads well
// beside the steps. (test/e2e/walkthrough.e2e.mjs opens it in the real workbench and takes those images.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CommandId } from "../../src/commands/commandIds";

interface Step { id: string; title: string; description: string; media: { image: string; altText: string }; completionEvents: string[] }
const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
const walkthroughs = manifest.contributes.walkthroughs as { id: string; title: string; steps: Step[] }[];
const commands = new Set<string>(Object.values(CommandId));

test("one walkthrough, with the four first-run steps", () => {
  assert.equal(walkthroughs.length, 1);
  assert.equal(walkthroughs[0].title, "Get started with Azure Token");
  assert.deepEqual(walkthroughs[0].steps.map((s) => s.id), ["getToken", "decodeJwt", "statusBar", "saveProfile"]);
});

test("every step has a button and a completion event naming a registered command", () => {
  for (const step of walkthroughs[0].steps) {
    const links = [...step.description.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]);
    assert.ok(links.length > 0, `'${step.title}' has a [button](command:…)`);
    for (const id of links) assert.ok(commands.has(id), `'${step.title}': ${id} is registered`);
    assert.ok(step.completionEvents.length > 0, `'${step.title}' ticks off by itself`);
    for (const event of step.completionEvents) {
      const id = /^onCommand:(.+)$/.exec(event)?.[1];
      assert.ok(id && commands.has(id), `'${step.title}': ${event} names a registered command`);
    }
  }
});

test("every step image is a committed PNG, 400 to 1000 px wide and under 150 KB, with alt text", () => {
  for (const step of walkthroughs[0].steps) {
    assert.match(step.media.image, /^media\/walkthrough\/[\w-]+\.png$/);
    assert.ok(step.media.altText.length > 20, `'${step.title}' describes its image`);
    const png = readFileSync(new URL(`../../${step.media.image}`, import.meta.url));
    assert.equal(png.subarray(1, 4).toString("latin1"), "PNG", `${step.media.image} is a PNG`);
    const width = png.readUInt32BE(16);
    assert.ok(width >= 400 && width <= 1000, `${step.media.image} is ${width} px wide`);
    assert.ok(png.length < 150_000, `${step.media.image} is ${png.length} bytes`);
  }
});
