#!/usr/bin/env python3
"""Benchmark of the meeting-digest build: extraction throughput, build times, memory.

    python bench/bench.py [--n 1000] [--big] [--jobs N] [--keep DIR]

This is a benchmark, not a test: it only measures and prints a table (measure | value | bar | ok)
against the bars of the performance issue. Its exit status is 0 unless a phase crashed; a bar that is
missed is shown as MISS in the table, not as a failure.

Corpus
    N reports are made deterministically from the seed reports in seeds/: report i uses its own
    random.Random("<--seed>:<i>"), so corpus N is a prefix of any larger corpus. Each report gets
    a place (a real city or county from generator.gazetteer.units()), a meeting date in 2018-2024,
    a party secretary, a government head and attendees with made-up names, a generated headline,
    publication line (missing for some reports, as in seed 002) and lead paragraph naming them, then
    4-8 body paragraphs (numbered runs such as 一要…七要 stay together) recombined from the seeds,
    with each seed's own place and people replaced by the report's, an optional closing paragraph
    and, sometimes, the page debris of the seeds. As in the seeds, a report is either simplified
    or traditional (2 of the 5 seeds are, with glued pinyin): a traditional report takes its body
    from the traditional seeds and has its generated lines converted with OpenCC s2t, so
    normalization does its real work on the same share of reports as in the seeds. All files
    are UTF-8.

Phases
    Every measured phase runs in a fresh subprocess of this script (`bench.py --phase ...`), so
    (1) the peak RSS that getrusage reports is that phase's alone, (2) nothing is warm that a
    real `digest build` would not have warm, and (3) the caches are cold: every build runs in its
    own work directory with a copy of pelicanconf.py and a symlink to templates/ (the pattern of
    tests/conftest.py), and the build keeps its digest cache (.cache/digests) and Pelican's
    cache (.cache/pelican) beside its settings file. Interpreter start-up is not timed; imports
    the measured call makes itself (Pelican's, inside run_pelican) are. Before each phase the
    previous run's directories are removed and the disk is synced (os.sync, then 2 s), so that
    the writeback of one phase does not slow the next. Before the first phase the compile caches
    that an installed copy has after its first run are made (warm_caches): the package's bytecode
    (pip compiles a package it installs; an editable install run with PYTHONDONTWRITEBYTECODE=1
    would compile its sources again in every phase), its compiled regexes (generator/regexcache.py)
    and jieba's dictionary cache, so neither side of the extraction ratio pays a first run's cost.

      extract  (jobs=1)  process_all(corpus, jobs=1, no cache): read, normalize, extract and
                   render in one process. The lazy data loads (gazetteer, OpenCC, vocabularies)
                   are done first on the 5 seeds and reported apart as start-up; the rate is
                   steady-state. jieba's default cut runs over the same texts in the same
                   process, its import and dictionary load included, for the ratio; the two
                   are timed in turn, 200 reports at a time, so a drift of the machine's speed
                   during the run weighs on both alike.
      extract  (jobs=P)  the same with --jobs processes (default: all cores); the pool forks from
                   the warmed parent, as it would in a long build.
      build        a cold pipeline.build(..., search=True), as `digest build` runs it: extract +
                   render + Pelican (+ our plugin) + Pagefind. Its stages are timed by wrapping
                   pipeline.process_all / write_content / run_pelican and search.build_index;
                   "cold full build, no search" is the total less the search stage, which is
                   reported as its own row. Running them in one process means the memory peak is
                   that of a real build: Pagefind runs while the build process still holds what
                   Pelican left.
      pelican      run_pelican() alone, cold, on the same generated content/ (own settings copy,
                   so its cache is cold too).
      rebuild      one report file gets one more sentence; build() again in the build's directory,
                   caches on, search off; compared with the cold build without search.
      coldbuild    the cold build without the search index (--huge).
      search       the search index alone, over coldbuild's output (--huge).
      query        the search page of that site in Chromium (Playwright, served on localhost): the
                   first query right after the page loads, then three terms of the site again;
                   the bar is on the later ones, timed to their first results (or their count);
                   the time until every shard asked has answered is shown beside it.
    At --n, each phase runs --repeat times (default 3) in the order above, and the table shows
    the run with the median time (all runs are listed). With --big the 10,000-report corpus gets
    one build (and, with --big-all, one pelican and one rebuild). With --huge the 100,000-report
    corpus gets one coldbuild, one search, one pelican (Pelican alone over the same content/, in
    one run: its time and peak memory, or where it fails) and one rebuild. Builds above
    pipeline.SHARD_SIZE reports are sharded (`digest build`'s default, generator/shards.py).

Memory
    Each phase reports ru_maxrss of RUSAGE_SELF (the phase process) and of RUSAGE_CHILDREN (the
    largest single descendant it waited for: a pool worker, or the Pagefind process). As the pool
    workers run at the same time as their parent, and Pagefind while the build process is still
    alive, the orchestrator also samples the whole process tree of the phase from /proc: the sum
    of Rss every 0.1 s (/proc/PID/statm) and of Pss, which counts pages shared after fork once,
    every 1 s and whenever Rss grows 5% past its peak (/proc/PID/smaps_rollup, dearer). Peaks are also given per build stage. The 1 GB
    bar is judged on the largest of the sampled tree Rss and the getrusage figures.

Checks on the run itself
    Digests that failed make a run's times meaningless, so rows with failed digests are not judged.
    Each phase records the project's code fingerprint (pipeline.code_fingerprint); if it changes
    during the benchmark (someone edits the code meanwhile) a warning is printed, as the rebuild
    then re-extracts everything. The CPU time other processes used during each phase is computed
    from /proc/stat, less the phase's own and the sampler's, and phases that shared the machine
    are listed.

Profiling a phase
    The phases are a CLI, so a profile is one command, e.g. after a run with --keep /tmp/b:
      python -m cProfile -s tottime bench/bench.py --phase pelican --work /tmp/b --n 1000 | head -40
    (use --jobs 1 for build or extract, so that extraction runs in the profiled process).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
RESULT_TAG = "BENCH-RESULT "
MARKER = ".digest-bench"
BIG_N = 10_000

HUGE_N = 100_000  # --huge: the national-archive scale of the scale issue
BAR_BUILD_VS_PELICAN = 1.3  # full build (no search) <= 1.3 x Pelican alone, N = 1,000 (the scale issue)
BAR_REBUILD_VS_COLD = 0.5  # rebuild after one change <= 0.5 x cold build, N = --n
BAR_BIG_REBUILD_VS_COLD = 0.1  # rebuild after one change <= 0.1 x cold build, N = 10,000 (the scale issue)
BAR_HUGE_RSS_MB = 2048.0  # 100,000 reports, cold build without search, process tree
BAR_HUGE_SEARCH_RSS_MB = 3072.0  # 100,000 reports, search index
BAR_QUERY_S = 0.5  # 100,000 reports: a query in the browser, once the search page has loaded
BAR_EXTRACT_PER_CORE = 300.0  # reports/s per core
BAR_EXTRACT_VS_JIEBA = 0.25  # extraction time <= 0.25 x a jieba cut over the same texts (the scale issue)
BAR_BIG_RSS_MB = 1024.0  # 10,000 reports, search index included

# --------------------------------------------------------------------------------------------
# Synthetic corpus
# --------------------------------------------------------------------------------------------

# Each seed's own place and people, and what they become in a synthetic report. Longer strings
# first (a full name before its short form). Roles: name/alias = the report's unit, parent = its
# prefecture (or province for a city), prov = its province, sec = party secretary, head =
# government head, top = the provincial secretary.
SEED_SUBS = {
    "000": [("昌都市", "name"), ("昌都", "alias"), ("西藏", "prov"), ("王君正", "top")],
    "001": [("成都市", "name"), ("成都", "alias"), ("四川", "prov"), ("施小琳", "sec"), ("王凤朝", "head")],
    "002": [("巴中市", "name"), ("巴中", "alias"), ("羅增斌", "sec"), ("罗增斌", "sec"), ("何平", "head")],
    "003": [
        ("涪陵區(qū)", "name"),
        ("涪陵區", "name"),
        ("涪陵区", "name"),
        ("涪陵", "alias"),
        ("王志杰", "sec"),
        ("劉忠", "head"),
        ("刘忠", "head"),
    ],
    "004": [("长安区", "name"), ("长安", "alias"), ("西安", "parent"), ("吕强", "sec")],
}
# Page debris as it occurs in the seeds, by script (traditional?): (head choices, tail choices).
DEBRIS = {
    False: (
        [["【字体:大 中 小】", "【打印本文】"], ["【字体:大 中 小】"]],
        [["扫一扫在手机打开当前页", "相关信息"], ["分享:", "    栏目排行", "    全站排行"], ["扫一扫在手机打开当前页"]],
    ),
    True: ([["請用微信掃一掃", "分享"]], [["(版權作品 未經(jīng)授權 嚴禁轉(zhuǎn)載、摘編)", "網友評論", "全部評論"]]),
}
BREADCRUMB = "网站首页 > 资讯频道 > 正文阅读"
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤"
)
GIVEN = "建国明华军平伟强磊洋勇艳杰娟涛斌超波辉刚健峰宁亮林志海东新文晓春红云飞鹏宇浩凯俊晨阳丽敏静芳霞燕玲萍兵毅"
CN_NUM = "零一二三四五六七八九十"
MEETINGS = [  # (with the party committee prefix "X市委…", phrase); {y} = year, {a}/{b} = ordinals
    (True, "经济工作会议"),
    (True, "工作会议"),
    (True, "第{a}届委员会第{b}次全体会议"),
    (True, "{y}年务虚工作会议"),
    (True, "全面深化改革委员会会议"),
    (False, "高质量发展推进会"),
    (False, "城乡提升和县域经济发展大会"),
    (False, "优化营商环境大会"),
    (False, "乡村振兴工作推进会"),
    (False, "“新春第一会”项目建设推进会"),
    (False, "生态环境保护大会"),
    (False, "安全生产工作会议"),
]
CHANGED_SENTENCE = "会议要求,各级各部门要把思想和行动统一到会议精神上来,以钉钉子精神抓好各项工作落实。"
_DATE = re.compile(r"\d{1,2}月\d{1,2}日|\d{4}-\d\d-\d\d")
_CLOSING = re.compile(r"参加会议|參加會議|^会议以|^會議以")
_ORDINAL_RUN = re.compile(r"^[二三四五六七八九十][是要]")


def _cn(n: int) -> str:
    return (
        CN_NUM[n]
        if n <= 10
        else ("十" + CN_NUM[n - 10] if n < 20 else CN_NUM[n // 10] + "十" + (CN_NUM[n % 10] if n % 10 else ""))
    )


def seed_pool() -> dict:
    """The seeds' body blocks and closing paragraphs, as (seed key, text), by script.

    A seed written in traditional characters (OpenCC's t2s changes it) gives the traditional
    pool, the others the simplified pool; `trad_share` is the share of traditional seeds.
    """
    from opencc import OpenCC

    t2s = OpenCC("t2s")
    pools: dict = {}
    paths = sorted(SEEDS.glob("*.txt"))
    n_trad = 0
    for path in paths:
        key = path.name[:3]
        raw = path.read_text(encoding="utf-8")
        trad = t2s.convert(raw) != raw
        n_trad += trad
        blocks, closings = pools.setdefault(trad, ([], []))
        paras = [p for line in raw.splitlines() for p in re.split(r"(?<=。)\s+", line.strip()) if len(p) >= 60]
        for p in paras:
            if _DATE.search(p) or "主持" in p:
                continue  # leads and rosters: every synthetic report gets its own
            if _CLOSING.search(p):
                closings.append((key, p))
            elif _ORDINAL_RUN.match(p) and blocks and blocks[-1][0] == key:
                blocks[-1] = (key, blocks[-1][1] + "\n" + p)  # keep 一要…七要 runs together
            else:
                blocks.append((key, p))
    return {"pools": pools, "trad_share": n_trad / max(1, len(paths)), "s2t": OpenCC("s2t")}


def place_pool():
    from generator import gazetteer

    units = gazetteer.units()
    by_name = gazetteer.by_name()
    cities = [u for u in units if u.level == "city" and u.name == u.alias + "市" and len(u.alias) >= 2]
    counties = [u for u in units if u.level == "county" and len(u.alias) >= 2 and u.name in (u.alias + "区", u.alias + "县")]

    def alias(name):
        u = by_name.get(name) if name else None
        return u.alias if u else (name or "")

    return cities, counties, alias


def _name(rng: random.Random, taken: set) -> str:
    while True:
        n = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        if n not in taken:
            taken.add(n)
            return n


def make_report(i: int, seed: int, pool: dict, places) -> str:
    """The text of synthetic report i (deterministic in seed and i)."""
    cities, counties, alias = places
    rng = random.Random(f"{seed}:{i}")
    u = rng.choice(cities if rng.random() < 0.45 else counties)
    lvl = u.name[-1]  # 市 / 区 / 县
    prov = alias(u.province)
    parent = alias(u.city) if u.level == "county" and u.city != u.name else prov
    date = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(7 * 365))
    taken: set = set()
    sec, head, top = _name(rng, taken), _name(rng, taken), _name(rng, taken)
    repl = {"name": u.name, "alias": u.alias, "parent": parent, "prov": prov, "sec": sec, "head": head, "top": top}

    committee, phrase = rng.choice(MEETINGS)
    phrase = phrase.format(y=date.year, a=_cn(rng.randint(2, 15)), b=_cn(rng.randint(2, 12)))
    meeting = f"{u.name}委{phrase}" if committee else f"{u.name}{phrase}"
    headline = rng.choice((f"{meeting}召开", f"{meeting}举行", f"中国共产党{meeting}召开" if committee else f"{meeting}召开"))
    sec_t = ("省委常委、" if u.level == "city" and rng.random() < 0.2 else "") + f"{lvl}委书记"
    head_t = f"{lvl}委副书记、{lvl}长"
    att_titles = [f"{lvl}人大常委会主任", f"{lvl}政协主席", f"{lvl}委副书记"]
    atts = "、".join(f"{t}{_name(rng, taken)}" for t in att_titles[: rng.randint(1, 3)])
    when = f"{date.month}月{date.day}日" + rng.choice(("", "", "上午", "下午"))
    style = rng.randrange(3)
    if style == 0:
        lead = f"{when},{meeting}召开。{sec_t}{sec}出席会议并讲话。{head_t}{head}主持会议。{atts}出席会议。"
    elif style == 1:
        lead = (
            f"{when},{meeting}召开,深入学习贯彻党的二十大精神,总结工作、分析形势,部署下一阶段重点任务。"
            f"{sec_t}{sec}主持会议并讲话,{atts}出席会议。"
        )
    else:
        lead = (
            f"{u.alias}讯(记者 {_name(rng, taken)} {_name(rng, taken)}){when},{meeting}召开。"
            f"{head_t}{head}主持,{sec_t}{sec}讲话,{atts}等领导参加。"
        )

    pub = date + dt.timedelta(days=rng.choice((0, 0, 1)))
    hh, mm, ss = rng.randrange(24), rng.randrange(60), rng.randrange(60)
    pub_line = rng.choice(
        (
            f"{pub:%Y-%m-%d} {hh:02d}:{mm:02d}:{ss:02d}来源:{u.name}融媒体中心编辑:{_name(rng, taken)}",
            f"{pub.year}年{pub.month}月{pub.day}日 {hh:02d}时{mm:02d}分",
            f"{u.name}人民政府{pub:%Y-%m-%d} {hh:02d}:{mm:02d}",
            None,
        )
    )

    def sub(key: str, text: str) -> str:
        for old, role in SEED_SUBS.get(key, ()):
            text = text.replace(old, repl[role])
        return text

    # A report is all traditional (as seeds 002 and 003 are) or all simplified, in the seeds' proportion.
    trad = rng.random() < pool["trad_share"] and True in pool["pools"]
    blocks, closings = pool["pools"].get(trad) or next(iter(pool["pools"].values()))
    if trad:
        headline, lead = pool["s2t"].convert(headline), pool["s2t"].convert(lead)
        pub_line = pool["s2t"].convert(pub_line) if pub_line else None
        repl = {k: pool["s2t"].convert(v) for k, v in repl.items()}
    lines = []
    if rng.random() < 0.2 and not trad:
        lines.append(BREADCRUMB)
    lines.append(headline)
    if pub_line:
        lines.append(pub_line)
    if rng.random() < 0.4:
        lines += rng.choice(DEBRIS[trad][0])
    lines.append(lead)
    for key, text in rng.sample(blocks, min(len(blocks), rng.randint(4, 8))):
        lines += sub(key, text).split("\n")
    if closings and rng.random() < 0.7:
        lines.append(sub(*rng.choice(closings)))
    if rng.random() < 0.5:
        lines += rng.choice(DEBRIS[trad][1])
    return ("\n\n" if rng.random() < 0.3 else "\n").join(lines) + "\n"


def generate_corpus(n: int, folder: Path, seed: int) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    pool = seed_pool()
    places = place_pool()
    total = 0
    for i in range(n):
        text = make_report(i, seed, pool, places)
        data = text.encode("utf-8")
        total += len(data)
        (folder / f"{i:05d}_{hashlib.sha256(data).hexdigest()[:16]}.txt").write_bytes(data)
    return {
        "reports": n,
        "mean_kb": total / n / 1024,
        "seed_mean_kb": sum(p.stat().st_size for p in SEEDS.glob("*.txt")) / 1024 / max(1, len(list(SEEDS.glob("*.txt")))),
    }


# --------------------------------------------------------------------------------------------
# Phases (run in a subprocess: bench.py --phase NAME --work DIR --n N --jobs J)
# --------------------------------------------------------------------------------------------


def _site_dir(work: Path, name: str) -> Path:
    """A build directory with its own settings copy (and so its own .cache/) and the templates."""
    d = work / name
    d.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "pelicanconf.py", d / "pelicanconf.py")
    if not (d / "templates").exists():
        (d / "templates").symlink_to(ROOT / "templates")
    return d


def _counts(outcomes) -> dict:
    c = {"ok": 0, "warning": 0, "failed": 0, "cached": 0}
    for o in outcomes:
        c[o.status] += 1
        c["cached"] += bool(o.cached)
    return c


class _StageTimer:
    """Time the build's stages by wrapping the functions build() calls; intervals in time.monotonic()."""

    # build() streams digests from the pool into write_content, so extraction, rendering and writing
    # are one stage; Pelican runs in a spawned child, so the parent-side call is the one timed (the
    # child must find the real run_pelican to unpickle).
    STAGES = {"write_content": "extract", "render_sharded": "pelican", "run_pelican_isolated": "pelican", "build_index": "search"}

    def __init__(self):
        from generator import pipeline, search

        self.times: dict[str, float] = {}
        self.intervals: list[tuple[str, float, float]] = []
        self.active = False
        for module in (pipeline, search):
            for name in self.STAGES:
                if hasattr(module, name):
                    setattr(module, name, self._wrap(self.STAGES[name], getattr(module, name)))

    def _wrap(self, stage, fn):
        def timed(*a, **kw):
            if self.active:  # a stage inside another (the sharded render's index run) counts once
                return fn(*a, **kw)
            self.active = True
            t, m = time.perf_counter(), time.monotonic()
            try:
                return fn(*a, **kw)
            finally:
                self.active = False
                self.times[stage] = self.times.get(stage, 0.0) + time.perf_counter() - t
                self.intervals.append((stage, m, time.monotonic()))

        return timed


def _build(corpus: Path, site: Path, jobs: int, search: bool, max_memory_mb: int | None = None) -> dict:
    from generator import pipeline

    stages = _StageTimer()
    t = time.perf_counter()
    report = pipeline.build(
        corpus,
        site / "content",
        site / "output",
        site / "pelicanconf.py",
        jobs=jobs,
        use_cache=True,
        search=search,
        max_memory_mb=max_memory_mb,
    )  # shards="auto": sharded above pipeline.SHARD_SIZE reports, as `digest build` does
    seconds = time.perf_counter() - t
    out = site / "output"
    pages = sum(1 for _ in out.rglob("*.html"))
    index = sum(p.stat().st_size for p in (out / "pagefind").rglob("*") if p.is_file()) if (out / "pagefind").exists() else 0
    return {
        "seconds": seconds,
        "stages": stages.times,
        "intervals": stages.intervals,
        "pelican_ok": report.pelican_ok,
        "search": report.search,
        "pages": pages,
        "index_mb": index / 2**20,
        **_counts(report.outcomes),
    }


RATIO_SLICE = 200  # reports per slice when extraction and jieba's cut are timed in turn


def phase_extract(work: Path, n: int, jobs: int) -> dict:
    t = time.perf_counter()
    from generator.pipeline import process_all
    from generator.read import list_inputs

    process_all(list_inputs(SEEDS), 1)  # lazy loads: gazetteer, OpenCC, vocabularies
    warm = time.perf_counter() - t
    paths = list_inputs(work / f"corpus-{n}")
    if jobs != 1:
        t = time.perf_counter()
        results = process_all(paths, jobs)
        seconds = time.perf_counter() - t
        return {
            "seconds": seconds,
            "startup": warm,
            "reports": len(paths),
            "rate": len(paths) / seconds,
            **_counts(r[0] for r in results),
        }
    # The reference: jieba's default cut over the same texts, in the same process, start-up included.
    # The two are timed in turn, slice by slice (which goes first alternating), so that a machine
    # whose speed drifts during the run (a shared virtual machine: ±30% from second to second here)
    # slows both alike instead of whichever ran in the slow minute.
    t = time.perf_counter()
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    jieba_seconds = time.perf_counter() - t

    def cut(chunk):
        for path in chunk:
            for _ in jieba.cut(path.read_text(encoding="utf-8", errors="replace")):
                pass

    seconds, results = 0.0, []
    for k, i in enumerate(range(0, len(paths), RATIO_SLICE)):
        chunk = paths[i : i + RATIO_SLICE]
        for side in ("ours", "jieba") if k % 2 == 0 else ("jieba", "ours"):
            t = time.perf_counter()
            if side == "ours":
                results.extend(process_all(chunk, 1))
                seconds += time.perf_counter() - t
            else:
                cut(chunk)
                jieba_seconds += time.perf_counter() - t
    return {
        "seconds": seconds,
        "startup": warm,
        "reports": len(paths),
        "rate": len(paths) / seconds,
        "jieba_seconds": jieba_seconds,
        **_counts(r[0] for r in results),
    }


def phase_build(work: Path, n: int, jobs: int) -> dict:
    """The cold build as `digest build` runs it, search index included (timed as its own stage)."""
    site = work / f"site-{n}"
    if site.exists():
        shutil.rmtree(site)
    return _build(work / f"corpus-{n}", _site_dir(work, f"site-{n}"), jobs, search=True)


def phase_coldbuild(work: Path, n: int, jobs: int) -> dict:
    """The cold build without the search index (the --huge memory bar is on this), told the bar as its
    memory budget (`digest build --max-memory`), as a user on a machine of that size would."""
    site = work / f"site-{n}"
    if site.exists():
        shutil.rmtree(site)
    return _build(work / f"corpus-{n}", _site_dir(work, f"site-{n}"), jobs, search=False, max_memory_mb=int(BAR_HUGE_RSS_MB))


def phase_search(work: Path, n: int, jobs: int) -> dict:
    """The search index alone, over the output of an earlier build."""
    from generator.search import build_index

    t = time.perf_counter()
    state = build_index(work / f"site-{n}" / "output")
    return {"seconds": time.perf_counter() - t, "search": state}


def phase_pelican(work: Path, n: int, jobs: int) -> dict:
    from generator.pipeline import run_pelican

    d = work / f"pelican-{n}"
    if d.exists():
        shutil.rmtree(d)
    d = _site_dir(work, f"pelican-{n}")
    t = time.perf_counter()
    run_pelican(d / "pelicanconf.py", work / f"site-{n}" / "content", d / "output")
    return {"seconds": time.perf_counter() - t}


def phase_rebuild(work: Path, n: int, jobs: int) -> dict:
    from generator.read import list_inputs

    corpus = work / f"corpus-{n}"
    target = list_inputs(corpus)[n // 2]
    lines = target.read_text(encoding="utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda k: len(lines[k]))
    lines[longest] += CHANGED_SENTENCE  # one more sentence in the longest body paragraph
    target.write_text("\n".join(lines), encoding="utf-8")
    res = _build(corpus, work / f"site-{n}", jobs, search=False)
    res["changed"] = target.name
    return res


QUERY_TIMEOUT_MS = 120_000


def _queries(out: Path) -> list[str]:
    """Terms a reader would search for, taken from the built site: a person and a framework of one
    report page (a rare term: every shard of the index is asked), and a common indicator."""
    pages = sorted((out / "reports").iterdir())
    html = (pages[len(pages) // 3] / "index.html").read_text(encoding="utf-8")
    found = [
        m.group(1) for pat in (r'class="person">([^<]+)<', r'class="chip"[^>]*>([^<]+)<') for m in [re.search(pat, html)] if m
    ]
    return [*found, "生产总值"]


def phase_query(work: Path, n: int, jobs: int) -> dict:
    """Queries on the built site's search page in Chromium (served from localhost): the first one
    right after the page loads, then each again. A query has answered when its first results (or
    its count) are shown; it is complete when every index shard it asks has answered."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, serve

    out = work / f"site-{n}" / "output"
    queries = _queries(out)
    complete = "!document.querySelector('.search-results').hasAttribute('aria-busy')"
    # answered: the first results are shown, or the count (of none) is
    answered = f"document.querySelector('.search-result') || ({complete} && document.querySelector('.search-status').textContent)"
    timings = []
    with serve(out) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        t = time.perf_counter()
        page.goto(base + "/search/", wait_until="load")
        page.evaluate("() => window.digestSearch.ready")
        loaded = time.perf_counter() - t
        for q in queries * 2:
            page.fill("#search-q", "")  # the list emptied: nothing shown yet
            page.wait_for_function("!document.querySelector('.search-result')", timeout=QUERY_TIMEOUT_MS)
            page.fill("#search-q", q)
            page.evaluate("document.querySelector('.search-status').textContent = ''")
            t = time.perf_counter()
            page.press("#search-q", "Enter")
            page.wait_for_function(answered, timeout=QUERY_TIMEOUT_MS)
            first = time.perf_counter() - t
            page.wait_for_function(complete, timeout=QUERY_TIMEOUT_MS)
            done = time.perf_counter() - t
            shards = page.evaluate("(q) => window.digestSearch.shardsFor(q).then((s) => s.length)", q)
            timings.append((q, first, done, shards, page.locator(".search-status").inner_text()))
        browser.close()
    shards = json.loads((out / "pagefind" / "shards.json").read_text()) if (out / "pagefind" / "shards.json").exists() else []
    later = timings[1:]
    return {
        "seconds": sum(s for _, s, _, _, _ in timings),
        "page_load": loaded,
        "first": timings[0][1],
        "later": sorted(s for _, s, _, _, _ in later)[len(later) // 2],
        "slowest_later": max(s for _, s, _, _, _ in later),
        "slowest_complete": max(d for _, _, d, _, _ in later),
        "index_shards": 1 + len(shards),
        "queries": [[q, round(s, 3), round(d, 3), k, status] for q, s, d, k, status in timings],
    }


PHASES = {
    "extract": phase_extract,
    "build": phase_build,
    "coldbuild": phase_coldbuild,
    "search": phase_search,
    "pelican": phase_pelican,
    "rebuild": phase_rebuild,
    "query": phase_query,
}


def run_phase(name: str, work: Path, n: int, jobs: int) -> None:
    res = PHASES[name](work, n, jobs)
    from generator.pipeline import code_fingerprint

    res["fingerprint"] = code_fingerprint()
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    res["cpu_s"] = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    res["rss_self_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    res["rss_children_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    sys.stdout.flush()
    print(RESULT_TAG + json.dumps(res), flush=True)


# --------------------------------------------------------------------------------------------
# Orchestrator
# --------------------------------------------------------------------------------------------


def _descendants(root: int) -> list[int]:
    kids: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(d))
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += kids.get(p, [])
    return out


_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4


def _rss_kb(pid: int) -> int:
    """Rss of a process in kB from /proc/PID/statm (cheap), 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * _PAGE_KB
    except (OSError, ValueError, IndexError):
        return 0


def _pss_kb(pid: int) -> int:
    """Pss of a process in kB from /proc/PID/smaps_rollup (walks the page tables), else its Rss."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return _rss_kb(pid)


class TreeSampler(threading.Thread):
    """Sample the summed Rss (every interval) and Pss (every 10th, and whenever Rss grew 5% past its peak), in kB."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples: list[tuple[float, int, int]] = []  # (time.monotonic(), Rss, Pss or 0)
        self.done = threading.Event()

    def run(self):
        k, top = 0, 0
        while not self.done.is_set():
            pids = _descendants(self.pid)
            rss = sum(_rss_kb(p) for p in pids)
            pss = sum(_pss_kb(p) for p in pids) if k % 10 == 0 or rss > 1.05 * top else 0
            top = max(top, rss)
            self.samples.append((time.monotonic(), rss, pss))
            k += 1
            self.done.wait(self.interval)

    def peak(self, start: float = float("-inf"), end: float = float("inf")) -> tuple[float, float]:
        """(Rss, Pss) peaks in MB over [start, end]."""
        pad = 2 * self.interval
        inside = [(r, s) for t, r, s in self.samples if start - pad <= t <= end + pad] or [(0, 0)]
        return max(r for r, _ in inside) / 1024, max(s for _, s in inside) / 1024


def combine(results: list[dict], key=lambda r: r["seconds"]) -> dict | None:
    """The run with the median time (by key), with the times of all runs and the memory peaks over all runs."""
    ok = [r for r in results if not r.get("phase_failed")]
    if not ok:
        return results[0] if results else None
    ok.sort(key=key)
    med = dict(ok[(len(ok) - 1) // 2])
    med["all_seconds"] = [key(r) for r in ok]
    if all("jieba_seconds" in r for r in ok):
        # the ratio is measured within each run (the two sides timed in turn): its summary is the
        # median of the runs' ratios, not the ratio of the run with the median time
        med["all_ratios"] = sorted(extract_ratio(r) for r in ok)
    for key in ("tree_rss_mb", "tree_pss_mb", "rss_self_mb", "rss_children_mb"):
        med[key] = max(r[key] for r in ok)
    med["stage_rss_mb"] = {k: max(r["stage_rss_mb"].get(k, 0) for r in ok) for k in med.get("stage_rss_mb", {})}
    if len(ok) < len(results):
        med["some_failed"] = True
    return med


def extract_ratio(x: dict) -> float:
    """Extraction's time (start-up included) over jieba's cut of the same texts, in one run."""
    return (x["startup"] + x["seconds"]) / x["jieba_seconds"]


def median_ratio(x: dict) -> float:
    ratios = x.get("all_ratios") or [extract_ratio(x)]
    return ratios[(len(ratios) - 1) // 2]


def _runs(res: dict) -> str:
    times = res.get("all_seconds") or []
    return f"; runs {'/'.join(f'{t:.1f}' for t in sorted(times))} s" if len(times) > 1 else ""


def settle(seconds: float = 2.0) -> None:
    """Let the previous phase's writes reach the disk, so that their writeback does not slow the next phase."""
    if hasattr(os, "sync"):
        os.sync()
    time.sleep(seconds)


def _busy_s() -> float:
    """CPU seconds the whole machine has been busy (all cores), from /proc/stat."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return (sum(v[:8]) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return float("nan")


def warm_caches() -> None:
    """Leave the compile caches an installed copy has after its first run, for both sides of the
    extraction ratio: the package byte-compiled beside its sources (__pycache__), as pip compiles a
    package it installs (the dependencies were compiled when pip installed them; an editable install
    run with PYTHONDONTWRITEBYTECODE=1 would compile its sources again in every phase); the compiled
    regexes a first run saves there (generator/regexcache.py); and jieba's dictionary cache, which
    jieba builds on first use in the temporary folder."""
    import compileall

    import generator

    compileall.compile_dir(Path(generator.__file__).parent, quiet=2)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    code = (
        "import jieba; jieba.setLogLevel(60); jieba.initialize()\n"
        "from pathlib import Path\n"
        "from generator.pipeline import process_all\n"
        "from generator.read import list_inputs\n"
        f"process_all(list_inputs(Path({str(SEEDS)!r})), 1)\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=False, capture_output=True)


def spawn_phase(name: str, work: Path, n: int, jobs: int, clean: tuple[Path, ...] = (), timeout: float | None = None) -> dict:
    """Run one phase in a fresh subprocess, sampling its process tree's memory; return its result.

    The directories in `clean` are removed first, and the disk is synced, outside the measurement.
    A phase still running after `timeout` seconds is stopped (its process tree killed) and reported
    as {"timed_out": True, "seconds": timeout, ...memory so far}.
    """
    for d in clean:
        shutil.rmtree(d, ignore_errors=True)
    settle()
    busy0 = _busy_s()
    me0 = resource.getrusage(resource.RUSAGE_SELF)
    log = work / "logs" / f"{name}-{n}-j{jobs}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--phase",
        name,
        "--work",
        str(work),
        "--n",
        str(n),
        "--jobs",
        str(jobs),
    ]
    print(f"  {name:8s} N={n:<6d} jobs={jobs} ...", end="", flush=True)
    t = time.perf_counter()
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=work)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            for pid in [*_descendants(proc.pid), proc.pid]:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            proc.wait()
            sampler.done.set()
            sampler.join()
            rss, pss = sampler.peak()
            print(f" stopped after {timeout:.0f} s")
            return {
                "timed_out": True,
                "seconds": float(timeout or 0),
                "tree_rss_mb": rss,
                "tree_pss_mb": pss,
                "label": f"{name} N={n}",
            }
        sampler.done.set()
        sampler.join()
    wall = time.perf_counter() - t
    busy = _busy_s() - busy0
    me1 = resource.getrusage(resource.RUSAGE_SELF)
    sampling = (me1.ru_utime + me1.ru_stime) - (me0.ru_utime + me0.ru_stime)  # this process: mostly the sampler
    text = log.read_text(encoding="utf-8", errors="replace")
    lines = [line for line in text.splitlines() if line.startswith(RESULT_TAG)]
    if rc != 0 or not lines:
        print(f" FAILED (exit {rc}); log {log}:\n" + "\n".join(text.splitlines()[-15:]))
        return {"phase_failed": True}
    res = json.loads(lines[-1][len(RESULT_TAG) :])
    res["tree_rss_mb"], res["tree_pss_mb"] = sampler.peak()
    res["stage_rss_mb"] = {}
    for stage, start, end in res.get("intervals", []):
        res["stage_rss_mb"][stage] = max(res["stage_rss_mb"].get(stage, 0), sampler.peak(start, end)[0])
    res["wall"] = wall
    res["sampler_cpu_s"] = sampling
    res["foreign_cpu_s"] = max(0.0, busy - res.get("cpu_s", 0.0) - sampling)  # CPU used by other processes meanwhile
    res["label"] = f"{name} N={n} jobs={jobs}"
    print(f" {res['seconds']:.1f} s (process {wall:.1f} s)")
    return res


def _machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")) / 2**20
    except (OSError, StopIteration):
        mem = float("nan")
    versions = []
    for pkg in ("pelican", "pagefind"):
        try:
            from importlib.metadata import version

            versions.append(f"{pkg} {version(pkg)}")
        except Exception:
            versions.append(f"{pkg} ?")
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"machine: {os.cpu_count()} cores ({usable} usable), {cpu}, {mem:.1f} GiB RAM; "
        f"Python {platform.python_version()} ({sys.executable}); {platform.system()} {platform.release()}; {', '.join(versions)}"
    )


def _mb(res: dict) -> str:
    s = res.get("stage_rss_mb") or {}
    by_stage = ("; by stage " + ", ".join(f"{k} {v:.0f}" for k, v in s.items()) + " MB") if s else ""
    return (
        f"tree {res['tree_rss_mb']:.0f} MB Rss / {res['tree_pss_mb']:.0f} MB Pss (sampled{by_stage}); "
        f"getrusage: self {res.get('rss_self_mb', 0):.0f} MB, largest child {res.get('rss_children_mb', 0):.0f} MB"
    )


def _peak(res: dict) -> float:
    """The phase's peak memory in MB: the largest of the sampled process tree and getrusage's figures."""
    return max(res.get("tree_rss_mb", 0), res.get("rss_self_mb", 0), res.get("rss_children_mb", 0))


def _ok(flag: bool | None) -> str:
    return "-" if flag is None else ("ok" if flag else "MISS")


def _stages(res: dict) -> str:
    s = res.get("stages", {})
    return f"extract+render+write {s.get('extract', 0):.1f} s, Pelican {s.get('pelican', 0):.1f} s"


def _bad(res: dict) -> str:
    """A warning for a run in which digests failed: its times are not those of real extraction."""
    return (
        f"; NOT JUDGED: {res['failed']} of {res['failed'] + res['ok'] + res['warning']} digests failed"
        if res.get("failed")
        else ""
    )


def _no_search(res: dict) -> float:
    return res["seconds"] - res.get("stages", {}).get("search", 0.0)


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    head = ("measure", "value", "bar", "ok")
    w = [max(len(r[i]) for r in rows + [head]) for i in range(3)]
    line = lambda r: f"{r[0]:<{w[0]}} | {r[1]:<{w[1]}} | {r[2]:<{w[2]}} | {r[3]}"  # noqa: E731
    print(line(head))
    print("-+-".join("-" * x for x in w) + "-+-" + "----")
    for r in rows:
        print(line(r))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark the meeting-digest build (see the docstring of bench/bench.py).")
    ap.add_argument("--n", type=int, default=1000, help="reports in the main corpus (default 1000)")
    ap.add_argument("--big", action="store_true", help=f"also build {BIG_N:,} reports, search index included (the memory bar)")
    ap.add_argument("--big-all", action="store_true", help=f"with --big, also run Pelican alone and the rebuild at {BIG_N:,}")
    ap.add_argument(
        "--huge",
        action="store_true",
        help=f"also {HUGE_N:,} reports: cold build without search, the search index, Pelican alone (memory bars)",
    )
    ap.add_argument("--jobs", type=int, default=None, help="processes for the parallel runs (default: all cores)")
    ap.add_argument(
        "--keep",
        type=Path,
        default=None,
        metavar="DIR",
        help="work in DIR and keep it (new, empty, or a previous --keep dir, which is wiped)",
    )
    ap.add_argument("--repeat", type=int, default=3, help="runs of each phase at --n; the table shows the median (default 3)")
    ap.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    ap.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    jobs = args.jobs or os.cpu_count() or 1

    if args.phase:
        run_phase(args.phase, args.work.resolve(), args.n, jobs)
        return 0
    if args.n < 20:
        ap.error("--n must be at least 20")
    if args.keep:
        work = args.keep.resolve()
        if work.exists() and any(work.iterdir()):
            if not (work / MARKER).exists():
                ap.error(f"{work} is not empty and not a previous --keep directory")
            shutil.rmtree(work)
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="digest-bench-"))
    (work / MARKER).write_text("work directory of bench/bench.py\n")

    warm_caches()
    print("command: " + " ".join([Path(sys.executable).name, *sys.argv]))
    print(_machine())
    print(f"work dir: {work}{' (kept)' if args.keep else ' (removed at the end)'}; parallel runs use {jobs} processes")
    print()

    rows: list[tuple[str, str, str, str]] = []

    def row(measure, value, bar="", ok=None):
        rows.append((measure, value, bar or "-", _ok(ok)))

    def rowf(measure, res, fn, bar="", okfn=None):
        if not res or res.get("phase_failed"):
            row(measure, "FAILED (see logs/ in the work dir)", bar, False if bar else None)
        else:
            row(measure, fn(res), bar, okfn(res) if okfn else None)

    try:
        sizes = [args.n] + ([BIG_N] if args.big and args.n != BIG_N else []) + ([HUGE_N] if args.huge else [])
        gen = {}
        for n in sizes:
            t = time.perf_counter()
            gen[n] = generate_corpus(n, work / f"corpus-{n}", args.seed)
            gen[n]["seconds"] = time.perf_counter() - t
            print(
                f"  corpus   N={n:<6d} {gen[n]['mean_kb']:.1f} KB/report (seeds: {gen[n]['seed_mean_kb']:.1f}) in {gen[n]['seconds']:.1f} s"
            )

        runs: dict[int, dict] = {}
        n = args.n
        r = runs[n] = {}
        reps: dict[str, list[dict]] = {"x1": [], "xp": [], "build": [], "pelican": [], "rebuild": []}
        for k in range(args.repeat):
            if args.repeat > 1:
                print(f" run {k + 1} of {args.repeat}")
            reps["x1"].append(spawn_phase("extract", work, n, 1))
            if jobs > 1:
                reps["xp"].append(spawn_phase("extract", work, n, jobs))
            reps["build"].append(spawn_phase("build", work, n, jobs, clean=(work / f"site-{n}",)))
            if not reps["build"][-1].get("phase_failed"):
                reps["pelican"].append(spawn_phase("pelican", work, n, jobs, clean=(work / f"pelican-{n}",)))
                reps["rebuild"].append(spawn_phase("rebuild", work, n, jobs))
        for key, results in reps.items():
            r[key] = combine(results, _no_search if key == "build" else (lambda x: x["seconds"]))
        if BIG_N in sizes and n != BIG_N:
            big = runs[BIG_N] = {}
            big["build"] = spawn_phase("build", work, BIG_N, jobs, clean=(work / f"site-{BIG_N}",))
            if args.big_all and not big["build"].get("phase_failed"):
                big["pelican"] = spawn_phase("pelican", work, BIG_N, jobs, clean=(work / f"pelican-{BIG_N}",))
                big["rebuild"] = spawn_phase("rebuild", work, BIG_N, jobs)
        if HUGE_N in sizes:
            huge = runs[HUGE_N] = {}
            huge["build"] = spawn_phase("coldbuild", work, HUGE_N, jobs, clean=(work / f"site-{HUGE_N}",))
            if not huge["build"].get("phase_failed"):
                huge["rebuild"] = spawn_phase("rebuild", work, HUGE_N, jobs)
                # Pelican alone gets as long as the whole build took: past that, it is the slower one
                limit = _no_search(huge["build"]) * 1.05
                huge["pelican"] = spawn_phase("pelican", work, HUGE_N, jobs, clean=(work / f"pelican-{HUGE_N}",), timeout=limit)
                huge["search"] = spawn_phase("search", work, HUGE_N, jobs)
                if not huge["search"].get("phase_failed"):
                    huge["query"] = spawn_phase("query", work, HUGE_N, 1)
        print()

        x1, xp = r["x1"], r["xp"]
        row(
            f"corpus (N={n})",
            f"{gen[n]['mean_kb']:.1f} KB/report (seeds {gen[n]['seed_mean_kb']:.1f} KB), generated in {gen[n]['seconds']:.1f} s",
        )
        rowf("extraction start-up (imports + data loads)", x1, lambda x: f"{x['startup']:.2f} s")
        rowf(
            f"extraction / jieba cut, same texts, 1 process, start-up included (N={n})",
            x1,
            lambda x: (
                f"{median_ratio(x):.3f}, median of runs {'/'.join(f'{v:.3f}' for v in x.get('all_ratios') or [])} "
                f"(median-time run: {x['startup'] + x['seconds']:.1f} s / {x['jieba_seconds']:.1f} s)"
            ),
            f"<= {BAR_EXTRACT_VS_JIEBA}",
            lambda x: median_ratio(x) <= BAR_EXTRACT_VS_JIEBA,
        )
        rowf(
            f"extraction, 1 process (N={n})",
            x1,
            lambda x: f"{x['rate']:.0f} reports/s ({x['seconds']:.1f} s{_runs(x)}){_bad(x)}",
            f">= {BAR_EXTRACT_PER_CORE:.0f}/s per core",
            lambda x: None if x["failed"] else x["rate"] >= BAR_EXTRACT_PER_CORE,
        )
        if xp is not None:
            rowf(
                f"extraction, {jobs} processes (N={n})",
                xp,
                lambda x: (
                    f"{x['rate']:.0f} reports/s = {x['rate'] / jobs:.0f}/core"
                    + (f", x{x['rate'] / x1['rate']:.2f} of 1 process" if not x1.get("phase_failed") else "")
                    + f" ({x['seconds']:.1f} s{_runs(x)}){_bad(x)}"
                ),
            )
        for size, rr in runs.items():
            b = rr.get("build", {})
            rowf(
                f"digests (N={size})",
                b,
                lambda b: f"ok {b['ok']}, warning {b['warning']}, failed {b['failed']}; {b['pages']} HTML pages",
            )
            rowf(
                f"cold full build, no search (N={size})", b, lambda b: f"{_no_search(b):.1f} s ({_stages(b)}{_runs(b)}){_bad(b)}"
            )
            if "search" in rr:
                rowf(
                    f"search index alone (N={size})",
                    rr["search"],
                    lambda x: f"{x['seconds']:.1f} s ({x['search']}); peak {_mb(x)}",
                    f"<= {BAR_HUGE_SEARCH_RSS_MB:.0f} MB" if size == HUGE_N else "",
                    (lambda x: _peak(x) <= BAR_HUGE_SEARCH_RSS_MB) if size == HUGE_N else None,
                )
            if "query" in rr:
                rowf(
                    f"a query in Chromium, localhost (N={size}, {rr['query'].get('index_shards')} index shards)",
                    rr["query"],
                    lambda x: (
                        f"first results: {x['first']:.2f} s for the first query, then {x['later']:.2f} s median, "
                        f"{x['slowest_later']:.2f} s slowest; every shard answered: {x.get('slowest_complete', 0):.2f} s slowest"
                    ),
                    f"<= {BAR_QUERY_S} s",
                    lambda x: x["slowest_later"] <= BAR_QUERY_S,
                )
            rowf(
                f"search index on top (N={size})",
                b,
                lambda b: f"{b['stages'].get('search', 0):.1f} s ({b['search']}, {b['index_mb']:.0f} MB index)",
            )
            rowf(f"cold full build + search (N={size})", b, lambda b: f"{b['seconds']:.1f} s")
            if "pelican" in rr:
                bar, okf = ("", None)
                if size == n:
                    bar, okf = (
                        f"build <= {BAR_BUILD_VS_PELICAN} x Pelican",
                        lambda p: None if b["failed"] else _no_search(b) <= BAR_BUILD_VS_PELICAN * p["seconds"],
                    )
                rowf(
                    f"Pelican alone, same content/ (N={size})",
                    rr["pelican"],
                    lambda p: (
                        f"stopped unfinished after {p['seconds']:.0f} s (the cold build took {_no_search(b):.0f} s)"
                        if p.get("timed_out")
                        else f"{p['seconds']:.1f} s{_runs(p)}; full build / Pelican = {_no_search(b) / p['seconds']:.2f}"
                    ),
                    bar,
                    okf,
                )
            if "rebuild" in rr:
                bar, okf = ("", None)
                limit = {n: BAR_REBUILD_VS_COLD, BIG_N: BAR_BIG_REBUILD_VS_COLD}.get(size)
                if limit is not None:
                    bar, okf = (
                        f"<= {limit} x cold build",
                        lambda x, limit=limit: None if b["failed"] or x["failed"] else x["seconds"] <= limit * _no_search(b),
                    )
                rowf(
                    f"rebuild after one change (N={size})",
                    rr["rebuild"],
                    lambda x: (
                        f"{x['seconds']:.1f} s = {x['seconds'] / _no_search(b):.2f} x cold ({x['cached']} from cache; {_stages(x)}{_runs(x)}){_bad(x)}"
                    ),
                    bar,
                    okf,
                )
        for size, rr in runs.items():
            for key, label in (
                ("x1", "extraction, 1 process"),
                ("xp", f"extraction, {jobs} processes"),
                ("build", "cold build + search"),
                ("pelican", "Pelican alone"),
                ("rebuild", "rebuild"),
            ):
                if rr.get(key) is not None:
                    rowf(f"peak memory: {label} (N={size})", rr[key], _mb)
        if HUGE_N in runs:
            b = runs[HUGE_N]["build"]
            p = runs[HUGE_N].get("pelican") or {}
            rowf(
                f"peak RSS, cold build without search (N={HUGE_N})",
                b,
                lambda b: (
                    f"{_peak(b):.0f} MB (process tree), {_no_search(b):.0f} s; Pelican alone: "
                    + (
                        "FAILED"
                        if p.get("phase_failed") or not p
                        else f"stopped unfinished after {p['seconds']:.0f} s at {_peak(p):.0f} MB"
                        if p.get("timed_out")
                        else f"{_peak(p):.0f} MB, {p['seconds']:.0f} s"
                    )
                ),
                f"<= {BAR_HUGE_RSS_MB:.0f} MB and faster than Pelican alone",
                lambda b: (
                    None
                    if b["failed"]
                    else _peak(b) <= BAR_HUGE_RSS_MB
                    and (not p or bool(p.get("phase_failed")) or bool(p.get("timed_out")) or _no_search(b) < p["seconds"])
                ),
            )
        if BIG_N in runs:
            b = runs[BIG_N]["build"]
            rowf(
                f"peak RSS, build + search index (N={BIG_N})",
                b,
                lambda b: f"{max(b['tree_rss_mb'], b['rss_self_mb'], b['rss_children_mb']):.0f} MB (process tree, sampled Rss)",
                f"<= {BAR_BIG_RSS_MB:.0f} MB",
                lambda b: (
                    None if b["failed"] else max(b["tree_rss_mb"], b["rss_self_mb"], b["rss_children_mb"]) <= BAR_BIG_RSS_MB
                ),
            )
        print_table(rows)
        all_runs = [x for rs in reps.values() for x in rs] + [
            v
            for size in (BIG_N, HUGE_N)
            if size != n
            for k, v in runs.get(size, {}).items()
            if k in ("build", "pelican", "rebuild", "search")
        ]
        all_runs = [x for x in all_runs if x and not x.get("phase_failed")]
        prints = sorted({x["fingerprint"] for x in all_runs if "fingerprint" in x})
        if len(prints) > 1:
            print(
                f"\nWARNING: the project's code changed during the benchmark ({len(prints)} code fingerprints); "
                "a rebuild after such a change re-extracts everything, and the rows mix code versions."
            )
        foreign = sum(x.get("foreign_cpu_s", 0) for x in all_runs)
        wall = sum(x.get("wall", 0) for x in all_runs) or 1.0
        sampler = sum(x.get("sampler_cpu_s", 0) for x in all_runs)
        print(
            f"\nthe memory sampler used {sampler:.1f} CPU-s ({sampler / wall:.1%} of one core); "
            f"other processes used {foreign:.1f} CPU-s during the {wall:.0f} s of measured phases"
            f" ({foreign / wall / (os.cpu_count() or 1):.0%} of the machine's CPU)."
        )
        busy = [x for x in all_runs if x.get("wall") and x.get("foreign_cpu_s", 0) / x["wall"] > 0.1]
        if busy:
            print(
                "phases that shared the machine (other processes > 0.1 CPU-s per s), their times may be inflated: "
                + "; ".join(f"{x['label']} ({x['seconds']:.1f} s, others {x['foreign_cpu_s']:.1f} CPU-s)" for x in busy)
            )
        return 1 if any(v and v.get("phase_failed") for rr in runs.values() for v in rr.values()) else 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
