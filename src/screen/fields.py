"""The names in a payment message's counterparty field.

``screen.match`` compares a name: every word of its query counts, so a field that
holds more than a name (an account number, an address, a reference, a second party)
scores as a name with those words left over, and a listed party is missed ("ZHU
HAILUN 12 NATHAN ROAD KOWLOON HK": 58). :func:`field_names` reads such a field the
way payment messages write it (SWIFT MT fields 50K, 50F and 59: up to four lines of 35
characters) and gives the names in it to screen; :meth:`screen.Screener.match_field`
screens them all.

What it reads:

* structured 50F lines ("1/ZHU HAILUN", "2/12 NATHAN ROAD", "3/HK/KOWLOON"): the
  name lines ("1/") joined, the others (address, country and town, dates, numbers)
  left out, and so is the line of the party's account or identifier that opens them
  ("/12345678", "NIDN/DE/121231234342");
* an account line or token ("/DE89370400440532013000", an IBAN, "IBAN" and an IBAN,
  "A/C 4471203398", "ACC NO 12345"), left out;
* the name line: the first line; a name of 30 characters or more that may be wrapped
  onto the next line (35 is the line's width) is also read with that line joined on
  (with a space; from 33 characters also without, a word cut at the line's end); a
  name wrapped after a slash ("SCIENTIFIC PRODUCTION/ASSOCIATION PRIBOR") likewise;
* words that introduce a party ("ATTN", "FAO", "FBO", "FFC", "MESSRS", "M/S",
  "BENEFICIARY", "FOR FURTHER CREDIT TO", "IN FAVOUR OF", ...), left out;
* a reference after the name ("REF", "INV", "INVOICE" and a number, "PMT FOR",
  "PAYMENT FOR"), left out;
* two parties in one field, each a name of its own: "C/O", "ON BEHALF OF", "OBO",
  "AND/OR", "T/A", "TRADING AS", "D/B/A", "DBA", "ACTING FOR", "FFC", "FBO", "FOR
  FURTHER CREDIT TO", "FOR THE BENEFIT OF"; a line that ends with these words, or is
  followed by one that opens with them, or holds only words that introduce a party,
  is read with the next as one ("ACME LTD" / "ON BEHALF OF VIKTOR BOUT",
  "BENEFICIARY:" / "VIKTOR BOUT"; not "VIKTOR BOUT" / "ATTN: FINANCE DEPT");
* joint holders: two people's names joined by "AND", "&" or "+" ("JOHN SMITH AND CHU
  HAI-LUN"; "VLADIMIR AND LYUDMILA PUTIN" also as "VLADIMIR PUTIN"), or a company
  closed by its legal form and a party after it ("ACME LTD AND ZHU HAILUN"), each
  read beside the whole, also where the other holder is on the next line ("JOHN
  SMITH" / "AND CHU HAI-LUN"); not a company's name that holds "and" ("PACIFIC
  FINANCE AND CREDIT FUND": its words are companies' words on the lists, see
  :func:`_joint_holders`);
* an address after a name: each party is read whole, and also up to its first word
  with a digit ("ROSNEFT 26 SOFIYSKAYA EMB" -> "ROSNEFT"; a number glued to a word,
  where lines were joined without a space, apart from it), less a country named at
  its end ("ANDRII SUSHKO KOWLOON HONG KONG" -> "ANDRII SUSHKO KOWLOON"; a country's
  two-letter code only after such a cut: "HYON GWANG IL" keeps its "IL"; not after
  "of" and the like: "CENTRAL BANK OF IRELAND" is the name, nor after a given name
  alone: "OMAR CHAD", "JOHN JORDAN", see :func:`given_name`).

A name line that fills the line's 35 characters (33 after a 50F "1/") may have been
cut there by a system that keeps no more of a name: :func:`cut_lines` gives it, and
:meth:`screen.Screener.match_field` reads it as the start of the listed names it opens.
Lines joined without a space glue a name onto its address ("U-STONE LIMITEDAV
FRANCISCO DE MIRANDA"): ``match_field`` also screens a listed name the field opens
with where it ends inside a word whose rest opens an address, before a word that opens
a street's name ("ROSNEFT UL TVERSKAYA 7"), or before a country at the field's end
("ROSNEFT RU"; a name of two words or more also before a place, "ANGSTREM JSC CARACAS
VENEZUELA", or a street, "PARTOSANAT PJSC LENINA 14"): readings that need the lists, so
they are the matcher's, not this module's.

Every cut (a reference, the words before a party, an address, a country) gives a
reading beside the text it cut, never in its place: a name may hold such a word
("NATIONAL PAYMENT CARD SYSTEM"). It never screens an address line on its own: its words ("GOLDEN STAR BUILDING",
"IT", "ES") meet listed names of common words. A field with none of these marks gives
itself, so a plain name is screened as :func:`screen.match` screens it.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from pathlib import Path

from . import countries
from .names.normalize import (
    EDGE_LEGAL_FORMS,
    GENERIC_FORMS,
    GENERIC_ORG_WORDS,
    LEGAL_FORMS,
    LEGAL_PHRASES,
    PARTICLES,
    TITLES,
    prepare,
    syllable_legal_forms,
)

__all__ = ["field_names"]

# words written with a slash that are one word: kept whole before the field is cut at
# its slashes
_SLASH_WORDS = re.compile(r"(?<![^\s,;])(C/O|T/A|A/C|AND/OR|M/S|S/O|D/O|W/O|D/B/A)(?![^\s,;])",
                          re.IGNORECASE)
_SLASH_MARK = "\x00"  # a protected slash
# an account: a token opening with a slash and holding a digit ("/DE89...", "/12345"),
# an IBAN, or "A/C" (or "ACCOUNT", "ACCT") and its number
_ACCOUNT = re.compile(
    r"(?:(?<!\S)/\S*\d\S*"
    r"|(?:\bIBAN[\s:#]*)?\b[A-Z]{2}\d{2}[A-Z0-9]{10,30}\b"
    # (the word whole: "ACCESS2 LTD" is a name, not "ACC" and a number)
    r"|\b(?:A\x00C|ACCOUNT|ACCT|ACC)(?![A-Z])(?:\s+NO\.?)?[\s:#]*\S*\d\S*)",
    re.IGNORECASE)
# a 50F (or 59F) field's first line when it is no name: the account ("/12345678") or
# the party's identifier, a code, a country and the identifier ("NIDN/DE/121231234342")
_PARTY_ID = re.compile(r"^(?:/\S+|[A-Z]{4}/[A-Z]{2}/\S.*)$", re.IGNORECASE)
# structured 50F lines: "1/" name, "2/" address, "3/" country and town, "4/" to "8/"
# dates, places, numbers and details
_TAGGED_LINE = re.compile(r"^\s*([1-8])/(.*)$")
# words that introduce the party, at its start
_LEAD_WORDS = (r"ATTN|ATTENTION|FAO|FBO|FFC|IFO|MESSRS|M\x00S|BENE|BENEFICIARY|"
               r"FOR FURTHER CREDIT(?: TO)?|FOR CREDIT TO|FOR THE BENEFIT OF|FOR ACCOUNT OF|"
               r"IN FAVOU?R OF")
_LEAD = re.compile(rf"^(?:(?:{_LEAD_WORDS})\b\.?[\s:,-]*)+", re.IGNORECASE)
# a reference after the name, to the end of the line: a reference or invoice number,
# or what a payment is for
_REFERENCE = re.compile(r"\s(?:(?:REF|REFERENCE|INV|INVOICE)\b.*\d.*|(?:PMT|PAYMENT)\s+FOR\b.*)$",
                        re.IGNORECASE)
# two parties in one field (the second the one a payment is for: "ACME LTD FFC VIKTOR
# BOUT")
_PARTY_WORDS = (r"C\x00O|ON BEHALF OF|OBO|AND\x00OR|T\x00A|TRADING AS|D\x00B\x00A|DBA|"
                r"ACTING FOR|FFC|FBO|FOR FURTHER CREDIT TO|FOR THE BENEFIT OF")
_PARTIES = re.compile(rf"\s+(?:{_PARTY_WORDS})\s+", re.IGNORECASE)
# a line that ends with such words goes on into the next, and so does one before a
# line that opens with them ("ACME LTD" / "ON BEHALF OF VIKTOR BOUT"), or one of words
# that introduce a party alone ("BENEFICIARY:" / "VIKTOR BOUT"); not a name before a
# line that opens with those ("VIKTOR BOUT" / "ATTN: FINANCE DEPT": an address line)
_ENDS_BEFORE_PARTY = re.compile(rf"(?:^|\s)(?:{_PARTY_WORDS})[\s.:,-]*$", re.IGNORECASE)
_OPENS_PARTY = re.compile(rf"^(?:{_PARTY_WORDS})(?:\s|$)", re.IGNORECASE)
_LEAD_ALONE = re.compile(rf"^(?:(?:{_LEAD_WORDS})\b\.?[\s:,-]*)+$", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_COMMAS = re.compile(r"(?:\s*[,;]\s*){2,}")
_GLUED_NUMBER = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
WRAP_MIN = 30  # a line this long may be a name wrapped at the 35-character width
WRAP_GLUED_MIN = 33  # ... and one this long may have been cut inside a word


def field_names(field: str) -> list[str]:
    """The names to screen in a payment message's counterparty field (see the module's
    description), each once, in the order found: for each party, the party as
    written first, then its name cut before an address. A field with no such marks
    gives ``[field]`` (its spaces collapsed); an empty one ``[]``.

    >>> field_names("/DE89370400440532013000\\nZHU HAILUN\\n12 NATHAN ROAD\\nKOWLOON HK")
    ['ZHU HAILUN']
    >>> field_names("ACME LTD ON BEHALF OF ZHU HAILUN PMT FOR GOODS")
    ['ACME LTD', 'ZHU HAILUN PMT FOR GOODS', 'ZHU HAILUN']
    """
    lines, tagged = _lines(field)
    if not lines:
        return []
    if tagged[0] and tagged[0].group(1) == "1":
        # 50F: the name lines, however many
        segments = [" ".join(m.group(2).strip() for m in tagged if m and m.group(1) == "1")]
    else:
        segments = _name_lines(lines)
    out: list[str] = []
    for segment in segments:
        # each cut is a reading beside the text it cut, never in its place: a name may
        # hold such a word ("NATIONAL PAYMENT CARD SYSTEM", "BENEFICIARY TRUST")
        for text in _also(segment, _REFERENCE.sub("", " " + segment).strip()):
            for party in _PARTIES.split(" " + text + " "):
                party = party.strip()
                for lead in _also(party, _LEAD.sub("", party)):
                    readings = _readings(lead)
                    # (the people of a party cut before its address: "JOHN SMITH + MARY
                    # JONES 12 HIGH ST")
                    for name in readings + [h for r in readings for h in _joint_holders(r)]:
                        name = name.replace(_SLASH_MARK, "/")
                        if name and name not in out:
                            out.append(name)
    return out


# "and" between two parties: joint holders of an account ("JOHN SMITH AND CHU
# HAI-LUN", "MR JOHN SMITH & MRS MARIA SMITH"); SWIFT's character set has no "&", so
# payments also write "+"
_AND = re.compile(r"\s+(?:AND|&|\+)\s+", re.IGNORECASE)
_CONJUNCTIONS = frozenset(("and", "&", "+"))
_AND_OPENS = re.compile(r"(?:AND|&|\+)\s", re.IGNORECASE)
_AND_ENDS = re.compile(r"\s(?:AND|&|\+)$", re.IGNORECASE)


def _joint_holders(party: str) -> list[str]:
    """The parties a party of two joined by "and" names, each screened on its own
    besides the whole, where the whole scores as one name with words left over and a
    listed name spelt another way is missed: two people's names ("JOHN SMITH AND CHU
    HAI-LUN": "JOHN SMITH", "CHU HAI-LUN"; a given name alone before the other's name
    is read with that name's surname, "VLADIMIR AND LYUDMILA PUTIN": "VLADIMIR PUTIN",
    "LYUDMILA PUTIN"), or a company closed by its legal form and a party after it
    ("ACME LTD AND ZHU HAILUN", "SMITH & SONS LTD AND VIKTOR BOUT").

    Two people's names here have two words or more each besides titles (a surname
    alone after "MR" meets the lists' one-word names), none with a digit, a legal form
    (but a Chinese or Korean syllable that is one: "PAEK SE PONG") or a generic or
    everyday company word, and one of them at least a given name the lists publish
    (see :func:`given_name`) or Chinese or Korean syllables. A word of the lists'
    companies' names (:func:`_companys`) is in a person's name only where both sides
    are people's, or among syllables: a company's name holds "and" with words of every
    trade ("PACIFIC FINANCE AND CREDIT FUND" is no "CREDIT FUND", "ZAHRA OIL AND GAS
    OPERATIONS" no "GAS OPERATIONS", "HASSAN EXCHANGE + DOCUMENT CLEARING" no "HASSAN
    EXCHANGE"; "GENERAL TRADING AND CONTRACTING LLC"). One "and" (but after a closed
    company), and a comma on both sides or neither: a comma on one side lists three
    ("OUMA, HASSAN AND HUSSEIN"), on both it writes two names "SURNAME, Given" ("SMITH,
    JOHN AND JONES, MARY")."""
    # (the words that introduce a party are none of its names: "ATTN MSUYA AND HASSANI
    # HASSAN" is no "ATTN MSUYA" and "HASSANI HASSAN"; a comma the address cut left
    # at the end is none of the name's: "JOHN SMITH & CHU HAI-LUN, 12 HIGH ST")
    text = _LEAD.sub("", party).strip(" ,;")
    closed = _after_company(text)
    if closed:
        return closed
    sides = [side.strip(" ,;") for side in _AND.split(text)]
    if len(sides) != 2 or not all(sides) or ("," in sides[0]) != ("," in sides[1]):
        return []
    words = [side.split() for side in sides]
    if any(_lower(w) in _CONJUNCTIONS for side in words for w in (side[0], side[-1])):
        return []  # ("JOHN SMITH AND AND MARY JONES")
    left, right = ([w for w in side if _lower(w) not in TITLES] for side in words)
    if len(right) < 2 or any(_DIGIT.search(w) for w in right) or _legal_letters(right):
        return []
    # (a name of one word and its article is a one-word name: "AL BADR & FRESH FRUIT"
    # is no person "AL BADR", who met the listed BADR at 100; a given name alone before
    # "and" is read below)
    if any(len(side) > 1 and sum(_lower(w) not in PARTICLES for w in side) < 2
           for side in (left, right)):
        return []
    syllables = [bool(prepare(" ".join(side)).sinitic) for side in (left, right)]
    person = [s or _a_person(side) for s, side in zip(syllables, (left, right))]
    for side, sinitic in zip(words, syllables):
        if not all(_personal(w) or (sinitic and _lower(w) in syllable_legal_forms())
                   for w in side):
            return []
    # a side that is no person's by a given name or syllables and holds a word of
    # companies' names is a company's ("ZAHRA OIL AND GAS OPERATIONS"); a person's
    # among people's may ("PAULA STONE", "LI GANG")
    if not any(person) or any(_companys(side) and not (s or all(person))
                              for s, side in zip(syllables, (left, right))):
        return []
    if len(left) >= 2:
        return [" ".join(left), " ".join(right)]
    if len(left) == 1 and given_name(left[0].strip(",")) \
            and any(len(w.strip(".,")) > 1 for w in right[1:]):
        # (the other's name less its given name: "JUAN AND MARIA DE LA CRUZ" is JUAN DE
        # LA CRUZ)
        return [" ".join([left[0].strip(","), *right[1:]]), " ".join(right)]
    return []


def _after_company(text: str) -> list[str]:
    """A company closed by its legal form and the party after "and" ("ACME LTD AND ZHU
    HAILUN", "SMITH & SONS LTD AND VIKTOR BOUT": at the first "and" after a legal form
    that ends a name of two words or more); [] for none. Not where a legal form goes
    on after it ("GMBH & CO. KG": its "CO. KG KAZAN" met the listed city KAZAN)."""
    for m in _AND.finditer(text):
        # (the words around each "and" split only as far as they are read: split whole
        # at each of the thousands of a 100,000-character field, they took 15-22 s)
        before = text[:m.start()].strip(" ,;")
        head = before.rsplit(None, 2)  # its last two words, and what is before them
        if len(head) < 2 or not _legal_form(head[-1]):
            continue
        after = text[m.end():].strip(" ,;")
        rest = after.split()
        if rest:
            if _legal_form(rest[0]) or _lower(rest[0]) in _CONJUNCTIONS:
                return []
            named = [w for w in rest if _lower(w) not in TITLES]
            if len(named) < 2 or any(_DIGIT.search(w) for w in named):
                return []
            return [before, after]
    return []


def _lower(word: str) -> str:
    return word.strip(".,").lower()


def _legal_form(word: str) -> bool:
    """Whether a word is a legal form, also written with dots, hyphens or a slash
    ("L.L.C", "FZ-LLC", "S/A")."""
    low = _lower(word)
    return low in _LEGAL_WORDS or re.sub(r"[./-]", "", low) in _LEGAL_WORDS


def _personal(word: str) -> bool:
    """Whether a word may be part of a person's name: a title, or a word with a letter
    and no digit that is no legal form, company's generic or everyday word or particle
    that only companies' names use."""
    low = _lower(word)
    return low in TITLES or (not _DIGIT.search(word) and any(c.isalpha() for c in word)
                             and low not in _COMPANY_WORDS and not _legal_form(word))


def _companys(words: list[str]) -> bool:
    """Whether words hold one of the lists' companies' names rather than their
    people's (data/company_words.txt: "oil", "cement", "fund", "house", ...)."""
    listed = _listed_company_words()
    return any(t.text in listed for w in words for t in prepare(w).tokens)


def _legal_letters(words: list[str]) -> bool:
    """Whether words end in single letters that spell a legal form ("AZEVEDO S A", the
    Brazilian "S/A" read apart at its slash)."""
    tail = list(itertools.takewhile(lambda w: len(w.strip(".,")) == 1, reversed(words)))
    return len(tail) >= 2 and _legal_form("".join(reversed(tail)))


def _a_person(words: list[str]) -> bool:
    """Whether words (a person's by :func:`_personal`) hold a given name, or read as a
    Chinese or Korean name."""
    return any(given_name(w.strip(",")) for w in words) or bool(prepare(" ".join(words)).sinitic)


_LEGAL_WORDS = LEGAL_FORMS | EDGE_LEGAL_FORMS
# the words no person's name holds: legal forms, generic company words and the words of
# legal phrases of four letters or more (not the "j" of "sp j", an initial, nor the
# "de" of "s de rl", a name's particle)
_COMPANY_WORDS = (LEGAL_FORMS | EDGE_LEGAL_FORMS | GENERIC_ORG_WORDS | set(GENERIC_FORMS)
                  | {w for phrase in LEGAL_PHRASES for w in phrase if len(w) >= 4}
                  | {"of", "for", "the", "sons", "brothers", "bros", "associates", "partners"}
                  # everyday trades the lists' companies lack (see data/company_words.txt)
                  | set("""clinic clinics dental hospital pharmacy school schools college
                  academy kindergarten nursery university institute salon bakery mills
                  garments footwear tailors jewellers boutique cafe restaurant hotel
                  chartered accountants solicitors advocates lawyers consultants
                  clearing forwarding contractors builders hardware furniture printers
                  stationers motors garage workshop studio travels tours store stores
                  shop market supermarket traders exchange law legal attorneys attorney
                  notaries notary audit auditors architects medical pharma textile
                  textiles sweets fruit apartments cleaning tyres batteries perfumes
                  cosmetics sanitary software media dairy leather carpets""".split()))


def cut_lines(field: str) -> list[str]:
    """The names of a payment field that fill its name line to the line's width and
    may so have been cut there, the rest of the name lost (a system that keeps 35
    characters of a name): the free-format name line of :data:`CUT_MIN` to 35
    characters, or a 50F name whose last "1/" line fills its 33. Empty for most
    fields; :meth:`screen.Screener.match_field` reads each as the start of a listed
    name."""
    lines, tagged = _lines(field)
    if not lines:
        return []
    if tagged[0] and tagged[0].group(1) == "1":
        names = [m.group(2).strip() for m in tagged if m and m.group(1) == "1"]
        full = len(names[-1]) >= CUT_MIN - 2  # (the line's 35 less its "1/")
        cut = " ".join(names) if full else ""
    else:
        named = _name_lines(lines, one_line=True)
        cut = named[0] if named and CUT_MIN <= len(named[0]) <= LINE_WIDTH else ""
    cut = cut.replace(_SLASH_MARK, "/")
    return [cut] if cut else []


LINE_WIDTH = 35  # characters of a line of SWIFT MT fields 50K, 50F and 59
CUT_MIN = WRAP_GLUED_MIN  # a name line this long may have been cut inside a word


def _lines(field: str) -> tuple[list[str], list[re.Match | None]]:
    """A field's non-blank lines, stripped, its two-party marks' slashes protected, and
    each line's 50F tag (None where it has none)."""
    if not isinstance(field, str):
        raise TypeError(f"'field' must be str (got {type(field).__name__})")
    text = _SLASH_WORDS.sub(lambda m: m.group(1).replace("/", _SLASH_MARK), field)
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    tagged = [_TAGGED_LINE.match(line) for line in lines]
    if len(lines) > 1 and tagged[1] and tagged[1].group(1) == "1" and _PARTY_ID.match(lines[0]):
        # 50F opens with the party's account or identifier, then its "1/" lines
        return lines[1:], tagged[1:]
    return lines, tagged


def _also(text: str, cut: str) -> list[str]:
    return [text, cut] if cut and cut != text else [text]


def _name_lines(lines: list[str], *, one_line: bool = False) -> list[str]:
    """The name line of a free-format field, less its account, and the name read on
    into the next line or slash segment where it may be wrapped; with the lines that
    words between two parties or before one join (:data:`_ENDS_BEFORE_PARTY`) read
    as one. ``one_line``: [] where the name is not on one line of the field."""
    lines = [_ACCOUNT.sub(" ", line).strip() for line in lines]
    lines = [line for line in lines if line.strip(" /")]
    if not lines:
        return []
    last = lines[0]  # the last line of the name's, whose width may have wrapped it
    while len(lines) > 1 and (_ENDS_BEFORE_PARTY.search(lines[0]) or _OPENS_PARTY.match(lines[1])
                              or _LEAD_ALONE.match(lines[0])):
        if one_line:
            return []
        last = lines[1]
        lines[:2] = [f"{lines[0]} {lines[1]}"]
    parts = [p.strip() for p in lines[0].split("/") if p.strip()]
    if not parts:
        return []
    first = parts[0]
    rest = parts[1] if len(parts) > 1 else (lines[1] if len(lines) > 1 else "")
    out = [first]
    rest = rest.split("/")[0].strip()
    # (an address joined on is harmless: _readings cuts it off again; a line that opens
    # or ends with "and" goes on into the next however long: joint holders written
    # a line each, "JOHN SMITH" / "AND CHU HAI-LUN")
    if rest and (len(parts) > 1 or len(last) >= WRAP_MIN
                 or _AND_OPENS.match(rest) or _AND_ENDS.search(first)):
        out.append(f"{first} {rest}")
        if len(parts) == 1 and len(last) >= WRAP_GLUED_MIN:
            out.append(first + rest)  # (cut inside a word at the line's end)
    return out


def _readings(party: str) -> list[str]:
    """A party as written, then cut before its first word with a digit (an address),
    less a country named at its end."""
    # (a comma stays: "ZHU, Hailun" says which word is the surname; runs of them and
    # those at the ends go)
    party = " ".join(_COMMAS.sub(", ", party).split()).strip(" /-,;")
    if not party:
        return []
    # a word glued to a number where a line was joined on without a space
    # ("HAAPALA123 GOLDEN STAR BUILDING"): apart, so that the cut keeps the word
    words = _GLUED_NUMBER.sub(" ", party).split()
    cut: list[str] = []
    for w in words:
        if _DIGIT.search(w) and cut:
            break
        cut.append(w)
    addressed = len(cut) < len(words)
    cut = _without_country(cut, codes=addressed)
    return [party] + ([" ".join(cut)] if cut and len(cut) < len(words) else [])


def _without_country(words: list[str], *, codes: bool) -> list[str]:
    """``words`` less a country named by its last one to four words (a two-letter code
    only where ``codes``: "IL" ends the Korean name "HYON GWANG IL"), keeping a word at
    least."""
    for k in (4, 3, 2, 1):
        if len(words) - k < 1:
            continue
        tail = " ".join(words[-k:])
        if (len(tail) > 3 or codes) and countries.codes_of(tail):
            # a country after "of" is the name's ("CENTRAL BANK OF IRELAND", whose cut
            # "CENTRAL BANK OF" met every listed central bank); one after a given name
            # alone is its surname ("OMAR CHAD", "MARIA FRANCE": the given name alone
            # met one-word listed names and weak aliases at 100: "JOHN JORDAN"; a code
            # too, before an address: "DANIEL JO")
            if words[-k - 1].lower() in _LINKING or (len(words) - k == 1 and given_name(words[0])):
                return words
            return words[:-k]
    return words


_LINKING = frozenset("of de del della di du des da do dla for in and & al el".split())


def given_name(word: str) -> bool:
    """Whether a word is a given name: one of the forms of the table of given names'
    forms (data/name_forms.tsv), or a word a list publishes as the given name of two of its
    parties or more (data/given_names.txt, built by tools/build_given_names.py: "JOHN",
    "DANIEL", "MARIA"); a word that reads as one word."""
    tokens = prepare(word).tokens
    # (one word: a name in Han or Hangul characters, or hyphenated, reads as several,
    # whose first may be a given name's: 金铁三 "jin tie san", "FALAH-I-INSANIYAT")
    return len(tokens) == 1 and (bool(tokens[0].form) or tokens[0].text in _given_names())


@lru_cache(maxsize=1)
def _listed_company_words() -> frozenset[str]:
    """data/company_words.txt (not match._company_words: the generic words and legal
    forms that name nothing in a company's name)."""
    return _table("company_words.txt")


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    return _table("given_names.txt")


def _table(name: str) -> frozenset[str]:
    """The words of a table in data/ (one a line; "#" opens a comment line)."""
    path = Path(__file__).resolve().parent / "data" / name
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))
