"""What the dataset is, said once: its name, summary, license and citation.

The card, the Croissant and Data Package descriptors and the publish command all describe the
same release; they read these facts from here so that the three never disagree. Facts about
the article itself (its id, its platform) come from the document table, not from here.
"""
from __future__ import annotations

from . import schemas

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


def bibtex_key(version: str) -> str:
    return f"{NAME.replace('-', '_')}_v{version.replace('.', '_')}"


def bibtex(version: str) -> str:
    """BibTeX for one version. No year: the build writes no dates (two builds must be
    byte-identical); the version and its tag identify the release. No URL: the Hub repository
    is chosen at publish time (--repo-id), after the card is built."""
    fields = [("title", f"{{{PRETTY_NAME}}}"), ("author", f"{{{AUTHOR}}}"), ("version", version),
              ("howpublished", f"Dataset release {tag(version)}"),
              ("note", f"Dataset, version {version} (release tag {tag(version)}); annotations CC BY 4.0, "
                       "article text rights reserved by its author")]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@misc{{{bibtex_key(version)},\n{body}\n}}"
