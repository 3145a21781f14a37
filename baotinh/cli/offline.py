"""Commands that work on files and the registry, most without a store: extract, import-text,
classify, dedupe, train-topics, probe, sites, check-url."""

from __future__ import annotations

import argparse
import json
import os
import sys

from baotinh.cli.common import InputError, parse_mirrors


def cmd_extract(args: argparse.Namespace) -> int:
    from baotinh.extraction.decoding import read_saved_page
    from baotinh.extraction.html import article_to_json, extract_article
    from baotinh.extraction.pages import ExtractionError
    from baotinh.papers import get_site, site_for_url

    url = args.url or f"file://{os.path.abspath(args.path)}"
    profile = get_site(args.site) if args.site else site_for_url(args.url or "")
    try:
        body = read_saved_page(args.path)
        if _is_text_dump(args.path, body):
            from baotinh.extraction.dumps import decode_text_dump, extract_text_dump

            article = extract_text_dump(decode_text_dump(body), profile)
        else:
            article = extract_article(body, url, profile)
    except ExtractionError as exc:
        print(json.dumps({"error": exc.kind, "message": str(exc)}, ensure_ascii=False))
        return 1
    result = article_to_json(article)
    if args.url:
        result["url"] = args.url
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def _is_text_dump(path: str, body: bytes) -> bool:
    """A .txt scrape, or a file of another name whose content is not markup."""
    from baotinh.extraction.dumps import looks_like_html

    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".txt":
        return True
    return suffix not in {".html", ".htm", ".gz"} and not looks_like_html(body)


def cmd_import_text(args: argparse.Namespace) -> int:
    from baotinh.jobs.textimport import import_summary, import_text_dumps
    from baotinh.papers import get_site
    from db.migrate import upgrade

    if args.url is not None:
        if len(args.paths) != 1:
            print("baotinh import-text: --url names one page: give a single PATH", file=sys.stderr)
            return 2
        if not args.url.startswith(("http://", "https://")):
            print(f"baotinh import-text: --url {args.url!r} is not an http(s) URL", file=sys.stderr)
            return 2
    if args.site:
        try:
            get_site(args.site)
        except KeyError as exc:
            raise SystemExit(f"baotinh import-text: {exc.args[0]}") from None
    upgrade()
    outcomes = import_text_dumps(args.paths, site=args.site, url=args.url)
    print(import_summary(outcomes))
    return 1 if any(outcome.status == "failed" for outcome in outcomes) else 0


def cmd_probe(args: argparse.Namespace) -> int:
    """Exit 0 when the site serves what the profile says, 1 where they disagree."""
    from baotinh.jobs.probe import probe, profile_for

    try:
        profile = profile_for(args.target)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    report = probe(profile, parse_mirrors(args.mirror), articles=args.articles)
    print(
        json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if args.json else report.text()
    )
    return 1 if report.disagreements else 0


def cmd_sites(args: argparse.Namespace) -> int:
    from baotinh.papers import SITES
    from baotinh.papers.catalogue import describe, papers_markdown

    if args.json:
        print(json.dumps([describe(p) for p in SITES.values()], ensure_ascii=False, indent=2))
        return 0
    if args.markdown:
        print(papers_markdown(), end="")
        return 0
    for profile in SITES.values():
        provinces = " + ".join(profile.provinces_before)
        after = f" → {profile.province_after}" if profile.province_after else ""
        print(f"{profile.key:12} {profile.name:24} {profile.domain:28} {provinces}{after}")
    return 0


def cmd_check_url(args: argparse.Namespace) -> int:
    from baotinh.cli.checkurl import check_url, describe

    check = check_url(args.url)
    print(json.dumps(check.to_json(), ensure_ascii=False) if args.json else describe(check))
    return 0


def cmd_dedupe(args: argparse.Namespace) -> int:
    if args.store:
        from db.engine import session_scope
        from db.migrate import upgrade
        from db.stories import cluster_stored_articles

        upgrade()
        with session_scope() as session:
            counts = cluster_stored_articles(session)
        print(json.dumps(counts) if counts else "Every stored article already has its story.")
        return 0

    from baotinh.stories.memory import cluster_records

    records = _read_json_lines(args.input)
    try:
        results = cluster_records(records)
    except ValueError as exc:
        print(f"baotinh dedupe: {args.input}: {exc}", file=sys.stderr)
        return 2
    for result in results:
        if not args.relations:
            result = {"id": result["id"], "cluster": result["cluster"]}
        print(json.dumps(result, ensure_ascii=False))
    return 0


def _read_json_lines(path: str) -> list[dict]:
    """The objects of a JSON-lines file ("-": stdin); InputError naming the line if one is bad."""
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    records = []
    number = 0
    with stream:
        try:
            for number, line in enumerate(stream, start=1):  # noqa: B007 (read in except)
                if not line.strip():
                    continue
                records.append(_json_object(line))
        except UnicodeDecodeError:
            raise InputError(f"{path}: line {number + 1} is not UTF-8") from None
        except (ValueError, RecursionError) as exc:
            raise InputError(f"{path}:{number}: {exc}") from None
    return records


def _json_object(line: str) -> dict:
    try:
        record = json.loads(line)
    except RecursionError:
        raise ValueError("nested too deep to be an article") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    return record


def cmd_classify(args: argparse.Namespace) -> int:
    from baotinh.labels.classify import classify
    from baotinh.labels.topics import load_model

    records = _read_json_lines(args.input)
    model = load_model()
    for number, record in enumerate(records, start=1):
        if not isinstance(record.get("title"), str) or not isinstance(record.get("text"), str):
            print(
                f'baotinh classify: {args.input}: object {number} needs "title" and "text" strings',
                file=sys.stderr,
            )
            return 2
        labels = classify(
            record["title"],
            record["text"],
            lead=record.get("lead"),
            section=record.get("section"),
            model=model,
        ).as_dict()
        if not args.explain:
            labels.pop("topic_evidence")
            labels.pop("why")
        out = {key: value for key, value in record.items() if key != "text"}
        print(json.dumps({**out, **labels}, ensure_ascii=False), flush=True)
    return 0


def cmd_train_topics(args: argparse.Namespace) -> int:
    from pathlib import Path

    from baotinh.jobs.retrain import judge, train_candidate
    from baotinh.labels.topics import TopicModel

    engine = None
    if args.from_store:
        from db.engine import get_engine

        engine = get_engine()
    path = train_candidate(engine, output=Path(args.output) if args.output else None)
    model = TopicModel.load(path)
    sources = ", ".join(f"{n} {source}" for source, n in sorted(model.trained_on.items()))
    print(f"Trained {model.version} on {sources}; {model.size} terms.")
    print(f"Wrote {path}.")
    if args.promote:
        result = judge(path)
        print(f"{result.reason}.")
        if result.promoted:
            print("Label stored articles with it: baotinh reprocess --classify")
    else:
        print(f"Use it with BAOTINH_TOPIC_MODEL={path}, or train again with --promote.")
    return 0
