"""The classroom server: one JupyterHub for a whole class on one school machine.

Modules, one concern each:

``errors``    the one exception type, worded in Chinese then English
``settings``  where things live (state, runtime, homes) and the hub's numbers
``roster``    the class list (学号/姓名 spreadsheet, .xlsx or .csv, UTF-8 or GBK)
``accounts``  system accounts, hub passwords and the first-login rule
``limits``    per-student memory/CPU/process limits with cgroup v1
``spawner``   the spawner used where PID 1 is not systemd (LocalProcessSpawner + limits)
``auth``      NativeAuthenticator with pre-created accounts and a forced first password change
``install``   the runtime environment (Python venv, course folder, proxy); standard library only
``service``   start and stop the hub (systemd unit on a real server, a daemon elsewhere)
``handout``   copy a unit into every student's home, never overwriting
``collect``   gather a unit's notebooks as 学号_姓名_单元.ipynb and grade them
``client``    drive a student's server over HTTP (used by ``check``, the test and the benchmark)
``cli``       the command line: ``python3 deploy/jupyterhub/coursehub.py <command>``
"""
