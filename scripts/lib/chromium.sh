# Debian's chromium, chromium-driver, poppler-utils, qpdf and LibreOffice (Writer and Calc, without
# the desktop), installed when missing: the server prints documents to PDF with Chromium, joins
# board packs with qpdf and numbers their pages from poppler's page sizes, converts Word and Excel
# papers with LibreOffice; the tests read PDFs back with poppler, and the browser suite drives
# Chromium through chromedriver.
install_chromium() {
    if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v pdfinfo >/dev/null \
        || ! command -v qpdf >/dev/null || ! command -v soffice >/dev/null || [ ! -e /usr/lib/libreoffice/program/libsclo.so ]; then
        echo "Installing chromium, chromium-driver, poppler-utils, qpdf and LibreOffice from Debian's packages…"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils qpdf \
            libreoffice-writer-nogui libreoffice-calc-nogui >/dev/null
    fi
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
