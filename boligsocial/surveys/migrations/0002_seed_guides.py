"""Seed the two survey guides of issue 15, part 1, as version 1, published (decision 0032).

* `tryghedsundersoegelse`: a short safety survey. Its core item is CFBU's classic "Hvor tryg
  føler du dig ved at færdes i dit boligområde efter mørkets frembrud?" (CFBU, "Tryghed i
  udsatte boligområder", 2012; domain.md § 4.3) on a 5-point scale with "ved ikke" (domain.md:
  no source fixes the scale, so the 5-point scale is our choice), the police survey's 1–7
  variant of basic safety in the neighbourhood as a second item so results can be compared
  (Justitsministeriets Forskningskontor, Tryghedsundersøgelsen; domain.md § 4.1, the scale as
  reported in the press), neighbourhood problems (nabolagsproblemer) and how unsafe they make
  you, and trust in getting help (the police; the neighbours), as the police and Copenhagen
  surveys ask (§ 4.1–4.2). Wording ours except the CFBU item.
* `trivselsmaaling`: a well-being survey on naboskabet.dk's seven parameters (KAB with LBF
  support; domain.md § 4.3, via abcenter.dk): one statement each, **our own wording**, not
  naboskabet.dk's questionnaire; the safety parameter reuses the core item's key so the two
  surveys compare.

Choice scores are the engine's: 0–100, higher = worse; the survey index turns them round
(index = 100 − score). The Arabic texts of the safety guide are a demo translation to be
checked by a native speaker before use; an organisation supplies its own for Somali, Turkish
and other languages (`translations` on the guide, its themes and questions)."""

from django.db import migrations
from django.utils import timezone

DK = {"value": "dont_know", "label": "Ved ikke", "label_en": "Don't know", "score": None}


def steps(labels, labels_en, scores):
    return [
        {"value": str(i), "label": a, "label_en": b, "score": s}
        for i, (a, b, s) in enumerate(zip(labels, labels_en, scores, strict=True), start=1)
    ]


FIVE = ["0", "25", "50", "75", "100"]
SAFE = steps(
    ("Meget tryg", "Tryg", "Hverken tryg eller utryg", "Utryg", "Meget utryg"),
    ("Very safe", "Safe", "Neither safe nor unsafe", "Unsafe", "Very unsafe"),
    FIVE,
) + [DK]
SEVEN = steps(
    ("1 – grundlæggende tryg", "2", "3", "4", "5", "6", "7 – grundlæggende utryg"),
    ("1 – basically safe", "2", "3", "4", "5", "6", "7 – basically unsafe"),
    ["0", "16.7", "33.3", "50", "66.7", "83.3", "100"],
)
HELP = steps(
    ("Ja, helt sikkert", "Ja, det tror jeg", "Nej, det tror jeg ikke", "Nej, slet ikke"),
    ("Yes, certainly", "Yes, I think so", "No, I don't think so", "No, not at all"),
    ["0", "33.3", "66.7", "100"],
) + [DK]
AGREE = steps(
    ("Helt enig", "Enig", "Hverken enig eller uenig", "Uenig", "Helt uenig"),
    ("Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"),
    FIVE,
) + [DK]
CONTENT = steps(
    ("Meget tilfreds", "Tilfreds", "Hverken tilfreds eller utilfreds", "Utilfreds",
     "Meget utilfreds"),
    ("Very satisfied", "Satisfied", "Neither satisfied nor dissatisfied", "Dissatisfied",
     "Very dissatisfied"),
    FIVE,
) + [DK]  # fmt: skip
UNSAFE_HOW = steps(
    ("Slet ikke utryg", "Lidt utryg", "Noget utryg", "Meget utryg", "Særdeles utryg"),
    ("Not at all unsafe", "A little unsafe", "Somewhat unsafe", "Very unsafe",
     "Extremely unsafe"),
    FIVE,
)  # fmt: skip
PROBLEMS = [
    {"value": v, "label": a, "label_en": b, "score": None}
    for v, a, b in (
        ("haervaerk", "Hærværk eller graffiti", "Vandalism or graffiti"),
        ("affald", "Affald og henkastet skrald", "Litter and dumped rubbish"),
        ("unge", "Grupper af unge, der skaber utryghed", "Groups of young people causing unease"),
        ("narko", "Handel med eller brug af narko", "Drug dealing or drug use"),
        ("indbrud", "Indbrud i lejligheder, kældre eller biler", "Burglary of flats, cellars or cars"),
        ("chikane", "Chikane, trusler eller råb", "Harassment, threats or shouting"),
        ("belysning", "Dårlig belysning", "Poor lighting"),
        ("ingen", "Ingen af disse", "None of these"),
    )
]  # fmt: skip


def q(key, type_, text, text_en, choices=(), help_text="", show_if=("", ()), tr=None):
    return {
        "key": key, "type": type_, "text": text, "text_en": text_en, "choices": list(choices),
        "help_text": help_text, "required": False, "unit": "", "weight": "1",
        "show_if_key": show_if[0], "show_if_values": list(show_if[1]),
        "translations": tr or {},
    }  # fmt: skip


CORE = "Hvor tryg føler du dig ved at færdes i dit boligområde efter mørkets frembrud?"
AR_SAFE = {"1": "آمن جدًا", "2": "آمن", "3": "لا آمن ولا غير آمن", "4": "غير آمن",
           "5": "غير آمن إطلاقًا", "dont_know": "لا أعرف"}  # fmt: skip
AR_HELP = {"1": "نعم، بالتأكيد", "2": "نعم، أعتقد ذلك", "3": "لا، لا أعتقد ذلك",
           "4": "لا، إطلاقًا", "dont_know": "لا أعرف"}  # fmt: skip

SAFETY = {
    "key": "tryghedsundersoegelse",
    "name": "Tryghedsundersøgelse – kort",
    "name_en": "Safety survey – short",
    "translations": {"ar": {"name": "استبيان الشعور بالأمان – قصير"}},
    "description": (
        "Kort tryghedsundersøgelse blandt beboerne. Kerne­spørgsmålet er CFBU's (»Tryghed i "
        "udsatte boligområder«, 2012); 1–7-skalaen følger Justitsministeriets "
        "Tryghedsundersøgelse, så resultaterne kan sammenlignes; nabolagsproblemer og tillid "
        "til at få hjælp som i politiets og Københavns Kommunes undersøgelser. Øvrig "
        "formulering: Boligsocials egen."
    ),
    "themes": [
        ("tryghed", "Tryghed i boligområdet", "Safety in your area",
         {"ar": {"title": "الأمان في منطقتك السكنية"}}, [
            q("tryg_moerke", "single", CORE,
              "How safe do you feel moving around your area after dark?", SAFE,
              tr={"ar": {"text": "ما مدى شعورك بالأمان عند التنقل في منطقتك السكنية بعد حلول الظلام؟",
                         "choices": AR_SAFE}}),
            q("tryg_grundlaeggende", "single",
              "Hvor tryg eller utryg føler du dig grundlæggende i dit boligområde?",
              "How safe or unsafe do you basically feel in your area?", SEVEN,
              help_text="1 betyder grundlæggende tryg, 7 grundlæggende utryg (samme skala som "
                        "Justitsministeriets tryghedsundersøgelse).",
              tr={"ar": {"text": "ما مدى شعورك بالأمان أو عدمه في منطقتك السكنية بشكل عام؟",
                         "help_text": "1 تعني آمن تمامًا، و7 تعني غير آمن تمامًا.",
                         "choices": {"1": "1 – آمن تمامًا", "7": "7 – غير آمن تمامًا"}}}),
        ]),
        ("nabolag", "Problemer i nabolaget", "Problems in the neighbourhood",
         {"ar": {"title": "مشاكل في الحي"}}, [
            q("problemer", "multiple", "Hvilke af disse problemer oplever du i dit boligområde?",
              "Which of these problems do you experience in your area?", PROBLEMS,
              help_text="Vælg alle, der passer.",
              tr={"ar": {"text": "أيٌّ من هذه المشاكل تواجهها في منطقتك السكنية؟",
                         "help_text": "اختر كل ما ينطبق.",
                         "choices": {"haervaerk": "تخريب أو كتابات على الجدران",
                                     "affald": "قمامة ونفايات ملقاة",
                                     "unge": "مجموعات من الشباب تسبب القلق",
                                     "narko": "بيع أو تعاطي المخدرات",
                                     "indbrud": "سرقة الشقق أو المخازن أو السيارات",
                                     "chikane": "مضايقات أو تهديدات أو صراخ",
                                     "belysning": "إضاءة سيئة", "ingen": "لا شيء من هذه"}}}),
            q("problemer_utryg", "scale", "Hvor utryg gør problemerne dig?",
              "How unsafe do these problems make you feel?", UNSAFE_HOW,
              show_if=("problemer", ("haervaerk", "affald", "unge", "narko", "indbrud",
                                     "chikane", "belysning")),
              tr={"ar": {"text": "إلى أي مدى تجعلك هذه المشاكل تشعر بعدم الأمان؟",
                         "choices": {"1": "لا أشعر بعدم الأمان إطلاقًا", "2": "قليلًا",
                                     "3": "إلى حد ما", "4": "كثيرًا", "5": "كثيرًا جدًا"}}}),
        ]),
        ("hjaelp", "Tillid til at få hjælp", "Trust in getting help",
         {"ar": {"title": "الثقة في الحصول على المساعدة"}}, [
            q("hjaelp_politi", "single",
              "Tror du, at politiet vil hjælpe dig, hvis du får brug for det?",
              "Do you think the police will help you if you need it?", HELP,
              tr={"ar": {"text": "هل تعتقد أن الشرطة ستساعدك إذا احتجت إلى ذلك؟",
                         "choices": AR_HELP}}),
            q("hjaelp_naboer", "single",
              "Tror du, at dine naboer vil hjælpe dig, hvis du bliver udsat for noget "
              "ubehageligt?",
              "Do you think your neighbours will help you if something unpleasant happens to "
              "you?", HELP,
              tr={"ar": {"text": "هل تعتقد أن جيرانك سيساعدونك إذا تعرضت لشيء مزعج؟",
                         "choices": AR_HELP}}),
        ]),
        ("kommentar", "Dine kommentarer", "Your comments", {"ar": {"title": "تعليقاتك"}}, [
            q("steder", "text",
              "Er der steder i boligområdet, hvor du føler dig utryg? Skriv gerne hvor og "
              "hvorfor.",
              "Are there places in the area where you feel unsafe? Tell us where and why.",
              help_text="Skriv ikke navne på andre beboere.",
              tr={"ar": {"text": "هل توجد أماكن في المنطقة تشعر فيها بعدم الأمان؟ اكتب أين ولماذا.",
                         "help_text": "لا تكتب أسماء سكان آخرين."}}),
        ]),
    ],
}  # fmt: skip

WELLBEING = {
    "key": "trivselsmaaling",
    "name": "Trivselsmåling – syv parametre",
    "name_en": "Well-being survey – seven parameters",
    "translations": {},
    "description": (
        "Trivselsmåling på naboskabet.dk's syv parametre (KAB med støtte fra Landsbyggefonden; "
        "kilde: abcenter.dk, »Sådan måler du naboskab«): tilfredshed, naboskab, kontakter uden "
        "for boligområdet, tryghed, det fysiske miljø, ressourcer og accept af forskellighed. "
        "Ét udsagn pr. parameter i Boligsocials egen formulering – ikke naboskabet.dk's "
        "spørgeskema, og uden deres landstal. Tryghed bruger kernespørgsmålet fra "
        "tryghedsundersøgelsen, så de to kan sammenlignes."
    ),
    "themes": [
        ("tilfredshed", "Tilfredshed", "Satisfaction", {}, [
            q("tilfreds_samlet", "single", "Hvor tilfreds er du alt i alt med at bo her?",
              "Overall, how satisfied are you with living here?", CONTENT)]),
        ("naboskab", "Naboskab", "Neighbourliness", {}, [
            q("naboer_hilser", "single", "Jeg hilser på og taler med mine naboer.",
              "I greet and talk with my neighbours.", AGREE)]),
        ("kontakter", "Kontakter uden for boligområdet", "Contacts outside the area", {}, [
            q("kontakt_ude", "single",
              "Jeg ses med familie, venner eller kolleger, der bor uden for boligområdet.",
              "I see family, friends or colleagues who live outside the area.", AGREE)]),
        ("tryghed", "Tryghed", "Safety", {}, [
            q("tryg_moerke", "single", CORE,
              "How safe do you feel moving around your area after dark?", SAFE)]),
        ("fysisk_miljoe", "Det fysiske miljø", "Physical surroundings", {}, [
            q("miljoe_tilfreds", "single",
              "Hvor tilfreds er du med udearealer, opgange og vedligeholdelse?",
              "How satisfied are you with the outdoor areas, stairwells and upkeep?", CONTENT)]),
        ("ressourcer", "Ressourcer", "Resources", {}, [
            q("overskud", "single",
              "Jeg har overskud til at deltage i aktiviteter eller hjælpe andre her.",
              "I have the energy to take part in activities or help others here.", AGREE)]),
        ("forskellighed", "Accept af forskellighed", "Acceptance of difference", {}, [
            q("plads_forskellige", "single", "Her er plads til, at folk er forskellige.",
              "There is room here for people to be different.", AGREE)]),
    ],
}  # fmt: skip


def write_guide(apps, data):
    Guide = apps.get_model("guides", "Guide")
    GuideVersion = apps.get_model("guides", "GuideVersion")
    Theme = apps.get_model("guides", "Theme")
    Question = apps.get_model("guides", "Question")
    if Guide.objects.filter(key=data["key"]).exists():
        return
    guide = Guide.objects.create(
        key=data["key"], kind="survey", name=data["name"], name_en=data["name_en"],
        description=data["description"], proposal=False, translations=data["translations"],
    )  # fmt: skip
    version = GuideVersion.objects.create(
        guide=guide, number=1, published_at=timezone.now(), yellow_from=40, red_from=60,
        note="Første version.",
    )  # fmt: skip
    for t_pos, (key, title, title_en, tr, questions) in enumerate(data["themes"], start=1):
        theme = Theme.objects.create(
            version=version, key=key, position=t_pos, title=title, title_en=title_en,
            translations=tr,
        )  # fmt: skip
        for q_pos, row in enumerate(questions, start=1):
            Question.objects.create(theme=theme, position=q_pos, **row)


def seed(apps, schema_editor):
    write_guide(apps, SAFETY)
    write_guide(apps, WELLBEING)


def unseed(apps, schema_editor):
    # Children first, without the cascade collector (it trips over other apps' historical
    # models, as in analyses/migrations/0003).
    alias = schema_editor.connection.alias
    keys = [SAFETY["key"], WELLBEING["key"]]
    get = apps.get_model
    get("guides", "Question").objects.filter(theme__version__guide__key__in=keys)._raw_delete(alias)
    get("guides", "Theme").objects.filter(version__guide__key__in=keys)._raw_delete(alias)
    get("guides", "GuideVersion").objects.filter(guide__key__in=keys)._raw_delete(alias)
    get("guides", "Guide").objects.filter(key__in=keys)._raw_delete(alias)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial"), ("guides", "0003_question_translations")]

    operations = [migrations.RunPython(seed, unseed)]
