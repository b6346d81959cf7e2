// Token for Task (azureToken.tokenForTask): which profile (its argument, or a pick), the token as a plain string, and
// every refusal before a sign-in: the setting (precheck), a hostile argument, an unknown profile, a cancelled pick.
import "./helpers/vscodeStub";
import { test } from "node:test";
import assert from "node:assert/strict";
import { tokenForTask } from "../../src/commands/tokenForTask";
import { isInvalidArgument } from "../../src/core/commandErrors";
import { parseProfileRef, type Profile } from "../../src/core/profiles";
import { TokenReleaseDeniedError } from "../../src/core/tokenRelease";
import { ProfileStore } from "../../src/tokens/profileStore";
import { quickPicks, shown } from "./helpers/vscodeStub";

const TOKEN = ["header", "payload", "signature"].join(".");

function memento(): { get: (k: string) => unknown; update: (k: string, v: unknown) => Promise<void>; keys: () => string[] } {
  const data = new Map<string, unknown>();
  return { get: (k) => data.get(k), update: async (k, v) => void data.set(k, v), keys: () => [...data.keys()] };
}

async function setup(names: string[] = ["ARM dev", "Graph"]) {
  const profiles = new ProfileStore(memento() as never, () => undefined);
  const saved: Profile[] = [];
  for (const name of names) {
    saved.push(await profiles.save({ credential: "azureCli", cloud: "AzurePublic", tenant: "contoso.onmicrosoft.com", scopes: ["https://management.azure.com/.default"] }, name));
  }
  const asked: string[] = [];
  let prechecked = 0;
  const deps = {
    profiles,
    precheck: () => void prechecked++,
    getToken: async (id: string) => {
      asked.push(id);
      return { token: TOKEN };
    },
  };
  quickPicks.shown.length = 0;
  quickPicks.answer = () => undefined;
  return { deps, saved, asked, prechecked: () => prechecked };
}

test("a profile named by name (any case), by id, or as { profile }: the token of that profile, as a plain string", async () => {
  const { deps, saved, asked } = await setup();
  assert.equal(await tokenForTask(deps, "arm DEV"), TOKEN);
  assert.equal(await tokenForTask(deps, saved[1].id), TOKEN);
  assert.equal(await tokenForTask(deps, { profile: " Graph " }), TOKEN);
  assert.deepEqual(asked, [saved[0].id, saved[1].id, saved[1].id]);
  assert.equal(quickPicks.shown.length, 0, "no pick when the argument names the profile");
});

test("no argument: the user picks the profile; a cancelled pick returns undefined and signs in nothing", async () => {
  const { deps, saved, asked } = await setup();
  quickPicks.answer = (items) => (items as { label: string }[]).find((i) => i.label === "Graph");
  assert.equal(await tokenForTask(deps), TOKEN);
  assert.deepEqual((quickPicks.shown[0] as { label: string }[]).map((i) => i.label).sort(), ["ARM dev", "Graph"]);
  assert.deepEqual(asked, [saved[1].id]);
  quickPicks.answer = () => undefined;
  assert.equal(await tokenForTask(deps, ""), undefined);
  assert.equal(await tokenForTask(deps, null), undefined);
  assert.deepEqual(asked, [saved[1].id], "nothing asked for after a cancel");
});

test("no saved profile: a message says how to save one, and the task gets undefined (VS Code then does not run it)", async () => {
  const { deps, asked } = await setup([]);
  shown.length = 0;
  assert.equal(await tokenForTask(deps), undefined);
  assert.match(shown.map((s) => s.text).join("\n"), /no saved profiles yet.*Save as Profile/);
  assert.equal(asked.length, 0);
});

test("a hostile or wrong argument is a clear InvalidArgumentError that never echoes the value; nothing is asked", async () => {
  const { deps, asked } = await setup();
  const cases: [unknown, RegExp][] = [
    [42, /name or id \(text\).*not number/],
    [["ARM dev"], /not a list/],
    [{ profile: 7 }, /'profile' must be/],
    [{ profile: "ARM dev", token: "s3cret-value" }, /Unknown argument 'token'/],
    ["Nope", /no saved profile named or with id 'Nope'/],
  ];
  for (const [arg, message] of cases) {
    await assert.rejects(tokenForTask(deps, arg), (e: Error) => {
      assert.ok(isInvalidArgument(e), `${JSON.stringify(arg)}: ${e.name}`);
      assert.match(e.message, message);
      assert.doesNotMatch(e.message, /s3cret-value/);
      return true;
    });
  }
  assert.equal(asked.length, 0);
  assert.equal(quickPicks.shown.length, 0);
});

test("a setting that refuses every caller refuses before the profile is asked for", async () => {
  const { deps, asked } = await setup();
  deps.precheck = () => { throw new TokenReleaseDeniedError("setting"); };
  await assert.rejects(tokenForTask(deps), { name: "TokenReleaseDeniedError" });
  assert.equal(quickPicks.shown.length, 0, "no pick under deny");
  assert.equal(asked.length, 0);
});

test("parseProfileRef: text, { profile }, nothing; anything else an error", () => {
  assert.deepEqual(parseProfileRef(undefined), {});
  assert.deepEqual(parseProfileRef("  "), {});
  assert.deepEqual(parseProfileRef({}), {});
  assert.deepEqual(parseProfileRef({ profile: null }), {});
  assert.deepEqual(parseProfileRef(" x "), { profile: "x" });
  assert.deepEqual(parseProfileRef({ profile: "x" }), { profile: "x" });
  assert.ok("error" in parseProfileRef(true));
  assert.ok("error" in parseProfileRef(Object.create(null, { profile: { value: 1, enumerable: true } })));
});
