"""Command line: open the TUI, or run a headless verb.

    kelompok [WORKSPACE]                      open the app
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
the place, never a traceback: a facilitator should be able to act on every message.
Heavy modules (Textual, networkx) are imported inside the verbs that need them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Sequence
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
            _print(t("privacy.forget_change", path=change.path, place=change.place, before=change.before, after=change.after))
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


# argparse words its errors in English; the four a user meets in practice get the user's language.
_ARGPARSE_ERRORS = (
    (re.compile(r"^the following arguments are required: (?P<names>.+)$"), "cli.usage_required"),
    (re.compile(r"^unrecognized arguments: (?P<names>.+)$"), "cli.usage_unrecognized"),
    (re.compile(r"^argument (?P<name>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)$"), "cli.usage_choice"),
    (re.compile(r"^argument (?P<name>\S+): expected one argument$"), "cli.usage_one_value"),
)


def translate_usage_error(message: str) -> str:
    """argparse's message in the current language when it is one of the common ones."""
    for pattern, key in _ARGPARSE_ERRORS:
        match = pattern.match(message)
        if match:
            return t(key, **match.groupdict())
    return message


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line with exit 2 (and no traceback)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(translate_usage_error(message))


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.help_lang"))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kelompok", description=t("cli.description"))
    parser.add_argument("--version", action="version", version=f"kelompok {__version__}")
    verbs = parser.add_subparsers(dest="verb", parser_class=_Parser)

    check = verbs.add_parser("check", help=t("cli.help_check"))
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.set_defaults(run=cmd_check)

    for name in ("types", "roles"):
        sub = verbs.add_parser(name, help=t(f"cli.help_{name}"))
        sub.add_argument("--json", action="store_true", help=t("cli.help_json"))
        _add_lang(sub)
        sub.set_defaults(run=cmd_catalogue)

    new = verbs.add_parser("new", help=t("cli.help_new"))
    new.add_argument("group_dir", metavar="GROUP_DIR")
    new.add_argument("--type", required=True, metavar="TYPE_ID")
    new.add_argument("--name", required=True)
    new.add_argument("--roster", metavar="ROSTER_CSV")
    new.add_argument("--purpose")
    new.add_argument("--facilitator")
    new.set_defaults(run=cmd_new)

    imp = verbs.add_parser("import", help=t("cli.help_import"))
    imp.add_argument("group_dir", metavar="GROUP_DIR")
    imp.add_argument("events", metavar="EVENTS_CSV")
    imp.add_argument("--date", metavar="YYYY-MM-DD")
    imp.set_defaults(run=cmd_import)

    stats = verbs.add_parser("stats", help=t("cli.help_stats"))
    stats.add_argument("group_dir", metavar="GROUP_DIR")
    stats.add_argument("--json", action="store_true", help=t("cli.help_json"))
    _add_lang(stats)
    stats.set_defaults(run=cmd_stats)

    plan = verbs.add_parser("plan", help=t("plan.cli.help"))
    plan.add_argument("group_dir", metavar="GROUP_DIR")
    plan.add_argument("--session", required=True, type=int, metavar="N", help=t("plan.cli.help_session"))
    _add_lang(plan)
    plan.set_defaults(run=cmd_plan)

    from kelompok.outputs.export import FORMATS as EXPORT_FORMATS  # a tuple of names; imports nothing heavy

    export = verbs.add_parser("export", help=t("export.cli.help"))
    export.add_argument("group_dir", metavar="GROUP_DIR")
    export.add_argument("--session", required=True, metavar="N|all", help=t("export.cli.help_session"))
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help=t("export.cli.help_format"))
    export.add_argument("--out", required=True, metavar="PATH", help=t("export.cli.help_out"))
    export.add_argument("--names", action="store_true", help=t("export.cli.help_names"))
    export.add_argument("--force", action="store_true", help=t("cli.help_force"))
    export.add_argument("--attributes", metavar="A,B", help=t("privacy.help_attributes"))
    _add_lang(export)
    export.set_defaults(run=cmd_export)

    report = verbs.add_parser("report", help=t("report.cli.help"))
    report.add_argument("group_dir", metavar="GROUP_DIR")
    report.add_argument("--out", required=True, metavar="PATH", help=t("report.cli.help_out"))
    report.add_argument("--session", type=int, metavar="N", help=t("report.cli.help_session"))
    report.add_argument("--names", action="store_true", help=t("report.cli.help_names"))
    report.add_argument("--force", action="store_true", help=t("cli.help_force"))
    report.add_argument("--attributes", metavar="A,B", help=t("privacy.help_attributes"))
    report.add_argument("--format", choices=("html", "md"), default="html", help=t("report.cli.help_format"))
    _add_lang(report)
    report.set_defaults(run=cmd_report)

    forget = verbs.add_parser("forget", help=t("privacy.help_forget"))
    forget.add_argument("group_dir", metavar="GROUP_DIR")
    forget.add_argument("member_code", metavar="MEMBER_CODE")
    forget.add_argument("--dry-run", action="store_true", help=t("privacy.help_dry_run"))
    forget.set_defaults(run=cmd_forget)
    sync_verb = verbs.add_parser("sync", help=t("sync.help"))
    sync_verb.add_argument("workspace", nargs="?", metavar="WORKSPACE", help=t("sync.help_workspace"))
    sync_verb.add_argument("--remote", metavar="URL", help=t("sync.help_remote"))
    sync_verb.add_argument("--trust-remote", action="store_true", help=t("sync.help_trust"))
    sync_verb.add_argument("--conflicts", action="store_true", help=t("sync.help_conflicts"))
    sync_verb.add_argument("--pick", action="append", metavar="ID=ours|theirs", help=t("sync.help_pick"))
    _add_lang(sync_verb)
    sync_verb.set_defaults(run=cmd_sync)

    review = verbs.add_parser("review", help=t("settings.help_review"))
    review.add_argument("workspace", nargs="?", metavar="WORKSPACE", help=t("cli.help_workspace"))
    _add_lang(review)
    review.set_defaults(run=cmd_open, role="supervisor")
    return parser


def build_open_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kelompok", description=t("cli.description"))
    parser.add_argument("--version", action="version", version=f"kelompok {__version__}")
    parser.add_argument("workspace", nargs="?", metavar="WORKSPACE", help=t("cli.help_workspace"))
    _add_lang(parser)
    parser.set_defaults(run=cmd_open)
    return parser


VERBS = ("check", "types", "roles", "new", "import", "stats", "plan", "review", "export", "report", "forget", "sync")


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
    first = next((a for a in argv if not a.startswith("-")), None)
    wants_verb = first in VERBS or (first is None and any(a in ("-h", "--help") for a in argv))
    parser = build_parser() if wants_verb else build_open_parser()
    run: Callable[[argparse.Namespace], int]
    try:
        args = parser.parse_args(argv)
        run = getattr(args, "run", None) or (lambda _args: (parser.print_help(), EXIT_USAGE)[1])
        return run(args)
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
