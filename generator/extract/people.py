"""Chairs, speakers and attendees, found by the official title written in front of a name.

A person is a chain of titles (vocab/titles.toml, place names from the gazetteer) followed by a
name; the verbs after the name (主持, 讲话, 出席 …, vocab/roles.toml) give the role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import gazetteer, vocab
from ..model import Person, Sentence

CJK = r"\u3400-\u9fff"
MAX_GIVEN = 2  # given names have one or two characters
MAX_PLAIN_NAME = 6  # names with no known surname (格桑扎西, 巴特尔) stay short
MAX_TITLE_PREFIX = 12
NAME_NEVER_ENDS = "所"
CONJUNCTIONS = "和与及"
NAME_BOUNDARY = "由和与及"  # a name written before its post may follow these: 会议由某某主席主持  # between two names; also the last character of some given names  # 孙维所作的说明: 所 belongs to the verb
FREE_ORGAN_STOP = "等和及与了的在对向就为是将把被从"  # words, not parts of an organization's name
POST_PREFIX = "常务|专职|执行|原"  # 常务副主席, 专职副主任, 执行主席; 原主席: a former holder invited
POST_NOT_BEFORE = "(?![会团台]|小组|代表)"  # 主任会议, 主席团: a body, not a post; 无党派人士代表: a longer post; 主席台: a place
MAX_FREE_ORGAN = 10
TITLE_WINDOW = 40  # characters before a post word that a title (place, organs, post) can span  # 人大常委会法制工作委员会: organization names not in the table stay short  # a place name in front of an organ is at most this long


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """Return (one-character, two-character) surnames.

    data/surnames.txt holds the 百家姓 list (derived once from JioNLP by scripts/refresh_surnames.py);
    vocab/surnames_extra.txt adds common surnames missing from it.
    """
    text = vocab.data_text("surnames.txt")
    single: set[str] = set()
    two: set[str] = set()
    for line in text.splitlines():
        w = line.strip()
        if w and not w.startswith("#"):
            (single if len(w) == 1 else two).add(w)
    for w in vocab.words("surnames_extra.txt"):
        (single if len(w) == 1 else two).add(w)
    if not single or not two:
        raise RuntimeError("generator/data/surnames.txt holds no surnames: run scripts/refresh_surnames.py")
    return frozenset(single), frozenset(two)


def _cjk_except(chars: str) -> str:
    """A character class of the CJK characters but those given: "[㐀-亜亞-…]".

    One class is much faster than a lookahead before each character (?![…])[…], which the title
    pattern would otherwise run for every character of every organization it tries."""
    parts, start = [], 0x3400
    for c in sorted({ord(x) for x in chars if "\u3400" <= x <= "\u9fff"}):
        if start < c:
            parts.append(f"{chr(start)}-{chr(c - 1)}")
        start = c + 1
    if start <= 0x9FFF:
        parts.append(f"{chr(start)}-\u9fff")
    return "[" + "".join(parts) + "]"


@lru_cache(maxsize=1)
def _title_re() -> re.Pattern:
    # The word lists are guarded (vocab.guarded): the pattern is tried at many positions and its
    # lists are long, so a quick test of the first character saves most of the work.
    t = vocab.toml("titles.toml")
    organs = vocab.guarded(t["organs"])
    posts = vocab.guarded(t["posts"])
    # an organization not in the table ends in one of these: 市统计局, 省委农办, 法制工作委员会
    unit_end = vocab.guarded(t["unit_endings"])
    free_char = _cjk_except(FREE_ORGAN_STOP)
    free = rf"{free_char}{{1,{MAX_FREE_ORGAN}}}?(?:{unit_end})"
    # lazy: the title ends at the first post, so an organization never swallows the name after it
    return re.compile(rf"(?:(?:{organs})|{free})*?(?:{POST_PREFIX})?(?:{posts}){_post_suffix()}{POST_NOT_BEFORE}")


@lru_cache(maxsize=1)
def _post_suffix() -> str:
    """What may close a post and belong to it (镇长候选人), as an optional group."""
    return rf"(?:{vocab.alternation(vocab.toml('titles.toml')['post_suffixes'])})?"


@lru_cache(maxsize=1)
def _organ_never() -> re.Pattern:
    """Verbs that no organization's name holds: a title match holding one took a name and its verb."""
    return re.compile(vocab.alternation(vocab.toml("titles.toml")["free_organ_never"]))


@lru_cache(maxsize=1)
def _post_only() -> re.Pattern:
    return re.compile(rf"(?:{vocab.alternation(vocab.toml('titles.toml')['posts'])}){_post_suffix()}{POST_NOT_BEFORE}")


@lru_cache(maxsize=1)
def _roles() -> dict:
    # each guarded: most are searched for in every clause, and many open with a lookbehind, an anchor
    # or an optional word (讲话 | ^代表 | (?<!工)作…), which the regex engine would try at every position
    r = vocab.toml("roles.toml")
    return {
        "chair": vocab.search_guarded(r["chair"]),
        "speaker": vocab.search_guarded(r["speaker"]),
        "attendee": vocab.search_guarded(r["attendee"]),
        "cited": vocab.search_guarded(r["cited"]),
        "cited_before": vocab.search_guarded(r["cited_before"]),
        "promote": vocab.search_guarded(r["promote"]),
        "list_lead": vocab.search_guarded(r["list_lead"]),
        "list_skip": vocab.search_guarded(r["list_skip"]),
        "list_end": vocab.search_guarded(r["list_end"]),
        "promote_attendee": vocab.search_guarded(r["promote_attendee"]),
        "speaker_before": vocab.search_guarded(r["speaker_before"]),
        "speaker_occasion": vocab.search_guarded(r["speaker_occasion"]),
        "relay": vocab.search_guarded(r["relay"]),
        "pronoun": vocab.search_guarded(r["pronoun"]),
        "preface": vocab.search_guarded(r["preface"]),
        "name_end": vocab.search_guarded(r["name_end"]),
        "strong_end": vocab.search_guarded(r["strong_end"]),
        "not_name": vocab.search_guarded(r["not_name"]),
        "bare_lead": vocab.search_guarded(r["bare_lead"]),
        "list_only": vocab.search_guarded(r["list_only"]),
        "things_count": vocab.search_guarded(r["things_count"]),
        "chair_before": vocab.search_guarded(r["chair_before"]),
        "chair_word": vocab.search_guarded(r["chair_before"].removesuffix("$")),
        "seated": vocab.search_guarded(r["seated"]),
        "presence_lead": vocab.search_guarded(r["presence_lead"]),
        "pronoun_inside": vocab.search_guarded(r["pronoun_inside"]),
        "promote_firm": vocab.search_guarded(r["promote_firm"]),
        "promote_here": vocab.search_guarded(r["promote_here"]),
        "promote_lead": vocab.search_guarded(r["promote_lead"]),
        "bare_post_verb": vocab.search_guarded(r["bare_post_verb"]),
    }


@dataclass
class Mention:
    person: Person
    start: int
    end: int  # end of the name (or of a post written after it) in the sentence
    sentence: int
    role: str | None = None  # the role a list's lead gives (在主席台就座的有：…), if its own clause names none


def _place_before(text: str, pos: int) -> int:
    """Return where a place name ending at pos starts (or pos if none)."""
    idx = gazetteer.index()
    for L in range(min(MAX_TITLE_PREFIX, pos), 1, -1):
        if text[pos - L : pos] in idx:
            return pos - L
    return pos


_DOTTED = re.compile(rf"[{CJK}]{{1,8}}(?:·[{CJK}]{{1,8}})+")
_PLAIN_RUN = re.compile(rf"[{CJK}]{{2,{MAX_PLAIN_NAME}}}(?=[^{CJK}]|$)")


NAME_WINDOW = 24  # characters after a name's start that reading it looks at
# The checks of a candidate word below are pure functions of a short string that lists and names
# repeat (经济、政治、文化 …): cached, as each runs several lookups.
WORD_CACHE = 1 << 16


def _read_name(text: str, pos: int) -> str | None:
    """Read the personal name starting at pos, checking what follows it."""
    return _name_in(text[pos : pos + NAME_WINDOW])


@lru_cache(maxsize=WORD_CACHE)
def _name_in(rest: str) -> str | None:
    """The personal name that opens `rest` (a pure function of those few characters: cached)."""
    roles = _roles()
    one, two = surnames()
    if not rest or not _CJK_START.match(rest):
        return None
    if roles["not_name"].match(rest):
        return None
    dotted = _DOTTED.match(rest)
    if dotted:
        cand = dotted.group(0)
        for k in range(cand.rindex("·") + 2, len(cand) + 1):
            if k == len(rest) or roles["name_end"].match(rest[k:]):
                return cand[:k]
        return None
    # A name standing alone before punctuation (蔺家和，益西泽仁，) is the whole run.
    run = _PLAIN_RUN.match(rest)
    if run:
        word = run.group(0)
        limit = 4 if (rest[:2] in two or rest[0] in one) else MAX_PLAIN_NAME
        usual_len = 3 + (rest[:2] in two)
        plain_ok = ((rest[:2] in two or rest[0] in one) and len(word) <= usual_len) or _plain_name_ok(word)
        # a run longer than a usual name, whose tail opens with words that follow a name (汤某以《…》),
        # is a name and those words: read on below (和, 与, 及 also close given names: 巴图孟和)
        tail_cue = (
            len(word) > usual_len and word[usual_len] not in CONJUNCTIONS and bool(roles["name_end"].match(word, usual_len))
        )
        if len(word) <= limit and not roles["strong_end"].search(word, 1) and not _bad_name(word) and plain_ok and not tail_cue:
            return word
    # Shortest first: the name ends where a cue (verb, punctuation) begins. 王和平主持 still reads
    # 王和平, because after 王和 comes 平, not a cue.
    shortest = 3 if rest[:2] in two else 2
    usual = shortest + MAX_GIVEN - 1  # longest name with a known surname: 施小琳, 欧阳振华
    cjk_run = _ALL_CJK.match(rest)  # a candidate is all CJK: it ends within this run
    for k in range(shortest, MAX_PLAIN_NAME + 1):
        cand = rest[:k]
        if cjk_run is None or k > cjk_run.end():
            break
        after = rest[k:]
        if after and not roles["name_end"].match(after):
            continue
        if after[:1] in CONJUNCTIONS and (not _CJK_START.match(after[1:2]) or roles["strong_end"].match(after, 1)):
            continue  # 和 followed by a verb or 等 ends the name itself (晏永和等出席), not a list
        if k > usual and rest[0] in one and (not roles["strong_end"].match(after) or not _plain_name_ok(cand)):
            continue  # a long name (益西泽仁) must be followed by a verb and hold no common word (和部分市人大)
        if _bad_name(cand):
            continue
        if not (rest[:2] in two or rest[0] in one) and not _plain_name_ok(cand):
            continue
        return cand
    return None


@lru_cache(maxsize=1)
def _post_words() -> re.Pattern:
    t = vocab.toml("titles.toml")
    return re.compile(vocab.alternation([p for p in t["posts"] if len(p) >= 2] + list(t["not_in_name"])))


def _common_words() -> frozenset[str]:
    """Frequent words of jieba's dictionary that are not person names (data/common_words.txt)."""
    return vocab.data_words("common_words.txt")


@lru_cache(maxsize=WORD_CACHE)
def _plain_name_ok(cand: str) -> bool:
    """A name with no known surname (格桑扎西) must not contain a common word (抓基层党建工)."""
    words = _common_words()
    return not any(cand[i:j] in words for i in range(len(cand)) for j in range(i + 2, len(cand) + 1))


@lru_cache(maxsize=WORD_CACHE)
def _bad_name(cand: str) -> bool:
    if cand[-1] in NAME_NEVER_ENDS or _post_words().search(cand):
        return True
    if gazetteer.is_place_name(cand):
        return True
    return bool(_roles()["not_name"].match(cand))


@lru_cache(maxsize=1)
def _title_lead() -> re.Pattern:
    """Everything up to the last of the words a title never holds (vocab/titles.toml)."""
    return re.compile(rf"^.*(?:{vocab.alternation(vocab.word_list('titles.toml', 'title_lead_cut'))})")


def _trim_title(title: str) -> str:
    """Cut words that a free-form organization match took from before the title (听取了…)."""
    return _title_lead().sub("", title) or title


@lru_cache(maxsize=1)
def _needs_organ() -> frozenset[str]:
    return frozenset(vocab.toml("titles.toml")["needs_organ"])


@lru_cache(maxsize=1)
def _organ_end() -> re.Pattern:
    """An organ (or organization ending) right before a position: 市政府|林某秘书长."""
    t = vocab.toml("titles.toml")
    return re.compile(rf"(?:{vocab.alternation(t['organs'])})$")


@lru_cache(maxsize=1)
def _unit_end_chars() -> frozenset[str]:
    return frozenset(w for w in vocab.toml("titles.toml")["unit_endings"] if len(w) == 1)


@lru_cache(maxsize=1)
def _title_run() -> re.Pattern:
    """A run of the characters a title can hold: those of its words (vocab/titles.toml, POST_PREFIX)
    and the CJK characters but FREE_ORGAN_STOP, which a free organization's name takes."""
    t = vocab.toml("titles.toml")
    held = set("".join([*t["organs"], *t["posts"], *t["unit_endings"], *t["post_suffixes"], *POST_PREFIX.split("|")]))
    free = _cjk_except("".join(c for c in FREE_ORGAN_STOP if c not in held))
    other = "".join(re.escape(c) for c in sorted(held) if not "\u3400" <= c <= "\u9fff")
    return re.compile(f"{free[:-1]}{other}]*")


def _title_start(text: str, posts: list[tuple[int, int]], k: int, start: int) -> int:
    """Where the search for a title ending at the k-th post word may start: `start`, or the start of
    the run of title characters (_title_run) that ends at the post, when no other post word lies
    between the two. The search would find nothing in between: a title is a run of those characters
    (so one that starts before the run ends before it) and holds a post word, where the post pattern
    finds one too (or one overlapping it, starting before it). Positions that find no title are the
    costly ones: the regex engine tries every chain of organizations from each."""
    ps = posts[k][0]
    if ps <= start:
        return start
    run = _title_run().match(text[ps - 1 : start - 1 if start else None : -1])  # (a run may be empty: always a match)
    run_start = ps - run.end() if run else ps
    if run_start <= start:
        return start
    for ps2, pe2 in reversed(posts[:k]):
        if pe2 <= start:
            break
        if ps2 < run_start:
            return start
    return run_start


def spans_by_sentence(pattern: re.Pattern, texts: list[str]) -> list[list[tuple[int, int]]]:
    """[m.span() for m in pattern.finditer(text)] for each text, from one search over the texts
    joined by newlines: one call into the regex engine a report, not one a sentence.

    Only for a pattern that no newline changes: none of its matches can hold one, and what it looks
    at around a match (a lookbehind at a text's start, a lookahead at its end) fails on a newline as
    it fails at the end of a string (no negated class, ., \\s or $ there). Each caller's pattern is
    checked against a search of each text in tests/test_extract_rewrites.py. A text that holds a
    newline itself is searched alone."""
    joined = "\n".join(texts)
    if not texts or joined.count("\n") != len(texts) - 1:
        return [[m.span() for m in pattern.finditer(text)] for text in texts]
    out: list[list[tuple[int, int]]] = [[] for _ in texts]
    k, base, nxt = 0, 0, len(texts[0]) + 1  # the text at hand, where it starts, where the next one does
    for m in pattern.finditer(joined):
        start, end = m.span()
        while start >= nxt:
            k += 1
            base, nxt = nxt, nxt + len(texts[k]) + 1
        out[k].append((start - base, end - base))
    return out


def find_people(sentences: tuple[Sentence, ...]) -> list[Mention]:
    """Find every titled person in the sentences, and the bare names listed with them."""
    title_re = _title_re()
    needs_organ = _needs_organ()
    never = _organ_never()
    own_verb = _roles()["bare_post_verb"]
    out: list[Mention] = []
    texts = [sent.text for sent in sentences]
    # most sentences name no official; in the others the costly title pattern runs only over a
    # window ending at each post word (a title is never longer than TITLE_WINDOW)
    post_spans = spans_by_sentence(_post_only(), texts)
    for sent, text, posts in zip(sentences, texts, post_spans, strict=True):
        found: list[Mention] = []
        spans: list[tuple[int, int]] = []
        scanned = 0
        for k, (ps, pe) in enumerate(posts):
            if pe <= scanned:
                continue
            start = _title_start(text, posts, k, max(scanned, ps - TITLE_WINDOW))
            for m in title_re.finditer(text, start, min(len(text), pe + 1)):
                scanned = max(scanned, m.end())
                if not never.search(text, m.start(), m.end()):  # 王某主持召开县委常委会: no title
                    spans.append((m.start(), m.end()))
        bare_posts: list[Mention] = []  # bare 主席, 副主任 … before a name, held until a titled person is read
        for i, (_, e) in enumerate(spans):
            nxt = spans[i + 1][0] if i + 1 < len(spans) else None
            if nxt is not None and nxt in (e, e + 1):
                continue  # another title follows: the chain goes on
            name = _read_name(text, e)
            if not name:
                continue
            # collect the chain of titles ending at this title
            chain: list[tuple[int, int]] = []
            pos = e
            for s2, e2 in reversed(spans[: i + 1]):
                if e2 == pos or (e2 == pos - 1 and text[e2] == "、"):
                    begin = _place_before(text, s2)
                    chain.insert(0, (begin, e2))
                    pos = begin
                else:
                    break
            titles = [_trim_title(text[a:b]) for a, b in chain]
            # the mention starts where its trimmed title does, so the words cut off stay before it
            # (与会同志围绕市委书记某某…: 围绕 marks a person only talked about)
            first = chain[0][1] - len(titles[0])
            # a bare 副主席 counts after a titled person of the same sentence, whose organ it shares:
            # 市政协主席张某，副主席李某; or where its own verb (副主席李某主持) or a titled person later
            # in the sentence (主席甲、副主席乙、秘书长丙出席) shows the report's body speaks of it
            if len(titles) == 1 and titles[0] in needs_organ and not found and not own_verb.match(text, e + len(name)):
                bare_posts.append(Mention(Person(name, tuple(titles), sent.idx), first, e + len(name), sent.idx))
                continue
            found.append(Mention(Person(name, tuple(titles), sent.idx), first, e + len(name), sent.idx))
            # a bare list of names after a titled one: 市领导张三、李四、王五出席
            p = e + len(name)
            while p < len(text) and text[p] == "、":
                nm = _read_name(text, p + 1)
                if not nm or title_re.match(text, p + 1):
                    break
                found.append(Mention(Person(nm, (), sent.idx), p + 1, p + 1 + len(nm), sent.idx))
                p = p + 1 + len(nm)
        if bare_posts and any(m.person.titles and m.person.titles[0] not in needs_organ for m in found):
            found = sorted(found + bare_posts, key=lambda m: m.start)
        if posts:
            found.extend(_post_after(text, sent.idx, posts, found))
        # the lead matters only to a sentence that names someone (most name no one: not sought there)
        listed = "、" in text
        looked = bool(found) or listed
        lead = _presence_lead(text) if looked else None
        if listed:
            found.extend(_name_list(text, sent.idx, found, lead))
        if "，" in text and found:
            found.extend(_comma_groups(text, sent.idx, found))
        if "同志" in text:
            found.extend(_comrades(text, sent.idx, found))
        if "代表" in text or "主持" in text or "工作报告" in text:
            found.extend(_bare_leads(text, sent.idx, found))
        if found and len(found) >= MIN_ONLY_PEOPLE and _only_people(text, found):
            for mention in found:
                mention.role = mention.role or "attendee"
        if found and not looked:
            lead = _presence_lead(text)  # the sentence names someone after all (同志, 代表 …)
        if lead is not None:
            for mention in found:
                if mention.end - len(mention.person.name) >= lead:  # a title may take the lead's 有
                    mention.role = mention.role or "attendee"
        out.extend(found)
    return out


def _presence_lead(text: str) -> int | None:
    """Where the people a sentence presents as present begin: after its lead (出席会议的领导有：…),
    which covers every group of the list, titled or not, to the end of the sentence."""
    m = _roles()["presence_lead"].search(text)
    return m.end() if m else None


MIN_ONLY_PEOPLE = 2  # a sentence of nothing but two or more officials lists those present


def _only_people(text: str, found: list[Mention]) -> bool:
    """Whether a sentence holds nothing but titled people and list punctuation (a verbless list of
    those present: 副县长张某、李某，县政府办公室主任王某)."""
    if not any(m.person.titles for m in found):
        return False
    rest, pos = [], 0
    for m in sorted(found, key=lambda m: m.start):
        if m.start < pos:
            return False
        rest.append(text[pos : m.start])
        pos = m.end
    rest.append(text[pos:])
    return bool(_roles()["list_only"].fullmatch("".join(rest)))


def _bare_leads(text: str, sent_idx: int, found: list[Mention]) -> list[Mention]:
    """A bare name opening a clause whose verb is the meeting's main report or its chairing:
    张某代表市政府作工作报告, 李某主持开幕大会 (vocab/roles.toml bare_lead); the name must have a known
    surname and be a name as a whole. A sentence relaying another meeting (传达…精神，某某作政府工作报告)
    names that meeting's people."""
    out = []
    one, two = surnames()
    relay = _roles()["relay"]
    for verb in _roles()["bare_lead"].finditer(text, 2):
        at = verb.start()
        if relay.search(text, 0, at):
            continue
        for start in (at - 3, at - 2):  # a name of three characters, or of two
            name = text[start:at]
            if start < 0 or (start and text[start - 1] not in CLAUSE_OPEN) or not _ALL_CJK.fullmatch(name):
                continue
            if (name[:2] in two or name[0] in one) and _list_name_ok(name) and not _overlaps(found, start, at):
                out.append(Mention(Person(name, (), sent_idx), start, at, sent_idx))
                break
    return out


CLAUSE_OPEN = "，。；："  # what may stand before a bare name that opens a clause
_CLAUSE_TAIL = re.compile(r"[^，。；]*$")


def _clause_tail(text: str) -> str:
    """The words after the last clause break."""
    m = _CLAUSE_TAIL.search(text)
    return m.group() if m else text


@lru_cache(maxsize=1)
def _comrade() -> re.Pattern:
    """An untitled name the report marks as a person: 听取张某同志代表市委常委会所作的报告 (the words
    before and after it: vocab/titles.toml)."""
    before = "".join(f"|(?<={re.escape(w)})" for w in vocab.word_list("titles.toml", "comrade_before"))
    after = vocab.alternation(vocab.word_list("titles.toml", "comrade_after"))
    return re.compile(rf"(?:^|(?<=[，。；：、“（\s]){before})([{CJK}]{{2,3}})同志(?={after})")


def _comrades(text: str, sent_idx: int, found: list[Mention]) -> list[Mention]:
    """Bare names followed by 同志 that no title introduced, when they are names as a whole."""
    out = []
    for m in _comrade().finditer(text):
        name = m.group(1)
        one, two = surnames()
        known_family = name[:2] in two or name[0] in one
        if known_family and _list_name_ok(name) and not _overlaps(found, m.start(1), m.end(1)):
            out.append(Mention(Person(name, (), sent_idx), m.start(1), m.end(1), sent_idx))
    return out


def _at_boundary(text: str, pos: int) -> bool:
    """Whether a name may start at pos: at the start, after punctuation, 由/和, or an organ."""
    if pos == 0 or not _CJK_START.match(text[pos - 1]) or text[pos - 1] in NAME_BOUNDARY:
        return True
    return bool(_organ_end().search(text, max(0, pos - TITLE_WINDOW), pos))


def _overlaps(found: list[Mention], a: int, b: int) -> bool:
    return any(m.start < b and a < m.end for m in found)


@lru_cache(maxsize=1)
def _only_before_name() -> frozenset[str]:
    return frozenset(vocab.toml("titles.toml")["only_before_name"])


def _post_end_ok(text: str, pe: int) -> bool:
    """Whether a post written after a name ends its title: a verb follows (陈某县长主持, 陈某镇长并讲话),
    or punctuation."""
    strong = _roles()["strong_end"]
    if pe >= len(text) or strong.match(text, pe) or _PUNCT.match(text, pe):
        return True
    return text[pe] == "并" and bool(strong.match(text, pe + 1))


def _post_after(text: str, sent_idx: int, posts: list[tuple[int, int]], found: list[Mention]) -> list[Mention]:
    """Names written before their post: 陈某县长主持, 会议由蒙某主席主持, 市政府林某秘书长参加."""
    one, two = surnames()
    common = _common_words()
    unit_end = _unit_end_chars()
    out: list[Mention] = []
    only_before = _only_before_name()
    for ps, pe in posts:
        if not _post_end_ok(text, pe):
            continue
        if text[ps:pe] in only_before:
            continue
        for length in range(2 + MAX_GIVEN, 1, -1):
            b = ps - length
            if b < 0:
                continue
            cand = text[b:ps]
            family = 2 if cand[:2] in two else 1 if cand[0] in one else 0
            if not family or length <= family or length > family + MAX_GIVEN or not _ALL_CJK.fullmatch(cand):
                continue
            if not _at_boundary(text, b) or cand[-1] in unit_end or cand in common or _bad_name(cand):
                continue
            if _overlaps(found, b, pe) or _overlaps(out, b, pe):
                continue
            out.append(Mention(Person(cand, (text[ps:pe],), sent_idx), b, pe, sent_idx))
            break
    return out


# A list is a run of words joined by 、 (甲、乙、丙), in the plain form (?<![X])[X]++(?:、[X]++)+ for X the
# CJK characters, · and * (tests/test_extract_rewrites.py). _list_runs finds the same runs from their
# first 、 (every run holds one right after its first word): the engine searches for that one
# character, not a match attempt at every character of the text; the first word is then read
# backwards, on the reversed sentence, and the rest forwards. The runs are possessive (++): a run
# not followed by 、 fails at once, where backtracking would give its characters back one by one.
_LIST_SEP = re.compile(rf"、(?<=[{CJK}·*]、)(?=[{CJK}·*])")
_LIST_REST = re.compile(rf"(?:、[{CJK}·*]++)+")
_RUN = re.compile(rf"[{CJK}·*]*")


def _list_runs(text: str) -> list[tuple[int, int]]:
    """The spans of the runs of words joined by 、 in text (甲、乙、丙), left to right."""
    out: list[tuple[int, int]] = []
    backwards = ""
    n = len(text)
    m = _LIST_SEP.search(text)
    while m:
        i = m.start()
        backwards = backwards or text[::-1]
        start = n - _RUN.match(backwards, n - i).end()  # type: ignore[union-attr]  # (it matches the empty string)
        end = _LIST_REST.match(text, i).end()  # type: ignore[union-attr]  # (a 、 and a character follow)
        out.append((start, end))
        m = _LIST_SEP.search(text, end)
    return out


_PUNCT = re.compile(r"[，。、；：！？（(“”\s]")
CENSOR = "*"  # a censored character (王*): neither a name nor evidence against the list
MIN_LIST_NAMES = 3  # bare names in a list of their own: three or more, or two right before 出席
MAX_LIST_STRAYS = 4  # at most one item in this many may be something other than a name


@lru_cache(maxsize=WORD_CACHE)
def _list_name_ok(word: str) -> bool:
    """Whether a list item delimited by 、 is a personal name as a whole."""
    if "·" in word:
        return all(part and _ALL_CJK.fullmatch(part) for part in word.split("·"))
    if not 2 <= len(word) <= MAX_PLAIN_NAME or not _ALL_CJK.fullmatch(word):
        return False
    if word in _common_words() or word[-1] in _unit_end_chars() or _bad_name(word):
        return False
    one, two = surnames()
    family = 2 if word[:2] in two else 1 if word[0] in one else 0
    if family and len(word) <= family + MAX_GIVEN:
        return True
    return _plain_name_ok(word)


def _list_item_ok(item: tuple[int, str], found: list[Mention]) -> bool:
    """Whether a middle item of a list is a name, a censored one, or a person already read."""
    start, word = item
    end = start + len(word)
    return CENSOR in word or _list_name_ok(word) or any(start <= m.start < end and m.end == end for m in found)


@lru_cache(maxsize=WORD_CACHE)
def _first_item_name(word: str) -> str | None:
    """The name closing the first item of a list, after its lead (还有张某, 成员有：李某, 县领导王某)."""
    if _list_name_ok(word):
        return word
    one, two = surnames()
    for length in range(2 + MAX_GIVEN, 1, -1):
        cand = word[-length:]
        if len(cand) < length:
            continue
        family = 2 if cand[:2] in two else 1 if cand[0] in one else 0
        if family and family < length <= family + MAX_GIVEN and _list_name_ok(cand):
            return cand
    return None


MIN_COMMA_GROUPS = 2  # groups of bare names split by commas: two or more, or one is a stray clause
MAX_GROUP_LEAD = 8  # words between the comma and the person read after the groups (市领导, 老同志)


@lru_cache(maxsize=WORD_CACHE)
def _group_name_ok(word: str) -> bool:
    """Whether a word of a comma group is a name with a known surname (张某, 欧阳某某)."""
    if not word:  # a group opening or closing with 、 (、张某，…) has an empty word: no name
        return False
    one, two = surnames()
    family = 2 if word[:2] in two else 1 if word[0] in one else 0
    return bool(family) and family < len(word) <= family + MAX_GIVEN and _list_name_ok(word)


def _comma_groups(text: str, sent_idx: int, found: list[Mention]) -> list[Mention]:
    """Bare names grouped by body with commas before a person already read (甲，乙、丙，丁，老领导戊、己
    出席): each clause holds nothing but names; the sentence's verb gives them their role."""
    out: list[Mention] = []
    for m in sorted(found, key=lambda m: m.start):
        groups: list[list[tuple[int, str]]] = []
        end = text.rfind("，", 0, m.start)  # the person's clause may open with a short lead (老领导)
        if end < 0 or m.start - end > MAX_GROUP_LEAD:
            continue
        while end > 0 and text[end] == "，":
            begin = max(text.rfind(c, 0, end) for c in "，。；：") + 1
            words, pos = [], begin
            for word in text[begin:end].split("、"):
                words.append((pos, word))
                pos += len(word) + 1
            if not all(_group_name_ok(w) and not _overlaps(found, p, p + len(w)) for p, w in words):
                break
            groups.append(words)
            end = begin - 1
        if len(groups) >= MIN_COMMA_GROUPS:
            for words in groups:
                for p, w in words:
                    if not _overlaps(out, p, p + len(w)):
                        out.append(Mention(Person(w, (), sent_idx), p, p + len(w), sent_idx))
    return out


def _name_list(text: str, sent_idx: int, found: list[Mention], presence: int | None = None) -> list[Mention]:
    """Bare names listed with 、 (张某、李某、王某等出席; 执行主席是：…), with no title in front."""
    roles = _roles()
    out: list[Mention] = []
    for run_start, run_end in _list_runs(text):
        whole = text[run_start:run_end]
        words = whole.split("、")
        if "等" in whole:
            for i in range(1, len(words) - 1):
                head, sep, _ = words[i].partition("等")
                if sep and _list_name_ok(head):
                    words = words[: i + 1]  # 张某、李某等市领导、县领导: the names end at 等
                    break
        # the second item settles most lists of things (安全、稳定、发展) at once (_list_item_ok, its
        # cheap tests first: this runs for every list of every report)
        if (
            len(words) > 2
            and CENSOR not in words[1]
            and not _list_name_ok(words[1])
            and (not found or not _list_item_ok((run_start + len(words[0]) + 1, words[1]), found))
        ):
            continue
        pos = run_start
        if len(words) < MAX_LIST_STRAYS and not _first_item_name(words[0]):
            end = pos + len(words[0])
            if not found or not any(pos <= m.start < end and m.end == end for m in found):
                continue  # a short list whose first item is a stray is no list of people (the loop below would stop there)
        items: list[tuple[int, str]] = []
        for word in words:
            items.append((pos, word))
            pos += len(word) + 1
        names: list[tuple[int, str]] = []
        known = strays = 0
        for i, (start, word) in enumerate(items):
            end = start + len(word)
            if any(start <= m.start < end and m.end == end for m in found):
                known += 1  # a titled person (县长李某) or a name already read
                continue
            if i == 0:
                nm = _first_item_name(word)
                if nm:
                    names.append((end - len(nm), nm))
                else:
                    strays += 1
                    if strays * MAX_LIST_STRAYS > len(items):
                        break
                continue
            if i == len(items) - 1:
                nm = _read_name(text, start)
                if nm and _list_name_ok(nm):
                    names.append((start, nm))
                    after = start + len(nm)
                    if text[after : after + 1] in CONJUNCTIONS and text[after : after + 1]:
                        nm2 = _read_name(text, after + 1)  # the last of the list: 张某及李某等
                        if nm2 and _list_name_ok(nm2):
                            names.append((after + 1, nm2))
                    continue
            elif _list_name_ok(word):
                names.append((start, word))
                continue
            if CENSOR not in word:
                strays += 1
                if strays * MAX_LIST_STRAYS > len(items):
                    break  # a list of things, not of people
        total = len(names) + known
        if not names or strays * MAX_LIST_STRAYS > len(items):
            continue
        last_start, last = names[-1]
        tail = text[last_start + len(last) :]
        if total < MIN_LIST_NAMES and not (total >= 2 and not strays and roles["list_end"].match(tail)):
            continue
        if roles["things_count"].match(tail) or roles["things_count"].match(words[-1]):
            continue  # a count of places after the last item (甲、乙、丙5乡镇; 甲、乙、丙四镇): no people
        first = min(names[0][0], min((m.start for m in found if run_start <= m.start < run_end), default=len(text)))
        lead = text[:first]
        clause = lead[max(lead.rfind(c) for c in "，。；") + 1 :]
        if roles["list_skip"].search(clause) or roles["cited_before"].search(clause[-8:]):
            continue
        role = "attendee" if roles["list_lead"].search(clause) or (presence is not None and first >= presence) else None
        for start, nm in names:
            if not _overlaps(found, start, start + len(nm)):
                out.append(Mention(Person(nm, (), sent_idx), start, start + len(nm), sent_idx, role))
    return out


_NATIONAL = re.compile(vocab.cue("national"))


def _national(person: Person) -> bool:
    """National leaders are quoted in local reports, not present at the meeting; a Politburo member
    who is also a province's secretary (中央政治局委员、自治区党委书记) is a local leader there."""
    return bool(person.titles) and all(_NATIONAL.search(t) for t in person.titles)


def _bare_mentions(sentences, titled: list[Mention], known: dict[str, Person]) -> list[Mention]:
    """Later mentions of a titled person by bare name: 楼佳慧在全会闭幕时作总结讲话."""
    if not known:
        return []
    taken = {(m.sentence, m.start) for m in titled} | {(m.sentence, m.end - len(m.person.name)) for m in titled}
    names = sorted(known, key=len, reverse=True)
    out = []
    for sent in sentences:
        text = sent.text
        claimed: list[tuple[int, int]] = []
        for name in names:  # a few names per report: str.find beats compiling a pattern for each
            at = text.find(name)
            while at >= 0:
                end = at + len(name)
                if (sent.idx, at) not in taken and not any(a < end and at < b for a, b in claimed):
                    claimed.append((at, end))
                    p = known[name]
                    out.append(Mention(Person(p.name, p.titles, sent.idx), at, end, sent.idx))
                at = text.find(name, end)
    return out


_CLAUSE_END = re.compile(r"[，。；！？\s]")
_CJK_START = re.compile(rf"[{CJK}]")
_ALL_CJK = re.compile(rf"[{CJK}]+")
_QUOTES = (("《", "》"), ("“", "”"))  # a clause does not end inside a title or a quotation


def _clause_after(text: str, pos: int) -> str:
    """The clause after a name, with continuations joined: 作工作报告，并作总结讲话; 受…委托，作报告."""
    preface = _roles()["preface"]
    end = pos
    while True:
        m = _CLAUSE_END.search(text, end)
        if not m:
            return text[pos:]
        stop = m.start()
        reopen = False
        for left, right in _QUOTES:
            opened = text.rfind(left, pos, stop)
            if opened >= 0 and text.find(right, opened, stop) < 0:
                close = text.find(right, stop)
                if close > 0:
                    end, reopen = close + 1, True
                    break
        if reopen:
            continue
        if text[stop] == "，" and (text[stop + 1 : stop + 2] == "并" or preface.match(text[pos:stop])):
            end = stop + 1
            continue
        return text[pos:stop]


def _relayed(sentences, idx: int, pos: int) -> bool:
    """Whether the words at pos are relayed from another meeting (传达… in this or the last sentence)."""
    relay = _roles()["relay"]
    return bool(relay.search(sentences[idx].text, 0, pos) or (idx > 0 and relay.search(sentences[idx - 1].text)))


RoleEvent = tuple[str, str, Person | str]  # ("chair" | "speaker" | "attendee", name, Person) or ("voice", name, how)


def _roles_of(sentences, mentions: list[Mention], known: dict[str, Person], memo: dict | None = None):
    """Give each mention the role its clause (or the sentence's next role verb) names.

    Also return who is voiced (the clause after the name opens with 指出/强调/说…) and how: "strong"
    (strong enough for a chair) and "any" (including a closing 要求, enough for an attendee).

    What a sentence gives is a function of the sentence and the mentions in it: with a `memo` (one
    per report), a sentence read before with the same mentions is not read again (assign_roles
    reads a report twice when bare names are found), its events are replayed in their order."""
    chairs: dict[str, Person] = {}
    speakers: dict[str, Person] = {}
    attendees: dict[str, Person] = {}
    voiced: dict[str, set[str]] = {}
    by_sentence: dict[int, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: (m.sentence, m.start)):
        by_sentence.setdefault(m.sentence, []).append(m)
    found = {"chair": chairs, "speaker": speakers, "attendee": attendees}
    for idx, ms in by_sentence.items():
        key = (idx, tuple((m.person.name, m.start, m.end, m.role) for m in ms))
        events = memo.get(key) if memo is not None else None
        if events is None:
            events = _sentence_roles(sentences, idx, ms, known)
            if memo is not None:
                memo[key] = events
        for kind, name, value in events:
            if isinstance(value, Person):
                found[kind].setdefault(name, value)
            else:
                voiced.setdefault(name, set()).add(value)  # kind "voice", value how
    return chairs, speakers, attendees, voiced


def _sentence_roles(sentences, idx: int, ms: list[Mention], known: dict[str, Person]) -> list[RoleEvent]:
    """The roles and voices one sentence gives the people it names, in the order it gives them."""
    roles = _roles()
    events: list[RoleEvent] = []
    text = sentences[idx].text
    quoted = "《" in text
    governing: dict[int, int] = {}  # end of a name → length of its clause if that names a role verb, else -1
    presenter = roles["chair_word"].search(text)  # 主持人 anywhere in the sentence
    for j, m in enumerate(ms):
        person = known[m.person.name]
        person = Person(person.name, person.titles, m.sentence)
        before = text[max(0, m.start - 8) : m.start]
        # cited (within the clause: 某某作传达，副主席… is no citation), or named inside a document's
        # title (《关于副县长某某履职情况的报告》)
        if roles["cited_before"].search(before) and roles["cited_before"].search(_clause_tail(before)):
            continue
        if quoted and text.rfind("《", 0, m.start) > text.rfind("》", 0, m.start):
            continue
        clause = _clause_after(text, m.end)
        if j + 1 < len(ms) and ms[j + 1].start >= m.end:
            clause = clause[: ms[j + 1].start - m.end]  # a clause ends where the next person begins
        if roles["cited"].match(clause):
            continue
        national = _national(person)
        if national and not roles["seated"].match(text, m.end):
            continue  # a national leader is quoted, unless the sentence seats them (在主席台就座)
        if national:
            events.append(("attendee", person.name, person))
            continue
        if roles["promote"].match(clause):
            events.append(("voice", person.name, "strong"))
            # an official who only 说/认为 something is interviewed about the meeting, not heard at it
            if person.titles and roles["promote_here"].match(clause) and not _relayed(sentences, idx, m.start):
                events.append(("voice", person.name, "here"))
        if roles["promote_attendee"].match(clause):
            events.append(("voice", person.name, "any"))
        if m.start == 0 and roles["promote_lead"].match(clause) and not _relayed(sentences, idx, m.start):
            events.append(("voice", person.name, "lead"))
            if roles["promote_firm"].match(clause):
                events.append(("voice", person.name, "firm"))
        role = None
        if presenter and roles["chair_before"].search(before):
            role = "chair"  # 主持人某某宣布大会开幕
        elif roles["chair"].search(clause):
            role = "chair"
            if roles["speaker"].search(clause):
                events.append(("speaker", person.name, person))
        elif roles["speaker"].search(clause):
            role = "speaker"
        elif roles["speaker_occasion"].match(clause) and not _relayed(sentences, idx, m.start):
            role = "speaker"  # 某某在会上强调
        elif roles["attendee"].search(clause):
            role = "attendee"
        elif (
            roles["promote"].match(clause)
            and roles["speaker_before"].search(text, max(0, m.start - TITLE_WINDOW), m.start)
            and not _relayed(sentences, idx, m.start)
        ):
            role = "speaker"  # 在…工作会议上，书记某某说
        elif "由" in text[max(0, m.start - 4) : m.start] and roles["chair"].search(text[m.end :]):
            role = "chair"
        elif m.role:
            role = m.role  # a list introduced as present: 在主席台就座的有：…
        else:
            # a list "A，B，C出席会议": the next role verb in the sentence governs
            rest = text[m.end :]
            for later in ms[j + 1 :]:
                if later.end not in governing:  # the same later names serve every name of a list
                    cl = _clause_after(text, later.end)
                    verb = roles["chair"].search(cl) or roles["speaker"].search(cl) or roles["attendee"].search(cl)
                    governing[later.end] = len(cl) if verb else -1
                if governing[later.end] >= 0:
                    nxt = later.end - m.end + governing[later.end]
                    break
            else:
                nxt = len(rest)
            window = rest[:nxt]
            if roles["attendee"].search(window):
                role = "attendee"
            elif roles["chair"].search(window):
                role = "chair"
            elif roles["speaker"].search(window):
                role = "speaker"
        if role in ("chair", "speaker", "attendee"):
            events.append((role, person.name, person))
    return events


def _pronoun_voices(sentences, mentions: list[Mention], voiced: dict[str, set[str]]) -> None:
    """Count 他强调… for the first person named in the last sentence that named anyone."""
    roles = _roles()
    first: dict[int, str] = {}
    for m in sorted(mentions, key=lambda m: (m.sentence, m.start)):
        first.setdefault(m.sentence, m.person.name)
    last: str | None = None
    for sent in sentences:
        _inner_pronouns(sent, mentions, voiced)
        lead = roles["pronoun"].match(sent.text)
        if lead and last:
            words = sent.text[lead.end() :]  # a slice: the patterns are anchored with ^
            if roles["promote"].match(words):
                voiced.setdefault(last, set()).add("strong")
            if roles["promote_attendee"].match(words):
                voiced.setdefault(last, set()).add("any")
        last = first.get(sent.idx, last)


def _inner_pronouns(sent: Sentence, mentions: list[Mention], voiced: dict[str, set[str]]) -> None:
    """Count 她强调… inside a sentence for the person named last before it (某某做了总结安排，她强调)."""
    roles = _roles()
    for m in roles["pronoun_inside"].finditer(sent.text):
        before = [x for x in mentions if x.sentence == sent.idx and x.end <= m.start()]
        if not before:
            continue
        name = max(before, key=lambda x: x.end).person.name
        words = sent.text[m.end() :]  # after the pronoun: a slice, as the patterns are anchored with ^
        if roles["promote"].match(words):
            voiced.setdefault(name, set()).add("strong")
        if roles["promote_attendee"].match(words):
            voiced.setdefault(name, set()).add("any")


# a space between two characters (the lookbehind after the space, so the pattern opens with what it
# looks for and the regex engine skips to it by itself)
_PAD = re.compile(rf"[ \u3000\u00a0](?<=[{CJK}][ \u3000\u00a0])(?=[{CJK}])")
_AFTER_PADDED = re.compile(r"[、，,。；;：:）)\s等]|$")


def _pad_closes(text: str, at: int) -> bool:
    """Whether the space at `at` only pads: inside a two-character name set to three (胡 敏、王 煜),
    or between an organization and its post (市人大常委会 主任张某)."""
    one, _ = surnames()
    if text[at - 1] in one and _AFTER_PADDED.match(text, at + 2):
        return True
    return text[at - 1] in _unit_end_chars() and bool(_post_only().match(text, at + 1))


def _padded(text: str) -> bool:
    """Whether _PAD finds a space in text: searched from the first space character, found by str's
    own search (most texts have none), where the pattern tests a class at every character."""
    at = [i for i in (text.find(" "), text.find("\u3000"), text.find("\u00a0")) if i >= 0]
    return bool(at) and _PAD.search(text, min(at)) is not None  # (its lookbehind reads before min(at))


def _closed_up(sent: Sentence) -> Sentence:
    """The sentence with the spaces that pad names and titles taken out (names are read whole)."""
    if not _padded(sent.text):
        return sent
    text = _PAD.sub(lambda m: "" if _pad_closes(sent.text, m.start()) else m.group(), sent.text)
    return Sentence(sent.idx, sent.para, text)


_HEADLINE_PART = re.compile(r"\S+")


def _headline_roles(headline: str, known: dict[str, Person]) -> list[tuple[str, Person]]:
    """The chairs and speakers a headline names: its parts (set apart by spaces) that open with a
    person, titled there or named in the body, and a role verb (县委书记某某出席会议并讲话; 某某讲话
    某某主持会议). Attendees are left to the body, which lists them whole."""
    roles = _roles()
    out: list[tuple[str, Person]] = []
    for part in _HEADLINE_PART.findall(headline):
        sent = Sentence(-1, -1, part)
        person = next((m.person for m in find_people((sent,)) if m.start == 0 and m.person.titles), None)
        if person is None:
            name = max((n for n in known if part.startswith(n)), key=len, default=None)
            if name is None:
                continue
            person = known[name]
        elif person.name in known:
            person = known[person.name]
        else:
            person = Person(person.name, person.titles, None)  # no body sentence to point at
        end = part.find(person.name) + len(person.name)
        clause = _clause_after(part, end)
        if roles["cited"].match(clause) or _national(person):
            continue
        if roles["chair"].search(clause):
            out.append(("chair", person))
        if roles["speaker"].search(clause):
            out.append(("speaker", person))
    return out


def assign_roles(sentences: tuple[Sentence, ...], headline: str | None = None) -> tuple[list[Person], list[Person], list[Person]]:
    """Return (chairs, speakers, attendees) of a report."""
    # one search of the whole text first: most reports pad no name (no sentence of theirs changes)
    if _padded("\n".join(s.text for s in sentences)):  # no match spans the newlines
        sentences = tuple(_closed_up(s) for s in sentences)
    mentions = find_people(sentences)
    known: dict[str, Person] = {}
    for m in mentions:
        if m.person.name not in known or (not known[m.person.name].titles and m.person.titles):
            known[m.person.name] = m.person
    memo: dict = {}
    chairs, speakers, attendees, voiced = _roles_of(sentences, mentions, known, memo)
    # later mentions by bare name (楼佳慧在全会闭幕时作总结讲话) count for people already present;
    # a leader only cited (杜怀川在讲话中指出, relayed from elsewhere) stays out
    present = {**chairs, **speakers, **attendees}
    bare = _bare_mentions(sentences, mentions, present)
    if bare:
        chairs, speakers, attendees, voiced = _roles_of(sentences, mentions + bare, known, memo)
    # a headline naming who chaired or spoke (某某主持会议并讲话) says so even where the body only
    # lists them, or names them only there
    for role, person in _headline_roles(headline, known) if headline else ():
        (chairs if role == "chair" else speakers).setdefault(person.name, person)
    # a present official whose 强调/指出 the report gives as the meeting's message is a speaker (a
    # chair's closing 要求 is not the meeting's speech, unless it opens a sentence and no one else
    # spoke; an attendee's is)
    # an attendee or chair whose 指出/强调 opens a sentence of the report spoke there, beside the main
    # speaker
    for name, how in voiced.items():
        if "firm" in how and (name in attendees or name in chairs):
            speakers.setdefault(name, attendees.get(name) or chairs[name])
    if not speakers:
        _pronoun_voices(sentences, mentions + bare, voiced)
        for name, how in voiced.items():
            person = chairs.get(name) if name in chairs else attendees.get(name)
            if person and ("strong" in how or "lead" in how or ("any" in how and name not in chairs)):
                speakers.setdefault(name, person)
    # a report naming no speaker gives the meeting's message as the words of the titled local
    # officials it quotes (县长某某强调…, beside the chair and those present): they spoke there
    if not speakers:
        for name, how in voiced.items():
            if "here" in how and name not in chairs:
                speakers.setdefault(name, known[name])
    # beside a speaker, a titled local official whose words the report gives there (主任某某强调…,
    # 书记某某表示…) spoke at the meeting too: present, so an attendee
    for name, how in voiced.items():
        if "here" in how and name not in chairs and name not in speakers:
            attendees.setdefault(name, known[name])
    for name in list(attendees):
        if name in chairs or name in speakers:
            del attendees[name]
    return list(chairs.values()), list(speakers.values()), list(attendees.values())
