"""Who may do what: one table over the studio's route names, asked for every request.

A request for anything an account may not reach answers 404 like a name that does not exist,
so nobody can probe which coalitions are in the workspace.
"""

from __future__ import annotations

from deedgen.studio.auth.store import Account

PUBLIC = {"static", "login", "login_submit"}
SIGNED_IN = {"home", "logout"}
COALITION_READ = {
    "coalition",
    "check",
    "conditions",
    "export",
    "preview",
    "preview_pdf",
    "files",
    "zip",
    "download",
}
COALITION_WRITE = {"edit_rows", "save", "generate"}
COALITION_COMMENT = {"comment"}  # mentors read a coalition and remark on it
MENTOR = {
    "clauses",
    "clause",
    "clause_preview",
    "clause_save",
    "cohort",
    "cohort_progress",
    "cohort_build",
    "audit",
}
OPERATOR_ONLY = {"create_blank", "upload", "accounts", "account_add", "account_disable"}
AUDITED = {
    "save",
    "generate",
    "create_blank",
    "upload",
    "clause_save",
    "cohort_build",
    "account_add",
    "account_disable",
    "comment",
}

ACTION_LABELS = {  # the audit log's actions as the log page names them
    "login": "logowanie",
    "save": "zapis arkusza",
    "generate": "generowanie dokumentów",
    "create_blank": "nowa koalicja",
    "upload": "wgranie arkusza",
    "clause_save": "zapis klauzuli",
    "cohort_build": "budowanie kohorty",
    "account_add": "nowe konto",
    "account_disable": "wyłączenie konta",
    "comment": "uwaga mentora",
}


def allowed(account: Account, route: str, params: dict) -> bool:
    """May *account* use *route* with its path *params*?"""
    if route in PUBLIC or route in SIGNED_IN or account.role == "operator":
        return True
    if route in COALITION_READ:
        return params.get("cid") in account.coalitions
    if route in COALITION_WRITE:
        return account.role == "librarian" and params.get("cid") in account.coalitions
    if route in COALITION_COMMENT:
        return account.role == "mentor" and params.get("cid") in account.coalitions
    if route in MENTOR:
        return account.role == "mentor"
    return False


def may_open(account: Account | None, route: str, **params) -> bool:
    """May the page's viewer open *route*? Without an account the studio runs locally
    (no accounts), where everything is open."""
    return account is None or allowed(account, route, params)


def readable(account: Account | None, coalitions: list) -> list:
    """The *coalitions* (with an ``id``) the viewer may read: a librarian's own, a mentor's
    region, everything for the operator or in local mode."""
    return [c for c in coalitions if may_open(account, "coalition", cid=c.id)]
