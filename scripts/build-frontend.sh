#!/usr/bin/env bash
# Builds the Vue front end into src/jxc/web with the venv's pinned Node — only when its sources changed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
web=src/jxc/web
inputs=()
for p in src public scripts index.html package.json package-lock.json vite.config.ts vitest.config.ts tsconfig*.json; do
  [ -e "frontend/$p" ] && inputs+=("$p")
done
hash=$(cd frontend && find "${inputs[@]}" -type f -not -name '*.d.ts.tmp' | LC_ALL=C sort | xargs sha256sum \
         | sha256sum | cut -c1-16)
if [ -f "$web/index.html" ] && [ "$(cat "$web/.build-stamp" 2>/dev/null)" = "$hash" ]; then
  exit 0
fi
lock=$(sha256sum frontend/package-lock.json | cut -c1-16)
if [ "$(cat frontend/node_modules/.jxc-lock 2>/dev/null)" != "$lock" ]; then
  echo "npm ci（首次约 30 秒）/ installing front-end packages"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock" > frontend/node_modules/.jxc-lock
fi
echo "构建前端 / building the front end"
(cd frontend && npm run --silent build)
echo "$hash" > "$web/.build-stamp"
