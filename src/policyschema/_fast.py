"""The fast path: strict JSON parsing, structuring and checking compiled once from the attrs classes.

The loader's rules live in the detailed path (``_convert``: the strict cattrs converter and strict JSON
parsing; ``checks``: the semantic checks), which says what is wrong and where. This module only answers
*whether* a document keeps the structural rules, as fast as Python allows, and builds the objects when it
does. Anything it is not sure about -- a wrong type, a bad pattern, an unknown or duplicate key, a number
out of range, a type it has no fast code for -- makes it give up (``None``), and the caller hands the input
to the detailed path, which accepts or refuses with its own messages. So the fast path may refuse more
than the detailed one (costing only time), never less; ``tests/test_fast.py`` checks that both accept and
refuse exactly the same inputs.

For each attrs class the compiler writes one Python function from the field types, as the JSON Schema
exporter reads them (``schema._Exporter.type_schema``): inline ``type(v) is str`` checks, precompiled
patterns, vocabulary lookups in a dict, nested classes and lists by direct calls. A new field or class is
covered without touching this module; a type it does not know goes through the converter's own hook.

- :func:`structure_json` -- JSON text or bytes to a document (no semantic checks), or None.
- :func:`structure_data` -- parsed JSON data to a document, or None.
- :func:`unstructure_checked` -- an object tree built in Python to JSON data, checking every field as the
  loader would, or None.
- :func:`walker` -- every attrs object in a tree with its path, for the semantic checks.
- :func:`canonical_json` -- the canonical text of checked JSON data, written by orjson.
"""

from __future__ import annotations

import builtins
import threading
import types
import typing
from collections.abc import Callable
from typing import Any, Final, Union, get_args, get_origin

import attrs

from ._convert import converter, to_json
from .constraints import Constraint, constraint_of
from .models import AnnotatedDocument
from .vocabulary import Vocabulary

__all__ = ["canonical_json", "collect", "structure_data", "structure_json", "unstructure_checked", "walker"]

#: Integers at or beyond 2**63 (either sign) go to the detailed path: orjson reads them as floats, and
#: Python's json refuses integers of thousands of digits; the fast path need not know where the line is.
_BIG: Final = 2**63

#: How many matching strings each pattern remembers (memory stays flat, whatever the corpus).
_REMEMBERED: Final = 4096

_Path = tuple[str | int, ...]


class _Invalid(Exception):
    """Raised inside generated code: the input does not keep a rule (or the fast path is not sure)."""


def _utf8(text: str) -> bool:
    """Whether ``text`` holds no lone surrogate (it encodes as UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _lenient(value: Any, tp: Any) -> Any:
    """The JSON form of ``value`` (as ``validation`` writes a tree: a vocabulary member as its string, a
    date as ISO 8601, ...) if the strict structuring of type ``tp`` accepts it; else :class:`_Invalid`."""
    from .validation import _raw_fast

    try:
        data = _raw_fast(value)
        converter.get_structure_hook(tp)(data, tp)
    except Exception:
        raise _Invalid from None
    _inexact.seen = True  # the tree is not made of its declared types: its semantic checks need the detailed path
    return data


_inexact = threading.local()


def _union_members(tp: Any) -> tuple[Any, ...] | None:
    return get_args(tp) if get_origin(tp) in (Union, types.UnionType) else None


def _optional_inner(tp: Any) -> Any | None:
    """``X`` of ``X | None``; None for any other type."""
    members = _union_members(tp)
    if members is None or len(members) != 2 or type(None) not in members:
        return None
    return next(m for m in members if m is not type(None))


def _plain_slots(cl: type) -> bool:
    """Whether an instance of attrs class ``cl`` can be made by filling its slots: its ``__init__`` only
    assigns its arguments (no validators, converters, hooks, or fields it computes itself)."""
    return (
        "__slots__" in vars(cl)
        and cl.__setattr__ is object.__setattr__  # type: ignore[comparison-overlap]
        and not hasattr(cl, "__attrs_pre_init__")
        and not hasattr(cl, "__attrs_post_init__")
        and all(f.init and f.validator is None and f.converter is None for f in attrs.fields(cl))
    )


#: The rules of a :class:`Constraint` that the generated code applies (as ``Constraint.problem`` does).
_UNDERSTOOD: Final = frozenset({"description", "pattern", "minimum", "min_length", "min_items", "_compiled"})


def _understood(constraint: Constraint) -> bool:
    """Whether the generated code knows every rule ``constraint`` sets; if not, the converter's hook runs."""
    return all(
        field.name in _UNDERSTOOD or getattr(constraint, field.name) is None for field in attrs.fields(type(constraint))
    )


def _is_vocabulary(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Vocabulary)


class _Compiler:
    """Writes the functions of one mode for a root class and every class reachable from it.

    Modes: ``"json"`` structures parsed JSON whose strings a strict parser has already checked;
    ``"data"`` the same for data from anywhere (strings are checked for lone surrogates); ``"object"``
    checks an object tree and returns its JSON data; ``"walk"`` lists every attrs object with its path.
    """

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.namespace: dict[str, Any] = {
            "_Invalid": _Invalid,
            "_BIG": _BIG,
            "_MISSING": attrs.NOTHING,
            "_utf8": _utf8,
            "_converter": converter,
            "_lenient": _lenient,
        }
        self.names: dict[Any, str] = {}
        self.sources: list[str] = []
        self.counter = 0

    def constant(self, value: Any, hint: str) -> str:
        self.counter += 1
        name = f"_{hint}{self.counter}"
        self.namespace[name] = value
        return name

    def var(self) -> str:
        self.counter += 1
        return f"v{self.counter}"

    def function(self, cl: type) -> str:
        """The name of the function for class ``cl``, writing it (and those it calls) on first use."""
        if cl not in self.names:
            self.names[cl] = f"_{self.mode}_{cl.__name__}_{len(self.names)}"
            self.sources.append(self.walk_class(cl) if self.mode == "walk" else self.class_function(cl))
        return self.names[cl]

    def compile(self, root: type) -> Callable[..., Any]:
        name = self.names[root] if root in self.names else self.function(root)
        # The functions are written inside one builder function, so that the constants, the builtins and
        # the functions themselves are closure variables (fast to read) rather than globals.
        bound = [*self.namespace, "type", "len", "enumerate", "object"]
        body = "\n\n".join(self.sources).replace("\n", "\n    ")
        source = (
            "def _build(_namespace):\n"
            + "".join(f"    {n} = _namespace[{n!r}]\n" for n in bound)
            + f"    {body}\n"
            + f"    return {name}\n"
        )
        code = compile(source, f"<policyschema._fast {self.mode} {root.__name__}>", "exec")
        scope: dict[str, Any] = {}
        exec(code, scope)
        function: Callable[..., Any] = scope["_build"]({**vars(builtins), **self.namespace})
        return function

    # --- structuring (json, data) and checked unstructuring (object) ------------------------------

    def class_function(self, cl: type) -> str:
        name = self.names[cl]
        hints = typing.get_type_hints(cl, include_extras=True)
        fields = [f for f in attrs.fields(cl) if f.init]
        cls = self.constant(cl, "cls")
        if self.mode == "object":
            lines = [f"def {name}(o):", f"    if type(o) is not {cls}:", "        raise _Invalid"]
            entries, omitted = [], []
            for field in fields:
                value, out = self.var(), self.var()
                target = self.constant(hints[field.name], "type")
                lines.append(f"    {value} = o.{field.name}")
                # a value not of the declared Python type (a vocabulary member in a text field, a dict for
                # an object) is judged as the detailed path judges it: by its JSON form
                lines += [
                    "    try:",
                    *self.value(hints[field.name], value, out, "        "),
                    "    except _Invalid:",
                    f"        {out} = _lenient({value}, {target})",
                ]
                entries.append(f"{field.name!r}: {out}")
                if field.default is None:  # optional fields are left out when None, as dumps writes them
                    omitted += [f"    if {out} is None:", f"        del r[{field.name!r}]"]
            # one dict display in model order (cheaper than adding keys one by one), then the omissions
            return "\n".join([*lines, f"    r = {{{', '.join(entries)}}}", *omitted, "    return r"])
        required = sum(1 for f in fields if f.default is attrs.NOTHING)
        # Counting is enough for unknown keys: the required fields were all found (or KeyError), so a
        # dict with more keys than the fields found holds one that is not a field.
        if required == len(fields):  # every field required: the count can be checked first
            test = f"type(d) is not dict or len(d) != {required}"
            lines = [f"def {name}(d):", f"    if {test}:", "        raise _Invalid"]
        else:
            lines = [f"def {name}(d):", "    if type(d) is not dict:", "        raise _Invalid", f"    n = {required}"]
        arguments: list[tuple[str, str, str]] = []  # (name, keyword, value) of each field
        for field in fields:
            value, out = self.var(), self.var()
            if field.default is attrs.NOTHING:
                lines.append(f"    {value} = d[{field.name!r}]")  # KeyError: a required field is missing
                lines += self.value(hints[field.name], value, out, "    ")
            else:
                lines.append(f"    {value} = d.get({field.name!r}, _MISSING)")
                lines.append(f"    if {value} is _MISSING:")
                if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                    if field.default.takes_self:
                        raise TypeError(f"no fast structuring for {cl.__name__}.{field.name}'s default")
                    lines.append(f"        {out} = {self.constant(field.default.factory, 'factory')}()")
                else:
                    lines.append(f"        {out} = {self.constant(field.default, 'default')}")
                lines.append("    else:")
                lines.append("        n += 1")
                lines += self.value(hints[field.name], value, out, "        ")
            arguments.append((field.name, field.alias, out))
        if required != len(fields):
            lines += ["    if len(d) != n:", "        raise _Invalid"]
        if _plain_slots(cl):  # no hooks to run: fill the slots directly, much cheaper than the keyword call
            lines.append(f"    o = object.__new__({cls})")
            lines += [f"    o.{name} = {out}" for name, _, out in arguments]
            lines.append("    return o")
        else:
            lines.append(f"    return {cls}({', '.join(f'{keyword}={out}' for _, keyword, out in arguments)})")
        return "\n".join(lines)

    def value(self, tp: Any, value: str, out: str, indent: str) -> list[str]:
        """Lines that check ``value`` against type ``tp`` and put the result in ``out``."""
        constraint = constraint_of(tp)
        base = get_args(tp)[0] if constraint is not None else tp
        inner = _optional_inner(tp)
        if inner is not None:
            return [
                f"{indent}if {value} is None:",
                f"{indent}    {out} = None",
                f"{indent}else:",
                *self.value(inner, value, out, indent + "    "),
            ]
        if constraint is not None and not _understood(constraint):
            return self.leaf(tp, value, out, indent)  # a rule this module does not know: the converter judges
        if base is str or base is int or base is bool:
            return [*self.scalar_checks(base, constraint, value, indent), f"{indent}{out} = {value}"]
        if constraint is not None and get_origin(base) is not list:
            return self.leaf(tp, value, out, indent)
        if get_origin(base) is list:
            (item_type,) = get_args(base)
            item, item_out = self.var(), self.var()
            test = f"type({value}) is not list"
            if constraint is not None and constraint.min_items is not None:
                test += f" or len({value}) < {constraint.min_items}"
            lines = [f"{indent}if {test}:", f"{indent}    raise _Invalid"]
            if attrs.has(item_type):
                # (an empty list, common, skips the comprehension's own frame)
                call = f"[{self.function(item_type)}({item}) for {item} in {value}] if {value} else []"
                return [*lines, f"{indent}{out} = {call}"]
            item_constraint = constraint_of(item_type)
            item_base = get_args(item_type)[0] if item_constraint is not None else item_type
            if item_base in (str, int, bool):  # items taken as they are: check them, then copy the list
                return [
                    *lines,
                    f"{indent}for {item} in {value}:",
                    *self.scalar_checks(item_base, item_constraint, item, indent + "    "),
                    f"{indent}{out} = list({value})",
                ]
            return [
                *lines,
                f"{indent}{out} = []",
                f"{indent}for {item} in {value}:",
                *self.value(item_type, item, item_out, indent + "    "),
                f"{indent}    {out}.append({item_out})",
            ]
        if _is_vocabulary(tp):
            if self.mode == "object":
                vocabulary = self.constant(tp, "vocabulary")
                return [
                    f"{indent}if type({value}) is not {vocabulary}:",
                    f"{indent}    raise _Invalid",
                    f"{indent}{out} = {value}.value",
                ]
            members = self.constant({m.value: m for m in tp}, "members")
            return [
                f"{indent}{out} = {members}.get({value}) if type({value}) is str else None",
                f"{indent}if {out} is None:",
                f"{indent}    raise _Invalid",
            ]
        if attrs.has(tp):
            return [f"{indent}{out} = {self.function(tp)}({value})"]
        return self.leaf(tp, value, out, indent)

    def scalar_checks(self, base: type, constraint: Constraint | None, value: str, indent: str) -> list[str]:
        """Lines that raise unless ``value`` is of JSON type ``base`` and keeps ``constraint``."""
        tests = [f"type({value}) is not {base.__name__}"]
        if base is int:
            low = -_BIG if constraint is None or constraint.minimum is None else constraint.minimum
            tests.append(f"not {low} <= {value} < _BIG")
        surrogates = base is str and self.mode != "json"
        if base is str and constraint is not None and constraint.min_length is not None:
            tests.append(f"len({value}) < {constraint.min_length}")
        lines = [f"{indent}if {' or '.join(tests)}:", f"{indent}    raise _Invalid"]
        if base is str and constraint is not None and constraint.pattern is not None:
            # Ids, codes and tags repeat within and across documents: remember (a bounded number of)
            # strings that matched, so that most values cost a set lookup instead of a regex match.
            pattern = self.constant(constraint._compiled, "pattern")
            seen = self.constant(set(), "matched")
            check = f"{pattern}.fullmatch({value}) is None"
            if surrogates:
                check += f" or not ({value}.isascii() or _utf8({value}))"
            return [
                *lines,
                f"{indent}if {value} not in {seen}:",
                f"{indent}    if {check}:",
                f"{indent}        raise _Invalid",
                f"{indent}    if len({seen}) < {_REMEMBERED}:",
                f"{indent}        {seen}.add({value})",
            ]
        if surrogates:
            lines += [f"{indent}if not ({value}.isascii() or _utf8({value})):", f"{indent}    raise _Invalid"]
        return lines

    def leaf(self, tp: Any, value: str, out: str, indent: str) -> list[str]:
        """Any other type (partial dates, date-times, what a new format adds): the converter's own hooks."""
        hook = self.constant(converter.get_structure_hook(tp), "hook")
        target = self.constant(tp, "type")
        if self.mode != "object":
            return [f"{indent}{out} = {hook}({value}, {target})"]
        # written as dumps writes it, then read back as loads reads it: the same value, of the same type
        back = self.var()
        return [
            f"{indent}{out} = _converter.unstructure({value})",
            f"{indent}{back} = {hook}({out}, {target})",
            f"{indent}if type({back}) is not type({value}) or {back} != {value}:",
            f"{indent}    raise _Invalid",
        ]

    # --- walking ----------------------------------------------------------------------------------

    def walk_class(self, cl: type) -> str:
        name = self.names[cl]
        hints = typing.get_type_hints(cl)
        lines = [f"def {name}(o, p, out):", "    out.append((p, o))"]
        for field in attrs.fields(cl):
            lines += self.walk_value(hints[field.name], f"o.{field.name}", f"(*p, {field.name!r})", "    ")
        return "\n".join(lines)

    def walk_value(self, tp: Any, value: str, path: str, indent: str) -> list[str]:
        inner = _optional_inner(tp)
        if inner is not None:
            var = self.var()
            lines = self.walk_value(inner, var, path, indent + "    ")
            return [f"{indent}{var} = {value}", f"{indent}if {var} is not None:", *lines] if lines else []
        if get_origin(tp) is list:
            (item_type,) = get_args(tp)
            index, item = self.var(), self.var()
            lines = self.walk_value(item_type, item, f"(*{path}, {index})", indent + "    ")
            return [f"{indent}for {index}, {item} in enumerate({value}):", *lines] if lines else []
        if attrs.has(tp):
            cls = self.constant(tp, "cls")
            var = self.var()
            return [
                f"{indent}{var} = {value}",
                f"{indent}if type({var}) is {cls}:",
                f"{indent}    {self.function(tp)}({var}, {path}, out)",
                f"{indent}else:",  # not what the type says: the generic walk copes with anything
                f"{indent}    out.extend(_generic({var}, {path}))",
            ]
        if any(attrs.has(arg) for arg in get_args(tp)):
            var = self.var()
            return [f"{indent}{var} = {value}", f"{indent}out.extend(_generic({var}, {path}))"]
        return []


class _Collector:
    """Writes a function that gathers the objects of some classes (spans, policy areas) from a tree,
    descending only into fields whose declared type can hold one; no paths, no other objects."""

    def __init__(self, targets: tuple[type, ...]) -> None:
        self.targets = targets
        self.compiler = _Compiler("collect")
        self.holds: dict[Any, bool] = {}

    def can_hold(self, tp: Any) -> bool:
        if tp in self.targets:
            return True
        if tp in self.holds:
            return self.holds[tp]
        self.holds[tp] = False  # a class that refers to itself holds nothing more through that field
        if attrs.has(tp):
            hints = typing.get_type_hints(tp)
            result = any(self.can_hold(hints[f.name]) for f in attrs.fields(tp))
        else:
            result = any(self.can_hold(arg) for arg in get_args(tp))
        self.holds[tp] = result
        return result

    def class_function(self, cl: type) -> str:
        compiler = self.compiler
        name = compiler.names[cl]
        hints = typing.get_type_hints(cl)
        appends = ", ".join(f"a{k}" for k in range(len(self.targets)))
        lines = [f"def {name}(o, {appends}):"]
        for field in attrs.fields(cl):
            if self.can_hold(hints[field.name]):
                lines += self.value(hints[field.name], f"o.{field.name}", "    ", appends)
        return "\n".join([*lines, "    return"])

    def value(self, tp: Any, value: str, indent: str, appends: str) -> list[str]:
        compiler = self.compiler
        var = compiler.var()
        lines = [f"{indent}{var} = {value}"]
        inner = _optional_inner(tp)
        if inner is not None:
            return [*lines, f"{indent}if {var} is not None:", *self.value(inner, var, indent + "    ", appends)]
        if get_origin(tp) is list:
            (item_type,) = get_args(tp)
            item = compiler.var()
            return [
                *lines,
                f"{indent}if type({var}) is not list:",
                f"{indent}    raise _Invalid",
                f"{indent}for {item} in {var}:",
                *self.value(item_type, item, indent + "    ", appends),
            ]
        if attrs.has(tp):
            cls = compiler.constant(tp, "cls")
            lines += [f"{indent}if type({var}) is not {cls}:", f"{indent}    raise _Invalid"]
            if tp in self.targets:
                lines.append(f"{indent}a{self.targets.index(tp)}({var})")
            hints = typing.get_type_hints(tp)
            if any(self.can_hold(hints[f.name]) for f in attrs.fields(tp)):
                lines.append(f"{indent}{self.function(tp)}({var}, {appends})")
            return lines
        return [f"{indent}raise _Invalid"]  # a union that may hold a target: the caller walks it slowly

    def function(self, cl: type) -> str:
        compiler = self.compiler
        if cl not in compiler.names:
            compiler.names[cl] = f"_collect_{cl.__name__}_{len(compiler.names)}"
            compiler.sources.append(self.class_function(cl))
        return compiler.names[cl]

    def compile(self, root: type) -> Callable[[Any], tuple[list[Any], ...]]:
        self.function(root)
        count = len(self.targets)
        lists = ", ".join(f"s{k}" for k in range(count))
        appends = ", ".join(f"s{k}.append" for k in range(count))
        self.compiler.sources.append(
            f"def _collect(o):\n    {lists}, = {', '.join('[]' for _ in range(count))},\n"
            f"    {self.compiler.names[root]}(o, {appends})\n    return {lists},"
        )
        self.compiler.names[_Collector] = "_collect"
        return self.compiler.compile(_Collector)


_lock = threading.Lock()
_compiled: dict[tuple[Any, ...], Callable[..., Any]] = {}


def _function(mode: str, root: type) -> Callable[..., Any]:
    key = (mode, root)
    function = _compiled.get(key)
    if function is None:
        with _lock:
            function = _compiled.get(key)
            if function is None:
                compiler = _Compiler(mode)
                if mode == "walk":
                    from .checks import _generic_walk

                    compiler.namespace["_generic"] = _generic_walk
                function = _compiled[key] = compiler.compile(root)
    return function


def structure_data(data: Any, cl: type[Any], *, strings_checked: bool = False) -> Any | None:
    """``data`` structured into ``cl`` if it keeps every structural rule; None if not (or not sure).

    ``strings_checked`` says that a strict JSON parser produced ``data``, so no string can hold a lone
    surrogate and that check is skipped.
    """
    try:
        return _function("json" if strings_checked else "data", cl)(data)
    except Exception:  # any doubt at all: the detailed path decides, and says why
        return None


def parse(data: str | bytes) -> Any:
    """Parsed JSON if ``data`` is strict JSON (UTF-8, no BOM, no NaN, no duplicate keys, no lone
    surrogates); :data:`NOT_PARSED` if it is not, or if this parser is not sure."""
    try:
        raw = data if isinstance(data, bytes) else data.encode("utf-8")
    except UnicodeEncodeError:
        return NOT_PARSED
    if _looks_canonical(raw):
        import orjson  # here, not at the top: `import policyschema` stays quick (bench_import.py)

        # Bytes equal to orjson's own dump of what it read cannot hold a duplicate key: the canonical
        # files (what dumps and fmt write, compact JSON lines) need no second, duplicate-detecting parse.
        try:
            parsed = orjson.loads(raw)  # refuses BOM, NaN, invalid UTF-8, lone surrogates; keeps a last duplicate
        except orjson.JSONDecodeError:
            return NOT_PARSED
        if type(parsed) is dict:
            if raw[:2] == b"{\n":
                dumped: bytes | None = orjson.dumps(parsed, option=orjson.OPT_INDENT_2)
                if raw[:-1] == dumped if raw[-1:] == b"\n" else raw == dumped:
                    return parsed
            elif raw == orjson.dumps(parsed):
                return parsed
        parsed = dumped = None  # let them go before the second parse: memory stays at one parsed copy
    try:
        import jiter

        return jiter.from_json(raw, catch_duplicate_keys=True, allow_inf_nan=False)
    except ValueError:
        return NOT_PARSED


def _looks_canonical(raw: bytes) -> bool:
    """Whether ``raw`` may be written as orjson writes (two-space indent, or compact): a look at its
    start, to spare other styles a parse that could not be trusted. Only speed depends on it."""
    if raw[:5] == b'{\n  "':
        return True
    head = raw[:256]
    return raw[:2] == b'{"' and b'":' in head and b'": ' not in head and b'", ' not in head


#: What :func:`parse` returns for input it does not accept.
NOT_PARSED: Final = object()


def structure_json(data: str | bytes, cl: type[Any]) -> Any | None:
    """The strict parse and structure of ``data`` into ``cl``; None when the detailed path must decide."""
    parsed = parse(data)
    if parsed is NOT_PARSED:
        return None
    return structure_data(parsed, cl, strings_checked=True)


def unstructure_checked(obj: Any) -> dict[str, Any] | None:
    """The JSON data of attrs object ``obj`` if every field keeps the loader's structural rules and holds
    its declared Python type; else None (then the detailed path, ``validation.checked_data``, decides)."""
    data, exact = _object_data(obj)
    return data if exact else None


def _object_data(obj: Any) -> tuple[dict[str, Any] | None, bool]:
    """The JSON data of ``obj`` if its structure keeps the rules (None if not), and whether every value
    held its declared Python type (if not, values were judged by their JSON form, as the detailed path does)."""
    _inexact.seen = False
    try:
        # compiled for the root class itself (not a subclass's extra fields); anything else is in doubt
        data: dict[str, Any] = _function("object", AnnotatedDocument)(obj)
    except Exception:  # any doubt at all: the detailed path decides, and says why
        return None, True
    return data, not _inexact.seen


def collect(obj: Any, targets: tuple[type, ...]) -> tuple[list[Any], ...] | None:
    """The objects of each class in ``targets`` inside ``obj``, in document order; None when the tree
    is not made of its declared types (then walk it with :func:`walker` or a generic walk)."""
    key = ("collect", type(obj), targets)
    function = _compiled.get(key)
    if function is None:
        with _lock:
            function = _compiled[key] = _Collector(targets).compile(type(obj))
    try:
        found: tuple[list[Any], ...] = function(obj)
    except Exception:
        return None
    return found


def walker(cl: type) -> Callable[[Any, _Path, list[tuple[_Path, Any]]], None]:
    """A function appending (path, object) for ``obj`` and every attrs object inside it, in document order."""
    return _function("walk", cl)


def canonical_json(data: Any) -> str:
    """The canonical text of JSON data: two-space indent, UTF-8 unescaped, final newline.

    orjson writes it, byte for byte what ``json.dumps(..., ensure_ascii=False, indent=2)`` writes for the
    data :func:`unstructure_checked` returns (strings, integers, booleans, null, lists, objects); what
    orjson refuses (integers beyond 64 bits, lone surrogates) is written by :mod:`json`.
    """
    import orjson

    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
    except TypeError:
        return to_json(data)
