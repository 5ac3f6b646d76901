"""A validation report with stable error codes (after frictionless-py): every problem has a
kebab-case code, the table, the row (its primary key, or line number), the field and a
message a person can act on. Nothing raises on the first problem."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from ..escape import printable
from ..layout import MANIFEST

# Every code the validator can emit, with what it means; the CLI's --help and the card list them.
CODES = {
    "file-missing": "a file the release must have is absent",
    "file-corrupt": "a file cannot be read (not Parquet, not JSON, truncated)",
    "table-schema-mismatch": "a Parquet file's Arrow schema differs from the one derived from its JSON Schema",
    "metadata-mismatch": "a Parquet file's metadata (version, source sha256, schema $id, features key) is wrong",
    "schema-violation": "a row does not validate against its table's JSON Schema",
    "invalid-json": "a JSON Lines record is not valid JSON (or not an object)",
    "no-records": "a JSON Lines file holds no record at all",
    "duplicate-id": "a primary key value occurs more than once",
    "unknown-block": "a reference to a block_id that the blocks table does not have",
    "unknown-section": "a reference to a section_index that the sections table does not have",
    "unknown-paragraph": "a reference to a paragraph_id that the paragraphs table does not have",
    "unknown-speaker": "a reference to a speaker_id that the speakers table does not have",
    "unknown-attribution": "a reference to an attribution_id that the attributions table does not have",
    "offset-mismatch": "a span's text is not document.text[start:end], or one of its offsets is missing or out of range",
    "span-misplaced": "a span lies outside the row that contains it (an attribution's source, cue or content outside its "
                      "paragraph, an erratum outside its block) or out of reading order (source, cue, content; a quotation "
                      "printed before its attribution comes first)",
    "block-type-mismatch": "a row points at a block of the wrong type (a paragraph, disclaimer or section heading at a block "
                           "whose block_type is not paragraph, disclaimer or heading)",
    "number-mismatch": "sections.number is not the number its label prints, or only one of label and number is null",
    "speaker-mismatch": "an attribution's mention disagrees with its speaker: an organization mention of a person or the "
                        "reverse, a name that is not printed in source_text (nor its surname with a form of address), a "
                        "pronoun mention that is not a pronoun",
    "script-mismatch": "the converted text columns disagree with document.script (Hant: text_simplified filled and "
                       "text_traditional null; Hans: the reverse)",
    "source-not-rebuilt": "the blocks joined with newlines do not give document.text back",
    "source-hash-mismatch": "document.source_sha256 is not the sha256 of document.text",
    "count-mismatch": "a stored count disagrees with the rows it counts",
    "derived-mismatch": "a column derived from another table disagrees with it",
    "agreement-mismatch": "attributions.agrees_with_attribution_id is set on a row that is not an agreement, or names a "
                          "statement that is not an earlier one by another speaker",
    "affiliation-mismatch": "a speaker's affiliations do not split its roles (organization + title == role)",
    "card-mismatch": "the card's metadata (configs, dataset_info) disagrees with the files",
    "schema-copy-mismatch": "the release's copy of a JSON Schema differs from the project's",
    "manifest-missing": f"{MANIFEST} is absent or unreadable",
    "manifest-unsafe-path": "a manifest path leaves the release folder",
    "manifest-file-missing": "a file listed in the manifest is absent",
    "manifest-extra-file": "a file in the release is not listed in the manifest",
    "checksum-mismatch": "a file's size or sha256 differs from the manifest",
    "content-hash-mismatch": "a table's rows or content hash differ from the manifest",
    "document-not-one": "the document table does not hold exactly one row (every span is checked against that one text)",
    "copy-mismatch": "a copied or generated file (license, catalog, card body, source or curation copy) is not what the "
                     "build writes from these tables",
    "unexpected-file": "a file the build never writes (a release holds only its own files, listed or not)",
    "special-file": "a FIFO, device or socket in the release; never opened",
    "unsafe-link": "a symbolic link that leaves the release or resolves nowhere (only links of the Hub's cache layout "
                   "into the same repository's blobs/ are followed)",
    "file-too-large": "a file larger than the manifest says or than validate reads at most, or a Parquet file whose "
                      "footer claims more rows or values than its bytes can hold; not decoded",
    "path-too-deep": "folders nested deeper than validate lists (the build writes two levels), or more entries than it "
                     "lists, or a folder that cannot be listed",
    "check-failed": "a check stopped on data it did not expect (the message names it); the release is not valid, "
                    "and the stop is a bug to report",
}


def guarded(report: "Report", name: str, check, *args):
    """check(*args), or, when it raises, a check-failed problem naming it: the last resort that
    keeps one unforeseen value from hiding every other problem behind a traceback. Returns what
    the check returns (None when it failed)."""
    try:
        return check(*args)
    except Exception as exc:    # RecursionError and MemoryError included; KeyboardInterrupt not
        report.add("check-failed", None, None, name, f"the {name} check stopped: {type(exc).__name__}: {_bounded(str(exc))}")
        return None


def _bounded(text: str, n: int = 300) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass(frozen=True)
class Problem:
    code: str
    table: str | None
    row: str | int | None
    field: str | None
    message: str


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    checked: dict = field(default_factory=dict)

    def add(self, code: str, table: str | None, row, fld: str | None, message: str) -> None:
        assert code in CODES, code
        self.problems.append(Problem(code, table, row, fld, message))

    @property
    def valid(self) -> bool:
        return not self.problems

    def flat(self) -> list[tuple]:
        return [(p.code, p.table, p.row) for p in self.problems]

    def codes(self) -> set[str]:
        return {p.code for p in self.problems}

    def to_json(self) -> str:
        return json.dumps({"valid": self.valid, "checked": self.checked, "problems": [asdict(p) for p in self.problems]},
                          ensure_ascii=False, indent=2)

    def text(self) -> str:
        if self.valid:
            return "valid: " + ", ".join(f"{k} {v}" for k, v in self.checked.items())
        # printable: a file name or a value with a newline must not start a line of its own
        lines = [printable(f"{p.code}: {p.table or '-'} row {p.row if p.row is not None else '-'}"
                           f"{' field ' + str(p.field) if p.field else ''}: {p.message}") for p in self.problems]
        return "\n".join(lines + [f"not valid: {len(self.problems)} problem(s)"])
