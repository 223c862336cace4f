"""Step 2b of grading: run one staged notebook in its sandbox and read its answers.

The grader sends each code cell as an ``execute_request`` on the kernel's shell
channel and waits for the ``execute_reply``; what the notebook prints arrives
on the IOPub channel and is only *counted* (never stored), so a flood of
output cannot fill the grader's memory. Every socket refuses messages above
4 MB and queues at most a few, which caps what any kernel can make the grader
hold.

The answers come back in the ``user_expressions`` of one last, silent request
(silent requests do not fire IPython's ``pre_run_cell`` hooks): the kernel
evaluates an expression that runs :mod:`coursekit._plain` on the answer
variables and returns the JSON of their plain form. That reply travels on the
shell channel, so nothing a notebook prints, and nothing another process
writes to a terminal, can pass for answers. Code in the notebook could still
change what the expression returns, but the sandbox holds no answer key, so a
forged report can be no better than assigning the variables: the grader
checks its size and every field (:func:`coursekit._plain.from_json`) and
judges it with its own question bank.
"""
from __future__ import annotations

import ast
import inspect
import time
from dataclasses import dataclass, field

from ... import _plain

MAX_MESSAGE = 4 * 2 ** 20      # bytes; larger messages are dropped by ZeroMQ
QUEUE = 4                      # messages a socket may queue before dropping more
START_TIMEOUT = 90             # seconds for a kernel to start


@dataclass
class RunResult:
    """What running one notebook gave: the report (JSON text) and the problems met."""

    report: str | None = None
    problems: list = field(default_factory=list)
    error_cells: list = field(default_factory=list)
    output_bytes: int = 0
    timed_out: bool = False        # wall-clock limit: another notebook may have taken the CPU


def report_expression(names: list[str]) -> str:
    """The expression the kernel evaluates to hand its answers over (see the module docstring)."""
    source = inspect.getsource(_plain)
    return ("(lambda ns: (exec(%r, ns), ns['to_json']({n: v for n, v in globals().items() "
            "if n in %r}))[1])({'__name__': '__coursekit_report__'})" % (source, sorted(names)))


def _context():
    import zmq

    context = zmq.Context()
    context.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE)
    context.setsockopt(zmq.RCVHWM, QUEUE)
    context.setsockopt(zmq.LINGER, 0)
    return context


class _Stop(Exception):
    """Stop running this notebook, for the reason given."""


class _OutOfTime(_Stop):
    """A wall-clock limit passed (starting, running or reading the answers)."""


def run_notebook(sandbox, cells: list[str], names: list[str], timeout: float,
                 max_output: int, cancelled=lambda: False) -> RunResult:
    """Run ``cells`` in ``sandbox``'s kernel; never raises for anything the notebook does."""
    from jupyter_client.blocking import BlockingKernelClient

    result = RunResult()
    context = _context()
    client = BlockingKernelClient(context=context)
    closers = []
    try:
        client.load_connection_info(sandbox.start())
        client.start_channels(shell=True, iopub=True, stdin=False, hb=False, control=False)
        kernel = _Kernel(client, sandbox, result, max_output, cancelled)
        closers.append(kernel.close)
        kernel.wait_ready(time.monotonic() + START_TIMEOUT)
        deadline = time.monotonic() + timeout
        for number, source in enumerate(cells, start=1):
            reply = kernel.execute(source, deadline)
            if reply.get("status") == "error":
                result.error_cells.append(number)
                name = "".join(c if c.isprintable() else "\ufffd"   # chosen by the notebook
                               for c in str(reply.get("ename", ""))[:60])
                result.problems.append(f"第 {number} 个代码单元格报错：{name}")
        reply = kernel.execute("", max(deadline, time.monotonic() + 20), silent=True,
                               expressions={"report": report_expression(names)})
        result.report = _report_text(reply)
        if result.report is None:
            result.problems.append("读不到答案（the answers could not be read）")
    except _Stop as stop:
        result.report = None
        result.problems.append(str(stop))
        result.timed_out = isinstance(stop, _OutOfTime)
    finally:
        for close in closers:
            close()
        client.stop_channels()
        sandbox.close()
        context.destroy(linger=0)
    return result


class _Kernel:
    """Requests on the shell channel, output counted (and dropped) on IOPub."""

    def __init__(self, client, sandbox, result, max_output, cancelled):
        import zmq

        self.client, self.sandbox, self.result = client, sandbox, result
        self.max_output, self.cancelled = max_output, cancelled
        self.shell, self.iopub = client.shell_channel.socket, client.iopub_channel.socket
        # ZeroMQ drops the connection on a message above MAX_MESSAGE: watch for that
        self.monitor = self.iopub.get_monitor_socket(zmq.EVENT_DISCONNECTED)
        self.poller = zmq.Poller()
        for socket in (self.shell, self.iopub, self.monitor):
            self.poller.register(socket, zmq.POLLIN)

    def close(self):
        try:
            self.iopub.disable_monitor()
            self.monitor.close(linger=0)
        except Exception:  # the sockets may already be gone
            pass

    def check(self, deadline, reason):
        if self.cancelled():
            raise _Stop("批改被中断（interrupted）")
        if not self.sandbox.alive():
            raise _Stop("内核意外退出：可能超出了内存或进程上限（the kernel died）")
        if self.sandbox.over_memory():
            raise _Stop(f"整份作业占用的内存超过 {self.sandbox.limits.memory_mb} MB"
                        "（memory limit of the whole submission）")
        if time.monotonic() > deadline:
            raise _OutOfTime(reason)

    def reply_to(self, msg_id, deadline, reason) -> dict:
        """Wait for the shell reply to ``msg_id``, counting IOPub output meanwhile."""
        import zmq

        while True:
            self.check(deadline, reason)
            ready = dict(self.poller.poll(200))
            if self.iopub in ready:
                self.drain()
            if self.monitor in ready:
                self.monitor.recv_multipart()
                if self.sandbox.alive():
                    raise _Stop(f"输出太多（一次输出超过 {MAX_MESSAGE // 2 ** 20} MB）")
            if self.shell in ready:
                try:
                    message = self.client.shell_channel.get_msg(timeout=0)
                except (zmq.ZMQError, ValueError, KeyError, TypeError):
                    continue  # malformed or wrongly signed: not the reply we wait for
                except Exception:  # the queue was empty after all
                    continue
                if message.get("parent_header", {}).get("msg_id") == msg_id:
                    return message.get("content") or {}

    def drain(self):
        import zmq

        while True:
            try:
                frames = self.iopub.recv_multipart(zmq.NOBLOCK, copy=False)
            except zmq.Again:
                return
            self.result.output_bytes += sum(len(f) for f in frames)
            if self.max_output and self.result.output_bytes > self.max_output:
                raise _Stop(f"输出太多（超过 {self.max_output / 1e6:g} MB）")

    def wait_ready(self, deadline):
        reason = "内核没有启动（the kernel did not start）"
        while True:
            msg_id = self.client.kernel_info()
            try:
                self.reply_to(msg_id, min(deadline, time.monotonic() + 3), reason)
                return
            except _Stop:
                if time.monotonic() > deadline or not self.sandbox.alive() or self.cancelled():
                    raise

    def execute(self, source, deadline, silent=False, expressions=None) -> dict:
        msg_id = self.client.execute(source, silent=silent, store_history=not silent,
                                     user_expressions=expressions or {}, allow_stdin=False,
                                     stop_on_error=False)
        reason = "读答案超时（time limit）" if silent else "运行超时（time limit）"
        return self.reply_to(msg_id, deadline, reason)


def _report_text(content: dict) -> str | None:
    """The JSON report inside the reply's user_expressions, or None if it is not there."""
    try:
        value = content["user_expressions"]["report"]
        if value.get("status") != "ok":
            return None
        text = value["data"]["text/plain"]
        if not isinstance(text, str) or len(text) > 2 * _plain.MAX_REPORT_BYTES + 16:
            return None
        report = ast.literal_eval(text)
    except (KeyError, TypeError, AttributeError, ValueError, SyntaxError, MemoryError,
            RecursionError):
        return None
    return report if isinstance(report, str) else None


def decode_report(report: str | None) -> dict | None:
    """``{variable: plain value}`` from a report, or None when there was none."""
    if report is None:
        return None
    answers = _plain.from_json(report)
    return answers if isinstance(answers, dict) else None

