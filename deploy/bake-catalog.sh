#!/usr/bin/env bash
# Bakes Codex's own model catalog into a file: the gateway's catalog template
# (CODEX_RELAY_CATALOG_TEMPLATE), the source of each /v1/codex/models entry's instructions.
# The gateway image runs it at build time, so a pod never needs the Codex CLI or npm.
#
#   deploy/bake-catalog.sh OUTPUT.json
#
# CODEX_RELAY_BAKE_CODEX=/path/to/codex uses a Codex CLI already installed (./test.sh puts one in
# .tools/node/node_modules/.bin/codex) instead of installing @openai/codex with npm. Either way the CLI
# must be the version the repository tests, CODEX_VERSION (0.169.0, as in test.sh).
set -euo pipefail

codex_version="${CODEX_VERSION:-0.169.0}"
output="${1:?usage: deploy/bake-catalog.sh OUTPUT.json}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

codex="${CODEX_RELAY_BAKE_CODEX:-}"
if [ -z "$codex" ]; then
  echo "bake-catalog: installing @openai/codex@$codex_version" >&2
  npm install --prefix "$work/npm" --no-audit --no-fund --loglevel=error "@openai/codex@$codex_version" >&2
  codex="$work/npm/node_modules/.bin/codex"
fi

version=$("$codex" --version 2>/dev/null || true)
case "$version" in
  *"$codex_version"*) ;;
  *) echo "bake-catalog: $codex is '$version', expected Codex $codex_version" >&2; exit 1 ;;
esac

# Codex may write under its home; a throw-away one keeps the build (and the caller's ~/.codex) clean.
mkdir -p "$work/home"
CODEX_HOME="$work/home" "$codex" debug models --bundled > "$work/catalog.json"

# The relay needs at least one entry with instructions; refuse to bake anything else.
node -e '
  const catalog = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const models = Array.isArray(catalog.models) ? catalog.models : [];
  const usable = models.filter(m => typeof m.base_instructions === "string"
    || typeof (m.model_messages || {}).instructions_template === "string");
  if (usable.length === 0) { console.error("bake-catalog: no model entry with instructions"); process.exit(1); }
  console.error(`bake-catalog: ${models.length} models, ${usable.length} with instructions`);
' "$work/catalog.json"

mkdir -p "$(dirname "$output")"
cp "$work/catalog.json" "$output"
echo "bake-catalog: wrote $output (Codex $codex_version)" >&2
