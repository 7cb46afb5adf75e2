#!/usr/bin/env bash
# `make test` runs this first: the browser tests need Chromium, and Chinese text needs a CJK
# font. Each is installed here if missing, so the README's two commands stay the whole set-up.
#   1. Debian's packages (chromium, fonts-noto-cjk) with apt, as root or with sudo that asks
#      no password;
#   2. without root: Playwright's own Chromium (a download, so it needs a normal network);
#   3. neither: one message with the command to run, and exit 1.
# Usage: tools/ensure-browser.sh PYTHON   (the project's .venv/bin/python)
set -uo pipefail
python=${1:-.venv/bin/python}

browser_found() {
    "$python" tests/site/browser_path.py >/dev/null 2>&1
}
font_found() {
    fc-list 2>/dev/null | grep -qi "noto sans cjk"
}

browser_found && font_found && exit 0

missing=()
browser_found || missing+=(chromium)
font_found || missing+=(fonts-noto-cjk)

sudo=none
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
fi
if [ "$sudo" != none ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} with apt-get (needed by the browser tests)"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >/dev/null \
        && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! browser_found; then
    echo "Installing Playwright's own Chromium (no root needed)"
    "$python" -m playwright install chromium >/dev/null 2>&1
fi

if ! browser_found; then
    cat >&2 <<'MSG'
The browser tests need Chromium, and it could not be installed here. Run one of these, then
`make test` again:
    sudo apt-get install chromium fonts-noto-cjk        (Debian, Ubuntu)
    .venv/bin/python -m playwright install chromium     (any system, needs the internet)
or point BOOK_CHROMIUM at a Chromium or Chrome you have.
MSG
    exit 1
fi
# Without the font the tests still pass, but screenshots show Chinese as boxes: say so once.
font_found || echo "Note: no CJK font (fonts-noto-cjk); Chinese text in screenshots will show as boxes." >&2
exit 0
