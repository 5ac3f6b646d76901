"""The generated card: dataset/README.md = YAML metadata (huggingface_hub card data, with
`dataset_info` from the `datasets` library) + the body of CARD.md with its generated parts
(`<!-- generated:NAME -->`) filled in from the schemas and the tables, plus dataset/LICENSE.md
(the file the card's `license_link` names), from LICENSE-DATA.md. A release of another article
gets the generic templates (scripts/card_generic.md, scripts/license_generic.md) instead."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path


from . import about, schemas
from .layout import parquet_path, read_parquet

LICENSE_MD = about.LICENSE_TEMPLATE     # the project's license; the generic one is about.GENERIC_LICENSE_TEMPLATE
LICENSE_NAME = about.LICENSE_NAME
MARKER = re.compile(r"<!-- generated:([a-z-]+) -->")


def card_data(tables: dict, version: str, root: Path, profile: about.Profile = about.PROJECT):
    from huggingface_hub import DatasetCardData

    from .features import dataset_infos

    codes = about.languages(tables)     # BCP-47: zh-Hant or zh-Hans, then en if a notice is in English
    data = DatasetCardData(
        language=[c.split("-")[0] for c in codes], license="other", pretty_name=profile.pretty_name,
        size_categories=["n<1K"], task_categories=["token-classification"], tags=list(profile.keywords),
        annotations_creators=profile.annotations_creators, language_creators=["found"],
        multilinguality=["monolingual"], source_datasets=["original"],
        license_name=LICENSE_NAME, license_link=about.LICENSE_FILE,
        language_details=", ".join(codes), version=version, configs=_configs(tables),
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
    return [{"config_name": t, "data_files": [{"split": "train", "path": f"data/{t}/train-*.parquet"}],
             **({"default": True} if t == schemas.DEFAULT_CONFIG else {})} for t in schemas.TABLES if tables[t]]


def _sizes(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for t in schemas.TABLES:
        path = parquet_path(root, t)
        out[t] = (read_parquet(path).nbytes, path.stat().st_size)
    return out


def write_card(root: Path, tables: dict, version: str, profile: about.Profile = about.PROJECT) -> None:
    from huggingface_hub import DatasetCard

    body = render_body(profile.card_template, tables, version, profile)
    card = DatasetCard(f"---\n{card_data(tables, version, root, profile).to_yaml()}\n---\n\n{body}")
    (Path(root) / "README.md").write_text(str(card), encoding="utf-8")
    license_text = render_body(profile.license_template, tables, version, profile)
    (Path(root) / about.LICENSE_FILE).write_text(license_text, encoding="utf-8")


def render_body(template_path: Path, tables: dict, version: str, profile: about.Profile = about.PROJECT) -> str:
    """Fill every marker; a marker without a generator is a build error, never left in the card."""
    template = Path(template_path).read_text(encoding="utf-8")
    parts = {"version": lambda: version, "tag": lambda: about.tag(version), "counts": lambda: counts(tables),
             "data-dictionary": data_dictionary, "errata": lambda: errata_list(tables["errata"]),
             "citation": lambda: f"```bibtex\n{about.bibtex(version, profile)}\n```", "speakers": lambda: speaker_list(tables["speakers"]),
             "breakdown": lambda: breakdown(tables), "source": lambda: source_facts(tables["document"][0]),
             "error-codes": error_codes}
    unknown = sorted(set(MARKER.findall(template)) - set(parts))
    if unknown:
        from .errors import BuildError
        raise BuildError(str(template_path), f"generated markers without a generator: {unknown}", f"one of {sorted(parts)}")
    return MARKER.sub(lambda m: parts[m.group(1)](), template)


def data_dictionary() -> str:
    out = []
    for t in schemas.TABLES:
        schema = schemas.load_schema(t)
        keys = [f"{fk['fields']} → {fk['reference']['resource']}.{fk['reference']['fields']}" for fk in schema["x-foreign-keys"]]
        out += [f"### `{t}`", "", schema["description"], "",
                f"Primary key: `{', '.join(schema['x-primary-key'])}`." + (f" References: {'; '.join(keys)}." if keys else ""), "",
                "| column | type | meaning |", "| --- | --- | --- |"]
        for name, prop in schema["properties"].items():
            out.append(f"| `{name}` | {_type_name(prop)} | {_cell(prop['description'])}{_constraints(prop)} |")
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


def _type_name(prop: dict) -> str:
    base = next(t for t in schemas.types_of(prop) if t != "null")
    if base == "array":
        base = f"list of {_type_name(prop['items'])}"
    elif base == "object":
        base = "struct {" + ", ".join(f"{k}: {_type_name(v)}" for k, v in prop["properties"].items()) + "}"
    return base + (" or null" if schemas.nullable(prop) else "")


def counts(tables: dict) -> str:
    rows = ["| config | rows |", "| --- | --- |"]
    rows += [f"| `{t}`{' (default)' if t == schemas.DEFAULT_CONFIG else ''} | {len(tables[t])} |" for t in schemas.TABLES]
    empty = [t for t in schemas.TABLES if not tables[t]]
    if empty:
        rows += ["", f"Empty in this release, so not configs (`datasets` cannot load a table without rows): "
                     f"{', '.join(f'`{t}`' for t in empty)}. Their Parquet files hold the columns and no row."]
    return "\n".join(rows)


def errata_list(errata: list[dict]) -> str:
    rows = ["| id | block | printed | suggested | kind | found by | note |", "| --- | --- | --- | --- | --- | --- | --- |"]
    rows += [f"| {e['erratum_id']} | {e['block_id']} | {e['printed']} | {e['suggested']} | {e['kind']} | {e['detected_by']} | {_cell(e['note'])} |"
             for e in errata]
    return "\n".join(rows)


def speaker_list(speakers: list[dict]) -> str:
    rows = ["| speaker_id | type | name (as printed) | romanized | roles (as printed) | statements |", "| --- | --- | --- | --- | --- | --- |"]
    rows += [f"| `{s['speaker_id']}` | {s['speaker_type']} | {s['name']} | {s['name_romanized']} | {'; '.join(s['roles']) or '—'} | {s['n_attributions']} |"
             for s in speakers]
    return "\n".join(rows)


def breakdown(tables: dict) -> str:
    def line(label: str, rows: list[dict], column: str) -> str:
        return f"- {label}: " + ", ".join(f"{k} {n}" for k, n in sorted(Counter(r[column] for r in rows).items()))
    return "\n".join([line("attributions by mention type", tables["attributions"], "mention_type"),
                      line("attributions by quote type", tables["attributions"], "quote_type"),
                      line("speakers by type", tables["speakers"], "speaker_type"),
                      line("blocks by type", tables["blocks"], "block_type"),
                      line("errata by kind", tables["errata"], "kind"),
                      line("errata found by", tables["errata"], "detected_by")])


def source_facts(doc: dict) -> str:
    """What the document row knows about the source; a fact nobody supplied (no platform notice,
    no curated article id or title) is left out, never printed as None."""
    known = [("platform (as printed)", doc["platform"]), ("article id", doc["source_id"] and f"`{doc['source_id']}`"),
             ("title", doc["title"])]
    return "\n".join([f"- {label}: {value}" for label, value in known if value]
                     + [f"- script: `{doc['script']}`; language: `{doc['language']}`",
                        f"- {doc['n_chars']} characters (code points) on {doc['n_lines']} lines",
                        f"- sha256 of the UTF-8 text: `{doc['source_sha256']}`"])


def error_codes() -> str:
    from .report import CODES
    return "\n".join(["| code | meaning |", "| --- | --- |"] + [f"| `{c}` | {m} |" for c, m in CODES.items()])
