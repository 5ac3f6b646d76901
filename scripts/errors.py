"""The one error type of the builder.

A build problem is never swallowed (the lesson of trafilatura): it raises `BuildError`, whose
message names the file, the line or record, what was found and what was expected.
"""
from __future__ import annotations


class BuildError(Exception):
    """A problem in the input or in a build step that stops the build."""

    def __init__(self, where: str, found: str, expected: str):
        self.where, self.found, self.expected = where, found, expected
        super().__init__(f"{where}: found {found}; expected {expected}")


class Warnings(list):
    """Decisions the rules were unsure of, each as 'file:line: message'; printed, never silent."""

    def add(self, where: str, message: str) -> None:
        self.append(f"{where}: {message}")
