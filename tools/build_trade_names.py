#!/usr/bin/env python3
"""Build ``eval/trade_names.tsv``: ordinary company names made of trade words.

Most false alarms on companies come from names of common words: a trade ("Shipping",
"Trading", "Petroleum"), a place or a word of praise ("Golden", "Pacific", "Al Noor",
"Kish"), a legal form. ``eval/ordinary_names.tsv`` holds Faker's company names, which
are mostly surnames; this set holds names built the way trading companies in the Gulf,
Iran, China, Russia, Turkey, South and South-East Asia, Europe and Latin America name
themselves, in their scripts and in Latin letters, in 14 patterns (the ``group``
column). It is a stress set, not a sample of any bank's customers: it measures how
often a screener alerts on such names, not how often a bank will see one.

Run ``python tools/build_trade_names.py`` (optionally ``--lists DIR``); deterministic
(one seeded generator). A name whose words are a listed name's (``build_eval.key``,
after the normalizations a matcher is asked to undo: ``build_eval.canon``) is left out,
as ``build_eval`` leaves such ordinary names out: it is no false alarm. Like
``build_eval``, it reads the lists itself and imports nothing from ``screen``.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_eval import DEFAULT_LISTS, OUT, canon, key, load_lists, stable_hash, write_tsv

SEED = 20261130
ADJ = """Global Golden Eastern Western Northern Southern Pacific Atlantic Royal United Star
Blue Green Silver Grand Prime First New Modern Smart Bright Universal Continental Premier
Ocean Sun Sunrise Crystal Diamond Eagle Falcon Lion Phoenix Delta Alpha Omega Apex Summit
Pioneer Victory Harmony Unity Orient Oriental Asia Euro Trans Inter Super Mega Metro City
Central Coastal Desert Emerald Sapphire Pearl Red Black White Orange Rainbow Evergreen""".split()
NOUN = """Star Ocean Bridge Gate Line Wave Way Path Point Horizon Vision Future Link Star Sea
River Valley Mountain Rock Stone Tree Leaf Wing Sky Light Fire Wind Harbor Port Bay Coast
Crown Shield Tower Castle Bridge Circle Square Field""".split()
TRADE = """Trading Shipping Logistics Petroleum Energy Technology Technologies Industrial
Industries Investment Investments Holding Holdings Group Import Export Marine Maritime Oil Gas
Chemicals Electronics Engineering Construction Development Metals Steel Textiles Foods
Agro Mining Resources Capital Ventures Solutions Systems Services Enterprises Commodities
Supplies Equipment Machinery Pharma Medical Consulting Transport Freight Navigation
Tankers Aviation Software Telecom Power Minerals Plastics Packaging Paper Auto Motors""".split()
EN_FORMS = [
    "LLC",
    "Ltd",
    "Ltd.",
    "Limited",
    "Inc.",
    "Corp.",
    "Corporation",
    "Co.",
    "Company",
    "Co., Ltd.",
    "PLC",
    "LLP",
    "Pte Ltd",
    "Pty Ltd",
    "S.A.",
    "GmbH",
    "FZE",
    "FZCO",
    "FZ-LLC",
    "L.L.C.",
    "DMCC",
    "Sdn Bhd",
    "Pvt Ltd",
    "Private Limited",
    "A.S.",
    "A.Ş.",
    "JSC",
    "OOO",
    "B.V.",
    "AG",
    "SRL",
    "S.A.S.",
    "",
]


def composed(rng: random.Random) -> list[tuple[str, str]]:
    """(name, group) for every pattern, duplicates included."""
    rows: list[tuple[str, str]] = []

    def pick(x):
        return rng.choice(x)

    def add(name, group):
        rows.append((" ".join(name.split()), group))

    # 1) English generic: Adj Noun Trade Form / Adj Trade Form
    for _ in range(700):
        form = pick(EN_FORMS)
        if rng.random() < 0.5:
            add(f"{pick(ADJ)} {pick(NOUN)} {pick(TRADE)} {form}", "en_adj_noun_trade")
        else:
            add(f"{pick(ADJ)} {pick(TRADE)} {form}", "en_adj_trade")

    # 2) Gulf / Arabic-style Latin
    AR = """Noor Amal Baraka Salam Khaleej Waha Fajr Hilal Rawda Madina Sahara Zahra Nakheel Majd
    Safwa Jazeera Yasmin Reem Bahar Wafa Rayan Bayan Masa Shams Qamar Nada Rafid Ameen Sultan
    Emirates Arabia Bahrain Marwa Hamd Ihsan Manar Taj Thuraya Mizan Mustaqbal Itqan Ittihad
    Tadamon Badr Hayat Rahma Khair Iman Nour Sabah Dana Lulu Maha Sanabel Wadi Qasr Bustan""".split()
    AR_TRADE = [
        "General Trading",
        "Trading",
        "Building Materials Trading",
        "Foodstuff Trading",
        "Auto Spare Parts Trading",
        "Electronics Trading",
        "Shipping",
        "Marine Services",
        "Contracting",
        "Real Estate",
        "Technical Services",
        "Oil & Gas Services",
        "Textiles Trading",
        "Logistics",
        "Travel & Tourism",
        "Exchange",
        "Petroleum Trading",
    ]
    AR_FORMS = [
        "LLC",
        "L.L.C",
        "FZE",
        "FZCO",
        "FZ-LLC",
        "Est.",
        "Establishment",
        "Co.",
        "W.L.L.",
        "DMCC",
        "Company",
        "SPC",
        "Group",
        "",
    ]
    for _ in range(700):
        art = pick(["Al ", "Al-", "Al", "El ", ""])
        w = pick(AR)
        w = (art + (w.lower() if art == "Al" else w)) if art != "Al" else "Al" + w.lower()
        add(f"{w} {pick(AR_TRADE)} {pick(AR_FORMS)}", "gulf_latin")

    # 3) Arabic script
    AR_S = [
        "النور",
        "الأمل",
        "البركة",
        "السلام",
        "الخليج",
        "الواحة",
        "الفجر",
        "الهلال",
        "الروضة",
        "المدينة",
        "الصحراء",
        "الزهراء",
        "النخيل",
        "المجد",
        "الصفوة",
        "الجزيرة",
        "الياسمين",
        "الريم",
        "الوفاء",
        "الريان",
        "البيان",
        "الشمس",
        "القمر",
        "الندى",
        "الأمين",
        "الاتحاد",
        "التضامن",
        "البدر",
        "الحياة",
        "الرحمة",
        "الخير",
        "الإيمان",
        "الصباح",
        "اللؤلؤ",
        "الوادي",
    ]
    AR_S_TRADE = [
        "للتجارة العامة",
        "للتجارة",
        "للنقل البحري",
        "للمقاولات",
        "للخدمات النفطية",
        "للصرافة",
        "للاستيراد والتصدير",
        "للمواد الغذائية",
        "للإلكترونيات",
        "للسياحة والسفر",
        "للتجارة والصناعة",
        "للاستثمار العقاري",
    ]
    for _ in range(300):
        pre = pick(["شركة", "مؤسسة", "مجموعة", ""])
        post = pick(["", "ذ.م.م", "المحدودة", ""])
        add(f"{pre} {pick(AR_S)} {pick(AR_S_TRADE)} {post}", "arabic_script")

    # 4) Chinese Han
    CITY = "深圳 上海 北京 广州 宁波 义乌 东莞 苏州 杭州 厦门 青岛 天津 香港 成都 武汉 南京 佛山 温州 大连 重庆".split()
    CH = list("华鑫宏泰盛达恒金新永隆兴源鹏顺利丰信安康瑞通嘉德联创中亚美宇辰")
    IND = [
        "科技",
        "贸易",
        "电子",
        "物流",
        "国际贸易",
        "实业",
        "投资",
        "进出口",
        "机械",
        "化工",
        "能源",
        "船务",
        "纺织",
        "服装",
        "电子科技",
        "供应链管理",
        "新材料",
        "航运",
        "五金",
        "塑胶",
    ]
    FORMS_H = [
        "有限公司",
        "有限公司",
        "股份有限公司",
        "有限责任公司",
        "集团有限公司",
        "贸易有限公司",
    ]
    for _ in range(450):
        city = pick(CITY) + pick(["", "市", ""]) if rng.random() < 0.85 else ""
        add(f"{city}{pick(CH)}{pick(CH)}{pick(IND)}{pick(FORMS_H)}", "chinese_han")
    for _ in range(150):  # traditional, Hong Kong / Taiwan
        city = pick(["香港", "臺北", "台灣", "高雄", ""])
        word = pick(CH) + pick(CH)
        word = word.translate(str.maketrans("华兴丰达盛鹏顺利通联创辰", "華興豐達盛鵬順利通聯創辰"))
        add(
            f"{city}{word}{pick(['貿易', '國際', '實業', '科技', '電子', '航運', '物流'])}{pick(['有限公司', '股份有限公司', '企業有限公司'])}",
            "chinese_han_trad",
        )

    # 5) Chinese romanized
    CITY_L = """Shenzhen Shanghai Beijing Guangzhou Ningbo Yiwu Dongguan Suzhou Hangzhou Xiamen
    Qingdao Tianjin Hong Kong Chengdu Wuhan Nanjing Foshan Wenzhou Dalian Chongqing Jiangsu
    Zhejiang Guangdong Shandong Fujian""".split()
    CITY_L = [c for c in CITY_L if c not in ("Hong", "Kong")] + ["Hong Kong"]
    PY = """hua xin hong tai sheng da heng jin yong long xing yuan peng shun li feng an kang rui
    tong jia de lian chuang zhong ya mei yu chen bo hai tian fu guang ming kai""".split()
    IND_L = [
        "Technology",
        "Trading",
        "Electronics",
        "Logistics",
        "International Trade",
        "Industrial",
        "Investment",
        "Import & Export",
        "Machinery",
        "Chemical",
        "Energy",
        "Shipping",
        "Textile",
        "Garments",
        "Electronic Technology",
        "Supply Chain Management",
        "New Material",
        "Hardware",
        "Plastic",
        "Tech",
    ]
    for _ in range(600):
        brand = (pick(PY) + pick(PY)).capitalize()
        if rng.random() < 0.3:
            brand = pick(PY).capitalize() + " " + pick(PY).capitalize()
        city = pick(CITY_L) + " " if rng.random() < 0.75 else pick(["Sino ", "China ", ""])
        form = pick(
            [
                "Co., Ltd.",
                "Co., Ltd",
                "Co. Ltd",
                "Limited",
                "Company Limited",
                "Co.,Limited",
                "Group Co., Ltd.",
                "Corp.",
            ]
        )
        add(f"{city}{brand} {pick(IND_L)} {form}", "chinese_latin")
    for _ in range(100):
        add(
            f"Sino {pick(['Tech', 'Trade', 'Ocean', 'Star', 'Energy', 'Link', 'Pacific', 'Global', 'Asia', 'Steel'])} "
            f"{pick(['Co., Ltd.', 'Limited', 'Holdings Ltd', 'International Ltd', 'Trading Co.'])}",
            "chinese_latin_sino",
        )

    # 6) Russian Cyrillic + transliterated
    RU_P = "Строй Тех Пром Агро Газ Нефть Энерго Транс Мет Снаб Инвест Торг Электро Авто Хим Лес Мед Фарм Тепло Сталь".split()
    RU_S = "инвест снаб сервис торг комплект строй пром трейд маш монтаж техника групп логистик систем альянс".split()
    RU_W = [
        "Восток",
        "Север",
        "Сибирь",
        "Урал",
        "Альфа",
        "Вектор",
        "Меридиан",
        "Гарант",
        "Прогресс",
        "Стандарт",
        "Регион",
        "Капитал",
        "Партнер",
        "Импульс",
        "Орион",
        "Континент",
        "Лидер",
        "Феникс",
        "Атлант",
        "Импэкс",
        "Волга",
        "Кристалл",
        "Заря",
        "Рассвет",
        "Горизонт",
    ]
    RU_F = [
        "ООО",
        "АО",
        "ЗАО",
        "ОАО",
        "ПАО",
        "ИП",
        "ТОВ",
        "ООО Торговый дом",
        "ООО ТД",
        "ООО НПП",
        "ООО ПКФ",
    ]
    LAT = str.maketrans(
        {
            "а": "a",
            "б": "b",
            "в": "v",
            "г": "g",
            "д": "d",
            "е": "e",
            "ж": "zh",
            "з": "z",
            "и": "i",
            "й": "y",
            "к": "k",
            "л": "l",
            "м": "m",
            "н": "n",
            "о": "o",
            "п": "p",
            "р": "r",
            "с": "s",
            "т": "t",
            "у": "u",
            "ф": "f",
            "х": "kh",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "shch",
            "ы": "y",
            "э": "e",
            "ю": "yu",
            "я": "ya",
            "ь": "",
            "ъ": "",
        }
    )
    for _ in range(500):
        if rng.random() < 0.5:
            core = pick(RU_P) + pick(RU_S)
        else:
            core = pick(RU_W) if rng.random() < 0.6 else pick(RU_P) + pick(RU_S) + "-" + pick(RU_W)
        form = pick(RU_F)
        q = pick(["«{}»", '"{}"', "{}"])
        if rng.random() < 0.65:
            add(f"{form} {q.format(core)}", "russian_cyrillic")
        else:
            lat = core.lower().translate(LAT).title()
            add(
                f"{pick(['OOO', 'LLC', 'JSC', 'AO', 'ZAO', 'OOO TD', 'LLC Trading House'])} {lat}"
                if rng.random() < 0.6
                else f"{lat} {pick(['LLC', 'JSC', 'Ltd', 'OOO'])}",
                "russian_latin",
            )

    # 7) Turkish
    TR_W = """Yıldız Anadolu Ege Marmara Karadeniz Akdeniz Doğu Batı Kuzey Güney Altın Gümüş Deniz
    Ay Güneş Özgür Yeni Mavi Yeşil Beyaz Kartal Aslan Toros Erciyes Başak Çınar Efe Ata Bora
    Demir Kaya Tekin Aydın Yılmaz Öztürk Şahin Çelik Koç Kurt""".split()
    TR_I = [
        "İnşaat",
        "Tekstil",
        "Gıda",
        "Otomotiv",
        "Lojistik",
        "Enerji",
        "Kimya",
        "Makina",
        "Metal",
        "Plastik",
        "Turizm",
        "Tarım",
        "Elektrik",
        "Mobilya",
        "Ambalaj",
        "Dış Ticaret",
        "Petrol",
    ]
    TR_F = [
        "Sanayi ve Ticaret A.Ş.",
        "San. ve Tic. A.Ş.",
        "San. Tic. Ltd. Şti.",
        "Ticaret Ltd. Şti.",
        "A.Ş.",
        "Ltd. Şti.",
        "İthalat İhracat Ltd. Şti.",
    ]
    for _ in range(350):
        add(f"{pick(TR_W)} {pick(TR_I)} {pick(TR_F)}", "turkish")

    # 8) Malaysia / Singapore / Indonesia
    MY_W = """Maju Jaya Sinar Harapan Mutiara Cahaya Bintang Megah Sentosa Bumi Kencana Permata
    Indah Makmur Sejahtera Utama Gemilang Murni Damai Setia Baru Lestari Perdana Global Asia""".split()
    MY_I = [
        "Trading",
        "Enterprise",
        "Engineering",
        "Resources",
        "Marine",
        "Logistics",
        "Holdings",
        "Plantation",
        "Construction",
        "Industries",
        "Services",
        "Technology",
        "Oil & Gas",
    ]
    for _ in range(350):
        form = pick(["Sdn Bhd", "Sdn. Bhd.", "Bhd", "Pte Ltd", "Pte. Ltd.", "PT", "CV"])
        core = f"{pick(MY_W)} {pick(MY_W)} {pick(MY_I)}"
        add(f"PT {core}" if form in ("PT", "CV") else f"{core} {form}", "malay")

    # 9) India / Pakistan / Bangladesh
    IN_W = """Shree Sri Om Sai Ganesh Laxmi Balaji Krishna Shiva Durga Ambika Bharat Hindustan Indo
    National Patel Shah Mehta Agarwal Gupta Reliable Supreme Perfect Royal Galaxy Vijay Jai
    Annapurna Ganga Tirupati Kaveri Madina Karachi Lahore Punjab Sindh Dhaka Bengal""".split()
    IN_I = [
        "Traders",
        "Exports",
        "Impex",
        "Overseas",
        "Industries",
        "Enterprises",
        "Textiles",
        "Pharmaceuticals",
        "Chemicals",
        "Steel",
        "Agro Products",
        "Infra",
        "Logistics",
        "Engineering Works",
        "Polymers",
        "Fabrics",
        "Rice Mills",
        "Garments",
        "Shipping",
    ]
    for _ in range(450):
        form = pick(
            ["Pvt Ltd", "Pvt. Ltd.", "Private Limited", "Ltd", "LLP", "& Co.", "& Sons", ""]
        )
        core = (
            f"{pick(IN_W)} {pick(IN_I)}"
            if rng.random() < 0.6
            else f"{pick(IN_W)} {pick(IN_W)} {pick(IN_I)}"
        )
        add(f"{core} {form}", "south_asia")

    # 10) German / Dutch / Scandinavian
    DE_W = """Nord Süd Ost West Rhein Elbe Alpen Berg Stadt Euro Hanse Bayern Sachsen Müller Schmidt
    Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf""".split()
    DE_I = [
        "Logistik",
        "Maschinenbau",
        "Handels",
        "Bau",
        "Technik",
        "Elektro",
        "Metallbau",
        "Transport",
        "Spedition",
        "Immobilien",
        "Energie",
        "Chemie",
        "Holz",
        "Anlagenbau",
        "Industrie",
        "Automation",
        "Verwaltungs",
        "Beteiligungs",
        "Import-Export",
        "Kunststoff",
    ]
    for _ in range(350):
        form = pick(
            [
                "GmbH",
                "GmbH & Co. KG",
                "AG",
                "KG",
                "OHG",
                "e.K.",
                "UG (haftungsbeschränkt)",
                "B.V.",
                "N.V.",
                "AB",
                "A/S",
                "Oy",
                "AS",
            ]
        )
        w = pick(DE_W)
        i = pick(DE_I)
        add(f"{w} {i} {form}" if rng.random() < 0.5 else f"{w}{i.lower()} {form}", "germanic")

    # 11) Romance: Spanish / LatAm / Italian / French / Portuguese
    ES_P = [
        "Comercializadora",
        "Distribuidora",
        "Inversiones",
        "Importadora",
        "Exportadora",
        "Constructora",
        "Transportes",
        "Servicios",
        "Grupo",
        "Industrias",
        "Agropecuaria",
        "Inmobiliaria",
        "Naviera",
        "Petrolera",
        "Minera",
        "Consultora",
        "Soluciones",
        "Tecnologías",
        "Alimentos",
        "Farmacéutica",
    ]
    ES_W = [
        "del Pacífico",
        "del Norte",
        "del Sur",
        "del Caribe",
        "Andina",
        "Latina",
        "Americana",
        "Global",
        "Internacional",
        "Nacional",
        "Central",
        "Continental",
        "Atlántico",
        "San José",
        "Santa Fe",
        "El Sol",
        "La Estrella",
        "Los Andes",
        "Del Valle",
        "Azteca",
        "Maya",
        "Bolívar",
        "Sol y Mar",
        "Monterrey",
        "Guadalajara",
        "Bogotá",
        "Caracas",
        "Lima",
        "Quito",
        "Panamá",
    ]
    ES_F = [
        "S.A.",
        "S.A. de C.V.",
        "S. de R.L. de C.V.",
        "S.A.S.",
        "C.A.",
        "Ltda.",
        "S.L.",
        "S.R.L.",
        "S.p.A.",
        "SARL",
        "S.A.R.L.",
        "Lda.",
        "EIRELI",
        "S.A.C.",
        "",
    ]
    for _ in range(500):
        add(f"{pick(ES_P)} {pick(ES_W)} {pick(ES_F)}", "romance")

    # 12) Iran (Latin and Persian script)
    FA_W = [
        "Pars",
        "Kish",
        "Arya",
        "Sepahan",
        "Tabriz",
        "Isfahan",
        "Shiraz",
        "Mashhad",
        "Khazar",
        "Alborz",
        "Zagros",
        "Damavand",
        "Persian Gulf",
        "Kaveh",
        "Sina",
        "Behran",
        "Nik",
        "Mehr",
        "Roshan",
        "Navid",
        "Omid",
        "Setareh",
        "Ariya",
        "Tejarat",
        "Saman",
        "Azar",
    ]
    FA_I = [
        "Trading Co.",
        "Industrial Group",
        "Petrochemical Co.",
        "Shipping Lines",
        "Tejarat Co.",
        "Steel Co.",
        "Engineering Co.",
        "Commercial Co.",
        "Sanat",
        "Kala",
        "Bazargani",
        "Investment Co.",
        "Electronics Co.",
        "Food Industries",
        "Pharmaceutical Co.",
        "Tile Co.",
        "Carpet Co.",
    ]
    for _ in range(300):
        add(
            f"{pick(FA_W)} {pick(FA_W) + ' ' if rng.random() < 0.3 else ''}{pick(FA_I)}",
            "iran_latin",
        )
    FA_S = [
        "پارس",
        "کیش",
        "آریا",
        "سپاهان",
        "تبریز",
        "اصفهان",
        "شیراز",
        "خزر",
        "البرز",
        "زاگرس",
        "دماوند",
        "کاوه",
        "سینا",
        "مهر",
        "روشن",
        "نوید",
        "امید",
        "ستاره",
        "سامان",
        "آذر",
    ]
    FA_I_S = [
        "بازرگانی",
        "صنعتی",
        "تولیدی",
        "حمل و نقل",
        "پتروشیمی",
        "فولاد",
        "الکترونیک",
        "دارویی",
    ]
    for _ in range(200):
        add(
            f"شرکت {pick(FA_I_S)} {pick(FA_S)} {pick(FA_S) if rng.random() < 0.3 else ''}",
            "iran_persian",
        )

    # 13) Shipping-heavy generic (classic false alarm source)
    SH_N = """Ocean Sea Star Pacific Atlantic Golden Blue Silver Eastern Western Northern Southern
    Global Asia Orient Grand Royal Victory Unity Harmony Glory Fortune Lucky Wisdom Prosperity
    Pearl Jade Dragon Phoenix Eagle Falcon Dolphin Coral Marina Aegean Baltic Caspian Nordic""".split()
    SH_I = [
        "Shipping",
        "Maritime",
        "Navigation",
        "Marine",
        "Shipmanagement",
        "Ship Management",
        "Tankers",
        "Bulk Carriers",
        "Lines",
        "Shipping Lines",
        "Carriers",
        "Seaways",
    ]
    for _ in range(400):
        form = pick(
            [
                "Co. Ltd",
                "Ltd",
                "Inc.",
                "S.A.",
                "Corp.",
                "LLC",
                "Limited",
                "Pte Ltd",
                "GmbH",
                "Co.",
                "",
            ]
        )
        n = pick(SH_N) + " " + pick(SH_N) if rng.random() < 0.6 else pick(SH_N)
        add(f"{n} {pick(SH_I)} {form}", "shipping")

    # 14) Japanese / Korean composed
    JP_W = [
        "山田",
        "田中",
        "東京",
        "大阪",
        "日本",
        "三和",
        "大和",
        "富士",
        "中央",
        "東洋",
        "太平洋",
        "北海道",
        "新日本",
    ]
    JP_I = ["商事", "物産", "工業", "電機", "化学", "運輸", "建設", "精機", "貿易", "製作所"]
    for _ in range(150):
        add(
            pick(["株式会社", ""]) + pick(JP_W) + pick(JP_I) + pick(["株式会社", "", "有限会社"]),
            "japanese",
        )
    KR_W = [
        "대한",
        "한국",
        "동양",
        "삼성",
        "현대",
        "대성",
        "한일",
        "신한",
        "우리",
        "동아",
        "세계",
        "미래",
        "한빛",
    ]
    KR_I = ["무역", "해운", "물산", "산업", "전자", "건설", "화학", "상사", "기계", "물류"]
    for _ in range(150):
        add(
            pick(["(주)", "주식회사 ", ""])
            + pick(KR_W)
            + pick(KR_I)
            + pick(["", " 주식회사", "(주)"]),
            "korean",
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    listed_keys, listed_canons = set(), set()
    for e in load_lists(args.lists):
        for n in e.names:
            listed_keys.add(key(n.text))
            c = canon(n.text)
            if c:
                listed_canons.add(c)
    seen, rows, dropped = set(), [], Counter()
    for name, group in composed(random.Random(SEED)):
        if not name or name in seen:
            continue
        seen.add(name)
        if key(name) in listed_keys or canon(name) in listed_canons:
            dropped[group] += 1
            continue
        rows.append(
            {"name": name, "group": group, "split": "dev" if stable_hash(name) % 2 == 0 else "test"}
        )
    write_tsv(args.out / "trade_names.tsv", ("name", "group", "split"), rows)
    print(
        f"{len(rows)} names; left out as listed names: {sum(dropped.values())} "
        f"({dict(sorted(dropped.items()))})"
    )
    for group, n in sorted(Counter(r["group"] for r in rows).items()):
        print(f"  {group:36s} {n:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
