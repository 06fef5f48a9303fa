# Sourced by test.sh: the status page's browser test drives Debian's Chromium at /usr/bin/chromium
# (through Playwright, which never downloads a browser of its own here). Installed with apt-get
# where it is missing and we are root; otherwise say what to do (the test then fails saying so).
CHROMIUM=/usr/bin/chromium
if [ ! -x "$CHROMIUM" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing Debian's chromium for the status page's browser test" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "error: no Chromium at $CHROMIUM; as root run: apt-get update && apt-get install -y chromium" \
             "(the status page's browser test fails without it)" >&2
    fi
fi
