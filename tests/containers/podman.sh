# Sourced by test.sh: a Docker-API engine for Testcontainers where no Docker engine answers, from Debian's podman.
#
#   podman_engine_start DIR   installs podman and runc if missing, writes a configuration of the run's own under
#                             DIR (nothing under /etc is read or changed), clears what a killed run left, picks the
#                             container network (a free 198.19.N.0/24, bridge cxrtestN), builds the local Redis
#                             image, proves a container runs and its port answers, then serves the Docker API on
#                             DIR/podman.sock. Sets PODMAN_SOCKET, PODMAN_IMAGE, PODMAN_VERSION and PODMAN_SUBNET and
#                             returns 0, or sets PODMAN_PROBLEM, cleans up and returns 1.
#   podman_engine_stop        removes the run's containers, stops the service by its PID and removes the bridge;
#                             safe to call twice.
#
# Why this configuration: podman's default runtime, crun, is refused setrlimit(RLIMIT_NOFILE) in our sandbox and
# then fails on hybrid cgroups; runc with the cgroupfs manager and no default ulimits runs containers there. No
# image registry is reachable, so the Redis image is built locally (build-redis-image.sh), and Ryuk, whose image
# cannot be pulled either, is off: this script removes the containers instead.

PODMAN_DIR=""
PODMAN_SOCKET=""
PODMAN_IMAGE=""
PODMAN_VERSION=""
PODMAN_PROBLEM=""
PODMAN_SERVICE_PID=""
PODMAN_SUBNET=""
PODMAN_BRIDGE=""

_podman_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# True while PID runs (a zombie, exited but not yet reaped, does not count).
_podman_alive() {
  local state
  state=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
  [ -n "$state" ] && [ "$state" != Z ]
}

_podman_ip_number() {
  local IFS=.
  set -- $1
  echo $(( ($1 << 24) + ($2 << 16) + ($3 << 8) + $4 ))
}

# True if no route on the machine (any table) overlaps 198.19.$1.0/24.
_podman_subnet_free() {
  local low high destination network length start end
  low=$(_podman_ip_number "198.19.$1.0")
  high=$((low + 255))
  while read -r destination; do
    case "$destination" in default|"") continue ;; esac
    network=${destination%/*}
    length=32
    [ "$network" != "$destination" ] && length=${destination#*/}
    start=$(_podman_ip_number "$network")
    end=$((start + (1 << (32 - length)) - 1))
    [ "$end" -lt "$low" ] || [ "$start" -gt "$high" ] || return 1
  done < <(ip -4 -o route show table all 2>/dev/null \
             | awk '$1 ~ /^(local|broadcast|unicast|multicast|anycast|blackhole|unreachable|prohibit|throw|nat)$/ { print $2; next } { print $1 }')
}

# The run's network: 198.19.N.0/24 and bridge cxrtestN, N from a hash of the checkout's folder, or the next one
# that no route overlaps (another checkout's run, or another test network on this machine).
_podman_pick_network() {
  local first candidate i
  first=$(( $(echo "$PODMAN_DIR" | cksum | cut -d' ' -f1) % 250 + 1 ))
  for i in $(seq 0 249); do
    candidate=$(( (first - 1 + i) % 250 + 1 ))
    if _podman_subnet_free "$candidate" && ! ip link show "cxrtest$candidate" >/dev/null 2>&1; then
      PODMAN_SUBNET="198.19.$candidate"
      PODMAN_BRIDGE="cxrtest$candidate"
      echo "$PODMAN_BRIDGE" > "$PODMAN_DIR/bridge"
      return 0
    fi
  done
  return 1
}

# The bridge a run of this checkout made (this one, or a killed one): ours to remove once its containers are gone.
_podman_remove_bridge() {
  local bridge
  bridge=$(cat "$PODMAN_DIR/bridge" 2>/dev/null)
  if [ -n "$bridge" ] && ip link show "$bridge" >/dev/null 2>&1; then
    ip link delete "$bridge" >> "$PODMAN_DIR/podman.log" 2>&1
  fi
  rm -f "$PODMAN_DIR/bridge"
  rm -rf "$PODMAN_DIR/cni-ipam"
}

_podman_fail() {
  PODMAN_PROBLEM=$1
  podman_engine_stop
  return 1
}

# Stops a podman service a killed run left behind: by the PID it recorded, and only if that PID still is
# `podman system service` on this run's socket.
_podman_stop_recorded_service() {
  local pid_file="$PODMAN_DIR/service.pid" pid
  [ -f "$pid_file" ] || return 0
  pid=$(cat "$pid_file" 2>/dev/null)
  if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] \
     && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "system service .*unix://$PODMAN_DIR/podman.sock"; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 50); do _podman_alive "$pid" || break; sleep 0.1; done
    _podman_alive "$pid" && kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$pid_file"
}

podman_engine_start() {
  PODMAN_DIR=$1
  PODMAN_PROBLEM=""
  local log="$PODMAN_DIR/podman.log"

  local missing=()
  command -v podman >/dev/null 2>&1 || missing+=(podman)
  command -v runc >/dev/null 2>&1 || missing+=(runc)
  command -v iptables >/dev/null 2>&1 || missing+=(iptables)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v ip >/dev/null 2>&1 || missing+=(iproute2)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} (a Docker-API engine for Testcontainers)"
    if ! { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }; then
      PODMAN_PROBLEM="${missing[*]} missing, and apt-get is not available as root to install them"
      return 1
    fi
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
         > "$PODMAN_DIR.apt.log" 2>&1; then
      PODMAN_PROBLEM="apt-get install ${missing[*]} failed ($(tail -n 1 "$PODMAN_DIR.apt.log"))"
      return 1
    fi
  fi

  mkdir -p "$PODMAN_DIR/cni" "$PODMAN_DIR/run"
  sed "s#@PODMAN_DIR@#$PODMAN_DIR#g" "$_podman_here/containers.conf.in" > "$PODMAN_DIR/containers.conf"
  sed "s#@PODMAN_DIR@#$PODMAN_DIR#g" "$_podman_here/storage.conf.in" > "$PODMAN_DIR/storage.conf"
  export CONTAINERS_CONF="$PODMAN_DIR/containers.conf"
  export CONTAINERS_STORAGE_CONF="$PODMAN_DIR/storage.conf"
  # Short names resolve to local images only; nothing is pulled by accident.
  printf 'unqualified-search-registries = []\nshort-name-mode = "permissive"\n' > "$PODMAN_DIR/registries.conf"
  export CONTAINERS_REGISTRIES_CONF="$PODMAN_DIR/registries.conf"
  : > "$log"

  # What a killed run left: its service, its socket, its containers (all containers in this storage are ours),
  # and its run-time state (which survives a reboot here, not being on a tmpfs).
  _podman_stop_recorded_service
  rm -f "$PODMAN_DIR/podman.sock"
  podman rm --all --force --time 0 >> "$log" 2>&1
  rm -rf "$PODMAN_DIR/run"
  mkdir -p "$PODMAN_DIR/run"
  podman rm --all --force --time 0 >> "$log" 2>&1
  _podman_remove_bridge

  _podman_pick_network || { _podman_fail "no free /24 in 198.19.0.0/16 for the container network"; return 1; }
  rm -f "$PODMAN_DIR"/cni/*.conflist
  sed "s#@PODMAN_DIR@#$PODMAN_DIR#g; s#@BRIDGE@#$PODMAN_BRIDGE#g; s#@SUBNET@#$PODMAN_SUBNET#g" \
    "$_podman_here/cni-network.conflist.in" > "$PODMAN_DIR/cni/codexrelay-tests.conflist"

  PODMAN_VERSION=$(podman version --format '{{.Client.Version}}' 2>> "$log") \
    || { _podman_fail "podman does not run ($(tail -n 1 "$log"))"; return 1; }

  PODMAN_IMAGE=$("$_podman_here/build-redis-image.sh" "$PODMAN_DIR" 2>> "$log") \
    || { _podman_fail "the local Redis image did not build ($(tail -n 1 "$log"))"; return 1; }

  # A container must start, publish its port on loopback and answer there, or Testcontainers will not do better.
  local smoke port
  smoke=$(podman run --detach --rm --publish 127.0.0.1::6379 "$PODMAN_IMAGE" 2>> "$log") \
    || { _podman_fail "podman cannot start a container ($(tail -n 1 "$log"))"; return 1; }
  port=$(podman port "$smoke" 6379 2>> "$log" | head -n 1 | sed 's/.*://')
  local answered=""
  for _ in $(seq 1 300); do   # up to 30 s: a loaded 2-core machine can take seconds to start one
    if [ -n "$port" ] && [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ]; then answered=1; break; fi
    sleep 0.1
  done
  podman rm --force --time 0 "$smoke" >> "$log" 2>&1
  [ -n "$answered" ] || { _podman_fail "a Redis container started but did not answer on its published port ${port:-?}"; return 1; }

  PODMAN_SOCKET="$PODMAN_DIR/podman.sock"
  podman system service --time=0 "unix://$PODMAN_SOCKET" >> "$PODMAN_DIR/service.log" 2>&1 &
  PODMAN_SERVICE_PID=$!
  echo "$PODMAN_SERVICE_PID" > "$PODMAN_DIR/service.pid"
  for _ in $(seq 1 100); do
    if [ "$(curl -sS --max-time 2 --unix-socket "$PODMAN_SOCKET" http://podman/_ping 2>/dev/null)" = OK ]; then
      return 0
    fi
    _podman_alive "$PODMAN_SERVICE_PID" || break
    sleep 0.1
  done
  _podman_fail "podman system service did not answer on $PODMAN_SOCKET ($(tail -n 1 "$PODMAN_DIR/service.log"))"
  return 1
}

podman_engine_stop() {
  [ -n "$PODMAN_DIR" ] || return 0
  # Containers a killed test host left (Ryuk is off), before the service that may be serving them goes.
  if [ -n "${CONTAINERS_CONF:-}" ] && command -v podman >/dev/null 2>&1; then
    podman rm --all --force --time 0 >> "$PODMAN_DIR/podman.log" 2>&1
  fi
  if [ -n "$PODMAN_SERVICE_PID" ]; then
    kill "$PODMAN_SERVICE_PID" 2>/dev/null
    for _ in $(seq 1 50); do _podman_alive "$PODMAN_SERVICE_PID" || break; sleep 0.1; done
    _podman_alive "$PODMAN_SERVICE_PID" && kill -KILL "$PODMAN_SERVICE_PID" 2>/dev/null
    wait "$PODMAN_SERVICE_PID" 2>/dev/null
    PODMAN_SERVICE_PID=""
  fi
  rm -f "$PODMAN_DIR/service.pid" "$PODMAN_DIR/podman.sock"
  _podman_remove_bridge
}
