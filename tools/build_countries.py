"""Generate src/screen/data/countries.tsv, the table of screen.countries.

    python tools/build_countries.py

Build-time dependency (the library itself needs only the output): pycountry, whose
data are the Debian iso-codes tables of ISO 3166-1 and their translations.

Rows are ``code<TAB>name``, sorted, one per (code, name): an ISO 3166-1 alpha-2
code and one name of that country. A name under several codes is ambiguous and stays
so ("korea" is KP and KR, "congo" CD and CG); screen.countries then gives all its
codes. Codes are written in capitals and names normalized (screen.countries.normalize:
lowercase ASCII words), which is how the reader tells them apart: a code counts only
as a whole value. A third column, ``former``, marks the name of a country that is
gone, under each of its successors; it counts only where no current country is named.

Where each part comes from:

1. pycountry.countries: for every country its alpha-2 and alpha-3 codes, ``name``,
   ``official_name`` and ``common_name`` where present.
2. pycountry's gettext catalogues of iso3166-1 (LANGUAGES): the same names
   translated. Left out: a translation that is another country's English name
   (French "Saint-Martin" is also the English name of MF, not SX), and those that
   are also the names of towns, people or English words (TRANSLATIONS_DROPPED, and
   the one- or two-word saints' names: "Santa Lucia" is a town in a dozen countries).
3. Derived from 1 and 2: a name written "Korea, Republic of" or "Holy See (Vatican
   City State)" also gives its head ("Korea", "Holy See") and, in English, its
   inversion ("Republic of Korea"). Heads that two countries share are how "Korea",
   "Congo" and "Virgin Islands" become ambiguous.
4. Written here by hand, from reading the lists' values and the usage of banks:
   VARIANTS, the English forms that pycountry lacks (OFAC's "Korea, North", "Burma",
   "DPRK", "UK", "Ivory Coast", ...), older names, misspellings and nationality
   words the lists put in country fields ("Belrus", "Russian"), and places whose name
   holds another country's ("New Mexico" is in the US); WORLD_BANK, the World Bank's
   forms ("Congo, Dem. Rep."); USER_ASSIGNED, Kosovo's XK; SOVIET_REPUBLICS, the "...
   SSR" names of birth places; FORMER, the countries that are gone, by successors.
"""

from __future__ import annotations

import collections
import gettext
import re
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "screen" / "data" / "countries.tsv"
sys.path.insert(0, str(ROOT / "src"))

from screen.countries import normalize

LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "ru")

# codes (space-separated) -> names, as the lists and banks write them
VARIANTS: dict[str, list[str]] = {
    # ambiguous on purpose: a short form that two countries share
    "KP KR": ["Korea", "Korean"],
    "CD CG": ["Congo", "Congolese"],
    "SD SS": ["Kafia Kingi"],  # an area both Sudans claim (an EU "Region:" value)
    # Koreas
    "KP": ["Korea, North", "North Korea", "DPRK", "D.P.R. Korea", "Korea DPR",
           "Korea, Democratic People's Republic", "Korea (North)", "North Korean",
           "Korea, Dem. People's Rep.", "Korea, Dem. Rep.",  # (World Bank style)
           "Korea (the Democratic People's Republic of)"],  # (ISO 3166's short name)
    "KR": ["Korea, South", "South Korea", "Korea (South)", "ROK", "South Korean",
           "Korea, Rep.", "Korea (the Republic of)"],
    # Congos
    "CD": ["Congo (Democratic Republic)", "Congo, Democratic Republic of the",
           "Congo, Democratic Republic of", "Democratic Republic of the Congo",
           "Democratic Republic of Congo", "DR Congo", "DRC", "Congo-Kinshasa",
           "Zaire"],
    "CG": ["Republic of the Congo", "Republic of Congo", "Congo, Republic of the",
           "Congo, Republic of", "Congo (Republic)", "Congo-Brazzaville"],
    # English short forms, older names and common misspellings
    "RU": ["Russia", "Russian", "Russian Federation", "Russian SFSR", "RSFSR",
           "Russian Soviet Federative Socialist Republic",
           "Moscow",  # alone in the "countries" of one listed entity
           # short forms the catalogues give only long ("Russische Föderation")
           "Russland", "Rusia", "Россия", "Rossiya"],
    "IR": ["Iran", "Persia", "Iranian",
           # Iranian provinces, which would otherwise read as Azerbaijan
           "West Azerbaijan", "East Azerbaijan"],
    "SY": ["Syria", "Syrian", "Syrian Arab Rep."],
    "VN": ["Vietnam", "Viet Nam"],
    "LA": ["Laos", "Lao PDR"],
    "MD": ["Moldova", "Moldovan", "Moldavia", "Moldovia"],
    "TZ": ["Tanzania"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela", "Venezuelan"],
    "MK": ["Macedonia", "North Macedonia", "Former Yugoslav Republic of Macedonia",
           "FYROM", "Macedonia, The Former Yugoslav Republic of"],
    "CZ": ["Czech Republic", "Czechia"],
    "TR": ["Turkey", "Türkiye", "Turkish"],
    "CI": ["Ivory Coast", "Cote d'Ivoire", "Cote d Ivoire"],
    "GB": ["UK", "Great Britain", "Britain", "England", "Scotland", "Wales",
           "Northern Ireland", "United Kingdom of Great Britain and Northern Ireland"],
    # (not "America" alone: "South America", "Latin America" would read as the US)
    "US": ["USA", "US", "United States of America",
           # US states whose names hold another country's
           "New Mexico", "New Jersey", "Georgia, USA", "Georgia, United States"],
    "AU": ["New South Wales"],
    "AE": ["UAE", "Emirates", "Emirati"],
    "PS": ["Palestine", "Palestinian", "Palestinian Territories",
           "Occupied Palestinian Territories", "Occupied Palestinian Territory",
           "West Bank", "Gaza", "Gaza Strip"],
    "XK": ["Kosovo"],  # user-assigned, but what the EU, banks and SWIFT use
    "UA": ["Crimea", "Crimea region of Ukraine", "Autonomous Republic of Crimea",
           "Ukrainian"],
    "NL": ["Holland", "The Netherlands"],
    "TW": ["Taiwan", "Republic of China", "Chinese Taipei"],
    "HK": ["Hong Kong", "Hong Kong SAR"],
    "MO": ["Macau", "Macao", "Macau SAR", "Macao SAR"],
    "VA": ["Vatican", "Vatican City", "Holy See"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "SZ": ["Swaziland", "Eswatini"],
    "TL": ["East Timor", "Timor Leste"],
    "BN": ["Brunei"],
    "FM": ["Micronesia"],
    "KN": ["St Kitts and Nevis", "Saint Kitts", "St Kitts-Nevis"],
    "VC": ["St Vincent and the Grenadines", "Saint Vincent"],
    "LC": ["St Lucia"],
    "BS": ["Bahamas", "The Bahamas", "Bahamas, The"],
    "GM": ["Gambia", "The Gambia", "Gambia, The"],
    "BA": ["Bosnia", "Bosnia-Herzegovina", "Bosnia Herzegovina"],
    "GW": ["Guinea Bissau"],
    "IM": ["Man, Isle of"],
    "VG": ["Virgin Islands, British", "British Virgin Islands", "BVI"],
    "VI": ["US Virgin Islands", "Virgin Islands, U.S."],
    "CN": ["People's Republic of China", "PRC", "Mainland China", "Chinese"],
    "LY": ["Libya", "Libyan Arab Jamahiriya", "Libyan"],
    "DE": ["German", "West Germany", "Federal Republic of Germany"],
    "ER": ["Eritrean"],
    "BY": ["Belorussia", "Byelorussia", "Belrus",  # "Belrus": a typo in the UK list
           "Belarusian", "Belorussian", "Byelorussian"],
    # nationality words a bank's country field holds, for the countries most listed
    "SA": ["Saudi", "Saudi Arabian", "KSA"],
    "IQ": ["Iraqi"],
    "AF": ["Afghan"],
    "CU": ["Cuban"],
    "LB": ["Lebanese"],
    "YE": ["Yemeni"],
    "SD": ["Sudanese"],
    "PK": ["Pakistani"],
    "IL": ["Israeli"],
    # (and more, which a review found a bank's field holds and the table lacked)
    "EG": ["Egyptian"],
    "JO": ["Jordanian"],
    "KW": ["Kuwaiti"],
    "QA": ["Qatari"],
    "SO": ["Somali", "Somalian"],
    "NG": ["Nigerian"],
    "ML": ["Malian"],
    "KZ": ["Kazakh", "Kazakhstani"],
    "TJ": ["Tajik", "Tajikistani"],
    "TM": ["Turkmen"],
    "AZ": ["Azerbaijani"],
    "AM": ["Armenian"],
    "RS": ["Serbian"],
    "DZ": ["Algerian"],
    "TN": ["Tunisian"],
    "MA": ["Moroccan"],
    "BH": ["Bahraini"],
    "OM": ["Omani"],
    "NI": ["Nicaraguan"],
    "ET": ["Ethiopian"],
    "KE": ["Kenyan"],
    "IN": ["Indian"],
    "ID": ["Indonesian"],
    "MY": ["Malaysian"],
    "MM": ["Burma", "Burmese"],
    "KG": ["Kirghizia", "Kyrgyz Republic"],
    "UZ": ["Uzbekhistan", "Uzbekistan SSR", "Uzbek"],
    "PH": ["Phillipines", "Philipines"],
    "BJ": ["Dahomey"],
    "BF": ["Upper Volta"],
    "ZW": ["Rhodesia", "Southern Rhodesia", "Zimbabwean"],
    "VU": ["New Hebrides"],
    "LK": ["Ceylon"],
    "TH": ["Siam"],
}  # fmt: skip

# Nationality words (and short forms) for the countries the lists name that VARIANTS
# lacks: a bank's country field writes "Mexican" (889 listed parties), "Colombian",
# "British", ... and a word the table lacked was "not recognised, not used". Not the
# words two countries share ("Dominican", "Guinean"), which stay unread.
DEMONYMS: dict[str, list[str]] = {
    "KP": ["N. Korea", "N Korea"], "KR": ["S. Korea", "S Korea"],
    "MX": ["Mexican"], "CO": ["Colombian"], "US": ["American", "U.S.A.", "U.S."],
    "GB": ["British", "English", "Scottish", "Welsh"], "CY": ["Cypriot"],
    "PA": ["Panamanian"], "BA": ["Bosnian"], "IT": ["Italian"], "CH": ["Swiss"],
    "BG": ["Bulgarian"], "ES": ["Spanish"], "SG": ["Singaporean"], "FR": ["French"],
    "GE": ["Georgian"], "NL": ["Dutch"], "TH": ["Thai"], "PH": ["Filipino", "Philippine"],
    "KG": ["Kyrgyz", "Kirghiz"], "JP": ["Japanese"], "CA": ["Canadian"],
    "AU": ["Australian"], "BR": ["Brazilian"], "AR": ["Argentine", "Argentinian"],
    "PE": ["Peruvian"], "EC": ["Ecuadorian"], "GT": ["Guatemalan"], "HN": ["Honduran"],
    "SV": ["Salvadoran", "Salvadorean"], "CL": ["Chilean"], "PY": ["Paraguayan"],
    "UY": ["Uruguayan"], "CR": ["Costa Rican"], "HT": ["Haitian"], "JM": ["Jamaican"],
    "GR": ["Greek"], "PT": ["Portuguese"], "BE": ["Belgian"], "AT": ["Austrian"],
    "PL": ["Polish"], "RO": ["Romanian"], "HU": ["Hungarian"], "SE": ["Swedish"],
    "NO": ["Norwegian"], "DK": ["Danish"], "FI": ["Finnish"], "IE": ["Irish"],
    "LV": ["Latvian"], "LT": ["Lithuanian"], "EE": ["Estonian"], "HR": ["Croatian"],
    "SI": ["Slovenian", "Slovene"], "SK": ["Slovak", "Slovakian"], "CZ": ["Czech"],
    "ME": ["Montenegrin"], "AL": ["Albanian"], "MK": ["Macedonian"], "MT": ["Maltese"],
    "VN": ["Vietnamese"], "KH": ["Cambodian"], "LA": ["Laotian"], "BD": ["Bangladeshi"],
    "LK": ["Sri Lankan"], "NP": ["Nepalese", "Nepali"], "MN": ["Mongolian"],
    "TW": ["Taiwanese"], "ZA": ["South African"], "SS": ["South Sudanese"],
    "ZM": ["Zambian"], "UG": ["Ugandan"], "RW": ["Rwandan"], "BI": ["Burundian"],
    "CF": ["Central African"], "TD": ["Chadian"], "NE": ["Nigerien"],
    "SN": ["Senegalese"], "MR": ["Mauritanian"], "LR": ["Liberian"],
    "SL": ["Sierra Leonean"], "GH": ["Ghanaian"], "CM": ["Cameroonian"],
    "DJ": ["Djiboutian"], "TZ": ["Tanzanian"], "MZ": ["Mozambican"], "AO": ["Angolan"],
    "NA": ["Namibian"], "BY": ["Belarussian"], "UZ": ["Uzbekistani"],
}

# The World Bank's names, which its data and many banks' files write (its
# abbreviations stay: "Rep.", "Fed. Sts."), where pycountry's forms differ
WORLD_BANK: dict[str, list[str]] = {
    "CD": ["Congo, Dem. Rep."],
    "CG": ["Congo, Rep."],
    "EG": ["Egypt, Arab Rep."],
    "FM": ["Micronesia, Fed. Sts."],
    "HK": ["Hong Kong SAR, China"],
    "IR": ["Iran, Islamic Rep."],
    "MO": ["Macao SAR, China"],
    "PS": ["West Bank and Gaza"],
    "VE": ["Venezuela, RB"],
    "YE": ["Yemen, Rep."],
}

# codes outside ISO 3166-1 that banks use, with their three-letter forms
USER_ASSIGNED = {"XK": "XKX"}  # Kosovo: the EU's, SWIFT's and the World Bank's

# Soviet republics, by the adjective of "<adjective> SSR": each is one country now.
SOVIET_REPUBLICS = {
    "Ukrainian": "UA", "Byelorussian": "BY", "Belorussian": "BY", "Uzbek": "UZ",
    "Kazakh": "KZ", "Georgian": "GE", "Azerbaijan": "AZ", "Azerbaijani": "AZ",
    "Lithuanian": "LT", "Moldavian": "MD", "Moldovan": "MD", "Latvian": "LV",
    "Kirghiz": "KG", "Kyrgyz": "KG", "Tajik": "TJ", "Armenian": "AM", "Turkmen": "TM",
    "Estonian": "EE",
}  # fmt: skip

# Countries that are gone, by their successors. A former name counts only when the
# value names no current country: "Baku, Azerbaijan (former USSR)" is AZ alone.
FORMER: dict[str, list[str]] = {
    "RU UA BY MD LT LV EE GE AM AZ KZ KG TJ TM UZ": [
        "USSR", "Soviet Union", "Union of Soviet Socialist Republics", "Former USSR"],
    "RS ME BA HR SI MK XK": ["Yugoslavia", "Federal Republic of Yugoslavia",
                             "Socialist Federal Republic of Yugoslavia", "ex-Yugoslavia"],
    "RS ME": ["Serbia and Montenegro"],
    "CZ SK": ["Czechoslovakia"],
    "BQ CW SX": ["Netherlands Antilles"],
}  # fmt: skip

# Translations that are also the names of towns, people or English words ("Island" is
# German for Iceland, "Granada" Spanish for Grenada, "Guadalupe" for Guadeloupe,
# "Somali" Russian for Somalia but also a region of Ethiopia). Translations of one
# or two words that start with a saint ("Santa Lucia", "San Martin") are dropped
# too: they are the names of countless towns.
TRANSLATIONS_DROPPED = {
    "island", "salvador", "granada", "guadalupe", "norfolk", "christmas", "cocos",
    "oma", "salomon", "somali", "monserrate", "maurice", "mauricio", "maurizio",
    "dominique",
}  # fmt: skip
SAINTS = {"saint", "sainte", "san", "santa", "santo", "sao", "sint", "sen", "sent"}


def english_names(country) -> list[str]:
    return [
        getattr(country, attr)
        for attr in ("name", "official_name", "common_name")
        if getattr(country, attr, None)
    ]


def forms(name: str, *, invert: bool) -> list[str]:
    """The name, its head without "(...)" or ", ...", and its inversion."""
    out = [name]
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    out.append(bare)
    head, comma, tail = bare.partition(",")
    if comma:
        out.append(head)
        if invert:
            out.append(f"{tail.strip()} {head}")
    return out


def build() -> tuple[list[tuple[str, str, str]], list[str]]:
    """The rows (code, name, kind) and a note for each translation left out."""
    english: dict[str, set[str]] = collections.defaultdict(set)  # normalized -> codes
    rows: set[tuple[str, str, str]] = set()
    for c in pycountry.countries:
        rows.add((c.alpha_2, c.alpha_2, ""))
        rows.add((c.alpha_2, c.alpha_3, ""))
        for name in english_names(c):
            for form in forms(name, invert=True):
                english[normalize(form)].add(c.alpha_2)
    for code, alpha_3 in USER_ASSIGNED.items():
        rows.update(((code, code, ""), (code, alpha_3, "")))
    for codes, names in (*VARIANTS.items(), *DEMONYMS.items(), *WORLD_BANK.items()):
        for name in names:
            english[normalize(name)].update(codes.split())
    for adjective, code in SOVIET_REPUBLICS.items():
        for name in (f"{adjective} SSR", f"{adjective} Soviet Socialist Republic"):
            english[normalize(name)].add(code)
    translated: dict[str, set[str]] = collections.defaultdict(set)
    for lang in LANGUAGES:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for c in pycountry.countries:
            for name in english_names(c):
                if (local := tr.gettext(name)) != name:
                    for form in forms(local, invert=False):
                        translated[normalize(form)].add(c.alpha_2)
    notes = []
    for norm, codes in sorted(translated.items()):
        words = norm.split(" ")
        if norm in english:
            if not codes <= english[norm]:
                notes.append(f"{norm}: {' '.join(sorted(codes))} "
                             f"(the English name of {' '.join(sorted(english[norm]))})")
        elif norm in TRANSLATIONS_DROPPED or (words[0] in SAINTS and len(words) <= 2):
            notes.append(f"{norm}: {' '.join(sorted(codes))} (a town's or word's name)")
        else:
            english[norm] = codes
    for norm, codes in english.items():
        rows.update((code, norm, "") for code in codes)
    for codes, names in FORMER.items():
        for name in names:
            rows.update((code, normalize(name), "former") for code in codes.split())
    return sorted(rows), notes


def render(rows: list[tuple[str, str, str]]) -> str:
    """The file's text; tests/test_countries.py checks the shipped file equals it."""
    header = [
        ("# generated by tools/build_countries.py from pycountry "
         f"{pycountry.__version__}; do not edit by hand"),
        "# ISO 3166-1 alpha-2 code, then a code (in capitals) or a normalized name,",
        "# then 'former' for a former country's name (its successors' codes)",
    ]
    return "\n".join(header + ["\t".join(row).rstrip("\t") for row in rows]) + "\n"


def main() -> None:
    rows, notes = build()
    text = render(rows)
    OUT.write_text(text, encoding="utf-8")
    by_name = collections.defaultdict(set)
    for code, name, _ in rows:
        if not name.isupper():
            by_name[name].add(code)
    print(f"{OUT}: {len(rows)} rows, {len(text.encode()):,} bytes")
    print("ambiguous names:")
    for name, codes in sorted(by_name.items()):
        if len(codes) > 1:
            print(f"  {name}: {' '.join(sorted(codes))}")
    print("translations left out:")
    for line in notes:
        print(f"  {line}")


if __name__ == "__main__":
    main()
