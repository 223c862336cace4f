"""The spawner for machines where PID 1 is not systemd: local processes plus cgroups.

Why two spawners. On a plain school server systemd runs the machine, and
``SystemdSpawner`` (jupyterhub-systemdspawner) starts each student's server as
a transient systemd unit running as the student's own account, with
MemoryMax/CPUQuota/TasksMax; that is configuration only (see
``jupyterhub_config.py``). Where systemd is not PID 1 (containers, CI) that
spawner cannot run, so ``CgroupSpawner`` gives the same isolation from parts
the kernel has anyway: JupyterHub's ``LocalProcessSpawner`` already starts the
server as the student's account (setuid, home 0700); this subclass first puts
the new process into the student's cgroups with the same three limits, read
from the same ``Spawner.mem_limit`` / ``cpu_limit`` settings.
"""
from __future__ import annotations

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Integer, Unicode

from . import limits


class CgroupSpawner(LocalProcessSpawner):
    """``LocalProcessSpawner`` whose server and kernels share one cgroup per student."""

    cgroup_root = Unicode(str(limits.ROOT), config=True, help="Where the cgroup v1 controllers are mounted.")
    pids_limit = Integer(256, config=True, help="Most processes one student may run at once.")

    def _group(self) -> limits.UserGroup:
        from pathlib import Path

        return limits.UserGroup(self.user.name, Path(self.cgroup_root))

    async def start(self):
        group = self._group()
        group.kill_all()  # leftovers of a server that was killed with the hub
        group.create(self.mem_limit or "1G", self.cpu_limit or 0, self.pids_limit)
        self.log.info("cgroup limits for %s: memory %s, cpu %s, pids %s",
                      self.user.name, self.mem_limit, self.cpu_limit, self.pids_limit)
        return await super().start()

    def make_preexec_fn(self, name):
        become_user = super().make_preexec_fn(name)
        procs_files = self._group().procs_files()  # computed here: nothing to look up after fork

        def preexec():
            limits.add_self(procs_files)  # still root: may write cgroup.procs
            become_user()

        return preexec

    async def stop(self, now=False):
        await super().stop(now=now)
        self._group().remove()  # kernels that outlived their server go with the group
