"""Accounts: one Linux account per student (home 0700) and its hub password.

Every account this tool makes is in the group ``coursehub``; nothing here ever
changes or deletes an account outside that group, so a mistyped name cannot
remove a real user of the server.

Hub passwords live where NativeAuthenticator keeps them, the ``users_info``
table of the hub's database (bcrypt hashes). A one-time password is random,
8 characters from an alphabet without look-alikes (no 0/o, 1/l/i), and comes
with a first-login marker (see ``auth.py``).
"""
from __future__ import annotations

import csv
import grp
import os
import pwd
import secrets
import subprocess
import time
from pathlib import Path

from .errors import HubError
from .settings import Settings

GROUP = "coursehub"
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
SHELL = "/usr/sbin/nologin"  # no log-in outside the hub; students need no shell for the course


def one_time_password(length: int = 8) -> str:
    """A random password that is easy to copy from paper.

    >>> p = one_time_password()
    >>> len(p), set(p) <= set(ALPHABET)
    (8, True)
    """
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def exists(username: str) -> bool:
    try:
        pwd.getpwnam(username)
        return True
    except KeyError:
        return False


def is_ours(username: str) -> bool:
    try:
        return username in grp.getgrnam(GROUP).gr_mem
    except KeyError:
        return False


def ours() -> list[str]:
    """Every account this tool created on the machine."""
    try:
        return sorted(grp.getgrnam(GROUP).gr_mem)
    except KeyError:
        return []


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise HubError(f"命令失败：{' '.join(command)}\n{result.stderr.strip()}",
                       f"Command failed: {' '.join(command)}")


def create_account(username: str, home: Path, comment: str) -> bool:
    """Create the Linux account with a private home; False if it is already ours."""
    if exists(username):
        if not is_ours(username):
            raise HubError(f"系统里已经有一个不是课堂服务器建立的账号 {username}，不会改动它。",
                           f"An account {username} exists that coursehub did not create; left alone.")
        return False
    try:
        grp.getgrnam(GROUP)
    except KeyError:
        _run(["groupadd", "--system", GROUP])
    home.parent.mkdir(parents=True, exist_ok=True)
    _run(["useradd", "--create-home", "--home-dir", str(home), "--shell", SHELL,
          "--user-group", "--groups", GROUP, "--comment", comment, username])
    os.chmod(home, 0o700)  # no other student (nor anyone but root) may look in
    return True


def remove_account(username: str) -> None:
    """Delete one of our accounts with its home (after a backup!)."""
    if not is_ours(username):
        raise HubError(f"{username} 不是课堂服务器建立的账号，不会删除。",
                       f"{username} was not created by coursehub; not removed.")
    subprocess.run(["pkill", "-KILL", "-u", username], capture_output=True)
    for _ in range(50):  # userdel refuses while a process of the user lives
        if subprocess.run(["pgrep", "-u", username], capture_output=True).returncode != 0:
            break
        time.sleep(0.1)
    _run(["userdel", "--remove", username])


# --------------------------------------------------------------- hub passwords

def _session(settings: Settings):
    from nativeauthenticator.orm import UserInfo
    from sqlalchemy import create_engine
    from sqlalchemy.orm import sessionmaker

    engine = create_engine(f"sqlite:///{settings.db_file}")
    UserInfo.__table__.create(engine, checkfirst=True)
    return sessionmaker(bind=engine)()


def set_one_time_password(settings: Settings, username: str) -> str:
    """Give ``username`` a new one-time password (authorized) and mark first login."""
    import bcrypt
    from nativeauthenticator.orm import UserInfo

    password = one_time_password()
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
    session = _session(settings)
    try:
        info = UserInfo.find(session, username)
        if info is None:
            session.add(UserInfo(username=username, password=hashed, is_authorized=True))
        else:
            info.password, info.is_authorized = hashed, True
        session.commit()
    finally:
        session.close()
    settings.first_login_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    (settings.first_login_dir / username).touch()
    return password


def forget_password(settings: Settings, username: str) -> None:
    from nativeauthenticator.orm import UserInfo

    session = _session(settings)
    try:
        info = UserInfo.find(session, username)
        if info is not None:
            session.delete(info)
            session.commit()
    finally:
        session.close()
    (settings.first_login_dir / username).unlink(missing_ok=True)


def write_slips(settings: Settings, rows: list[tuple[str, str, str, str]]) -> Path:
    """Save (学号, 姓名, 用户名, 初始密码) rows for printing; root-only, UTF-8 with BOM."""
    folder = Path(settings.state_dir) / "passwords"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp, n = time.strftime('%Y%m%d-%H%M%S'), 1
    path = folder / f"初始密码_{stamp}.csv"
    while path.exists():  # two runs in one second
        n += 1
        path = folder / f"初始密码_{stamp}-{n}.csv"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(fd, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["学号", "姓名", "用户名", "初始密码", "网址"])
        for row in rows:
            writer.writerow([*row, settings.url])
    return path
