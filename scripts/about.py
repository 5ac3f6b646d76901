"""What the dataset is, said once: its name, summary, license and citation.

The card, the Croissant and Data Package descriptors and the publish command all describe the
same release; they read these facts from here so that the three never disagree. Facts about
the article itself (its id, its platform) come from the document table, not from here.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import schemas

REPO = Path(__file__).resolve().parent.parent

NAME = "jd-wechat-commentary"
PRETTY_NAME = "JD x WeChat shopping entry: expert commentary with speaker attribution"
SUMMARY = ("One Chinese news commentary article (NetEase Hao, Traditional-script rendering) on the end of "
           "JD.com's shopping entry in WeChat, as eight linked tables: the document, its source lines (blocks), "
           "body paragraphs, sections, speakers, attributions of reported statements, the platform's "
           "disclaimer and the errors of the source. Every span is a code-point offset into the exact text.")
KEYWORDS = ("chinese", "traditional-chinese", "news", "commentary", "quote-attribution", "speaker-attribution",
            "e-commerce")
AUTHOR = "jd-wechat-commentary contributors"

# The annotations are offered under CC BY 4.0; the article text is not ours to license.
LICENSE_NAME = "article-text-rights-reserved-annotations-cc-by-4.0"
LICENSE_FILE = "LICENSE.md"
ANNOTATIONS_LICENSE = "CC-BY-4.0"
ANNOTATIONS_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
TEXT_RIGHTS = ("The article text (every column copied from the article) belongs to its author, the NetEase Hao "
               "account holder; it is included for research, and redistributing it needs the rights holder's permission.")


def homepage() -> str:
    """The dataset's base URL: the folder above the schemas' `$id`s, so that one place (the schemas)
    names where the dataset lives."""
    schema_id = schemas.load_schema(schemas.TABLES[0])["$id"]
    return schema_id.rsplit("/schema/", 1)[0] + "/"


def tag(version: str) -> str:
    return f"v{version}"


def bibtex_key(version: str, name: str = NAME) -> str:
    return f"{name.replace('-', '_')}_v{version.replace('.', '_')}"


def bibtex(version: str, profile: "Profile | None" = None) -> str:
    """BibTeX for one version. No year: the build writes no dates (two builds must be
    byte-identical); the version and its tag identify the release. No URL: the Hub repository
    is chosen at publish time (--repo-id), after the card is built."""
    profile = profile or PROJECT
    fields = [("title", f"{{{profile.pretty_name}}}"), ("author", f"{{{AUTHOR}}}"), ("version", version),
              ("howpublished", f"Dataset release {tag(version)}"),
              ("note", f"Dataset, version {version} (release tag {tag(version)}); annotations CC BY 4.0, "
                       "article text rights reserved by its author")]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@misc{{{bibtex_key(version, profile.name)},\n{body}\n}}"


@dataclass(frozen=True)
class Profile:
    """What a release says about itself. The project's release has the hand-written CARD.md;
    a release built for another article (build --source) gets a generic card and names."""
    name: str
    pretty_name: str
    summary: str
    keywords: tuple[str, ...]
    card_template: Path
    language_details: str | None = None


PROJECT = Profile(NAME, PRETTY_NAME, SUMMARY, KEYWORDS, REPO / "CARD.md",
                  "zh-Hant (Traditional script, with some Simplified characters left by conversion); "
                  "en (platform notice only)")
PROJECT_SOURCE = REPO / "dataset" / "source" / "article.txt"
GENERIC_SUMMARY = ("A Chinese news commentary article as linked tables: the document, its source lines, body "
                   "paragraphs, sections, speakers, attributions of reported statements, platform notices and the "
                   "errors of the source; built by the jd-wechat-commentary rules. Every span is a code-point "
                   "offset into the exact text.")


def profile_for(source_path: Path, document_id: str) -> Profile:
    if Path(source_path).resolve() == PROJECT_SOURCE.resolve():
        return PROJECT
    return Profile(document_id, f"News commentary {document_id}: speaker attribution", GENERIC_SUMMARY,
                   ("chinese", "news", "commentary", "quote-attribution", "speaker-attribution"),
                   Path(__file__).resolve().parent / "card_generic.md")
