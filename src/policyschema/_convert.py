"""The one strict cattrs converter, strict JSON parsing, and cattrs errors turned into Problems.

cattrs' default hooks coerce ("12" -> 12, "false" -> True, 1.5 -> 1, 5 -> "5"); every primitive hook is
replaced here by one that checks the JSON type exactly, so a value is taken as written or refused.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterator
from typing import Any, Final, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import is_mutable_sequence, list_structure_factory
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._positions import Positions, line_column
from .constraints import constraint_of
from .dates import DateInterval, PartialDate, parse_date_value
from .errors import Problem, ValidationError, format_path, quote
from .vocabulary import Vocabulary

__all__ = ["converter", "parse_json", "structure_checked", "to_json"]

_T = TypeVar("_T")

DATE_PATTERN: Final = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
DATE_TIME_PATTERN: Final = (
    r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"(\.[0-9]{1,6})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
)
_DATE_RE: Final = re.compile(DATE_PATTERN)
_FRACTION: Final = re.compile(r"\.([0-9]{1,6})")
_DATE_TIME_RE: Final = re.compile(DATE_TIME_PATTERN)
# what people (and Python's isoformat) write instead: no offset, or an offset with seconds
_NAIVE_DATE_TIME_RE: Final = re.compile(DATE_TIME_PATTERN[: DATE_TIME_PATTERN.index("(Z|")] + "$")
_SECONDS_OFFSET_RE: Final = re.compile(DATE_TIME_PATTERN[: DATE_TIME_PATTERN.index("(Z|")] + r"[+-]\d\d:\d\d:\d\d")

_JSON_NAMES: Final = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
    list: "an array",
    dict: "an object",
}


def describe_json(value: Any) -> str:
    """A short phrase for a JSON value in an error message: 'a string ("12")'."""
    name = _JSON_NAMES.get(type(value), type(value).__name__)
    if isinstance(value, (list, dict)) or value is None:
        return name
    if isinstance(value, str):
        return f"{name} ({quote(value, 40)})"
    shown = json.dumps(value) if isinstance(value, (bool, int, float)) else repr(value)  # true, not True
    if len(shown) > 40:
        shown = f"{shown[:40]}... ({len(shown):,} digits)"
    return f"{name} ({shown})"


def _expect(value: Any, json_type: type, wanted: str) -> None:
    if type(value) is not json_type:
        raise TypeError(f"expected {wanted}, got {describe_json(value)}")


def _structure_str(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise TypeError(f"expected a string, got {describe_json(value)}")
    if not value.isascii():  # only non-ASCII text can hold a lone surrogate
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(
                f"the string holds a lone surrogate (U+{ord(value[exc.start]):04X}), which is not a Unicode character"
            ) from None
    return value


def _structure_int(value: Any, _: Any) -> int:
    _expect(value, int, "an integer")
    return int(value)


def _structure_bool(value: Any, _: Any) -> bool:
    _expect(value, bool, "a boolean")
    return bool(value)


def _structure_partial_date(value: Any, _: Any) -> PartialDate:
    _expect(value, str, "a date as YYYY, YYYY-MM or YYYY-MM-DD")
    return PartialDate.parse(value)


def _is_date_value(tp: Any) -> bool:
    """``PartialDate | DateInterval``, nullable or not."""
    return set(get_args(tp)) - {type(None)} == {PartialDate, DateInterval}


def _structure_date_value(value: Any, tp: Any) -> PartialDate | DateInterval | None:
    if value is None and type(None) in get_args(tp):
        return None
    _expect(value, str, "a date as YYYY, YYYY-MM or YYYY-MM-DD, or an interval of two such dates (A/B)")
    return parse_date_value(value)


def _structure_date_or_datetime(value: Any, _: Any) -> datetime.date:
    wanted = "an ISO 8601 date (YYYY-MM-DD) or date-time with offset (YYYY-MM-DDThh:mm:ss+08:00)"
    _expect(value, str, wanted)
    if _DATE_RE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{quote(value)} is not a calendar date") from None
    if _DATE_TIME_RE.fullmatch(value):
        # Python 3.10's fromisoformat takes neither "Z" nor fractions other than 3 or 6 digits
        normal = value[:-1] + "+00:00" if value.endswith("Z") else value
        normal = _FRACTION.sub(lambda fraction: "." + fraction.group(1).ljust(6, "0"), normal)
        try:
            return datetime.datetime.fromisoformat(normal)
        except ValueError:
            raise ValueError(f"{quote(value)} is not a valid date-time") from None
    if _NAIVE_DATE_TIME_RE.fullmatch(value):
        raise ValueError(
            f"the date-time {quote(value)} has no UTC offset; "
            "add the one it was written in, such as +08:00, or Z for UTC"
        )
    if _SECONDS_OFFSET_RE.match(value):
        raise ValueError(f"the date-time {quote(value)} needs a UTC offset of whole minutes, such as +08:00")
    raise ValueError(f"expected {wanted}, got {describe_json(value)}")


def _unstructure_date(value: datetime.date) -> str:
    if isinstance(value, datetime.datetime):
        offset = value.utcoffset()
        if offset is None or offset % datetime.timedelta(minutes=1):
            raise ValueError(
                f"cannot write the date-time {value.isoformat()}: a date-time needs a UTC offset of whole minutes"
            )
    return value.isoformat()


def _is_date_union(tp: Any) -> bool:
    return set(get_args(tp)) == {datetime.date, datetime.datetime}


def _structure_vocabulary(value: Any, tp: type[Vocabulary]) -> Vocabulary:
    if type(value) is str:
        member = tp._value2member_map_.get(value)
        if member is not None:
            return member  # type: ignore[return-value]
    allowed = ", ".join(quote(m.value) for m in tp)
    got = quote(value) if type(value) is str else describe_json(value)
    raise ValueError(f"expected one of {allowed}, got {got}")


def _constrained_hook_factory(tp: Any, conv: cattrs.BaseConverter) -> Callable[[Any, Any], Any]:
    base = get_args(tp)[0]
    constraint = constraint_of(tp)
    assert constraint is not None
    base_hook = conv.get_structure_hook(base)

    def structure(value: Any, _: Any) -> Any:
        result = base_hook(value, base)
        problem = constraint.problem(result)
        if problem is not None:
            raise ValueError(problem)
        return result

    return structure


def _is_list(tp: Any) -> bool:
    return bool(is_mutable_sequence(tp)) and get_origin(tp) is list


def _list_hook_factory(tp: Any, conv: cattrs.BaseConverter) -> Callable[[Any, Any], Any]:
    inner: Callable[[Any, Any], Any] = list_structure_factory(tp, conv)

    def structure(value: Any, _: Any) -> Any:
        _expect(value, list, "an array")
        return inner(value, tp)

    return structure


def _class_hook_factory(cl: type, conv: cattrs.BaseConverter) -> Callable[[Any, Any], Any]:
    inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cl, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def structure(value: Any, _: Any) -> Any:
        _expect(value, dict, f"an object ({cl.__name__})")
        return inner(value, cl)

    return structure


def _class_unstructure_factory(cl: type, conv: cattrs.BaseConverter) -> Callable[[Any], Any]:
    # Optional fields (default None) are left out when None; required nullable fields are written as null.
    overrides: dict[str, Any] = {a.name: override(omit_if_default=True) for a in attrs.fields(cl) if a.default is None}
    generated: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(cl, conv, **overrides)
    if not overrides:
        return generated
    names = [a.name for a in attrs.fields(cl)]

    def in_model_order(obj: Any) -> dict[str, Any]:
        # cattrs adds the omittable fields last; a reader expects start and end next to kind
        data = generated(obj)
        return {name: data[name] for name in names if name in data}

    return in_model_order


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(PartialDate, _structure_partial_date)
    conv.register_unstructure_hook(PartialDate, str)
    conv.register_structure_hook_func(_is_date_value, _structure_date_value)
    conv.register_unstructure_hook(DateInterval, str)
    conv.register_structure_hook_func(_is_date_union, _structure_date_or_datetime)
    conv.register_unstructure_hook(datetime.date, _unstructure_date)
    conv.register_unstructure_hook(datetime.datetime, _unstructure_date)
    # by class, not by predicate: a vocabulary is a str, and the str hook would otherwise take it
    conv.register_structure_hook(Vocabulary, _structure_vocabulary)
    conv.register_unstructure_hook(Vocabulary, lambda member: member.value)
    conv.register_structure_hook_factory(lambda tp: constraint_of(tp) is not None, _constrained_hook_factory)
    conv.register_structure_hook_factory(_is_list, _list_hook_factory)
    conv.register_structure_hook_factory(attrs.has, _class_hook_factory)
    conv.register_unstructure_hook_factory(attrs.has, _class_unstructure_factory)
    return conv


#: The strict converter shared by the loader, the codebook reader and the CLI.
converter: Final = _make_converter()


def _problems(exc: BaseException, path: list[str | int]) -> Iterator[Problem]:
    if isinstance(exc, ClassValidationError):
        fields, others = exc.group_exceptions()
        for sub, field_note in fields:
            yield from _problems(sub, [*path, field_note.name])
        for sub in others:
            yield from _problems(sub, path)
    elif isinstance(exc, IterableValidationError):
        items, others = exc.group_exceptions()
        for sub, item_note in items:
            yield from _problems(sub, [*path, item_note.index])
        for sub in others:
            yield from _problems(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = ", ".join(a.name for a in attrs.fields(exc.cl) if a.init)
        for key in sorted(exc.extra_fields):
            yield Problem(
                format_path([*path, key]), f"unknown field {quote(key)} in {exc.cl.__name__} (known fields: {known})"
            )
    elif isinstance(exc, KeyError):
        yield Problem(format_path(path), "required field is missing")
    elif isinstance(exc, (TypeError, ValueError)):
        yield Problem(format_path(path), str(exc))
    else:  # pragma: no cover - a hook raised something unexpected; still report it, with a place
        yield Problem(format_path(path), f"invalid value ({type(exc).__name__}: {exc})")


def structure_checked(data: Any, cl: type[_T]) -> _T:
    """Structure ``data`` into ``cl`` strictly, raising :class:`ValidationError` with every problem."""
    try:
        return converter.structure(data, cl)
    except (ClassValidationError, IterableValidationError, TypeError, ValueError) as exc:
        raise ValidationError(list(_problems(exc, []))) from None


class _NonNumberError(ValueError):
    """NaN, Infinity or -Infinity: Python's json reads them, JSON does not have them."""


def _reject_constant(name: str) -> Any:
    raise _NonNumberError(f"{name} is not a JSON number")


def _pairs_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _decode(data: str | bytes) -> str:
    if isinstance(data, str):
        return data
    if data.startswith(b"\xef\xbb\xbf"):
        raise ValidationError([Problem("$", "the file starts with a UTF-8 byte-order mark; JSON files must not", 1, 1)])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        message = f"invalid UTF-8 at byte {exc.start}: {exc.reason}"
        raise ValidationError([Problem("$", message, line, column)]) from None


_NON_NUMBER: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|(-?(?:NaN|Infinity))', re.DOTALL)


#: How deeply arrays and objects may nest. A fixed limit, so that the verdict does not depend on how deep
#: the caller's stack is (a worker process, a test runner); annotations nest about six levels.
MAX_DEPTH: Final = 500
_JSON_STRING: Final = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET: Final = re.compile(r"[\[\]{}]")


def _too_deep(text: str) -> bool:
    """Whether arrays and objects in ``text`` nest more than :data:`MAX_DEPTH` levels (strings skipped)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth = 0
    for match in _BRACKET.finditer(_JSON_STRING.sub("", text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            return True
    return False


def parse_json(data: str | bytes) -> Any:
    """Parse JSON text strictly: UTF-8 only, no BOM, no duplicate keys, no NaN or Infinity.

    Problems are raised as :class:`ValidationError`, with the line and column where they are known.
    """
    text = _decode(data)
    if _too_deep(text):
        raise ValidationError([Problem("$", f"JSON nested too deeply to read (more than {MAX_DEPTH} levels)")])
    try:
        return json.loads(text, object_pairs_hook=_pairs_without_duplicates, parse_constant=_reject_constant)
    except _DuplicateKeyError as exc:
        # json.loads cannot say where; the scanner can (the text is otherwise well-formed so far).
        positions = Positions(text, duplicates=True)
        problems = [
            Problem(format_path(path), f"duplicate key {quote(str(path[-1]))}; a JSON object's keys must be unique")
            for path, _ in positions.duplicate_keys
        ]
        located = positions.line_columns([offset for _, offset in positions.duplicate_keys])
        problems = [attrs.evolve(p, line=ln, column=col) for p, (ln, col) in zip(problems, located, strict=True)]
        message = f"duplicate key {quote(exc.key)} in an object; a JSON object's keys must be unique"
        raise ValidationError(problems or [Problem("$", message)]) from None
    except json.JSONDecodeError as exc:
        raise ValidationError([Problem("$", f"not valid JSON: {exc.msg}", exc.lineno, exc.colno)]) from None
    except _NonNumberError as exc:
        found = next((m for m in _NON_NUMBER.finditer(text) if m.group(1)), None)
        line, column = line_column(text, found.start(1)) if found else (None, None)
        raise ValidationError([Problem("$", str(exc), line, column)]) from None
    except ValueError:  # Python reads integers of at most sys.get_int_max_str_digits() (4,300) digits
        message = "a number too long to read (thousands of digits); no value of this format needs so many"
        raise ValidationError([Problem("$", message)]) from None
    except RecursionError:
        raise ValidationError([Problem("$", "JSON nested too deeply to read")]) from None


def to_json(data: Any) -> str:
    """Canonical JSON text: UTF-8 characters unescaped, two-space indent, newline at the end."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
