# Debian's chromium, chromium-driver and poppler-utils, installed when missing: the server prints
# documents to PDF with Chromium, the tests read PDFs back with poppler, and the browser suite
# drives Chromium through chromedriver.
install_chromium() {
    if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v pdfinfo >/dev/null; then
        echo "Installing chromium, chromium-driver and poppler-utils from Debian's packages…"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null
    fi
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
