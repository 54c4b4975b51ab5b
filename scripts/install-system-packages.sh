#!/usr/bin/env bash
# System packages from Debian, installed when run as root (otherwise it says what is missing).
#   demo: Noto CJK fonts, so the charts in the Word reports render Chinese;
#   test: also Debian's Chromium (Playwright drives it: it cannot download its own browser here)
#         and LibreOffice Writer (headless), which a test uses to turn a Word report into a PDF.
set -euo pipefail
what=${1:-test}
missing=()
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ "$what" = test ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]} (apt-get install them as root)." >&2
  exit 0
fi
echo "Installing ${missing[*]} …"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
