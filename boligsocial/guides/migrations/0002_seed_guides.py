"""Seed the two guides of issue 14, part 1, as version 1, published:

* `saarbarhedsanalyse`: the interview guide of the yearly vulnerability analysis (C3). No
  published protocol exists (domain.md § 4.5: no CFBU source found), so the guide is
  **Boligsocial's own proposal** (`proposal=True`, shown as such in the interface); its themes
  are the ones domain.md § 4.5 proposes. Scores: higher = more vulnerable, 0–100.
* `servicebesoeg`: the checklist of a service visit (C4), from Bo-Vita's visits to the 72 leases
  of Lukretiavej (seed 004): bathrooms and kitchens, blocked drains and vents, limescale,
  unregistered washing and dish-washing machines, linoleum floors, the moisture meter, whose
  responsibility a damage is, the kit handed out.

The bands (yellow from 40, red from 60) are our defaults, not a published standard; an author
changes them in a new version. The data is written out here so the migration never changes."""

from django.db import migrations
from django.utils import timezone

SCALE_VALUES = ("1", "2", "3", "4", "5")
PROBLEM = ("Intet problem", "Et lille problem", "Et vist problem", "Et stort problem",
           "Et meget stort problem")  # fmt: skip
PROBLEM_EN = ("No problem", "A small problem", "Some problem", "A big problem",
              "A very big problem")  # fmt: skip
CONDITION = ("Meget god", "God", "Middel", "Dårlig", "Meget dårlig")
CONDITION_EN = ("Very good", "Good", "Average", "Poor", "Very poor")


def scale(labels, labels_en, reverse=False):
    scores = ["0", "25", "50", "75", "100"]
    if reverse:
        scores.reverse()
    return [
        {"value": v, "label": a, "label_en": b, "score": s}
        for v, a, b, s in zip(SCALE_VALUES, labels, labels_en, scores, strict=True)
    ]


def yes_no(yes, no):
    return [
        {"value": "yes", "label": "Ja", "label_en": "Yes", "score": yes},
        {"value": "no", "label": "Nej", "label_en": "No", "score": no},
        {"value": "dont_know", "label": "Ved ikke", "label_en": "Don't know", "score": None},
    ]


def q(key, type_, text, text_en, choices=(), help_text="", required=False, unit="",
      show_if=("", ()), weight="1"):  # fmt: skip
    return {
        "key": key, "type": type_, "text": text, "text_en": text_en, "choices": list(choices),
        "help_text": help_text, "required": required, "unit": unit,
        "show_if_key": show_if[0], "show_if_values": list(show_if[1]), "weight": weight,
    }  # fmt: skip


INTERVIEW = {
    "key": "saarbarhedsanalyse",
    "kind": "interview",
    "name": "Sårbarhedsanalyse – interviewguide",
    "name_en": "Vulnerability analysis – interview guide",
    "proposal": True,
    "description": (
        "Et struktureret interview på 2–3 timer med afdelingsbestyrelsen og ejendomsmesteren, "
        "én gang om året. Der findes ingen offentliggjort protokol for en sårbarhedsanalyse: "
        "guiden er Boligsocials eget forslag, og temaerne kan tilpasses."
    ),
    "themes": [
        ("beboersammensaetning", "Beboersammensætning og fraflytning", "Resident mix and turnover", [
            q("flytning_omfang", "scale", "Hvordan vurderer I omfanget af til- og fraflytning det seneste år?",
              "How do you rate the turnover of residents in the past year?",
              scale(("Meget lavt", "Lavt", "Som normalt", "Højt", "Meget højt"),
                    ("Very low", "Low", "As usual", "High", "Very high")), required=True),
            q("nye_beboere_hjaelp", "yes_no", "Er der nye beboere, der har brug for hjælp til at falde til?",
              "Are there new residents who need help to settle in?", yes_no("75", "0")),
        ]),
        ("husorden", "Husordenssager og konflikter", "House-rule cases and conflicts", [
            q("husorden_omfang", "scale", "Hvor stort et problem er overtrædelser af husordenen?",
              "How big a problem are breaches of the house rules?", scale(PROBLEM, PROBLEM_EN),
              required=True),
            q("nabokonflikter", "yes_no", "Er der nabokonflikter, som bestyrelsen kender til lige nu?",
              "Are there neighbour conflicts the board knows of right now?", yes_no("100", "0")),
            q("husorden_kendt", "yes_no", "Kender de fleste beboere husordenen?",
              "Do most residents know the house rules?", yes_no("0", "100")),
        ]),
        ("saarbare_beboere", "Sårbare beboere", "Vulnerable residents", [
            q("saarbare_omfang", "scale",
              "Hvor mange beboere oplever I som sårbare (psykisk sygdom, misbrug, ensomhed)?",
              "How many residents do you see as vulnerable (mental illness, addiction, loneliness)?",
              scale(("Ingen", "Få", "Nogle", "Mange", "Rigtig mange"),
                    ("None", "Few", "Some", "Many", "Very many")), required=True,
              help_text="Nævn ikke navne eller helbredsoplysninger om enkeltpersoner."),
            q("saarbare_henvisning", "yes_no", "Ved bestyrelsen, hvor en sårbar beboer kan henvises hen?",
              "Does the board know where to refer a vulnerable resident?", yes_no("0", "100")),
        ]),
        ("boern_unge", "Børn og unge", "Children and young people", [
            q("unge_grupper", "scale", "Hvor stort et problem er grupper, der hænger ud (fx i kældre og opgange)?",
              "How big a problem are groups hanging out (e.g. in basements and stairwells)?",
              scale(PROBLEM, PROBLEM_EN), required=True),
            q("unge_hvor", "text", "Hvor og hvornår sker det?", "Where and when does it happen?",
              show_if=("unge_grupper", ("3", "4", "5"))),
            q("boern_tilbud", "yes_no", "Er der fritidstilbud til børn og unge i eller nær afdelingen?",
              "Are there leisure activities for children and young people in or near the department?",
              yes_no("0", "100")),
        ]),
        ("kriminalitet_tryghed", "Kriminalitet og utryghed", "Crime and feeling unsafe", [
            q("tryghed_moerke", "scale", "Hvor trygge føler beboerne sig efter mørkets frembrud?",
              "How safe do residents feel after dark?",
              scale(("Meget trygge", "Trygge", "Hverken eller", "Utrygge", "Meget utrygge"),
                    ("Very safe", "Safe", "Neither", "Unsafe", "Very unsafe")), required=True),
            q("alvorlige_haendelser", "yes_no",
              "Har der været alvorlige hændelser det seneste år (indbrud, hærværk, vold)?",
              "Have there been serious incidents in the past year (burglary, vandalism, violence)?",
              yes_no("100", "0")),
            q("haendelser_antal", "number", "Omtrent hvor mange?", "About how many?", unit="hændelser",
              show_if=("alvorlige_haendelser", ("yes",))),
        ]),
        ("fysiske_omgivelser", "De fysiske omgivelser", "The physical surroundings", [
            q("omgivelser_stand", "scale",
              "Hvordan er de fysiske omgivelsers stand (belysning, beplantning, affald, hærværk)?",
              "What is the state of the surroundings (lighting, planting, litter, vandalism)?",
              scale(CONDITION, CONDITION_EN), required=True),
        ]),
        ("beboerdemokrati", "Beboerdemokrati og frivillige", "Resident democracy and volunteers", [
            q("demokrati_aktivt", "scale", "Hvor aktivt er beboerdemokratiet (afdelingsmøder, bestyrelse)?",
              "How active is resident democracy (department meetings, the board)?",
              scale(("Slet ikke aktivt", "Lidt aktivt", "Middel", "Aktivt", "Meget aktivt"),
                    ("Not active", "A little active", "Average", "Active", "Very active"),
                    reverse=True), required=True),
            q("frivillige_antal", "number", "Hvor mange frivillige er aktive i afdelingen?",
              "How many volunteers are active in the department?", unit="personer"),
        ]),
        ("samarbejde", "Samarbejde med kommune, politi og skole", "Cooperation with municipality, police and school", [
            q("samarbejde_kvalitet", "scale", "Hvordan fungerer samarbejdet med kommune, politi og skole?",
              "How well does cooperation with the municipality, police and school work?",
              scale(("Meget dårligt", "Dårligt", "Middel", "Godt", "Meget godt"),
                    ("Very badly", "Badly", "Average", "Well", "Very well"), reverse=True),
              required=True),
            q("samarbejde_parter", "multiple", "Hvem samarbejder afdelingen med?",
              "Whom does the department cooperate with?",
              [{"value": v, "label": a, "label_en": b, "score": None} for v, a, b in (
                  ("kommune", "Kommunen", "The municipality"), ("politi", "Politiet", "The police"),
                  ("skole", "Skolen", "The school"), ("ssp", "SSP", "SSP"),
                  ("klub", "Klub / fritidstilbud", "Youth club"))]),
        ]),
        ("ejendomsfunktionaerer", "Ejendomsfunktionærernes iagttagelser", "The caretakers' observations", [
            q("mistrivsel_tegn", "scale",
              "Hvor ofte ser ejendomsfunktionærerne tegn på mistrivsel (fx svigt af boligen, lugtgener)?",
              "How often do the caretakers see signs of distress (e.g. neglect of a flat, smells)?",
              scale(("Aldrig", "Sjældent", "Af og til", "Ofte", "Meget ofte"),
                    ("Never", "Rarely", "Sometimes", "Often", "Very often")), required=True,
              help_text="»Blå ressourcer«: ejendomsmesterens kendskab til afdelingen."),
            q("iagttagelser", "text", "Ejendomsmesterens øvrige iagttagelser", "The caretaker's other observations",
              help_text="Nævn ikke navne, CPR-numre eller helbredsoplysninger."),
        ]),
    ],
}

CHECKLIST = {
    "key": "servicebesoeg",
    "kind": "checklist",
    "name": "Servicebesøg – tjekliste",
    "name_en": "Service visit – checklist",
    "proposal": True,
    "description": (
        "Tjekliste til servicebesøg i alle lejemål, efter Bo-Vitas besøg på Lukretiavej: "
        "badeværelser og køkkener, afløb og ventilation, uregistrerede hvidevarer, gulve, "
        "fugt, og hvad der er beboerens og afdelingens ansvar."
    ),
    "themes": [
        ("badevaerelse", "Badeværelse", "Bathroom", [
            q("bad_stand", "scale", "Badeværelsets stand", "Condition of the bathroom",
              scale(CONDITION, CONDITION_EN), required=True),
            q("afloeb_stoppet", "yes_no", "Er afløb stoppet?", "Are drains blocked?", yes_no("100", "0")),
        ]),
        ("koekken", "Køkken", "Kitchen", [
            q("koekken_stand", "scale", "Køkkenets stand", "Condition of the kitchen",
              scale(CONDITION, CONDITION_EN), required=True),
            q("vandhaner_kalk", "yes_no", "Trænger vandhanerne til afkalkning?",
              "Do the taps need descaling?", yes_no("50", "0")),
        ]),
        ("ventilation", "Ventilation og fugt", "Ventilation and damp", [
            q("ventiler_blokeret", "yes_no", "Er udluftningsventilerne blokeret?",
              "Are the air vents blocked?", yes_no("100", "0"), required=True),
            q("fugt_maalt", "yes_no", "Viser fugtmåleren fugt?", "Does the moisture meter show damp?",
              yes_no("100", "0")),
        ]),
        ("hvidevarer", "Hvidevarer", "Appliances", [
            q("vaskemaskine_uregistreret", "yes_no", "Er der en vaskemaskine, som ikke er registreret?",
              "Is there an unregistered washing machine?", yes_no("100", "0")),
            q("opvaskemaskine_uregistreret", "yes_no", "Er der en opvaskemaskine, som ikke er registreret?",
              "Is there an unregistered dishwasher?", yes_no("100", "0")),
        ]),
        ("gulve", "Gulve", "Floors", [
            q("gulv_linoleum", "yes_no", "Er gulvene dækket af linoleum?", "Are the floors covered with linoleum?",
              yes_no("50", "0"), help_text="Noteres til renoveringen: hvordan gulvet ser ud nedenunder, vides ikke."),
        ]),
        ("ansvar", "Ansvar og net", "Responsibility and kit", [
            q("skade_ansvar", "single", "Hvem har ansvaret for de skader, der blev fundet?",
              "Who is responsible for the damage found?",
              [{"value": v, "label": a, "label_en": b, "score": None} for v, a, b in (
                  ("ingen", "Ingen skader", "No damage"), ("beboer", "Beboerens", "The resident's"),
                  ("afdeling", "Afdelingens", "The department's"), ("begge", "Begges", "Both"))]),
            q("net_udleveret", "yes_no", "Fik beboeren udleveret et net (værktøj, rengøringsmidler, fugtmåler)?",
              "Was the resident given a kit (tools, cleaning agents, moisture meter)?", yes_no(None, None)),
            q("bemaerkninger", "text", "Bemærkninger", "Remarks",
              help_text="Skriv kun, hvad der er nødvendigt. Ingen CPR-numre eller helbredsoplysninger."),
            q("foto", "photo", "Foto af skaden", "Photo of the damage"),
        ]),
    ],
}


def write_guide(apps, data):
    Guide = apps.get_model("guides", "Guide")
    GuideVersion = apps.get_model("guides", "GuideVersion")
    Theme = apps.get_model("guides", "Theme")
    Question = apps.get_model("guides", "Question")
    if Guide.objects.filter(key=data["key"]).exists():
        return
    guide = Guide.objects.create(
        key=data["key"], kind=data["kind"], name=data["name"], name_en=data["name_en"],
        description=data["description"], proposal=data["proposal"],
    )  # fmt: skip
    version = GuideVersion.objects.create(
        guide=guide, number=1, published_at=timezone.now(), yellow_from=40, red_from=60,
        note="Første version.",
    )  # fmt: skip
    for t_pos, (key, title, title_en, questions) in enumerate(data["themes"], start=1):
        theme = Theme.objects.create(
            version=version, key=key, position=t_pos, title=title, title_en=title_en
        )
        for q_pos, row in enumerate(questions, start=1):
            Question.objects.create(theme=theme, position=q_pos, **row)


def seed(apps, schema_editor):
    write_guide(apps, INTERVIEW)
    write_guide(apps, CHECKLIST)


def unseed(apps, schema_editor):
    """Delete the two guides leaf first, without the deletion collector: when later migrations
    of this app (0003 adds fields) are unapplied in the same run, the collector can meet two
    renderings of GuideVersion in the migration state and refuse ("Must be GuideVersion
    instance"). Unapplied before this one, no other app's rows refer to these guides."""
    keys = [INTERVIEW["key"], CHECKLIST["key"]]
    using = schema_editor.connection.alias
    model = apps.get_model
    for name, lookup in (
        ("Answer", "response__version__guide__key__in"),
        ("Response", "version__guide__key__in"),
        ("Question", "theme__version__guide__key__in"),
        ("Theme", "version__guide__key__in"),
        ("GuideVersion", "guide__key__in"),
        ("Guide", "key__in"),
    ):
        rows = model("guides", name).objects.using(using).filter(**{lookup: keys})
        model("guides", name).objects.using(using).filter(
            pk__in=list(rows.values_list("pk", flat=True))
        )._raw_delete(using)


class Migration(migrations.Migration):
    dependencies = [("guides", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
