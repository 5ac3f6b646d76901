"""The generated card: dataset/README.md = YAML metadata (huggingface_hub card data, with
`dataset_info` from the `datasets` library) + the body of CARD.md with its generated regions
filled in from the schemas and the tables, plus dataset/LICENSE.md (the file the card's
`license_link` names), from LICENSE-DATA.md. A release of another article gets the generic
templates (scripts/release/card_generic.md, scripts/release/license_generic.md) instead.

A generated region is the text between two comment lines,

    <!-- BEGIN generated:NAME ... -->
    (the current text, written by the build)
    <!-- END generated:NAME -->

Comments are invisible where Markdown is rendered (the Hub, GitHub), so a reader sees the
current text and no marker; an editor sees where a region starts and ends. Rendering replaces
each region's text and keeps everything outside the regions, so the template with its regions
filled is itself a complete card: the build writes it back into CARD.md (build.refresh_docs)
and a test fails when CARD.md differs from what the build would write.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .. import about, layout, schemas
from . import figure
from ..escape import markdown as md, printable
from ..column_types import card_type
from ..layout import parquet_path, read_parquet

LICENSE_MD = about.LICENSE_TEMPLATE     # the project's license; the generic one is about.GENERIC_LICENSE_TEMPLATE
LICENSE_NAME = about.LICENSE_NAME
BEGIN = "<!-- BEGIN generated:{} (written by `jd-wechat-commentary build`; edits between these lines are replaced) -->"
END = "<!-- END generated:{} -->"
REGION = re.compile(r"^<!-- BEGIN generated:([a-z-]+)\b[^\n]*-->\n(.*?)^<!-- END generated:\1 -->$", re.M | re.S)
ANY_MARKER = re.compile(r"<!-- (?:BEGIN |END )?generated:([a-z-]+)")


@dataclass(frozen=True)
class Release:
    """What the card's regions are made from."""
    tables: dict
    version: str
    profile: about.Profile = about.PROJECT
    repo_id: str | None = None      # the Hub repository the release is built for; None: unpublished
    warnings: tuple = ()            # the build's warnings (errors.BuildWarning), counted by code in the card

    @property
    def tag(self) -> str:
        return about.tag(self.version)


def card_data(tables: dict, version: str, root: Path, profile: about.Profile = about.PROJECT):
    from huggingface_hub import DatasetCardData

    from .features import dataset_infos

    codes = about.languages(tables)     # BCP-47 with the script: zh-Hant or zh-Hans
    data = DatasetCardData(
        language=sorted({c.split("-")[0] for c in codes}), license="other", pretty_name=profile.pretty_name,
        size_categories=["n<1K"], task_categories=["token-classification"], tags=list(profile.keywords),
        annotations_creators=profile.annotations_creators, language_creators=["found"],
        multilinguality=["monolingual"], source_datasets=["original"],
        license_name=LICENSE_NAME, license_link=layout.LICENSE_COPY,
        language_details=codes[0], version=version, configs=_configs(tables),
    )
    dataset_infos(loadable(tables), _sizes(root)).to_dataset_card_data(data)
    return data


def loadable(tables: dict) -> dict:
    """The tables that are configs: those with rows. `datasets` cannot load a Parquet split of
    0 rows (one empty row group: "BatchSize must be greater than 0"; no row group: "corresponds to
    no data"), so an empty table is left out of configs and dataset_info, and the card names it
    as empty. Its Parquet file is still written: pyarrow and the catalogs read it."""
    return {t: rows for t, rows in tables.items() if rows}


def _configs(tables: dict) -> list[dict]:
    return [{"config_name": t, "data_files": [{"split": "train", "path": layout.shard_glob(t)}],
             **({"default": True} if t == schemas.DEFAULT_CONFIG else {})} for t in schemas.TABLES if tables[t]]


def _sizes(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for t in schemas.TABLES:
        path = parquet_path(root, t)
        out[t] = (read_parquet(path).nbytes, path.stat().st_size)
    return out


def write_card(root: Path, tables: dict, version: str, profile: about.Profile = about.PROJECT,
               repo_id: str | None = None, warnings=()) -> None:
    from huggingface_hub import DatasetCard

    release = Release(tables, version, profile, repo_id, tuple(warnings))
    body = render_file(profile.card_template, release)
    card = DatasetCard(f"---\n{card_data(tables, version, root, profile).to_yaml()}\n---\n\n{body}")
    (Path(root) / layout.CARD).write_text(str(card), encoding="utf-8")
    (Path(root) / layout.LICENSE_COPY).write_text(render_file(profile.license_template, release), encoding="utf-8")


def render_file(template_path: Path, release: Release, skip: tuple[str, ...] = ()) -> str:
    from ..errors import BuildError
    try:
        return render(Path(template_path).read_text(encoding="utf-8"), release, skip)
    except ValueError as exc:
        raise BuildError("bad-card-template", str(template_path), str(exc), f"regions named one of {sorted(GENERATORS)}, each opened and closed") from None


def render(template: str, release: Release, skip: tuple[str, ...] = ()) -> str:
    """Replace the text of every region; a region without a generator, a marker outside a
    complete region, or an inline marker of the old form is an error, never left in the card.
    Regions named in `skip` are left empty (validate compares the rest, see blank_regions)."""
    regions = REGION.findall(template)
    marked = ANY_MARKER.findall(template)
    unknown = sorted({name for name, _ in regions} - set(GENERATORS))
    if unknown:
        raise ValueError(f"generated regions without a generator: {unknown}")
    if len(marked) != 2 * len(regions):
        stray = sorted(set(marked) - {name for name, _ in regions}) or sorted(set(marked))
        raise ValueError(f"generated markers that do not open and close a region on lines of their own: {stray}")
    return REGION.sub(lambda m: region(m.group(1), "" if m.group(1) in skip else GENERATORS[m.group(1)](release)), template)


def blank_regions(text: str, names: tuple[str, ...]) -> str:
    """The text with the named regions emptied, as render(..., skip=names) writes them."""
    return REGION.sub(lambda m: region(m.group(1), "") if m.group(1) in names else m.group(0), text)


def region(name: str, text: str) -> str:
    return f"{BEGIN.format(name)}\n\n{text.strip(chr(10))}\n\n{END.format(name)}"


# ---------------------------------------------------------------- where the release is

def status(r: Release) -> str:
    from ..version import RELEASE_DATE
    head = f"**Version {r.version}** (release tag `{r.tag}`, {RELEASE_DATE})."
    url = about.hub_url(r.repo_id)
    if url:
        return (f"{head} On the Hugging Face Hub: [{r.repo_id}]({url}); the files of this version: "
                f"[{url}/tree/{r.tag}]({url}/tree/{r.tag}).")
    return (f"{head} **Unpublished:** this release was built without a Hugging Face repository "
            f"(`document.repo_id` in `{layout.CURATION_COPY}` is null), so it has no Hub address yet; "
            "load it from a copy of the folder, as below.")


def quick_load(r: Release) -> str:
    """Three ways in: datasets with a config, pandas, the plain Parquet file."""
    example = "attributions"
    if r.repo_id:
        url = about.hub_url(r.repo_id)
        return "\n".join([
            "```python", "from datasets import load_dataset",
            f'attributions = load_dataset("{r.repo_id}", "{example}", split="train", revision="{r.tag}")  # one config per table',
            "import pandas as pd",
            f'paragraphs = pd.read_parquet("hf://datasets/{r.repo_id}@{r.tag}/{layout.data_file("paragraphs")}", dtype_backend="pyarrow")',
            "```", "", "or download a table as one plain Parquet file:", "",
            "```", f"curl -LO {url}/resolve/{r.tag}/{layout.data_file(example)}", "```"])
    return "\n".join([
        "Not on the Hub yet: from a copy of the release folder `dataset/` (a clone of the project, or a download):", "",
        "```python", "from datasets import load_dataset",
        f'attributions = load_dataset("./dataset", "{example}", split="train")  # one config per table',
        "import pandas as pd",
        f'paragraphs = pd.read_parquet("{layout.PROJECT_RELEASE}/{layout.data_file("paragraphs")}", dtype_backend="pyarrow")',
        "```", "", f"Each table is one plain Parquet file, `{layout.PROJECT_RELEASE}/{layout.data_file('<config>')}`."])


def tool_paths(r: Release) -> str:
    """The path of a table for polars and duckdb: on the Hub (hf://) or in a local copy."""
    base = f"hf://datasets/{r.repo_id}@{r.tag}/" if r.repo_id else f"{layout.PROJECT_RELEASE}/"
    return "\n".join([
        "```python", "import polars as pl", f'speakers = pl.read_parquet("{base}{layout.data_file("speakers")}")', "",
        "import duckdb", 'duckdb.sql("""',
        "    SELECT s.name, s.name_romanized, count(*) AS statements",
        f"    FROM '{base}{layout.data_file('attributions')}' a",
        f"    JOIN '{base}{layout.data_file('speakers')}' s USING (speaker_id)",
        '    GROUP BY ALL ORDER BY statements DESC', '""").show()', "```"])


def contact(r: Release) -> str:
    url = about.hub_url(r.repo_id)
    if url:
        return (f"Questions, corrections and requests to remove a name: the repository's discussions, "
                f"[{url}/discussions]({url}/discussions).")
    return ("This release is unpublished, so it has no discussion page yet: ask whoever gave you this copy. "
            "Once it is built for a Hub repository, this section links that repository's discussions.")


# ---------------------------------------------------------------- what is in it

def example(r: Release) -> str:
    """One attribution with its paragraph, as the rows are stored."""
    a = example_attribution(r.tables["attributions"])
    if a is None:
        return "This release has no attribution."
    p = next(p for p in r.tables["paragraphs"] if p["paragraph_id"] == a["paragraph_id"])
    return "```json\n" + json.dumps({"attribution": a, "paragraph": p}, ensure_ascii=False, indent=2) + "\n```"


def example_row(r: Release) -> str:
    a = example_attribution(r.tables["attributions"])
    return "```json\n" + json.dumps(a, ensure_ascii=False, indent=1) + "\n```" if a else "This release has no attribution."


def example_attribution(attributions: list[dict]) -> dict | None:
    """The first statement by a person named with a title, with content: the typical row."""
    typical = [a for a in attributions if a["mention_type"] == "name_with_title" and a["content_text"]]
    return (typical or attributions or [None])[0]


def counts(r: Release) -> str:
    rows = ["| config | rows |", "| --- | --- |"]
    rows += [f"| `{t}`{' (default)' if t == schemas.DEFAULT_CONFIG else ''} | {len(r.tables[t])} |" for t in schemas.TABLES]
    empty = [t for t in schemas.TABLES if not r.tables[t]]
    if empty:
        rows += ["", f"Empty in this release, so not configs (`datasets` cannot load a table without rows): "
                     f"{', '.join(f'`{t}`' for t in empty)}. Their Parquet files hold the columns and no row."]
    return "\n".join(rows)


def data_dictionary(r: Release | None = None) -> str:
    out = []
    for t in schemas.TABLES:
        schema = schemas.load_schema(t)
        keys = [f"{fk['fields']} → {fk['reference']['resource']}.{fk['reference']['fields']}" for fk in schema["x-foreign-keys"]]
        out += [f"### `{t}`", "", schema["description"], "",
                f"Primary key: `{', '.join(schema['x-primary-key'])}`." + (f" References: {'; '.join(keys)}." if keys else ""), "",
                "| column | type | meaning |", "| --- | --- | --- |"]
        for name, prop in schema["properties"].items():
            out.append(f"| `{name}` | {card_type(prop)} | {_cell(prop['description'])}{_constraints(prop)} |")
        out.append("")
    return "\n".join(out).rstrip()


def _cell(text: str) -> str:
    return text.replace("|", "/")


def _constraints(prop: dict) -> str:
    notes = []
    if "enum" in prop:
        notes.append("one of " + ", ".join(f"`{v}`" for v in prop["enum"]))
    if "pattern" in prop:
        notes.append(f"pattern `{prop['pattern']}`".replace("|", "\\|"))  # a pipe would end the table cell
    if "minimum" in prop:
        notes.append(f"≥ {prop['minimum']}")
    return f" ({'; '.join(notes)})" if notes else ""


def errata_list(r: Release) -> str:
    rows = ["| id | block | printed | suggested | category | kind | found by | note |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    rows += [f"| {e['erratum_id']} | {e['block_id']} | {md(e['printed'])} | {md(e['suggested'])} | {e['category']} | {e['kind']} | "
             f"{e['detected_by']} | {md(e['note'])} |" for e in r.tables["errata"]]
    return "\n".join(rows)


def reference_check(r: Release) -> str:
    """Every place where the script_conversion errata and the script reference disagree, with why."""
    from .. import errata_check
    doc = r.tables["document"][0]
    if doc["script"] != "Hant":
        return "The source is in Simplified script: there is no script reference check for it."
    agree, found = errata_check.disagreements(doc["text"], r.tables["errata"])
    n = sum(e["kind"] == errata_check.SCRIPT_KIND for e in r.tables["errata"])
    rows = [f"Reference: **{errata_check.REFERENCE}** (OpenCC {errata_check.opencc_version()}). It agrees with {agree} of "
            f"the {n} `script_conversion` errata and disagrees in {len(found)} places:", "",
            "| erratum | in | printed | reference writes | errata suggest | why |", "| --- | --- | --- | --- | --- | --- |"]
    rows += [f"| {d.erratum_id or '— (not an erratum)'} | {md(d.context)} | {md(d.printed)} | {md(d.reference)} | {md(d.suggested) if d.suggested else '—'} | "
             f"{_cell(d.reason or 'unexplained: no reason recorded in the lexicon')} |" for d in found]
    return "\n".join(rows)


def speaker_list(r: Release) -> str:
    rows = ["| speaker_id | type | name (as printed) | romanized | roles (as printed) | statements |", "| --- | --- | --- | --- | --- | --- |"]
    rows += [f"| `{s['speaker_id']}` | {s['speaker_type']} | {md(s['name'])} | {md(s['name_romanized'])} | {'; '.join(map(md, s['roles'])) or '—'} | {s['n_attributions']} |"
             for s in r.tables["speakers"]]
    return "\n".join(rows)


def breakdown(r: Release) -> str:
    t = r.tables

    def line(label: str, rows: list[dict], column: str) -> str:
        return f"- {label}: " + ", ".join(f"{k} {n}" for k, n in sorted(Counter(r[column] for r in rows).items()))
    return "\n".join([line("attributions by mention type", t["attributions"], "mention_type"),
                      line("attributions by quote type", t["attributions"], "quote_type"),
                      line("speakers by type", t["speakers"], "speaker_type"),
                      line("blocks by type", t["blocks"], "block_type"),
                      line("errata by category", t["errata"], "category"),
                      line("errata by kind", t["errata"], "kind"),
                      line("errata found by", t["errata"], "detected_by")])


def source_facts(r: Release) -> str:
    """What the document row knows about the source; a fact nobody supplied (no platform notice,
    no curated article id or title) is left out, never printed as None."""
    doc = r.tables["document"][0]
    known = [("platform (as printed)", doc["platform"] and md(doc["platform"])), ("article id", doc["source_id"] and _code(doc["source_id"])),
             ("title", doc["title"] and md(doc["title"]))]
    return "\n".join([f"- {label}: {value}" for label, value in known if value]
                     + [f"- script: `{doc['script']}`; language: `{doc['language']}`",
                        f"- {doc['n_chars']} characters (code points) on {doc['n_lines']} lines",
                        f"- sha256 of the UTF-8 text: `{doc['source_sha256']}`"])


def citation(r: Release) -> str:
    return (f"```bibtex\n{about.bibtex(r.version, r.profile, r.repo_id)}\n```\n\n"
            f"Cite the version you used: the release tag `{r.tag}` fixes the files.")


def error_codes(r: Release | None = None) -> str:
    from ..validate.report import CODES
    return "\n".join(["| code | meaning |", "| --- | --- |"] + [f"| `{c}` | {m} |" for c, m in CODES.items()])


def _code(text: str) -> str:
    """A code span, unless the text holds a backtick (which would close it) or a pipe."""
    return md(text) if "`" in text or "|" in text else f"`{printable(text)}`"


def warning_summary(r: Release) -> str:
    """How many warnings the build gave, per code, and where the full list is."""
    from ..errors import WARNING_CODES, Warnings
    from ..layout import WARNINGS
    counts = Warnings(r.warnings).counts()
    if not counts:
        return f"The build gave no warnings; `{WARNINGS}` is empty."
    rows = ["| code | warnings | meaning |", "| --- | --- | --- |"]
    rows += [f"| `{code}` | {n} | {WARNING_CODES[code]} |" for code, n in counts.items()]
    return "\n".join([f"The build gave {len(r.warnings)} warning(s). `{WARNINGS}` lists each one, one JSON object per "
                      "line: `code`, `file` (its path in this release), `line` (or null) and `message`.", ""] + rows)


GENERATORS = {
    "status": status, "quick-load": quick_load, "tool-paths": tool_paths, "contact": contact,
    "example": example, "example-row": example_row, "counts": counts, "data-dictionary": data_dictionary,
    "errata": errata_list, "reference-check": reference_check, "speakers": speaker_list, "breakdown": breakdown,
    "source": source_facts, "citation": citation, "error-codes": error_codes,
    "warnings": warning_summary, "speakers-by-section": lambda r: figure.card_link(),
}
