#!/usr/bin/env bash
# Where the relay's CPU goes under the throughput load of bench/run.sh (streamed turn2, wrk -c16): perf samples of
# the relay process only, grouped by binary (JIT-compiled .NET code, kernel, runtime/GC, libc) and by symbol.
# Needs perf (Debian: linux-perf); installs nginx, wrk and perf if missing. BENCH_SECONDS (default 10) of sampling.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
WORK=$(mktemp -d /tmp/codexrelay-profile.XXXXXX)
# shellcheck source=lib.sh
source "$ROOT/bench/lib.sh"
LOG_TAG=profile
PIDS=()
trap cleanup EXIT
export PATH="$PATH:/usr/sbin"
need_tools nginx wrk perf:linux-perf

build_release src/Gateway/Gateway.csproj
# Its own upstream answer (no usage chunk), kept as it was so its load is unchanged; served by lib.sh's static nginx.
UPSTREAM=$(free_port); RELAY=$(free_port)
python3 - "$WORK" "$ROOT" <<'PY'
import json, sys
work, root = sys.argv[1], sys.argv[2]
def chunk(delta, finish=None):
    return "data: " + json.dumps({"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "m",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}, separators=(",", ":")) + "\n\n"
sse = chunk({"role": "assistant", "content": ""}) + "".join(chunk({"content": f"w{i} "}) for i in range(20))
sse += chunk({}, "stop") + "data: [DONE]\n\n"
open(f"{work}/upstream.sse", "w").write(sse)
json.dump(json.load(open(f"{root}/tests/fixtures/codex_0_169_0/turn2.json"))["body"], open(f"{work}/turn2.json", "w"))
PY
write_static_nginx_conf "$UPSTREAM"
nginx -c "$WORK/nginx.conf" -p "$WORK" -g 'daemon off;' & PIDS+=($!)
# Perf maps name the JIT-compiled methods; W^X off keeps their addresses stable for perf.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 dotnet "$ROOT/src/Gateway/bin/Release/net10.0/CodexRelay.Gateway.dll" \
  --port "$RELAY" --upstream "http://127.0.0.1:$UPSTREAM/v1" >"$WORK/relay.log" 2>&1 &
RELAY_PID=$!; PIDS+=($!)
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$RELAY/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
URL="http://127.0.0.1:$RELAY/v1/responses"
log "warming up (JIT tiering) for 15 s"
wrk -t1 -c16 -d15s -s "$ROOT/bench/post.lua" "$URL" -- "$WORK/turn2.json" >/dev/null
log "sampling the relay for ${SECONDS_PER_RUN} s under wrk -c16"
wrk -t1 -c16 -d"$((SECONDS_PER_RUN + 2))s" -s "$ROOT/bench/post.lua" "$URL" -- "$WORK/turn2.json" >"$WORK/wrk.out" &
WRK_PID=$!
sleep 1
perf record -F 999 -g -p "$RELAY_PID" -o "$WORK/perf.data" -- sleep "$SECONDS_PER_RUN" 2>"$WORK/perf-record.log"
wait "$WRK_PID"
echo
echo "load: $(grep RESULT "$WORK/wrk.out")"
echo
echo "## relay CPU by binary"
perf report -i "$WORK/perf.data" --no-children --sort dso -q -g none 2>/dev/null | sed -n '1,8p'  # sed reads to the end: head would stop perf with SIGPIPE and pipefail the script (exit 141)
echo
echo "## top 40 symbols (self)"
perf report -i "$WORK/perf.data" --no-children --sort sym -q -g none 2>/dev/null | sed -n '1,40p' | cut -c1-170
log "perf.data kept in $WORK (perf report -i $WORK/perf.data)"
