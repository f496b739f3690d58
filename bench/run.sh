#!/usr/bin/env bash
# The whole benchmark in one command (docs/performance.md): builds Release, starts a static Chat upstream and a
# plain nginx reverse proxy (the floor), a paced upstream, two relays (embedded silo), a Redis cluster (redis-server,
# one silo with a history budget, one gateway), drives them with wrk, measures keys vs none auth and store: true vs
# false (bench/keys.sh), telemetry on vs off (bench/telemetry.sh), issue 17's rows (bench/added.sh: a Python
# http.server upstream next to nginx, small and turn2 bodies, store: true vs false embedded and on the Redis cluster,
# cold vs warm, the peer bridge opencodex side by side), runs the BenchmarkDotNet microbenchmarks,
# and prints one table of relay-vs-floor differences with PASS/FAIL.
# Loopback only; every load is bounded in time or count. BENCH_SECONDS (default 10) sets each wrk run's length.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
WORK=$(mktemp -d /tmp/codexrelay-bench.XXXXXX)
# shellcheck source=lib.sh
source "$ROOT/bench/lib.sh"
LOG_TAG=bench
PIDS=()
trap cleanup EXIT

need_tools nginx wrk python3 curl redis-server
export PATH="$PATH:/usr/sbin"
# The machine the numbers come from, and how busy it is (the load average is printed again at the end).
UPTIME_START=$(uptime); MACHINE="nproc $(nproc); load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
log "$MACHINE"
for _ in $(seq 1 "${BENCH_LOAD_WAIT_MINUTES:-5}"); do
  awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v m="${BENCH_MAX_LOAD:-1.5}" 'BEGIN { exit !(l > m) }' || break
  log "load average $(cut -d' ' -f1-3 /proc/loadavg) > ${BENCH_MAX_LOAD:-1.5}: waiting a minute"; sleep 60
done

log "building Release"
build_release bench/CodexRelay.Bench/CodexRelay.Bench.csproj src/Silo/Silo.csproj
GATEWAY="$ROOT/src/Gateway/bin/Release/net10.0/CodexRelay.Gateway.dll"
SILO="$ROOT/src/Silo/bin/Release/net10.0/CodexRelay.Silo.dll"
BENCH="$ROOT/bench/CodexRelay.Bench/bin/Release/net10.0/CodexRelay.Bench.dll"

UPSTREAM=$(free_port); PROXY=$(free_port); PACED=$(free_port); RELAY=$(free_port); RELAY_PACED=$(free_port)
REDIS=$(free_port); SILO_PORT=$(free_port); SILO_GATEWAY=$(free_port); RELAY_CLUSTER=$(free_port)
HISTORY_BUDGET_MB=${BENCH_HISTORY_BUDGET_MB:-64}

cd "$ROOT"
# --- the Chat upstream's answer: 20 content chunks, finish, usage, [DONE] (what the paced upstream sends too) ---
write_static_sse "$WORK/upstream.sse"
python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
body = json.load(open("tests/fixtures/codex_0_169_0/turn2.json"))["body"]
json.dump(body, open(f"{work}/turn2-stream.json", "w"))
json.dump(dict(body, stream=False), open(f"{work}/turn2-blocking.json", "w"))
json.dump(dict(body, store=True), open(f"{work}/turn2-store.json", "w"))
small = {"model": "fake-model", "input": [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": "hello"}]}], "stream": False}
json.dump(dict(small, store=True), open(f"{work}/seed.json", "w"))
json.dump(dict(small, store=False), open(f"{work}/plain.json", "w"))
PY
cd "$ROOT"

# The static Chat upstream with 2 workers, 4096 connections and backlog=4096, and next to it the floor: a plain
# reverse proxy in front of it (keep-alive to the upstream).
FLOOR_HTTP=$(cat <<NGINX
  upstream chat { server 127.0.0.1:$UPSTREAM; keepalive 256; }
  server {   # the floor: a plain reverse proxy in front of it
    listen 127.0.0.1:$PROXY backlog=4096;
    location / { proxy_pass http://chat; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; }
  }
NGINX
)
write_static_nginx_conf "$UPSTREAM" 2 4096 " backlog=4096" "$FLOOR_HTTP"
nginx -c "$WORK/nginx.conf" -p "$WORK" -g 'daemon off;' &
NGINX_PID=$!; PIDS+=($!)
dotnet "$BENCH" upstream --port "$PACED" --chunks 20 --gap-ms 5 --capture "$WORK/chat.json" >"$WORK/paced.log" 2>&1 &
PIDS+=($!)
dotnet "$GATEWAY" --port "$RELAY" --upstream "http://127.0.0.1:$UPSTREAM/v1" >"$WORK/relay.log" 2>&1 &
RELAY_PID=$!; PIDS+=($!)
dotnet "$GATEWAY" --port "$RELAY_PACED" --upstream "http://127.0.0.1:$PACED/v1" >"$WORK/relay-paced.log" 2>&1 &
PIDS+=($!)
# The cluster mode of the history issue: Redis membership and history, one silo, one gateway (an Orleans client only).
redis-server --port "$REDIS" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
CLUSTER_ENV=(CODEX_RELAY_CLUSTERING=redis CODEX_RELAY_REDIS="127.0.0.1:$REDIS" CODEX_RELAY_HISTORY_STORE=redis
  CODEX_RELAY_CLUSTER_ID="bench-$$" CODEX_RELAY_SILO_PORT="$SILO_PORT" CODEX_RELAY_ORLEANS_GATEWAY_PORT="$SILO_GATEWAY")
for _ in $(seq 1 50); do redis-cli -p "$REDIS" ping >/dev/null 2>&1 && break; sleep 0.1; done
env "${CLUSTER_ENV[@]}" CODEX_RELAY_MAX_SESSION_MEMORY_MB="$HISTORY_BUDGET_MB" dotnet "$SILO" >"$WORK/silo.log" 2>&1 &
SILO_PID=$!; PIDS+=($!)
env "${CLUSTER_ENV[@]}" dotnet "$GATEWAY" --port "$RELAY_CLUSTER" --upstream "http://127.0.0.1:$UPSTREAM/v1" >"$WORK/relay-cluster.log" 2>&1 &
CLUSTER_PID=$!; PIDS+=($!)
wait_ready "http://127.0.0.1:$RELAY/health/ready"; wait_ready "http://127.0.0.1:$RELAY_PACED/health/ready"
wait_ready "http://127.0.0.1:$UPSTREAM/v1/models"; wait_ready "http://127.0.0.1:$PACED/v1/models"
wait_ready "http://127.0.0.1:$RELAY_CLUSTER/health/ready"

# The equivalent Chat body: what the relay sends upstream for turn2 (the paced upstream saves the first one).
curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary @"$WORK/turn2-stream.json" "http://127.0.0.1:$RELAY_PACED/v1/responses"
[ -s "$WORK/chat.json" ] || { log "no captured Chat body"; exit 1; }
log "turn2: $(stat -c %s "$WORK/turn2-stream.json") bytes as Codex sends it, $(stat -c %s "$WORK/chat.json") bytes as Chat"

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
cpu_ticks() { local total=0 pid; for pid in "$@"; do total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done; echo "$total"; }
per_request_us() { awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", t * 1e6 / hz / n }'; }
continuation() {  # relay-url name -> CONT_PLAIN, CONT_CHAINED: 20 stored seeds, then c1 without and with previous_response_id
  local url=$1 name=$2 seed=""
  for _ in $(seq 1 20); do
    seed=$(curl -sf -H 'Content-Type: application/json' --data-binary @"$WORK/seed.json" "$url" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  done
  python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); b["previous_response_id"]=sys.argv[2]; json.dump(b, open(sys.argv[3],"w"))' "$WORK/plain.json" "$seed" "$WORK/$name-chained.json"
  CONT_PLAIN=$(wrk_run 1 "$url" "$WORK/plain.json")
  CONT_CHAINED=$(wrk_run 1 "$url" "$WORK/$name-chained.json")
}
ROWS=()
add_row() { ROWS+=("$(row "$@")"); }   # printed in the table at the end, before the other scripts' rows
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == "le") ? (v <= t) : (v >= t); print ok ? "PASS" : "FAIL" }'; }

RELAY_URL="http://127.0.0.1:$RELAY/v1/responses"
CHAT_DIRECT="http://127.0.0.1:$UPSTREAM/v1/chat/completions"
CHAT_PROXY="http://127.0.0.1:$PROXY/v1/chat/completions"

CLUSTER_URL="http://127.0.0.1:$RELAY_CLUSTER/v1/responses"
log "memory: cluster gateway and silo, 1 000 then 10 000 streamed turn2 requests with store: true (c16)"
# Every turn is written to the silo (and Redis): the gateway must not grow with them, the silo's turn cache must
# stay within its budget while far more history than the budget is written.
sleep 1; SILO_FRESH=$(rss_kb "$SILO_PID")
wrk_run 16 "$CLUSTER_URL" "$WORK/turn2-store.json" 1000 >"$WORK/mem1k.out"; sleep 1
RSS_1K=$(rss_kb "$CLUSTER_PID"); SILO_1K=$(rss_kb "$SILO_PID")
wrk_run 16 "$CLUSTER_URL" "$WORK/turn2-store.json" 9000 >"$WORK/mem10k.out"; sleep 1
RSS_10K=$(rss_kb "$CLUSTER_PID"); SILO_10K=$(rss_kb "$SILO_PID")
MEMERR=$(( $(field "$(cat "$WORK/mem1k.out")" errors) + $(field "$(cat "$WORK/mem1k.out")" non2xx) + $(field "$(cat "$WORK/mem10k.out")" errors) + $(field "$(cat "$WORK/mem10k.out")" non2xx) ))
GROWTH=$(awk -v a="$RSS_1K" -v b="$RSS_10K" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
SILO_GROWTH_MB=$(( (SILO_10K - SILO_FRESH) / 1024 ))
HISTORY_MB=$(( $(redis-cli -p "$REDIS" info memory | sed -n 's/^used_memory:\([0-9]*\).*/\1/p') / 1048576 ))
log "previous_response_id through the cluster gateway (the grain lives in the silo)"
continuation "$CLUSTER_URL" cluster; CPLAIN=$CONT_PLAIN; CCHAINED=$CONT_CHAINED
# The cluster has been measured: stop it, so its processes (and their GC after 10 000 turns) do not share the
# two cores with the latency and throughput runs below.
kill "$CLUSTER_PID" "$SILO_PID" 2>/dev/null || true; redis-cli -p "$REDIS" shutdown nosave >/dev/null 2>&1 || true
wait "$CLUSTER_PID" "$SILO_PID" 2>/dev/null || true
log "warming relay A: ${SECONDS_PER_RUN}s of streamed and blocking turn2 (JIT tiering settles before anything is timed)"
wrk_run 16 "$RELAY_URL" "$WORK/turn2-stream.json" >/dev/null
wrk -t1 -c4 -d3s -s "$ROOT/bench/post.lua" "$RELAY_URL" -- "$WORK/turn2-blocking.json" >/dev/null

log "blocking latency, c1, ${SECONDS_PER_RUN}s each"
DIRECT=$(wrk_run 1 "$CHAT_DIRECT" "$WORK/chat.json")
NGINX=$(wrk_run 1 "$CHAT_PROXY" "$WORK/chat.json")
BLOCKING=$(wrk_run 1 "$RELAY_URL" "$WORK/turn2-blocking.json")
ADD50=$(diff_ms "$(field "$BLOCKING" p50_us)" "$(field "$DIRECT" p50_us)")
ADD99=$(diff_ms "$(field "$BLOCKING" p99_us)" "$(field "$DIRECT" p99_us)")
NADD50=$(diff_ms "$(field "$NGINX" p50_us)" "$(field "$DIRECT" p50_us)")
NADD99=$(diff_ms "$(field "$NGINX" p99_us)" "$(field "$DIRECT" p99_us)")

log "streaming: first byte and chunk gaps against the paced upstream (20 chunks, 5 ms apart)"
# Warm both paths first (JIT tiering: a cold relay measures tier-0 code, not the steady state).
wrk -t1 -c32 -d3s -s "$ROOT/bench/post.lua" "http://127.0.0.1:$RELAY_PACED/v1/responses" -- "$WORK/turn2-stream.json" >/dev/null
wrk -t1 -c32 -d1s -s "$ROOT/bench/post.lua" "http://127.0.0.1:$PACED/v1/chat/completions" -- "$WORK/chat.json" >/dev/null
PROBE_DIRECT=$(dotnet "$BENCH" probe --url "http://127.0.0.1:$PACED/v1/chat/completions" --body "$WORK/chat.json" --count 100 --marker '"content":"w')
PROBE_RELAY=$(dotnet "$BENCH" probe --url "http://127.0.0.1:$RELAY_PACED/v1/responses" --body "$WORK/turn2-stream.json" --count 100 --marker 'event: response.output_text.delta')
pv() { sed -n "s/^$2=//p" <<<"$1"; }
TTFB=$(awk -v a="$(pv "$PROBE_RELAY" first_byte_p50)" -v b="$(pv "$PROBE_DIRECT" first_byte_p50)" 'BEGIN { printf "%.3f", a - b }')
TTFD=$(awk -v a="$(pv "$PROBE_RELAY" first_delta_p50)" -v b="$(pv "$PROBE_DIRECT" first_delta_p50)" 'BEGIN { printf "%.3f", a - b }')
GAPD=$(awk -v a="$(pv "$PROBE_RELAY" gap_p50)" -v b="$(pv "$PROBE_DIRECT" gap_p50)" 'BEGIN { printf "%.3f", a - b }')
BATCHED=$(( $(pv "$PROBE_RELAY" deltas) - $(pv "$PROBE_RELAY" delta_reads) ))
DIRECT_BATCHED=$(( $(pv "$PROBE_DIRECT" deltas) - $(pv "$PROBE_DIRECT" delta_reads) ))

log "throughput, streamed turn2, ${SECONDS_PER_RUN}s each"
declare -A RPS CPU
NGINX_WORKERS=$(grep -l "^PPid:[[:space:]]*$NGINX_PID\$" /proc/[0-9]*/status 2>/dev/null | cut -d/ -f3 | tr '\n' ' ')
for c in 16 64; do
  # CPU time per request of each process (utime + stime), the profile behind the ratio.
  N0=$(cpu_ticks $NGINX_WORKERS)
  R=$(wrk_run "$c" "$CHAT_PROXY" "$WORK/chat.json"); RPS[nginx$c]=$(field "$R" rps)
  N1=$(cpu_ticks $NGINX_WORKERS); A0=$(cpu_ticks "$RELAY_PID")
  CPU[nginx$c]=$(per_request_us $(( N1 - N0 )) "$(field "$R" requests)")
  R=$(wrk_run "$c" "$RELAY_URL" "$WORK/turn2-stream.json")
  N2=$(cpu_ticks $NGINX_WORKERS); A1=$(cpu_ticks "$RELAY_PID")
  RPS[relay$c]=$(field "$R" rps); RPS[relayerr$c]=$(( $(field "$R" errors) + $(field "$R" non2xx) ))
  CPU[relay$c]=$(per_request_us $(( A1 - A0 )) "$(field "$R" requests)")
  CPU[upstream$c]=$(per_request_us $(( N2 - N1 )) "$(field "$R" requests)")
done

log "previous_response_id: warm grain vs plain, c1"
continuation "$RELAY_URL" embedded; PLAIN=$CONT_PLAIN; CHAINED=$CONT_CHAINED

cleanup; PIDS=()
log "keys mode vs none, store: true vs false (bench/keys.sh: its own upstream and relays, started after these stopped)"
BENCH_SKIP_BUILD=1 "$ROOT/bench/keys.sh" >"$WORK/keys-rows.out"
mapfile -t KEYS_ROWS < <(grep '^| ' "$WORK/keys-rows.out")
log "telemetry on vs off (bench/telemetry.sh: its own upstream and relays)"
BENCH_SKIP_BUILD=1 "$ROOT/bench/telemetry.sh" >"$WORK/telemetry-rows.out"
mapfile -t TELEMETRY_ROWS < <(grep '^| ' "$WORK/telemetry-rows.out")
log "issue 17: two upstreams, store, cold, the peer bridge (bench/added.sh: its own processes)"
BENCH_SKIP_BUILD=1 BENCH_LOAD_WAIT=${BENCH_LOAD_WAIT:-60} "$ROOT/bench/added.sh" >"$WORK/added-rows.out"
mapfile -t ADDED_ROWS < <(grep '^| ' "$WORK/added-rows.out")
ADDED_LOAD=$(sed -n 's/^LOAD //p' "$WORK/added-rows.out")
log "microbenchmarks (BenchmarkDotNet, in process, short job)"
(cd "$WORK" && dotnet "$BENCH" micro >"$WORK/micro.log" 2>&1) || { tail -30 "$WORK/micro.log"; exit 1; }

add_row "blocking p50 added vs direct (turn2)" "$(ms "$(field "$BLOCKING" p50_us)") ms vs $(ms "$(field "$DIRECT" p50_us)") ms" "nginx +$NADD50 ms" "+$ADD50 ms ≤ 0.5" "$(verdict "$ADD50" 0.5 le)"
add_row "blocking p99 added vs direct (turn2)" "$(ms "$(field "$BLOCKING" p99_us)") ms vs $(ms "$(field "$DIRECT" p99_us)") ms" "nginx +$NADD99 ms" "+$ADD99 ms ≤ 2" "$(verdict "$ADD99" 2 le)"
add_row "streamed first byte added" "$(pv "$PROBE_RELAY" first_byte_p50) ms vs $(pv "$PROBE_DIRECT" first_byte_p50) ms" "" "+$TTFB ms ≤ 1" "$(verdict "$TTFB" 1 le)"
add_row "streamed first text delta added" "$(pv "$PROBE_RELAY" first_delta_p50) ms vs $(pv "$PROBE_DIRECT" first_delta_p50) ms" "" "+$TTFD ms ≤ 1" "$(verdict "$TTFD" 1 le)"
add_row "inter-chunk gap p50 (upstream 5 ms)" "$(pv "$PROBE_RELAY" gap_p50) ms vs $(pv "$PROBE_DIRECT" gap_p50) ms" "p99 $(pv "$PROBE_RELAY" gap_p99) vs $(pv "$PROBE_DIRECT" gap_p99)" "$GAPD ms; deltas sharing a read: relay $BATCHED, direct $DIRECT_BATCHED of $(pv "$PROBE_RELAY" deltas)" "$( [ "$BATCHED" -le $(( DIRECT_BATCHED + $(pv "$PROBE_RELAY" deltas) / 100 )) ] && verdict "${GAPD#-}" 1 le || echo FAIL)"
CHAIN50=$(diff_ms "$(field "$CHAINED" p50_us)" "$(field "$PLAIN" p50_us)"); CHAINERR=$(( $(field "$CHAINED" errors) + $(field "$CHAINED" non2xx) ))
CCHAIN50=$(diff_ms "$(field "$CCHAINED" p50_us)" "$(field "$CPLAIN" p50_us)"); CCHAINERR=$(( $(field "$CCHAINED" errors) + $(field "$CCHAINED" non2xx) ))
for c in 16 64; do
  RATIO=$(awk -v a="${RPS[relay$c]}" -v b="${RPS[nginx$c]}" 'BEGIN { printf "%.0f", a * 100 / b }')
  add_row "throughput c$c, streamed turn2 (req/s)" "${RPS[relay$c]}" "nginx ${RPS[nginx$c]}; CPU µs/request: relay ${CPU[relay$c]} + its upstream ${CPU[upstream$c]}, nginx proxy + upstream ${CPU[nginx$c]}" "$RATIO% ≥ 25% (errors ${RPS[relayerr$c]})" "$( [ "${RPS[relayerr$c]}" -eq 0 ] && verdict "$RATIO" 25 ge || echo FAIL)"
done
add_row "previous_response_id p50 added (warm grain)" "$(ms "$(field "$CHAINED" p50_us)") ms vs $(ms "$(field "$PLAIN" p50_us)") ms" "p99 $(ms "$(field "$CHAINED" p99_us)") vs $(ms "$(field "$PLAIN" p99_us)")" "+$CHAIN50 ms ≤ 0.3 (errors $CHAINERR)" "$( [ "$CHAINERR" -eq 0 ] && verdict "$CHAIN50" 0.3 le || echo FAIL)"
add_row "previous_response_id p50 added, cluster gateway → silo" "$(ms "$(field "$CCHAINED" p50_us)") ms vs $(ms "$(field "$CPLAIN" p50_us)") ms" "p99 $(ms "$(field "$CCHAINED" p99_us)") vs $(ms "$(field "$CPLAIN" p99_us)")" "+$CCHAIN50 ms ≤ 0.3 (errors $CCHAINERR)" "$( [ "$CCHAINERR" -eq 0 ] && verdict "$CCHAIN50" 0.3 le || echo FAIL)"
add_row "cluster gateway RSS after 10 000 vs 1 000 requests (store: true)" "$((RSS_10K / 1024)) MiB vs $((RSS_1K / 1024)) MiB" "errors $MEMERR" "+$GROWTH% ≤ 10%" "$( [ "$MEMERR" -eq 0 ] && verdict "$GROWTH" 10 le || echo FAIL)"
SILO_FULL_GROWTH=$(awk -v a="$SILO_1K" -v b="$SILO_10K" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
SILO_OK=$(awk -v g="$SILO_FULL_GROWTH" -v m="$SILO_GROWTH_MB" -v b="$HISTORY_BUDGET_MB" 'BEGIN { print (g <= 10 && m <= 2 * b) ? "PASS" : "FAIL" }')
add_row "silo RSS within its history budget (${HISTORY_BUDGET_MB} MiB), ${HISTORY_MB} MiB of history written" "$((SILO_10K / 1024)) MiB after 10 000 turns" "fresh $((SILO_FRESH / 1024)) MiB, 1 000 turns $((SILO_1K / 1024)) MiB" "1 000 → 10 000 turns +$SILO_FULL_GROWTH% ≤ 10%; fresh → 10 000 +${SILO_GROWTH_MB} MiB ≤ 2 × budget (GC headroom)" "$SILO_OK"

echo
echo "| measure | relay (vs floor) | floor / detail | difference vs target | verdict |"
echo "|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
printf '%s\n' "${KEYS_ROWS[@]}"
printf '%s\n' "${TELEMETRY_ROWS[@]}"
printf '%s\n' "${ADDED_ROWS[@]}"
echo
echo "Machine: $MACHINE; at end $(cut -d' ' -f1-3 /proc/loadavg); bench/added.sh's c1 series: $ADDED_LOAD"
echo "uptime at start: $UPTIME_START"
echo "uptime at end:   $(uptime)"
echo
echo "Microbenchmarks (BenchmarkDotNet ShortRun, in process; turn2 body, 49-chunk answer):"
echo
grep -E '^\| (Type|-|[A-Za-z]+Benchmarks)' "$WORK/micro.log" | cut -d'|' -f2-4,7- | sed 's/^/|/'
echo
log "logs and bodies kept in $WORK"
