#!/usr/bin/env bash
# Installs what the console's browser tests need, when missing: Debian's chromium and
# chromium-driver (Playwright's own browser download cannot be reached) and CJK fonts so that
# screenshots of the Chinese labels are legible. Needs root (apt-get); run by scripts/test.sh.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if ((${#missing[@]} == 0)); then
  exit 0
fi
if [[ $(id -u) != 0 ]]; then
  echo "setup-browser: missing ${missing[*]}; run as root or: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "setup-browser: installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
