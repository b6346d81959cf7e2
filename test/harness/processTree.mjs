// Stops a process and every descendant it left behind (code-server's file watcher outlives its parent).
import fs from "node:fs";

function children() {
  const byParent = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!byParent.has(ppid)) byParent.set(ppid, []);
      byParent.get(ppid).push(Number(entry));
    } catch { /* the process ended while we looked */ }
  }
  return byParent;
}

export function descendants(pid) {
  const byParent = children();
  const out = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift();
    for (const c of byParent.get(p) ?? []) { out.push(c); queue.push(c); }
  }
  return out;
}

const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };

/** SIGTERM the tree (recorded before the kill), wait, then SIGKILL whatever remains. */
export async function killTree(pid, { graceMs = 5000 } = {}) {
  const all = [pid, ...descendants(pid)];
  for (const p of all) { try { process.kill(p, "SIGTERM"); } catch { /* gone */ } }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && all.some(alive)) await new Promise((r) => setTimeout(r, 100));
  for (const p of all) if (alive(p)) { try { process.kill(p, "SIGKILL"); } catch { /* gone */ } }
}
