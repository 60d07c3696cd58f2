#!/usr/bin/env bash
# Debian packages the test suite uses as real tools (not mocks): pdftotext/pdftoppm (poppler-utils) to read
# and render PDFs, LibreOffice (headless) to open generated DOCX files, gettext for translation catalogues,
# Chromium for the browser tests (driven by Playwright with executable_path; no browser download).
# Installs only what is missing; safe to run repeatedly.
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive
missing=()
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
command -v msgfmt >/dev/null || missing+=(gettext)
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "dejavu" || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing from Debian: ${missing[*]}"
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
