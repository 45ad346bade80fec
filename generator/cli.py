"""Command line: `digest build`, `digest extract`, `digest score`. Parses arguments, calls the library, reports."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from . import score
from .errors import DigestError
from .pipeline import SHARD_MODES, SHARD_SIZE, build, process_all
from .scaffold import SiteSpec, init_site

BUILD_EXAMPLE = """example:
  digest build                         # seeds/ -> content/ -> output/ with pelicanconf.py
  digest build --settings publishconf.py --strict

exit status: 0 when the site was built (failed inputs are listed, not fatal);
1 with --strict when any input failed or warned, or when Pelican failed
or a folder was refused; 2 for bad arguments."""

INIT_EXAMPLE = """example:
  digest init my-site --name "某省会议摘要"
  cd my-site && cp ~/reports/*.txt seeds/ && digest build"""

EXTRACT_EXAMPLE = """example:
  digest extract --json-dir /tmp/pred seeds/*.txt
  digest score tests/data/seed_gold /tmp/pred"""

SCORE_EXAMPLE = """example:
  digest extract --json-dir /tmp/pred seeds/*.txt
  digest score tests/data/seed_gold /tmp/pred --verbose

each GOLD_DIR/<stem>.json is matched with PRED_DIR/<stem>.json; a missing or unreadable
prediction scores zero on every field of that report. exit status: 0 when scored; 2 for bad arguments."""


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="digest",
        description="Structured digests of Chinese local meeting reports, published as a static site.",
        epilog="run 'digest COMMAND --help' for each command's options and an example",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    sub = ap.add_subparsers(dest="command", required=True)

    b = sub.add_parser(
        "build",
        help="build the site from a folder of reports",
        epilog=BUILD_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    b.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of report files (default: seeds)")
    b.add_argument("--content", type=Path, default=Path("content"), help="where the Markdown pages go (default: content)")
    b.add_argument("--output", type=Path, default=Path("output"), help="where the site goes (default: output)")
    b.add_argument(
        "--settings", type=Path, default=Path("pelicanconf.py"), help="Pelican settings file (default: pelicanconf.py)"
    )
    b.add_argument("--jobs", type=int, default=None, help="processes for extraction and shards (default: all cores)")
    b.add_argument(
        "--shards",
        choices=SHARD_MODES,
        default="auto",
        help="render the site in shards (province, or province and year): auto = when there are more than --shard-size reports (default: auto)",
    )
    b.add_argument("--shard-size", type=int, default=SHARD_SIZE, help=f"reports per shard (default: {SHARD_SIZE})")
    b.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="run extraction and shards on a Dask cluster: tcp://HOST:PORT, or 'local' for one on this machine "
        "(needs the dask extra; default: a local process pool)",
    )
    b.add_argument(
        "--max-memory",
        type=int,
        default=None,
        metavar="MB",
        help="memory the Pelican runs may use, with the processes that write index pages: fewer of them "
        "when that is too little (default: no limit)",
    )
    b.add_argument("--no-cache", action="store_true", help="extract every report again")
    b.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    b.add_argument("--strict", action="store_true", help="exit 1 if any input failed or warned")

    e = sub.add_parser(
        "extract",
        help="write the JSON digest of each report file",
        epilog=EXTRACT_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    e.add_argument("files", nargs="+", type=Path, help="report files")
    e.add_argument("--json-dir", type=Path, required=True, help="folder for <stem>.json files")
    e.add_argument("--jobs", type=int, default=None, help="processes (default: all cores)")

    i = sub.add_parser(
        "init",
        help="create a new site folder (seeds/, settings, README, Pages workflow)",
        epilog=INIT_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    i.add_argument("folder", type=Path, help="the new site folder (must not exist, or be empty)")
    i.add_argument("--name", default=SiteSpec.sitename, help=f"the site's name (default: {SiteSpec.sitename})")

    s = sub.add_parser(
        "score",
        help="score JSON digests against gold files",
        epilog=SCORE_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.add_argument("gold_dir", metavar="GOLD_DIR", type=Path, help="folder of gold <stem>.json files")
    s.add_argument("pred_dir", metavar="PRED_DIR", type=Path, help="folder of predicted <stem>.json files")
    s.add_argument("--json", action="store_true", help="print the summary as JSON")
    s.add_argument("--verbose", dest="list_misses", action="store_true", help="list every miss")
    return ap


def cmd_build(args) -> int:
    if not args.seeds.is_dir():
        print(f"digest: no such folder of reports: {args.seeds}", file=sys.stderr)
        return 2
    if not args.settings.is_file():
        print(f"digest: no such settings file: {args.settings}", file=sys.stderr)
        return 2
    report = build(
        args.seeds,
        args.content,
        args.output,
        args.settings,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        search=not args.no_search,
        shards=args.shards,
        shard_size=args.shard_size,
        scheduler=args.scheduler,
        max_memory_mb=args.max_memory,
    )
    for o in report.outcomes:
        if o.status != "ok":
            print(f"  {o.status:<7} {o.source}: {'; '.join(o.messages)}", file=sys.stderr)
    for skipped in report.skipped:
        print(f"  skipped {skipped.name}: {skipped.reason}", file=sys.stderr)
    print(
        f"{len(report.outcomes)} inputs: {report.count('ok')} ok, {report.count('warning')} with warnings, "
        f"{report.count('failed')} failed, {len(report.skipped)} other entries skipped; site {'built' if report.pelican_ok else 'FAILED'} in {args.output}/ "
        f"(search: {report.search}); details in {args.output}/build-report.json"
    )
    if not report.pelican_ok:
        return 1
    if args.strict and (report.count("failed") or report.count("warning")):
        return 1
    return 0


def cmd_extract(args) -> int:
    args.json_dir.mkdir(parents=True, exist_ok=True)
    missing = [f for f in args.files if not f.is_file()]
    for f in missing:
        print(f"digest: {f}: no such file", file=sys.stderr)
    results = process_all([f for f in args.files if f.is_file()], args.jobs)
    failed = len(missing)
    for outcome, _md, js in results:
        if outcome.status == "failed":
            failed += 1
            print(f"digest: {outcome.source}: {'; '.join(outcome.messages)}", file=sys.stderr)
            continue
        data = json.loads(js)
        (args.json_dir / f"{Path(outcome.source).stem}.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    print(f"{len(results) - failed + len(missing)} digests written to {args.json_dir}/, {failed} failed")
    return 1 if failed else 0


def cmd_score(args) -> int:
    for folder in (args.gold_dir, args.pred_dir):
        if not folder.is_dir():
            print(f"digest: no such folder: {folder}", file=sys.stderr)
            return 2
    result, notes = score.score(args.gold_dir, args.pred_dir, verbose=args.list_misses)
    lines = [score.to_json(result)] if args.json else score.report_lines(result, notes)
    print("\n".join(lines))
    return 0


def cmd_init(args) -> int:
    written = init_site(args.folder, SiteSpec(sitename=args.name))
    for path in written:
        print(f"  created {path}")
    print(f"site folder ready: put reports in {args.folder / 'seeds'}/, then run `digest build` in {args.folder}/")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return {"build": cmd_build, "extract": cmd_extract, "score": cmd_score, "init": cmd_init}[args.command](args)
    except DigestError as exc:
        print(f"digest: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
