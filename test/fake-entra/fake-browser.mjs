#!/usr/bin/env node
// Headless stand-in for a web browser in plain-Node tests of sign-in flows. Loopback URLs only.
//
//   fake-browser.mjs <url>          (what `open`/xdg-open runs when $BROWSER points here)
//   import { browse } from "./fake-browser.mjs"; await browse(url, { user, action, userCode, ca })
//
// It GETs the URL, follows redirects, and submits the first form of each page the way a person would:
//   - an auto-submitting form_post page: posts its hidden fields to the action (e.g. MSAL's loopback redirect URI);
//   - the fake Entra sign-in page: picks the user radio (`user`, else the checked one) and clicks
//     button[name=action][value=approve|cancel] (`action`, default approve);
//   - the device-code pages: types `userCode` into input[name=user_code], then approves or declines.
// It stops at the first page without a form. Environment (CLI mode): FAKE_BROWSER_USER, FAKE_BROWSER_ACTION,
// FAKE_BROWSER_CA (path of a CA to trust; NODE_EXTRA_CA_CERTS also works), FAKE_BROWSER_LOG (file to append a
// log to: methods, paths, statuses and field names, never values).
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import { fileURLToPath } from "node:url";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLoopbackUrl(url) {
  try {
    const u = new URL(url);
    return (u.protocol === "http:" || u.protocol === "https:") && LOOPBACK.has(u.hostname);
  } catch {
    return false;
  }
}

const decodeEntities = (s) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);/gi, (m, e) => {
    const k = e.toLowerCase();
    if (k === "amp") return "&";
    if (k === "lt") return "<";
    if (k === "gt") return ">";
    if (k === "quot") return '"';
    if (k === "apos" || k === "#39") return "'";
    if (k.startsWith("#x")) return String.fromCodePoint(parseInt(k.slice(2), 16));
    if (k.startsWith("#")) return String.fromCodePoint(parseInt(k.slice(1), 10));
    return m;
  });

function attributes(tagBody) {
  const attrs = {};
  for (const m of tagBody.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    attrs[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

/** The first form of a page: method, action and its controls. */
export function parseForm(html) {
  const m = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!m) return undefined;
  const formAttrs = attributes(m[1]);
  const controls = [];
  for (const c of m[2].matchAll(/<(input|button)\b([^>]*)>/gi)) {
    const a = attributes(c[2]);
    controls.push({ tag: c[1].toLowerCase(), type: (a.type ?? (c[1].toLowerCase() === "button" ? "submit" : "text")).toLowerCase(), name: a.name, value: a.value ?? "", checked: "checked" in a });
  }
  return { method: (formAttrs.method ?? "get").toUpperCase(), action: formAttrs.action ?? "", name: formAttrs.name, controls };
}

const ACTION_ALIASES = { approve: ["approve"], cancel: ["cancel", "decline"], decline: ["decline", "cancel"] };

/** The fields a person would submit: hidden fields, the chosen radio, typed text, the clicked button. */
export function fillForm(form, { user, action = "approve", userCode } = {}) {
  const fields = new URLSearchParams();
  const radios = new Map();
  for (const c of form.controls) {
    if (!c.name) continue;
    if (c.type === "hidden") fields.append(c.name, c.value);
    else if (c.type === "radio") radios.set(c.name, [...(radios.get(c.name) ?? []), c]);
    else if (c.type === "text" || c.type === "email") fields.append(c.name, c.name === "user_code" && userCode ? userCode : c.value);
  }
  for (const [name, options] of radios) {
    const chosen = options.find((o) => user && o.value.toLowerCase() === String(user).toLowerCase()) ?? options.find((o) => o.checked) ?? options[0];
    fields.append(name, chosen.value);
  }
  const buttons = form.controls.filter((c) => c.type === "submit" && c.name);
  if (buttons.length) {
    const wanted = ACTION_ALIASES[action] ?? [action];
    const button = buttons.find((b) => wanted.includes(b.value)) ?? buttons[buttons.length - 1];
    fields.append(button.name, button.value);
  }
  return fields;
}

function request(method, url, { body, ca } = {}) {
  if (!isLoopbackUrl(url)) return Promise.reject(new Error(`fake-browser: refusing non-loopback URL ${String(url).split("?")[0]}`));
  const u = new URL(url);
  const lib = u.protocol === "https:" ? https : http;
  const headers = { "user-agent": "fake-browser/1.0 (azure-token tests)", accept: "text/html,application/json;q=0.9,*/*;q=0.8" };
  if (body !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers["content-length"] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const req = lib.request(u, { method, headers, ...(ca ? { ca } : {}), agent: false }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error("fake-browser: request timed out")));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * Browses from `startUrl` until a page has no form (or maxSteps). Returns the last page and the steps taken.
 * Options: user, action ('approve' | 'cancel' | 'decline'), userCode, ca (PEM string or Buffer), log(line), maxSteps.
 */
export async function browse(startUrl, options = {}) {
  const { ca, log = () => {}, maxSteps = 12 } = options;
  const steps = [];
  let method = "GET";
  let url = String(startUrl);
  let body;
  for (let i = 0; i < maxSteps; i++) {
    const res = await request(method, url, { body, ca });
    const where = `${new URL(url).origin}${new URL(url).pathname}`;
    const fieldNames = body ? [...new URLSearchParams(body).keys()] : [];
    steps.push({ method, url: where, status: res.status, fields: fieldNames });
    log(`${method} ${where}${fieldNames.length ? ` (${fieldNames.join(",")})` : ""} -> ${res.status}`);
    if (res.status >= 300 && res.status < 400 && res.headers.location) {
      url = new URL(res.headers.location, url).href;
      method = "GET";
      body = undefined;
      continue;
    }
    const form = parseForm(res.body);
    const needsCode = form?.controls.some((c) => c.name === "user_code" && c.type === "text") && !options.userCode;
    if (!form || needsCode) return { status: res.status, url: where, body: res.body, steps };
    const fields = fillForm(form, options);
    const target = new URL(form.action || url, url).href;
    if (form.method === "GET") {
      const t = new URL(target);
      for (const [k, v] of fields) t.searchParams.append(k, v);
      url = t.href;
      method = "GET";
      body = undefined;
    } else {
      url = target;
      method = "POST";
      body = fields.toString();
    }
  }
  throw new Error(`fake-browser: gave up after ${maxSteps} steps`);
}

async function main() {
  const url = process.argv[2];
  const logFile = process.env.FAKE_BROWSER_LOG;
  const log = (line) => {
    if (logFile) fs.appendFileSync(logFile, `[${new Date().toISOString()}] [pid ${process.pid}] ${line}\n`);
  };
  if (!url) {
    process.stderr.write("usage: fake-browser.mjs <url>\n");
    process.exit(2);
  }
  try {
    const ca = process.env.FAKE_BROWSER_CA ? fs.readFileSync(process.env.FAKE_BROWSER_CA) : undefined;
    log(`open ${String(url).split("?")[0]}`);
    const last = await browse(url, { ca, log, user: process.env.FAKE_BROWSER_USER, action: process.env.FAKE_BROWSER_ACTION || "approve" });
    log(`final page ${last.status}: ${last.body.replace(/\s+/g, " ").slice(0, 160)}`);
  } catch (e) {
    log(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}

const invokedPath = process.argv[1] ? fs.realpathSync(process.argv[1]) : "";
if (invokedPath === fs.realpathSync(fileURLToPath(import.meta.url))) void main();
