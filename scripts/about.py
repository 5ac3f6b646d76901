"""What the dataset is, said once: its name, summary, license and citation; and where the files
that ship with the package are (where a project's folders are: layout.py).

The card, the Croissant and Data Package descriptors and the publish command all describe the
same release; they read these facts from here so that the three never disagree. Facts about
the article itself (its id, its platform, its languages) come from the tables, not from here.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import layout, schemas

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent        # the repository, when the package runs from scripts/ (editable install)


def shipped(installed: Path, in_checkout: Path) -> Path:
    """A file that ships with the package: the package-data copy of an installed wheel
    (pyproject [tool.setuptools.package-data]), else the file in the checkout."""
    return installed if installed.exists() else in_checkout


CARD_TEMPLATE = shipped(PACKAGE / "project" / layout.PROJECT_CARD, CHECKOUT / layout.PROJECT_CARD)
LICENSE_TEMPLATE = shipped(PACKAGE / "project" / "LICENSE-DATA.md", CHECKOUT / "LICENSE-DATA.md")
GENERIC_CARD_TEMPLATE = PACKAGE / "release" / "card_generic.md"
GENERIC_LICENSE_TEMPLATE = PACKAGE / "release" / "license_generic.md"

NAME = "jd-wechat-commentary"
PRETTY_NAME = "JD x WeChat shopping entry: expert commentary with speaker attribution"
SUMMARY = ("One Chinese news commentary article (NetEase Hao, Traditional-script rendering) on the end of "
           "JD.com's shopping entry in WeChat, as eight linked tables: the document, its source lines (blocks), "
           "body paragraphs, sections, speakers, attributions of reported statements, the platform's "
           "disclaimer and the errors of the source. Every span is a code-point offset into the exact text.")
KEYWORDS = ("chinese", "traditional-chinese", "news", "commentary", "quote-attribution", "speaker-attribution",
            "e-commerce")
AUTHOR = "jd-wechat-commentary contributors"
PROJECT_DOCUMENT_ID = "netease-kaagscoc0531871o"   # the document_id the project's curated file gives

# The annotations are offered under CC BY 4.0; the article text is not ours to license.
LICENSE_NAME = "article-text-rights-reserved-annotations-cc-by-4.0"
ANNOTATIONS_LICENSE = "CC-BY-4.0"
ANNOTATIONS_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
TEXT_RIGHTS = ("The article text (every column copied from the article) belongs to its author, the NetEase Hao "
               "account holder; it is included for research, and redistributing it needs the rights holder's permission.")
GENERIC_TEXT_RIGHTS = ("The article text (every column copied from the article) belongs to its author; it is included "
                       "for research, and redistributing it needs the rights holder's permission.")


def hub_url(repo_id: str | None) -> str | None:
    """The dataset's page on the Hugging Face Hub, from the repository the release is built for
    (the curated file's document.repo_id); None while the release is unpublished."""
    return f"{schemas.HUB_DATASETS}{repo_id}" if repo_id else None


def tag(version: str) -> str:
    return f"v{version}"


def bibtex_key(version: str, name: str = NAME) -> str:
    return f"{name.replace('-', '_')}_v{version.replace('.', '_')}"


def bibtex(version: str, profile: "Profile | None" = None, repo_id: str | None = None) -> str:
    """BibTeX for one version, with the year of its release date, and the Hub page at the
    release tag when the release names its repository (an unpublished release has no URL)."""
    from .version import RELEASE_DATE
    profile = profile or PROJECT
    url = hub_url(repo_id)
    fields = [("title", f"{{{profile.pretty_name}}}"), ("author", f"{{{AUTHOR}}}"), ("year", RELEASE_DATE[:4]),
              ("version", version),
              ("howpublished", f"Hugging Face dataset {repo_id}, release {tag(version)}" if url else f"Dataset release {tag(version)}"),
              *([("url", f"{url}/tree/{tag(version)}")] if url else []),
              ("note", f"Dataset, version {version} (release tag {tag(version)}); annotations CC BY 4.0, "
                       "article text rights reserved by its author")]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@misc{{{bibtex_key(version, profile.name)},\n{body}\n}}"


def languages(tables: dict) -> list[str]:
    """The release's language as a BCP-47 tag with its script (zh-Hant, zh-Hans), from the document.
    A platform notice printed in another language (the English copy of the disclaimer) is a
    line of boilerplate, not a language of the data: the card mentions it, the metadata does not."""
    doc = tables["document"][0]
    return [f"{doc['language']}-{doc['script']}"]


@dataclass(frozen=True)
class Profile:
    """What a release says about itself. The project's release has the hand-written CARD.md and
    LICENSE-DATA.md; a release built for another article (build --source) gets the generic
    templates and names. `curated`: a person's curated file was used (expert-generated)."""
    name: str
    pretty_name: str
    summary: str
    keywords: tuple[str, ...]
    card_template: Path
    license_template: Path
    text_rights: str
    curated: bool

    @property
    def annotations_creators(self) -> list[str]:
        return ["machine-generated"] + (["expert-generated"] if self.curated else [])


PROJECT = Profile(NAME, PRETTY_NAME, SUMMARY, KEYWORDS, CARD_TEMPLATE, LICENSE_TEMPLATE, TEXT_RIGHTS, True)
GENERIC_SUMMARY = ("A Chinese news commentary article as linked tables: the document, its source lines, body "
                   "paragraphs, sections, speakers, attributions of reported statements, platform notices and the "
                   "errors of the source; built by the jd-wechat-commentary rules. Every span is a code-point "
                   "offset into the exact text.")


def profile_for(document_id: str, curated: bool) -> Profile:
    """The project's profile for the project's article with its curated file (which names the
    document); a generic one for any other article, wherever its files are."""
    if curated and document_id == PROJECT_DOCUMENT_ID:
        return PROJECT
    return Profile(document_id, f"News commentary {document_id}: speaker attribution", GENERIC_SUMMARY,
                   ("chinese", "news", "commentary", "quote-attribution", "speaker-attribution"),
                   GENERIC_CARD_TEMPLATE, GENERIC_LICENSE_TEMPLATE, GENERIC_TEXT_RIGHTS, curated)
