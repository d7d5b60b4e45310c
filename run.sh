#!/usr/bin/env bash
# ./run.sh — the one command a newcomer runs (DESIGN §8): installs front-end packages (and, as root,
# the Debian packages PDF output needs), builds, migrates the SQLite database, seeds the demo county
# 示范县 on first run, creates the first administrator (password printed once) and serves the app.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
URLS="${YIBAO_URLS:-http://127.0.0.1:5080}"
export YIBAO_URLS="$URLS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { printf '==> %s\n' "$*"; }

command -v dotnet >/dev/null 2>&1 || { echo "需要 .NET 10 SDK（dotnet）" >&2; exit 2; }
command -v npm >/dev/null 2>&1 || { echo "需要 Node.js 与 npm（安装前端资源）" >&2; exit 2; }

# PDF export needs Chromium and CJK fonts; everything else works without them.
pdf_missing=()
[ -x /usr/bin/chromium ] || pdf_missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || pdf_missing+=(fonts-noto-cjk)
if [ ${#pdf_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "安装 PDF 输出所需的软件包：${pdf_missing[*]}"
    (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${pdf_missing[@]}" >/dev/null) \
      || echo "警告：未能安装 ${pdf_missing[*]}，PDF 导出将不可用，其余功能正常" >&2
  else
    echo "提示：PDF 导出需要 ${pdf_missing[*]}（apt-get install ${pdf_missing[*]}），其余功能不受影响" >&2
  fi
fi

if [ ! -d node_modules ]; then
  say "安装前端资源（npm ci）"
  npm ci --no-audit --no-fund --loglevel=error
fi

say "构建"
dotnet build src/Yibao.Web -c Release -v quiet -nologo >/dev/null
dotnet build src/Yibao.Cli -c Release -v quiet -nologo >/dev/null
yibao() { dotnet "$ROOT/src/Yibao.Cli/bin/Release/net10.0/yibao.dll" "$@"; }

say "迁移数据库"
yibao db migrate
say "首次运行时生成示范县演示数据"
yibao demo seed --insured "${YIBAO_DEMO_INSURED:-20000}" --if-empty
yibao admin ensure

say "启动：$URLS"
exec dotnet "$ROOT/src/Yibao.Web/bin/Release/net10.0/Yibao.Web.dll" --contentRoot "$ROOT/src/Yibao.Web"
