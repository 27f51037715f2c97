"""A printable bilingual A4 poster: the code, and the short address for those who cannot scan."""

from __future__ import annotations

from html import escape

# Per survey, what the poster asks, in English and Welsh (the Welsh for review).
ASKS = {
    "young-person": ("Tell us what you think!", "Dywed wrthon ni beth rwyt ti'n feddwl!"),
    "young-person-under-8": ("Tell us what you think!", "Dywed wrthon ni beth rwyt ti'n feddwl!"),
    "parent-carer": ("How did we do?", "Sut wnaethon ni?"),
    "partner-agency": ("How did we work together?", "Sut wnaethon ni gydweithio?"),
}


def render(*, url: str, svg: str, council: str, survey: str) -> str:
    english, welsh = ASKS.get(survey, ("Tell us what you think", "Dywedwch wrthon ni"))
    address = escape(url.removeprefix("https://").removeprefix("http://"))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(english)} – {escape(council)}</title>
<style>
@page {{ size: A4; margin: 15mm; }}
body {{ font-family: system-ui, Arial, sans-serif; text-align: center; margin: 0; color: #0b0c0c; }}
h1 {{ font-size: 34pt; margin: 10mm 0 4mm; }}
.cy {{ font-size: 28pt; margin: 0 0 8mm; }}
.code svg {{ width: 110mm; height: 110mm; }}
.address {{ font-size: 20pt; font-weight: 700; word-break: break-all; margin: 6mm 0 2mm; }}
.small {{ font-size: 13pt; }}
.help {{ margin-top: 10mm; font-size: 13pt; border-top: 2px solid #0b0c0c; padding-top: 4mm; }}
</style></head>
<body>
<h1>{escape(english)}</h1>
<p class="cy" lang="cy">{escape(welsh)}</p>
<div class="code" role="img" aria-label="QR code for {address}">{svg}</div>
<p class="small">Scan the code with your phone camera, or type this address:<br>
<span lang="cy">Sganiwch y cod gyda chamera eich ffôn, neu teipiwch y cyfeiriad hwn:</span></p>
<p class="address">{address}</p>
<p class="small">You do not have to give your name. ·
<span lang="cy">Does dim rhaid i chi roi eich enw.</span></p>
<p class="help">Need help now? Call 999 in an emergency. Childline: 0800 1111 (free, any time).<br>
<span lang="cy">Angen help nawr? Ffoniwch 999 mewn argyfwng.
Childline: 0800 1111 (am ddim, unrhyw bryd).</span></p>
<p class="small">{escape(council)}</p>
</body></html>"""
