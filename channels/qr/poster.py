"""A printable bilingual A4 poster: the code, and the short address for those who cannot scan.

Both languages are set alike, the same size and weight (Welsh Language Standards: Welsh no
less favourably than English); Welsh comes first where the council's order says so
(YOUSAID_LANGUAGE_ORDER=cy-en) and always on a placement set to Cymraeg."""

from __future__ import annotations

from html import escape
from typing import TypedDict

# Per survey, what the poster asks, in English and Welsh (the Welsh for review). A child's
# poster speaks Welsh's informal register (decision 28), an adult's the formal; "Tell us" is
# "Dywed wrthon ni" to a child and "Dywedwch wrthon ni" to an adult, on every surface.
ASKS = {
    "young-person": ("Tell us what you think!", "Dywed wrthon ni beth rwyt ti'n feddwl!"),
    "young-person-under-8": ("Tell us what you think!", "Dywed wrthon ni beth rwyt ti'n feddwl!"),
    # Not "How did we do?": a front-door poster is read while the help is still going on.
    "parent-carer": ("Tell us how we are doing", "Dywedwch wrthon ni sut rydyn ni'n gwneud"),
    "partner-agency": ("How are we working together?", "Sut rydyn ni'n cydweithio?"),
}
DEFAULT_ASK = ("Tell us what you think", "Dywedwch wrthon ni beth rydych chi'n ei feddwl")
CHILD_SURVEYS = frozenset({"young-person", "young-person-under-8"})

# The other lines, (English, Welsh to an adult, Welsh to a child).
SCAN = (
    "Scan the code with your phone camera, or type this address:",
    "Sganiwch y cod gyda chamera eich ffôn, neu teipiwch y cyfeiriad hwn:",
    "Sgania'r cod gyda chamera dy ffôn, neu teipia'r cyfeiriad hwn:",
)
NO_NAME = (
    "You do not have to give your name.",
    "Does dim rhaid i chi roi eich enw.",
    "Does dim rhaid i ti roi dy enw.",
)
HELP = (
    "Need help now? Call 999 in an emergency. Childline: 0800 1111 (free, any time).",
    # Welsh also names Meic, the helpline for young people in Wales, as the Welsh pages do.
    "Angen help nawr? Ffoniwch 999 mewn argyfwng. Childline: 0800 1111 (am ddim, unrhyw bryd)."
    " Meic (yn Gymraeg): 080880 23456.",
    "Angen help nawr? Ffonia 999 mewn argyfwng. Childline: 0800 1111 (am ddim, unrhyw bryd)."
    " Meic (yn Gymraeg): 080880 23456.",
)


class Languages(TypedDict):
    """Who the poster is from and in which order its languages go."""

    council: str
    council_cy: str | None
    language: str
    order: str


def welsh_first(*, placement_language: str, order: str) -> bool:
    """A Cymraeg placement is always Welsh first; otherwise the council's order decides."""
    return placement_language == "cy" or order == "cy-en"


def render(
    *,
    url: str,
    svg: str,
    council: str,
    survey: str,
    council_cy: str | None = None,
    language: str = "en",
    order: str = "en-cy",
) -> str:
    """The poster's HTML. `language` is the placement's; `order` the council's setting."""
    child = survey in CHILD_SURVEYS
    english_ask, welsh_ask = ASKS.get(survey, DEFAULT_ASK)
    first = "cy" if welsh_first(placement_language=language, order=order) else "en"

    def pair(english: str, welsh: str, tag: str = "p", cls: str = "pair") -> str:
        lines = {"en": english, "cy": welsh}
        second = "en" if first == "cy" else "cy"
        spans = "".join(
            f'<span class="line" lang="{lang}">{escape(lines[lang])}</span>'
            for lang in (first, second)
        )
        return f'<{tag} class="{cls}">{spans}</{tag}>'

    def said(line: tuple[str, str, str]) -> tuple[str, str]:
        return line[0], line[2] if child else line[1]

    names = (council, council_cy or council)
    address = escape(url.removeprefix("https://").removeprefix("http://"))
    title = english_ask if first == "en" else welsh_ask
    council_line = (
        pair(*names, cls="small")
        if names[0] != names[1]
        else f'<p class="small">{escape(council)}</p>'
    )
    return f"""<!doctype html>
<html lang="{first}"><head><meta charset="utf-8"><title>{escape(title)} – {escape(council)}</title>
<style>
@page {{ size: A4; margin: 15mm; }}
body {{ font-family: system-ui, Arial, sans-serif; text-align: center; margin: 0; color: #0b0c0c; }}
.line {{ display: block; }}
/* Both languages alike: one size, one weight, whichever comes first. */
h1 {{ font-size: 30pt; font-weight: 700; margin: 8mm 0 6mm; line-height: 1.25; }}
h1 .line + .line {{ margin-top: 3mm; }}
.code svg {{ width: 110mm; height: 110mm; }}
.address {{ font-size: 20pt; font-weight: 700; word-break: break-all; margin: 6mm 0 2mm; }}
.small, .pair {{ font-size: 13pt; font-weight: 400; }}
.help {{ margin-top: 10mm; font-size: 13pt; font-weight: 400;
  border-top: 2px solid #0b0c0c; padding-top: 4mm; }}
</style></head>
<body>
{pair(english_ask, welsh_ask, tag="h1", cls="ask")}
<div class="code" role="img" aria-label="QR code for {address}">{svg}</div>
{pair(*said(SCAN))}
<p class="address">{address}</p>
{pair(*said(NO_NAME))}
{pair(*said(HELP), cls="help")}
{council_line}
</body></html>"""
