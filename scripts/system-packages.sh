#!/usr/bin/env bash
# Installs what the machine itself must have, where apt is usable: a CJK font (Chinese renders as boxes
# without one) and, for the browser tests, Debian's Chromium. Never downloads a browser of its own.
set -uo pipefail
want=()
for item in "$@"; do
  case "$item" in
    fonts) fc-list :lang=zh 2>/dev/null | grep -q . || want+=(fonts-wqy-microhei) ;;
    chromium) [ -x /usr/bin/chromium ] || want+=(chromium) ;;
  esac
done
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "请安装 / please install: ${want[*]} (apt-get install ${want[*]})" >&2
  exit 1
fi
echo "apt-get install ${want[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq "${want[@]}" >/dev/null
