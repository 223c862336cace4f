"""Where the classroom server keeps things, and its numbers, in one JSON file.

Three places, each with its own owner and permissions:

- ``state_dir`` (default ``/srv/coursehub``, mode 0700, root only): the hub's
  database, cookie secret, API token, class list, passwords to hand out, logs.
- ``runtime_dir`` (default ``/opt/coursehub``, world-readable, root-owned): the
  Python environment every student's server runs in, the course folder without
  answers, the proxy. Students can read it and nothing else of the teacher's.
- ``home_base`` (default ``/home``): one home per student, mode 0700.

The settings file is ``<state_dir>/settings.json``; the hub's configuration and
every command read it, so the teacher gives the options once, to ``up``.

>>> s = Settings(state_dir="/srv/x")
>>> s.mem_limit, s.cpu_limit, str(s.settings_file)
('1G', 1.0, '/srv/x/settings.json')
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .errors import HubError

DEFAULT_STATE = "/srv/coursehub"
STATE_ENV = "COURSEHUB_STATE"


@dataclass
class Settings:
    state_dir: str = DEFAULT_STATE
    runtime_dir: str = "/opt/coursehub"
    home_base: str = "/home"
    repo: str = str(Path(__file__).resolve().parents[3])
    ip: str = ""                 # "" = every interface of the server; tests use 127.0.0.1
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    teacher: str = "teacher"
    mem_limit: str = "1G"        # per student, the whole server with its kernels
    cpu_limit: float = 1.0       # cores per student
    pids_limit: int = 256        # processes per student (stops a fork bomb)
    cull_idle_seconds: int = 3600
    spawner: str = "auto"        # auto | systemd | cgroup

    @property
    def settings_file(self) -> Path:
        return Path(self.state_dir) / "settings.json"

    @property
    def venv(self) -> Path:
        return Path(self.runtime_dir) / "venv"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def course_dir(self) -> Path:
        return Path(self.runtime_dir) / "course"

    @property
    def proxy_command(self) -> Path:
        return Path(self.runtime_dir) / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"

    @property
    def roster_file(self) -> Path:
        return Path(self.state_dir) / "roster.csv"

    @property
    def first_login_dir(self) -> Path:
        return Path(self.state_dir) / "first-login"

    @property
    def db_file(self) -> Path:
        return Path(self.state_dir) / "jupyterhub.sqlite"

    @property
    def api_token_file(self) -> Path:
        return Path(self.state_dir) / "api_token"

    @property
    def published_file(self) -> Path:
        return Path(self.state_dir) / "published.json"

    @property
    def url(self) -> str:
        return f"http://{self.ip or '127.0.0.1'}:{self.port}"

    def home_of(self, username: str) -> Path:
        return Path(self.home_base) / username

    def use_systemd(self) -> bool:
        """SystemdSpawner where systemd runs the machine (a plain school server), else cgroups."""
        if self.spawner == "auto":
            return Path("/run/systemd/system").is_dir()
        return self.spawner == "systemd"

    def save(self) -> None:
        path = self.settings_file
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(path)


def state_dir_from_env() -> str:
    return os.environ.get(STATE_ENV, DEFAULT_STATE)


def load(state_dir: str | None = None) -> Settings:
    """The settings ``up`` saved; a clear error if the hub was never set up there."""
    path = Path(state_dir or state_dir_from_env()) / "settings.json"
    if not path.exists():
        raise HubError(f"{path} 不存在：请先运行 coursehub.py up 建立课堂服务器。",
                       f"{path} is missing: run 'coursehub.py up' first.")
    data = json.loads(path.read_text(encoding="utf-8"))
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in data.items() if k in known})
