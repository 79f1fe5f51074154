"""policyschema: typed, validated, portable annotations of who said what, to whom, about which
policy area, for which period, every claim anchored in the text.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import examples
from .checks import check, text_sha256
from .codebooks import (
    DEFAULT_CODEBOOK,
    Codebook,
    CodebookEntry,
    get_codebook,
    load_codebook,
    register_codebook,
    registered_codebooks,
)
from .codec import dump, dumps, load, loads, structure, unstructure
from .config import load_project_codebooks
from .corpus import DocumentReport, validate_document, validate_lines
from .dates import DateInterval, PartialDate
from .errors import Problem, ValidationError
from .lint import lint
from .locate import locate
from .migration import migrate
from .models import (
    READABLE_VERSIONS,
    SCHEMA_VERSION,
    Addressee,
    AnnotatedDocument,
    Annotation,
    Directive,
    Document,
    ExternalIds,
    Occasion,
    PolicyArea,
    Role,
    Span,
    Speaker,
    Statement,
    TimeHorizon,
)
from .phrases import PhraseMatch, PhraseRow, PhraseTable, get_phrase_table, load_phrase_table
from .reliability import cohen_kappa, krippendorff_alpha, masi_distance
from .schema import annotation_schema, codebook_schema, validate_json, write_schemas
from .schemafiles import schema_path, schema_text, schema_versions
from .validation import validate
from .vocabulary import (
    AddresseeKind,
    AnchorRelation,
    Force,
    HorizonKind,
    Modality,
    OccasionKind,
    Polarity,
    ReportedAs,
    SpeakerKind,
    StatementKind,
)

__version__ = "0.2.0"

__all__ = [
    "DEFAULT_CODEBOOK",
    "READABLE_VERSIONS",
    "SCHEMA_VERSION",
    "Addressee",
    "AddresseeKind",
    "AgreementReport",
    "AlignedRow",
    "AnchorRelation",
    "AnnotatedDocument",
    "Annotation",
    "Codebook",
    "CodebookEntry",
    "DateInterval",
    "Directive",
    "Disagreement",
    "Document",
    "DocumentReport",
    "ExternalIds",
    "FieldScores",
    "Force",
    "HorizonKind",
    "Modality",
    "Occasion",
    "OccasionKind",
    "PartialDate",
    "PhraseMatch",
    "PhraseRow",
    "PhraseTable",
    "Polarity",
    "PolicyArea",
    "Problem",
    "ReportedAs",
    "Role",
    "Span",
    "Speaker",
    "SpeakerKind",
    "Statement",
    "StatementKind",
    "TimeHorizon",
    "UnitScores",
    "ValidationError",
    "__version__",
    "agreement",
    "annotation_schema",
    "brat",
    "check",
    "codebook_schema",
    "cohen_kappa",
    "corpus_agreement",
    "dump",
    "dumps",
    "examples",
    "exchange",
    "get_codebook",
    "get_phrase_table",
    "krippendorff_alpha",
    "labelstudio",
    "lint",
    "load",
    "load_codebook",
    "load_phrase_table",
    "load_project_codebooks",
    "loads",
    "locate",
    "masi_distance",
    "migrate",
    "pair_documents",
    "register_codebook",
    "registered_codebooks",
    "schema_path",
    "schema_text",
    "schema_versions",
    "sentences",
    "structure",
    "tables",
    "text_sha256",
    "unstructure",
    "validate",
    "validate_document",
    "validate_json",
    "validate_lines",
    "w3c",
    "write_schemas",
]


if TYPE_CHECKING:
    from . import brat, exchange, inception, labelstudio, tables, w3c  # noqa: F401
    from .intercoder import (
        AgreementReport,
        AlignedRow,
        Disagreement,
        FieldScores,
        UnitScores,
        agreement,
        corpus_agreement,
        pair_documents,
    )
    from .segmentation import sentences

#: The exchange-format modules, imported on first use (``ps.w3c``): ``import policyschema`` stays quick
#: for those who only load and check files, and ``ps.inception`` needs the optional dkpro-cassis.
_ON_FIRST_USE = frozenset({"brat", "exchange", "inception", "labelstudio", "tables", "w3c"})


#: Names whose module is imported on first use: agreement between coders and the sentence split of the
#: guidelines are not needed to load a file.
_NAMES_ON_FIRST_USE: dict[str, str] = {
    **dict.fromkeys(
        (
            "AgreementReport",
            "AlignedRow",
            "Disagreement",
            "FieldScores",
            "UnitScores",
            "agreement",
            "corpus_agreement",
            "pair_documents",
        ),
        "intercoder",
    ),
    "sentences": "segmentation",
}


def __getattr__(name: str) -> Any:
    if name in _ON_FIRST_USE:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _NAMES_ON_FIRST_USE:
        value = getattr(importlib.import_module(f"{__name__}.{_NAMES_ON_FIRST_USE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'policyschema' has no attribute {name!r}")
