"""A per-installation secret key kept in the data directory when none is given in the environment."""

import os
import secrets
from pathlib import Path


def secret_key_file(path: Path) -> str:
    """Return the key stored at `path`, creating it (readable by the owner only) on first use."""
    if path.exists():
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(
        path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600
    )  # never readable by others, not even briefly
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key)
    return key
