"""Reading settings from the environment. Every setting has one definition; production only
changes the values (see docs/operations.md)."""

import os
import secrets
from pathlib import Path

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ValueError(f"{name} must be true or false, got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return default if raw is None or raw.strip() == "" else int(raw)


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def secret_key(base_dir: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in `.secret_key`.

    The file is created atomically so concurrent workers agree on the same key."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = base_dir / ".secret_key"
    if not path.exists():
        tmp = path.with_name(f".secret_key.{os.getpid()}")
        tmp.write_text(secrets.token_urlsafe(64))
        tmp.chmod(0o600)
        try:
            os.link(tmp, path)  # atomic: fails if another process was first
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip()
