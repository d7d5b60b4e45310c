#!/usr/bin/env bash
# scripts/crash-replay.sh — SIGKILL crash-replay test of online settlement on PostgreSQL.
# Starts the real web app as a separate process on a fresh PostgreSQL database, drives outpatient settlements
# (2201 + 2204 with 20 lines + 2207, each with its msgid) from a second process, SIGKILLs the app mid-load,
# restarts it, replays every request whose answer was not received (same msgid, same body), then checks:
# each acknowledged settlement exists exactly once, accumulators = Σ settlements per person, every journal
# entry balances, the trial balance balances. Exit 0 when all hold.
#   CONFIG=Release scripts/crash-replay.sh        (uses YIBAO_TEST_PG when set, else a throwaway cluster from pg-temp.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CONFIG=${CONFIG:-Debug}
SECONDS_LOAD=${CRASH_SECONDS:-12}
APP="$ROOT/src/Yibao.Web/bin/$CONFIG/net10.0/Yibao.Web.dll"
TOOL="$ROOT/bench/Yibao.LoadTest/bin/$CONFIG/net10.0/Yibao.LoadTest.dll"

if [ ! -f "$APP" ] || [ ! -f "$TOOL" ]; then
  echo "==> 构建 Yibao.Web 与 Yibao.LoadTest（$CONFIG）"
  dotnet build src/Yibao.Web -c "$CONFIG" -v quiet -nologo >/dev/null
  dotnet build bench/Yibao.LoadTest -c "$CONFIG" -v quiet -nologo >/dev/null
fi

PGDIR=""
if [ -z "${YIBAO_TEST_PG:-}" ]; then
  PGDIR=$(mktemp -d /tmp/yibao-crash-pg.XXXXXX)
  trap 'scripts/pg-temp.sh stop "$PGDIR" >/dev/null 2>&1 || true' EXIT
  eval "$(scripts/pg-temp.sh start "$PGDIR")"
fi

# The app runs as a settlement front, with request code on the I/O threads (YIBAO_INLINE_IO, ADR-0005), as the load
# figures were measured; YIBAO_INLINE_IO=0 runs the default scheduling instead.
export YIBAO_INLINE_IO="${YIBAO_INLINE_IO:-1}"

# A fresh database in the cluster (EF creates it on migrate).
DB="${YIBAO_TEST_PG/Database=postgres/Database=yibao_crash_$$_$RANDOM}"
exec dotnet "$TOOL" crash --app "$APP" --provider postgres --db "$DB" --root "$ROOT" --seconds "$SECONDS_LOAD" --concurrency 8
