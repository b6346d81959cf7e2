// Network guard for every test process: code under test may talk to loopback only.
// Loaded with `node --require` (NODE_OPTIONS), so child processes inherit it. Any socket to a non-loopback
// host is refused on the spot and recorded in $AZURE_TOKEN_NET_GUARD_LOG; the test runner fails the run when
// that file is not empty (a refused connection inside a library might otherwise be swallowed as an error).
'use strict';
const net = require('node:net');
const fs = require('node:fs');

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '::ffff:127.0.0.1', '0.0.0.0']);
function isLoopback(host) {
  if (host === undefined || host === null || host === '') return true; // Node defaults to localhost
  const h = String(host).toLowerCase();
  return LOOPBACK_NAMES.has(h) || /^127\.\d+\.\d+\.\d+$/.test(h) || h.endsWith('.localhost');
}

function targetOf(args) {
  const [first, second] = args;
  if (Array.isArray(first)) return targetOf(first); // internal normalized-args form
  if (first && typeof first === 'object') {
    if (first.path) return { ipc: true };
    return { host: first.host ?? first.hostname, port: first.port };
  }
  if (typeof first === 'string' && isNaN(Number(first))) return { ipc: true }; // unix socket path
  return { host: typeof second === 'string' ? second : undefined, port: first };
}

function record(host, port) {
  const line = `${new Date().toISOString()} pid ${process.pid} blocked connection to ${host}:${port} (${process.argv.slice(1, 3).join(' ')})\n`;
  const file = process.env.AZURE_TOKEN_NET_GUARD_LOG;
  if (file) { try { fs.appendFileSync(file, line); } catch { /* the error below still fails the caller */ } }
  process.stderr.write(`[network-guard] ${line}`);
}

if (!net.Socket.prototype.__azureTokenGuarded) {
  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const target = targetOf(args);
    if (!target.ipc && !isLoopback(target.host)) {
      record(target.host, target.port);
      const err = Object.assign(new Error(`network guard: connection to ${target.host}:${target.port} refused (tests may reach loopback only)`), { code: 'ECONNREFUSED' });
      process.nextTick(() => this.destroy(err));
      return this;
    }
    return originalConnect.apply(this, args);
  };
  Object.defineProperty(net.Socket.prototype, '__azureTokenGuarded', { value: true });
}

module.exports = { isLoopback };
