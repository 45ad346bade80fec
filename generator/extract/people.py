"""Chairs, speakers and attendees, found by the official title written in front of a name.

A person is a chain of titles (vocab/titles.toml, place names from the gazetteer) followed by a
name; the verbs after the name (主持, 讲话, 出席 …, vocab/roles.toml) give the role.
"""
from __future__ import annotations

import ast
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import gazetteer, vocab
from ..model import Person, Sentence

CJK = r"\u3400-\u9fff"
MAX_GIVEN = 2  # given names have one or two characters
MAX_PLAIN_NAME = 6  # names with no known surname (格桑扎西, 巴特尔) stay short
MAX_TITLE_PREFIX = 12
NAME_NEVER_ENDS = "所"  # 孙维所作的说明: 所 belongs to the verb
FREE_ORGAN_STOP = "等和及与了的在对向就为是将把被从"  # words, not parts of an organization's name
POST_PREFIX = "常务|专职|执行"  # 常务副主席, 专职副主任
MAX_FREE_ORGAN = 10
TITLE_WINDOW = 40  # characters before a post word that a title (place, organs, post) can span  # 人大常委会法制工作委员会: organization names not in the table stay short  # a place name in front of an organ is at most this long


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """Return (one-character, two-character) surnames.

    JioNLP's rule table holds the full 百家姓 list and then rebinds the name to a list without
    ambiguous surnames (谢, 田, 和 …); both assignments are read from its source with ast, without
    importing JioNLP. vocab/surnames_extra.txt adds common surnames missing from 百家姓.
    """
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the jionlp package (surname tables) is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / "rule" / "rule_pattern.py"
    single: set[str] = set()
    two: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            target = getattr(node.targets[0], "id", "")
            if target == "SINGLE_CHINESE_FAMILY_NAME":
                single.update(node.value.value)
            elif target == "TWO_CHAR_CHINESE_FAMILY_NAME":
                two.update(x for x in node.value.value.split("|") if x)
    for w in vocab.words("surnames_extra.txt"):
        (single if len(w) == 1 else two).add(w)
    return frozenset(single), frozenset(two)


@lru_cache(maxsize=1)
def _title_re() -> re.Pattern:
    t = vocab.toml("titles.toml")
    organs = vocab.alternation(t["organs"])
    posts = vocab.alternation(t["posts"])
    # an organization not in the table ends in one of these: 市统计局, 省委农办, 法制工作委员会
    unit_end = vocab.alternation(t["unit_endings"])
    free_char = rf"(?:(?![{FREE_ORGAN_STOP}])[{CJK}])"
    free = rf"{free_char}{{1,{MAX_FREE_ORGAN}}}?(?:{unit_end})"
    # lazy: the title ends at the first post, so an organization never swallows the name after it
    return re.compile(rf"(?:(?:{organs})|{free})*?(?:{POST_PREFIX})?(?:{posts})(?![会])")


@lru_cache(maxsize=1)
def _post_only() -> re.Pattern:
    return re.compile(rf"(?:{vocab.alternation(vocab.toml('titles.toml')['posts'])})(?![会])")


@lru_cache(maxsize=1)
def _roles() -> dict:
    r = vocab.toml("roles.toml")
    return {
        "chair": re.compile(r["chair"]),
        "speaker": re.compile(r["speaker"]),
        "attendee": re.compile(r["attendee"]),
        "cited": re.compile(r["cited"]),
        "cited_before": re.compile(r["cited_before"]),
        "promote": re.compile(r["promote"]),
        "name_end": re.compile(r["name_end"]),
        "strong_end": re.compile(r["strong_end"]),
        "not_name": re.compile(r["not_name"]),
    }


@dataclass
class Mention:
    person: Person
    start: int
    end: int  # end of the name in the sentence
    sentence: int


def _place_before(text: str, pos: int) -> int:
    """Return where a place name ending at pos starts (or pos if none)."""
    idx = gazetteer.index()
    for L in range(min(MAX_TITLE_PREFIX, pos), 1, -1):
        if text[pos - L:pos] in idx:
            return pos - L
    return pos


def _read_name(text: str, pos: int) -> str | None:
    """Read the personal name starting at pos, checking what follows it."""
    roles = _roles()
    one, two = surnames()
    rest = text[pos:pos + 24]
    if not rest or not _CJK_START.match(rest):
        return None
    if roles["not_name"].match(rest):
        return None
    dotted = re.match(rf"[{CJK}]{{1,8}}(?:·[{CJK}]{{1,8}})+", rest)
    if dotted:
        cand = dotted.group(0)
        for k in range(cand.rindex("·") + 2, len(cand) + 1):
            if k == len(rest) or roles["name_end"].match(rest[k:]):
                return cand[:k]
        return None
    # A name standing alone before punctuation (蔺家和，益西泽仁，) is the whole run.
    run = re.match(rf"[{CJK}]{{2,{MAX_PLAIN_NAME}}}(?=[^{CJK}]|$)", rest)
    if run:
        word = run.group(0)
        limit = 4 if (rest[:2] in two or rest[0] in one) else MAX_PLAIN_NAME
        usual_len = 3 + (rest[:2] in two)
        plain_ok = (rest[:2] in two or rest[0] in one) and len(word) <= usual_len or _plain_name_ok(word)
        if len(word) <= limit and not roles["strong_end"].search(word, 1) and not _bad_name(word) and plain_ok:
            return word
    # Shortest first: the name ends where a cue (verb, punctuation) begins. 王和平主持 still reads
    # 王和平, because after 王和 comes 平, not a cue.
    shortest = 3 if rest[:2] in two else 2
    usual = shortest + MAX_GIVEN - 1  # longest name with a known surname: 施小琳, 欧阳振华
    for k in range(shortest, MAX_PLAIN_NAME + 1):
        cand = rest[:k]
        if len(cand) < k or not _ALL_CJK.fullmatch(cand):
            break
        after = rest[k:]
        if after and not roles["name_end"].match(after):
            continue
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
    return re.compile(vocab.alternation([p for p in t["posts"] if len(p) >= 2] + ["领导", "同志", "负责", "部门", "单位", "会议"]))


_JIEBA_LINE = re.compile(r"^(\S{2,}) (\d{3,}) (\S+)$", re.M)  # word, count, tag; counts under 100 never qualify
COMMON_WORD_FREQ = 300  # jieba counts: 基层 1998, 登台 429 are words; 洛桑 (nrt), 买买提 272 are names


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Frequent words of jieba's dictionary that are not person names (tags other than nr*)."""
    import jieba

    text = jieba.get_dict_file().read().decode("utf-8")
    out = {w for w, freq, tag in _JIEBA_LINE.findall(text) if int(freq) >= COMMON_WORD_FREQ and not tag.startswith("nr")}
    return frozenset(out)


def _plain_name_ok(cand: str) -> bool:
    """A name with no known surname (格桑扎西) must not contain a common word (抓基层党建工)."""
    words = _common_words()
    return not any(cand[i:j] in words for i in range(len(cand)) for j in range(i + 2, len(cand) + 1))


def _bad_name(cand: str) -> bool:
    if cand[-1] in NAME_NEVER_ENDS or _post_words().search(cand):
        return True
    if gazetteer.is_place_name(cand):
        return True
    return bool(_roles()["not_name"].match(cand))


_TITLE_LEAD = re.compile(r"^.*(?:了|听取|由|和|与|及|向|对|就|在|的|是|为|请|经|受)")


def _trim_title(title: str) -> str:
    """Cut words that a free-form organization match took from before the title (听取了…)."""
    return _TITLE_LEAD.sub("", title) or title


def find_people(sentences: tuple[Sentence, ...]) -> list[Mention]:
    """Find every titled person in the sentences."""
    title_re = _title_re()
    has_post = _post_only()
    out: list[Mention] = []
    for sent in sentences:
        text = sent.text
        spans: list[tuple[int, int]] = []
        scanned = 0
        # most sentences name no official; in the others the costly title pattern runs only over a
        # window ending at each post word (a title is never longer than TITLE_WINDOW)
        for post in has_post.finditer(text):
            if post.end() <= scanned:
                continue
            start = max(scanned, post.start() - TITLE_WINDOW)
            for m in title_re.finditer(text, start, min(len(text), post.end() + 1)):
                spans.append((m.start(), m.end()))
                scanned = max(scanned, m.end())
        for i, (s, e) in enumerate(spans):
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
            if len(titles) == 1 and titles[0] in set(vocab.toml("titles.toml")["needs_organ"]):
                continue
            out.append(Mention(Person(name, tuple(titles), sent.idx), chain[0][0], e + len(name), sent.idx))
            # a bare list of names after a titled one: 市领导张三、李四、王五出席
            p = e + len(name)
            while p < len(text) and text[p] == "、":
                nm = _read_name(text, p + 1)
                if not nm or title_re.match(text, p + 1):
                    break
                out.append(Mention(Person(nm, (), sent.idx), p + 1, p + 1 + len(nm), sent.idx))
                p = p + 1 + len(nm)
    return out


_NATIONAL = re.compile(r"中共中央|中央政治局|中央军委|国务院|全国人大|全国政协|国家主席|总书记")


def _national(person: Person) -> bool:
    """National leaders are quoted in local reports, not present at the meeting."""
    return any(_NATIONAL.search(t) for t in person.titles)


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


_CLAUSE_END = re.compile(r"[，。；！？]")
_CJK_START = re.compile(rf"[{CJK}]")
_ALL_CJK = re.compile(rf"[{CJK}]+")


def _clause_after(text: str, pos: int) -> str:
    """The clause after a name, with continuations joined: 作工作报告，并作总结讲话."""
    end = pos
    while True:
        m = _CLAUSE_END.search(text[end:])
        if not m:
            return text[pos:]
        stop = end + m.start()
        if text[stop] == "，" and text[stop + 1:stop + 2] == "并":
            end = stop + 1
            continue
        return text[pos:stop]


def _roles_of(sentences, mentions: list[Mention], known: dict[str, Person]):
    """Give each mention the role its clause (or the sentence's next role verb) names."""
    roles = _roles()
    chairs: dict[str, Person] = {}
    speakers: dict[str, Person] = {}
    attendees: dict[str, Person] = {}
    by_sentence: dict[int, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: (m.sentence, m.start)):
        by_sentence.setdefault(m.sentence, []).append(m)
    for idx, ms in by_sentence.items():
        text = sentences[idx].text
        for j, m in enumerate(ms):
            person = known[m.person.name]
            person = Person(person.name, person.titles, m.sentence)
            before = text[max(0, m.start - 8):m.start]
            if roles["cited_before"].search(before):
                continue
            clause = _clause_after(text, m.end)
            if j + 1 < len(ms) and ms[j + 1].start > m.end:
                clause = clause[: ms[j + 1].start - m.end]  # a clause ends where the next person begins
            if roles["cited"].match(clause) or _national(person):
                continue
            role = None
            if roles["chair"].search(clause):
                role = "chair"
                if roles["speaker"].search(clause):
                    speakers.setdefault(person.name, person)
            elif roles["speaker"].search(clause):
                role = "speaker"
            elif roles["attendee"].search(clause):
                role = "attendee"
            elif "由" in text[max(0, m.start - 4):m.start] and roles["chair"].search(text[m.end:]):
                role = "chair"
            else:
                # a list "A，B，C出席会议": the next role verb in the sentence governs
                rest = text[m.end:]
                nxt = ms[j + 1].start - m.end if j + 1 < len(ms) else len(rest)
                for later in ms[j + 1:]:
                    cl = _clause_after(text, later.end)
                    if roles["chair"].search(cl) or roles["speaker"].search(cl) or roles["attendee"].search(cl):
                        nxt = later.end - m.end + len(cl)
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
            if role == "chair":
                chairs.setdefault(person.name, person)
            elif role == "speaker":
                speakers.setdefault(person.name, person)
            elif role == "attendee":
                attendees.setdefault(person.name, person)
    return chairs, speakers, attendees


def assign_roles(sentences: tuple[Sentence, ...]) -> tuple[list[Person], list[Person], list[Person]]:
    """Return (chairs, speakers, attendees) of a report."""
    roles = _roles()
    mentions = find_people(sentences)
    known: dict[str, Person] = {}
    for m in mentions:
        if m.person.name not in known or (not known[m.person.name].titles and m.person.titles):
            known[m.person.name] = m.person
    chairs, speakers, attendees = _roles_of(sentences, mentions, known)
    # later mentions by bare name (楼佳慧在全会闭幕时作总结讲话) count for people already present;
    # a leader only cited (杜怀川在讲话中指出, relayed from elsewhere) stays out
    present = {**chairs, **speakers, **attendees}
    bare = _bare_mentions(sentences, mentions, present)
    if bare:
        chairs, speakers, attendees = _roles_of(sentences, mentions + bare, known)
    # a present official whose 强调/指出 the report gives as the meeting's message is a speaker
    present = {**attendees, **chairs}
    if present and not speakers:
        names = vocab.alternation(present)
        promote = re.compile(rf"(?:^|[，。；\s])({names})(?:同志)?{roles['promote'].pattern}")
        for sent in sentences:
            for m in promote.finditer(sent.text):
                p = present[m.group(1)]
                speakers.setdefault(p.name, p)
    for name in list(attendees):
        if name in chairs or name in speakers:
            del attendees[name]
    return list(chairs.values()), list(speakers.values()), list(attendees.values())
