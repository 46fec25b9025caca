"""The report as one self-contained HTML file, from Jinja2 templates (see docs/ARCHITECTURE.md).

The templates live in the package (`outputs/templates/`: `report.html.j2`, `session.html.j2`,
`report.css`, and an empty `letterhead.html.j2`). An agency can override any of them, without
editing code, by putting a file of the same name in the workspace's `.kelompok/templates/`
folder (`OVERRIDE_FOLDER`): its letterhead, a logo as a data: URI, its own wording around the
figures. The README says how.

Safety, in a confidential document:

* Autoescaping is on for every template, so a member name like `<script>` or `{{ 7*7 }}` is
  text, never markup nor template code (values are data; only template files are templates).
  The only values marked safe are the SVG pictures, which `scene.render_svg` and
  `charts.line_chart` write and escape themselves.
* Templates run in Jinja2's sandbox, so an override folder (synced between an agency's
  machines) cannot reach into Python.
* The finished page is checked before it is written: no scripts, no event handlers, no frames or
  objects, no link, image or stylesheet that loads from outside the file (`external_references`).
  It opens in any browser without a network, prints on A4 (each session starts a page), and says
  it is confidential on every printed page (a CSS page-margin box, and a red line at the top of
  the report and of every session for browsers without margin boxes).
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from kelompok.i18n import t
from kelompok.outputs import OutputError
from kelompok.outputs.report.content import ReportContent

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"
OVERRIDE_FOLDER = Path(".kelompok") / "templates"
"""An agency's templates, inside the workspace (the folder that holds the group folders)."""
MAIN_TEMPLATE = "report.html.j2"


def override_folder(workspace: Path | None) -> Path | None:
    """The workspace's template folder, when it exists."""
    if workspace is None:
        return None
    folder = Path(workspace) / OVERRIDE_FOLDER
    return folder if folder.is_dir() else None


@cache
def _environment(overrides: str | None):
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    loaders = [FileSystemLoader(overrides)] if overrides else []
    loaders.append(FileSystemLoader(str(TEMPLATE_DIR)))
    return SandboxedEnvironment(
        loader=ChoiceLoader(loaders), autoescape=True, undefined=StrictUndefined, trim_blocks=False
    )


def _css_string(text: str) -> str:
    """Text inside a CSS string literal (the printed page's confidentiality line)."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")


def render_html(content: ReportContent, overrides: Path | None = None) -> str:
    """The whole report as one HTML document (a string), from the templates (`overrides` first).

    Raises OutputError naming the template and folder when an override cannot be used, or when
    the page would load anything from outside the file.
    """
    from jinja2 import TemplateError
    from markupsafe import Markup

    lang = content.lang
    folder = str(overrides) if overrides is not None else None

    def text(key: str, **values: object) -> str:
        return t(key, lang, **values)

    try:
        template = _environment(folder).get_template(MAIN_TEMPLATE)
        page = template.render(c=content, t=text, css_mark=Markup(_css_string(content.confidential)))
    except TemplateError as error:
        if folder is None:  # the package's own templates: a bug, not the user's to fix
            raise
        raise OutputError(
            t(
                "outputs.template_error",
                lang,
                template=_where(error),
                folder=folder,
                error=error.message or type(error).__name__,
            )
        ) from None
    found = external_references(page)
    if found:
        raise OutputError(
            t("outputs.template_not_self_contained", lang, folder=folder or TEMPLATE_DIR, what=found[0][:80])
        )
    return page if page.endswith("\n") else page + "\n"


def _where(error: Exception) -> str:
    """`letterhead.html.j2:3`: the template and line an error comes from (a syntax error says so
    itself; for an error while rendering, Jinja2 puts the template's own line in the traceback)."""
    import traceback

    name, line = getattr(error, "name", None), getattr(error, "lineno", None)
    if name:
        return f"{name}:{line}" if line else name
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith((".j2", ".css"))]
    if frames:
        return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}"
    return MAIN_TEMPLATE


# ── the self-contained check ────────────────────────────────────────────────────────────────

_ACTIVE_TAGS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "link",
    "base",
    "form",
    "audio",
    "video",
    "source",
    "track",
    "img",
    "image",
    "use",
    "portal",
}
"""Tags that run code or load something. `img`/`image`/`use` are allowed with a data: URI or a `#` reference only."""
_LOCAL_ONLY = {"img", "image", "use"}
_URL_ATTRIBUTES = {
    "src",
    "href",
    "xlink:href",
    "action",
    "formaction",
    "srcset",
    "poster",
    "data",
    "background",
    "ping",
}
_CSS_URL = re.compile(r"url\(\s*(?!['\"]?\s*(?:data:|#))|@import", re.IGNORECASE)


def _local(value: str) -> bool:
    value = value.strip().lower()
    return value.startswith("#") or value.startswith("data:")


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _ACTIVE_TAGS and tag not in _LOCAL_ONLY:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"{name}=")
            elif name in _URL_ATTRIBUTES and not _local(value):
                self.found.append(f"{name}={value}")
            elif name == "style" and _CSS_URL.search(value):
                self.found.append(f"style={value}")
            elif tag == "meta" and name == "http-equiv":
                self.found.append(f"<meta http-equiv={value}>")
        self._style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if self._style and _CSS_URL.search(data):
            self.found.append(_CSS_URL.search(data).group(0))


_SUSPECT = re.compile(
    r"<(?:" + "|".join(sorted(_ACTIVE_TAGS)) + r")\b"
    r"|\b(?:on[a-z]+|" + "|".join(sorted(_URL_ATTRIBUTES)) + r"|http-equiv)\s*=\s*(?![\"']?\s*(?:#|data:))"
    r"|url\(|@import",
    re.IGNORECASE,
)
"""A quick textual screen that finds at least everything the parser would (and more): most reports
have nothing it matches, and the parser, ~10× slower, runs only when it does."""


def external_references(page: str) -> list[str]:
    """What in `page` would run a script or load something from outside the file (empty when none)."""
    if not _SUSPECT.search(page):
        return []
    parser = _References()
    parser.feed(page)
    parser.close()
    return parser.found
