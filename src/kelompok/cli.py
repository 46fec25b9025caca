"""Command line: open the TUI, or run a headless verb.

    kelompok [WORKSPACE]                      open the app (a folder named like a verb: ./check)
    kelompok review [WORKSPACE]               open the app as a supervisor (review session logs)
    kelompok check PATH...                    validate group folders or files
    kelompok types|roles [--json]             the catalogue
    kelompok new GROUP_DIR --type T --name N  create a group (optionally from a roster CSV)
    kelompok import GROUP_DIR events.csv      add a session from coded events
    kelompok stats GROUP_DIR [--json]         participation and sociogram metrics
    kelompok plan GROUP_DIR --session N       a session plan as Markdown (to print or share)
    kelompok export GROUP_DIR --session N|all --format FMT --out PATH [--names]
                                              a sociogram file (GraphML, GEXF, DOT, JSON, CSV, SVG, PNG)
    kelompok report GROUP_DIR --out report.html [--session N] [--names] [--format html|md]
                                              the supervisor's report, one self-contained file
    kelompok forget GROUP_DIR MEMBER_CODE [--dry-run]
                                              erase a member's personal data (UU PDP)
    export and report take --attributes a,b: analysable member attributes to include (none by default)
    kelompok sync [WORKSPACE] [--remote URL] [--trust-remote] [--conflicts] [--pick ID=ours|theirs]
                                              sync the workspace with the agency's git remote

Exit codes: 0 success, 1 invalid data, 2 usage error. Errors are one line naming the file and
the place, never a traceback: a facilitator should be able to act on every message. Help, usage
and usage errors are worded by the parser itself in the user's language (`_Parser`).
Heavy modules (Textual, networkx) are imported inside the verbs that need them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NoReturn
from pathlib import Path

from kelompok import __version__
from kelompok.i18n import LANGUAGES, get_language, language_from_environment, set_language, t

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """The command line asks for something that cannot be done as asked (exit 2)."""


def _print(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _error(text: str) -> None:
    sys.stderr.write(f"kelompok: {text}\n")


# ── verbs ─────────────────────────────────────────────────────────────────────────────────────


def cmd_check(args: argparse.Namespace) -> int:
    from kelompok.sessions.checking import check_path, consent_warnings

    failures = 0
    for raw in args.paths:
        problems, checked = check_path(Path(raw))
        for problem in problems:
            _error(str(problem))
        pending = _warn_journals(_group_dirs(Path(raw)))
        failures += len(problems) + pending
        # Missing consent is a warning (exit 0, on stdout; errors keep stderr): the facilitator
        # may hold it on paper.
        for warning in consent_warnings(Path(raw)):
            _print(f"kelompok: {warning}")
        if not problems and not pending:
            _print(t("cli.check_ok", path=raw, files=checked))
    return EXIT_DATA if failures else EXIT_OK


def _group_dirs(path: Path) -> list[Path]:
    """The group folders a path stands for: itself, the group a file is in, or a workspace's groups."""
    from kelompok.sessions.store import SESSIONS_DIR, is_group_dir

    if path.is_file():
        path = path.parent.parent if path.parent.name == SESSIONS_DIR else path.parent
    if is_group_dir(path):
        return [path]
    if path.is_dir():
        return [p for p in sorted(path.iterdir()) if p.is_dir() and is_group_dir(p)]
    return []


def _warn_journals(groups: list[Path]) -> int:
    """Say, for each session whose journal holds acts its file lacks, that they are not in the output.

    A session being recorded (or interrupted by a crash) keeps its newest acts in `NNN.journal`
    until the next checkpoint; the CLI reads only session files and never replays a journal
    (that needs the group's lock and writes), so it says so instead of silently leaving them out.
    Returns how many sessions were named.
    """
    from kelompok.sessions.recording import unrecovered_journals

    count = 0
    for folder in groups:
        for number, events in unrecovered_journals(folder):
            _error(t("cli.journal_pending", group=folder, number=number, events=events))
            count += 1
    return count


def _catalogue_rows(kind: str, lang: str) -> list[dict[str, object]]:
    from kelompok.sessions.catalog import load_catalog

    catalog = load_catalog()
    items = catalog.types if kind == "types" else catalog.roles
    return [item.summary(lang) for item in items]


def cmd_catalogue(args: argparse.Namespace) -> int:
    lang = args.lang or get_language()
    rows = _catalogue_rows(args.verb, lang)
    if args.json:
        _print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        _print(f"{row['id']:<22} {row['name']}")
        if row.get("summary"):
            _print(f"{'':<22} {row['summary']}")
        if row.get("benne_sheats_name"):
            _print(f"{'':<22} {t('cli.benne_sheats', lang, role=row['benne_sheats_name'])}")
        if row.get("note"):
            _print(f"{'':<22} {t('cli.role_note', lang, note=row['note'])}")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from kelompok.sessions.csv_import import read_roster
    from kelompok.sessions.models import GROUP_TYPE_IDS, Group
    from kelompok.sessions.store import is_group_dir, save_group

    if args.type not in GROUP_TYPE_IDS:
        raise UsageError(t("cli.unknown_type", type=args.type, types=", ".join(GROUP_TYPE_IDS)))
    folder = Path(args.group_dir)
    if is_group_dir(folder):
        raise UsageError(t("cli.group_exists", path=folder))
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(t("cli.folder_not_empty", path=folder))
    members = read_roster(Path(args.roster)) if args.roster else []
    group = Group(
        name=args.name,
        type=args.type,
        purpose=args.purpose or "",
        members=members,
        seating=[m.code for m in members],
        facilitators=[args.facilitator] if args.facilitator else [],
        professional_lead=args.type == "therapy",
    )
    save_group(folder, group)
    _print(t("cli.group_created", path=folder, members=len(members)))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from kelompok.sessions.csv_import import read_events, session_from_events
    from kelompok.sessions.locking import GroupLock
    from kelompok.sessions.store import load_group, next_session_number, save_session

    folder = Path(args.group_dir)
    group = load_group(folder)
    date = _parse_date(args.date) if args.date else dt.date.today()
    events = read_events(Path(args.events), group)
    with GroupLock(folder) as lock:
        if not lock.held:
            raise UsageError(t("cli.group_locked", path=folder))
        number = next_session_number(folder)
        session = session_from_events(number, date, group, events)
        path = save_session(folder, session)
    _print(t("cli.imported", path=path, events=len(events), number=number))
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from kelompok.settings import read_settings
    from kelompok.outputs.stats_table import format_stats_table
    from kelompok.sociogram.stats import group_stats, in_model

    stats = in_model(group_stats(Path(args.group_dir)), read_settings()[0].stage_model)
    _warn_journals([Path(args.group_dir)])
    if args.json:
        _print(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        _print(format_stats_table(stats, args.lang or get_language()))
    return EXIT_OK


def cmd_plan(args: argparse.Namespace) -> int:
    from kelompok.outputs.plan import render_plan_markdown
    from kelompok.sessions.store import load_group, load_session, session_path

    folder = Path(args.group_dir)
    group = load_group(folder)
    if not session_path(folder, args.session).is_file():
        _error(t("plan.cli.no_session", path=folder, number=args.session))
        return EXIT_DATA
    session = load_session(folder, args.session)
    _print(render_plan_markdown(group, session, args.lang or get_language()).rstrip("\n"))
    return EXIT_OK


def _who() -> str:
    """Who is exporting, for the audit trail: the name in the settings, else the account name."""
    try:
        from kelompok.settings import load_settings

        name = load_settings().name
    except Exception:  # a broken settings file must not stop an export; the account name will do
        name = ""
    if name:
        return name
    from kelompok.outputs.privacy import current_user

    return current_user()


def cmd_export(args: argparse.Namespace) -> int:
    from kelompok.outputs import OutputError
    from kelompok.outputs.export import default_filename, export_group, parse_which

    lang = args.lang or get_language()
    folder = Path(args.group_dir)
    out = Path(args.out)
    try:
        which = parse_which(args.session)
        if out.is_dir():
            out = out / default_filename(folder, which, args.format, lang)
        targets = [out]
        if args.format == "csv":  # an edge list comes with its node table beside it
            targets.append(out.with_name((out.name[: -len(out.suffix)] if out.suffix else out.name) + ".nodes.csv"))
        _guard_output(targets, args.force)
        result = export_group(
            folder, which, args.format, out, args.names, lang, who=_who() if args.names else None, attributes=_attribute_list(args.attributes)
        )  # fmt: skip
    except OutputError as error:
        if error.usage:
            raise UsageError(str(error)) from None
        _error(str(error))
        return EXIT_DATA
    _warn_journals([folder])
    for path in result.paths:
        _print(t("export.cli.written", path=path))
    if args.names:
        _print(t("export.cli.names_used", count=len(result.named), members=result.members))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from kelompok.outputs import OutputError
    from kelompok.outputs.report import default_report_name, write_report
    from kelompok.settings import read_settings

    lang = args.lang or get_language()
    out = Path(args.out)
    if out.is_dir():  # the same default name write_report gives a folder
        out = out / default_report_name(Path(args.group_dir), args.session, args.format, lang)
    _guard_output([out], args.force)
    try:
        result = write_report(
            Path(args.group_dir), out, session=args.session, names=args.names, lang=lang,
            fmt=args.format, who=_who() if args.names else None, attributes=_attribute_list(args.attributes),
            model=read_settings()[0].stage_model,
        )  # fmt: skip
    except OutputError as error:
        if error.usage:
            raise UsageError(str(error)) from None
        _error(str(error))
        return EXIT_DATA
    _warn_journals([Path(args.group_dir)])
    _print(t("report.cli.written", path=result.path))
    if args.names:
        _print(t("report.cli.names_used", count=len(result.named), members=result.members))
    return EXIT_OK


def _guard_output(paths: list[Path], force: bool) -> None:
    """Refuse an output inside a group folder (always) or over an existing file (unless --force)."""
    from kelompok.sessions.store import output_refusal

    for path in paths:
        refusal = output_refusal(path)
        if refusal:
            raise UsageError(refusal)
    if not force:
        for path in paths:
            if path.exists():
                raise UsageError(t("cli.out_exists", path=path))


def _attribute_list(text: str | None) -> list[str]:
    """`--attributes gender,age_band` → ["gender", "age_band"] (none when not given)."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def cmd_forget(args: argparse.Namespace) -> int:
    from kelompok.sessions.forget import ForgetError, apply_forget, plan_forget, synced_workspace
    from kelompok.sessions.locking import GroupLock

    folder = Path(args.group_dir)
    with GroupLock(folder) as lock:
        if not lock.held:
            raise UsageError(t("cli.group_locked", path=folder))
        try:
            plan = plan_forget(folder, args.member_code)
        except ForgetError as error:
            _error(str(error))
            return EXIT_DATA
        for change in plan.changes:
            _print(
                t(
                    "privacy.forget_change",
                    path=change.path,
                    place=change.place,
                    before=change.before,
                    after=change.after,
                )
            )
        if args.dry_run:
            _print(t("privacy.forget_dry_run", code=plan.code, files=len(plan.files), changes=len(plan.changes)))
            return EXIT_OK
        written = apply_forget(plan, _who())
    _print(t("privacy.forget_done", code=plan.code, files=len(written)))
    synced = synced_workspace(folder)
    if synced is not None:
        _print(t("privacy.forget_synced", path=synced))
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    from kelompok.paths import default_workspace
    from kelompok.sync.conflicts import load_conflicts, resolve
    from kelompok.sync.describe import arrival_summary, commit_message
    from kelompok.sync.engine import SyncError, needs_trust, sync
    from kelompok.sync.git import GitError

    workspace = Path(args.workspace) if args.workspace else default_workspace()
    if args.conflicts or args.pick:
        return _sync_conflicts(workspace, args.pick, load_conflicts, resolve)
    trust = args.trust_remote
    try:
        url = needs_trust(workspace, args.remote)
        if url and not trust and sys.stdin.isatty():
            sys.stdout.write(t("sync.confirm_trust", url=url) + " [y/N] ")
            sys.stdout.flush()
            trust = sys.stdin.readline().strip().lower() in ("y", "ya", "yes")
        result = sync(workspace, _who(), remote=args.remote, trust=trust)
    except (SyncError, GitError) as error:
        raise UsageError(str(error)) from None
    _print(t(f"sync.{'done' if result.outcome == 'synced' else result.outcome}", detail=result.detail))
    if result.outcome != "cloned":
        summary = commit_message(result.committed).split("\n")[0] if result.committed else ""
        _print(t("sync.committed", summary=summary) if summary else t("sync.nothing_new"))
    if result.arrived:
        _print(t("sync.arrived_line", summary=", ".join(arrival_summary(result.arrived))))
    if result.conflicts:
        _print(t("sync.conflicts", count=result.conflicts))
    return EXIT_OK


def _sync_conflicts(workspace: Path, picks: list[str] | None, load_conflicts, resolve) -> int:
    """`--conflicts` lists what waits for a choice; `--pick ID=ours|theirs` makes it."""
    for pick in picks or []:
        ident, _, choice = pick.partition("=")
        if not ident.isdigit() or choice not in ("ours", "theirs"):
            raise UsageError(t("sync.bad_pick", value=pick))
        from kelompok.sync.conflicts import ConflictBusy

        try:
            resolve(workspace, int(ident), choice)
        except KeyError:
            raise UsageError(t("sync.unknown_conflict", id=ident)) from None
        except ConflictBusy as error:
            raise UsageError(str(error)) from None
        _print(t("sync.picked", id=ident, choice=choice))
    if picks:
        return EXIT_OK
    waiting = load_conflicts(workspace)
    if not waiting:
        _print(t("sync.no_conflicts"))
        return EXIT_OK
    for item in waiting:
        shown = {side: json.dumps(getattr(item, side), ensure_ascii=False) for side in ("ours", "theirs")}
        _print(t("sync.conflict_line", id=item.id, path=item.path, field=item.where, **shown))
    _print(t("sync.conflict_pick_hint"))
    return EXIT_OK


def cmd_open(args: argparse.Namespace) -> int:
    from kelompok.app import make_app
    from kelompok.paths import default_workspace

    workspace = Path(args.workspace) if args.workspace else default_workspace()
    if workspace.exists() and not workspace.is_dir():
        raise UsageError(t("cli.not_a_folder", path=workspace))
    # --lang wins; without it the language saved in the settings, else the one the environment set.
    app = make_app(workspace, lang=args.lang, role=getattr(args, "role", None))
    app.run()
    return app.return_code or EXIT_OK


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(t("cli.bad_date", date=text)) from None


# ── parsing ───────────────────────────────────────────────────────────────────────────────────


class _Refusal(argparse.ArgumentError):
    """A usage error already worded in the user's language (argparse's own would say `argument …:`)."""

    def __init__(self, text: str) -> None:
        super().__init__(None, text)

    def __str__(self) -> str:
        return self.message


def _name(action: argparse.Action) -> str:
    """How a usage error names an argument: `--type`, `GROUP_DIR`."""
    return "/".join(action.option_strings) or str(action.metavar or action.dest)


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with the `usage:` prefix in the user's language."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, t("cli_help.usage") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in the user's language, reporting a usage error in one line (exit 2).

    argparse words its frame and its errors in English. Rather than translating its sentences
    after the fact, this parser words them itself where they arise: the section titles and -h
    here, `usage:` in `_Formatter`, and the errors people meet in practice in the methods below
    (a missing argument, a value that is not a choice or not a number, a missing value, a word
    it does not know). A rarer one keeps argparse's detail inside a sentence in the user's language.
    """

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, add_help=False, formatter_class=_Formatter, **kwargs)
        self._positionals.title = t("cli_help.positionals")
        self._optionals.title = t("cli_help.options")
        self._needed: list[argparse.Action] = []
        self.add_argument("-h", "--help", action="help", help=t("cli_help.help"))

    def add_argument(self, *args, **kwargs) -> argparse.Action:  # type: ignore[no-untyped-def]
        action = super().add_argument(*args, **kwargs)
        if action.required:  # checked in parse_known_args, so that the message is ours
            action.required = False
            self._needed.append(action)
        return action

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
        namespace, extras = super().parse_known_args(args, namespace)
        missing = [_name(a) for a in self._needed if getattr(namespace, a.dest, None) is None]
        if missing:
            raise UsageError(t("cli_help.error.required", names=", ".join(missing)))
        return namespace, extras

    def format_usage(self) -> str:
        with self._needed_shown():
            return super().format_usage()

    def format_help(self) -> str:
        with self._needed_shown():
            return super().format_help()

    @contextmanager
    def _needed_shown(self) -> Iterator[None]:
        """Help and usage show a needed option as needed (`--type TYPE_ID`, not `[--type TYPE_ID]`)."""
        for action in self._needed:
            action.required = True
        try:
            yield
        finally:
            for action in self._needed:
                action.required = False

    def parse_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
        namespace, extras = self.parse_known_args(args, namespace)
        if extras:
            raise UsageError(t("cli_help.error.unrecognized", names=" ".join(extras)))
        return namespace

    def _check_value(self, action: argparse.Action, value: object) -> None:
        if isinstance(action, _VerbOrFolder):
            return  # a word that is not a verb names the folder to open
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(str, action.choices))
            raise _Refusal(t("cli_help.error.choice", name=_name(action), value=value, choices=choices))

    def _get_value(self, action: argparse.Action, arg_string: str) -> object:
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError:
            key = "not_a_number" if action.type is int else "bad_value"
            raise _Refusal(t(f"cli_help.error.{key}", name=_name(action), value=arg_string)) from None

    def _match_argument(self, action: argparse.Action, arg_strings_pattern: str) -> int:
        try:
            return super()._match_argument(action, arg_strings_pattern)
        except argparse.ArgumentError:
            key = "one_value" if action.nargs is None else "some_values"
            raise _Refusal(t(f"cli_help.error.{key}", name=_name(action))) from None

    def error(self, message: str) -> NoReturn:
        if isinstance(sys.exc_info()[1], _Refusal):
            raise UsageError(message)
        raise UsageError(t("cli_help.error.other", detail=message))


class _VerbOrFolder(argparse._SubParsersAction):
    """The first word: a verb, or else the workspace folder to open.

    `kelompok check PATH` runs the verb; any other word opens that folder, so a folder named
    like a verb opens as `kelompok ./check` (or by its full path). The rest of the line is then
    read by `opener` (the folder and --lang), a parser not listed among the verbs.
    """

    opener: argparse.ArgumentParser

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # type: ignore[no-untyped-def]
        if values[0] in self._name_parser_map:
            super().__call__(parser, namespace, values, option_string)
            return
        for key, value in vars(self.opener.parse_args(values)).items():
            setattr(namespace, key, value)


def _add_lang(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: a verb without --lang leaves the one given before the verb (`kelompok --lang en stats`).
    parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=t("cli.help_lang"))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kelompok", description=t("cli.description"))
    parser.add_argument("--version", action="version", version=f"kelompok {__version__}", help=t("cli_help.version"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.help_lang"))
    parser.set_defaults(run=cmd_open, workspace=None)
    verbs = parser.add_subparsers(dest="verb", action=_VerbOrFolder, parser_class=_Parser, title=t("cli_help.verbs"),
                                  metavar="COMMAND|WORKSPACE", help=t("cli_help.verb_or_folder"))  # fmt: skip
    verbs.opener = _Parser(prog="kelompok", description=t("cli_help.open_description"))
    verbs.opener.add_argument("workspace", metavar="WORKSPACE", help=t("cli.help_workspace"))
    _add_lang(verbs.opener)

    check = verbs.add_parser("check", help=t("cli.help_check"), description=t("cli.help_check"))
    check.add_argument("paths", nargs="+", metavar="PATH", help=t("cli_help.paths"))
    check.set_defaults(run=cmd_check)

    for name in ("types", "roles"):
        sub = verbs.add_parser(name, help=t(f"cli.help_{name}"), description=t(f"cli.help_{name}"))
        sub.add_argument("--json", action="store_true", help=t("cli.help_json"))
        _add_lang(sub)
        sub.set_defaults(run=cmd_catalogue)

    new = verbs.add_parser("new", help=t("cli.help_new"), description=t("cli.help_new"))
    new.add_argument("group_dir", metavar="GROUP_DIR", help=t("cli_help.new_group_dir"))
    new.add_argument("--type", required=True, metavar="TYPE_ID", help=t("cli_help.type"))
    new.add_argument("--name", required=True, help=t("cli_help.name"))
    new.add_argument("--roster", metavar="ROSTER_CSV", help=t("cli_help.roster"))
    new.add_argument("--purpose", help=t("cli_help.purpose"))
    new.add_argument("--facilitator", help=t("cli_help.facilitator"))
    new.set_defaults(run=cmd_new)

    imp = verbs.add_parser("import", help=t("cli.help_import"), description=t("cli.help_import"))
    imp.add_argument("group_dir", metavar="GROUP_DIR", help=t("cli_help.group_dir"))
    imp.add_argument("events", metavar="EVENTS_CSV", help=t("cli_help.events"))
    imp.add_argument("--date", metavar="YYYY-MM-DD", help=t("cli_help.date"))
    imp.set_defaults(run=cmd_import)

    stats = verbs.add_parser("stats", help=t("cli.help_stats"), description=t("cli.help_stats"))
    stats.add_argument("group_dir", metavar="GROUP_DIR", help=t("cli_help.group_dir"))
    stats.add_argument("--json", action="store_true", help=t("cli_help.stats_json"))
    _add_lang(stats)
    stats.set_defaults(run=cmd_stats)

    plan = verbs.add_parser("plan", help=t("plan.cli.help"), description=t("plan.cli.help"))
    plan.add_argument("group_dir", metavar="GROUP_DIR", help=t("cli_help.group_dir"))
    plan.add_argument("--session", required=True, type=int, metavar="N", help=t("plan.cli.help_session"))
    _add_lang(plan)
    plan.set_defaults(run=cmd_plan)

    from kelompok.outputs.export import FORMATS as EXPORT_FORMATS  # a tuple of names; imports nothing heavy

    export = verbs.add_parser("export", help=t("export.cli.help"), description=t("export.cli.help"))
    export.add_argument("group_dir", metavar="GROUP_DIR", help=t("cli_help.group_dir"))
    export.add_argument("--session", required=True, metavar="N|all", help=t("export.cli.help_session"))
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help=t("export.cli.help_format"))
    export.add_argument("--out", required=True, metavar="PATH", help=t("export.cli.help_out"))
    export.add_argument("--names", action="store_true", help=t("export.cli.help_names"))
    export.add_argument("--force", action="store_true", help=t("cli.help_force"))
    export.add_argument("--attributes", metavar="A,B", help=t("privacy.help_attributes"))
    _add_lang(export)
    export.set_defaults(run=cmd_export)

    report = verbs.add_parser("report", help=t("report.cli.help"), description=t("report.cli.help"))
    report.add_argument("group_dir", metavar="GROUP_DIR", help=t("cli_help.group_dir"))
    report.add_argument("--out", required=True, metavar="PATH", help=t("report.cli.help_out"))
    report.add_argument("--session", type=int, metavar="N", help=t("report.cli.help_session"))
    report.add_argument("--names", action="store_true", help=t("report.cli.help_names"))
    report.add_argument("--force", action="store_true", help=t("cli.help_force"))
    report.add_argument("--attributes", metavar="A,B", help=t("privacy.help_attributes"))
    report.add_argument("--format", choices=("html", "md"), default="html", help=t("report.cli.help_format"))
    _add_lang(report)
    report.set_defaults(run=cmd_report)

    forget = verbs.add_parser("forget", help=t("privacy.help_forget"), description=t("privacy.help_forget"))
    forget.add_argument("group_dir", metavar="GROUP_DIR", help=t("cli_help.group_dir"))
    forget.add_argument("member_code", metavar="MEMBER_CODE", help=t("cli_help.member_code"))
    forget.add_argument("--dry-run", action="store_true", help=t("privacy.help_dry_run"))
    forget.set_defaults(run=cmd_forget)

    sync_verb = verbs.add_parser("sync", help=t("sync.help"), description=t("sync.help"))
    sync_verb.add_argument("workspace", nargs="?", metavar="WORKSPACE", help=t("sync.help_workspace"))
    sync_verb.add_argument("--remote", metavar="URL", help=t("sync.help_remote"))
    sync_verb.add_argument("--trust-remote", action="store_true", help=t("sync.help_trust"))
    sync_verb.add_argument("--conflicts", action="store_true", help=t("sync.help_conflicts"))
    sync_verb.add_argument("--pick", action="append", metavar="ID=ours|theirs", help=t("sync.help_pick"))
    _add_lang(sync_verb)
    sync_verb.set_defaults(run=cmd_sync)

    review = verbs.add_parser("review", help=t("settings.help_review"), description=t("settings.help_review"))
    review.add_argument("workspace", nargs="?", metavar="WORKSPACE", help=t("cli.help_workspace"))
    _add_lang(review)
    review.set_defaults(run=cmd_open, role="supervisor")
    return parser


VERBS = ("check", "types", "roles", "new", "import", "stats", "plan", "review", "export", "report", "forget", "sync")
"""The verbs; any other first word is the workspace folder to open."""


def _early_language(argv: Sequence[str]) -> None:
    """Pick the language before building the parser, so help and errors are in it too."""
    lang = language_from_environment()
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            lang = argv[index + 1] if argv[index + 1] in LANGUAGES else lang
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            lang = value if value in LANGUAGES else lang
    set_language(lang)


def main(argv: Sequence[str] | None = None) -> int:
    """Run kelompok; returns the exit code."""
    from kelompok.sessions.fileio import DataError

    argv = list(sys.argv[1:] if argv is None else argv)
    _early_language(argv)
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except UsageError as error:
        _error(str(error))
        return EXIT_USAGE
    except DataError as error:
        _error(str(error))
        return EXIT_DATA
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # never a traceback (nor its locals, nor a message quoting user data) for a user
        from kelompok.crash import EXIT_CRASH, report_crash

        _error(report_crash(error))
        return EXIT_CRASH
