#!/usr/bin/env bash
# The README's quick start the way a new user runs it: a fresh clone of HEAD at a deep path (over 100
# characters), inside a real terminal (a pseudo-terminal made by `script`), twice in a row.
#   usage: scripts/check-quickstart.sh [test|demo|package|all]   (default: all)
# test:    `npm ci && npm test` exits 0, twice (the second run reuses what the first installed).
# package: `npm run package` makes a fresh .vsix and asks nothing.
# demo:    `npm ci && npm run demo` prints a URL that answers; Ctrl-C leaves no process and no temp folder behind.
# Only committed work is checked (it clones HEAD). Tools are shared through AZURE_TOKEN_TOOLS_DIR
# (default /tmp/azure-token-tools), so a re-check costs minutes, not a code-server build.
# Prints one PASS/FAIL line per check; exits 1 on any FAIL. Transcripts stay in the deep folder's parent.
set -u
what=${1:-all}
src=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel) || exit 2
base=$(mktemp -d "${TMPDIR:-/tmp}/azt-quickstart-XXXXXX")
deep=$base/home/a.newcomer/projects/clients/contoso-platform-team/tooling/vscode-extensions/azure-token
mkdir -p "$(dirname "$deep")"
git clone -q "$src" "$deep" || { echo "FAIL clone of $src"; exit 1; }
export AZURE_TOKEN_TOOLS_DIR=${AZURE_TOKEN_TOOLS_DIR:-/tmp/azure-token-tools}
cd "$deep" || exit 1
echo "checkout: ${#deep} characters deep ($deep); tools: $AZURE_TOKEN_TOOLS_DIR; transcripts: $base"

fails=0
in_terminal() { script -qefc "$1" "$2" >/dev/null 2>&1 </dev/null; }   # $1 with a pty on stdin/stdout; transcript $2
verdict() { if [[ $1 == 0 ]]; then echo "PASS $2"; else echo "FAIL $2 (transcript: $3)"; fails=$((fails + 1)); fi; }
temp_dirs() { find "${TMPDIR:-/tmp}" -maxdepth 1 -name "azt-$1-*" -newer "$base" 2>/dev/null; }   # run state left by a run

if [[ $what == all || $what == test ]]; then
  for n in 1 2; do
    SECONDS=0; in_terminal "npm ci && npm test" "$base/test-$n.log"; rc=$?
    summary=$(grep -a -E '^total: [0-9]+ passed, [0-9]+ failed' "$base/test-$n.log" | tail -1 | tr -d '\r')
    verdict $rc "npm ci && npm test, run $n, in a terminal: ${SECONDS} s; ${summary:-no summary line}" "$base/test-$n.log"
  done
fi

if [[ $what == all || $what == package ]]; then
  find artifacts -name '*.vsix' -delete 2>/dev/null
  in_terminal "{ [ -d node_modules ] || npm ci; } && npm run package" "$base/package.log"; rc=$?
  asked=$(grep -a -c -i 'continue? \[y/N\]' "$base/package.log")
  [[ $rc == 0 && -f artifacts/azure-token.vsix && $asked == 0 ]]
  verdict $? "npm run package in a terminal: $( [[ -f artifacts/azure-token.vsix ]] && echo "a fresh .vsix" || echo "no .vsix"); questions asked: $asked" "$base/package.log"
fi

if [[ $what == all || $what == demo ]]; then
  log=$base/demo.log
  # setsid: the demo gets a process group of its own, so a Ctrl-C (SIGINT to that group) reaches it as in a terminal.
  setsid script -qefc "npm ci && npm run demo" "$log" >/dev/null 2>&1 </dev/null & sp=$!
  url=""
  for _ in $(seq 600); do
    url=$(grep -a -o 'http://127\.0\.0\.1:[0-9]*/[^ ]*' "$log" 2>/dev/null | head -1 | tr -d '\r')
    [[ -n $url ]] && break; kill -0 $sp 2>/dev/null || break; sleep 1
  done
  ok=1; [[ -n $url ]] && curl -s -o /dev/null -m 10 "$url" && ok=0
  verdict $ok "npm ci && npm run demo in a terminal printed a URL that answers: ${url:-none}" "$log"
  # Ctrl-C: the terminal sends SIGINT to its foreground process group (everything under `script`).
  kill -INT -- -"$(ps -o pgid= -p "$(pgrep -P $sp | head -1)" | tr -d ' ')" 2>/dev/null
  for _ in $(seq 30); do pgrep -f -- "$deep" >/dev/null || break; sleep 1; done
  kill $sp 2>/dev/null; wait $sp 2>/dev/null
  left=$(pgrep -a -f -- "$deep" | head -3); tmp=$(temp_dirs demo)
  [[ -z $left && -z $tmp ]]
  verdict $? "Ctrl-C on the demo left no process${left:+ (left: $left)} and no temp folder${tmp:+ (left: $tmp)}" "$log"
fi
exit $((fails > 0))
