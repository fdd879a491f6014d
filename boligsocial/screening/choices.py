"""The choices of the screening models: units, sources, polarity, statutory keys, colours."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    PERCENT = "percent", _("per cent")
    COUNT = "count", _("count")
    RATIO = "ratio", _("ratio")
    PER_100 = "per_100", _("per 100")
    PER_1000 = "per_1000", _("per 1,000")
    KR = "kr", _("kr.")
    SCORE = "score", _("score")


class Source(models.TextChoices):
    REGISTER = "register", _("register data")
    OPERATIONAL = "operational", _("operational data")
    SURVEY = "survey", _("survey")


class Polarity(models.TextChoices):
    HIGHER_WORSE = "higher_worse", _("higher is worse")
    HIGHER_BETTER = "higher_better", _("higher is better")


class StatutoryKey(models.TextChoices):
    RESIDENTS = "residents", _("residents")
    OUTSIDE_WORK_EDUCATION = "pct_outside_work_education", _("outside work and education")
    CONVICTED = "pct_convicted", _("convicted")
    NATIONAL_CONVICTED = "national_pct_convicted", _("convicted, national average")
    BASIC_EDUCATION = "pct_basic_education", _("only basic schooling")
    # xgettext:no-python-format
    INCOME = "income_pct_of_region", _("income as % of the region")
    NONWESTERN = "pct_nonwestern", _("non-Western immigrants and descendants")


class LightColour(models.TextChoices):
    GREEN = "green", _("green")
    YELLOW = "yellow", _("yellow")
    RED = "red", _("red")


class LightResult(models.TextChoices):
    GREEN = "green", _("green")
    YELLOW = "yellow", _("yellow")
    RED = "red", _("red")
    NONE = "none", _("no colour")
