"""Start and stop the hub: a systemd service on a real server, a daemon elsewhere.

On a server that runs systemd, ``up`` installs ``coursehub.service`` and
enables it, so the hub comes back after a reboot and systemd restarts it if it
fails. Where systemd is not PID 1 the hub is started in the background with
its log in ``<state>/hub.log``; after a reboot run ``coursehub.py up`` again.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from .errors import HubError
from .settings import STATE_ENV, Settings

UNIT = "coursehub.service"
CONFIG = Path(__file__).resolve().parents[1] / "jupyterhub_config.py"


def hub_command(settings: Settings) -> list[str]:
    return [str(settings.venv / "bin" / "jupyterhub"), "-f", str(CONFIG)]


def hub_environment(settings: Settings) -> dict[str, str]:
    return {STATE_ENV: settings.state_dir, "LANG": "C.UTF-8",
            "PATH": f"{settings.venv / 'bin'}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}


def systemd_unit(settings: Settings) -> str:
    """The unit file for a server that runs systemd."""
    env = "\n".join(f"Environment={k}={v}" for k, v in hub_environment(settings).items())
    return (f"[Unit]\nDescription=Classroom JupyterHub (coursehub)\nAfter=network-online.target\n\n"
            f"[Service]\nUser=root\nWorkingDirectory={settings.state_dir}\n{env}\n"
            f"ExecStart={' '.join(hub_command(settings))}\nRestart=on-failure\n\n"
            f"[Install]\nWantedBy=multi-user.target\n")


def pid_file(settings: Settings) -> Path:
    return Path(settings.state_dir) / "hub-daemon.pid"


def running_pid(settings: Settings) -> int | None:
    try:
        pid = int(pid_file(settings).read_text())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def start(settings: Settings) -> None:
    if settings.use_systemd():
        Path("/etc/systemd/system", UNIT).write_text(systemd_unit(settings), encoding="utf-8")
        subprocess.run(["systemctl", "daemon-reload"], check=True)
        subprocess.run(["systemctl", "enable", UNIT], check=True)
        subprocess.run(["systemctl", "restart", UNIT], check=True)
    else:
        stop(settings)
        log = open(Path(settings.state_dir) / "hub.log", "ab")
        process = subprocess.Popen(hub_command(settings), cwd=settings.state_dir, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                   env=hub_environment(settings))
        pid_file(settings).write_text(str(process.pid))
    wait_until_healthy(settings)


def wait_until_healthy(settings: Settings, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{settings.url}/hub/health", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if not settings.use_systemd() and running_pid(settings) is None:
            break
        time.sleep(0.5)
    log = Path(settings.state_dir) / "hub.log"
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    raise HubError(f"JupyterHub 没有启动起来，日志的最后部分：\n{tail}",
                   "JupyterHub did not come up; see the end of the log above.")


def stop(settings: Settings, timeout: float = 60) -> None:
    """Stop the hub; it stops every student's server and the proxy on its way out."""
    if settings.use_systemd():
        subprocess.run(["systemctl", "stop", UNIT], check=False)
        return
    pid = running_pid(settings)
    if pid is None:
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and running_pid(settings):
        time.sleep(0.2)
    if running_pid(settings):
        os.killpg(pid, signal.SIGKILL)
    pid_file(settings).unlink(missing_ok=True)
