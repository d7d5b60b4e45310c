#!/usr/bin/env bash
# ./test.sh — the one command that proves Yibao works (DESIGN §8).
# Installs what the tests need (PostgreSQL, Chromium, fonts-noto-cjk) when missing, starts a throwaway
# PostgreSQL cluster on a free loopback port, builds, runs every test project, removes the cluster,
# prints "N passed, N failed, N skipped" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
RESULTS="$ROOT/artifacts/test-results"
PGDIR="${TMPDIR:-/tmp}/yibao-test-pg-$$"

say() { printf '==> %s\n' "$*"; }

# 1. System packages.
missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "安装测试所需的系统软件包：${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "安装失败：apt-get install ${missing[*]}" >&2; exit 2; }
    # The Debian postgresql package starts a system cluster; the tests use their own.
    command -v service >/dev/null 2>&1 && service postgresql stop >/dev/null 2>&1 || true
  else
    echo "缺少测试所需的软件包：${missing[*]}" >&2
    echo "请以 root 运行：apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
fi

# 2. Throwaway PostgreSQL.
cleanup() { scripts/pg-temp.sh stop "$PGDIR" >/dev/null 2>&1 || true; }
trap cleanup EXIT
pgenv=$(scripts/pg-temp.sh start "$PGDIR") || { echo "无法启动临时 PostgreSQL" >&2; exit 2; }
eval "$pgenv"
export YIBAO_TEST_PG
say "临时 PostgreSQL：$YIBAO_TEST_PG"

# 3. The seed disclosures are corpus-test inputs when present (they are in CI).
if [ -z "${YIBAO_CORPUS_DIR:-}" ] && [ -d "$ROOT/../shared/seeds" ]; then
  export YIBAO_CORPUS_DIR="$ROOT/../shared/seeds"
fi
export YIBAO_CHROMIUM="${YIBAO_CHROMIUM:-/usr/bin/chromium}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# 4. Build once (front-end packages come from npm through the web project's build).
say "构建"
dotnet build Yibao.slnx -c Release -v quiet -nologo || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

# 5. Run every test project.
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
say "运行测试"
dotnet test Yibao.slnx -c Release --no-build --logger "trx" --results-directory "$RESULTS" 2>&1 | tee "$RESULTS/console.log" | grep -Ev '^\s*$' | grep -E 'Passed!|Failed!|\[FAIL\]|Error Message|error|Skipped' | head -200
rc=${PIPESTATUS[0]}

# 6. One closing line.
python3 - "$RESULTS" "$rc" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
skipped_names = []
for f in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    root = ET.parse(f).getroot()
    for r in root.iterfind(".//t:UnitTestResult", ns):
        o = r.get("outcome")
        if o == "Passed":
            passed += 1
        elif o == "NotExecuted":
            skipped += 1
            skipped_names.append(r.get("testName"))
        else:
            failed += 1
if skipped_names:
    print("跳过的测试：")
    for n in skipped_names:
        print("  - " + n)
if int(sys.argv[2]) != 0 and failed == 0:
    failed = 1  # a test host crashed or the run failed outside a test
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY
