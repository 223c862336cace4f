"""Use the hub as a student does, over HTTP: log in, start the server, run a notebook.

``coursehub.py check``, the test and the benchmark all go through here, on the
same pages and APIs a browser uses: the log-in form (NativeAuthenticator), the
change-password form, the hub's REST API for the server, the Jupyter server's
sessions API for the kernel and its WebSocket for running cells.
"""
from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field

import requests


@dataclass
class CellRun:
    status: str                 # ok | error | died | timeout
    text: str = ""              # streams and plain-text results
    error: str = ""             # "NameError: ..." when status == error


@dataclass
class NotebookRun:
    cells: list = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(c.status == "ok" for c in self.cells)

    @property
    def text(self) -> str:
        return "\n".join(c.text for c in self.cells)


class StudentClient:
    """One student's browser, without the browser."""

    def __init__(self, hub_url: str, username: str):
        self.hub_url = hub_url.rstrip("/")
        self.username = username
        self.http = requests.Session()
        self.token = ""

    # -- the hub ------------------------------------------------------------------
    def _xsrf(self) -> str:
        return self.http.cookies.get("_xsrf", path="/hub/") or self.http.cookies.get("_xsrf") or ""

    def log_in(self, password: str) -> str:
        """Submit the log-in form; returns where the hub sends the student next."""
        # For the form's _xsrf cookie only: followed, it would go on to /hub/spawn when logged in.
        self.http.get(f"{self.hub_url}/hub/login", timeout=60, allow_redirects=False)
        response = self.http.post(f"{self.hub_url}/hub/login", timeout=60, allow_redirects=False,
                                  data={"username": self.username, "password": password, "_xsrf": self._xsrf()})
        if response.status_code != 302:
            raise PermissionError(f"log-in refused for {self.username}")
        location = response.headers["Location"]
        if location.rstrip("/").endswith("/hub"):
            # /hub/ decides: the password page on a first log-in, else the spawn page. Not
            # followed further: opening /hub/spawn would start the server, which start_server does.
            location = self.http.get(self.hub_url + location, timeout=60,
                                     allow_redirects=False).headers.get("Location", location)
        return location

    def change_password(self, old: str, new: str) -> str:
        response = self.http.post(f"{self.hub_url}/hub/change-password", timeout=60, data={
            "old_password": old, "new_password": new, "new_password_confirmation": new,
            "_xsrf": self._xsrf()})
        response.raise_for_status()
        response.encoding = "utf-8"  # the page says so in <meta>, not in its header
        return response.text

    def _hub_api(self, method: str, path: str, **kwargs):
        headers = {"X-XSRFToken": self._xsrf()}
        if self.token:
            headers = {"Authorization": f"token {self.token}"}
        return self.http.request(method, f"{self.hub_url}/hub/api{path}", headers=headers, timeout=60, **kwargs)

    def get_token(self) -> str:
        """An API token of the student's own, asked for with the log-in cookie."""
        response = self._hub_api("POST", f"/users/{self.username}/tokens", json={"note": "coursehub client"})
        response.raise_for_status()
        self.token = response.json()["token"]
        return self.token

    def start_server(self, retry_seconds: float = 60) -> requests.Response:
        """Ask for the server; while a previous start or stop is still winding down, ask again."""
        deadline = time.monotonic() + retry_seconds
        while True:
            response = self._hub_api("POST", f"/users/{self.username}/server")
            if response.status_code != 400 or "pending" not in response.text or time.monotonic() > deadline:
                return response
            time.sleep(1)

    def wait_ready(self, timeout: float = 600) -> float:
        """Seconds until the hub reports the server ready."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            server = self._hub_api("GET", f"/users/{self.username}").json().get("servers", {}).get("", {})
            if server.get("ready"):
                return time.monotonic() - started
            if not server.get("pending") and not server:
                raise RuntimeError(f"server of {self.username} stopped while starting")
            time.sleep(0.5)
        raise TimeoutError(f"server of {self.username} not ready after {timeout:.0f} s")

    def stop_server(self) -> None:
        self._hub_api("DELETE", f"/users/{self.username}/server")

    # -- the student's own server --------------------------------------------------
    @property
    def server_url(self) -> str:
        return f"{self.hub_url}/user/{self.username}"

    def api(self, method: str, path: str, **kwargs):
        response = self.http.request(method, f"{self.server_url}/api{path}", timeout=60,
                                     headers={"Authorization": f"token {self.token}"}, **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None

    def open_notebook(self, path: str) -> dict:
        """Open ``path`` as the lab does: a session with a fresh kernel. Returns the session."""
        return self.api("POST", "/sessions", json={"path": path, "name": path, "type": "notebook",
                                                    "kernel": {"name": "python3"}})

    def code_cells(self, path: str) -> list[str]:
        notebook = self.api("GET", f"/contents/{path}", params={"content": "1"})["content"]
        return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                for c in notebook["cells"] if c["cell_type"] == "code"]

    def run(self, kernel_id: str, cells: list[str], timeout: float = 300) -> NotebookRun:
        """Run code cells one after another in the kernel, as Run All does; stop at an error."""
        return asyncio.run(_run_cells(self._ws_url(kernel_id), self.token, cells, timeout))

    def run_notebook(self, path: str, timeout: float = 300) -> tuple[NotebookRun, dict]:
        session = self.open_notebook(path)
        return self.run(session["kernel"]["id"], self.code_cells(path), timeout), session

    def kernel_state(self, kernel_id: str) -> str:
        return self.api("GET", f"/kernels/{kernel_id}")["execution_state"]

    def _ws_url(self, kernel_id: str) -> str:
        return self.server_url.replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels"


def _message(code: str, session: str) -> tuple[str, str]:
    msg_id = uuid.uuid4().hex
    return msg_id, json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "", "session": session,
                   "date": "", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True}})


async def _run_cells(url: str, token: str, cells: list[str], timeout: float) -> NotebookRun:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    started = time.monotonic()
    result = NotebookRun()
    # Generous time-outs: a class's kernels starting together on a small, busy server are slow.
    connection = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {token}"},
                                                     connect_timeout=300, request_timeout=300))
    session = uuid.uuid4().hex
    try:
        for code in cells:
            msg_id, message = _message(code, session)
            await connection.write_message(message)
            cell = await _collect(connection, msg_id, started + timeout)
            result.cells.append(cell)
            if cell.status != "ok":
                break
    finally:
        connection.close()
    result.seconds = time.monotonic() - started
    return result


async def _collect(connection, msg_id: str, deadline: float) -> CellRun:
    """Read messages until the cell's kernel goes idle (or dies)."""
    cell, replied, idle = CellRun("ok"), False, False
    while not (replied and idle):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            cell.status = "timeout"
            return cell
        try:
            raw = await asyncio.wait_for(connection.read_message(), remaining)
        except asyncio.TimeoutError:
            cell.status = "timeout"
            return cell
        if raw is None:
            cell.status = "died"
            return cell
        msg = json.loads(raw)
        kind, content = msg["msg_type"], msg["content"]
        if kind == "status" and content.get("execution_state") in ("restarting", "dead"):
            cell.status = "died"
            return cell
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if kind == "stream":
            cell.text += content["text"]
        elif kind in ("execute_result", "display_data"):
            cell.text += content["data"].get("text/plain", "") + "\n"
        elif kind == "error":
            cell.status, cell.error = "error", f"{content['ename']}: {content['evalue']}"
        elif kind == "execute_reply":
            replied = True
        elif kind == "status" and content.get("execution_state") == "idle":
            idle = True
    return cell
