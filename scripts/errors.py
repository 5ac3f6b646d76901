"""The error types of the builder and its commands, and the build's warnings with their codes.

A build problem is never swallowed (the lesson of trafilatura): it raises `BuildError`, whose
message names the file, the line or record, what was found and what was expected. A bad path or
argument given to a command raises `UsageError` (exit 2), whose message names the path, the
cause and the fix. The command line (cli.py) turns both into one `error:` line.
"""
from __future__ import annotations

import json

from .escape import printable


# Every code a build error can have, with what it means (the codes of validate are in
# validate/report.py); a test session proves that every code here is raised by some test.
BUILD_ERROR_CODES = {
    "empty-file": "the article file is empty",
    "only-whitespace": "the article holds only white space",
    "byte-order-mark": "the article starts with a UTF-8 byte-order mark",
    "not-utf8": "the article or curated file holds bytes that are not UTF-8",
    "carriage-return": "the article has CR or CRLF line ends",
    "control-character": "the article holds a control character (other than the line feed)",
    "not-chinese": "the article's paragraphs are mostly not Chinese characters",
    "unreadable-file": "an input file cannot be read",
    "unreadable-input-data": "a corpus input's data file cannot be read partway through (a damaged file)",
    "invalid-yaml": "the curated file is not valid YAML",
    "duplicate-yaml-key": "a mapping of the curated file has the same key twice",
    "curation-not-a-mapping": "the curated file is not a mapping with document, speakers, errata",
    "curation-entry-not-a-mapping": "an entry of the curated file is not a mapping",
    "unknown-curation-key": "an entry of the curated file has a key it may not have",
    "missing-curation-key": "an entry of the curated file lacks a key it must have",
    "bad-curation-value": "a value of the curated file is empty or of the wrong type",
    "bad-document-id": "document.document_id is not a lowercase ASCII slug",
    "bad-repo-id": "document.repo_id is not OWNER/NAME",
    "unknown-erratum-kind": "a curated erratum has a kind the schema does not know",
    "duplicate-curated-speaker": "two curated speakers share a name or a speaker_id",
    "bad-speaker-id-or-type": "a curated speaker_id is not a slug, or its speaker_type is unknown",
    "bad-affiliation-split": "a curated affiliation's organization and title do not make up its role",
    "curation-out-of-date": "curated entries no longer match the text (a name, a role or an erratum's context)",
    "context-not-unique": "an erratum's context occurs other than once in the text",
    "erratum-across-lines": "an erratum's printed text crosses a line end",
    "printed-not-unique": "an erratum's printed text occurs other than once in its context",
    "curated-speaker-unattributed": "a curated speaker never speaks in the text",
    "curated-roles-mismatch": "a curated speaker's roles differ from the roles the text prints",
    "bad-card-template": "a card or license template has a generated region that is unknown or not closed",
    "warnings-with-strict": "the build gave warnings and --strict was given",
    "os-error": "the operating system refused a write (a full disk, a permission)",
    "release-invalid": "the release just written does not validate (a bug of the builder)",
}


class BuildError(Exception):
    """A problem in the input or in a build step that stops the build (exit 1). `code` is one of
    BUILD_ERROR_CODES: a program (the corpus build's rejects) counts errors by it."""

    def __init__(self, code: str, where: str, found: str, expected: str):
        assert code in BUILD_ERROR_CODES, code
        # `where` is a file name (and line) from the user: a newline in it must not start a line
        self.code, self.where, self.found, self.expected = code, printable(str(where)), found, expected
        super().__init__(f"{self.where}: found {found}; expected {expected}")


class UsageError(Exception):
    """A path or argument a command cannot use (exit 2): `where: cause; fix`."""

    def __init__(self, where, cause: str, fix: str):
        self.where, self.cause, self.fix = printable(str(where)), cause, fix
        super().__init__(printable(f"{where}: {cause}; {fix}"))     # one line, whatever the paths in it hold


# Every code a build warning can have, with what it means; the generic card counts warnings by
# code, and a test proves that every code here is produced by some input.
WARNING_CODES = {
    "uncertain-organization": "a mention was taken for an organization by its ending alone",
    "uncertain-name-split": "a name was split off a title the lexicon does not know",
    "name-never-introduced": "a name was never introduced with a title; taken for a person's name",
    "surname-and-address-only": "a person is named by surname and a form of address only (趙律師), with no earlier speaker of that surname",
    "unrecognised-speaker": "a word before a reporting verb is neither a known person nor an organization; not attributed",
    "pronoun-without-antecedent": "a pronoun has no earlier speaker to refer to; the statement is dropped",
    "pronoun-across-speaker": "a pronoun was taken for the last person who spoke although someone else spoke in between",
    "surname-without-antecedent": "a surname with a form of address names no earlier speaker; the statement is dropped",
    "surname-ambiguous": "a surname with a form of address could be more than one earlier speaker",
    "speaker-not-curated": "a speaker the rules found has no entry in the curated file; its id and romanization are derived",
    "curated-type-override": "the curated file gives a speaker another type than the rules found",
    "organization-by-position": "a word before a reporting verb that names no known person was taken for an organization",
    "pronoun-introduced": "a pronoun was taken for a person introduced with a title in its paragraph who had not spoken",
    "pronoun-by-gender": "a pronoun was taken for an earlier speaker whose given name fits its gender rather than the last one",
    "title-alone": "a title alone (特首, 副總理) was taken for the one person printed with that title in the article",
    "anaphor-without-antecedent": "該公司/該局 points back to no organization that spoke before; the statement is dropped",
    "invisible-character": "an invisible character (zero-width, soft hyphen, byte-order mark, bidi control) in the text "
                           "can hide a name or a reporting verb from the rules",
}


class BuildWarning(str):
    """One decision the rules were unsure of. It reads as 'where: message' (so it prints and
    compares as before) and carries its code, the file it is about ('source' or 'curation')
    and its line (None when it is about a curated entry, not a line)."""

    code: str
    file: str
    line: int | None
    message: str

    def __new__(cls, code: str, message: str, line: int | None = None, file: str = "source", where: str | None = None):
        assert code in WARNING_CODES, code
        self = super().__new__(cls, f"{where or f'line {line}'}: {message}")
        self.code, self.file, self.line, self.message = code, file, line, message
        return self

    def record(self, files: dict[str, str]) -> dict:
        """The warning as written into the release: code, release path of the file, line, message."""
        return {"code": self.code, "file": files.get(self.file, self.file), "line": self.line, "message": self.message}


class Warnings(list):
    """Decisions the rules were unsure of, each a `BuildWarning`; printed and written into the release, never silent."""

    def add(self, code: str, line: int | None, message: str, file: str = "source", where: str | None = None) -> None:
        self.append(BuildWarning(code, message, line, file, where))

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for w in self:
            out[w.code] = out.get(w.code, 0) + 1
        return dict(sorted(out.items()))

    def in_line_order(self) -> list[BuildWarning]:
        """By line (stable: the rules' order within a line); warnings about curated entries last."""
        return sorted(self, key=lambda w: (w.line is None, w.line or 0))

    def jsonl(self, files: dict[str, str]) -> str:
        """One JSON object per line, in line order."""
        return "".join(json.dumps(w.record(files), ensure_ascii=False, sort_keys=True) + "\n" for w in self.in_line_order())
