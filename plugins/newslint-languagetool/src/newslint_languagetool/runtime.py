"""Which LanguageTool a run uses, decided once, and the local server's life cycle.

For a :class:`~newslint_languagetool.settings.Connection` the runtime tries,
in order: the configured server URL, a local server started through
language-tool-python (only with Java 17+ *and* a LanguageTool already
downloaded: a download at check time would stall the run), and the public
API (only when allowed). The answer, a :class:`Backend` or ``None`` with the
reasons, is cached for the process and exported in the environment so that
worker processes reuse the same server instead of probing or starting
another. Servers this process started are stopped by :meth:`Runtime.close`
(``newslint_session_finish``, which runs after errors and Ctrl-C too) and, as
a last resort, at interpreter exit.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import re
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint_languagetool import maven
from newslint_languagetool.client import Client, LanguageToolError, Throttle
from newslint_languagetool.settings import (
    ENV_LOCAL,
    ENV_PUBLIC,
    ENV_URL,
    OWN_MAX_REQUEST_CHARS,
    PUBLIC_API_URL,
    PUBLIC_CHARS_PER_MINUTE,
    PUBLIC_MAX_REQUEST_CHARS,
    PUBLIC_REQUESTS_PER_MINUTE,
    Connection,
)
from newslint_languagetool.store import DiskCache

if TYPE_CHECKING:
    import subprocess

# subprocess, socket and shutil are imported where a server is looked for or started: a run
# with grammar off (no LanguageTool configured) never needs them
log = logging.getLogger("newslint.languagetool")

#: Decisions shared with worker processes: {connection key: server URL or ""}.
ENV_SHARED = "NEWSLINT_LANGUAGETOOL_SHARED"
#: How long a local LanguageTool may take to start and answer its first check (its
#: rules load on first use: about 7 s to listen and 10-20 s more for the first check, on 2 cores).
START_TIMEOUT = 120.0
#: The least time a request to a local server may take (its own, known good; a long article is slow).
LOCAL_TIMEOUT = 60.0
#: Restarts of a local server that died during a run, before grammar gives up for the run.
MAX_RESTARTS = 2
#: The JVM's options for a local server: a bounded heap (LanguageTool's English rules fit in
#: well under 1 GB; without a bound the JVM may take a quarter of the machine's memory).
JVM_OPTIONS = ("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC")
#: The text of the first check a local server is sent, so its rules are loaded before the run's.
WARM_UP_TEXT = "This are a short text that warms the server up."
#: How long a probe of a configured server may take.
PROBE_TIMEOUT = 5.0
#: Seconds after which a process looks again for a LanguageTool it did not find.
RECHECK_AFTER = 60.0


@dataclass
class Backend:
    """A LanguageTool server the rule can send requests to."""

    client: Client
    kind: str  # "server", "local" or "public"
    max_request_chars: int = OWN_MAX_REQUEST_CHARS
    #: set once the server has failed badly enough that asking again would only cost time
    dead: str | None = None
    failures: int = 0
    #: the local server behind it, when this process started it (it can restart it)
    server: LocalServer | None = None

    @property
    def url(self) -> str:
        return self.client.base_url

    def revive(self) -> bool:
        """After a failed request: True when the local server had died and has been started again."""
        if self.server is None or self.server.alive or not self.server.restart():
            return False
        self.client.base_url = self.server.url
        return True


@dataclass
class Resolution:
    """The outcome of looking for LanguageTool for one connection setting."""

    backend: Backend | None
    reasons: list[str] = field(default_factory=list)
    at: float = field(default_factory=time.monotonic)

    @property
    def stale(self) -> bool:
        """A "none reachable" answer is looked at again after a while (a long-lived library process)."""
        return self.backend is None and time.monotonic() - self.at > RECHECK_AFTER


def java_version(java: str, timeout: float = 10.0) -> int | None:
    """The major version of ``java`` (``17`` for "17.0.15", ``8`` for "1.8.0"), or None."""
    import subprocess

    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def download_folder() -> Path:
    """Where language-tool-python keeps LanguageTool (``LTP_PATH``), without creating it."""
    return Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")


def installed_languagetool(folder: Path | None = None) -> Path | None:
    """The newest whole LanguageTool in ``folder`` (default: the download folder), if any.

    A zip's or a Maven download. It looks at files only (a Maven download's
    jars are checked by size, not checksum): nothing is started, not even
    ``java -version``.
    """
    folder = download_folder() if folder is None else folder
    if not folder.is_dir():
        return None
    found = [
        p
        for p in folder.glob("LanguageTool*")
        if p.is_dir()
        and ((p / "languagetool-server.jar").is_file() or (p / "languagetool.jar").is_file())
        and (maven.read_manifest(p) is None or maven.verify(p, checksums=False) is None)
    ]
    if not found:
        return None

    def version_key(p: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", p.name)) or (0,)

    return max(found, key=version_key)


def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _die_with_parent() -> Any:
    """On Linux, a ``preexec_fn`` asking the kernel to stop the server if newslint is killed.

    ``newslint_session_finish`` and the exit handler cover errors and Ctrl-C; this covers
    SIGTERM and SIGKILL (a cancelled CI job), which run no Python code. Only from the main
    thread: the signal follows the thread that started the server, not the process.
    """
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def preexec() -> None:
        prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before the line above took effect
            os._exit(1)

    return preexec


class LocalServer:
    """A LanguageTool HTTP server on loopback, from a zip's or a Maven download's folder.

    The command line is language-tool-python's (``java -cp languagetool-server.jar
    org.languagetool.server.HTTPServer -p PORT``), with a bounded heap: no
    ``--public`` (LanguageTool then listens on localhost only), no
    ``--allow-origin``, a free port. :meth:`start` returns once the server has
    answered a first check, which is when LanguageTool loads its rules.
    """

    def __init__(self, install: Path, java: str, language: str = "en"):
        self.install = install
        self.java = java
        self.language = language
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/v2/"
        self.owner = os.getpid()
        self.process: subprocess.Popen[bytes] | None = None
        self.restarts = 0
        #: seconds from launch to listening, and to the first check answered (the last start)
        self.listening_after: float | None = None
        self.ready_after: float | None = None

    def command(self) -> list[str]:
        """language-tool-python's server command line for this install and port, with :data:`JVM_OPTIONS`."""
        try:
            from language_tool_python.download_lt import LocalLanguageTool

            cmd = [str(c) for c in LocalLanguageTool.from_path(self.install).get_server_cmd(self.port)]
            cmd[0] = self.java
        except Exception:  # an install folder named unusually: build the same command ourselves
            jar = self.install / "languagetool-server.jar"
            if not jar.is_file():
                jar = self.install / "languagetool.jar"
            cmd = [self.java, "-cp", str(jar), maven.MAIN_CLASS, "-p", str(self.port)]
        return [cmd[0], *JVM_OPTIONS, *cmd[1:]]

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float | None = None) -> None:
        """Start the server and wait until it has answered a check; raise LanguageToolError otherwise."""
        timeout = START_TIMEOUT if timeout is None else timeout
        launched = time.monotonic()
        import subprocess

        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            self.command(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # a server of its own process group, so Ctrl-C in the terminal does not kill it
            # before newslint has finished with it; close() stops it
            start_new_session=True,
            preexec_fn=_die_with_parent(),  # noqa: PLW1509 (it only calls prctl)
        )
        client = Client(self.url, timeout=2.0)
        deadline = launched + timeout
        try:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    code = self.process.returncode
                    self.process = None
                    raise LanguageToolError(f"the local LanguageTool server exited at start (status {code})")
                try:
                    client.languages(timeout=2.0)
                    break
                except LanguageToolError:
                    time.sleep(0.25)
            else:
                self.close()
                raise LanguageToolError(f"the local LanguageTool server did not start within {timeout:g} s")
            self.listening_after = time.monotonic() - launched
            client.timeout = max(1.0, deadline - time.monotonic())
            client.check(WARM_UP_TEXT, {"language": self.language})
            self.ready_after = time.monotonic() - launched
        except LanguageToolError as e:
            self.close()
            raise LanguageToolError(f"the local LanguageTool server did not answer a first check: {e}") from None
        except BaseException:  # Ctrl-C while waiting: the session never began, so stop it here
            self.close()
            raise

    def restart(self) -> bool:
        """Start the server again on a new port after it died; False when it will not come back."""
        if os.getpid() != self.owner or self.restarts >= MAX_RESTARTS:
            return False
        self.restarts += 1
        self.close()
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/v2/"
        try:
            self.start()
        except (LanguageToolError, OSError) as e:
            log.warning("newslint-languagetool: the local LanguageTool did not restart: %s", e)
            return False
        return True

    def close(self) -> None:
        """Stop the server (only the process that started it does)."""
        proc, self.process = self.process, None
        if proc is None or os.getpid() != self.owner:
            return
        if proc.poll() is None:
            import subprocess

            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        proc.wait(timeout=10)  # reaped: no zombie left behind


class Runtime:
    """The per-process state of the plugin: resolved backends, started servers, the result cache."""

    def __init__(self, *, share: bool = True, cache_size: int = 20_000):
        self.share = share
        self.cache_size = cache_size
        self.cache: dict[Any, Any] = {}
        self._resolved: dict[str, Resolution] = {}
        self._servers: list[LocalServer] = []
        self._lock = threading.Lock()
        self._warned: set[str] = set()
        self._java: tuple[str | None, int | None] | None = None
        self._disk: dict[str, DiskCache] = {}
        #: when the download folder was last looked at, whether it held a LanguageTool, and the folder
        self._installed_seen: tuple[float, bool, Path] | None = None

    def disk(self, folder: str) -> DiskCache:
        """The on-disk cache in ``folder`` (opened on first use)."""
        d = self._disk.get(folder)
        if d is None:
            d = self._disk[folder] = DiskCache(Path(folder))
        return d

    # -- resolution --------------------------------------------------------------------

    def resolve(self, conn: Connection, language: str = "en") -> Resolution:
        """The backend for ``conn``, found once per process (and per run, across workers).

        ``language`` is the one a local server started now is warmed up in (its
        rules for a language load on the first check in it, which takes seconds).
        """
        res = self._resolved.get(conn.key)
        if res is not None and not res.stale:
            return res
        with self._lock:
            res = self._resolved.get(conn.key)
            if res is None or res.stale:
                res = (self._shared(conn) if res is None else None) or self._discover(conn, language)
                self._resolved[conn.key] = res
                self._export(conn, res)
        return res

    def destinations(self) -> list[str]:
        """The servers this process has chosen for some connection setting, in the order chosen."""
        return list(dict.fromkeys(r.backend.url for r in self._resolved.values() if r.backend is not None))

    def _shared(self, conn: Connection) -> Resolution | None:
        if not self.share:
            return None
        try:
            shared = json.loads(os.environ.get(ENV_SHARED) or "{}")
        except json.JSONDecodeError:
            return None
        if conn.key not in shared:
            return None
        entry = shared[conn.key]
        if not entry.get("url"):
            return Resolution(None, list(entry.get("reasons", [])))
        return Resolution(self._backend(entry["url"], entry.get("kind", "server"), conn))

    def _export(self, conn: Connection, res: Resolution) -> None:
        if not self.share:
            return
        try:
            shared = json.loads(os.environ.get(ENV_SHARED) or "{}")
        except json.JSONDecodeError:
            shared = {}
        b = res.backend
        shared[conn.key] = {"url": b.url if b else "", "kind": b.kind if b else "", "reasons": res.reasons}
        os.environ[ENV_SHARED] = json.dumps(shared)

    def _backend(self, url: str, kind: str, conn: Connection) -> Backend:
        if kind == "public":
            throttle = Throttle(PUBLIC_REQUESTS_PER_MINUTE, PUBLIC_CHARS_PER_MINUTE)
            return Backend(Client(url, conn.timeout, throttle), kind, PUBLIC_MAX_REQUEST_CHARS)
        if kind == "local":
            return Backend(Client(url, max(conn.timeout, LOCAL_TIMEOUT)), kind, OWN_MAX_REQUEST_CHARS)
        return Backend(Client(url, conn.timeout), kind, OWN_MAX_REQUEST_CHARS)

    def _probe(self, url: str, conn: Connection) -> str | None:
        """None when ``url`` answers as a LanguageTool server, else why not."""
        try:
            Client(url).languages(timeout=min(conn.timeout, PROBE_TIMEOUT))
            return None
        except LanguageToolError as e:
            return str(e)

    def java(self) -> tuple[str | None, int | None]:
        """``$JAVA_HOME/bin/java``, else the ``java`` on PATH, and its major version, looked up once."""
        if self._java is None:
            import shutil

            home = os.environ.get("JAVA_HOME")
            path = str(Path(home) / "bin" / "java") if home and (Path(home) / "bin" / "java").is_file() else None
            path = path or shutil.which("java")
            self._java = (path, java_version(path) if path else None)
        return self._java

    def unconfigured(self, conn: Connection) -> str | None:
        """Why ``conn`` cannot reach any LanguageTool, from settings and files alone; None when it may.

        No server URL, no public API, and no download for a local server: then
        there is nothing to try, and nothing is run to find that out.
        """
        if conn.url or conn.public_api:
            return None
        if not conn.local_server:
            return "no LanguageTool is configured: no server URL (NEWSLINT_LANGUAGETOOL_URL or server-url), " \
                "local-server off, public-api off"
        seen = self._installed_seen
        if seen is None or time.monotonic() - seen[0] > RECHECK_AFTER:  # asked for every file: look now and then
            folder = download_folder()
            seen = self._installed_seen = (time.monotonic(), installed_languagetool(folder) is not None, folder)
        if seen[1]:
            return None
        return (
            "no LanguageTool is configured: no server URL (NEWSLINT_LANGUAGETOOL_URL or server-url), "
            f"no download in {seen[2]} (newslint languagetool download), public-api off"
        )

    def _discover(self, conn: Connection, language: str = "en") -> Resolution:
        reasons: list[str] = []
        if conn.url:
            why = self._probe(conn.url, conn)
            if why is None:
                return Resolution(self._backend(conn.url, "server", conn))
            reasons.append(f"the configured server does not answer ({why})")
        else:
            reasons.append(f"no server URL is set ({ENV_URL} or server-url)")
        if conn.local_server:
            why, backend = self._start_local(conn, language)
            if backend is not None:
                if conn.url:
                    log.warning("newslint-languagetool: %s; using a local LanguageTool instead", reasons[0])
                return Resolution(backend)
            reasons.append(why)
        else:
            reasons.append(f"starting a local server is turned off (local-server = false or {ENV_LOCAL}=0)")
        if conn.public_api:
            why = self._probe(PUBLIC_API_URL, conn)
            if why is None:
                return Resolution(self._backend(PUBLIC_API_URL, "public", conn))
            reasons.append(f"the public API does not answer ({why})")
        else:
            reasons.append(f"the public API is not allowed (public-api = true or {ENV_PUBLIC}=1)")
        return Resolution(None, reasons)

    def _start_local(self, conn: Connection, language: str = "en") -> tuple[str, Backend | None]:
        install = installed_languagetool()  # first: without a download, no java is run at all
        if install is None:
            return f"LanguageTool has not been downloaded to {download_folder()} (newslint languagetool download)", None
        java, version = self.java()
        if java is None:
            return "no Java on PATH or in JAVA_HOME (a local server needs Java 17 or later)", None
        if version is None or version < 17:
            found = f"Java {version}" if version else "a Java whose version could not be read"
            return f"{found} at {java} is too old (a local server needs Java 17 or later)", None
        server = LocalServer(install, java, language)
        try:
            server.start()
        except (LanguageToolError, OSError) as e:
            server.close()
            return f"the local LanguageTool in {install} did not start: {e}", None
        self._servers.append(server)
        atexit.register(server.close)
        backend = self._backend(server.url, "local", conn)
        backend.server = server
        return "", backend

    # -- reporting ----------------------------------------------------------------------

    def warn_once(self, key: str, message: str) -> None:
        """Log ``message`` once per process (a failing server must not flood the output)."""
        if key not in self._warned:
            self._warned.add(key)
            log.warning("%s", message)

    # -- shutdown -----------------------------------------------------------------------

    def close(self) -> None:
        """Stop the servers this process started (the end of a session).

        What stays valid outlives the session, for a library process that checks
        story after story: the result cache, a working remote server, and (for
        :data:`RECHECK_AFTER` seconds) the finding that there is none. A local
        server's address and a server that failed are forgotten.
        """
        with self._lock:
            servers, self._servers = self._servers, []
            dropped = [
                k
                for k, r in self._resolved.items()
                if r.backend is not None and (r.backend.kind == "local" or r.backend.dead)
            ]
            for k in dropped:
                del self._resolved[k]
            self._warned.clear()
        for s in servers:
            s.close()
        for d in self._disk.values():
            d.close()
        if self.share and dropped and ENV_SHARED in os.environ:
            try:
                shared = json.loads(os.environ[ENV_SHARED])
            except json.JSONDecodeError:
                shared = {}
            for k in dropped:
                shared.pop(k, None)
            if shared:
                os.environ[ENV_SHARED] = json.dumps(shared)
            else:
                del os.environ[ENV_SHARED]

    def reset(self) -> None:
        """Stop servers and forget everything, the cache too."""
        self.close()
        with self._lock:
            self._resolved.clear()
            self.cache.clear()
            self._installed_seen = None
        if self.share:
            os.environ.pop(ENV_SHARED, None)


#: The process's runtime, used by the registered plugin (tests make their own).
RUNTIME = Runtime()
