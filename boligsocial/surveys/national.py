"""Published figures the results are compared with (domain.md § 4.1–4.2; only figures it gives,
each with its source). They are shares feeling safe, asked with other wording than our core
item (the national survey asks about basic safety in the neighbourhood; Copenhagen also about
the evening and night), so the comparison is a guide, not a like-for-like benchmark."""

from decimal import Decimal

FIGURES = [
    {
        "label": "Danmark 2021: trygge i nabolaget",
        "percent": Decimal("88.1"),
        "source": "Justitsministeriets Forskningskontor, Tryghedsundersøgelsen 2021 (27.510 svar)",
        "url": "https://ft.dk/samling/20211/almdel/REU/bilag/330/2610141/index.htm",
    },
    {
        "label": "Særligt udsatte boligområder 2021: trygge",
        "percent": Decimal("70"),
        "source": "Justitsministeriets Forskningskontor, Tryghedsundersøgelsen 2021",
        "url": "https://ft.dk/samling/20211/almdel/REU/bilag/330/2610141/index.htm",
    },
    {
        "label": "København 2023: trygge om aftenen og natten",
        "percent": Decimal("77"),
        "source": "Københavns Kommune, Tryghedsundersøgelsen",
        "url": "https://www.kk.dk/politik/politikker-og-indsatser/sikker-by/tryghedsundersoegelsen",
    },
]

#: The item the national figures are set beside (the share choosing a favourable answer).
COMPARED_KEY = "tryg_moerke"
