"""JupyterHub configuration of the classroom server (read by ``jupyterhub -f``).

Every number comes from ``<state>/settings.json``, written by ``coursehub.py up``;
``COURSEHUB_STATE`` says where the state folder is (default /srv/coursehub).
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from coursehub import auth, settings as hub_settings  # noqa: E402

c = get_config()  # noqa: F821  (provided by JupyterHub when it loads this file)
s = hub_settings.load()
state = Path(s.state_dir)

# -- where the hub listens and keeps its state --------------------------------------
c.JupyterHub.bind_url = f"http://{s.ip}:{s.port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = s.hub_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{s.proxy_api_port}"
c.ConfigurableHTTPProxy.command = [str(s.proxy_command)]
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{s.db_file}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.JupyterHub.template_paths = [str(HERE / "templates")]  # Chinese log-in and password pages
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every student's server

# -- log-in: accounts made from the class list, one-time passwords, no sign-up ------
c.JupyterHub.authenticator_class = auth.CourseAuthenticator
c.CourseAuthenticator.enable_signup = False
c.CourseAuthenticator.first_login_dir = str(s.first_login_dir)
c.CourseAuthenticator.minimum_password_length = 6
c.CourseAuthenticator.check_common_password = True
c.CourseAuthenticator.allowed_failed_logins = 10
c.CourseAuthenticator.seconds_before_next_try = 60
c.CourseAuthenticator.allow_all = True  # only accounts the teacher created can log in at all
c.CourseAuthenticator.admin_users = {s.teacher}
c.JupyterHub.default_url = auth.first_page

# -- each student's server: JupyterLab as their own account, in their home ---------
c.Spawner.cmd = [str(s.venv / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.args = ["--ServerApp.terminals_enabled=False"]  # accounts have no shell; the course needs none
# Kernels keep TCP on 127.0.0.1. With a class starting kernels at once, two students' servers
# can pick the same free port ("Address already in use"); the kernel restarter then retries on
# new ports. IPC sockets would avoid that but break on long home paths (a socket path is at
# most 107 bytes), so they are not used.
c.Spawner.environment = {"PATH": f"{s.venv / 'bin'}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
c.Spawner.mem_limit = s.mem_limit
c.Spawner.cpu_limit = s.cpu_limit
# A whole class asks for its servers in the same minute; on a small server that queues up
# (measured: benchmarks/README.md). Better a slow start than a failed one.
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.Spawner.pre_spawn_hook = auth.refuse_spawn_before_password

if s.use_systemd():
    # A plain school server: systemd runs each server as a unit with real limits.
    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    c.SystemdSpawner.dynamic_users = False          # the students' own accounts and homes
    c.SystemdSpawner.user_workingdir = s.home_base + "/{USERNAME}"
    c.SystemdSpawner.unit_name_template = "coursehub-{USERNAME}"
    c.SystemdSpawner.isolate_tmp = True             # a private /tmp per student
    c.SystemdSpawner.isolate_devices = True
    c.SystemdSpawner.disable_user_sudo = True
    c.SystemdSpawner.readonly_paths = [s.runtime_dir]
    c.SystemdSpawner.unit_extra_properties = {"TasksMax": str(s.pids_limit)}
else:
    # No systemd as PID 1 (containers, CI): the same limits from cgroup v1 directly.
    from coursehub.spawner import CgroupSpawner

    c.JupyterHub.spawner_class = CgroupSpawner
    c.CgroupSpawner.pids_limit = s.pids_limit

# -- services: idle servers are stopped, and the command line may manage the hub ----
token_file = Path(s.api_token_file)
c.JupyterHub.services = [
    {"name": "idle-culler",
     "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                 f"--timeout={s.cull_idle_seconds}", "--cull-every=60"]},
    {"name": "coursehub-admin", "api_token": token_file.read_text().strip()},
]
c.JupyterHub.load_roles = [
    {"name": "idle-culler", "services": ["idle-culler"],
     "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
    {"name": "coursehub-admin", "services": ["coursehub-admin"],
     "scopes": ["admin:users", "admin:servers", "list:users", "read:users", "tokens", "access:servers"]},
]
