#!/usr/bin/env bash
# Debian packages the test suite uses as real tools (not mocks): pdftotext/pdftoppm (poppler-utils) to read
# and render PDFs, LibreOffice (headless) to open generated DOCX files, gettext for translation catalogues,
# Chromium for the browser tests (driven by Playwright with executable_path; no browser download), Node.js and
# npm for the OpenID Connect provider the single sign-on tests start (tests/oidc/provider, installed from its
# package-lock.json with `npm ci`), Dovecot (dovecot-imapd) as the IMAP server the invitation
# mailbox tests start on 127.0.0.1 with a temporary configuration, and msgconvert (libemail-outlook-message-perl,
# with libemail-address-perl, which it needs) as an independent reader of the test corpus's Outlook .msg files.
# Installs only what is missing; safe to run repeatedly.
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive
missing=()
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
command -v msgfmt >/dev/null || missing+=(gettext)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
fc-list 2>/dev/null | grep -qi "dejavu" || missing+=(fonts-dejavu-core)
[ -x /usr/sbin/dovecot ] && [ -e /usr/lib/dovecot/imap ] || missing+=(dovecot-imapd)
command -v msgconvert >/dev/null || missing+=(libemail-outlook-message-perl)
perl -MEmail::Address -e 1 2>/dev/null || missing+=(libemail-address-perl)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing from Debian: ${missing[*]}"
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
provider="$(dirname "$0")/../tests/oidc/provider"
if [ ! -d "$provider/node_modules/oidc-provider" ]; then
    echo "Installing the test OpenID provider (npm ci)"
    (cd "$provider" && npm ci --no-audit --no-fund --silent)
fi
