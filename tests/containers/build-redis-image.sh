#!/usr/bin/env bash
# Builds the local Redis image for Testcontainers where no image registry is reachable: FROM scratch, holding
# this machine's Debian redis-server and redis-cli (Testcontainers' Redis wait strategy runs `redis-cli ping`
# inside the container) and the libraries ldd lists for them.
#
# The tag is a hash of those files and of this script, so the image is built once and rebuilt only when the
# binaries (an apt upgrade) or this recipe change; older tags are removed. Uses whatever podman configuration
# the environment names (test.sh sets CONTAINERS_CONF and CONTAINERS_STORAGE_CONF to .tools/podman/).
#
# Usage: build-redis-image.sh WORK_DIR   (prints the image reference, e.g. codexrelay-test-redis:0123456789ab)
set -euo pipefail
work=${1:?usage: build-redis-image.sh WORK_DIR}
repository=codexrelay-test-redis

binaries=(/usr/bin/redis-server /usr/bin/redis-cli)
for binary in "${binaries[@]}"; do
  [ -x "$binary" ] || { echo "$binary is missing (apt-get install redis-server)" >&2; exit 1; }
done

# The libraries and the dynamic loader, by the paths ldd prints (the loader by its absolute name).
mapfile -t libraries < <(ldd "${binaries[@]}" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && NF > 1 { print $1 }' | sort -u)

hash=$( { cat "$0"; for file in "${binaries[@]}" "${libraries[@]}"; do echo "$file"; cat "$file"; done; } \
  | sha256sum | cut -c1-12)
image="$repository:$hash"

if podman image exists "$image" >/dev/null 2>&1; then
  echo "$image"
  exit 0
fi

context="$work/redis-image"
rm -rf "$context"
mkdir -p "$context/rootfs/tmp" "$context/rootfs/data"
for file in "${binaries[@]}" "${libraries[@]}"; do
  mkdir -p "$context/rootfs$(dirname "$file")"
  cp -L "$file" "$context/rootfs$file"   # -L: the file itself, not a symlink (redis-server -> redis-check-rdb)
done
chmod 1777 "$context/rootfs/tmp"

cat > "$context/Containerfile" <<'CONTAINERFILE'
FROM scratch
COPY rootfs/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WORKDIR /data
EXPOSE 6379
ENTRYPOINT ["/usr/bin/redis-server"]
CMD ["--bind", "0.0.0.0", "--protected-mode", "no", "--save", "", "--appendonly", "no"]
CONTAINERFILE

podman build --quiet --pull=never --network=none --label "org.codexrelay.binaries-hash=$hash" \
  -t "$image" -f "$context/Containerfile" "$context" >/dev/null
rm -rf "$context"

# Earlier builds (other hashes) are dead weight.
podman images --noheading --format '{{.Repository}}:{{.Tag}}' \
  | grep -E "(^|/)$repository:" | grep -v ":$hash\$" | xargs -r podman rmi --force >/dev/null 2>&1 || true

echo "$image"
