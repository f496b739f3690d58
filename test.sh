#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine with the .NET SDK.
# Installs what the tests need: redis-server (apt), the Codex CLI and Azurite (npm, into .tools/).
# Ends with the line "N passed, N failed, N skipped", summed from the TRX files; a test project
# that leaves no TRX file, or whose run aborted, counts as a failure.
set -uo pipefail
cd "$(dirname "$0")"
root=$PWD
tools="$root/.tools"
node_dir="$tools/node"
results="$tools/trx"
codex_version=0.169.0
azurite_version=3.37.0

if ! command -v redis-server >/dev/null 2>&1; then
  echo "== installing redis-server"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi

if [ ! -x "$node_dir/node_modules/.bin/codex" ] || [ ! -f "$node_dir/node_modules/azurite/dist/src/blob/main.js" ] \
   || ! "$node_dir/node_modules/.bin/codex" --version 2>/dev/null | grep -q "$codex_version"; then
  echo "== installing @openai/codex@$codex_version and azurite@$azurite_version into .tools/node"
  mkdir -p "$node_dir"
  (cd "$node_dir" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund --loglevel=error "@openai/codex@$codex_version" "azurite@$azurite_version" >/dev/null)
fi
export CODEX_RELAY_TEST_CODEX="$node_dir/node_modules/.bin/codex"
export CODEX_RELAY_TEST_AZURITE="$node_dir/node_modules/azurite/dist/src/blob/main.js"

# >>> deploy tests (tests/CodexRelay.Deploy.Tests): the Kubernetes API schema, offline, for the rendered manifests
kubernetes_models_version=5.1.0
kubernetes_models_dir="$tools/kubernetes-models"
if ! grep -qs "\"version\": \"$kubernetes_models_version\"" "$kubernetes_models_dir/node_modules/kubernetes-models/package.json"; then
  echo "== installing kubernetes-models@$kubernetes_models_version into .tools/kubernetes-models"
  mkdir -p "$kubernetes_models_dir"
  (cd "$kubernetes_models_dir" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund --loglevel=error "kubernetes-models@$kubernetes_models_version" >/dev/null)
fi
export CODEX_RELAY_TEST_KUBERNETES_MODELS="$kubernetes_models_dir/node_modules/kubernetes-models"
# <<< deploy tests

echo "== building"
if ! dotnet build CodexRelay.sln -c Release -nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

rm -rf "$results"
mkdir -p "$results"
status=0
projects=$(ls tests/*/*.Tests.csproj)
for project in $projects; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  timeout --signal=KILL 40m dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$results/$name" \
    > "$results/$name.log" 2>&1 || status=1
  grep -E "^\s+(Passed|Failed|Skipped) |^\s+Failed |Error Message|\[xUnit.net.*(FAIL|SKIP)|Total tests|skipped because" "$results/$name.log" | grep -vE "^\s+Passed " | head -200
done

passed=0 failed=0 skipped=0
for project in $projects; do
  name=$(basename "$project" .csproj)
  trx=$(ls "$results/$name"/*.trx 2>/dev/null | head -n 1)
  if [ -z "$trx" ]; then
    echo "!! $name left no TRX result: counted as a failure (see $results/$name.log)"
    tail -n 30 "$results/$name.log"
    failed=$((failed + 1)); status=1
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted); total=$(get total); executed=$(get executed)
  outcome=$(grep -o '<ResultSummary outcome="[A-Za-z]*"' "$trx" | grep -o '"[A-Za-z]*"' | tr -d '"')
  passed=$((passed + p)); failed=$((failed + f + e + t + a)); skipped=$((skipped + total - executed))
  if [ "$outcome" = "Aborted" ] || [ "$outcome" = "Error" ] && [ $((f + e + t + a)) -eq 0 ]; then
    echo "!! $name run ended as $outcome: counted as a failure"
    failed=$((failed + 1)); status=1
  fi
done

[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
