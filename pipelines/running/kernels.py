"""Jupyter kernels forked from a process that has already imported what the notebooks use.

Starting a kernel the usual way pays a Python start-up and the imports of
ipykernel, pandas and matplotlib in every run. ``forge()`` starts one process
that imports them once; ``kernel_manager()`` gives Papermill a kernel manager
whose kernels are forked from it. Each kernel is still its own process with an
empty namespace; where forking is not possible the usual start is used.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager


PR_SET_PDEATHSIG = 1  # prctl option, from <linux/prctl.h>
FORK_SWITCH = "KHUYENCONG_FORK_KERNELS"  # set to 0 to start every kernel the usual way

# The modules every notebook imports. Starting a kernel the usual way pays a
# Python start-up and these imports (about two seconds here) in every run.
# pyarrow.dataset and the PNG plugin are imported late, by the first table read and the first PNG;
# ipykernel.ipkernel and ipykernel.debugger (with debugpy) while each kernel starts.
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger", "IPython.display", "pandas", "pyarrow.parquet", "pyarrow.dataset",
           "matplotlib.figure", "matplotlib.backends.backend_agg", "matplotlib.backends.backend_svg",
           "PIL.PngImagePlugin",
           "pipelines.tables.regions", "pipelines.tables.store", "pipelines.analysis.views", "pipelines.analysis.charts")


class KernelForge:
    """A process that imports ``PRELOAD`` once and forks a fresh ipykernel for each run.

    Each kernel is still its own process with an empty namespace, started with
    the connection file, environment and working directory Jupyter asked for;
    only the imports are already done. Workers share one forge through a
    socket, one request at a time.
    """

    def __init__(self) -> None:
        import socket
        from multiprocessing import Lock

        ours, theirs = socket.socketpair()
        self.lock = Lock()
        batch = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:
            try:
                ours.close()
                _forge_loop(theirs, batch)
            finally:
                os._exit(0)  # never return into the batch's code
        theirs.close()
        self.channel = ours.makefile("rwb")

    @staticmethod
    def accepts(cmd: list[str]) -> bool:
        """Only the venv's own ipykernel can be forked from this interpreter."""
        return len(cmd) > 3 and os.path.realpath(cmd[0]) == os.path.realpath(sys.executable) \
            and cmd[1:3] == ["-m", "ipykernel_launcher"]

    def spawn(self, cmd: list[str], env: dict[str, str], cwd: str) -> int:
        with self.lock:
            self.channel.write(json.dumps({"args": cmd[3:], "env": env, "cwd": cwd}).encode() + b"\n")
            self.channel.flush()
            reply = self.channel.readline()
        if not reply:
            raise RuntimeError("the kernel forge has stopped")
        return int(reply)

    def close(self) -> None:
        self.channel.close()
        os.waitpid(self.pid, 0)


def die_with_parent(parent: int) -> None:
    """On Linux, ask to be killed when the process that started this one ends: killing the batch leaves no orphans.

    ``parent`` is that process's id, read before the fork: if it is already gone, exit now.
    """
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _forge_loop(channel: object, parent: int) -> None:
    """The forge: import once, then fork one kernel per request until the batch closes the socket."""
    import gc
    import importlib
    import signal

    die_with_parent(parent)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped as they exit
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the batch; it shuts the kernels down
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # debugpy's import would warn on the batch's terminal
    for name in PRELOAD:
        importlib.import_module(name)
    _warm_drawing()
    gc.freeze()  # what every kernel inherits stays out of its collections: they neither walk it nor copy its pages
    stream = channel.makefile("rwb")
    forge_pid = os.getpid()
    for line in stream:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            stream.close()
            channel.close()
            die_with_parent(forge_pid)
            _become_kernel(request)
        stream.write(f"{pid}\n".encode())
        stream.flush()
    os._exit(0)


def _warm_drawing() -> None:
    """Draw and save one small chart with Vietnamese text, regular and bold, as PNG and SVG.

    Loading the fonts and building their glyph caches is then done once, in the forge,
    and every forked kernel starts with them.
    """
    from io import BytesIO

    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1))
    ax = fig.subplots()
    ax.bar([0, 1], [1, 2])
    ax.set_title("Kế hoạch, đã thực hiện – tỷ đồng", fontweight="bold")
    ax.text(0, 1, "Đắk Lắk · Bắc Giang · phía Nam 0,5%")
    for kind in ("png", "svg"):
        fig.savefig(BytesIO(), format=kind)


def _become_kernel(request: dict) -> None:
    import signal

    os.setsid()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    quiet = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(quiet, fd)
    sys.argv = ["ipykernel_launcher", *request["args"]]
    code = 0
    try:
        from ipykernel.kernelapp import launch_new_instance

        launch_new_instance(argv=request["args"])
    except BaseException:
        code = 1
    os._exit(code)


class _ForkedKernel:
    """The part of ``subprocess.Popen`` that Jupyter's local provisioner uses, for a forked kernel."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"kernel {self.pid} still running")
            time.sleep(0.02)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        try:
            os.kill(self.pid, signum)
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        import signal

        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        import signal

        self.send_signal(signal.SIGTERM)


_FORGE: KernelForge | None = None  # set in the batch process before the workers are forked


def kernel_manager(kernel_name: str) -> object:
    """An asynchronous Jupyter kernel manager whose kernels come from the forge when there is one."""
    import functools
    import uuid

    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.provisioning import LocalProvisioner

    class ForgeProvisioner(LocalProvisioner):
        async def launch_kernel(self, cmd: list[str], **kwargs: object) -> dict:
            if _FORGE is None or not KernelForge.accepts(cmd):
                if sys.platform.startswith("linux"):
                    kwargs["preexec_fn"] = functools.partial(die_with_parent, os.getpid())
                return await super().launch_kernel(cmd, **kwargs)
            try:
                # as Jupyter's launcher does: the kernel exits if it is orphaned
                env = {**(kwargs.get("env") or os.environ), "JPY_PARENT_PID": str(os.getpid())}
                pid = _FORGE.spawn(cmd, env, str(kwargs.get("cwd") or os.getcwd()))
            except (OSError, RuntimeError, ValueError):
                return await super().launch_kernel(cmd, **kwargs)
            self.process, self.pid, self.pgid, self.cwd = _ForkedKernel(pid), pid, pid, kwargs.get("cwd")
            return self.connection_info

    km = AsyncKernelManager(kernel_name=kernel_name)  # async: nbclient then notices a kernel that dies
    km.kernel_id = str(uuid.uuid4())
    km.provisioner = ForgeProvisioner(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km)
    return km


def forking(requested: bool = True) -> bool:
    """Fork kernels unless asked not to (by the caller or ``KHUYENCONG_FORK_KERNELS=0``) or ``fork`` is missing."""
    import multiprocessing

    return requested and os.environ.get(FORK_SWITCH, "1") != "0" and hasattr(os, "fork") \
        and "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def forge(enabled: bool = True) -> Iterator[None]:
    """While open, kernels started through ``kernel_manager`` are forked from one warm process."""
    global _FORGE
    _FORGE = KernelForge() if forking(enabled) else None
    try:
        yield
    finally:
        if _FORGE is not None:
            _FORGE.close()
            _FORGE = None
