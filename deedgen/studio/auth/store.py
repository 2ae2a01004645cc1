"""Accounts, sessions, login failures and the audit log in one SQLite file of the workspace.

SQLite is embedded in Python (nothing to install or run beside the studio). Passwords are hashed
with ``hashlib.scrypt`` (memory-hard, in the standard library, so no compiled dependency); a
session is a random token whose SHA-256 alone is stored, so a copy of the database opens no
session. Changing a password or disabling an account bumps its generation, which ends every
session made before.

Several server processes share the file (``deedgen studio --workers``): it is in WAL mode (a
reader never waits for a writer), a writer waits for another instead of failing, and a request
writes nothing when it only proves its session (the idle time is renewed at most once a minute).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from deedgen.exceptions import DeedgenError

DB_NAME = ".deedgen-accounts.sqlite3"
ROLES = ("librarian", "mentor", "operator")
ROLE_LABELS = {"librarian": "bibliotekarz", "mentor": "mentor", "operator": "operator"}
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
IDLE_SECONDS = 30 * 60
LOGIN_WINDOW_SECONDS = 15 * 60
COMMENT_CHARS = 4000  # a mentor's remark on a coalition, at most
LOGIN_ATTEMPTS = 5  # failed logins of one account or one address within the window
TOUCH_SECONDS = 60  # a session's last_seen is written again only when older than this
BUSY_TIMEOUT_MS = 10_000  # another process writing: wait this long before giving up

SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    name TEXT PRIMARY KEY, password TEXT NOT NULL, role TEXT NOT NULL,
    coalitions TEXT NOT NULL DEFAULT '[]', disabled INTEGER NOT NULL DEFAULT 0,
    generation INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS sessions (
    token TEXT PRIMARY KEY, account TEXT NOT NULL, generation INTEGER NOT NULL,
    csrf TEXT NOT NULL, last_seen REAL NOT NULL);
CREATE TABLE IF NOT EXISTS login_failures (key TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS comments (
    at REAL NOT NULL, account TEXT NOT NULL, coalition TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
    at REAL NOT NULL, account TEXT NOT NULL, action TEXT NOT NULL,
    subject TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '');
"""


class AccountError(DeedgenError):
    """Raised for an account command that cannot be done (unknown name, bad role…)."""

    exit_code = 2


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    coalitions: tuple[str, ...]  # a librarian's own; a mentor's region
    disabled: bool = False

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


@dataclass(frozen=True)
class Session:
    account: Account
    csrf: str


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    _, salt, digest = stored.split("$")
    made = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), **SCRYPT)
    return hmac.compare_digest(made.hex(), digest)


def _token_key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class AccountStore:
    def __init__(self, path: str | Path, *, idle_seconds: float = IDLE_SECONDS) -> None:
        self.path = Path(path)
        self.idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            self.path,
            check_same_thread=False,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
        self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self._db.execute("PRAGMA journal_mode = WAL")  # kept in the file: once is enough
        self._db.execute("PRAGMA synchronous = NORMAL")  # WAL: durable at each checkpoint
        self._db.executescript(SCHEMA)

    @classmethod
    def of_workspace(cls, root: str | Path, **kwargs) -> AccountStore:
        return cls(Path(root) / DB_NAME, **kwargs)

    def _run(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def close(self) -> None:
        self._db.close()

    # accounts
    def add(self, name: str, password: str, role: str, coalitions=()) -> Account:
        if role not in ROLES:
            raise AccountError(f"nieznana rola „{role}”; oczekiwano: {', '.join(ROLES)}")
        if self._row(name):
            raise AccountError(f"konto „{name}” już istnieje")
        self._run(
            "INSERT INTO accounts (name, password, role, coalitions) VALUES (?, ?, ?, ?)",
            (name, hash_password(password), role, json.dumps(list(coalitions))),
        )
        return self.account(name)

    def _row(self, name: str):
        rows = self._run(
            "SELECT name, role, coalitions, disabled, generation FROM accounts WHERE name = ?",
            (name,),
        )
        return rows[0] if rows else None

    def account(self, name: str) -> Account:
        row = self._row(name)
        if row is None:
            raise AccountError(f"nie ma konta „{name}”")
        return Account(row[0], row[1], tuple(json.loads(row[2])), bool(row[3]))

    def accounts(self) -> list[Account]:
        names = self._run("SELECT name FROM accounts ORDER BY name")
        return [self.account(name) for (name,) in names]

    def any_operator(self) -> bool:
        return bool(self._run("SELECT 1 FROM accounts WHERE role = 'operator' AND disabled = 0"))

    def set_password(self, name: str, password: str) -> None:
        self.account(name)
        self._run(
            "UPDATE accounts SET password = ?, generation = generation + 1 WHERE name = ?",
            (hash_password(password), name),
        )

    def set_disabled(self, name: str, disabled: bool = True) -> None:
        self.account(name)
        self._run(
            "UPDATE accounts SET disabled = ?, generation = generation + 1 WHERE name = ?",
            (int(disabled), name),
        )

    def end_sessions(self, name: str) -> None:
        """Logout everywhere."""
        self._run("UPDATE accounts SET generation = generation + 1 WHERE name = ?", (name,))

    # login and sessions
    def rate_limited(self, *keys: str, now: float | None = None) -> bool:
        since = (now or time.time()) - LOGIN_WINDOW_SECONDS
        for key in keys:
            rows = self._run(
                "SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ?", (key, since)
            )
            if rows[0][0] >= LOGIN_ATTEMPTS:
                return True
        return False

    def login(self, name: str, password: str, *, address: str) -> str | None:
        """A new session token, or None (a wrong name or password, a disabled account)."""
        keys = (f"account:{name}", f"address:{address}")
        rows = self._run(
            "SELECT password, disabled, generation FROM accounts WHERE name = ?", (name,)
        )
        if not rows or rows[0][1] or not password_matches(password, rows[0][0]):
            for key in keys:
                self._run("INSERT INTO login_failures VALUES (?, ?)", (key, time.time()))
            return None
        token = secrets.token_urlsafe(32)
        self._run(
            "INSERT INTO sessions VALUES (?, ?, ?, ?, ?)",
            (_token_key(token), name, rows[0][2], secrets.token_urlsafe(32), time.time()),
        )
        self._run("DELETE FROM login_failures WHERE key = ?", (keys[0],))
        return token

    def session(self, token: str | None, *, now: float | None = None) -> Session | None:
        """The live session of *token* (its idle time renewed), or None. One read; a write
        only when the session was last renewed more than TOUCH_SECONDS ago."""
        if not token:
            return None
        now = now or time.time()
        key = _token_key(token)
        rows = self._run(
            "SELECT s.account, s.csrf, s.last_seen, s.generation = a.generation, a.disabled, "
            "a.role, a.coalitions "
            "FROM sessions s JOIN accounts a ON a.name = s.account WHERE s.token = ?",
            (key,),
        )
        if not rows:
            return None
        name, csrf, last_seen, same_generation, disabled, role, coalitions = rows[0]
        if not same_generation or disabled or now - last_seen > self.idle_seconds:
            self.logout(token)
            return None
        if now - last_seen > min(TOUCH_SECONDS, self.idle_seconds / 2):
            self._run("UPDATE sessions SET last_seen = ? WHERE token = ?", (now, key))
        return Session(Account(name, role, tuple(json.loads(coalitions)), False), csrf)

    def logout(self, token: str) -> None:
        self._run("DELETE FROM sessions WHERE token = ?", (_token_key(token),))

    # audit
    def audit(self, account: str, action: str, subject: str, detail: str = "") -> None:
        self._run(
            "INSERT INTO audit VALUES (?, ?, ?, ?, ?)",
            (time.time(), account, action, subject, detail),
        )

    def audit_log(self, limit: int = 200) -> list[tuple]:
        return self._run(
            "SELECT at, account, action, subject, detail FROM audit ORDER BY at DESC LIMIT ?",
            (limit,),
        )

    # mentors' comments on a coalition
    def add_comment(self, account: str, coalition: str, text: str) -> None:
        text = text.strip()
        if not text:
            raise AccountError("Uwaga jest pusta — wpisz jej treść.")
        if len(text) > COMMENT_CHARS:
            raise AccountError(
                f"Uwaga jest za długa: {len(text)} znaków, najwyżej {COMMENT_CHARS}."
            )
        self._run(
            "INSERT INTO comments VALUES (?, ?, ?, ?)", (time.time(), account, coalition, text)
        )

    def comments(self, coalition: str) -> list[tuple[float, str, str]]:
        """(when, who, text) of the comments on *coalition*, the newest first."""
        return self._run(
            "SELECT at, account, text FROM comments WHERE coalition = ? ORDER BY at DESC",
            (coalition,),
        )
