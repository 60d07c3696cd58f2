# Sourced by scripts/run.sh and scripts/test.sh: builds .venv from uv.lock on a fresh Debian machine that has
# only Python 3.11 and apt. Safe to run repeatedly; it only does what is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

UV_VERSION="0.13.9"
export UV_PYTHON_DOWNLOADS=never UV_PROJECT_ENVIRONMENT=.venv UV_LINK_MODE=copy

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! python3 -c "import ensurepip, venv" 2>/dev/null; then
    echo "Installing python3-venv from Debian's packages ..."
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
if ! .tools/uv/bin/uv --version 2>/dev/null | grep -q "^uv ${UV_VERSION}"; then
    rm -rf .tools/uv
    if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
        .venv/bin/python -m ensurepip --upgrade >/dev/null  # `uv sync` removes pip from .venv
    fi
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --target .tools/uv "uv==${UV_VERSION}"
fi
.tools/uv/bin/uv sync --frozen --quiet --python .venv/bin/python
