"""``vigie users add|list|disable|enable``: the accounts of the web interface (``--accounts``)."""

from __future__ import annotations

import json
import sys

import click

from cli.options import db_option
from cli.workspace_options import BadInput, open_cli_workspace, workspace_option

ROLES = ("reader", "reviewer", "admin")


@click.group()
def users() -> None:
    """Accounts of the web interface, kept in the workspace (see "Security notes" in the README).

    A reader reads what the public cannot (the reviews); a reviewer also confirms, rejects and
    corrects the evidence; an admin also manages accounts.
    """


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.removesuffix("\n").removesuffix("\r")
    if not sys.stdin.isatty():
        raise BadInput("no terminal to ask the password on: give it on stdin with --password-stdin")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)


@users.command("add")
@click.argument("email")
@click.option("--name", required=True, help="The member's name, as the journal of reviews shows it.")
@click.option("--role", type=click.Choice(ROLES), default="reader", show_default=True)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of stdin (scripts)."
)
@db_option
@workspace_option
def add(email: str, name: str, role: str, password_stdin: bool, db: str, workspace: str | None) -> None:
    """Add an account. The password is asked twice without echo (at least 12 characters), or
    read from stdin with --password-stdin; it is stored hashed with Argon2id."""
    from workspace.accounts import add_user
    from workspace.passwords import PasswordError, check_new_password

    password = _password(password_stdin)
    try:
        check_new_password(password)
    except PasswordError as exc:
        raise BadInput(str(exc)) from None
    opened = open_cli_workspace(db, workspace)
    try:
        with opened.session() as session:
            user = add_user(session, email, name, role, password)
            session.commit()
            click.echo(f"Account {user.email} ({user.role}) added to {opened.location.display}.", err=True)
    finally:
        opened.close()


@users.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
@workspace_option
def list_users(fmt: str, db: str, workspace: str | None) -> None:
    """List the accounts: e-mail, role, state, last login, open sessions."""
    from workspace.accounts import accounts

    opened = open_cli_workspace(db, workspace, must_exist=True)
    found = []
    if opened is not None:
        try:
            with opened.session() as session:
                found = accounts(session)
        finally:
            opened.close()
    if fmt == "json":
        click.echo(json.dumps([account.to_dict() for account in found], ensure_ascii=False, indent=2))
        return
    for account in found:
        last = account.last_login_at.strftime("%Y-%m-%d %H:%M") if account.last_login_at else "never"
        state = "disabled" if account.disabled else "active"
        click.echo(
            f"{account.email:<32} {account.role:<9} {state:<9} last login {last:<16} "
            f"{account.sessions} session(s)  {account.name}"
        )
    click.echo(f"{len(found)} account(s)", err=True)


def _set_disabled(email: str, db: str, workspace: str | None, disabled: bool) -> None:
    from workspace.accounts import set_disabled

    opened = open_cli_workspace(db, workspace)
    try:
        with opened.session() as session:
            user = set_disabled(session, email, disabled)
            session.commit()
            click.echo(
                f"Account {user.email} {'disabled, its sessions ended' if disabled else 'enabled'}.", err=True
            )
    finally:
        opened.close()


@users.command("disable")
@click.argument("email")
@db_option
@workspace_option
def disable(email: str, db: str, workspace: str | None) -> None:
    """Disable an account: it can no longer log in, and its open sessions end now."""
    _set_disabled(email, db, workspace, True)


@users.command("enable")
@click.argument("email")
@db_option
@workspace_option
def enable(email: str, db: str, workspace: str | None) -> None:
    """Enable a disabled account again."""
    _set_disabled(email, db, workspace, False)
