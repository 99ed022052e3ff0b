"""A real PostgreSQL server for the tests: Debian's binaries, a throw-away cluster, a database per test.

The server is the ``postgres`` program of Debian's ``postgresql`` package, started once per
test session on a cluster made by ``initdb`` in a temporary folder. It listens only on a
unix socket in that folder (no TCP port that two test runs could fight over) and runs without
fsync (a crash loses nothing worth keeping). It is this process's child with a parent-death
signal, so it stops with the tests even when they are killed with ``kill -9``; a normal end
stops it and removes the folder.

Each test gets a database of its own, copied from a template (``CREATE DATABASE … TEMPLATE``):
an empty one, or one holding an archive already made by this Vigie, which is what most tests
start from and costs a file copy instead of a schema creation.

PostgreSQL refuses to run as root; as root (CI), the server runs as the ``postgres`` user that
the Debian package creates (else ``nobody``), in a folder given to that user.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest

# A role that must give its password (the one that goes with it here), for the tests of bad
# credentials; every other role is trusted on the socket.
PASSWORD_ROLE, PASSWORD = "vigie_password", "the-right-one"
START_TIMEOUT = 30.0
_PR_SET_PDEATHSIG = 1


def find_bindir() -> Path | None:
    """The folder of ``initdb`` and ``postgres``: on the PATH, else Debian's newest version."""
    for name in ("initdb", "pg_ctl"):
        found = shutil.which(name)
        if found:
            folder = Path(found).resolve().parent
            if (folder / "postgres").is_file() and (folder / "initdb").is_file():
                return folder
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    for folder in reversed(versions):
        if (folder / "postgres").is_file() and (folder / "initdb").is_file():
            return folder
    return None


def require_postgresql() -> Path:
    """PostgreSQL's binaries, or the test is skipped: except in CI (``CI=true``), which must run
    the PostgreSQL tests, and fails them instead (``scripts/setup-dev.sh`` installs them)."""
    bindir = find_bindir()
    if bindir is not None:
        return bindir
    reason = "PostgreSQL is not installed (Debian's postgresql package; scripts/setup-dev.sh installs it)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason}, and CI runs the PostgreSQL tests", pytrace=False)
    pytest.skip(reason)


class PostgresServer:
    """One PostgreSQL cluster and its server, for the length of a test session."""

    def __init__(self, bindir: Path, root: Path | None = None) -> None:
        """``root``: a folder whose cluster is kept between runs (the benchmarks' copy of an
        archive); by default a temporary one, removed by ``stop``."""
        self.bindir = bindir
        self.kept = root is not None
        self.root = root or Path(tempfile.mkdtemp(prefix="vigie-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._user = _server_user()
        self._process: subprocess.Popen[bytes] | None = None
        self._names = itertools.count(1)
        self.databases: set[str] = set()  # lasting ones (templates), for the session

    # -- the server ---------------------------------------------------------------------------

    def start(self) -> None:
        if self.kept and (self.data / "PG_VERSION").exists():
            self._launch()  # a kept cluster: its roles and databases are there
            return
        self.root.mkdir(parents=True, exist_ok=True)
        if self._user is not None:
            os.chown(self.root, self._user.pw_uid, self._user.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        (self.data / "pg_hba.conf").write_text(
            f"local all {PASSWORD_ROLE} scram-sha-256\nlocal all all trust\n", encoding="utf-8"
        )
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(
                "listen_addresses = ''\n"
                f"unix_socket_directories = '{self.root}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "max_connections = 60\n"
            )
        self._launch()
        with self.admin() as connection:
            connection.execute(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}'")

    def _launch(self) -> None:
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(
                [str(self.bindir / "postgres"), "-D", str(self.data)],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                user=self._user.pw_uid if self._user else None,
                group=self._user.pw_gid if self._user else None,
                preexec_fn=_die_with_parent,
            )
        self._wait_until_ready()

    def stop(self) -> None:
        """Immediate shutdown (no checkpoint: the cluster is thrown away), then the folder goes;
        a kept cluster is shut down cleanly and stays."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGINT if self.kept else signal.SIGQUIT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if not self.kept:
            shutil.rmtree(self.root, ignore_errors=True)

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(f"PostgreSQL did not start:\n{self.log.read_text(errors='replace')}")
            try:
                with self.admin():
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"PostgreSQL did not answer in {START_TIMEOUT:.0f} s") from None
                time.sleep(0.05)

    def _run(self, program: str, *args: str) -> None:
        user = self._user
        subprocess.run(
            [str(self.bindir / program), *args],
            check=True,
            capture_output=True,
            user=user.pw_uid if user else None,
            group=user.pw_gid if user else None,
        )

    # -- databases -----------------------------------------------------------------------------

    def admin(self, dbname: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(host=str(self.root), user="postgres", dbname=dbname, autocommit=True)

    def url(self, dbname: str, user: str = "postgres", password: str | None = None) -> str:
        """An SQLAlchemy URL of a database of this server, as a user would give it."""
        credentials = f"{user}:{password}" if password is not None else user
        return f"postgresql://{credentials}@/{dbname}?host={self.root}"

    def create_database(self, template: str = "template0", name: str | None = None) -> str:
        """A new database copied from ``template``; its name."""
        name = name or f"test_{next(self._names)}"
        with self.admin() as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _server_user() -> pwd.struct_passwd | None:
    """Who runs the server: this user, or as root an unprivileged one (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise RuntimeError("running as root, and no 'postgres' or 'nobody' user to run PostgreSQL as")


def _die_with_parent() -> None:
    """In the server's process, before it starts: stop at once (SIGQUIT, PostgreSQL's immediate
    shutdown) when the test process dies, however it dies."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGQUIT, 0, 0, 0)
