#!/usr/bin/env bash
# Throwaway PostgreSQL cluster on a free loopback port, for tests and benchmarks.
#   scripts/pg-temp.sh start [DIR]   -> prints: export YIBAO_TEST_PG='Host=127.0.0.1;Port=N;Username=postgres;Database=postgres'
#   scripts/pg-temp.sh stop  [DIR]   -> stops the cluster and removes DIR
# DIR defaults to /tmp/yibao-pg-$USER. Needs PostgreSQL's server binaries (Debian package postgresql).
set -euo pipefail
cmd=${1:-}
dir=${2:-/tmp/yibao-pg-$(id -un)}

find_bin() {
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

BIN=$(find_bin) || { echo "找不到 PostgreSQL 服务器程序（pg_ctl）。请安装：apt-get install postgresql" >&2; exit 2; }

# initdb refuses to run as root: run the cluster as the 'postgres' system user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

case "$cmd" in
  start)
    if [ -f "$dir/port" ] && as_owner "$BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      port=$(cat "$dir/port")
    else
      rm -rf "$dir"; mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && { id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres; chown postgres "$dir"; }
      port=$(free_port)
      as_owner "$BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
      as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
      echo "$port" | as_owner tee "$dir/port" >/dev/null
    fi
    echo "export YIBAO_TEST_PG='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "用法：$0 start|stop [DIR]" >&2; exit 2 ;;
esac
