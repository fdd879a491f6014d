"""The business case's input as a JSON schema (the command-line contract of issue 18 part 4),
for the API's OpenAPI document, and a small strict validator of exactly that schema: the API
refuses what the schema refuses (a number where a decimal string belongs, "1e-3", a boolean
year) with a Danish message naming the field, then `business_case.compute` checks the rest.
The command itself keeps its own, unchanged, checks."""

import re

DECIMAL = r"^-?[0-9]{1,15}(\.[0-9]{1,10})?$"
RATE = r"^(0(\.[0-9]{1,10})?|1(\.0{1,10})?)$"
PAYERS = ["kommune", "region", "stat", "boligorganisation", "andre"]
YEAR = {"type": "integer", "minimum": 0, "maximum": 10000}

INPUT_SCHEMA = {
    "type": "object",
    "required": ["horizon_years", "discount_rate"],
    "properties": {
        "horizon_years": {"type": "integer", "minimum": 1, "maximum": 10},
        "discount_rate": {"type": "string", "pattern": RATE, "example": "0.035"},
        "costs": {
            "type": "array",
            "maxItems": 1000,
            "items": {
                "type": "object",
                "required": ["year", "payer", "amount"],
                "properties": {
                    "year": YEAR,
                    "payer": {"type": "string", "enum": PAYERS},
                    "amount": {"type": "string", "pattern": DECIMAL, "example": "250000"},
                },
            },
        },
        "outcomes": {
            "type": "array",
            "maxItems": 200,
            "items": {
                "type": "object",
                "required": ["persons", "success_rate", "deadweight", "attribution"],
                "properties": {
                    "name": {"type": "string", "maxLength": 200},
                    "persons": {"type": "integer", "minimum": 0, "maximum": 10_000_000},
                    "success_rate": {"type": "string", "pattern": RATE},
                    "deadweight": {"type": "string", "pattern": RATE},
                    "attribution": {"type": "string", "pattern": RATE},
                    "consequences": {
                        "type": "array",
                        "maxItems": 1000,
                        "items": {
                            "type": "object",
                            "required": ["year", "payer", "amount_per_person"],
                            "properties": {
                                "year": YEAR,
                                "payer": {"type": "string", "enum": PAYERS},
                                "amount_per_person": {"type": "string", "pattern": DECIMAL},
                            },
                        },
                    },
                },
            },
        },
    },
}

_YEAR_ROW = {
    "type": "object",
    "properties": {
        "year": {"type": "integer"},
        "costs": {"type": "string"},
        "gains": {"type": "string"},
        "net": {"type": "string"},
        "discounted_net": {"type": "string"},
    },
    "required": ["year", "costs", "gains", "net", "discounted_net"],
}
OUTPUT_SCHEMA = {
    "type": "object",
    "required": ["years", "npv", "payback_year", "warnings"],
    "properties": {
        "years": {"type": "array", "items": _YEAR_ROW},
        "npv": {
            "type": "object",
            "properties": {
                k: {"type": "string"}
                for k in (
                    "kommune",
                    "region",
                    "stat",
                    "boligorganisation",
                    "andre",
                    "public",
                    "total",
                )
            },
            "required": [
                "kommune",
                "region",
                "stat",
                "boligorganisation",
                "andre",
                "public",
                "total",
            ],
        },
        "payback_year": {"type": "integer", "nullable": True},
        "warnings": {"type": "array", "items": {"type": "string"}},
    },
}


class SchemaError(ValueError):
    """The input does not match the schema; the message is Danish and names the field."""


def validate(value, schema: dict = INPUT_SCHEMA, field: str = "input") -> None:
    kind = schema.get("type")
    if kind == "object":
        if not isinstance(value, dict):
            raise SchemaError(f"{field}: skal være et objekt.")
        for name in schema.get("required", ()):
            if name not in value:
                raise SchemaError(f"{_join(field, name)}: mangler.")
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                validate(value[name], sub, _join(field, name))
    elif kind == "array":
        if not isinstance(value, list):
            raise SchemaError(f"{field}: skal være en liste.")
        if len(value) > schema.get("maxItems", len(value)):
            raise SchemaError(f"{field}: højst {schema['maxItems']} elementer.")
        for i, item in enumerate(value):
            validate(item, schema["items"], f"{field}[{i}]")
    elif kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise SchemaError(f"{field}: skal være et heltal.")
        low, high = schema.get("minimum"), schema.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            raise SchemaError(f"{field}: skal ligge mellem {low} og {high}.")
    elif kind == "string":
        if not isinstance(value, str):
            raise SchemaError(f'{field}: skal være tekst, fx "{schema.get("example", "0.3")}".')
        if "enum" in schema and value not in schema["enum"]:
            raise SchemaError(
                f'{field}: ukendt værdi "{value}" (brug {", ".join(schema["enum"])}).'
            )
        if "pattern" in schema and not re.fullmatch(schema["pattern"].strip("^$"), value):
            raise SchemaError(f'{field}: "{value}" er ikke et gyldigt tal her.')
        if len(value) > schema.get("maxLength", len(value)):
            raise SchemaError(f"{field}: højst {schema['maxLength']} tegn.")


def _join(field: str, name: str) -> str:
    return name if field == "input" else f"{field}.{name}"
