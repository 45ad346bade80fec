"""Chinese numerals <-> numbers for the short forms reports write (十二月, 二十三日, 一百周年, 4个).

The extractors used to call cn2an for these, but importing cn2an alone takes about 0.2 s, a large
part of a build's start-up. The plain forms up to 999 (一, 十二, 二十三, 一百零五 …) and the
digits up to 99 are read from tables here, which give what cn2an 0.5 gives for them; any other
string (两百, 二〇, 一百十, a malformed 十十一 …) still goes to cn2an, imported only then, so every
result and every error stays exactly cn2an's.
"""

from __future__ import annotations

from functools import lru_cache

DIGITS = "零一二三四五六七八九"


def _plain(n: int) -> list[str]:
    """The plain ways to write 0 <= n <= 999 in Chinese numerals: 十二 and 一十二, 一百零五, 三百二十."""
    if n < 10:
        return [DIGITS[n]]
    if n < 100:
        tens, ones = divmod(n, 10)
        tail = DIGITS[ones] if ones else ""
        forms = [DIGITS[tens] + "十" + tail]
        if tens == 1:
            forms.append("十" + tail)  # 十二 beside 一十二
        return forms
    hundreds, below = divmod(n, 100)
    head = DIGITS[hundreds] + "百"
    if below == 0:
        return [head]
    if below < 10:
        return [head + "零" + DIGITS[below]]
    return [head + DIGITS[below // 10] + "十" + (DIGITS[below % 10] if below % 10 else "")]


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, int]]:
    """cn2an's results for the plain forms, by mode. In strict mode cn2an reads 零 and 0-99 only
    (not 百); in smart mode every plain form up to 999."""
    smart = {form: n for n in range(1000) for form in _plain(n)}
    strict = {form: n for form, n in smart.items() if "百" not in form}
    return {"smart": smart, "strict": strict}


def cn_to_int(text: str, mode: str = "strict") -> int:
    """cn2an.cn2an(text, mode) as an int (mode "strict" or "smart"); raises what cn2an raises."""
    known = _tables().get(mode, {}).get(text)
    if known is not None:
        return known
    import cn2an  # a rare form: cn2an's own rules and errors

    return int(cn2an.cn2an(text, mode))


@lru_cache(maxsize=1)
def _an_table() -> dict[str, str]:
    """cn2an.an2cn's results for the ASCII numbers of one or two digits (05 -> 五, 12 -> 十二)."""
    out = {}
    for n in range(100):
        word = DIGITS[n] if n < 10 else ("" if n < 20 else DIGITS[n // 10]) + "十" + (DIGITS[n % 10] if n % 10 else "")
        out[f"{n:02d}"] = word
        out[str(n)] = word
    return out


def an_to_cn(digits: str) -> str:
    """cn2an.an2cn(digits): a number in digits written in Chinese numerals (12 -> 十二)."""
    known = _an_table().get(digits)
    if known is not None:
        return known
    import cn2an  # other digits (full-width, other scripts): cn2an's own rules and errors

    return str(cn2an.an2cn(digits))
