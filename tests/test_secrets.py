"""The per-installation secret key file."""

import stat

from arena.secrets import secret_key_file


def test_key_is_created_private_and_then_reused(tmp_path):
    path = tmp_path / "data" / "secret-key"
    key = secret_key_file(path)
    assert len(key) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_key_file(path) == key
    assert secret_key_file(tmp_path / "other") != key
