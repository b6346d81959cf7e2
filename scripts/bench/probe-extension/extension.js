// The bench's probe inside the extension host (scripts/bench/extensionHost.mjs). It activates first ("*"), before
// onStartupFinished would activate Azure Token and the empty extension, and activates both itself, timed, in an order
// that alternates from one window to the next. Its commands start a panel (recording when) and measure heap growth.
// It reads its inputs from and writes its results to $AZURE_TOKEN_BENCH_DIR; it never writes or logs a token.
"use strict";
const fs = require("fs");
const path = require("path");
const v8 = require("v8");
const vm = require("vm");
const vscode = require("vscode");

const AZURE_TOKEN = "azure-token-dev.azure-token";
const EMPTY = "azure-token-bench.bench-empty";
const dir = process.env.AZURE_TOKEN_BENCH_DIR;
const write = (name, value) => fs.writeFileSync(path.join(dir, name), JSON.stringify(value));
const read = (name) => fs.readFileSync(path.join(dir, name), "utf8");

async function activationMs(id) {
  const extension = vscode.extensions.getExtension(id);
  if (!extension) throw new Error(`${id} is not installed`);
  if (extension.isActive) return null; // activated before the probe could time it: this window does not count
  const start = performance.now();
  await extension.activate();
  return performance.now() - start;
}

/**
 * Waits until the extension host is idle: right after it starts it is busy loading (a first activation there took
 * 1 s, for the empty extension as much as for Azure Token). onStartupFinished waits for this activate() to resolve
 * (up to 10 s), so neither extension is activated behind the probe's back meanwhile.
 */
async function settled() {
  const deadline = Date.now() + 7000;
  for (let calm = 0; calm < 10 && Date.now() < deadline;) {
    const start = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    calm = performance.now() - start < 30 ? calm + 1 : 0;
  }
}

async function measureActivation() {
  await settled();
  const window = fs.readdirSync(dir).filter((f) => f.startsWith("activation-")).length;
  const order = window % 2 === 0 ? [AZURE_TOKEN, EMPTY] : [EMPTY, AZURE_TOKEN];
  const ms = {};
  for (const id of order) ms[id] = await activationMs(id);
  write(`activation-${Date.now()}-${process.pid}.json`, { first: order[0], azureToken: ms[AZURE_TOKEN], empty: ms[EMPTY] });
}

const run = (command, ...args) => vscode.commands.executeCommand(command, ...args);

/** Heap in use after full collections (the flag is set at run time: the host was not started with --expose-gc). */
async function heapAfterGc() {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc");
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return process.memoryUsage().heapUsed;
}

async function ourRound(request, token) {
  for (let i = 0; i < 50; i++) await run("azureToken.getToken", request);
  for (let i = 0; i < 50; i++) await run("azureToken.decodeJwt", token);
  for (let i = 0; i < 50; i++) {
    await run("azureToken.showToken");
    await run("workbench.action.closeAllEditors");
  }
}

async function emptyRound() {
  for (let i = 0; i < 150; i++) {
    await run("azureTokenBenchEmpty.openPanel");
    await run("workbench.action.closeAllEditors");
  }
}

async function measureMemory() {
  try {
    const request = JSON.parse(read("request.json"));
    const token = read("token.txt");
    const h0 = await heapAfterGc();
    await ourRound(request, token);
    const h1 = await heapAfterGc();
    await ourRound(request, token);
    const h2 = await heapAfterGc();
    await emptyRound();
    const h3 = await heapAfterGc();
    write("memory.json", { firstRound: h1 - h0, secondRound: h2 - h1, emptyRound: h3 - h2 });
  } catch (e) {
    write("memory.json", { error: String(e && e.message) });
  }
}

function startPanel(command, ...args) {
  write("panel-start.json", { at: Date.now() });
  return run(command, ...args);
}

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("azureTokenBench.decode", () => startPanel("azureToken.decodeJwt", read("token.txt"))),
    vscode.commands.registerCommand("azureTokenBench.emptyPanel", () => startPanel("azureTokenBenchEmpty.openPanel")),
    vscode.commands.registerCommand("azureTokenBench.closeEditors", () => run("workbench.action.closeAllEditors")),
    vscode.commands.registerCommand("azureTokenBench.memory", () => measureMemory()),
  );
  return measureActivation().catch((e) => write(`activation-${Date.now()}-${process.pid}.json`, { error: String(e && e.message) }));
}

module.exports = { activate, deactivate() {} };
