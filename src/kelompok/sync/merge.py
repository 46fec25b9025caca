"""Model-level three-way merge of `group.toml` and session files, so that no write is lost.

A text merge of two TOML files edited on two machines fails in the very case sync exists for:
the facilitator appends events and notes while the supervisor appends comments and a trail entry,
and both edits touch neighbouring lines. Here the parsed files are merged by what they mean:

- events by `seq` (both sides append; the same seq with different content is a true conflict),
- comments, amendments, review trail and the group's audit: append-only, the union of both,
  in time order,
- the review status by precedence: a sign-off wins (it locks the session); otherwise, when the
  sides disagree, the status the latest step (submitted, returned) of the joined trail implies,
- the session state by progress (planned < running < paused < ended),
- members by code, and every other field (plan fields one by one) three-way: a side that did not
  change a field takes the other's change.

A true conflict (both sides changed the same field differently) keeps the local ("ours") value, so
the file stays valid, and is returned as a `Conflict` carrying both versions for the user to pick.
Nothing is dropped; the file never holds conflict markers. No Textual, no git here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from kelompok.sessions.models import Group, Session

_MISSING = object()

STATE_ORDER = {"planned": 0, "running": 1, "paused": 2, "ended": 3}
_STATUS_OF_STEP = {"submitted": "submitted", "returned": "returned", "signed_off": "reviewed"}


@dataclass
class Conflict:
    """Both sides changed the same field: `ours` is in the file, `theirs` waits for the user."""

    field: list[str]
    """Where in the file: e.g. `["plan", "purpose"]`, `["events", "seq=12"]`, `["members", "code=A3"]`."""
    ours: Any
    theirs: Any
    base: Any = None


@dataclass
class MergeResult:
    data: dict[str, Any]
    conflicts: list[Conflict] = field(default_factory=list)


def _same(a: Any, b: Any) -> bool:
    return canonical(a) == canonical(b)


def canonical(value: Any) -> str:
    """A stable text of a parsed TOML value (dates included), for comparing and de-duplicating."""
    if value is _MISSING:
        return "\0missing"
    return json.dumps(value, sort_keys=True, default=_jsonable, ensure_ascii=False)


def _jsonable(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def plain(value: Any) -> Any:
    """A parsed TOML value as plain JSON data (dates as ISO text); MISSING as None."""
    if value is _MISSING:
        return None
    return json.loads(canonical(value))


def _pick(base: Any, ours: Any, theirs: Any, where: list[str], conflicts: list[Conflict]) -> Any:
    """Three-way choice of one value; a true conflict keeps ours and is recorded."""
    if _same(ours, theirs) or _same(theirs, base):
        return ours
    if _same(ours, base):
        return theirs
    conflicts.append(Conflict(where, plain(ours), plain(theirs), plain(base)))
    return ours


def _merge_fields(
    base: dict, ours: dict, theirs: dict, keys: list[str], where: list[str], conflicts: list[Conflict]
) -> dict:
    merged: dict[str, Any] = {}
    for key in keys:
        value = _pick(
            base.get(key, _MISSING), ours.get(key, _MISSING), theirs.get(key, _MISSING), [*where, key], conflicts
        )
        if value is not _MISSING:
            merged[key] = value
    return merged


def _keys(*tables: dict) -> list[str]:
    return list(dict.fromkeys(key for table in tables for key in table))


def _union(ours: list, theirs: list) -> list:
    """Append-only lists: every entry of both sides once, in time order (stable for equal times)."""
    seen = {canonical(item) for item in ours}
    merged = list(ours) + [item for item in theirs if canonical(item) not in seen and not seen.add(canonical(item))]
    return sorted(merged, key=lambda item: canonical(item.get("at", "")) if isinstance(item, dict) else "")


def _by_key(base: list, ours: list, theirs: list, key: str, where: list[str], conflicts: list[Conflict]) -> list:
    """Lists of records with an identity (events by seq, members by code), merged record by record."""
    b = {item.get(key): item for item in base}
    o = {item.get(key): item for item in ours}
    th = {item.get(key): item for item in theirs}
    merged = []
    for ident in list(dict.fromkeys([*o, *th])):
        if ident in o and ident in th:
            merged.append(_pick(b.get(ident, _MISSING), o[ident], th[ident], [*where, f"{key}={ident}"], conflicts))
        elif ident in o:
            if ident not in b or not _same(o[ident], b[ident]):
                merged.append(o[ident])  # added here, or changed here while the other side removed it
        elif ident not in b or not _same(th[ident], b[ident]):
            merged.append(th[ident])
    return merged


def _merge_review(base: dict, ours: dict, theirs: dict) -> dict:
    merged: dict[str, Any] = {}
    for name in ("comments", "amendments", "trail"):
        items = _union(ours.get(name, []), theirs.get(name, []))
        if items:
            merged[name] = items
    signoffs = [s for s in (ours.get("signoff"), theirs.get("signoff")) if s]
    if signoffs:
        merged["signoff"] = min(signoffs, key=canonical)  # the first sign-off is the one that locked it
        merged["status"] = "reviewed"
        return merged
    b, o, th = (side.get("status", "draft") for side in (base, ours, theirs))
    steps = [_STATUS_OF_STEP[e["action"]] for e in merged.get("trail", []) if e.get("action") in _STATUS_OF_STEP]
    base_steps = [e for e in base.get("trail", []) if e.get("action") in _STATUS_OF_STEP]
    if o != th and len(steps) > len(base_steps):
        status = steps[-1]  # the sides disagree: the latest review step of the joined trail decides
    elif o == th or th == b:
        status = o
    else:
        status = th
    if status != "draft":
        merged["status"] = status
    return merged


def merge_session(base: dict, ours: dict, theirs: dict) -> MergeResult:
    """Three-way merge of parsed session files; the result validates as a `Session`."""
    conflicts: list[Conflict] = []
    merged = _merge_fields(
        base,
        ours,
        theirs,
        [k for k in _keys(ours, theirs) if k not in ("events", "review", "plan", "state", "format")],
        [],
        conflicts,
    )
    merged["format"] = max(ours.get("format", 1), theirs.get("format", 1))
    states = [s.get("state", "planned") for s in (ours, theirs)]
    state = max(states, key=lambda s: STATE_ORDER.get(s, 0))
    if state != "planned":
        merged["state"] = state
    plan = _merge_fields(
        base.get("plan", {}),
        ours.get("plan", {}),
        theirs.get("plan", {}),
        _keys(ours.get("plan", {}), theirs.get("plan", {}), base.get("plan", {})),
        ["plan"],
        conflicts,
    )
    if plan:
        merged["plan"] = plan
    events_conflicts: list[Conflict] = []
    events = _by_key(
        base.get("events", []), ours.get("events", []), theirs.get("events", []), "seq", ["events"], events_conflicts
    )
    events.sort(key=lambda e: e.get("seq", 0))
    if events:
        merged["events"] = events
    review = _merge_review(base.get("review", {}), ours.get("review", {}), theirs.get("review", {}))
    if review:
        merged["review"] = review
    if not _valid(Session, merged):
        # The union of both sides' events does not hold together (an undo of an event the other
        # side replaced): keep our events whole and offer theirs as one choice.
        merged["events"] = ours.get("events", [])
        if not merged["events"]:
            del merged["events"]
        events_conflicts = [
            Conflict(
                ["events"],
                plain(ours.get("events", [])),
                plain(theirs.get("events", [])),
                plain(base.get("events", [])),
            )
        ]
    conflicts.extend(events_conflicts)
    return MergeResult(_ordered(merged, Session), conflicts)


def merge_group(base: dict, ours: dict, theirs: dict) -> MergeResult:
    """Three-way merge of parsed `group.toml` files; the result validates as a `Group`."""
    conflicts: list[Conflict] = []
    merged = _merge_fields(
        base,
        ours,
        theirs,
        [k for k in _keys(ours, theirs, base) if k not in ("members", "audit", "format")],
        [],
        conflicts,
    )
    merged["format"] = max(ours.get("format", 1), theirs.get("format", 1))
    members = _by_key(
        base.get("members", []), ours.get("members", []), theirs.get("members", []), "code", ["members"], conflicts
    )
    if members:
        merged["members"] = members
    audit = _union(ours.get("audit", []), theirs.get("audit", []))
    if audit:
        merged["audit"] = audit
    if not _valid(Group, merged):  # e.g. seating names a member the other side removed
        return MergeResult(dict(ours), [Conflict([], plain(ours), plain(theirs), plain(base))])
    return MergeResult(_ordered(merged, Group), conflicts)


def _valid(model: type, data: dict) -> bool:
    try:
        model.model_validate(data)
    except Exception:
        return False
    return True


def _ordered(data: dict, model: type) -> dict:
    """The keys in the model's field order, as kelompok itself writes them (diffs stay small)."""
    order = [info.alias or name for name, info in model.model_fields.items()]
    return {key: data[key] for key in sorted(data, key=lambda k: order.index(k) if k in order else len(order))}


def apply_choice(data: dict, where: list[str], value: Any) -> dict:
    """Put `value` at `where` in a parsed file (the user picked the other version of a conflict)."""
    if not where:
        return value
    target: Any = data
    for step in where[:-1]:
        target = _step_into(target, step)
    last = where[-1]
    if "=" in last and isinstance(target, list):
        key, ident = last.split("=", 1)
        for index, item in enumerate(target):
            if str(item.get(key)) == ident:
                target[index] = value
                break
        else:
            target.append(value)
        if key == "seq":
            target.sort(key=lambda e: e.get("seq", 0))
    elif value is None:
        target.pop(last, None)
    else:
        target[last] = value
    return data


def _step_into(target: Any, step: str) -> Any:
    if "=" in step and isinstance(target, list):
        key, ident = step.split("=", 1)
        return next(item for item in target if str(item.get(key)) == ident)
    return target.setdefault(step, {})
