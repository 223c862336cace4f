"""Log-in: NativeAuthenticator with pre-created accounts and a first-login password change.

Why not open sign-up. NativeAuthenticator can let students sign up and choose
a password, but then whoever types a classmate's 学号 first owns that account.
So sign-up is off; the teacher's ``coursehub.py up`` creates every account from
the class list with a one-time password printed on a slip. At the first log-in
the student lands on “修改密码” and cannot start a server until they have set a
password of their own. A forgotten password: the teacher runs
``coursehub.py reset-password 学号`` and hands out a new slip, same rule.

The rule is one marker file per student in ``<state>/first-login/``: written by
the command line when it sets a one-time password, removed here when the
student sets their own. Files, because the command line and the running hub are
two processes and a file is created or removed atomically.
"""
from __future__ import annotations

from pathlib import Path

from jupyterhub.handlers.login import LoginHandler
from nativeauthenticator import NativeAuthenticator
from traitlets import Unicode


class CourseAuthenticator(NativeAuthenticator):
    """NativeAuthenticator that re-reads passwords and enforces the first-login change."""

    first_login_dir = Unicode("", config=True, help="Folder of 'must change password' markers.")

    def get_handlers(self, app):
        # NativeAuthenticator 1.3's own log-in page calls handler.statsd, which JupyterHub 6
        # removed (every log-in fails with a 500); JupyterHub's page does the same job.
        # No sign-up page at all: accounts come from the class list only.
        return [(r"/login", LoginHandler) if path == r"/login" else (path, handler)
                for path, handler in super().get_handlers(app) if path != r"/signup"]

    def get_user(self, username):
        info = super().get_user(username)
        if info is not None:
            # The command line sets passwords from another process: read the row afresh.
            self.db.refresh(info)
        return info

    def must_change_password(self, username: str) -> bool:
        return bool(self.first_login_dir) and (Path(self.first_login_dir) / username).exists()

    def change_password(self, username, new_password):
        info = self.get_user(username)
        if info is not None and self.must_change_password(username) \
                and info.is_valid_password(new_password):
            return None  # the one-time password cannot become the real one
        changed = super().change_password(username, new_password)
        if changed and self.first_login_dir:
            (Path(self.first_login_dir) / username).unlink(missing_ok=True)
        return changed


def first_page(handler) -> str:
    """``JupyterHub.default_url``: the password page until it is changed, else the usual ("")."""
    user = handler.current_user
    if user is not None and handler.authenticator.must_change_password(user.name):
        return handler.hub.base_url + "change-password"
    return ""


def refuse_spawn_before_password(spawner) -> None:
    """``Spawner.pre_spawn_hook``: no server until the one-time password is replaced."""
    authenticator = spawner.authenticator
    if authenticator.must_change_password(spawner.user.name):
        raise RuntimeError("请先修改初始密码：打开 /hub/change-password。"
                           "(Set your own password first, at /hub/change-password.)")
