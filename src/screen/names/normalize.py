"""Turn a name as written into tokens that its spelling variants share.

Steps, in order, each recorded in ``notes`` when it changed something so that a
match can say why it matched:

1. Unicode: NFKC; format and control characters (zero-width joiners, direction
   marks, soft hyphens, BOM; a control character inside a word), marks of no letter
   (variation selectors, the replacement character) and Arabic vowel marks removed;
   apostrophe marks (ʿ ʾ ´ ...) read as apostrophes.
2. Look-alike letters: inside one word that mixes Latin with Cyrillic or Greek, the
   letters of the minority script that look like letters of the majority script are
   replaced ("Pаvel" with a Cyrillic "а" becomes "Pavel").
3. Words: split on spaces, hyphens, commas, slashes, brackets and periods;
   apostrophes inside a word are dropped ("Ch'en" -> "chen"), so are the periods of
   an abbreviation ("S.A." -> "sa"), and runs of single letters are joined
   ("S. A." -> "sa").
4. Scripts: Latin words lose their diacritics (unidecode); other scripts are
   romanized (:func:`screen.names.romanize.romanize`); Han characters are also kept
   as characters with their Mandarin and Cantonese readings for the Chinese path.
5. Roles: titles and honorifics ("Dr", "Sheikh", "General") and legal forms in many
   languages and scripts ("LLC", "ООО", "Limited Liability Company", "GmbH") are
   removed from the scoring tokens: they neither make nor block a match (a title
   before a one-word name stays, weighing next to nothing: lists write it after the
   surname, "KREKAR, Mullah"). Particles
   ("al", "bin", "van", "de") and generic organisation words ("company", "group")
   keep a low weight. "Abdul", "Abdel", "Abd al-" all become "abd".
6. Keys: each token gets phonetic keys (consonant skeletons with the letters that
   transliteration systems disagree on merged, under English, German and French
   conventions), so "Mohammed"/"Muhammad", "Qaddafi"/"Gaddafi"/"Kadhafi",
   "Wladimir"/"Vladimir", "Michailowitsch"/"Mikhaylovich" share a key. A word in
   Arabic script, which writes و and ي both as consonants and as long vowels and writes
   no short vowel, also gets the keys of its readings with each such letter read the
   other way (يحيى "yhia" as "YhYa", the consonants of "Yahya"; جودت "judt" as
   Jawdat), with ث ذ ض read as Persian says them (s, z, z), ة as "-at" and a final
   ه silent (see abjad_readings); a Latin word also gets the keys of its spelling with
   a consonant y or w kept ("Yehia", "Tawheed"), a silent final h dropped ("Salameh")
   and dh read z (see weak_latin).

A name is also tried as a Chinese name when every scoring token splits into Chinese
syllables (Pinyin, Wade-Giles or Hong Kong Cantonese spellings), or when it is
written in Han characters: :mod:`screen.names.compare` then compares it syllable by
syllable with the readings from :mod:`screen.names.chinese`. A Korean name (in Hangul,
or in Latin letters with a Korean surname and Korean syllables only) is read the same
way with the syllables of :mod:`screen.names.korean`.
"""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import OSA
from unidecode import unidecode

from . import chinese, korean
from .romanize import _OTHER_CONTROL, _SPACING_CONTROL, cyrillic_language, greek_readings, romanize

MAX_CHARS = 1000  # a name longer than this is cut (a note says so); keeps work bounded
# Caches: a name's words (_word_parts) and their tokens (_token) are remembered in
# large caches, since customer tables repeat words; the steps behind a new word
# (romanization, keys, forms) in small ones: with every listed name prepared, large
# caches of them held some 50 MB that a word seen again never needs.
INNER_WORD_CACHE = 16_384

# -- look-alike letters ------------------------------------------------------------
_CYR_TO_LAT = dict(zip("АВЕКМНОРСТУХІЈЅаеорсухіјѕԁӏ", "ABEKMHOPCTYXIJSaeopcyxijsdl"))
_GRK_TO_LAT = dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοριυνκτ", "ABEZHIKMNOPTYXaopiuvkt"))
# (and the lowercase of Latin letters whose capital has a Cyrillic twin: "Bерфь"
# lowercased is "bерфь", its b the в of "Верфь")
_LAT_TO_CYR = {v: k for k, v in _CYR_TO_LAT.items()} | dict(zip("bhtmk", "внтмк"))

# (and the marks of Arabic and Hebrew transliteration written for ʿayn and hamza, the
# soft sign's prime ʹ: "Saʿid" is "Sa'id"; ´ is made one before NFKC, which parts it)
_APOSTROPHES = "'’‘ʼʻ`´′ʿʾʹˊ‛"
# Combining marks are part of their word, though \w leaves them out: the vowel signs
# of Indic, Thai, Lao, Burmese and Khmer scripts ("अरोरा" is one word), Hebrew points,
# Arabic harakat, combining accents.
_MARKS = ("\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
          "\u06d6-\u06ed\u0900-\u0963\u0966-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff")
# (the Hebrew geresh too: "ג׳" is j, "צ׳" ch, inside a word, see _word_parts)
_SPLIT = re.compile(r"[^\w" + _MARKS + re.escape(_APOSTROPHES) + r"\u05f3.\u200c]+|_")
# a geresh (or an apostrophe written for it) after the Hebrew letters it changes
_GERESH = re.compile("(?<=[\u05d2\u05d6\u05e6\u05e5\u05ea])[" + _APOSTROPHES + "\u05f3]")
# (ASCII characters map to themselves: str.translate raises and catches a LookupError
# for each distinct character the table lacks)
_DROP_APOSTROPHES = {**{i: i for i in range(128)}, **str.maketrans("", "", _APOSTROPHES)}
_ABBREVIATION = re.compile(r"(?:\w\.)+\w?\.?")  # S.A.  J.P.  U.S.A

# Short forms of a name that stand before the name they shorten ("Md Rahman", "Mhd
# Karami": Muhammad), and after a name are letters of another kind ("John Smith MD")
_FORE_FORMS = frozenset(("md", "mhd"))

TITLES = frozenset(
    """mr mrs ms miss mister dr doctor prof professor sir dame lord lady madam madame
    sheikh shaikh shaykh sheik cheikh haji hajji hadji alhaji alhaj hajj mullah mulla maulana
    maulvi mawlawi moulvi imam ayatollah hojatoleslam hojjatoleslam hujjat mufti
    general generaal jeneral gen colonel col major maj lieutenant lt captain capt admiral adm
    brigadier brig haj
    leytenant leitenant polkovnik podpolkovnik generalmayor generalleutnant generalmajor
    generaloberst mgr datuk
    commander cmdr sergeant sgt marshal president minister senator deputy governor judge
    herr frau monsieur mme mlle senor senora don dona gospodin eng engineer
    mv mt
    dktr mhnds""".split()  # (mv, mt: a ship's, see _PREFIX; the last: دکتر "doctor",
    # مهندس "engineer" in Arabic script)
)

# What opens a ship's name, or a firm's: M/V and M/T (motor vessel, tanker; also
# written out) are read as the words MV and MT, which are titles (TITLES: left out
# before a name of two words or more, kept weighing next to nothing before a one-word
# name, "M/V DELVAR" / DELVAR, and meeting "M.V." as written); M/S (in South Asia
# Messrs before a firm, "M/s ABC Traders"; also motor ship) is left out. Not M.V. (the
# initials of "M.V. FRUNZE ARSENAL DESIGN BUREAU") nor SS ("SS TECHNIQUES COMPANY
# LIMITED"). As words, "M/V DELVAR" scored 65 against DELVAR, and the listed "M/V Maria"
# met "Maria Mercedes Vargas" at 89.3 by its letters read as initials; left out of the
# listed name, "M.V. Maria" and "Motor Vessel Maria" no longer met it.
_PREFIX = re.compile(
    r"\s*(m\s*/\s*([vts])\.?|motor\s+(vessel|tanker))[\s.:,\-\"'“”«»]*(?=[^\W_])",
    re.IGNORECASE)
_PREFIX_OPENINGS = frozenset(("m/v", "m/t", "m/s", "m /", "m/ ", " m/", "mot"))
_SHIP_TITLES = frozenset(("mv", "mt"))
_DOTTED = re.compile(r"[^\W\d_]\.[^\W\d_]")  # "M.V.": initials, not a ship's MV
_PREFIX_WORDS = {"v": "MV ", "t": "MT ", "s": "", "vessel": "MV ", "tanker": "MT "}

# A son's or father's suffix after a name of two words or more ("DELOS REYES,
# Feliciano Semborio, Jr.", "KNOWLES, JR., Samuel"): not a word of the name, so the
# weak-alias rule (a weak alias must meet the whole query) and the penalty for a word
# left over do not count it. Only the short forms: "Junior" is also a given name, and
# the Roman numerals of the lists name vessels ("SEA STAR III", another ship).
GENERATIONS = frozenset(("jr", "jnr", "sr", "snr"))

# Titles written short in Latin letters: a word in Arabic or Hebrew script romanized
# without its vowels is no such title ("آدم" Adam reads "adm", no admiral)
_TITLE_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "gen", "col", "maj", "lt",
                                  "capt", "adm", "brig", "cmdr", "sgt", "mme", "mlle", "eng",
                                  "mv", "mt"})

# Legal forms that are never part of a personal or trading name.
LEGAL_FORMS = frozenset(
    """llc ltd limited corp corporation inc incorporated plc llp lp gmbh mbh ag kg ohg ug
    sarl srl spa sas sasu bv nv oy oyj kft zrt sro doo dooel ood eood ead jsc ojsc cjsc pjsc
    prjsc mchj berhad ooo oao zao pao ao tov pp fze fzco fzc fzllc fzllc dmcc pte pty bhd
    sdn tbk ltda eireli
    sae wll spc cic ulc pllc lc co kk gk ooo tzov chp ip fop aps asa ab se sca scs snc sccl
    company kompaniya kompania npo ngo pmc ptc pvt aktiengesellschaft kommanditgesellschaft
    sirketi sti
    spolocnost spolecnost spolecnosti spolka societatea societate drustvo yhtio
    bolag bolaget selskab selskabet tarsasag bendrove sabiedriba kumpanija cuideachta
    compagnie compania compagnia companhia etaireia
    korporatsiya korporatsia korporatsiia korporacija korporacja korporace corporacion
    corporacao
    sl slu sal saog saoc psc qsc qpsc bsc kscp kcsc jscb ojsc iooo chtup ltd.
    sherkat sherkate shrkt kmpni lmtd limtd tnhh zhshs
    gongsi youxiangongsi gufenyouxiangongsi youxianzerengongsi gufengongsi
    zhushihuishe youxianhuishe hetonghuishe hezihuishe heminghuishe huishe
    shrka ehf""".split()
    # (prjsc: PrJSC, the English short form of the Ukrainian private joint-stock company,
    # ПрАТ, which the lists write out in full; mchj: the Uzbek LLC, MChJ; berhad: the
    # Malaysian public company, Bhd.;
    # the "sherkat" line: شرکت (as written: shrkt), کمپنی, لمتد, Vietnamese TNHH (limited
    # liability) and Kazakh ЖШС (LLP); then 公司 and the Chinese legal forms ending in
    # it and the Japanese ones (株式会社 ...), in pinyin, which HAN_LEGAL_FORMS glue
    # into one word; the Arabic شركة (as written) and the Icelandic ehf.;
    # "company" in the EU's languages, but not Slovene "druzba": one letter from the
    # Russian name Druzhba, friendship, which would be read as a typo of it; and
    # "corporation" in the lists' languages, as "corporation" is one)
)
# Short forms that are also ordinary words or name parts: only legal at the edges of an
# organisation's name.
# (cia: Cía., compañía; os, zs: the Czech associations o.s., z.s.; taa: Belarusian ТАА,
# LLC; too: Kazakh ТОО, LLP)
EDGE_LEGAL_FORMS = frozenset("sa as ad ab co se cv pt jv ip cia os zs taa too".split())
# ... and of them those that are legal forms in Latin letters only first, where Kazakh
# names put them ("TOO TAWKZ" for ТОО ТауКЗ): "Too" is also a Kenyan and a Malaysian
# Chinese surname ("Mohamed Too")
_LATIN_FIRST_ONLY_FORMS = frozenset(["too"])
LEGAL_PHRASES = tuple(
    tuple(p.split())
    for p in (
        "limited liability company",
        "limited liability partnership",
        "limited company",
        "public limited company",
        "private limited company",
        "private limited",  # India and Pakistan, also "Pvt Ltd"
        "akciova spolecnost",
        "akciova spolocnost",
        "anonim sirketi",  # Turkish, also "A.S."; "Limited Sirketi" is "Ltd. Sti."
        "joint stock company",
        "public joint stock company",
        "closed joint stock company",
        "open joint stock company",
        # ... with "company" abbreviated, as payments write it
        "joint stock co",
        "public joint stock co",
        "closed joint stock co",
        "open joint stock co",
        # ... and with the legal form itself abbreviated ("Public JSC Severstal",
        # "Closed JSC Rust"): the word before it says which kind, and left over it
        # cost a listed "PUBLIC JOINT STOCK COMPANY SEVERSTAL" its match
        "public jsc",
        "closed jsc",
        "open jsc",
        "private jsc",
        "non public jsc",
        "non public joint stock company",
        "public ao",
        "private ao",
        "non public ao",
        "limited liability co",
        "joint stock commercial bank",
        "public company",
        "sole proprietorship",
        "obshchestvo s ogranichennoy otvetstvennostyu",
        "obshchestvo s ogranichennoi otvetstvennostiu",
        "obschestvo s ogranichennoi otvetstvennostyu",
        "aktsionernoe obshchestvo",
        "aktsionernoye obshchestvo",
        "publichnoe aktsionernoe obshchestvo",
        "publichnoye aktsionernoye obshchestvo",
        "zakrytoe aktsionernoe obshchestvo",
        "otkrytoe aktsionernoe obshchestvo",
        "tovarystvo z obmezhenoiu vidpovidalnistiu",
        "tovarystvo z obmezhenoyu vidpovidalnistyu",
        "societe anonyme",
        "sociedad anonima",
        "sociedade anonima",
        "societa per azioni",
        "gesellschaft mit beschrankter haftung",
        "company limited",
        "co ltd",
        "sherkat sahami khas",
        "sherkate sahami khas",
        "sherkat sahami aam",
        "fz llc",
        "free zone establishment",  # FZE
        "free zone company",  # FZCO
        "fze llc",
        "societe a responsabilite limitee",
        "societe par actions simplifiee",
        "limited liability partnership",
        "private joint stock company",
        "obshchestvo s dopolnitelnoy otvetstvennostyu",
        "tovarystvo z obmezhenoyu vidpovidalnistyu",
        "youxian gongsi",
        "gufen youxian gongsi",
        "youxian zeren gongsi",
        "gufen gongsi",
        # Mexico: sociedad anónima (bursátil, promotora de inversión), sociedad de
        # responsabilidad limitada, each "de capital variable"
        "sa de cv",
        "sociedad anonima de capital variable",
        "sociedad de responsabilidad limitada",
        "sociedad de responsabilidad limitada de capital variable",
        "sab de cv",
        "sapi de cv",
        "s de rl de cv",
        "s de rl",
        # Poland: spółka z ograniczoną odpowiedzialnością (Sp. z o.o., "SP Z O O")
        "sp zoo",
        "sp z oo",
        "sp k",  # spółka komandytowa (limited partnership)
        "sp j",  # spółka jawna (general partnership)
        "spolka z ograniczona odpowiedzialnoscia",
        "spolka akcyjna",
        "spolka komandytowa",
        "spolka jawna",
        # Malaysia and Brunei: Sendirian Berhad (Sdn. Bhd., private limited)
        "sendirian berhad",
        # Vietnam: công ty trách nhiệm hữu hạn (TNHH), công ty cổ phần
        "cong ty tnhh",
        "cong ty co phan",
        "cong ty trach nhiem huu han",
    )
)
# ("e" and "eh" also the Persian ezafe a Latin spelling writes after a word and Persian
# script does not: "Bonyad-eh Ta'avon-eh Basij", بنیاد تعاون بسیج)
PARTICLES = frozenset(
    """al el ul ol ad ed ud as es ash at ar an az bin ibn bint ben binti bte bt de da di
    du do dos das del della der den van von la le lo los las y e et und and of the
    ou ait ur wal ould eh""".split()
)
# the particles above as Arabic script writes them, romanized: بن (bin, "son of"), ابن
# (ibn), بنت (bint); and Hebrew script: בן (ben). Only in those scripts ("ABN" opens a
# Latin company's name, "ABN AMRO"), and in Hebrew only בן: בנט is Bennett, אבן the
# surname Even
ARABIC_PARTICLES = frozenset(("bn", "abn", "bnt"))
HEBREW_PARTICLES = frozenset(("bn",))
GENERIC_ORG_WORDS = frozenset(
    """companies group holding holdings international trading trade industries
    industry industrial enterprise enterprises services service general corporation
    establishment est organization organisation agency firm partners partnership
    guoji maoyi jituan konggu gongye shiye qiye fuwu""".split()  # (the same in pinyin)
)
# A generic word in another grammatical form, or in another language of the lists, is
# the same word ("JOZA INDUSTRIAL COMPANY" / "JOZA INDUSTRIES COMPANY"; "Группа
# РОСНАНО" / "RUSNANO Group"): the first of its line says which (see
# compare.token_similarity; a line too long for one goes on in another opening with
# the same word), and it weighs as that word does: a form of a GENERIC_ORG_WORDS word
# weighs as little ("Группа Холдинг" is no more "VOLGA GRUP KHOLDING OOO" than "Group
# Holding" is; at full weight it scored 94). Persian and
# Arabic words are given as the romanization spells them (گروه "grueh"; Persian writes
# "Air" ایر, "ayr": "ماهان ایر" is MAHAN AIR, which payments also write "Mahan
# Airlines"; "air" keeps its full weight, since as little it lost a shortened listed
# name: "Belavia Airlines" for BELAVIA BELARUSIAN AIRLINES). Not the Arabic مجموعة,
# "group": the UK lists it alone as a name of AL QATARJI COMPANY, which every name of
# generic words then met at 100 ("GROUP LIMITED", "Группа").
GENERIC_FORMS = {form: line.split()[0] for line in """
    industry industries industrial gongye shiye sanayi inds indl snaya snaat ind
    enterprise enterprises qiye
    service services fuwu svcs svc
    holding holdings konggu kholding hldg hldgs
    trading trade maoyi ticaret tic trdg
    organization organisation organizacao organizacion organizatsiya organizatsia organizatia
    organization organizzazione organisasjon organisasjonen organizace organizacja sazman mnzma
    foundation fondazione fundatia fondatsiya fondation fundacion fundacao stiftung fond bnyad
    association asociatia asociacion associazione associacao asotsiatsiya asociacija
    association assoc assn
    ministry ministerstvo ministerul ministerstwo ministere ministerio ministero
    university universidade universidad universita univerzita universitet universite
    institute institut instituto istituto
    bank banque banco banca
    partnership partners
    technology technologies keji jishu tech
    international guoji intl
    group jituan gruppa grupa grupo gruppe groupe grup grp grueh
    corporation korporatsiya korporatsia korporacja korporace corporacion
    concern kontsern konzern koncern
    electronics electronic dianzi
    logistics wuliu
    investment investments touzi invest inv
    development fazhan devt
    energy nengyuan
    shipping hangyun chuanwu shpg
    chemical chemicals huagong
    petrochemical petrochemicals petrochem
    equipment shebei equip
    consulting consultant consultants consultancy
    management menedzhment managing mgmt
    manufacturing manufacturer manufacturers mfg manuf
    commercial comml
    construction constr const
    engineering engineers engineer engg engr
    mechanical mechanic mechanics
    metallurgy metallurgical
    education educational
    optics optical
    farming farm farms
    network shbka shbkeh
    brothers bros
    electric electrical elec
    air ayr airline airlines airways""".strip().splitlines() for form in line.split()}
# (the pinyin: the words of Chinese company names that lists translate, such as 科技
# keji, "Technology"; in Han characters they are glued into one word, see HAN_ORG_WORDS;
# and the abbreviations payments write for want of room: "Intl", "Grp", "Mfg", "Svcs",
# "Ind", "Inv", "Elec", as the lists write some too ("SHAHID SAYYED SHIRAZI IND."); not
# "Chem", a listed vessel's name, "Int" (the listed INT LTD EOOD, which "International"
# alone then met at 100), "Dev" (DEV SOL, and a given name), "Gen" and "Eng", titles
# (General, Engineer), or "Petro", a given name)
# ... of them those that are such forms only as romanized from Arabic or Persian script:
# a Latin "AYR" is a Scottish town ("AYR CARGO LTD" is no "IRAN AIR CARGO")
ABJAD_ONLY_FORMS = frozenset(("ayr",))

# Chinese company names in Han characters. Their legal forms, longest first: only at
# the end of a company's name, never part of it; and the words lists translate (see
# GENERIC_FORMS), glued into one word as pinyin writes them ("科技" is "keji", not
# "ke ji"), 香港 as English writes it. Han text with one of HAN_ORG_MARKS is read as an
# organization's name, never as surname and given name.
HAN_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "股份公司", "公司",
                   # Japanese: kabushiki, yūgen, gōdō, gōshi, gōmei kaisha, kaisha
                   "株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "会社")
HAN_ORG_WORDS = {
    w: "" for w in "科技 技术 技術 国际 國際 贸易 貿易 集团 集團 控股 实业 實業 工业 工業 "
    "企业 企業 服务 服務 电子 電子 物流 投资 投資 发展 發展 能源 航运 航運 船务 船務 化工 "
    "设备 設備".split()
} | {"香港": "hongkong"}
# More words of Chinese companies' names that lists and payments translate: (the words
# in Han characters, simplified and traditional; their pinyin, as the lists' and
# payments' pinyin glues each; the English they are written as, the first the word
# they are compared as). "金华市海润动力科技有限公司" is "JINHUA HAIRUN POWER TECHNOLOGY
# CO., LTD", "宁波欧腾机械有限公司" "NINGBO OUTENG MACHINERY CO., LTD" (UK list). Unlike
# GENERIC_FORMS, these words stay words a person's name may hold ("Power", "Steel";
# the pinyin "haiyang" and "dongli" are given names too): they only meet their
# translation. A word whose English another pinyin word of the table has already
# (电力 dianli, "power", beside 动力 dongli) has none: two pinyin words of one
# English word would meet one another ("Dongli Technology" is no "Dianli
# Technology"), and so would GENERIC_FORMS' hangyun, chuanwu and 海运 haiyun; such a
# word is still read as a word of its own. A word of several words of pinyin is that
# many words, each with its English (进出口 "jinkou chukou", "Import and Export"). The
# pinyin is given, not read: a character read otherwise elsewhere takes its reading in
# the word (銀行 "yinhang", not "yinxing").
CHINESE_TRADE_WORDS = (
    ("机械 機械", "jixie", "machinery machine machines"),
    ("机器 機器", "jiqi", ""),
    ("机器人 機器人", "jiqiren", "robotics robot robots"),
    ("航空", "hangkong", "aviation aeronautics aeronautical"),
    ("航天", "hangtian", "aerospace"),
    ("动力 動力", "dongli", "power"),
    ("电力 電力", "dianli", ""),
    ("数控 數控", "shukong", "cnc"),
    ("信息", "xinxi", "information"),
    ("金属 金屬", "jinshu", "metal metals"),
    ("制品 製品", "zhipin", "products product"),
    ("医药 醫藥", "yiyao", "pharmaceutical pharmaceuticals pharma"),
    ("制药 製藥", "zhiyao", ""),
    ("材料", "cailiao", "materials material"),
    ("通信", "tongxin", "communication communications"),
    ("通讯 通訊", "tongxun", ""),
    ("软件 軟件", "ruanjian", "software"),
    ("軟體", "ruanti", ""),
    ("半导体 半導體", "bandaoti", "semiconductor semiconductors"),
    ("精密", "jingmi", "precision"),
    ("仪器 儀器", "yiqi", "instruments instrument"),
    ("汽车 汽車", "qiche", "automobile automotive auto"),
    ("石油", "shiyou", "petroleum"),
    ("矿业 礦業", "kuangye", "mining"),
    ("钢铁 鋼鐵", "gangtie", "steel"),
    ("建设 建設", "jianshe", "construction"),
    ("建筑 建築", "jianzhu", ""),
    ("工程", "gongcheng", "engineering"),
    ("渔业 漁業", "yuye", "fishery fisheries fishing"),
    ("海洋", "haiyang", "ocean"),
    ("远洋 遠洋", "yuanyang", ""),
    ("海运 海運", "haiyun", ""),
    ("电气 電氣 电器 電器", "dianqi", "electric electrical"),
    ("电机 電機", "dianji", "motor motors"),
    ("机电 機電", "jidian", "electromechanical"),
    ("光电 光電", "guangdian", "optoelectronics optoelectronic photoelectric"),
    ("化学 化學", "huaxue", "chemical"),
    ("纺织 紡織", "fangzhi", "textile textiles"),
    ("食品", "shipin", "food foods"),
    ("农业 農業", "nongye", "agriculture agricultural"),
    ("管理", "guanli", "management"),
    ("咨询 諮詢 咨詢", "zixun", "consulting"),
    ("资讯 資訊", "zixun", ""),  # (information: no form, as its pinyin is 咨询's)
    ("货运 貨運", "huoyun", "freight"),
    ("运输 運輸", "yunshu", "transport transportation"),
    ("珠宝 珠寶", "zhubao", "jewellery jewelry"),
    ("科学 科學", "kexue", "science sciences scientific"),
    ("研究", "yanjiu", "research"),
    ("银行 銀行", "yinhang", "bank"),
    ("安全", "anquan", "security"),
    ("资源 資源", "ziyuan", "resources"),
    ("五金", "wujin", "hardware"),
    ("服装 服裝", "fuzhuang", "garments garment clothing apparel"),
    ("网络 網絡", "wangluo", "network"),
    ("数码 數碼", "shuma", "digital"),
    ("系统 系統", "xitong", "systems system"),
    ("设计 設計", "sheji", "design"),
    ("传媒 傳媒", "chuanmei", "media"),
    ("进口 進口", "jinkou", "import imports imp"),
    ("出口", "chukou", "export exports exp"),
    # lists write it "IMPORT AND EXPORT", "IMP. & EXP." (37 OFAC, UK, EU and Canadian
    # names), once "JINCHUKOU": two words, each meeting its English
    ("进出口 進出口", "jinkou chukou", ""),
)
HAN_ORG_WORDS |= {han: pinyin for hans, pinyin, _ in CHINESE_TRADE_WORDS for han in hans.split()}
# the Han words whose pinyin meets its English (see compare._generic_form): not 香港, nor
# the table's words without English
HAN_FORM_WORDS = frozenset(
    {han for han, pinyin in HAN_ORG_WORDS.items() if not pinyin}
    | {han for hans, pinyin, english in CHINESE_TRADE_WORDS if english or " " in pinyin
       for han in hans.split()})
_HAN_ORG_WORD_LENGTHS = sorted({len(w) for w in HAN_ORG_WORDS}, reverse=True)
# the words token_similarity meets as one, each with the words it is a form of: a
# word of GENERIC_FORMS its line's first; a pinyin word of CHINESE_TRADE_WORDS each of
# its English words (as GENERIC_FORMS reads them: "guanli" is "management"), and one of
# those English words itself, so that the English words of a line meet the pinyin,
# not one another ("Golden Transport" is no "GOLDEN ... TRANSPORTATION"; "yunshu" is
# either)
WORD_FORMS: dict[str, frozenset[str]] = {
    form: frozenset(GENERIC_FORMS.get(w, w) for w in english.split())
    for _, form, english in CHINESE_TRADE_WORDS if english
} | {
    w: frozenset((w,)) for _, _, english in CHINESE_TRADE_WORDS for w in english.split()
} | {form: frozenset((head,)) for form, head in GENERIC_FORMS.items()}
# the characters written after the city or province a company's name opens with, as
# English never writes them ("金华市" is "Jinhua"): _han_company_words leaves them out
_HAN_PLACE_SUFFIXES = frozenset("市省")
HAN_ORG_MARKS = re.compile("公司|集团|集團|会社")
# Arabic "servant of" + article, written many ways: all become "abd".
# The article's r is the sun letter of a name that begins with r, said twice
# ("Abdurrahman"); with one r the r is the name's ("Abdurahman", "Abdirashid"). Somali
# and Central Asian spellings write the article as a vowel alone ("Abdikadir",
# "Abdukadir"); Albanian as "Abdyl"; South Asian and Mauritian ones its u as oo
# ("Abdool Raoof"). Some write no vowel at all: the article's l
# before a consonant ("Abdlwahab"), or the r of a name that begins with r glued on
# ("Abdrazzak", "Abdrakhmanov").
_ABD_PREFIX = re.compile(r"^(abd(?:[aeiouy]|ou|oo)[lr]|abdull|abd[iu](?=[b-df-hj-km-np-tv-z])"
                         r"|abdr|abdl(?=[b-df-hj-km-np-tv-z]))(?=[a-z]{3,}$)")
_ABD_PREFIX_SHORT = re.compile(r"^(abdal)(?=[a-z]{2}$)")
_ABD_WORDS = frozenset(
    "abd abdul abdel abdal abdol abdoul abdool abdoor abdil abdu abdur abdyl".split())

PARTICLE_WEIGHT = 0.3
SOFT_TITLE_WEIGHT = 0.05  # a title kept before a one-word name (see _scoring_tokens)
GENERIC_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class Token:
    """One scoring word of a name."""

    text: str  # lowercase ASCII form compared
    orig: str  # the word as written, for explanations
    keys: tuple[str, ...]  # phonetic keys, one per transliteration convention
    weight: float
    syllables: tuple[tuple[str, ...], ...]  # Chinese segmentations of text, fewest first
    abjad: bool = False  # romanized from Arabic or Hebrew script, which write few vowels
    form: str = ""  # the given name (or "name+patronymic") it is a form of, see name_form()
    single: str = ""  # text with doubled letters written once ("mahhmud" -> "mahmud")
    hebrew: bool = False  # an abjad word in Hebrew script (else Arabic script)
    han: bool = False  # read from Han characters: another text is other characters
    initials: str = ""  # the letters, when the word is initials ("F", "V.V."): see _initials

    @property
    def named(self) -> bool:
        """A word of full weight that is no initials: what initials may stand for, and
        what must meet before a name's initials may (see compare._initial_pairs)."""
        return not self.initials and self.weight >= FULL_WEIGHT


@dataclass(frozen=True, slots=True)
class Syllable:
    """One Chinese syllable: its text and the phonetic ids it may stand for."""

    text: str
    ids: dict[str, str]  # id -> rule ("pinyin", "Wade-Giles", "Cantonese", "Han reading", ...)
    han: str = ""  # the Han character, when written in Han
    korean: bool = False  # a Korean syllable (ids from screen.names.korean)
    # of a name read as Pinyin (see mandarin_syllable): whether it may be the surname,
    # a one-syllable word at an end; only then do Hong Kong surname spellings meet it
    pinyin: bool = False
    surname: bool = False


FULL_WEIGHT = 0.5  # words of at least this weight count as words left over; particles don't
INITIAL_SOLID = 0.5  # what one initial is short of a word that carries a name (Prepared.solid)


def full_part(weight: float) -> float:
    """What a word of ``weight`` counts as a word left over: its weight, or 0 for a
    particle."""
    return weight if weight >= FULL_WEIGHT else 0.0


@dataclass(frozen=True, slots=True)
class Prepared:
    """A name prepared once for many comparisons."""

    text: str
    kind: str | None
    tokens: tuple[Token, ...]
    notes: tuple[str, ...]
    han: tuple[tuple[Syllable, ...], ...]  # Han runs as syllables, () when none
    weight: float  # sum of token weights
    # The name read as Chinese: (split rank, word order, syllables) for each word order
    # tried (see _word_orders: as written, AS_WRITTEN = 0; first word last; last word
    # first; two words swapped) and each combination of the words' syllable splits
    # (rank 0: every word's fewest-syllable split). Empty
    # when the name is not a Chinese name. A Korean name's readings (Syllable.korean,
    # see _korean_sequences) stand here too, after any Chinese ones: a Chinese reading
    # is only ever compared with a Chinese one, a Korean with a Korean.
    sinitic: tuple[tuple[int, int, tuple[Syllable, ...]], ...] = ()
    sinitic_extra: int = 0  # words left out of the Chinese reading (a Western given name)
    # what every comparison reads of the words (see screen.names.compare), worked out
    # once: the weight of the words that are no particles, and whether a word is in
    # Arabic or Hebrew script
    full: float = 0.0
    abjad: bool = False
    # the full weight with a word "abd" counted as a word and one initial as half a
    # word: how many words carry the name, which says how close its words must be (see
    # compare._single). "Abdul Majid" is two words, one of them common: its words meet
    # as those of two-word names do ("Abdul Majeed"), while its extra words cost as a
    # one-word name's do; "AHMED, A." is one and a half, whose initial says too little
    # to meet "Ann Ahmed" ("Putin V.V." is two)
    solid: float = 0.0
    # how the name says which word is its surname, if it does: "han" (in Han
    # characters, surname first), "comma" ("SURNAME, Given"), "" (it does not: "Hailun
    # Zhu" and "Zhu Hailun" are both read). See compare._compare_sinitic.
    surname_order: str = ""
    # "SURNAME, Given" with a one-word surname: its Chinese and Korean readings keep the
    # surname at an end (see _word_orders), and compare._compare_sinitic meets it only
    # with an end word of a name that does not say its surname
    surname_word: bool = False
    # a company's name (a legal form in it, or the caller said so): its one-letter
    # words are conjunctions and parts of abbreviations, no initials
    organization: bool = False
    initials: bool = False  # a word of it is initials (Token.initials), and it is no company's
    # the son's or father's suffix left out of its words ("jr" or "sr"; see GENERATIONS)
    generation: str = ""

    @property
    def empty(self) -> bool:
        return not self.tokens and not self.han


# -- phonetic keys -------------------------------------------------------------------
# Romanizations of one name disagree most on a few letters. A key is a consonant
# skeleton read under one convention; a word gets one key per convention, and two
# words with a key in common are transliteration variants of each other.
#   English: ch = ч, sh = ш, zh = ж, dzh = дж, kh = х, j a consonant (Arabic ج); shch = щ,
#            read ш + ч as every other system spells it (schtsch, chtch, szcz, sjtj);
#            the Polish szcz too, which spellings mix with English kh ("KHLYSZCZANKAU")
#   German:  tsch = ч, sch = ш/ж, dsch = дж, ch = х, w = v, j = y (Jewgeni = Yevgeny)
#   French:  tch = ч, ch = ш, j = ж, ou = u (Poutine = Putin), -off = -ov
#   Nordic and Central European: tj/cz = ч, sj/sz = ш, zj = ж, c = ц, ch = х, j = y
# Placeholders: C = ч, S = ш/ж/sch, J = dj/ج. Vowels (and y) are dropped, doubled
# letters collapse, and letters that systems swap merge: q/k/c/g, w/v, z/s, kh/h,
# ph/f, th/t, dh/d.
_CONVENTIONS = (
    (("shch", "SC"), ("szcz", "SC"), ("tch", "C"), ("ch", "C"), ("sh", "S"), ("dzh", "J"),
     ("zh", "S"), ("dj", "J"), ("j", "J"), ("kh", "h")),
    (("dsch", "J"), ("tsch", "C"), ("sch", "S"), ("ch", "h"), ("sh", "S"), ("zh", "S"),
     ("j", "y"), ("w", "v")),
    (("tch", "C"), ("ch", "S"), ("dj", "J"), ("j", "S"), ("zh", "S"), ("sh", "S"),
     ("ou", "u"), ("kh", "h"), ("ff", "v")),
    # Scandinavian and Central European: tj/cz = ч, sj/sz = ш, zj = ж, dzj = дж,
    # c = ц, ch = х, j = y
    (("tj", "C"), ("cz", "C"), ("dzj", "J"), ("zj", "S"), ("sj", "S"), ("sz", "S"),
     ("ch", "h"), ("c", "s"), ("j", "y")),
    # English with d and j apart: a name glued of two whose second starts with j
    # ("Mohammadjavad", "Abdjalil", written in Arabic script محمدجواد with both letters)
    (("shch", "SC"), ("szcz", "SC"), ("tch", "C"), ("ch", "C"), ("sh", "S"), ("dzh", "J"),
     ("zh", "S"), ("j", "J"), ("kh", "h")),
)
_COMMON = (("gh", "g"), ("ph", "f"), ("th", "t"), ("dh", "d"), ("ck", "k"), ("x", "ks"),
           ("w", "v"), ("q", "k"), ("c", "k"), ("g", "k"), ("tz", "s"), ("ts", "s"),
           ("z", "s"), ("Z", "s"))  # Z: a z that must not merge with a t before it
_DROP_VOWELS = {**{i: i for i in range(128)}, **str.maketrans("", "", "aeiouy")}  # see above
_H_SILENT_AFTER = frozenset("kstdpCS")
_TWICE = re.compile(r"(.)\1", re.DOTALL)


def _skeleton(t: str) -> str:
    """``t`` without vowels (and y), without an h after k s t d p C S (however many
    vowels stood between), with doubled letters written once."""
    t = t.translate(_DROP_VOWELS)
    if "h" not in t and not _TWICE.search(t):
        return t  # nothing to drop: most keys
    out: list[str] = []
    last = ""  # the letter kept last
    for ch in t:
        if ch == last or (ch == "h" and last in _H_SILENT_AFTER):
            continue
        out.append(ch)
        last = ch
    return "".join(out)


@lru_cache(maxsize=INNER_WORD_CACHE)
def phonetic_keys(text: str) -> tuple[str, ...]:
    """The word's consonant skeletons under the English, German and French
    conventions (distinct, non-empty): Mohammed, Muhammad, Mohamed -> "mhmd";
    Qaddafi, Gaddafi, Kadhafi -> "kdf"; Wladimir, Vladimir -> "vldmr";
    Michailowitsch, Mikhaylovich -> "mhlvC". A w after a vowel and before a
    consonant may be the second half of a diphthong, which other spellings write as a
    vowel: such a word also has the keys of it written with u (Jawlani, Julani and
    Jolani -> "jln"; Shawkat and Shoukat -> "Skt"); only a word's own spelling, not the
    other spellings made of it (see :func:`_with_keys_of`): a Korean reading of
    "Thaung", "sawng", so read met the Wade-Giles "Tsung". The ending -вич written
    -vits (Estonian -vitš without its caron) or -witz, -vitz is also read -vich
    (Alexandrovits, Volfovits and Wolfowitz -> "...vC")."""
    return phonetic_keys_uncached(text)


def phonetic_keys_uncached(text: str) -> tuple[str, ...]:
    """:func:`phonetic_keys` without its cache, for texts seen once (adjacent words
    glued, whose own cache holds their keys): in the cache they pushed out the words a
    table repeats (of 32,000 customer names, 36,000 glued pairs and 72,000 misses)."""
    keys = _phonetic_keys(text)
    if "w" in text:
        vowel = _DIPHTHONG_W.sub(r"\1u", text)
        if vowel != text:
            keys += tuple(k for k in _phonetic_keys(vowel) if k not in keys)
    if text.endswith(_VITS) and len(text) > 5:
        keys += tuple(k for k in _phonetic_keys(text[:-2] + "ch") if k not in keys)
    return keys


_VITS = ("vits", "vitz", "wits", "witz")


def romanized_keys(text: str) -> tuple[str, ...]:
    """The phonetic keys of a word that ``romanize`` wrote from Arabic script, its j
    (ج) and ch (چ) read as it writes them under every convention: the others would
    read them as they are not, the j as a y that drops out (سجاد "sjad" as "Sad", which
    met "Saeed"), the ch as the German х. (Its other letters keep every convention's
    reading: it writes ز and ه as "zh", which the conventions read apart.) Its "ph" is
    پ and ه, never f (ف is "f"), so it is read as the Latin p-h is, the h after p silent:
    سپهر "sphr" is Sepehr, not "sfr", پهلوی "phlui" Pahlavi."""
    if "ph" in text:
        text = text.replace("ph", "p")
    if "j" in text or "ch" in text:
        text = text.replace("ch", "C").replace("j", "J")
    return phonetic_keys(text)


_DIPHTHONG_W = re.compile(r"([aeo])w(?=[b-df-hj-np-tv-xz])")


def _phonetic_keys(text: str) -> tuple[str, ...]:
    # (not cached: phonetic_keys is, and the other spellings of _with_keys_of are made
    # once per word, whose token is cached; a cache here was hit 5% of the time)
    keys: list[str] = []
    seen: list[str] = []  # spellings after a convention's rules: most words have few
    for rules in _CONVENTIONS:
        t = text
        for a, b in rules:
            if a in t:
                t = t.replace(a, b)
        if t in seen:  # the same spelling gives the same key, which is in keys already
            continue
        seen.append(t)
        for a, b in _COMMON:
            if a in t:
                t = t.replace(a, b)
        k = _skeleton(t)
        if k and k not in keys:
            keys.append(k)
    return tuple(keys)


# -- steps ---------------------------------------------------------------------------


class _CleanTable(dict):
    """The str.translate table of _clean_unicode, each character's entry made when it
    is first met: format characters go; so do accents NFKC could not compose onto
    their letter (stress marks in "Ки́ва"), which would otherwise split the word;
    control characters that separate (str.isspace: tab, line ends, NEL) and line and
    paragraph separators become spaces, other control characters go."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        cat = unicodedata.category(ch)
        if cat in ("Cf", "Cs") or (cat == "Mn" and (ch < "\u0600" or _NO_LETTER_MARK(ch))) \
                or (cat == "Cc" and not ch.isspace()) or ch in _NO_CHARACTER:
            out = None
        elif cat in ("Cc", "Zl", "Zp"):
            out = " "
        else:
            out = ch
        if len(self) < 100_000:  # bounded, whatever text comes
            self[code] = out
        return out


# marks that belong to no letter of a name: variation selectors, the Mongolian free
# variation selectors, combining marks for symbols, and the combining accents beyond
# the first block (the supplement, the extended block, the half marks), which a word
# would otherwise be split at
_NO_LETTER_MARK = re.compile("[\u180b-\u180d\u180f\u1ab0-\u1aff\u1dc0-\u1dff"
                             "\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\U000e0100-\U000e01ef]").match
# ... and characters that stand for none: the replacement character of a bad decoding,
# the Hangul fillers
_NO_CHARACTER = frozenset("\ufffd\u3164\u115f\u1160\uffa0")

_CLEAN = _CleanTable()

# Arabic vowel marks (harakat, shadda, sukun, the dagger alif) and the tatweel that
# stretches a word go, the alif wasla is an alif: a vowelled spelling is the same name
# as the bare one ("مُحَمَّد" is "محمد", "الـلـه" is "الله"). Lists and payments write
# names bare.
_ARABIC_MARKS = dict.fromkeys([0x0640, *range(0x064B, 0x0660), 0x0670]) | {0x0671: "\u0627"}
_HAS_ARABIC_MARK = re.compile("[\u0640\u064b-\u065f\u0670\u0671]").search
# the spacing accents, which NFKC parts into a space and a combining accent: typed
# after a letter ("Mu¨ller") they go; the acute ´, typed for an apostrophe ("SA´DAT"),
# is one
_SPACING_ACCENTS: dict[int, str | None] = {ord(c): None for c in "\u00a8\u00af\u00b8\u02d8\u02d9\u02da\u02db\u02dc\u02dd"}
_SPACING_ACCENTS[0xB4] = "'"
_HAS_SPACING_ACCENT = re.compile("[\u00a8\u00af\u00b4\u00b8\u02d8-\u02dd]").search


def _nfkc(text: str) -> str:
    """NFKC, the spacing accents written out first (see _SPACING_ACCENTS)."""
    if _HAS_SPACING_ACCENT(text):
        text = text.translate(_SPACING_ACCENTS)
    return unicodedata.normalize("NFKC", text)


def _clean_unicode(text: str) -> str:
    if text.isascii():
        # the ASCII characters that are not printable are the controls: those that
        # separate (str.isspace) become spaces, the others, no character of a name,
        # go, so that one inside a word ("HAM\x01AS") does not split it (as romanize
        # reads them)
        if text.isprintable():
            return text
        return _OTHER_CONTROL.sub("", _SPACING_CONTROL.sub(" ", text))
    return _clean_nfkc(_nfkc(text))


def _clean_nfkc(text: str) -> str:
    """_clean_unicode of a non-ASCII text already in NFKC. A zero-width non-joiner
    between two letters of Arabic script stays: in Persian it ends a part of a word,
    whose last letter then takes its final form and sound (the silent he of "خامنه‌ای",
    Khamenei, which glued would read as a consonant), see romanize._arabic."""
    if "\u200c" in text:
        # (kept through the table as a character of a private use area, which it keeps)
        return _ZWNJ_APART.sub("\ue000", text).translate(_CLEAN).replace("\ue000", "\u200c")
    return text.translate(_CLEAN)


# a zero-width non-joiner between letters of Arabic script
_ZWNJ_APART = re.compile("(?<=[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufefc])\u200c"
                         "(?=[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufefc])")


def _letter_script(ch: str) -> str:
    if ch < "\u0250":
        return "L" if ch.isalpha() else ""
    if "\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff":
        return "G"
    if "\u0400" <= ch <= "\u052f":
        return "C"
    return "O" if ch.isalpha() else ""


@lru_cache(maxsize=65_536)
def word_script(word: str) -> str:
    """The one alphabet a word is written in: "L" (Latin), "G" (Greek), "C"
    (Cyrillic), "O" (another script), or "" (none, or letters of several)."""
    scripts = {_letter_script(ch) for ch in word} - {""}
    return scripts.pop() if len(scripts) == 1 else ""


class _ScriptTable(dict):
    """The str.translate table that writes each character as its _letter_script, "-"
    for none (one character for one, so the result lines up with the text); each
    character's entry is made when it is first met."""

    def __missing__(self, code: int) -> str:
        out = _letter_script(chr(code)) or "-"
        if len(self) < 100_000:  # bounded, whatever text comes
            self[code] = out
        return out


_SCRIPTS = _ScriptTable()
_CONFUSABLE_TO_LAT = {**_CYR_TO_LAT, **_GRK_TO_LAT}


def _fix_lookalikes(word: str, latin_name: bool) -> tuple[str, bool]:
    """Replace letters that only look like the name's script: in a name written
    mostly in Latin letters, Cyrillic or Greek letters that have a Latin twin (a whole
    word of them too: "ΡCВ" -> "PCB"); in a Cyrillic name, Latin twins inside a
    Cyrillic word ("Iгор" -> "Ігор")."""
    if word.isascii():
        return word, False
    scripts = word.translate(_SCRIPTS)
    if "C" not in scripts and "G" not in scripts:
        return word, False
    foreign = [ch for ch, sc in zip(word, scripts) if sc in "CG"]
    # (a word wholly in one other script is a disguise only if it looks Latin in small
    # letters too: "ВЕКТОР LLC" is Vektor, as "вектор" shows, though every capital of
    # ВЕКТОР has a Latin twin; a lone "е" or "ΟΟΟ" is e and OOO)
    if latin_name and all(ch in _CONFUSABLE_TO_LAT for ch in foreign) and (
            "L" in scripts or ("C" in scripts and "G" in scripts)
            or all(ch.lower() in _CONFUSABLE_TO_LAT and ch.upper() in _CONFUSABLE_TO_LAT
                   for ch in foreign)):
        fixed = "".join(_CONFUSABLE_TO_LAT.get(ch, ch) if sc in "CG" else ch
                        for ch, sc in zip(word, scripts))
    elif not latin_name and "L" in scripts:
        fixed = "".join(_LAT_TO_CYR.get(ch, ch) for ch in word)
    else:
        return word, False
    return fixed, fixed != word


# a word with a Cyrillic letter: its Latin letters with a Cyrillic twin are look-alikes
_CYRILLIC_WORD = re.compile(r"\w*[\u0400-\u04ff]\w*")


def _as_cyrillic(m: re.Match) -> str:
    word = m.group()
    return word if word.isascii() else "".join([_LAT_TO_CYR.get(ch, ch) for ch in word])


def _mostly_latin(text: str) -> bool:
    """More Latin letters than others, or some Latin letters and every Cyrillic or
    Greek letter one with a Latin twin ("ΡCВ" is PCB in disguise), unless the others
    are all Cyrillic, every Latin letter has a Cyrillic twin, and no word of both looks
    Latin in small letters: then the fewer Latin letters are the disguise ("СТАН OOO" is
    СТАН ООО, as its lowercase "стан ooo" shows; "ТAСС" is ТАСС, a Latin A in it)."""
    scripts = text.translate(_SCRIPTS)
    n_lat = scripts.count("L")
    n_other = len(scripts) - n_lat - scripts.count("-")
    if n_lat > n_other:
        return True
    if not n_lat or not all(ch in _CONFUSABLE_TO_LAT
                            for ch, sc in zip(text, scripts) if sc not in "L-"):
        return False
    return not (set(scripts) - {"L", "-"} == {"C"}
                and all(ch in _LAT_TO_CYR for ch, sc in zip(text, scripts) if sc == "L")
                and not any(_latin_in_small_letters(text[m.start():m.end()], m.group())
                            for m in _WORD_SCRIPTS.finditer(scripts)))


_WORD_SCRIPTS = re.compile("[^-]+")


def _latin_in_small_letters(word: str, scripts: str) -> bool:
    """Whether a word of Latin and Cyrillic letters looks Latin in small letters too:
    "ЕСI" (есi) is ECI in disguise, "ТAСС" (тaсс) is ТАСС with a Latin A."""
    return "L" in scripts and "C" in scripts and all(
        ch.lower() in _CYR_TO_LAT for ch, sc in zip(word, scripts) if sc == "C")


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _ascii_alnum(word: str) -> str:
    """An ASCII word lowercased, with its letters and digits only."""
    low = word.lower()
    return low if low.isalnum() else _NOT_ALNUM.sub("", low)


# unidecode writes a schwa "@", which leaves a word without its letter ("Əliyev" is
# Aliyev, as romanize reads ə)
_SCHWAS = str.maketrans({"Ə": "A", "ǝ": "a"})


@lru_cache(maxsize=INNER_WORD_CACHE)
def _latin(word: str, cyrillic: str = "") -> tuple[str, ...]:
    """Lowercase ASCII words (letters and digits) of one word in any script: one for a
    Latin word; a romanized word may give several ("السنوار" -> "al", "snwar").
    ``cyrillic``: the language of the name's Cyrillic, "" to read it from the word."""
    if word.isascii():
        return (_ascii_alnum(word),)
    if all(ch < "\u0250" for ch in word):
        return (_ascii_alnum(unidecode(word.translate(_SCHWAS))),)
    return tuple(p for p in _NOT_ALNUM.split(romanize(word, cyrillic=cyrillic or None)) if p)


def _segments(text: str) -> tuple[tuple[str, ...], ...]:
    if not text.isalpha():
        return ()
    return tuple(chinese.segment(text))


_ALLAH = frozenset("lah llah allah ullah ulla lla alla ollah ellah".split())


def _core(form: str) -> str:
    return form.rstrip("aeiouyj") or form


@lru_cache(maxsize=1)
def _name_forms() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(form -> name, core of form -> name, respelt form -> name) from
    data/name_forms.tsv; a name is the line's first form."""
    forms: dict[str, str] = {}
    cores: dict[str, str] = {}
    path = Path(__file__).resolve().parents[1] / "data" / "name_forms.tsv"
    slavic = True  # the table's first section; its spellings vary in two more ways
    spelt: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# Arabic"):
            slavic = False
        if line.startswith("#") or not line.strip():
            continue
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        for c in cells:
            forms.setdefault(c, cells[0])
            cores.setdefault(_core(c), cells[0])
            if slavic:
                spelt += [(v, cells[0]) for v in _slavic_spellings(c)]
    for v, name in spelt:  # never in place of a form the table gives
        forms.setdefault(v, name)
    # each form as other systems spell it (see _respell), unless two names share it
    loose: dict[str, str] = {}
    for form, name in forms.items():
        key = _respell(form)
        loose[key] = name if loose.get(key, name) == name else ""
    return forms, cores, {k: v for k, v in loose.items() if v}


def _respell(word: str) -> str:
    for a, b in _STEM_SPELLINGS:
        word = word.replace(a, b)
    return word


_IOTATED = re.compile(r"^[yij](?=[aeou])")
_SOFT_END = re.compile(r"(?<=[^aeiouy])(iy|ii|ij|yi|yj|y|i)$")


def _slavic_spellings(form: str) -> set[str]:
    """The other usual romanizations of a Slavic given name's form: an iotated vowel
    at the start is written with y, i or j (Yuriy, Iurii, Jurij; Yakov, Iakov), and the
    soft ending -ий/-ій with iy, ii, ij, yi, y or i (Gennadiy, Gennadii, Gennady)."""
    starts = [form]
    if _IOTATED.match(form):
        starts += [c + form[1:] for c in "yij" if c != form[0]]
    out = set()
    for s in starts:
        out.add(s)
        if _SOFT_END.search(s):
            stem = _SOFT_END.sub("", s)
            out.update(stem + end for end in ("iy", "ii", "ij", "yi", "y", "i"))
    out.discard(form)
    return out


# a patronymic: the father's name, a joining vowel and the ending in the spellings of
# English, French, German, Scandinavian, Dutch, Romanian, Ukrainian (-ovych, -ovytj)
# and Belarusian (-avich, -auna) romanizations
_PATRONYMIC = re.compile(
    r"^([a-z]{3,}?)(ie|ye|o|e|a|i|y)?(vich|vych|vitj|vytj|witsch|wytsch|vitsch|vitch|vytch"
    r"|vitsj|vytsj|wich|wych|witch|vici|vna|wna|una|vnа)$")
# the endings the pattern ends in (and the newline its $ may stand before): a word
# without one cannot match, and most words have none
_PATRONYMIC_ENDS = ("ich", "ych", "itj", "ytj", "itsch", "ytsch", "itch", "ytch", "itsj",
                    "ytsj", "vici", "vna", "wna", "una", "vnа", "\n")
# the father's name as other systems spell the table's forms: j or y for i
# ("Michajlovna", "Mikhaylovich": mikhail), w for v ("Walerjewitsch"), a doubled s
# ("Borissowitsch"), French ou for u ("Ouladzimiravitch")
_STEM_SPELLINGS = (("j", "i"), ("y", "i"), ("w", "v"), ("ss", "s"), ("ou", "u"))


@lru_cache(maxsize=INNER_WORD_CACHE)
def name_form(text: str) -> str:
    """The given name a word is a form of ("siarhei" -> "sergei"), or its patronymic
    ("siarheevich" -> "sergei+m", "piatrouna" -> "pyotr+f"); "" when not in the table
    of given names' forms (data/name_forms.tsv: Slavic, Arabic and Persian, and a few
    Spanish, Portuguese and Italian names)."""
    return _name_form(text)


def _name_form(text: str) -> str:
    """name_form without a cache of its own, for _token (cached itself): a cache
    entry costs more than the look-up."""
    forms, cores, loose = _name_forms()
    if text in forms:
        return forms[text]
    m = _PATRONYMIC.match(text) if text.endswith(_PATRONYMIC_ENDS) else None
    if m:
        name = _father(m.group(1), forms, cores)
        if name:
            return name + ("+f" if m.group(3) in ("vna", "wna", "una") else "+m")
    return loose.get(_respell(text), "")


def _father(stem: str, forms: dict[str, str], cores: dict[str, str]) -> str:
    """The given name a patronymic's stem is a form of, as written or as the table
    spells it (see _STEM_SPELLINGS); "" when none."""
    for s in dict.fromkeys((stem, _respell(stem))):
        name = forms.get(s) or cores.get(_core(s))
        if not name and s.endswith("l"):  # Yakov -> Yakovlevich
            name = forms.get(s[:-1]) or cores.get(_core(s[:-1]))
        if name:
            return name
    return ""


# The scans of a word for characters of a script first ask whether the word has a
# character as high as the script's lowest (max() is one C call; the Cyrillic, Greek
# or Arabic words of a customer table have none as high as Han or Hangul).
_LOWEST_HAN = "\u3007"  # of chinese.is_han
_LOWEST_HANGUL = "\u1100"
_LOWEST_ABJAD = "\u0590"


def _has_han(word: str) -> bool:
    return max(word) >= _LOWEST_HAN and any(chinese.is_han(ch) for ch in word)


def _east_asian(word: str) -> bool:
    return not word.isascii() and (_is_hangul(word) or _has_han(word))


@lru_cache(maxsize=INNER_WORD_CACHE)
def _is_hangul(word: str) -> bool:
    return not word.isascii() and max(word) >= _LOWEST_HANGUL and any(
        "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" for ch in word)


_KOREAN_VARIANTS = (("b", "p"), ("d", "t"), ("g", "k"), ("r", "l"))
_VOWEL_AFTER_U = re.compile(r"u(?=[aeiouy])|u$")


def _with_keys_of(keys: tuple[str, ...], spellings) -> tuple[str, ...]:
    """``keys`` and then the phonetic keys of each other spelling of the word, each once."""
    extra = list(keys)
    for spelling in spellings:
        for k in _phonetic_keys(spelling):
            if k not in extra:
                extra.append(k)
    return tuple(extra)


_HEBREW_SOFT = str.maketrans({"b": "v", "p": "f", "k": "kh"})
_HEBREW_OV = re.compile(r"(?<=[^aeiou])o(?=[aeiuy])")


@lru_cache(maxsize=INNER_WORD_CACHE)
def hebrew_spellings(text: str) -> tuple[str, str, str, str]:
    """The romanization of a word in Hebrew script, and the spellings Latin letters
    may give it: (as romanized, with a "u" before a vowel, at the end or at the start
    read as a v, that with ב, כ, פ read without their dot as v, kh, f and a ו read "o"
    before a vowel as a v, and that with צ "ts" written z, as in "Zion", and a y inside
    the word, which romanize writes for a double yod, as ei: "vys" וייס is Weiss)."""
    v = _VOWEL_AFTER_U.sub("v", text)
    if v.startswith("u") and len(v) > 2:
        v = "v" + v[1:]
    # ב, כ, פ are b, k, p or, without their dot, v, kh, f ("שרביט" Sharvit, "פדרמן"
    # Federman, "זיכרמן" Zicherman); a ו read "o" before a vowel is a v ("לוי" Levi)
    soft = _HEBREW_OV.sub("v", v).translate(_HEBREW_SOFT)
    latin = soft.replace("ts", "z")
    return text, v, soft, latin[:1] + latin[1:].replace("y", "ei")


def _script_keys(text: str, keys: tuple[str, ...], korean: bool,
                 hebrew: bool = False, letters: str = "") -> tuple[str, ...]:
    """Extra keys for a word romanized from a script whose romanizations differ more.

    Korean (Revised Romanization here, McCune-Reischauer and North Korean spellings on
    the lists): b/p, d/t, g/k, r/l and j/ch are one consonant each ("bak" = "Pak",
    "jeong" = "Chong"). Arabic and Persian script: the keys of every reading of the
    word's weak letters and of the letters Latin spellings write otherwise (see
    :func:`abjad_readings`; ``letters``: see :func:`abjad_letters`). Hebrew script:
    "u" before a vowel, at the end or at the start is a "v", and a "d" may be a "z"."""
    if korean or hebrew:
        if korean:
            t = text
            for a, b in _KOREAN_VARIANTS:
                t = t.replace(a, b)
            variants = [t, t.replace("j", "ch")]
        else:
            v, soft = hebrew_spellings(text)[1:3]
            variants = [v]
            for base in (text, v):  # any one d may be a z
                variants += [base[:i] + "Z" + base[i + 1:]
                             for i, ch in enumerate(base) if ch == "d"][:3]
            if soft != v:
                variants.append(soft)
        return _with_keys_of(keys, variants)
    return abjad_keys(text, letters, keys)


# Letters of an abjad word's romanization that Latin spellings may write otherwise,
# with what they may write instead, in order of preference when a word has many:
# a weak letter written as a consonant (و "u" as w, ي "i" or "y" as a consonant y,
# written Y to stay in the keys) or as a vowel (و "w" or "v" as u), a Russian -ov
# written وف, ث "th" as s and ذ "dh" as z (Persian, Urdu, Turkish), ض "d" as z, the ة
# of a construct ("Katibat") and a final ه that only carries a vowel ("Sara" ساره).
# An "i" between consonants is the long vowel ī: only one before a vowel letter may be
# a consonant ("yhia" يحيى). th, dh, d and j are spots only when the word has the
# letter (ث, ذ, ض, ج) that the romanization writes so; see abjad_letters.
_SPOTS = {
    "": re.compile(r"uf$|i(?=[aiuy])|[uywv]|(?<=[^aeiou])a$|(?<=[^aeiou])h$"),
}
_SPOT_OPTIONS = {"u": "w", "i": "Y", "y": "Y", "w": "u", "v": "u", "uf": "ov",
                 "th": "s", "dh": "z", "d": "Z", "a": "at", "h": "", "al": "", "j": "g",
                 "zh": "J"}
_SPOT_RANK = {"u": 0, "i": 0, "y": 0, "w": 0, "v": 0, "uf": 1, "th": 1, "dh": 1, "al": 1,
              "j": 2, "d": 2, "zh": 2, "a": 3, "h": 3}
# a letter, the romanization it spots (ج: the Egyptian g, "Gamal" for جمال; ژ: the
# French j, "Bijan" for بیژن, "Ejei" for اژه‌ای)
_SPOT_LETTERS = {"ث": "th", "ذ": "dh", "ض": "d", "ج": "j", "ژ": "zh"}
# the article inside a word, before a sun letter, said as that letter: عزالدين
# "azaldin" is also "azdin" (Ezzedine); a spot when the word has ال after two letters
_INNER_ARTICLE = "(?<=..)al(?=[tdrzsln])"  # a spot "al"
MAX_SPOTS = 5  # 2 ** 5 readings at most


def abjad_letters(orig: str) -> str:
    """The letters of an Arabic-script word that make spots of their romanization (see
    ``_SPOTS``): ث, ذ, ض, ج, in that order, and "ل" for an article inside the word; then ة
    when the word ends in one (see compare._final_a); "" for most words."""
    out = "".join(ch for ch in _SPOT_LETTERS if ch in orig)
    if orig.find("ال", 2) >= 0:
        out += "ل"
    return out + TA_MARBUTA if orig.endswith(TA_MARBUTA) else out


TA_MARBUTA = "\u0629"  # ة, romanized "a" as alif is; Latin spellings write it -a, -ah, -eh


def _spots(letters: str) -> re.Pattern:
    pattern = _SPOTS.get(letters)
    if pattern is None:
        # th and dh before the "d" of a ض, so that "dh" is read as one spot
        extra = [_SPOT_LETTERS[ch] for ch in letters if ch in _SPOT_LETTERS]
        extra = sorted(extra, key=len, reverse=True)
        if "ل" in letters:
            extra.insert(0, _INNER_ARTICLE)
        pattern = _SPOTS[letters] = re.compile("|".join(extra + [_SPOTS[""].pattern]))
    return pattern


def _abjad_keys(reading: str) -> tuple[str, ...]:
    """The phonetic keys of a reading of an Arabic-script word: its "ts" and "tz" are
    two letters (ت and ص, س or ز), not the ц of other scripts ("antsar" Intissar)."""
    if "ts" in reading or "tz" in reading:
        reading = reading.replace("ts", "tas").replace("tz", "taz")
    return romanized_keys(reading)


@lru_cache(maxsize=INNER_WORD_CACHE)
def abjad_readings(text: str, letters: str = "") -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The readings of an Arabic-script word's romanization, each with its phonetic
    keys, the romanization itself first: every combination of its spots (see
    ``_SPOTS``; ``letters`` from :func:`abjad_letters`) read as written or the other
    way. يحيى "yhia" is also "YhYa", whose keys are those of "Yahya"; جودت "judt" is
    also "jwdt" ("Jawdat"); کوثری "kuthri" is also "kwsri" ("Kowsari"). A Latin
    spelling writes a consonant y as Y too (see weak_latin)."""
    spots = [(m.start(), m.end(), m.group()) for m in _spots(letters).finditer(text)]
    if len(spots) > MAX_SPOTS:
        spots = sorted(sorted(spots, key=lambda s: _SPOT_RANK[s[2]])[:MAX_SPOTS])
    out = [(text, _abjad_keys(text))]
    for choice in itertools.product((False, True), repeat=len(spots)):
        if not any(choice):
            continue
        parts, at = [], 0
        for (s, e, g), on in zip(spots, choice):
            if on:
                parts += [text[at:s], _SPOT_OPTIONS[g]]
                at = e
        parts.append(text[at:])
        reading = "".join(parts)
        out.append((reading, _abjad_keys(reading)))
    return tuple(out)


def abjad_keys(text: str, letters: str = "", keys: tuple[str, ...] = ()) -> tuple[str, ...]:
    """``keys``, then the keys of each reading of an Arabic-script word (see
    :func:`abjad_readings`), each once."""
    out = list(keys)
    for _, reading_keys in abjad_readings(text, letters):
        for k in reading_keys:
            if k not in out:
                out.append(k)
    return tuple(out)


# A Latin spelling's weak letters that stand for a consonant: y (or i) before a vowel
# ("Yahya", "Yehia"), u/ou/oo before a vowel and au before a consonant are a w
# ("Sahraoui", "Tauhid"); a final h after a or e is the silent h of ة / ه ("Salameh",
# "Islamiah"), but for the h of Allah that ends a longer name.
# (the last: an i between vowels, as Ukrainian and library romanizations write й and
# the y of я, ю: "Oiun" is Оюн, "Maiia" Майя)
_LATIN_Y = re.compile(r"y(?=[aeiou])|(?<=[^aeiouqg])i(?=[aeou])|^i(?=[aeou])|(?<=[aeou])i(?=[aeiou])")
_LATIN_W = re.compile(r"(?<![qg])(?:ou|oo|u)(?=[aei])|(?<=a)u(?=[^aeiouy])")
_LATIN_FINAL_H = re.compile(r"(?<=.{3}[ae])h$")
# Persian ایی after a long a: "Babaei", "Rezaee", "Aghaei" are "babaYi" (بابایی "babayy")
_PERSIAN_AEI = ("aei", "aee", "aey", "aie")
_ALLAH_END = re.compile(r".{2}[aeiou]ll?ah$")  # "Fadlallah", "Abdullah" (not "Mullah")


def weak_latin(text: str) -> str:
    """``text`` with its weak letters that are consonants written Y and w (see above)."""
    t = text
    if t.endswith("h") and not _ALLAH_END.search(t):
        t = _LATIN_FINAL_H.sub("", t)
    if t.endswith(_PERSIAN_AEI):
        t = t[:-2] + "Yi"
    t = _LATIN_Y.sub("Y", t)
    return _LATIN_W.sub("w", t)


@lru_cache(maxsize=INNER_WORD_CACHE)
def short_keys(text: str) -> tuple[str, ...]:
    """The keys of a word whose consonant skeletons are one letter each ("isa",
    "taha", "agha"), too short to count as phonetic keys: each skeleton, after "'" when
    the word opens with a vowel ("'s" for Isa, Issa, Essa, عيسى "aisa"); () for a
    longer word and for particles. A word in Arabic script meets a Latin one through
    them (see screen.names.compare.token_similarity)."""
    if text in PARTICLES:
        return ()
    keys = phonetic_keys(text)
    if not keys or any(len(k) > 1 for k in keys):
        return ()
    return tuple("'" + k for k in keys) if text[0] in "aeiou" else keys


_GERMAN_J = re.compile(r"j(?=[aeiou])")
_BURMESE_H = frozenset(("ht", "hl", "hm", "hn"))
# (after an a, or opening a word before an a: Pinyin's x opens xi, xu, never xa)
_SOMALI_X = re.compile(r"(?<=a)x|^x(?=a)")
_X_AS_KH = re.compile(r"x(?=[aeiouy])")


def _weak_keys(text: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    """``keys`` and the phonetic keys of the word with its consonant y/w kept, with dh
    and th read z and s, with the Somali x read h, without the h of a Burmese ht, hl,
    hm, hn, with the German j read as a consonant y, and without an Arabic article
    written onto it."""
    weak = weak_latin(text)
    spellings = [weak] if weak != text else []
    if "dh" in text:  # ذ ض ظ, which Persian and Turkish say (and write) z: Dhafer, Zafer
        spellings.append(weak.replace("dh", "z"))
    if "th" in text:  # ث, which they say s: Harith, Haris; Uthman, Osman
        spellings.append(weak.replace("th", "s"))
    if "x" in text:  # ح written x, as Somali spells it: Maxamed, Axmed, Xasan
        somali = _SOMALI_X.sub("h", text)
        if somali != text:
            spellings.append(somali)
        # х written x before a vowel, as Uzbek Latin and GOST 7.79-B write it:
        # Xolmatov, Xudoyberdiyev, Mixail, Shamxani (beside its ks: Oxana, Maxim)
        kh = _X_AS_KH.sub("kh", text)
        if kh != text:
            spellings.append(kh)
    if text[:2] in _BURMESE_H:  # Burmese ht, hl, hm, hn also written t, l, m, n: Htun, Tun
        spellings.append(text[1:])
    if "j" in text:  # ي written j, as German spells it: Jahja, Yahya; Hanija, Haniya
        german = _GERMAN_J.sub("y", text)
        if german != text:
            spellings.append(weak_latin(german))
    if len(text) >= 7 and text[:2] in ("al", "el") and text[2] not in "aeiouyl":
        # the Arabic article written onto the name, which other spellings leave out:
        # "ELKADDAFI" / "QADDAFI", "ALKTRANJI" / "KATRANJI" (not "Alexander", "Allah")
        spellings.append(text[2:])
    return _with_keys_of(keys, spellings) if spellings else keys


def _is_hebrew(word: str) -> bool:
    return any("\u0590" <= ch <= "\u05ff" or "\ufb1d" <= ch <= "\ufb4f" for ch in word)


def _is_abjad(word: str) -> bool:
    return not word.isascii() and max(word) >= _LOWEST_ABJAD and any(
        "\u0590" <= ch <= "\u06ff" or "\ufb1d" <= ch <= "\ufeff" for ch in word)


def _split_abd(text: str, abjad: bool = False) -> list[str]:
    if not text.startswith("abd"):  # all that follows needs it; few words have it
        return [text]
    if text in _ABD_WORDS:
        return ["abd"]
    m = _ABD_PREFIX.match(text)
    if not m and abjad:  # a name of two letters after it in Arabic script: عبدالحی "hi"
        m = _ABD_PREFIX_SHORT.match(text)
    # (after the vowel: "Abdilahi" is Abdullahi, one word)
    if m and not _is_allah(text[m.end():]) and text[m.start(1) + 3:] not in _ALLAH \
            and text[m.start(1) + 4:].removesuffix("i") not in _ALLAH \
            and text[m.end() - 1:].removesuffix("i") not in _ALLAH:  # ("Abdoulahi")
        rest = text[m.end():]
        if text[m.end() - 1] == "r" and rest[0] != "r":
            rest = "r" + rest
        return ["abd", rest]
    return [text]


_ABD_SLIP_FORMS = ("abdul", "abdel", "abdal")


def _abd_slip(text: str) -> str:
    """``text`` with a slip in its "Abdul" read as Abdul: a word of five letters one
    letter off Abdul, Abdel or Abdal ("Adbul", "Abduk"), or a longer word opening so
    whose fourth letter is no vowel ("Abdjlrazak"), which "Abdu", "Abdou" and
    "Abdoulaye" are; its second and third letters b and d, or d and b. Else ``text``."""
    head = text[:5]
    if head in _ABD_WORDS or head[1] not in "bd" or "d" not in head[1:3] \
            or (len(text) > 5 and text[:3] == "abd" and text[3] in "aeiouy"):
        return text  # (its b and d where Abdul has them, or swapped: not "Abual", "Ahdal")
    if 5 < len(text) < 8:
        return text  # (the rest would be too short a name)
    for form in _ABD_SLIP_FORMS:
        if OSA.distance(head, form, score_cutoff=1) <= 1:
            return form + text[5:]
    return text


def _is_allah(rest: str) -> bool:
    """Whether what follows "abd" and its article is Allah, or a slip of it ("lahh",
    "alh"): "abdullahh" is a typo of Abdullah, one word, not "abd" and a name "lahh".
    Ilah (al-Ilah) is a name of its own."""
    if rest in _ALLAH:
        return True
    return len(rest) >= 3 and rest not in ("ilah", "elah") and any(
        OSA.distance(rest, a, score_cutoff=1) <= 1 for a in _ALLAH)


def _phrase_key(word: str) -> str:
    # spellings of one legal form differ in vowels ("otvetstvennostyu"/"-stiu")
    keys = phonetic_keys(word)
    return keys[0] if keys else word


_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}


def _phrases_by_first() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """Legal phrases, longest first, by the _phrase_key of their first word: (the keys
    of their words, their words)."""
    if not _PHRASES_BY_FIRST:
        for p in sorted(LEGAL_PHRASES, key=len, reverse=True):
            keyed = tuple(_phrase_key(w) for w in p)
            _PHRASES_BY_FIRST.setdefault(keyed[0], []).append((keyed, p))
    return _PHRASES_BY_FIRST


def _is_phrase(texts: list[str], words: list[tuple[str, str]], i: int,
               keyed: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether the words from ``i`` on are ``phrase``: each word's key that of the
    phrase's word, but for one slip (a letter added, dropped, changed or two swapped)
    in one word after the first of a phrase of three words or more, whose other words
    say what it is ("CLOSED JOINT SOCK COMPANY"). A word whose key has fewer than three
    letters must be the phrase's word itself: "ofis" (office) shares the key of "fz"."""
    n = len(keyed)
    if len(texts) < i + n or any(
            len(k) < 3 and _TWICE.sub(r"\1", words[i + j][0]) != _TWICE.sub(r"\1", phrase[j])
            for j, k in enumerate(keyed)):
        return False
    if tuple(texts[i:i + n]) == keyed:
        return True
    if n < 3:
        return False
    off = [j for j in range(1, n) if texts[i + j] != keyed[j]]
    return len(off) == 1 and len(phrase[off[0]]) >= 4 and OSA.distance(
        words[i + off[0]][0], phrase[off[0]], score_cutoff=1) <= 1


def _strip_phrases(words: list[tuple[str, str]], notes: list[str]) -> list[tuple[str, str]]:
    table = _phrases_by_first()
    # _phrase_key of each word, without a call each
    texts = [k[0] if (k := phonetic_keys(w)) else w for w, _ in words]
    if table.keys().isdisjoint(texts):
        return words
    found = [(len(keyed), i) for i, first in enumerate(texts)
             for keyed, phrase in table.get(first, ())
             if len(keyed) < len(texts) and _is_phrase(texts, words, i, keyed, phrase)]
    # the longest phrases first: "COMPANY Limited Liability Company" holds "limited
    # liability company", which "company limited", read first from the left, would cut
    keep = [True] * len(words)
    taken = []
    for n, i in sorted(found, key=lambda f: (-f[0], f[1])):
        if all(keep[i:i + n]):
            keep[i:i + n] = [False] * n
            taken.append((i, n))
    for i, n in sorted(taken):
        notes.append(f"legal form ignored: {' '.join(w for w, _ in words[i:i + n])}")
    return [w for w, k in zip(words, keep) if k]


@lru_cache(maxsize=1)
def _legal_vocabulary() -> dict[str, tuple[str, ...]]:
    """Long words of legal forms (6 letters or more), filed under themselves and under
    each of their one-letter deletions: two words one edit apart share such a key."""
    words = {w for w in LEGAL_FORMS if len(w) >= 6 and w.isalpha()}
    words |= {w for p in LEGAL_PHRASES for w in p if len(w) >= 6}
    table: dict[str, set[str]] = {}
    for w in words:
        for key in {w, *(w[:i] + w[i + 1:] for i in range(len(w)))}:
            table.setdefault(key, set()).add(w)
    return {k: tuple(sorted(v)) for k, v in table.items()}


@lru_cache(maxsize=1)
def _legal_openings() -> frozenset[str]:
    """The first four letters of every key of _legal_vocabulary (all have five or more)."""
    return frozenset(k[:4] for k in _legal_vocabulary())


def _may_open_legal_key(word: str) -> bool:
    """Whether ``word`` (6 letters or more) or the word less one letter may be a key of
    _legal_vocabulary: each opens with the word's first four letters or with its first
    five less one of the first four. Most words open no key at all."""
    openings = {word[:4], word[1:5], word[0] + word[2:5], word[:2] + word[3:5], word[:3] + word[4]}
    return not openings.isdisjoint(_legal_openings())


@lru_cache(maxsize=INNER_WORD_CACHE)
def legal_typo(word: str) -> str:
    """The legal-form word that ``word`` is a one-letter typo of ("comoany" ->
    "company", "liabiity" -> "liability"), or "" (also for the word itself, and for
    words under 6 letters, where one edit makes too many other words)."""
    if len(word) < 6:
        return ""
    table = _legal_vocabulary()
    if word in table and word in table[word]:
        return ""
    if not _may_open_legal_key(word):
        return ""
    for key in (word, *(word[:i] + word[i + 1:] for i in range(len(word)))):
        for cand in table.get(key, ()):
            if cand != word and OSA.distance(word, cand, score_cutoff=1) <= 1:
                return cand
    return ""


def _without_legal_phrases(words: list[tuple[str, str]], notes: list[str]
                           ) -> list[tuple[str, str]]:
    """``words`` without the legal phrases they hold, a word one letter off a word of
    legal forms read as that word (see :func:`legal_typo`) where it then is a legal
    form or part of a legal phrase ("JOINT STPCK COMPANY"), else kept as written: a
    name's own word one letter from such a word is no typo of it ("SALAMI" is no
    "sahami" of "sherkat sahami khas", "OTKRYTIE" no "otkrytoe", "SOCIETY" no
    "societa")."""
    read = _fix_legal_typos(words, notes)
    kept = _strip_phrases(read, notes)
    if read is words:
        return kept
    as_written = {id(r): w for r, w in zip(read, words) if r is not w}
    out = []
    for w in kept:
        original = as_written.get(id(w))
        if original is not None and w[0] not in LEGAL_FORMS:
            notes.remove(f"typo in a legal form read as {w[0]}: {w[1]}")
            w = original
        out.append(w)
    return out


def _fix_legal_typos(words: list[tuple[str, str]], notes: list[str]) -> list[tuple[str, str]]:
    out = words  # copied at the first typo; most names have none
    for i, (lat, orig) in enumerate(words):
        # legal_typo is "" for shorter words and those that open no key (most words; the
        # test is cheaper than a cache entry)
        fixed = legal_typo(lat) if len(lat) >= 6 and _may_open_legal_key(lat) else ""
        if fixed:
            notes.append(f"typo in a legal form read as {fixed}: {orig}")
            if out is words:
                out = list(words)
            out[i] = (fixed, orig)
    return out


def prepare(text: str, kind: str | None = None) -> Prepared:
    """Prepare a name for comparison (see the module docstring for the steps).

    ``kind`` may be "person" or "organization" ("organisation" too); None, or one of
    the lists' other entity types ("vessel", "aircraft", "unknown"), is unknown: legal
    forms are only looked for when the name is not a person's. Any other value is a
    ``ValueError`` (a misspelt kind would quietly be read as unknown)."""
    if not isinstance(text, str):
        raise TypeError(f"'name' must be str (got {type(text).__name__})")
    if kind is not None and not isinstance(kind, str):
        raise TypeError(f"'kind' must be str or None (got {type(kind).__name__})")
    if kind not in _KINDS_READ:
        if kind not in _KINDS_UNKNOWN:
            raise ValueError("'kind' must be 'person', 'organization' or None "
                             f"(got {kind!r})")
        kind = None
    return _prepare(text, _KINDS_READ.get(kind))


# what prepare reads of a kind; the lists' other entity types say nothing of the name
# (looked up with None, no kind, too)
_KINDS_READ: dict[str | None, str] = {"person": "person", "organization": "organization",
                                      "organisation": "organization"}
_KINDS_UNKNOWN = (None, "vessel", "aircraft", "unknown")


def prepare_once(text: str) -> Prepared:
    """:func:`prepare` (no kind) outside its cache, for a name the caller keeps
    prepared itself: the listed names a matcher prepares as it meets them would
    otherwise push the queries, which recur, out of that cache (a pass over 2,000
    queries prepared some 5,600 listed names, and the next pass prepared a thousand
    of its queries again)."""
    if not isinstance(text, str):
        raise TypeError(f"'name' must be str (got {type(text).__name__})")
    return _prepare.__wrapped__(text, None)


@lru_cache(maxsize=4096)
def _prepare(text: str, kind: str | None) -> Prepared:
    notes: list[str] = []
    original = text
    invisible = False
    if len(text) > MAX_CHARS:
        # what is no part of a name goes first (invisible characters, runs of spaces):
        # padding must not push the name past the cut ("Vladimir" + 1,000 zero-width
        # spaces + " Putin")
        nfkc = text if text.isascii() else _nfkc(text)
        cleaned = _clean_unicode(text)
        invisible = cleaned != nfkc and not text.isascii()
        text = " ".join(cleaned.split())
        if len(text) > MAX_CHARS:
            text = text[:MAX_CHARS]
            notes.append(f"name cut to its first {MAX_CHARS} characters")
    ascii_name = text.isascii()  # most customer names: no script to look into
    if ascii_name:
        cleaned = _clean_unicode(text)
        invisible = invisible or (
            not text.isprintable() and bool(_OTHER_CONTROL.search(text)))
    else:
        nfkc = _nfkc(text)
        cleaned = _clean_nfkc(nfkc)
        invisible = invisible or cleaned != nfkc
        if _HAS_ARABIC_MARK(cleaned):
            cleaned = cleaned.translate(_ARABIC_MARKS)
    if invisible:
        notes.append("invisible characters removed")
    if cleaned[:3].lower() in _PREFIX_OPENINGS:
        prefix = _PREFIX.match(cleaned)
        if prefix:
            word = _PREFIX_WORDS[(prefix.group(2) or prefix.group(3)).lower()]
            if not word:
                notes.append(f"prefix ignored: {prefix.group(1)}")
            cleaned = word + cleaned[prefix.end():]
    surname_order = ""
    surname_word = False  # the name's first word is its surname, and one word
    if "," in cleaned:
        # a list's "SURNAME, given names" whose surname is also a title ("MAJOR, John")
        # is no title: written out, given names first
        head, rest = cleaned.split(",", 1)
        if head.strip().lower() in TITLES and rest.strip():
            cleaned = f"{rest.strip()} {head.strip()}"
        elif rest.strip() and 1 <= len(head.split()) <= 2:
            surname_order = "comma"
            surname_word = len(head.split()) == 1

    if ascii_name and cleaned.replace(" ", "").isalpha():
        raw_words = cleaned.split()  # ASCII letters and spaces: the commonest name
    elif "." not in cleaned:  # the words are what the split leaves
        raw_words = [w for w in _SPLIT.split(cleaned) if w]
    else:
        raw_words = []
        for w in _SPLIT.split(cleaned):
            if "." in w and not _ABBREVIATION.fullmatch(w):
                raw_words.extend(w.split("."))  # "vladimir.putin", "St.Petersburg", "co."
            elif w:
                raw_words.append(w)
        raw_words = [w for w in raw_words if w]
    han_runs: list[tuple[Syllable, ...]] = []
    words: list[tuple[str, str]] = []  # (latin text, as written)
    lookalike = False
    latin_name = cleaned.isascii() or _mostly_latin(cleaned)
    # Cyrillic is read in the language the whole name shows (Belarusian "Алег" is Aleh
    # beside "Мікалаевіч"), its look-alike Latin letters read as the Cyrillic they stand
    # for: an i among Cyrillic letters is і (Ukrainian), but not an i of a Latin word
    # beside them (the "Inc." of "АО НИИ Вектор Inc." made НИИ Ukrainian), and a Latin
    # e after ъ is е (read as a Latin letter, it made ъ a Bulgarian vowel)
    cyr = "" if latin_name or not _CYRILLIC.search(cleaned) else cyrillic_language(
        _CYRILLIC_WORD.sub(_as_cyrillic, cleaned) if not cleaned.isascii() else cleaned)
    # (Han text naming a company is read as one, whatever the caller says: see HAN_ORG_MARKS)
    personal = kind != "organization" and (ascii_name or not HAN_ORG_MARKS.search(cleaned))
    cyr_words = cyr not in ("", "ru")  # else no word is told the language
    initials = False  # a one-letter word (or an empty one) among them
    for w in raw_words:
        if w.isascii() and w.isalpha():
            # what _word_parts makes of a word of ASCII letters only (no look-alike, no
            # Han, no apostrophe or period, one Latin word), without a cache entry
            words.append((w.lower(), w))
            initials = initials or len(w) < 2
            continue
        parts, han_run, changed = _word_parts(
            w, latin_name, personal, cyr if cyr_words and _CYRILLIC.search(w) else "")
        lookalike |= changed
        if han_run:
            han_runs.append(han_run)
        words.extend(parts)
        initials = initials or any(len(lat) < 2 for lat, _ in parts)
    if lookalike:
        notes.append("look-alike letters from another script normalized")

    # join runs of single letters ("s a" -> "sa", "j p morgan" -> "jp morgan")
    if initials:  # else _join_initials returns the words as they are
        words = _join_initials(words)

    hyphened = _hyphened_letters(cleaned) if initials and "-" in cleaned else ()
    as_written = words
    if kind != "person":
        words = _without_legal_phrases(words, notes)
    tokens = _scoring_tokens(words, kind, notes, legal=True, comma=surname_order == "comma")
    if not tokens and as_written and kind != "person":
        # every word is a legal form ("PTC GMBH", "SAE OOO", "TBK JSC" are on the lists):
        # they are the name, which would otherwise meet no other name at all
        notes = [n for n in notes if not n.startswith(("legal form ignored", "typo in a legal form"))]
        notes.append("every word is a legal form: all kept")
        tokens = _scoring_tokens(as_written, kind, notes, legal=False,
                                 comma=surname_order == "comma")
    # a Korean name is no Chinese name, even where its syllables would split as Chinese
    # (an ASCII name's words are all ASCII)
    korean_name = not ascii_name and any(_is_hangul(t.orig) for t in tokens)
    organization = kind == "organization" or bool(notes) and any(
        n.startswith(("legal form ignored", "typo in a legal form")) for n in notes)
    # a company's name in Han characters is compared word by word (see
    # _han_company_words), not syllable by syllable as a personal name: its translated
    # words and the place names lists leave out make a company's names differ in length
    sinitic, sinitic_extra = ((), 0) if korean_name or (han_runs and not personal) \
        else _sinitic_sequences(tokens, han_runs, organization=organization,
                                surname_first=surname_word)
    if not organization and not han_runs:
        ko = _korean_sequences(tokens, korean_name, surname_first=surname_word)
        if ko:
            # a Korean reading takes every word: it replaces a Chinese reading that
            # leaves one out, and stands beside one that does not
            sinitic = ko if sinitic_extra else sinitic + ko
            sinitic_extra = 0
    if initials:
        tokens = _true_initials(tokens, hyphened)
    if len(tokens) >= 3 and tokens[-1].text in _FORE_FORMS and tokens[-1].form \
            and surname_order != "comma":
        # "Md" ends a name of three words written given names first as a doctor's
        # letters, not as Muhammad (in "HOSSAIN, Abul Md" it is a given name)
        tokens[-1] = replace(tokens[-1], form="")
    full = sum([full_part(t.weight) for t in tokens])
    company = organization or "every word is a legal form: all kept" in notes
    solid = full + 1.0 if any(t.text == "abd" and t.weight < FULL_WEIGHT for t in tokens) else full
    if initials and not company:  # one initial is half a word (INITIAL_SOLID)
        solid -= INITIAL_SOLID * sum(len(t.initials) == 1 and t.weight >= FULL_WEIGHT
                                     for t in tokens)
    if han_runs and sinitic and all(t.han for t in tokens):
        surname_order = "han"
    return Prepared(
        text=original,
        kind=kind,
        tokens=tuple(tokens),
        notes=tuple(dict.fromkeys(notes)) if notes else (),
        han=tuple(han_runs),
        weight=sum([t.weight for t in tokens]),
        sinitic=sinitic,
        sinitic_extra=sinitic_extra,
        full=full,
        abjad=any(t.abjad for t in tokens),
        solid=solid,
        surname_order=surname_order,
        surname_word=surname_word and bool(sinitic),
        organization=company,
        initials=not company and any(t.initials for t in tokens),
        generation=_generation(notes) if notes else "",
    )


def _generation(notes: list[str]) -> str:
    """The suffix a name's notes say was left out ("suffix ignored: Jr."), as "jr" or
    "sr"; "" for none."""
    for note in notes:
        if note.startswith(_SUFFIX_NOTE):
            return "jr" if note[len(_SUFFIX_NOTE):].lower().startswith("j") else "sr"
    return ""


_SUFFIX_NOTE = "suffix ignored: "


def _scoring_tokens(words: list[tuple[str, str]], kind: str | None, notes: list[str],
                    *, legal: bool, comma: bool = False) -> list[Token]:
    """The tokens of a name's (latin text, as written) words: titles before the name
    and (``legal``, unless ``kind`` is "person") legal forms left out, with a note each;
    particles, "abd", generic company words and titles before a one-word name weighed
    less."""
    tokens: list[Token] = []
    n = len(words)
    not_person = kind != "person"
    soft_titles: list[str] = []  # one entry a title kept (a title may be written twice)
    for i, (lat, orig) in enumerate(words):
        # single letters glued by _join_initials (the one kind of word written with a
        # space) are initials, never a title or a particle: "D R" is no "Dr", and "a r"
        # is no Arabic article, or the reversed "r a" would weigh more than it
        glued_initials = " " in orig
        if lat in GENERATIONS and i > 0 and kind in (None, "person") and orig.isascii() \
                and not glued_initials and sum(w not in GENERATIONS for w, _ in words) >= 2:
            notes.append(f"{_SUFFIX_NOTE}{orig}")
            continue
        if lat in TITLES and n > 1 and i < n - 1 and len(tokens) == len(soft_titles) \
                and not glued_initials and not (lat in _SHIP_TITLES and _DOTTED.search(orig)) \
                and not (lat in _TITLE_ABBREVIATIONS and _is_abjad(orig)):
            if sum(w not in PARTICLES and w not in TITLES for w, _ in words[i + 1:]) == 1:
                # before a one-word name it stays, weighing next to nothing: a list
                # writes it after the surname ("Mullah Krekar" is "KREKAR, Mullah", which
                # kept "mullah" as a word left over), and where both have it, it meets
                soft_titles.append(lat)
            else:
                notes.append(f"title ignored: {orig}")
                continue
        # an edge form counts at an edge of the name, or with only legal forms after it
        # ("ACCIRENT S.A. LLC", "NOYFOX AS LTD."; not "JSC A.S. YAKOVLEV": initials)
        if legal and not_person and n > 1 and (
            lat in LEGAL_FORMS or (lat in EDGE_LEGAL_FORMS and (i == 0 or all(
                w in LEGAL_FORMS or w in EDGE_LEGAL_FORMS for w, _ in words[i + 1:])))
        ) and not (lat in syllable_legal_forms() and _syllable_of_the_name(orig, words, kind)) \
                and not (lat in _LATIN_FIRST_ONLY_FORMS and orig.isascii() and i > 0):
            notes.append(f"legal form ignored: {orig}")
            continue
        if lat[:1] == "a" and len(lat) >= 5 and orig.isascii():
            read = _abd_slip(lat)
            if read != lat:
                notes.append(f"typo read as {read[:5]}: {orig}")
                lat = read
        for part in _split_abd(lat, not orig.isascii() and _is_abjad(orig)) \
                if lat.startswith("abd") else (lat,):
            if part in soft_titles and len(tokens) < len(soft_titles):
                weight = SOFT_TITLE_WEIGHT
            elif ((part in PARTICLES and _sun_article_here(part, i, words, comma)) or part == "abd"
                  or (part == "wa" and _arabic_and(i, words))
                  or (part in ARABIC_PARTICLES and _is_abjad(orig)
                      and (part in HEBREW_PARTICLES or not _is_hebrew(orig)))) \
                    and not glued_initials and not _east_asian(orig):
                # "abd" is as common as a particle; a Korean or Chinese syllable ("An",
                # 安) is a name, not the Arabic article
                weight = PARTICLE_WEIGHT
            elif not_person and (part in GENERIC_ORG_WORDS
                                 or GENERIC_FORMS.get(part) in GENERIC_ORG_WORDS):
                weight = GENERIC_WEIGHT
            else:
                weight = 1.0
            tokens.append(_token(part, orig, weight))
    return tokens


# the Arabic article written as the sun letter it takes on ("as-Sahab", "az-Zawahiri",
# "Nizam ud Din"): the article only before a word opening with that letter; elsewhere
# a name or a part of one ("Ed Smith", the Korean surname "AN Myong Hun", the
# Vietnamese given name of "Nguyen Van An"; "AZ" for avtozavod in "AO AZ URAL")
_SUN_ARTICLES = frozenset("as ash at ad ar an az es ed ud ur".split())


def _sun_article_here(part: str, i: int, words: list[tuple[str, str]], comma: bool) -> bool:
    """Whether a particle at word ``i`` is one (True for any but _SUN_ARTICLES). In a
    name written "SURNAME, Given" (``comma``), the word after the last is the surname,
    the first ("RAHMAN, Inayat ur"; not for "an", "ed", "es", which are names as well:
    "NGUYEN, Van An")."""
    if part not in _SUN_ARTICLES:
        return True
    if i + 1 < len(words):
        following = words[i + 1][0]
    else:
        following = words[0][0] if comma and i and part not in _NAMES_TOO else ""
    return following[:1] == part[1]


_NAMES_TOO = frozenset(("an", "ed", "es"))


def _arabic_and(i: int, words: list[tuple[str, str]]) -> bool:
    """Whether the word ``i`` ("wa") is the Arabic "and": between two words, in a name
    with the Arabic article ("JAISH AL-MUHAJIREEN WA ANSAR"). Elsewhere it is a name
    ("UNITED WA STATE ARMY"; "YUNG, Yiu Wa", 華)."""
    return 0 < i < len(words) - 1 and any(w in ("al", "el") for w, _ in words)


@lru_cache(maxsize=1)
def syllable_legal_forms() -> frozenset[str]:
    """The legal forms that are also one Chinese syllable: "ip" (葉, Hong Kong "Ip"),
    "pao" (Wade-Giles bao), "ao" (敖), "zao", "se", "nv", "sa" (not the pinyin legal
    forms of Han names, "gongsi", "youxiangongsi", which are legal forms there)."""
    return frozenset(w for w in LEGAL_FORMS | EDGE_LEGAL_FORMS
                     if any(len(seg) == 1 for seg in _segments(w)))


def _syllable_of_the_name(orig: str, words: list[tuple[str, str]], kind: str | None) -> bool:
    """Whether a word that is both a legal form and a Chinese (or Korean) syllable is a
    syllable of this name: when it was read from Han or Hangul (敖建明, 박한세), or when
    the name, of unknown kind, reads as a Chinese or Korean personal name: three or four
    words, of four syllables at most in all, the first or the last a surname ("IP
    Kwok-him", "CHEN PAO-CHU", "PAO Yu-hsiang", "Park Han-se"; not "AO Kaspersky Lab",
    "ZAO Kama Shipping", "NARANJO ABAJO, S.A.", nor a company's two words "ZAO
    Huawei")."""
    if _east_asian(orig):
        return True
    if kind is None and len(words) == 2 and orig.lower() == "ip" and \
            len((_segments(words[1][0] if words[0][1] == orig else words[0][0]) or ((),))[0]) == 2:
        # the Hong Kong surname Ip (葉) with a given name of two syllables written as one
        # word ("Ip Chuenfat"): a company's two words are rarely an IP's (ИП is Cyrillic)
        return True
    if kind is not None or not 3 <= len(words) <= 4:
        return False
    for split, surnames, most in ((_segments, surname_syllables(), PERSONAL_NAME_SYLLABLES),
                                  (korean.segment, korean.SURNAMES, korean.MAX_SYLLABLES)):
        splits = [split(lat) for lat, _ in words]
        if all(splits) and sum(len(s[0]) for s in splits) <= most and (
                words[0][0] in surnames or words[-1][0] in surnames):
            return True
    return False


@lru_cache(maxsize=100_000)
def _word_parts(w: str, latin_name: bool, personal: bool, cyrillic: str = ""
                ) -> tuple[tuple[tuple[str, str], ...], tuple[Syllable, ...], bool]:
    """One word as written, split off a name: its (latin text, as written) words, its
    Han characters as syllables (empty when none), and whether look-alike letters were
    replaced. Depends on the word, the name's main script, whether Han characters
    read as a personal name and the language of the name's Cyrillic ("" to read it
    from the word); cached, since words recur from name to name."""
    w2, changed = _fix_lookalikes(w, latin_name)
    words: list[tuple[str, str]] = []
    han_run: tuple[Syllable, ...] = ()
    rest = w  # what the words of the rest are written as: not the Han characters
    if not w2.isascii() and _has_han(w2):
        han_text = "".join(ch for ch in w2 if chinese.is_han(ch))
        ids = chinese.han_ids(han_text, personal_name=personal)
        han_run = tuple(Syllable(ch, d, han=ch) for ch, d in zip(han_text, ids))
        rom = chinese.romanize_han(han_text, personal_name=personal).split()
        if not personal and len(rom) == len(han_text):  # one syllable a character
            company, legal, lead = _han_company_words(han_text, rom)
            words.extend(company)
            if legal or lead:  # the run's legal form is never compared as part of the name
                han_run = han_run[len(lead):len(han_text) - len(legal)]
        else:
            words.extend((p, w2) for p in rom)
        w2 = rest = "".join(ch for ch in w2 if not chinese.is_han(ch))
        if not w2:
            return tuple(words), han_run, changed
    if not w2.isascii():
        # Hebrew: a geresh (or an apostrophe for it) after ג ז צ ץ ת stays, for
        # romanize to read ("טנג'יל" Tanjil, "צ׳רלי" Charlie); another one goes
        w2 = _GERESH.sub("\x00", w2).replace("\u05f3", "")
    w2 = w2.translate(_DROP_APOSTROPHES).replace(".", "").replace("\x00", "\u05f3")
    words.extend((lat, rest) for lat in _latin(w2, cyrillic) if lat)
    return tuple(words), han_run, changed


def _han_company_words(han_text: str, syllables: list[str]
                       ) -> tuple[list[tuple[str, str]], str, str]:
    """The words of a company's name in Han characters, given each character's pinyin,
    each glued into one word and with its characters: (pinyin, characters); and the
    legal forms the name ends and begins with ("" when none, see HAN_LEGAL_FORMS;
    Japanese writes 株式会社 on either side). The words lists translate (HAN_ORG_WORDS)
    are words of their own, where they leave no character alone between them (see
    :func:`_han_pieces`: "陽光電子" is 陽光 電子, not 陽 光電 子; "上海运输" 上海 运输, not
    上 海运 输); the characters between them are read in words of two characters, a
    third left over joining the last: place names and trade names mostly have two,
    and English writes each as a word ("成都景昕科技" is "Chengdu Jingxin Technology",
    "青岛合汇鑫" is "Qingdao Hehuixin"). A 市 or 省 after the first two characters, with
    two more after it, is the city or province the name opens with, which English
    writes without it ("金华市海润" is "Jinhua Hairun"; not the 市场, "market", of
    "人才市场")."""
    legal = next((f for f in HAN_LEGAL_FORMS if han_text.endswith(f)), "")
    lead = next((f for f in HAN_LEGAL_FORMS
                 if han_text.startswith(f) and len(f) + len(legal) < len(han_text)), "")
    end = len(han_text) - len(legal)
    words: list[tuple[str, str]] = []

    def word(a: int, b: int) -> None:
        words.append(("".join(syllables[a:b]), han_text[a:b]))

    if lead:
        word(0, len(lead))
    i = len(lead)
    if end - i >= 5 and han_text[i + 2] in _HAN_PLACE_SUFFIXES \
            and han_text[i + 3] not in _HAN_MARKET:
        word(i, i + 2)  # "金华市": the place alone
        i += 3
    for a, b, table in _han_pieces(han_text, i, end):
        if table:  # (one word or more: 进出口 "jinkou chukou")
            words.extend((p, han_text[a:b]) for p in
                         (HAN_ORG_WORDS[han_text[a:b]] or "".join(syllables[a:b])).split())
            continue
        for x, y in _run_words(a, b):
            word(x, y)
    if legal:
        word(end, len(han_text))
    return words, legal, lead


_HAN_MARKET = frozenset("场場")  # 市场, 市場: "market"


def _han_pieces(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """``text[start:end]`` cut into words of HAN_ORG_WORDS and runs of other
    characters, as (start, end, whether a word of the table). Of the ways to choose
    the table's words found in it, the one whose runs, read in words as
    _han_company_words reads them (see :func:`_run_words`), hold fewest of the table's
    words, then leave fewest runs of one character before another word, then cover
    most characters. A word found wherever it stands cuts a place or a trade name whose
    last character begins it (上海 before 运输 made 上 海运 输); a run of one character
    at the end is a name's suffix (天津科技局: 科技 局, not 科技局), and one at its start a
    trade name of one character (鑫 科技). A name with more than _MOST_HAN_WORDS of the
    table's words is cut at each from the left."""
    found = [(i, i + n) for i in range(start, end) for n in _HAN_ORG_WORD_LENGTHS
             if i + n <= end and text[i:i + n] in HAN_ORG_WORDS]
    if len(found) > _MOST_HAN_WORDS:
        chosen, at = [], start
        for a, b in found:
            if a >= at:
                chosen.append((a, b))
                at = b
        return _pieces(chosen, start, end)

    def cost(chosen: list[tuple[int, int]]) -> tuple[int, int, int]:
        pieces = _pieces(chosen, start, end)
        held = alone = 0
        for a, b, table in pieces:
            if table:
                continue
            words = _run_words(a, b)
            held += sum(any(x <= f and g <= y for x, y in words) for f, g in found)
            alone += b - a == 1 and b != end
        return held, alone, -sum(b - a for a, b in chosen)

    def choices(k: int, at: int, chosen: list[tuple[int, int]]):
        if k == len(found):
            yield chosen
            return
        yield from choices(k + 1, at, chosen)
        a, b = found[k]
        if a >= at:
            yield from choices(k + 1, b, [*chosen, (a, b)])

    return _pieces(min(choices(0, start, []), key=cost), start, end)


_MOST_HAN_WORDS = 8  # 2 ** 8 ways at most (some 7 ms for a name of eight)


def _pieces(chosen: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int, bool]]:
    """The table's words ``chosen`` (in order, apart) and the runs between them."""
    out: list[tuple[int, int, bool]] = []
    at = start
    for a, b in chosen:
        if a > at:
            out.append((at, a, False))
        out.append((a, b, True))
        at = b
    if at < end:
        out.append((at, end, False))
    return out


def _run_words(a: int, b: int) -> list[tuple[int, int]]:
    """The words a run of characters ``a``..``b`` is read in: two characters each, a
    third left over joining the last."""
    starts = list(range(a, b - 1, 2)) if b - a > 3 else [a]
    return list(zip(starts, [*starts[1:], b]))


_SILENT_HE_SUFFIX = "\u0647\u200c\u0627"  # ه, a zero-width non-joiner, ا (of ای, -i)


@lru_cache(maxsize=200_000)
def _token(part: str, orig: str, weight: float) -> Token:
    """A scoring word (cached: tokens are immutable, and words recur)."""
    abjad = _is_abjad(orig)
    korean = not orig.isascii() and _is_hangul(orig)
    # (Arabic and Hebrew script write no Chinese names: أسامة "asama" is no a-sa-ma,
    # which met "Osama" o-sa-ma as another Chinese syllable, at 50)
    syllables = () if korean or abjad else _segments(part)
    # the word as its diacritic letters sound ("Uladzimiravič"), "" when that is no news
    # (or when the word romanizes to more than one word); mostly "" at no cost, so
    # _latin(orig), which romanizes a non-Latin word once more, is asked only then
    sounded = _diacritic_spelling(orig)
    if sounded and len(_latin(orig)) != 1:
        sounded = ""
    hebrew = abjad and _is_hebrew(orig)
    keys = romanized_keys(part) if abjad and not hebrew else phonetic_keys(part)
    if abjad or korean:
        keys = _script_keys(part, keys, korean, hebrew, abjad_letters(orig) if abjad else "")
        if abjad and part.endswith("ei") and _SILENT_HE_SUFFIX in orig:
            # the he before the suffix -i read as written too: "Khamenehi" beside the
            # "khamnei" romanize writes (see romanize._arabic)
            keys = _with_keys_of(keys, [part[:-2] + "ehi"])
    else:
        # a word that reads as Chinese syllables ("zhou") has no Slavic ending, unless
        # it reads as three or more ("Ipatau" i-pa-tau), as only a whole Chinese name
        # written as one word does, whose comparison with a Chinese name the keys of
        # an ending change in nothing ("LIJIANGZHOU"); but for an -ou, the Greek
        # genitive of such words ("Nikolaou", "Zachariou", which met "NIKOLOVA" and
        # "ZACHAROVA" at 96 so)
        keys = _slavic_keys(part, orig, sounded, keys, slavic_endings=not syllables or (
            len(syllables[0]) >= 3 and not part.endswith("ou")))
        if not orig.isascii():
            readings = greek_readings(orig)  # (none unless the word is all Greek)
            if readings and part == _latin(orig)[0]:
                keys = _with_keys_of(keys, readings)
        keys = _weak_keys(part, keys)
    form = _name_form(part)
    if not form and sounded:  # the patronymic shows once č reads as ch
        form = _name_form(sounded.replace("C", "ch").replace("S", "sh").replace("J", "j"))
    return Token(part, orig, keys, weight, syllables, abjad, form, single_letters(part), hebrew,
                 not orig.isascii() and _has_han(orig), _initials(part, orig))


_HYPHENED_LETTER = re.compile(r"(?<!\w)(\w)-(?=\w)|(?<=\w)-(\w)(?!\w)")


def _hyphened_letters(cleaned: str) -> frozenset[str]:
    """The single letters written joined to a word by a hyphen ("SMT-K", "M-SAAN"):
    parts of a name, no initials."""
    return frozenset(a or b for a, b in _HYPHENED_LETTER.findall(cleaned))


def _true_initials(tokens: list[Token], hyphened) -> list[Token]:
    """``tokens`` with the initials (Token.initials) that are none cleared: a letter
    joined to a word by a hyphen (``hyphened``, see :func:`_hyphened_letters`), and
    one letter without a period after the one word of a name ("SOFIA K", "Pontus I",
    "Emily S": vessels, numbered; "Putin V." keeps its initial)."""
    out = tokens
    for i, t in enumerate(tokens):
        if not t.initials or len(t.text) > 1:
            continue
        if t.orig in hyphened or (i == 1 and len(tokens) == 2 and "." not in t.orig
                                  and not tokens[0].initials):
            if out is tokens:
                out = list(tokens)
            out[i] = replace(t, initials="")
    return out


def _initials(part: str, orig: str) -> str:
    """The letters of a word written as initials, else "": one letter ("F", "В"), or
    two or three written with periods or apart, which _join_initials glued ("V.V.",
    "J. U."), each letter of the script one Latin letter. "II" written as a word, "Ж"
    (zh) and 朱 (zhu) are none."""
    if not 1 <= len(part) <= 3 or not part.isascii() or not part.isalpha():
        return ""
    if sum(c.isalpha() for c in orig) != len(part):
        return ""
    if len(part) > 1 and "." not in orig and " " not in orig:
        return ""
    return part


# Letters whose diacritic is a sound of its own in the Latin transliterations of
# Cyrillic names (Czech, Slovak, Croatian, Polish, Baltic, Belarusian Lacinka): "č" is
# ч, not a "c" ("Sergejevič" = "Sergeyevich"), "ŭ" the "v" of a Russian spelling
# ("Lukyanaŭ" = "Lukyanov"); so are Turkish, Azerbaijani and Romanian ç and ş/ș
# ("Koçak" = "Kuchak"). They become the placeholders of the phonetic keys (C = ч,
# S = ш/ж, J = dj), which every convention keeps as they are: keys the word has
# besides those of its plain spelling (French "ç" keeps its s).
_DIACRITIC_SOUNDS = (("tš", "C"), ("dž", "J"), ("č", "C"), ("ć", "C"), ("š", "S"),
                     ("ś", "S"), ("ž", "S"), ("ź", "S"), ("ř", "rS"), ("ŭ", "v"),
                     ("ç", "C"), ("ş", "S"), ("ș", "S"))


_SOUNDED_LETTER = re.compile("[čćšśžźřŭçşș]")  # a letter that _DIACRITIC_SOUNDS reads


def _diacritic_spelling(orig: str) -> str:
    """``orig`` with each such letter read as its sound, "" when it has none."""
    low = orig.lower()
    if low.isascii() or not _SOUNDED_LETTER.search(low):
        return ""
    for a, b in _DIACRITIC_SOUNDS:
        low = low.replace(a, b)
    alt = "".join(ch if ch in "CSJ" else unidecode(ch).lower() for ch in low)
    return "".join(ch for ch in alt if ch.isalnum())


# Belarusian and Ukrainian spellings of Russian surnames: ў after a vowel is written
# u or w where Russian has v (ARLOU = ORLOV, AURAMENKA = AVRAMENKO), h where Russian
# has g (HULIEVIČ = GULEVICH, YAHORAU = YEGOROV), Belarusian dz where it has d before
# a soft vowel (MASHADZEU = MASHADIYEV); a Czech or Slovak woman's surname adds -ová
# (MAJBORODOVÁ = MAJBORODA). Read so only in words with a Slavic ending.
_SLAVIC_ENDING = re.compile(
    r"(?:enk[ao]|sk[iy]i?|skij|sk[iy]y|ska|skaj?a|skaya|[iy]ch|vi[cč]|ov|ova|ev|eva|in|ina"
    r"|[iy]?uk|chuk|au|ou|eu|aw|ow|ew|[iy]j|iy|ii|yi)$")
# _SLAVIC_ENDING needs to see no more of a word than its longest ending ("skaya") and
# the newline its $ may stand before
_SLAVIC_TAIL = 6
# the ending of a patronymic (or a surname made from one) in -ovich / -evich, however
# a system writes its ч: "vich", "vitch", "witsch", "vitj", "vic" (č, ć), "vici"
# (Romanian), "vics" (Hungarian), "vych" (Ukrainian)
_PATRONYMIC_END = re.compile(r"(?<=[aeiouy])[vw][iy](?:ch|tch|tsch|tj|c|ci|cs)$")
_VOWEL_U = re.compile(r"(?<=[aeo])[uw](?=[^aeiouy]|$)")
_SLAVIC_H = re.compile(r"(?<![kscztdgpC])h")
_SLAVIC_DZ = re.compile(r"dz(?=[eiy])")


def _slavic_keys(part: str, orig: str, sounded: str, keys: tuple[str, ...],
                 slavic_endings: bool = True) -> tuple[str, ...]:
    """Extra phonetic keys of a word: those of its spelling with diacritic letters read
    as their sounds (see _DIACRITIC_SOUNDS; the word itself stays plain, so a name
    typed without diacritics still meets it exactly), of its Russian reading when it
    has a Slavic ending (see _SLAVIC_ENDING), and of the Russian-letter reading of a
    Cyrillic word whose г was read h."""
    spellings = [part, sounded] if sounded else [part]
    alts = spellings[1:]
    if "h" in part and ("г" in orig or "Г" in orig):
        # Belarusian and Ukrainian г is h ("Алег" Aleh), which Russian-based spellings of
        # the same names write g ("Aleg", "Siarguei"): the word has the keys of both
        reading = _latin(orig, "ru")
        if len(reading) == 1 and reading[0] != part:
            alts.append(reading[0])
    for t in spellings if slavic_endings else ():
        if len(t) >= 4 and _SLAVIC_ENDING.search(t.lower()[-_SLAVIC_TAIL:]):
            russian = _SLAVIC_H.sub("g", _VOWEL_U.sub("v", t))
            if russian != t:
                alts.append(russian)
            # (beside the dz of a Russian-based spelling of a Belarusian word:
            # "Gienadzjevich" / "Henadzevich")
            hard = _SLAVIC_DZ.sub("d", russian)
            if hard != russian:
                alts.append(hard)
        # the ending's ч as the placeholder every convention keeps, so that the rest of
        # the word is read by its own system: "Michailovich" (German ch for х, then ч)
        # meets "Mikhaylovich", "Michajlovitj" "Mikhailovici"
        if len(t) >= 7:
            canonical = _PATRONYMIC_END.sub("viC", t)
            if canonical != t:
                alts.append(canonical)
    if orig.lower().endswith("ová") and len(part) > 6:
        alts.append(part[:-3])
    return _with_keys_of(keys, alts) if alts else keys


_DOUBLED = re.compile(r"(.)\1+")
_GROUP_1 = operator.methodcaller("group", 1)  # what the template r"\1" gives


def single_letters(text: str) -> str:
    """``text`` with every run of one letter written once: doubling a letter is the
    commonest spelling variant and typo there is ("Mohammed"/"Mohamed", "Mahhmud")."""
    # most words have no doubled letter and are their own answer; a sub with a group in
    # its template would cost a Python call per match, the method caller does not
    return _DOUBLED.sub(_GROUP_1, text) if _DOUBLED.search(text) else text


_SYL_CACHE: dict[str, Syllable] = {}


def latin_syllable(text: str) -> Syllable:
    """A Latin syllable with its phonetic ids (cached)."""
    syl = _SYL_CACHE.get(text)
    if syl is None:
        syl = Syllable(text, chinese.syllable_ids(text))
        if len(_SYL_CACHE) < 100_000:
            _SYL_CACHE[text] = syl
    return syl


_MANDARIN_RULES = frozenset(("pinyin", "Wade-Giles"))
_MANDARIN_CACHE: dict[tuple[str, bool], Syllable] = {}


def mandarin_syllable(text: str, surname: bool = False) -> Syllable:
    """A Latin syllable read as Pinyin or Wade-Giles, or as the Cantonese syllable it
    spells (which meets a Han character's Cantonese reading, never another Mandarin
    syllable); with ``surname`` also as a Hong Kong surname spelling ("Chan" = Chen)."""
    syl = _MANDARIN_CACHE.get((text, surname))
    if syl is None:
        ids = {k: v for k, v in latin_syllable(text).ids.items()
               if v in _MANDARIN_RULES or k.startswith("c:") or (surname and v == "surname")}
        syl = Syllable(text, ids, pinyin=True, surname=surname)
        if len(_MANDARIN_CACHE) < 100_000:
            _MANDARIN_CACHE[(text, surname)] = syl
    return syl


@lru_cache(maxsize=1)
def surname_syllables() -> frozenset[str]:
    """Latin spellings of common Chinese surnames: Pinyin, Wade-Giles, Hong Kong."""
    out: set[str] = set()
    path = Path(__file__).resolve().parents[1] / "data" / "surnames.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) < 3:
            continue
        for py in cells[2].split(","):
            py = py.strip()
            if py and " " not in py:
                out.add(py)
                wg = chinese.to_wade_giles(py) if len(py) < 7 else ""
                out.add("".join(ch for ch in unidecode(wg).lower() if ch.isalpha()))
        if len(cells) > 3:
            out.update(x.strip().lower() for x in cells[3].split(",") if x.strip())
    out.discard("")
    return frozenset(out)


def _surname_length(han_text: str) -> int:
    rom = chinese.romanize_han(han_text, personal_name=True).split()
    if len(rom) < 2:
        return 0
    segs = chinese.segment(rom[0])
    return len(segs[0]) if segs else 1


# a Chinese personal name: a surname of one or two syllables, a given name of one or two
PERSONAL_NAME_SYLLABLES = 4


def _sinitic_sequences(tokens, han_runs, organization: bool = False,
                       surname_first: bool = False):
    """See ``Prepared.sinitic``: (sequences, count of words left out). A Han name is
    split into surname and given name. A Latin name counts as Chinese when its words
    split into syllables and one of them is a common Chinese surname spelling (or, for
    a name written as one word, its first syllable is, and it is spelt in Pinyin); one
    word that does not split (a Western given name: "LAM CHENG, Carrie Yuet-ngor"), or
    that splits but makes the name too long for a Chinese one (see ``_western_word``),
    may be left out; a personal name (or one of unknown kind) that still has more
    than ``PERSONAL_NAME_SYLLABLES`` syllables is no Chinese name."""
    words: list[tuple[tuple[Syllable, ...], ...]] = []
    extra = 0
    if han_runs:
        for run in han_runs:
            n = _surname_length("".join(s.han for s in run))
            if 0 < n < len(run):
                words += [(run[:n],), (run[n:],)]
            else:
                words.append((run,))
        # words beside the Han characters are left out of their reading, and counted
        # ("ALFA 股份" is no "BETA 股份"), unless they spell it ("Zhu Hai Lun 朱海仑")
        extra = len(_beside_han(tokens, han_runs))
    else:
        chinese_toks = [t for t in tokens if t.syllables and len(t.syllables[0]) <= 4]
        extra = len(tokens) - len(chinese_toks)
        western = None if extra or organization else _western_word(chinese_toks)
        if western is not None:
            chinese_toks = chinese_toks[:western] + chinese_toks[western + 1:]
            extra = 1
        n_syllables = sum(len(t.syllables[0]) for t in chinese_toks)
        if not chinese_toks or extra > 1 or (extra and (len(chinese_toks) < 2 or n_syllables < 3)):
            return (), 0  # a left-out word needs a full Chinese name beside it
        if not organization and n_syllables > PERSONAL_NAME_SYLLABLES:
            # more syllables than a Chinese personal name has: "BIN LADEN, Osama" is
            # no bin-la-den-o-sa-ma, whose length would keep it from "BIN LADIN, Osama"
            return (), 0
        if len(chinese_toks) == 1:
            first = chinese_toks[0].syllables[0]
            # a personal name written as one word, its surname first or last
            # ("MINGGUOCHEN"); a company's ("Šuran d.o.o.") is not
            if organization or not (2 <= len(first) <= 4 and (
                    first[0] in surname_syllables() or first[-1] in surname_syllables())):
                return (), 0
            if len(first) == 4 and not any(
                    len(seg) == 4 and (seg[:2] in chinese.compound_surnames()
                                       or seg[2:] in chinese.compound_surnames())
                    for seg in chinese_toks[0].syllables):
                # a surname of one syllable and a given name of two or one make three
                # at most: four need a surname of two ("OUYANGXIAOMING", "XIAOMINGOUYANG"
                # xiao-ming-ou-yang); "MAKANIKA" is no ma-ka-ni-ka
                return (), 0
        elif not any(len(t.syllables[0]) == 1 for t in chinese_toks):
            return (), 0  # a Chinese name has a one-syllable word: the surname
        # Cantonese readings only for a name not spelt wholly in Pinyin: one with a
        # syllable that is no Pinyin ("Lee Ka-chiu", "LAM CHENG Yuet-ngor"). A name
        # spelt wholly in Pinyin keeps its Pinyin: "Zhu Hailin" is not "Zhu Hailun",
        # although Cantonese "lin" may be the character read "lun" in Mandarin; there,
        # Hong Kong surname spellings count only for a whole first or last word.
        cantonese = any(
            "pinyin" not in latin_syllable(s).ids.values()
            for t in chinese_toks for s in t.syllables[0]
        )
        if cantonese and len(chinese_toks) == 1 and len(tokens) == 1:
            # a name written as one word reads as Pinyin ("ZHUHAILUN"); one that needs
            # a Hong Kong spelling is seldom a Chinese name ("HASAM", "SAMSUN")
            return (), 0
        # (a name that says its surname, "SUN, Wai", has no surname at its other end)
        edges = (tokens[0],) if surname_first else (tokens[0], tokens[-1])
        one_word = len(tokens) == 1
        for t in chinese_toks:
            if cantonese:
                words.append(tuple(tuple(latin_syllable(s) for s in seg) for seg in t.syllables))
            else:
                edge = any(t is e for e in edges)
                # ... and so only in its splits into Pinyin syllables: "SAMI" is sa-mi,
                # not the Hong Kong "sam" and the Wade-Giles "i" (森翼, Sen Yi)
                segs = [seg for seg in t.syllables
                        if not one_word or all(s in chinese.PINYIN_SYLLABLES for s in seg)]
                words.append(tuple(tuple(mandarin_syllable(s, edge and len(seg) == 1)
                                         for s in seg) for seg in segs))
    out = []
    for ws, moved in _word_orders(words, surname_first):
        # one split chosen per word; only the first combination takes every word's
        # first split (rank 0)
        for i, splits in enumerate(itertools.islice(itertools.product(*ws), 16)):
            seq = tuple(itertools.chain.from_iterable(splits))
            if len(seq) >= 2:
                out.append((1 if i else 0, moved, seq))
    if not han_runs and len(tokens) == 1 and out:
        # a name written as one word whose last syllable is a surname is also read
        # with that syllable first, as a name of words is with its last word
        surnames = surname_syllables()
        out += [(rank, LAST_FIRST, seq[-1:] + seq[:-1]) for rank, _, seq in list(out)
                if seq[-1].text in surnames]
    return tuple(out), extra


# how a Chinese or Korean reading orders a name's words (Prepared.sinitic's second
# value): as written, the first word moved last, the last word moved first (three words
# or more), two words swapped
AS_WRITTEN, FIRST_LAST, LAST_FIRST, SWAPPED = 0, 1, 2, 3


def _word_orders(words: list, surname_first: bool) -> list[tuple[list, int]]:
    """The orders a name's words are read in, each with its code: a name written
    surname last meets one written surname first, whichever word is the surname. A name
    whose first word is its surname (``surname_first``: "ZHU, Hai Lun") is not read
    with its last word first, which would put the surname between given names."""
    if len(words) < 2:
        return [(words, AS_WRITTEN)]
    if len(words) == 2:
        return [(words, AS_WRITTEN), (words[1:] + words[:1], SWAPPED)]
    orders = [(words, AS_WRITTEN), (words[1:] + words[:1], FIRST_LAST)]
    if not surname_first:
        orders.append((words[-1:] + words[:-1], LAST_FIRST))
    return orders


def _korean_sequences(tokens, hangul: bool, surname_first: bool = False):
    """The name read as Korean, as ``Prepared.sinitic`` holds it (see
    :mod:`screen.names.korean`), () when it is no Korean personal name. A name in Hangul
    reads as its syllables (each a word of its own once romanized). A name in Latin
    letters reads as Korean when every word splits into Korean syllables, two to four
    in all, and its first or last word is a Korean surname ("PAK Pong-nam", "Kwang Yon
    KIM"); like a Chinese name, it is also read with its first word moved last and its
    last word moved first."""
    if not 2 <= len(tokens) <= korean.MAX_SYLLABLES:
        return ()
    if hangul:
        return _hangul_sequence(tokens)
    first, last = tokens[0].text, tokens[-1].text
    if first not in korean.SURNAMES and last not in korean.SURNAMES:
        return ()
    words = []
    total = 0
    for t in tokens:
        if not t.orig.isascii() and _east_asian(t.orig):
            return ()
        splits = korean.segment(t.text)
        if not splits:
            return ()
        total += len(splits[0])
        if total > korean.MAX_SYLLABLES:
            return ()
        words.append(tuple(tuple(korean_syllable(s) for s in seg) for seg in splits))
    if total < 2:
        return ()
    # every order that the Chinese reading tries: a name written surname last meets one
    # written surname first, whichever word is the surname
    out = []
    for ws, moved in _word_orders(words, surname_first):
        for i, splits in enumerate(itertools.islice(itertools.product(*ws), 16)):
            out.append((1 if i else 0, moved, tuple(itertools.chain.from_iterable(splits))))
    return tuple(out)


def _hangul_sequence(tokens):
    """A Hangul personal name of two to four syllables, as written (see
    _korean_sequences), () when its words are not one per syllable."""
    seq: list[Syllable] = []
    for orig, group in itertools.groupby(tokens, key=operator.attrgetter("orig")):
        words = list(group)
        chars = [ch for ch in orig if korean.is_syllable(ch)]
        if len(chars) != len(words):
            return ()
        seq.extend(Syllable(t.text, korean.hangul_ids(ch), korean=True)
                   for ch, t in zip(chars, words))
    if not 2 <= len(seq) <= korean.MAX_SYLLABLES:
        return ()
    return ((0, False, tuple(seq)),)


_KOREAN_CACHE: dict[str, Syllable] = {}


def korean_syllable(text: str) -> Syllable:
    """A Latin syllable read as Korean (cached)."""
    syl = _KOREAN_CACHE.get(text)
    if syl is None:
        syl = Syllable(text, korean.syllable_ids(text), korean=True)
        if len(_KOREAN_CACHE) < 100_000:
            _KOREAN_CACHE[text] = syl
    return syl


def _western_word(toks: list[Token]) -> int | None:
    """Of a Latin name's words that all split into Chinese syllables, the index of a
    Western given name that happens to split ("CHENG, Teresa Yeuk-wah": te-re-sa): the
    words hold more syllables than a Chinese personal name (four), and exactly one word
    of two or more syllables can go to leave a Chinese name of three or four syllables
    that starts or ends with a one-syllable surname. None when there is no such word."""
    total = sum(len(t.syllables[0]) for t in toks)
    if len(toks) < 3 or total <= 4:
        return None
    found = [i for i, t in enumerate(toks) if 3 <= total - len(t.syllables[0]) <= 4
             and len(t.syllables[0]) >= 2]
    if len(found) != 1:
        return None
    rest = toks[:found[0]] + toks[found[0] + 1:]
    surnames = surname_syllables()
    if not any(len(t.syllables[0]) == 1 and t.syllables[0][0] in surnames
               for t in (rest[0], rest[-1])):
        return None
    return found[0]


def _beside_han(tokens, han_runs) -> list[Token]:
    """The words of a name written in Han characters and other letters that are no
    spelling of its Han characters: a word that splits into syllables each of which
    a Han character of the name may be read as (Pinyin, Wade-Giles, Hong Kong: "Zhu
    Hai Lun", "Chu Hoi-lun" beside 朱海仑) spells them."""
    ids = {sid for run in han_runs for syl in run for sid in syl.ids}
    return [t for t in tokens if not t.han and not any(
        all(not ids.isdisjoint(latin_syllable(x).ids) for x in seg) for seg in t.syllables)]


def sinitic_left_out(p: Prepared) -> list[Token]:
    """The words that the name's Chinese reading leaves out (``Prepared.sinitic_extra``)."""
    if not p.sinitic_extra:
        return []
    if p.han:
        return _beside_han(p.tokens, p.han)
    chinese_toks = [t for t in p.tokens if t.syllables and len(t.syllables[0]) <= 4]
    if len(chinese_toks) < len(p.tokens):
        return [t for t in p.tokens if not (t.syllables and len(t.syllables[0]) <= 4)]
    western = _western_word(chinese_toks)
    return [] if western is None else [chinese_toks[western]]


def _join_initials(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    if all(len(lat) > 1 for lat, _ in words):
        return words  # no single letter (and no empty word): nothing to join or drop
    out: list[tuple[str, str]] = []
    run: list[tuple[str, str]] = []
    for w in words + [("", "")]:
        if len(w[0]) == 1 and w[0].isalpha():
            run.append(w)
            continue
        if len(run) >= 2:
            out.append(("".join(r[0] for r in run), " ".join(r[1] for r in run)))
        else:
            out.extend(run)
        run = []
        if w[0]:
            out.append(w)
    return out
