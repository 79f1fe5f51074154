"""Pydantic v2 models equivalent to policyschema's, in strict mode: the baseline for bench_load.py.

Same fields, types, enums, patterns and nullability; no semantic checks (policyschema's loader makes
those on top, and the benchmark reports its cost separately).
"""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Identifier = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$")]
Text = Annotated[str, Field(min_length=1)]
Offset = Annotated[int, Field(ge=0)]
PartialDate = Annotated[str, Field(pattern=r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class Force(str, Enum):
    note = "note"
    suggest = "suggest"
    recommend = "recommend"
    stress = "stress"
    call_for = "call_for"
    urge = "urge"
    instruct = "instruct"


class Modality(str, Enum):
    obligation = "obligation"
    recommendation = "recommendation"
    none = "none"


class ReportedAs(str, Enum):
    direct = "direct"
    indirect = "indirect"
    mixed = "mixed"


class Span(_Strict):
    start: Offset
    end: Offset
    text: Text


class PolicyArea(_Strict):
    codebook: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_.-]{0,63}$")]
    code: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")]


class Document(_Strict):
    id: Identifier
    title: Text
    publisher: Text
    published: datetime.datetime | datetime.date = Field(union_mode="left_to_right")
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?(-[A-Za-z0-9]{5,8})*$")]
    url: str | None = None
    text: str | None = None
    text_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    text_length: Offset | None = None


class ExternalIds(_Strict):
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None


class Role(_Strict):
    title: Text
    organization: Text | None = None
    evidence: list[Span] = []


class Speaker(_Strict):
    id: Identifier
    name: Text
    kind: str
    roles: list[Role] = []
    affiliation: Text | None = None
    external_ids: ExternalIds = ExternalIds()
    mentions: list[Span] = []


class Addressee(_Strict):
    label: Text
    kind: str
    span: Span | None = None


class Directive(_Strict):
    id: Identifier
    speaker: Identifier
    cue: Span
    force: Force
    modality: Modality
    addressees: list[Addressee] = []
    action: Text
    object: Text
    content: Span
    policy_areas: list[PolicyArea] = []
    time_horizon: Identifier | None
    occasion: Identifier | None
    reported_as: ReportedAs
    evidence: list[Span] = []


class Statement(_Strict):
    id: Identifier
    speaker: Identifier
    cue: Span
    kind: str
    content: Span
    policy_areas: list[PolicyArea] = []
    time_horizon: Identifier | None
    occasion: Identifier | None
    reported_as: ReportedAs
    evidence: list[Span] = []


class TimeHorizon(_Strict):
    id: Identifier
    kind: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    label: Text
    plan: Text | None = None
    evidence: list[Span] = []


class Occasion(_Strict):
    id: Identifier
    name: Text
    kind: str
    date: PartialDate | None
    date_note: Text | None = None
    participants: list[Identifier] = []
    evidence: list[Span] = []


class Annotation(_Strict):
    annotators: list[Text]
    created: datetime.datetime | datetime.date = Field(union_mode="left_to_right")
    guidelines: Text
    tool: Text | None = None
    notes: Text | None = None


class AnnotatedDocument(_Strict):
    schema_version: Annotated[str, Field(pattern=r"^1\.0$")]
    document: Document
    speakers: list[Speaker] = []
    directives: list[Directive] = []
    statements: list[Statement] = []
    time_horizons: list[TimeHorizon] = []
    occasions: list[Occasion] = []
    annotation: Annotation
