"""The built-in letter texts, used when neither the organisation nor the shared default row has
its own template (services.letters.letter_template).

Written in Danish, not as gettext msgids: a letter goes to a Danish household whatever language
the caseworker's screen is in. Built from domain.md § 5.1 (henstilling → advarsel →
beboerklagenævn; the board's decision can be brought before the housing court). No figures that
domain.md marks unknown (fees, answer periods): where a letter needs a date, time or place, the
text has a marker `[udfyld: …]`, and a letter is not issued while one is left (`UNFILLED`).

Placeholders: see services.letters.LETTER_PLACEHOLDERS. None of them names a party other than
the recipient."""

import re

#: A place the caseworker must fill in before the letter is issued.
UNFILLED = re.compile(r"\[udfyld:[^\]]*\]")

_CLOSING = "Med venlig hilsen\n{{ caseworker }}\n{{ organisation }}"

#: kind -> (subject, body)
DEFAULT_LETTERS: dict[str, tuple[str, str]] = {
    "request": (
        "Henstilling om husordenen",
        "Kære {{ respondents }}\n\n"
        "Vi har modtaget en klage vedrørende {{ address }} i {{ department }} om: "
        "{{ category }}.\n\n"
        "Vi henstiller til, at I overholder husordenen, så alle kan bo godt sammen. Kontakt os "
        "endelig, hvis I har spørgsmål.\n\n"
        "Sagsnummer: {{ reference }}\n\n" + _CLOSING,
    ),
    "warning": (
        "Advarsel om overtrædelse af husordenen",
        "Kære {{ respondents }}\n\n"
        "Vi har modtaget klager vedrørende {{ address }} i {{ department }} om: "
        "{{ category }}.\n\n"
        "Dette brev er en skriftlig advarsel. Fortsætter overtrædelserne, kan sagen blive "
        "indbragt for beboerklagenævnet, som kan give sanktioner, herunder opsigelse af "
        "lejemålet.\n\n"
        "Sagsnummer: {{ reference }}\n\n" + _CLOSING,
    ),
    "hearing": (
        "Partshøring i husordenssag",
        "Kære {{ recipient }}\n\n"
        "Vi behandler en sag om {{ category }} vedrørende {{ address }} i {{ department }}. "
        "Inden vi beslutter, hvad der skal ske i sagen, vil vi gerne høre jeres side af sagen.\n\n"
        "Det drejer sig om: [udfyld: de forhold, sagen handler om]\n\n"
        "Send jeres bemærkninger skriftligt eller kontakt os senest [udfyld: dato]. Hører vi "
        "ikke fra jer, behandler vi sagen på det grundlag, vi har.\n\n"
        "Sagsnummer: {{ reference }}\n\n" + _CLOSING,
    ),
    "meeting": (
        "Indkaldelse til møde",
        "Kære {{ recipient }}\n\n"
        "Vi vil gerne tale med jer om en sag om {{ category }} i {{ department }} og inviterer "
        "jer derfor til et møde.\n\n"
        "Tid: [udfyld: dato og klokkeslæt]\n"
        "Sted: [udfyld: sted]\n\n"
        "Vi kan også tilbyde konfliktmægling ved en neutral mægler. Det, der bliver sagt under "
        "en mægling, er fortroligt. Giv os besked, hvis tidspunktet ikke passer, eller hvis I "
        "hellere vil have mægling.\n\n"
        "Sagsnummer: {{ reference }}\n\n" + _CLOSING,
    ),
    "board_referral": (
        "Sagen indbringes for beboerklagenævnet",
        "Kære {{ recipient }}\n\n"
        "Vi har tidligere skrevet til jer om {{ category }} vedrørende {{ address }} i "
        "{{ department }}. Da forholdene ikke er bragt i orden, indbringer vi nu sagen for "
        "beboerklagenævnet.\n\n"
        "Beboerklagenævnet sender jer selv besked om sagens behandling, og I får mulighed for "
        "at udtale jer over for nævnet.\n\n"
        "Sagsnummer: {{ reference }}\n\n" + _CLOSING,
    ),
    "closing": (
        "Din klage er færdigbehandlet",
        "Kære {{ recipient }}\n\n"
        "Tak for din henvendelse om {{ category }} i {{ department }}. Vi har nu afsluttet "
        "sagen.\n\n"
        "Af hensyn til de andre beboeres privatliv kan vi ikke fortælle, hvad vi har gjort over "
        "for andre i sagen. Oplever du generne igen, er du velkommen til at kontakte os og "
        "oplyse sagsnummeret.\n\n"
        "Sagsnummer: {{ reference }}\n\n" + _CLOSING,
    ),
}
