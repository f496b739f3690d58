# shellcheck shell=bash
# Helpers the bench scripts share (run.sh, keys.sh, telemetry.sh, added.sh, profile.sh). Sourced, never run:
#   source "$ROOT/bench/lib.sh"   (after ROOT and WORK are set; it only defines functions)
# Globals the functions read: ROOT (the repository), WORK (the run's directory), PIDS (processes cleanup stops),
# LOG_TAG (log's prefix, e.g. "bench added" -> "[bench added] ..."; "bench" when unset), SECONDS_PER_RUN (wrk_run).
#   log, need_tools, build_release, cleanup       messages on stderr, apt-get installs, Release builds, stopping PIDS
#   free_port, wait_ready                         loopback ports, readiness (60 s, then the script exits)
#   write_static_sse, write_static_nginx_conf     the static Chat upstream: its SSE answer and its nginx
#   nginx_conf_head, write_proxy_nginx_conf       an nginx.conf's common top; a plain reverse proxy's conf
#   wrk_run, field, errors, ms, diff_ms, le, row  wrk RESULT lines and the table rows made of them
#   paired, wait_quiet                            medians of back-to-back differences; waiting for a quiet machine
# What only one script needs, or what differs between them (keys.sh's and telemetry.sh's own wrk_run, run.sh's and
# keys.sh's verdict, the median helpers, profile.sh's upstream), stays in that script.

log() { echo "[${LOG_TAG:-bench}] $*" >&2; }

need_tools() {  # tool[:apt-package]... -> installs (apt-get) the package of each tool not on PATH
  local tool package
  for tool in "$@"; do
    package=${tool#*:}; tool=${tool%%:*}
    command -v "$tool" >/dev/null || { log "installing $package"; apt-get install -y -qq "$package" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$package" >/dev/null; }; }
  done
}

build_release() {  # project... (paths below ROOT) -> dotnet build -c Release of each; on failure prints the log and exits
  local project
  for project in "$@"; do
    dotnet build -c Release -nologo -v q "$ROOT/$project" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
  done
}

cleanup() {  # SIGTERM to every PID, SIGKILL to what still runs 5 s later (a silo whose Redis is gone retries its goodbye)
  local pid _
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && break; pid=""; done
    [ -z "$pid" ] && break; sleep 0.1
  done
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_ready() { for _ in $(seq 1 120); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; log "not ready: $1"; exit 1; }

write_static_sse() {  # file -> the static Chat upstream's answer: 20 content chunks, finish, usage, [DONE]
  python3 - "$1" <<'PY'
import json, sys
def chunk(delta, finish=None):
    return "data: " + json.dumps({"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "m",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}, separators=(",", ":")) + "\n\n"
sse = chunk({"role": "assistant", "content": ""}) + "".join(chunk({"content": f"w{i} "}) for i in range(20))
sse += chunk({}, "stop") + 'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":20,"total_tokens":30}}\n\n'
sse += "data: [DONE]\n\n"
open(sys.argv[1], "w").write(sse)
PY
}

# port [workers [connections [listen-options [more-http]]]] -> $WORK/nginx.conf (temp paths in $WORK/nginx): the static
# Chat upstream on 127.0.0.1:port, /v1/models and $WORK/upstream.sse to anything else; more-http: lines added inside
# http after it (run.sh's floor proxy). Defaults: 1 worker, 1024 connections, no listen options.
write_static_nginx_conf() {
  local port=$1 workers=${2:-1} connections=${3:-1024} listen_options=${4:-} more_http=${5:-}
  {
    nginx_conf_head nginx "$workers" "$connections"
    cat <<NGINX
  server {   # the static Chat upstream
    listen 127.0.0.1:$port$listen_options;
    location /v1/models { default_type application/json; return 200 '{"object":"list","data":[{"id":"fake-model","object":"model"}]}'; }
    location / { default_type text/event-stream; return 200 '$(cat "$WORK/upstream.sse")'; }
  }
NGINX
    [ -z "$more_http" ] || printf '%s\n' "$more_http"
    echo "}"
  } >"$WORK/nginx.conf"
}

# name workers connections -> on stdout, the top of an nginx.conf whose pid, error log and temp folders are
# $WORK/name.pid, $WORK/name-error.log and $WORK/name/ (made here), up to the open http block; the caller closes it.
nginx_conf_head() {
  local name=$1 workers=$2 connections=$3
  mkdir -p "$WORK/$name"
  cat <<NGINX
worker_processes $workers;
pid $WORK/$name.pid;
error_log $WORK/$name-error.log warn;
events { worker_connections $connections; }
http {
  access_log off;
  client_body_temp_path $WORK/$name/body; proxy_temp_path $WORK/$name/proxy;
  fastcgi_temp_path $WORK/$name/fastcgi; uwsgi_temp_path $WORK/$name/uwsgi; scgi_temp_path $WORK/$name/scgi;
  client_max_body_size 64m; client_body_buffer_size 256k; keepalive_requests 100000;
NGINX
}

# "listen-port upstream-port"... -> $WORK/proxy.conf: a plain reverse proxy, one worker, from each listen port to its
# upstream port on loopback (keep-alive to the upstream, proxy_buffering off), run as its own nginx process.
write_proxy_nginx_conf() {
  local pair listen upstream
  {
    nginx_conf_head proxy 1 1024
    for pair in "$@"; do
      read -r listen upstream <<<"$pair"
      echo "  upstream up$listen { server 127.0.0.1:$upstream; keepalive 64; }"
      echo "  server { listen 127.0.0.1:$listen; location / { proxy_pass http://up$listen; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_buffering off; } }"
    done
    echo "}"
  } >"$WORK/proxy.conf"
}

wrk_run() {  # connections url body [count] -> RESULT line (SECONDS_PER_RUN s long, or until count requests are answered)
  local c=$1 url=$2 body=$3 count=${4:-}
  if [ -n "$count" ]; then
    rm -f "$WORK/wrk.done"
    wrk -t1 -c"$c" -d120s --timeout 10s -s "$ROOT/bench/post_count.lua" "$url" -- "$body" "$count" "$WORK/wrk.done" >"$WORK/wrk.out" &
    local wrk_pid=$!
    for _ in $(seq 1 1200); do [ -e "$WORK/wrk.done" ] && break; sleep 0.1; done
    kill -INT "$wrk_pid" 2>/dev/null || true; wait "$wrk_pid" || true
    grep '^RESULT' "$WORK/wrk.out"
  else
    wrk -t1 -c"$c" -d"${SECONDS_PER_RUN}s" --timeout 10s -s "$ROOT/bench/post.lua" "$url" -- "$body" | grep '^RESULT'
  fi
}
field() { sed -n "s/.*[ ]$2=\([^ ]*\).*/\1/p" <<<"$1"; }  # RESULT-line name -> its value
errors() { echo $(( $(field "$1" errors) + $(field "$1" non2xx) )); }
ms() { awk -v us="$1" 'BEGIN { printf "%.3f", us / 1000 }'; }
diff_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (a - b) / 1000 }'; }
le() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? 1 : 0 }'; }
row() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }

paired() {  # after-file before-file field -> median over rounds of (after - before), in ms: each pair ran back to back
  python3 - "$1" "$2" "$3" <<'PY'
import statistics, sys
read = lambda f: [int(dict(kv.split("=") for kv in l.split()[1:])[sys.argv[3]]) for l in open(f) if l.startswith("RESULT")]
print("%.3f" % (statistics.median(a - b for a, b in zip(read(sys.argv[1]), read(sys.argv[2]))) / 1000))
PY
}

wait_quiet() {  # the 1-minute load average above BENCH_MAX_LOAD (1.5): wait up to BENCH_LOAD_WAIT s (120) for it to fall
  local max=${BENCH_MAX_LOAD:-1.5} waited=0
  while [ "$(awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v m="$max" 'BEGIN { print (l > m) }')" = 1 ] && [ "$waited" -lt "${BENCH_LOAD_WAIT:-120}" ]; do
    log "load average $(cut -d' ' -f1-3 /proc/loadavg) > $max: waiting"; sleep 20; waited=$((waited + 20))
  done
  log "load average $(cut -d' ' -f1-3 /proc/loadavg) at the start of: $1"
}
