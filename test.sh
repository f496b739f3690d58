#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine with the .NET SDK.
# Installs what the tests need: redis-server and chromium (apt; the dashboard's browser test drives Debian's chromium
# through Microsoft.Playwright by its path, never `playwright install`), the Codex CLI and Azurite (npm, into .tools/), and, where
# no Docker engine answers, podman, runc, iptables, iproute2 and curl (apt) to serve Testcontainers
# (tests/containers/podman.sh).
# Redis for the tests: CODEX_RELAY_TEST_REDIS=auto|container|local (see README, "Tests"); CODEX_RELAY_TEST_PODMAN=off
# skips podman, as on a machine where it cannot start.
# Ends with the line "N passed, N failed, N skipped", summed from the TRX files; a test project
# that leaves no TRX file, or whose run aborted, counts as a failure.
set -uo pipefail
cd "$(dirname "$0")"
root=$PWD
tools="$root/.tools"
node_dir="$tools/node"
results="$tools/trx"
codex_version=0.169.0
# The newest Codex release checked: the Codex CLI tests run a second time with it (the relay must keep working with
# newer releases, not only the one the wire reference was captured from).
codex_newer_version=0.171.0
azurite_version=3.37.0

if ! command -v redis-server >/dev/null 2>&1; then
  echo "== installing redis-server"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if [ ! -x "$node_dir/node_modules/.bin/codex" ] || [ ! -f "$node_dir/node_modules/azurite/dist/src/blob/main.js" ] \
   || ! "$node_dir/node_modules/.bin/codex" --version 2>/dev/null | grep -q "$codex_version"; then
  echo "== installing @openai/codex@$codex_version and azurite@$azurite_version into .tools/node"
  mkdir -p "$node_dir"
  (cd "$node_dir" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund --loglevel=error "@openai/codex@$codex_version" "azurite@$azurite_version" >/dev/null)
fi
export CODEX_RELAY_TEST_CODEX="$node_dir/node_modules/.bin/codex"
codex_newer_dir="$tools/codex-$codex_newer_version"
if ! "$codex_newer_dir/node_modules/.bin/codex" --version 2>/dev/null | grep -q "$codex_newer_version"; then
  echo "== installing @openai/codex@$codex_newer_version into .tools/codex-$codex_newer_version"
  mkdir -p "$codex_newer_dir"
  (cd "$codex_newer_dir" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund --loglevel=error "@openai/codex@$codex_newer_version" >/dev/null)
fi
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

# Redis: Testcontainers through whichever Docker-API engine answers (Docker as it is; else podman, set up here and
# stopped by PID on exit, whatever happens), the local redis-server only when none does.
source tests/containers/podman.sh
trap podman_engine_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
redis_note=""
docker_answers() {
  if command -v docker >/dev/null 2>&1; then timeout 20 docker info >/dev/null 2>&1; return; fi
  local socket=${DOCKER_HOST:-unix:///var/run/docker.sock}
  [ "${socket#unix://}" != "$socket" ] && [ -S "${socket#unix://}" ] \
    && [ "$(curl -sS --max-time 5 --unix-socket "${socket#unix://}" http://docker/_ping 2>/dev/null)" = OK ]
}
redis_path=$(echo "${CODEX_RELAY_TEST_REDIS:-auto}" | tr '[:upper:]' '[:lower:]')
if [ "$redis_path" = local ]; then
  redis_note="forced by CODEX_RELAY_TEST_REDIS=local"
elif docker_answers; then
  redis_note="a Docker engine answers: Testcontainers as configured (image ${CODEX_RELAY_TEST_REDIS_IMAGE:-redis:7.0})"
  export CODEX_RELAY_TEST_REDIS=${CODEX_RELAY_TEST_REDIS:-container}
elif [ "${CODEX_RELAY_TEST_PODMAN:-on}" = off ]; then
  redis_note="no Docker engine answers, and podman is off (CODEX_RELAY_TEST_PODMAN=off)"
else
  echo "== starting podman (no Docker engine answers)"
  mkdir -p "$tools"
  podman_started=$(date +%s)
  if podman_engine_start "$tools/podman"; then
    redis_note="podman $PODMAN_VERSION on .tools/podman/podman.sock, local image $PODMAN_IMAGE, ready in $(( $(date +%s) - podman_started ))s"
    # Asked for explicitly: if the container path then fails, the Redis tests fail rather than quietly fall back.
    export CODEX_RELAY_TEST_REDIS=${CODEX_RELAY_TEST_REDIS:-container}
    export DOCKER_HOST="unix://$PODMAN_SOCKET"
    export CODEX_RELAY_TEST_REDIS_IMAGE=${CODEX_RELAY_TEST_REDIS_IMAGE:-$PODMAN_IMAGE}
    # The Ryuk image cannot be pulled here; podman_engine_stop removes the containers instead.
    export TESTCONTAINERS_RYUK_DISABLED=${TESTCONTAINERS_RYUK_DISABLED:-true}
    export TESTCONTAINERS_HOST_OVERRIDE=${TESTCONTAINERS_HOST_OVERRIDE:-127.0.0.1}
  else
    redis_note="podman could not serve Testcontainers: $PODMAN_PROBLEM"
  fi
fi
echo "   redis: $redis_note"
redis_report="$tools/redis-path.txt"
rm -f "$redis_report"
export CODEX_RELAY_TEST_REDIS_REPORT="$redis_report"

echo "== building"
if ! dotnet build CodexRelay.sln -c Release -nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

rm -rf "$results"
mkdir -p "$results"
# The dashboard's browser test saves its screenshot here: .tools/trx/screenshots/dashboard.png.
export CODEX_RELAY_TEST_RESULTS="$results"
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

# The tests that drive the real Codex CLI, again with the newer release (its own TRX, counted like a project).
newer_run="CodexRelay.EndToEnd.Tests.codex-$codex_newer_version"
echo "== $newer_run"
CODEX_RELAY_TEST_CODEX="$codex_newer_dir/node_modules/.bin/codex" timeout --signal=KILL 20m dotnet test tests/CodexRelay.EndToEnd.Tests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~CodexCliTests|FullyQualifiedName~ThinkingProviderTests" \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results/$newer_run" \
  > "$results/$newer_run.log" 2>&1 || status=1
grep -E "^\s+Failed |Error Message|Total tests" "$results/$newer_run.log" | head -100

passed=0 failed=0 skipped=0
for name in $(for project in $projects; do basename "$project" .csproj; done) "$newer_run"; do
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
  if [ "$name" = "$newer_run" ] && [ "$executed" -eq 0 ]; then
    echo "!! $name ran no test (its filter matched nothing): counted as a failure"
    failed=$((failed + 1)); status=1
  fi
  if [ "$outcome" = "Aborted" ] || [ "$outcome" = "Error" ] && [ $((f + e + t + a)) -eq 0 ]; then
    echo "!! $name run ended as $outcome: counted as a failure"
    failed=$((failed + 1)); status=1
  fi
done

# The path each Redis fixture took (one line per test assembly that ran one), and why.
if [ -s "$redis_report" ]; then
  echo "redis: $(cut -f2 "$redis_report" | sort -u | paste -sd ';' | sed 's/;/; /g')"
else
  echo "redis: no Redis fixture ran"
fi
echo "   ($redis_note)"

[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
