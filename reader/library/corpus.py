"""Generated news articles for the library's benchmark and tests.

``generate(folder, articles=10_000)`` writes a folder of Arabic news
articles (about 500 words each: 10,000 make about 5 million words) built
from sentence templates written for this project, filled with names drawn
from long lists (thousands of people, hundreds of places and organizations,
so the library has many entities), and paragraphs of the bundled sample
articles. The mix is a library's: mostly UTF-8 text, some Windows-1256,
HTML pages with ``article:published_time``, Markdown; most state their date
in the first line, some only in the file's time. The same seed writes the
same folder.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.arabic import GREGORIAN_MONTHS

FIRST_NAMES = [
    "محمد",
    "أحمد",
    "علي",
    "حسن",
    "حسين",
    "عمر",
    "خالد",
    "يوسف",
    "إبراهيم",
    "مصطفى",
    "سعيد",
    "كريم",
    "طارق",
    "ماجد",
    "فيصل",
    "سلمان",
    "ناصر",
    "جمال",
    "رشيد",
    "وليد",
    "هشام",
    "سامي",
    "عادل",
    "نبيل",
    "زياد",
    "باسل",
    "رامي",
    "مازن",
    "فراس",
    "أنس",
    "بلال",
    "حمزة",
    "إياد",
    "لؤي",
    "منذر",
    "غسان",
    "جواد",
    "قاسم",
    "مهدي",
    "عباس",
    "صادق",
    "جعفر",
    "رائد",
    "ثامر",
    "نزار",
    "شاكر",
    "صلاح",
    "فؤاد",
    "عماد",
    "كمال",
    "منير",
    "هاني",
    "وائل",
    "أيمن",
    "شريف",
    "مراد",
    "رضا",
]
FEMALE_NAMES = [
    "فاطمة",
    "مريم",
    "زينب",
    "سارة",
    "ليلى",
    "هدى",
    "نور",
    "رنا",
    "سلمى",
    "دعاء",
    "أمل",
    "هالة",
    "منى",
    "ريم",
    "لينا",
    "سعاد",
    "نادية",
    "سميرة",
    "رغد",
    "بشرى",
]
FAMILY_NAMES = [
    "الحسيني",
    "العبيدي",
    "الجبوري",
    "الدليمي",
    "الزبيدي",
    "التميمي",
    "الخزاعي",
    "الربيعي",
    "الساعدي",
    "الشمري",
    "العنزي",
    "الحمداني",
    "البياتي",
    "النعيمي",
    "الطائي",
    "القيسي",
    "الكبيسي",
    "الراوي",
    "العاني",
    "الهاشمي",
    "الموسوي",
    "الخطيب",
    "الشريف",
    "القاسم",
    "الرفاعي",
    "المصري",
    "الحلبي",
    "الدمشقي",
    "البغدادي",
    "التونسي",
    "الفاسي",
    "العلوي",
    "الإدريسي",
    "الزياني",
    "الشامي",
    "السوداني",
    "الكردي",
    "البرزنجي",
    "الجاف",
    "الطالباني",
    "منصور",
    "حداد",
    "خوري",
    "نصار",
    "عيسى",
    "سليمان",
    "يونس",
    "عثمان",
    "بركات",
    "شاهين",
    "عواد",
    "جابر",
    "ناصيف",
    "غانم",
    "درويش",
    "الأحمد",
    "السعدي",
    "المحمداوي",
    "الكعبي",
    "العامري",
    "الأسدي",
    "الجنابي",
    "اللامي",
    "الفتلاوي",
    "الغزي",
    "الحلي",
    "الكربلائي",
    "النجفي",
    "البصري",
    "الموصلي",
    "الأنصاري",
    "السامرائي",
    "التكريتي",
    "العزاوي",
    "المشهداني",
    "الدوري",
    "الجميلي",
    "الفهداوي",
    "المحلاوي",
    "القرشي",
    "الزهيري",
]
ROLES = (
    "وزير الخارجية",
    "وزير الصحة",
    "وزير المالية",
    "وزير التخطيط",
    "رئيس الوزراء",
    "المتحدث باسم الحكومة",
    "محافظ البنك المركزي",
    "رئيس البرلمان",
    "النائب",
    "الخبير الاقتصادي",
    "المحلل السياسي",
    "مدير الدفاع المدني",
    "قائد الشرطة",
    "رئيس البلدية",
    "الأمين العام",
    "السفير",
)
PLACES = [
    "بغداد",
    "الموصل",
    "البصرة",
    "أربيل",
    "كركوك",
    "النجف",
    "كربلاء",
    "الرمادي",
    "الفلوجة",
    "تكريت",
    "سامراء",
    "دمشق",
    "حلب",
    "حمص",
    "اللاذقية",
    "درعا",
    "بيروت",
    "صيدا",
    "صور",
    "عمان",
    "إربد",
    "الزرقاء",
    "القدس",
    "غزة",
    "نابلس",
    "الخليل",
    "القاهرة",
    "الإسكندرية",
    "الجيزة",
    "أسوان",
    "الأقصر",
    "الرياض",
    "جدة",
    "الدمام",
    "الكويت",
    "الدوحة",
    "المنامة",
    "مسقط",
    "دبي",
    "الشارقة",
    "صنعاء",
    "عدن",
    "الخرطوم",
    "بنغازي",
    "تونس",
    "صفاقس",
    "سوسة",
    "وهران",
    "قسنطينة",
    "الرباط",
    "فاس",
    "مراكش",
    "طنجة",
    "تطوان",
    "أغادير",
    "نواكشوط",
    "العراق",
    "سوريا",
    "لبنان",
    "الأردن",
    "مصر",
    "السعودية",
    "اليمن",
    "ليبيا",
    "السودان",
    "المغرب",
    "الجزائر",
    "تركيا",
    "إيران",
    "فرنسا",
    "ألمانيا",
    "روسيا",
    "الصين",
    "واشنطن",
    "موسكو",
    "باريس",
    "لندن",
    "جنيف",
    "أنقرة",
    "طهران",
    "نينوى",
    "الأنبار",
    "ديالى",
    "البيضاء",
    "الحديدة",
    "مأرب",
    "إدلب",
    "الرقة",
    "دير",
    "الزور",
    "الحسكة",
]
INSTITUTIONS = (
    "الأمم المتحدة",
    "منظمة الصحة العالمية",
    "الصليب الأحمر",
    "البنك الدولي",
    "صندوق النقد الدولي",
    "الاتحاد الأوروبي",
    "جامعة الدول العربية",
    "منظمة العفو الدولية",
    "برنامج الأغذية العالمي",
    "مجلس الأمن",
    "الهلال الأحمر",
    "منظمة اليونسكو",
)
MINISTRIES = [
    "الصحة",
    "التعليم",
    "الداخلية",
    "الخارجية",
    "المالية",
    "الدفاع",
    "الزراعة",
    "النفط",
    "الكهرباء",
    "التخطيط",
    "العمل",
    "النقل",
    "الثقافة",
    "السياحة",
    "الإسكان",
    "البيئة",
    "العدل",
    "الاتصالات",
    "الصناعة",
    "التجارة",
]
COMPANY_NAMES = [
    "النور",
    "الفجر",
    "الرافدين",
    "دجلة",
    "الفرات",
    "الأطلس",
    "النيل",
    "الخليج",
    "الشام",
    "الأرز",
    "الوطنية",
    "الجنوب",
    "الشمال",
    "السلام",
    "الأمل",
]
COMPANY_TRADES = [
    "للنفط",
    "للاتصالات",
    "للإنشاءات",
    "للتأمين",
    "للنقل",
    "للأغذية",
    "للأدوية",
    "للطاقة",
    "للإسمنت",
    "للحديد",
]
_LEVANT_MONTHS = tuple(names[0] for names in GREGORIAN_MONTHS)
_EGYPT_MONTHS = tuple(names[1] for names in GREGORIAN_MONTHS)
WEEKDAYS = ("الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
NUMBER_WORDS = ("ثلاثة", "أربعة", "خمسة آلاف", "عشرات", "مئات", "ألفين", "ثلاثين", "عشرة آلاف", "بضع مئات", "سبعة")

# {P} a person introduced with a role, {S} the surname of someone already named, {F} a woman,
# {L} {L2} places, {O} {O2} organizations, {N} a number, {R} a percentage, {M} a month.
TEMPLATES = (
    "قال {role} {P} إن {O} ستبدأ خلال الأيام المقبلة تنفيذ خطة جديدة في {L} تشمل {N} مشروعا.",
    "وأضاف {S} في تصريح صحفي أن الحكومة خصصت {N} مليون دولار لإعادة تأهيل البنية التحتية في {L}.",
    "وأعلنت {O} في بيان صدر اليوم أن عدد المستفيدين من برامجها في {L} بلغ {N} شخص.",
    "من جهته، دعا {role} {P} إلى تعزيز التعاون بين {O} و{O2} لمواجهة التحديات الاقتصادية.",
    "وشهدت مدينة {L} احتجاجات شارك فيها نحو {N} شخص للمطالبة بتحسين الخدمات وتوفير فرص العمل.",
    "وأكد {S} أن الوضع في {L} مستقر، مشيرا إلى أن {O} تتابع التطورات عن كثب.",
    "وفي سياق متصل، التقى {P} بوفد من {O} في {L} لبحث سبل دعم المشاريع الصغيرة.",
    "ويقول خبراء إن الأزمة الحالية قد تستمر أشهرا، ما لم تتدخل {O} بشكل مباشر.",
    "ونقلت وسائل إعلام محلية عن مصدر في {O} قوله إن الاجتماع المقبل سيعقد في {L} في {M}.",
    "وتراجعت أسعار المواد الغذائية في أسواق {L} بنسبة {R} خلال الشهر الماضي.",
    "وكان {role} {P} قد زار {L} الأسبوع الماضي، حيث التقى عددا من المسؤولين المحليين.",
    "وأشار تقرير صادر عن {O} إلى أن نسبة البطالة في {L} ارتفعت إلى {R} هذا العام.",
    "وقالت {F}، وهي من سكان {L}، إن الحياة أصبحت صعبة بعد انقطاع الكهرباء لساعات طويلة.",
    "وأوضح {S} أن المفاوضات مع {O} ما زالت مستمرة، وأن النتائج ستعلن قريبا.",
    "ووصل إلى {L} صباح اليوم وفد رفيع من {O} برئاسة {P} في زيارة تستغرق يومين.",
    "وبحسب أرقام رسمية، فقد غادر {N} شخص منازلهم في {L} و{L2} منذ بداية الأزمة.",
    "وحذر {role} {P} من أن استمرار الجفاف سيؤثر على المحاصيل الزراعية في {L}.",
    "وتعهد {S} بمحاسبة المسؤولين عن التقصير، مؤكدا أن {O} لن تتهاون في ذلك.",
    "ووقعت {O} و{O2} اتفاقية لتطوير شبكة النقل بين {L} و{L2} بكلفة {N} مليون دولار.",
    "وأعربت {O} عن قلقها إزاء تدهور الأوضاع الإنسانية في {L}.",
    "وفي {L}، افتتح {P} مستشفى جديدا بسعة {N} سرير بتمويل من {O}.",
    "ولفت {S} إلى أن نسبة الإنجاز في المشروع تجاوزت {R}، متوقعا افتتاحه في {M} المقبل.",
    "وتشير التقديرات إلى أن أكثر من {N} طالب التحقوا بالمدارس في {L} هذا العام.",
    "وردا على سؤال حول موقف {O}، قال {S} إن الحوار هو السبيل الوحيد لحل الخلافات.",
    "واستقبل {role} {P} في مكتبه بمدينة {L} سفير {L2} لبحث العلاقات الثنائية.",
    "وشددت {F}، الناشطة في مجال حقوق الإنسان، على ضرورة حماية المدنيين في {L}.",
    "وذكرت {O} أن فرقها وزعت {N} سلة غذائية على الأسر المحتاجة في {L} و{L2}.",
    "وطالب سكان في {L} بإصلاح الطرق التي تضررت بفعل الأمطار الغزيرة.",
    "ويرى مراقبون أن الانتخابات المقبلة ستكون اختبارا حقيقيا للأحزاب في {L}.",
    "وأفاد شهود عيان بأن حركة السير توقفت لساعات على الطريق الرابط بين {L} و{L2}.",
    "وتأتي هذه الخطوة بعد أسابيع من التوتر بين {O} و{O2} بشأن توزيع الموارد.",
    "وأوضح تقرير {O} أن صادرات {L} ارتفعت بنسبة {R} مقارنة بالعام الماضي.",
    "وقال {P}، أستاذ الاقتصاد في جامعة {L}، إن الإصلاحات ضرورية لكنها تحتاج إلى وقت.",
    "ولم يصدر حتى الآن أي تعليق رسمي من {O} على هذه التصريحات.",
    "وأشاد {S} بجهود فرق الإنقاذ التي عملت طوال الليل في {L}.",
    "وكانت {O} قد أعلنت في {M} الماضي عن برنامج لدعم {N} أسرة في {L}.",
)
FILLER = (
    "ويأتي ذلك في ظل ظروف اقتصادية صعبة تمر بها المنطقة.",
    "وتستمر الجهود لإيجاد حلول دائمة لهذه المشكلة.",
    "ولا تزال الأوضاع غير واضحة حتى الآن.",
    "ويتوقع أن تتضح الصورة خلال الأسابيع المقبلة.",
    "وأثار القرار ردود فعل متباينة في الشارع.",
    "وتعد هذه القضية من أبرز الملفات المطروحة على طاولة الحكومة.",
)
TITLES = (
    "{O} تعلن خطة جديدة لدعم {L}",
    "{P} يزور {L} ويلتقي مسؤولين محليين",
    "احتجاجات في {L} للمطالبة بتحسين الخدمات",
    "ارتفاع الأسعار في {L} يثير قلق السكان",
    "اتفاق بين {O} و{O2} لتطوير النقل",
    "{O} تحذر من تدهور الأوضاع في {L}",
    "مفاوضات جديدة في {L} برعاية {O}",
)


@dataclass(frozen=True, slots=True)
class Corpus:
    """What ``generate`` wrote: the files, their bytes and words."""

    files: tuple[Path, ...]
    bytes: int
    words: int


def generate(
    folder: str | os.PathLike[str],
    articles: int = 10_000,
    *,
    seed: int = 12,
    words: int = 500,
    progress: Callable[[int], None] = lambda written: None,
) -> Corpus:
    """Write ``articles`` articles of about ``words`` words under ``folder`` (subfolders by month)."""
    rng = random.Random(seed)
    root = Path(folder)
    samples = _sample_paragraphs()
    people = _people(rng)
    organizations = _organizations()
    files: list[Path] = []
    total_bytes = total_words = 0
    start = dt.date(2016, 1, 1)
    for number in range(articles):
        date = start + dt.timedelta(days=rng.randrange(3 * 365))
        writer = _ArticleWriter(rng, people, organizations)
        title = writer.fill(rng.choice(TITLES))
        paragraphs: list[str] = []
        count = 0
        while count < words:
            if samples and rng.random() < 0.08:
                paragraph = rng.choice(samples)
            else:
                paragraph = " ".join(writer.sentence() for _ in range(rng.randint(3, 6)))
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        place = rng.choice(PLACES)
        kind = rng.random()
        subfolder = root / f"{date:%Y-%m}"
        subfolder.mkdir(parents=True, exist_ok=True)
        stem = f"article-{number:05d}"
        if kind < 0.12:
            path, data = subfolder / f"{stem}.html", _html(title, date, place, paragraphs).encode("utf-8")
        elif kind < 0.20:
            path, data = subfolder / f"{stem}.md", _markdown(title, date, place, paragraphs).encode("utf-8")
        else:
            dateline = _dateline(rng, date, place) if kind < 0.85 else place + " -"
            text = title + "\n\n" + dateline + " " + "\n\n".join(paragraphs) + "\n"
            encoding = "cp1256" if kind > 0.95 else "utf-8"
            path, data = subfolder / f"{stem}.txt", text.encode(encoding, errors="replace")
        path.write_bytes(data)
        stamp = dt.datetime.combine(date, dt.time(12)).timestamp()
        os.utime(path, (stamp, stamp))
        files.append(path)
        total_bytes += len(data)
        total_words += count + len(title.split())
        progress(number + 1)
    return Corpus(tuple(files), total_bytes, total_words)


class _ArticleWriter:
    """Fills templates for one article: a cast of a few people, places and organizations."""

    def __init__(self, rng: random.Random, people: list[tuple[str, str]], organizations: list[str]) -> None:
        self.rng = rng
        self.cast = rng.sample(people, rng.randint(3, 6))
        self.places = rng.sample(PLACES, rng.randint(2, 5))
        self.organizations = rng.sample(organizations, rng.randint(2, 4))
        self.named: list[tuple[str, str]] = []

    def sentence(self) -> str:
        if self.rng.random() < 0.12:
            return self.rng.choice(FILLER)
        return self.fill(self.rng.choice(TEMPLATES))

    def fill(self, template: str) -> str:
        rng = self.rng
        values: dict[str, str] = {
            "role": rng.choice(ROLES),
            "F": f"{rng.choice(FEMALE_NAMES)} {rng.choice(FAMILY_NAMES)}",
            "L": rng.choice(self.places),
            "L2": rng.choice(PLACES),
            "O": rng.choice(self.organizations),
            "O2": rng.choice(self.organizations + list(INSTITUTIONS)),
            "N": _number(rng),
            "R": f"{rng.randint(2, 60)}%" if rng.random() < 0.7 else f"{_arabic_digits(rng.randint(2, 60))}٪",
            "M": rng.choice(_LEVANT_MONTHS + _EGYPT_MONTHS),
        }
        if "{P}" in template:
            person = rng.choice(self.cast)
            if person not in self.named:
                self.named.append(person)
            values["P"] = " ".join(person)
        if "{S}" in template:
            person = rng.choice(self.named) if self.named else rng.choice(self.cast)
            values["S"] = person[1] if self.named else " ".join(person)
        return template.format(**values)


def _people(rng: random.Random) -> list[tuple[str, str]]:
    """Several thousand distinct people: first name (sometimes two) and family name."""
    people = [(first, family) for first in FIRST_NAMES for family in FAMILY_NAMES]
    rng.shuffle(people)
    return people


def _organizations() -> list[str]:
    return [
        *INSTITUTIONS,
        *(f"وزارة {m}" for m in MINISTRIES),
        *(f"شركة {name} {trade}" for name in COMPANY_NAMES for trade in COMPANY_TRADES),
        *(f"جامعة {p}" for p in PLACES[:40]),
        *(f"مجلس محافظة {p}" for p in PLACES[:12]),
    ]


def _number(rng: random.Random) -> str:
    value = rng.choice((rng.randint(2, 99), rng.randint(100, 9999), rng.randint(10, 500) * 1000))
    style = rng.random()
    if style < 0.45:
        return f"{value:,}"
    if style < 0.7:
        return _arabic_digits(value)
    return rng.choice(NUMBER_WORDS)


def _arabic_digits(value: int) -> str:
    return str(value).translate({ord(d): chr(0x0660 + int(d)) for d in "0123456789"})


def _dateline(rng: random.Random, date: dt.date, place: str) -> str:
    weekday = WEEKDAYS[date.weekday()]
    if rng.random() < 0.5:
        return f"{place} - {weekday} {date.day} {_LEVANT_MONTHS[date.month - 1]} {date.year}:"
    if rng.random() < 0.5:
        return f"{place} - {date.day} {_EGYPT_MONTHS[date.month - 1]} {date.year} -"
    return f"{place} ({date:%d/%m/%Y}) -"


def _html(title: str, date: dt.date, place: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        '<!doctype html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f'<meta property="article:published_time" content="{date.isoformat()}T09:30:00+03:00">'
        f"</head><body><nav><a href='/'>الرئيسية</a></nav><article><h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(place)} -</p>\n{body}</article><footer>جميع الحقوق محفوظة</footer></body></html>\n"
    )


def _markdown(title: str, date: dt.date, place: str, paragraphs: list[str]) -> str:
    return f"# {title}\n\n*{place}، {date.isoformat()}*\n\n" + "\n\n".join(paragraphs) + "\n"


def _sample_paragraphs() -> list[str]:
    """Paragraphs of the bundled sample articles (written for this project)."""
    from reader.io import LoadError, load
    from reader.resources import resource_path

    paragraphs: list[str] = []
    for path in sorted(resource_path("samples").glob("*")):
        try:
            text = load(path).text
        except LoadError:
            continue
        paragraphs.extend(p.strip() for p in text.split("\n\n") if len(p.split()) >= 20)
    return paragraphs
