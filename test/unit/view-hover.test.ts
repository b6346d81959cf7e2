import { test } from "node:test";
import assert from "node:assert/strict";
import { escapeMarkdown, hoverLines } from "../../src/editor/jwtHoverText";
import { makeJwe, makeJwt, NOW_MS, NOW_SEC } from "./helpers/makeJwt";

test("the hover shows aud (named), iss, relative expiry, scp and roles, never the raw token", () => {
  const token = makeJwt({ aud: "https://management.azure.com", iss: "https://sts.windows.net/t/", exp: NOW_SEC + 42 * 60, scp: "user_impersonation", roles: ["Reader", "Writer"] });
  const lines = hoverLines(token, NOW_MS)!;
  const text = lines.join("\n");
  assert.match(text, /aud: https\\:\/\/management\\\.azure\\\.com \(Azure Resource Manager\)/);
  assert.match(text, /exp: expires in 42 min/);
  assert.match(text, /scp: user\\_impersonation/);
  assert.match(text, /roles: Reader, Writer/);
  assert.ok(!text.includes(token.split(".")[1]), "no token part in the hover");
});

test("claim values cannot inject markdown links, HTML or command URIs", () => {
  const token = makeJwt({ aud: "[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>", exp: NOW_SEC - 10 });
  const text = hoverLines(token, NOW_MS)!.join("\n");
  assert.ok(!/(^|[^\\])\[click/.test(text) && !/(^|[^\\])<img/.test(text), text);
  assert.match(text, /expired 10 s ago/);
  assert.equal(escapeMarkdown("a\nb"), "a b");
  assert.ok(escapeMarkdown("x".repeat(500)).length < 140);
});

test("Graph nonce tokens are flagged; JWEs say encrypted; junk gives no hover", () => {
  assert.match(hoverLines(makeJwt({ aud: "x" }, { alg: "RS256", nonce: "n" }), NOW_MS)!.join(" "), /nonce/);
  assert.match(hoverLines(makeJwe(), NOW_MS)![0], /Encrypted/);
  assert.equal(hoverLines("eyJhbGciOi.not.json", NOW_MS), undefined);
});

test("hostile claims: invisible characters as escapes with a warning line; objects and deep arrays where strings belong", () => {
  const token = makeJwt({ aud: "api://trusted\u202Egpj.exe", iss: ["https://x\u200B"], scp: { toString: 1 }, roles: [{ toString: 1 }, "Reader"], exp: 1e308 });
  const text = hoverLines(token, NOW_MS)!.join("\n");
  assert.ok(!/[\u202E\u200B]/.test(text));
  assert.match(text, /aud: api\\:\/\/trusted\\\\u202Egpj\\\.exe/);
  assert.match(text, /iss: https\\:\/\/x\\\\u200B/);
  assert.match(text, /roles: Reader/);
  assert.match(text, /shown as \\u escapes/);
  assert.doesNotMatch(text, /scp:|exp:/);
  const b = (s: string) => Buffer.from(s).toString("base64url");
  const deep = [b('{"alg":"RS256"}'), b(`{"aud":${"[".repeat(5000)}${"]".repeat(5000)},"acct":{"toString":1}}`), b("s")].join(".");
  assert.deepEqual(hoverLines(deep, NOW_MS), ["**JWT** (decoded, not verified)"]);
});
