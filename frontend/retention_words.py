"""A retention period in words for the privacy notice: "2 years", "90 days"; in Welsh with
the mutation each number takes ("2 flynedd", "6 blynedd", "5 mlynedd")."""

from __future__ import annotations

YEAR = 365
# Welsh "blynedd" after a number: soft mutation after 2, nasal after 5, 7, 8, 9 and 10.
_CY_YEARS = {2: "flynedd", 5: "mlynedd", 7: "mlynedd", 8: "mlynedd", 9: "mlynedd", 10: "mlynedd"}


def period(days: int, language: str) -> str:
    """Whole years when the days are whole years, else days."""
    years, rest = divmod(days, YEAR)
    if days and not rest:
        if language == "cy":
            if years == 1:
                return "blwyddyn"
            if years > 10:
                return f"{years} o flynyddoedd"
            return f"{years} {_CY_YEARS.get(years, 'blynedd')}"
        return "1 year" if years == 1 else f"{years} years"
    if language == "cy":
        return f"{days} diwrnod"
    return "1 day" if days == 1 else f"{days} days"
