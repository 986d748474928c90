"""Personal data that must never be written to a public repository.

A public repository's history is permanent, so an e-mail address or a phone number in any
published text is stopped before it lands, however it is written: the text is read as a
person reads it first (``normalise``: hidden characters, look-alike letters and digits,
unusual spaces and dashes, HTML references), and what is found is reported where it is written.

Phone numbers: see ``phones``. E-mail addresses are a local part, an "at" and a domain of
two labels or more ending in letters (any script: josé@correo.españa.es, or IDNA's
"xn--" form). The "at" may be written:

- "@", also with spaces around it ("sam @ example.org"); "＠" is "@" once normalised;
  " @name.x" with a space before only is how mentions and decorators are written, and is
  read as the plain word " at " below;
- in brackets: "(at)", "[at]", "{at}", "<at>", "[@]" — and a dot, there and in the domain,
  as "(dot)", "[dot]", "[.]", " dot " or " . ";
- as the plain word " at ", which ordinary sentences use too ("meet at the hall at 10",
  "look at gov.uk"). It counts only when the word before it is no common English word
  ("look", "met", "us", ...), has a letter, does not end in "." ("e.g. at ..."), and the
  address is spelt out ("sam at example dot org": a dot written as a word) or the local
  part looks like one ("sam.patel", "jo_99") or the domain is a known mail provider's
  ("sam at gmail.com"). So "sam at hollowmere.org.uk" is let through — read as a place.

With spaces around "@" or the plain word, a domain ending in a capitalised word ("meet @
St.Mary's") is read as a name, not an address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from commonplan.language import Said, say
from commonplan.validate.normalise import Normalised, normalise
from commonplan.validate.phones import find_phone_numbers

# A character of a local part (letters and digits of any script, their combining marks,
# "." "_" "%" "+" "'" "-"), written as what it is not, since Python's patterns have no
# class for "a letter or mark of any script"; a domain label also leaves out "._%+'".
_NOT_WORD = r"\s!\"#$&()*,/:;<=>?@\[\\\]^`{|}~\u00ab\u00bb\u2018-\u201f\u2039\u203a\0"
_W = f"[^{_NOT_WORD}]"
_L = f"[^{_NOT_WORD}._%+']"
_OPEN, _CLOSE = r"[(\[{<]", r"[)\]}>]"
_S = r"[ \n\r]"  # spaces, or a line break: a text's lines are one line on the page
_SPELT_DOT = (
    rf"{_S}*{_OPEN}{_S}*(?:[dD][oO][tT]|\.){_S}*{_CLOSE}{_S}*|{_S}+(?:[dD][oO][tT]|\.){_S}+"
)
_DOT = rf"\.|{_SPELT_DOT}"
# Each part is bounded (64 characters a label, a few labels) and read atomically, so a text
# made of one long word or of "a dot a dot ..." is read in linear time.
EMAIL = re.compile(
    rf"(?<!{_W})(?P<local>(?>{_W}{{1,64}}(?:(?:{_SPELT_DOT}){_W}{{1,64}}){{0,8}}))"
    rf"(?P<at>{_S}*@{_S}*|{_S}*{_OPEN}{_S}*(?:[aA][tT]|@){_S}*{_CLOSE}{_S}*|{_S}+[aA][tT]{_S}+)"
    rf"(?P<domain>(?>{_L}{{1,63}}(?:(?:{_DOT}){_L}{{1,63}}){{0,8}}))"
)
# Every way of writing "at" has "@" or "at" and a space or bracket after it: a text without
# one holds no address, and most texts are ruled out by this one quick search.
AT_HINT = re.compile(r"@|[aA][tT][\s)\]}>]")
DOT_SPLIT = re.compile(_DOT)
SPELT_DOT = re.compile(_SPELT_DOT)
BRACKET = re.compile(_OPEN)
NOT_DIGIT = re.compile(r"\D+")
ADDRESS_LIKE = re.compile(r"[._%+\-\d]")
# The domains of mail providers people give out: "sam at gmail.com" is an address.
_PROVIDERS = (
    "gmail googlemail hotmail outlook live msn yahoo ymail icloud me mac aol btinternet"
    " proton protonmail pm gmx web mail yandex zoho sky virginmedia talktalk tiscali"
    " ntlworld blueyonder fastmail hey tutanota"
)
PROVIDERS = frozenset(_PROVIDERS.split())
# Words that stand before "at" in ordinary sentences.
_COMMON_WORDS = (
    "a an the and or but not no so if as to of in on by for from with we i you he she it"
    " they us me him her them my our your their this that these those here there who what"
    " where when is are was were be been being am do does did have has had look looked"
    " looking looks meet meets met meeting arrive arrived arrives arriving stay stayed"
    " staying stays live lived lives living work worked works working start started starts"
    " open opens opened closed close see seen saw find found online available held come"
    " came comes home left best good great only just all one two three out up down back"
    " apply read more details information visit visited sit sat stop stopped stand stood"
    " wait waited event events service services site"
)
COMMON_WORDS = frozenset(_COMMON_WORDS.split())


# Texts joined with this between them are read as if each were alone: no pattern matches a
# NUL or reaches across it, and a line break either side reads as the start or end of a
# text does. A whole file's values can so be ruled out in one search (personal_data).
SEPARATOR = "\n\0\n"


@dataclass(frozen=True)
class Finding:
    """Personal data found in a text: what kind, where (0-based offset) and how to refer to it."""

    kind: str  # "e-mail address" | "phone number"
    start: int

    def describe(self) -> str:
        """What was found, in English: "an e-mail address", "a phone number"."""
        return str(self.described())

    def described(self) -> Said:
        """What was found, to be said in the reader's language."""
        if self.kind == "e-mail address":
            return say("an e-mail address")
        return say("a phone number")


def _labels(domain: str) -> list[str]:
    """The domain's labels up to the last one that can end a domain (letters, or "xn--")."""
    labels = DOT_SPLIT.split(domain)
    while labels and not _ends_a_domain(labels[-1]):
        labels.pop()
    return labels if len(labels) >= 2 else []


def _ends_a_domain(label: str) -> bool:
    if label.lower().startswith("xn--"):
        return len(label) > 4
    return len(label) >= 2 and label[0].isalpha() and not any(ch.isdigit() for ch in label)


def _address(match: re.Match[str]) -> bool:
    """Whether ``match`` is an address (the rule is the module's docstring)."""
    local, at, domain = match.group("local", "at", "domain")
    labels = _labels(domain)
    if not labels:
        return False
    if at == "@":
        return True
    tld = labels[-1]
    if tld[:1].isupper() and tld[1:].islower():
        return False  # "meet @ St.Mary's": a name
    if BRACKET.search(at) or ("@" in at and not at.endswith("@")):
        return True
    # The plain word, or " @name" as a mention or a decorator is written ("thanks @octocat",
    # "use @pytest.mark.skip"): only when more says it is an address.
    spelt = bool(SPELT_DOT.search(local) or SPELT_DOT.search(domain))
    looks = bool(ADDRESS_LIKE.search(local))
    return not (
        local.lower() in COMMON_WORDS
        or local.endswith(".")
        or not any(ch.isalpha() for ch in local)
        or not (spelt or looks or labels[0].lower() in PROVIDERS)
    )


def _emails(norm: Normalised) -> list[int]:
    found: list[int] = []
    text, at = norm.text, 0
    if AT_HINT.search(text) is None:
        return found
    while (match := EMAIL.search(text, at)) is not None:
        if _address(match):
            local = match.group("local")
            found.append(match.start() + len(local) - len(local.lstrip("'.-")))
            at = match.end()
        else:
            at = match.start("domain")  # the domain may be the next address's local part
    return found


def find_personal_data(text: str) -> list[Finding]:
    """Every e-mail address and phone number in ``text``, in order; each ``start`` is an
    offset in ``text`` as given (where the address or number starts as written)."""
    norm = normalise(text)
    findings = [Finding("e-mail address", norm.original(at)) for at in _emails(norm)]
    if len(NOT_DIGIT.sub("", norm.text)) >= 7:  # no number with fewer digits
        phones = find_phone_numbers(norm)
        findings += [Finding("phone number", norm.original(at)) for at in phones]
    return sorted(set(findings), key=lambda f: f.start) if findings else findings
