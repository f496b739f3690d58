#!/usr/bin/env bash
# History and WebSocket measurements (issues: distributed history, WebSocket transport), one run, printed as tables.
# Needs redis-server (apt-get install redis-server).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }
dotnet build bench/HistoryBench -c Release -nologo -v quiet >/dev/null
dotnet bench/HistoryBench/bin/Release/net10.0/CodexRelay.HistoryBench.dll 2>/dev/null | sed -n '/^## /,$p'
