#!/usr/bin/env bash
# Issue 17's rows (docs/performance.md, "Added latency against two upstreams and a peer"), measured in one run, each
# against its floor measured in the same run:
#   - added p50/p99 vs going direct, small blocking, small streamed and the Codex turn2 body, against an nginx static
#     upstream and a Python http.server upstream (bench/chat_upstream.py: chunked, keep-alive, a write per chunk);
#   - for reference (no target): a plain nginx reverse proxy (its own process, proxy_buffering off, keep-alive to the
#     upstream) in front of the same upstreams, the same Chat bodies: what forwarding without translating adds here;
#   - the peer bridge npm @bitkyc08/opencodex 2.63.0 (installed into bench/.peer) on the same upstreams, with its
#     provider/model routing (fakeng/…, fakepy/…): its added p50 over ours;
#   - cold: the first 50 requests of a fresh relay (its serving-path warm-up on, as on a pod) vs the same relay warm,
#     over HTTP and over one WebSocket (bench/socket_probe.py, a Codex-like client: one frame at a time);
#   - store: true minus store: false, embedded silo, and on the Redis cluster (gateway → silo → Redis) next to the
#     floors measured in the same run: one grain call (previous_response_id lookup minus plain) and one Redis write
#     of the stored record's size (redis-benchmark running the storage's write script).
# Prints table rows ("| measure | relay | floor / detail | difference vs target | verdict |") on stdout; run.sh adds
# them to its table. Loopback only; every wrk run lasts BENCH_SECONDS (default 10); BENCH_ADDED_ROUNDS (default 1)
# rounds of the direct/relay/peer series, BENCH_STORE_ROUNDS (default 3) interleaved store rounds. About 9 minutes.
# Standalone: bench/added.sh (builds Release first unless BENCH_SKIP_BUILD=1; BENCH_NO_PEER=1 skips the peer).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ADDED_ROUNDS:-1}
STORE_ROUNDS=${BENCH_STORE_ROUNDS:-3}
WORK=$(mktemp -d /tmp/codexrelay-added-bench.XXXXXX)
# shellcheck source=lib.sh
source "$ROOT/bench/lib.sh"
LOG_TAG="bench added"
PIDS=()
trap cleanup EXIT

need_tools nginx wrk python3 curl redis-server redis-benchmark:redis-tools npm
export PATH="$PATH:/usr/sbin"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building Release"
  build_release src/Gateway/Gateway.csproj src/Silo/Silo.csproj
fi
GATEWAY="$ROOT/src/Gateway/bin/Release/net10.0/CodexRelay.Gateway.dll"
SILO="$ROOT/src/Silo/bin/Release/net10.0/CodexRelay.Silo.dll"

# The peer bridge, installed once into bench/.peer (gitignored); it runs on the Bun runtime its package bundles.
PEER_DIR="$ROOT/bench/.peer"; PEER_PKG="$PEER_DIR/node_modules/@bitkyc08/opencodex"; BUN="$PEER_DIR/node_modules/bun/bin/bun.exe"
PEER_WHY=""
if [ "${BENCH_NO_PEER:-0}" = 1 ]; then PEER_WHY="skipped (BENCH_NO_PEER=1)"
else
  if [ ! -d "$PEER_PKG" ]; then
    log "installing @bitkyc08/opencodex@2.63.0 into bench/.peer"
    mkdir -p "$PEER_DIR"
    (cd "$PEER_DIR" && npm install --no-audit --no-fund --no-save @bitkyc08/opencodex@2.63.0 >"$WORK/npm.log" 2>&1) || PEER_WHY="npm install failed: $(tail -1 "$WORK/npm.log")"
  fi
  if [ -z "$PEER_WHY" ] && ! "$BUN" --version >/dev/null 2>&1; then
    (cd "$PEER_DIR" && npm rebuild bun >"$WORK/npm-rebuild.log" 2>&1) || true
    "$BUN" --version >/dev/null 2>&1 || PEER_WHY="the Bun runtime bundled by its npm package does not run ($BUN)"
  fi
fi

NGINX_UP=$(free_port); PY_UP=$(free_port); PROXY_NG=$(free_port); PROXY_PY=$(free_port); RELAY_NG=$(free_port); RELAY_PY=$(free_port); PEER=$(free_port)
REDIS=$(free_port); SILO_PORT=$(free_port); SILO_GATEWAY=$(free_port); RELAY_CLUSTER=$(free_port)

cd "$ROOT"
write_static_sse "$WORK/upstream.sse"
python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
small = {"model": "fake-model", "input": [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": "hello"}]}]}
bodies = {"small-blocking": dict(small, stream=False, store=False), "small-stream": dict(small, stream=True, store=False),
          "turn2": dict(json.load(open("tests/fixtures/codex_0_169_0/turn2.json"))["body"], stream=True, store=False)}
for name, body in bodies.items():
    json.dump(body, open(f"{work}/{name}.json", "w"))
    for prefix in ("fakeng", "fakepy"):   # the peer routes by provider/model
        json.dump(dict(body, model=f"{prefix}/{body['model']}"), open(f"{work}/{name}-{prefix}.json", "w"))
json.dump(dict(small, stream=False, store=True), open(f"{work}/small-store.json", "w"))
PY

write_static_nginx_conf "$NGINX_UP"
nginx -c "$WORK/nginx.conf" -p "$WORK" -g 'daemon off;' & PIDS+=($!)
# The reference proxy: a second nginx process, one worker, in front of each upstream.
write_proxy_nginx_conf "$PROXY_NG $NGINX_UP" "$PROXY_PY $PY_UP"
nginx -c "$WORK/proxy.conf" -p "$WORK" -g 'daemon off;' & PIDS+=($!)
python3 "$ROOT/bench/chat_upstream.py" --port "$PY_UP" --sse "$WORK/upstream.sse" --capture "$WORK" --capture-count 3 >"$WORK/python-upstream.log" 2>&1 & PIDS+=($!)
# Relay N runs as a shared gateway does (the serving-path warm-up is on by default when it listens beyond loopback;
# here on loopback it is asked for), so the cold row measures what a pod's first users meet after a scale-out.
dotnet "$GATEWAY" --port "$RELAY_NG" --upstream "http://127.0.0.1:$NGINX_UP/v1" --CodexRelay:WarmUp:ServingRounds=8 >"$WORK/relay-nginx.log" 2>&1 &
RELAY_NG_PID=$!; PIDS+=($!)
wait_ready "http://127.0.0.1:$NGINX_UP/v1/models"; wait_ready "http://127.0.0.1:$RELAY_NG/health/ready"


# --- cold: the first 50 requests of relay N, fresh from start (only its readiness probe came before) ---
wait_quiet "cold relay"
SMALL_NG="http://127.0.0.1:$RELAY_NG/v1/responses"
COLD=$(wrk_run 1 "$SMALL_NG" "$WORK/small-blocking.json" 50)

# --- cold over a WebSocket: the first 50 frames on one socket of relay W, fresh from start (warm-up on), as Codex's
# first turns after a scale-out meet it; its warm series comes after the main series ---
RELAY_WS=$(free_port)
# Its per-socket frame rate (600 a minute by default) is lifted: the warm series sends thousands of frames a second.
dotnet "$GATEWAY" --port "$RELAY_WS" --upstream "http://127.0.0.1:$NGINX_UP/v1" --CodexRelay:WarmUp:ServingRounds=8 \
  --CodexRelay:WebSockets:MaxFramesPerMinute=100000000 >"$WORK/relay-socket.log" 2>&1 &
RELAY_WS_PID=$!; PIDS+=($!)
wait_ready "http://127.0.0.1:$RELAY_WS/health/ready"
wait_quiet "cold socket relay"
COLD_WS=$(python3 "$ROOT/bench/socket_probe.py" --port "$RELAY_WS" --body "$WORK/small-stream.json" --count 50)

# --- the rest: relay P (Python upstream), the peer, warm-ups ---
dotnet "$GATEWAY" --port "$RELAY_PY" --upstream "http://127.0.0.1:$PY_UP/v1" >"$WORK/relay-python.log" 2>&1 &
PIDS+=($!)
wait_ready "http://127.0.0.1:$PY_UP/v1/models"; wait_ready "http://127.0.0.1:$RELAY_PY/health/ready"
SMALL_PY="http://127.0.0.1:$RELAY_PY/v1/responses"
# The Chat bodies the relay sends for each Responses body, captured by the Python upstream (the relay always streams
# upstream); the direct floor of a blocking request is the same Chat body with "stream": false.
for name in small-blocking small-stream turn2; do
  curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary @"$WORK/$name.json" "$SMALL_PY"
done
python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
for n, name in enumerate(["small-blocking", "small-stream", "turn2"], 1):
    body = json.load(open(f"{work}/req-{n}.json"))
    if name == "small-blocking":
        body["stream"] = False
        body.pop("stream_options", None)
    json.dump(body, open(f"{work}/chat-{name}.json", "w"))
PY

PEER_UP=0
if [ -z "$PEER_WHY" ]; then
  mkdir -p "$WORK/peer-home/.opencodex" "$WORK/peer-home/.codex"
  cat >"$WORK/peer-home/.opencodex/config.json" <<JSON
{ "port": $PEER, "defaultProvider": "fakepy",
  "providers": {
    "fakepy": { "adapter": "openai-chat", "baseUrl": "http://127.0.0.1:$PY_UP/v1", "apiKey": "sk-bench", "allowPrivateNetwork": true },
    "fakeng": { "adapter": "openai-chat", "baseUrl": "http://127.0.0.1:$NGINX_UP/v1", "apiKey": "sk-bench", "allowPrivateNetwork": true } } }
JSON
  # HOME, OPENCODEX_HOME and CODEX_HOME inside the run's directory: the peer writes its state and would wire Codex there.
  (cd "$PEER_PKG" && exec env HOME="$WORK/peer-home" OPENCODEX_HOME="$WORK/peer-home/.opencodex" CODEX_HOME="$WORK/peer-home/.codex" \
    "$BUN" src/cli/index.ts start --port "$PEER") >"$WORK/peer.log" 2>&1 &
  PEER_PID=$!; PIDS+=($!)
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PEER/healthz" >/dev/null 2>&1 && PEER_UP=1 && break; sleep 0.5; done
  PEER_URL="http://127.0.0.1:$PEER/v1/responses"
  if [ "$PEER_UP" = 1 ]; then
    for probe in small-blocking-fakepy small-stream-fakeng; do
      STATUS=$(curl -s -o "$WORK/peer-probe.out" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$WORK/$probe.json" "$PEER_URL")
      grep -q 'w19' "$WORK/peer-probe.out" || { PEER_UP=0; PEER_WHY="the peer answered $STATUS for $probe: $(head -c 200 "$WORK/peer-probe.out")"; }
    done
  else
    PEER_WHY="the peer did not answer /healthz within 60 s: $(tail -3 "$WORK/peer.log" | tr '\n' ' ')"
  fi
fi

# Warm means tiered compilation has settled: 30 s into a load it still takes 7-14 % of the relay's CPU (perf,
# docs/performance.md, telemetry section); BENCH_ADDED_WARM (40) s of turn2 per relay, then each small body.
ADDED_WARM=${BENCH_ADDED_WARM:-40}
log "warming the relays and the peer (${ADDED_WARM}s streamed turn2 c4, then 3 s of each small body)"
declare -A TARGETS=([ng]="$SMALL_NG" [py]="$SMALL_PY")
for up in ng py; do
  wrk -t1 -c4 -d"${ADDED_WARM}s" -s "$ROOT/bench/post.lua" "${TARGETS[$up]}" -- "$WORK/turn2.json" >/dev/null
  for name in small-blocking small-stream; do wrk -t1 -c4 -d3s -s "$ROOT/bench/post.lua" "${TARGETS[$up]}" -- "$WORK/$name.json" >/dev/null; done
  if [ "$PEER_UP" = 1 ]; then
    prefix=fake$up; [ "$up" = ng ] || prefix=fakepy
    for name in turn2 small-blocking small-stream; do [ "$up$name" = ngsmall-blocking ] && continue; wrk -t1 -c4 -d3s -s "$ROOT/bench/post.lua" "$PEER_URL" -- "$WORK/$name-$prefix.json" >/dev/null; done
  fi
done

# --- added latency: direct, relay, peer back to back for each upstream and body, c1 ---
wait_quiet "direct/relay/peer series"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A DIRECT=([ng]="http://127.0.0.1:$NGINX_UP/v1/chat/completions" [py]="http://127.0.0.1:$PY_UP/v1/chat/completions")
declare -A PROXY=([ng]="http://127.0.0.1:$PROXY_NG/v1/chat/completions" [py]="http://127.0.0.1:$PROXY_PY/v1/chat/completions")
for round in $(seq 1 "$ROUNDS"); do
  for up in ng py; do
    prefix=fakeng; [ "$up" = ng ] || prefix=fakepy
    for name in small-blocking small-stream turn2; do
      log "round $round: $up $name"
      wrk_run 1 "${DIRECT[$up]}" "$WORK/chat-$name.json" >>"$WORK/direct-$up-$name.out"
      wrk_run 1 "${TARGETS[$up]}" "$WORK/$name.json" >>"$WORK/relay-$up-$name.out"
      wrk_run 1 "${PROXY[$up]}" "$WORK/chat-$name.json" >>"$WORK/proxy-$up-$name.out"
      # The peer asks a blocking Chat upstream for JSON ("stream": false); nginx's static SSE cannot answer that.
      [ "$PEER_UP" = 1 ] && [ "$up$name" != ngsmall-blocking ] && wrk_run 1 "$PEER_URL" "$WORK/$name-$prefix.json" >>"$WORK/peer-$up-$name.out"
    done
  done
done
WARM=$(wrk_run 1 "$SMALL_NG" "$WORK/small-blocking.json")
python3 "$ROOT/bench/socket_probe.py" --port "$RELAY_WS" --body "$WORK/small-stream.json" --seconds 20 >/dev/null
WARM_WS=$(python3 "$ROOT/bench/socket_probe.py" --port "$RELAY_WS" --body "$WORK/small-stream.json" --count 1000)
kill "$RELAY_WS_PID" 2>/dev/null || true
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
median() {  # file field -> median over the rounds
  python3 -c 'import statistics,sys; print(int(statistics.median(int(dict(kv.split("=") for kv in l.split()[1:])[sys.argv[2]]) for l in open(sys.argv[1]) if l.startswith("RESULT"))))' "$1" "$2"
}
errsum() { python3 -c 'import sys; print(sum(int(d["errors"]) + int(d["non2xx"]) for d in (dict(kv.split("=") for kv in l.split()[1:]) for l in open(sys.argv[1]) if l.startswith("RESULT"))))' "$1"; }
declare -A UPNAME=([ng]="nginx static upstream" [py]="Python http.server upstream")
declare -A BODYNAME=([small-blocking]="small blocking" [small-stream]="small streamed" [turn2]="turn2 streamed (40.7 KB)")
PEER_ROWS=(); PROXY_ROWS=()
for up in ng py; do
  for name in small-blocking small-stream turn2; do
    D50=$(median "$WORK/direct-$up-$name.out" p50_us); D99=$(median "$WORK/direct-$up-$name.out" p99_us)
    R50=$(median "$WORK/relay-$up-$name.out" p50_us); R99=$(median "$WORK/relay-$up-$name.out" p99_us)
    A50=$(diff_ms "$R50" "$D50"); A99=$(diff_ms "$R99" "$D99")
    ERR=$(( $(errsum "$WORK/direct-$up-$name.out") + $(errsum "$WORK/relay-$up-$name.out") ))
    TARGET=0.3; [ "$name" = turn2 ] && TARGET=0.5
    V=PASS; [ "$(le "$A50" "$TARGET")" = 1 ] || V="FAIL (p50)"; [ "$(le "$A99" 2)" = 1 ] || V="${V/PASS/FAIL} (p99)"; [ "$ERR" -eq 0 ] || V="FAIL (errors)"
    row "added vs direct, ${BODYNAME[$name]}, ${UPNAME[$up]}" "$(ms "$R50") ms vs $(ms "$D50") ms" "p99 $(ms "$R99") vs $(ms "$D99") ms" \
      "p50 +$A50 ms ≤ $TARGET; p99 +$A99 ms ≤ 2 (errors $ERR)" "$V"
    X50=$(median "$WORK/proxy-$up-$name.out" p50_us); X99=$(median "$WORK/proxy-$up-$name.out" p99_us)
    PROXY_ROWS+=("$(row "reference (no target): plain nginx reverse proxy added vs direct, ${BODYNAME[$name]}, ${UPNAME[$up]}" "$(ms "$X50") ms vs $(ms "$D50") ms" \
      "p99 $(ms "$X99") vs $(ms "$D99") ms; the relay's added p50 beside it +$A50 ms" "p50 +$(diff_ms "$X50" "$D50") ms (errors $(errsum "$WORK/proxy-$up-$name.out"))" "reference")")
    if [ "$PEER_UP" = 1 ] && [ "$up$name" = ngsmall-blocking ]; then
      PEER_ROWS+=("$(row "peer opencodex 2.63.0 added p50 over ours, ${BODYNAME[$name]}, ${UPNAME[$up]}" "ours +$A50 ms" "not measurable: the peer sends \"stream\": false upstream and parses JSON; the static nginx upstream answers SSE (ours always streams upstream)" "n/a" "n/a")")
    elif [ "$PEER_UP" = 1 ]; then
      P50=$(median "$WORK/peer-$up-$name.out" p50_us); PADD=$(diff_ms "$P50" "$D50"); PERR=$(errsum "$WORK/peer-$up-$name.out")
      RATIO=$(awk -v p="$PADD" -v r="$A50" 'BEGIN { if (r <= 0.001) printf ">%.0f", p / 0.001; else printf "%.1f", p / r }')
      PV=$(awk -v p="$PADD" -v r="$A50" 'BEGIN { print (p >= 5 * (r > 0 ? r : 0)) ? "PASS" : "FAIL" }'); [ "$PERR" -eq 0 ] || PV="FAIL (peer errors $PERR)"
      PEER_ROWS+=("$(row "peer opencodex 2.63.0 added p50 over ours, ${BODYNAME[$name]}, ${UPNAME[$up]}" "ours +$A50 ms" "opencodex +$PADD ms ($(ms "$P50") ms; p99 $(ms "$(median "$WORK/peer-$up-$name.out" p99_us)") ms)" "${RATIO}× ≥ 5×" "$PV")")
    fi
  done
done
printf '%s\n' "${PROXY_ROWS[@]}"
if [ "$PEER_UP" = 1 ]; then printf '%s\n' "${PEER_ROWS[@]}"
else row "peer opencodex 2.63.0 added p50 over ours" "not measured" "$PEER_WHY" "≥ 5×" "FAIL (not run)"; fi
CW=$(diff_ms "$(field "$COLD" p50_us)" "$(field "$WARM" p50_us)")
CV=PASS; [ "$(le "$CW" 0.3)" = 1 ] || CV=FAIL; [ "$(( $(errors "$COLD") + $(errors "$WARM") ))" -eq 0 ] || CV="FAIL (errors)"
row "first 50 requests after start vs warm, small blocking, nginx upstream" "cold p50 $(ms "$(field "$COLD" p50_us)") ms" \
  "warm p50 $(ms "$(field "$WARM" p50_us)") ms; cold p99 $(ms "$(field "$COLD" p99_us)") vs warm $(ms "$(field "$WARM" p99_us)") ms" "+$CW ms ≤ 0.3" "$CV"
CWS=$(diff_ms "$(field "$COLD_WS" p50_us)" "$(field "$WARM_WS" p50_us)")
CWSV=PASS; [ "$(le "$CWS" 0.3)" = 1 ] || CWSV=FAIL; [ "$(( $(errors "$COLD_WS") + $(errors "$WARM_WS") ))" -eq 0 ] || CWSV="FAIL (errors)"
row "first 50 WebSocket frames after start vs warm, small streamed, one socket, nginx upstream" "cold p50 $(ms "$(field "$COLD_WS" p50_us)") ms" \
  "warm p50 $(ms "$(field "$WARM_WS" p50_us)") ms; cold p99 $(ms "$(field "$COLD_WS" p99_us)") vs warm $(ms "$(field "$WARM_WS" p99_us)") ms" "+$CWS ms ≤ 0.3" "$CWSV"

# --- store: true minus store: false, embedded (relay N), interleaved rounds ---
stop_pids() { for pid in "$@"; do kill "$pid" 2>/dev/null || true; done; for pid in "$@"; do wait "$pid" 2>/dev/null || true; done; }
[ "$PEER_UP" = 1 ] && stop_pids "$PEER_PID"
wrk -t1 -c4 -d3s -s "$ROOT/bench/post.lua" "$SMALL_NG" -- "$WORK/small-store.json" >/dev/null
wait_quiet "store rounds, embedded"
for round in $(seq 1 "$STORE_ROUNDS"); do
  wrk_run 1 "$SMALL_NG" "$WORK/small-blocking.json" >>"$WORK/emb-plain.out"
  wrk_run 1 "$SMALL_NG" "$WORK/small-store.json" >>"$WORK/emb-store.out"
done
ES=$(paired "$WORK/emb-store.out" "$WORK/emb-plain.out" p50_us); ES99=$(paired "$WORK/emb-store.out" "$WORK/emb-plain.out" p99_us)
EERR=$(( $(errsum "$WORK/emb-store.out") + $(errsum "$WORK/emb-plain.out") ))
EV=PASS; [ "$(le "$ES" 0.2)" = 1 ] || EV=FAIL; [ "$EERR" -eq 0 ] || EV="FAIL (errors)"
row "store: true minus store: false, small blocking, embedded silo" "$(ms "$(median "$WORK/emb-store.out" p50_us)") ms vs $(ms "$(median "$WORK/emb-plain.out" p50_us)") ms" \
  "p99 +$ES99 ms; median of $STORE_ROUNDS back-to-back pairs" "+$ES ms ≤ 0.2 (errors $EERR)" "$EV"

# --- the same on the Redis cluster: redis-server, one silo, one gateway (an Orleans client only) ---
stop_pids "${PIDS[@]}"; PIDS=()
nginx -c "$WORK/nginx.conf" -p "$WORK" -g 'daemon off;' & PIDS+=($!)
redis-server --port "$REDIS" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 50); do redis-cli -p "$REDIS" ping >/dev/null 2>&1 && break; sleep 0.1; done
CLUSTER_ENV=(CODEX_RELAY_CLUSTERING=redis CODEX_RELAY_REDIS="127.0.0.1:$REDIS" CODEX_RELAY_HISTORY_STORE=redis
  CODEX_RELAY_CLUSTER_ID="bench-added-$$" CODEX_RELAY_SILO_PORT="$SILO_PORT" CODEX_RELAY_ORLEANS_GATEWAY_PORT="$SILO_GATEWAY")
env "${CLUSTER_ENV[@]}" dotnet "$SILO" >"$WORK/silo.log" 2>&1 & PIDS+=($!)
env "${CLUSTER_ENV[@]}" dotnet "$GATEWAY" --port "$RELAY_CLUSTER" --upstream "http://127.0.0.1:$NGINX_UP/v1" >"$WORK/relay-cluster.log" 2>&1 & PIDS+=($!)
wait_ready "http://127.0.0.1:$NGINX_UP/v1/models"; wait_ready "http://127.0.0.1:$RELAY_CLUSTER/health/ready"
CLUSTER_URL="http://127.0.0.1:$RELAY_CLUSTER/v1/responses"
SEED=""
for _ in $(seq 1 20); do
  SEED=$(curl -sf -H 'Content-Type: application/json' --data-binary @"$WORK/small-store.json" "$CLUSTER_URL" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
done
python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); b["previous_response_id"]=sys.argv[2]; json.dump(b, open(sys.argv[3],"w"))' "$WORK/small-blocking.json" "$SEED" "$WORK/small-chained.json"
log "warming the cluster gateway and silo (${SECONDS_PER_RUN}s each: plain, stored, chained)"
for body in small-blocking small-store small-chained; do wrk -t1 -c4 -d"${SECONDS_PER_RUN}s" -s "$ROOT/bench/post.lua" "$CLUSTER_URL" -- "$WORK/$body.json" >/dev/null; done
# The stored record's size: the largest history hash's data field Redis holds for one small turn.
REDIS_KEYS=$(redis-cli -p "$REDIS" --scan || true)
for key in $(printf '%s\n' $REDIS_KEYS | sed -n 1,60p); do
  echo "$key $(redis-cli -p "$REDIS" type "$key") $(redis-cli -p "$REDIS" hstrlen "$key" data 2>/dev/null)" >>"$WORK/redis-keys.txt"
done
# The record: the median size of the "data" field over the sampled hashes (one conversation's state per hash).
RECORD=$(awk '$3 ~ /^[0-9]+$/ && $3 > 0 { print $3 }' "$WORK/redis-keys.txt" | sort -n | awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : 0) }')
SCRIPT=$(sed -n '/WriteScript = """/,/"""/p' "$ROOT/src/Grains/Storage/Redis/RedisGrainStorage.cs" | sed '1d;$d' | sed 's/^ *//')
wait_quiet "store rounds, cluster"
for round in $(seq 1 "$STORE_ROUNDS"); do
  wrk_run 1 "$CLUSTER_URL" "$WORK/small-blocking.json" >>"$WORK/cl-plain.out"
  wrk_run 1 "$CLUSTER_URL" "$WORK/small-store.json" >>"$WORK/cl-store.out"
  wrk_run 1 "$CLUSTER_URL" "$WORK/small-chained.json" >>"$WORK/cl-chained.out"
  # One Redis write of the record's size: the storage's write script (HGET etag, HSET etag + data, PEXPIRE), c1.
  redis-benchmark -p "$REDIS" -c 1 -n 20000 -r 1000000 --csv EVAL "$SCRIPT" 1 "bench:__rand_int__" "" "e" "$(head -c "$RECORD" /dev/zero | tr '\0' x)" 0 \
    | tail -1 >>"$WORK/redis-write.csv"
done
CS=$(paired "$WORK/cl-store.out" "$WORK/cl-plain.out" p50_us); CS99=$(paired "$WORK/cl-store.out" "$WORK/cl-plain.out" p99_us)
GRAIN=$(paired "$WORK/cl-chained.out" "$WORK/cl-plain.out" p50_us)
REDIS_W=$(python3 -c 'import csv,statistics,sys; print("%.3f" % statistics.median(float(r[4]) for r in csv.reader(open(sys.argv[1]))))' "$WORK/redis-write.csv")
BUDGET=$(awk -v g="$GRAIN" -v r="$REDIS_W" 'BEGIN { printf "%.3f", (g > 0 ? g : 0) + r + 0.1 }')
CERR=$(( $(errsum "$WORK/cl-store.out") + $(errsum "$WORK/cl-plain.out") + $(errsum "$WORK/cl-chained.out") ))
CV=PASS; [ "$(le "$CS" "$BUDGET")" = 1 ] || CV=FAIL; [ "$CERR" -eq 0 ] || CV="FAIL (errors)"
row "store: true minus store: false, small blocking, Redis cluster (gateway → silo → Redis)" \
  "$(ms "$(median "$WORK/cl-store.out" p50_us)") ms vs $(ms "$(median "$WORK/cl-plain.out" p50_us)") ms" \
  "p99 +$CS99 ms; floors in this run: grain call (previous_response_id lookup − plain) +$GRAIN ms, Redis write of the ${RECORD}-byte record (write script, redis-benchmark c1 p50) $REDIS_W ms; median of $STORE_ROUNDS rounds" \
  "+$CS ms ≤ $GRAIN + $REDIS_W + 0.1 = $BUDGET ms (errors $CERR)" "$CV"
echo "LOAD series_start=\"$LOAD_START\" series_end=\"$LOAD_END\" end=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
log "logs kept in $WORK"
