"""Safeguarding: does this text suggest a child may be at risk of harm now? Pure.

Recall comes first: the rights team would rather clear ten false alarms than miss one
disclosure. So the patterns are broad, past tense counts ("dad used to hit me"), and a parent
or a professional describing harm counts as much as a child. A few phrasings that sound like
danger but are not disclosures are masked first: feeling safe again, fear of the service
itself ("scared you would take the kids"), services named by what they deal with
("the domestic abuse service helped").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from analysis.normalise import Normalised

PERSON = (
    r"(?:dad|mum|mam|father|mother|step ?dad|step ?mum|stepdad|stepmum|parents?|brother|"
    r"sister|uncle|aunt(?:ie)?|nan|grandad|grandma|granddad|boyfriend|girlfriend|partner|"
    r"husband|wife|ex|carer|foster (?:mum|dad|carer)|he|she|they|him|her|them|someone|"
    r"somebody|a man|men|boys|people|his mate|her mate|mum's boyfriend|mum's partner)"
)
VICTIM = r"(?:me|us|my (?:\w+ )?(?:brother|sister|mum|little \w+|baby|son|daughter|kids|children)|him|her|them|the kids|the children|mum|my mum)"

_RAW: dict[str, list[str]] = {
    "physical_abuse": [
        rf"(?:hits?|hitting|hit|beats?|beat(?:en|ing)?|punch(?:es|ed|ing)?|kick(?:s|ed|ing)?|slap(?:s|ped|ping)?|smack(?:s|ed|ing)?|whack(?:s|ed)?|strangl(?:e|ed|es|ing)|chok(?:e|ed|es|ing)|push(?:es|ed)? {VICTIM} (?:down|over|into)|throws? (?:\w+ )?at) {VICTIM}",
        rf"{PERSON} (?:hits?|hit|beats?|beat|punch(?:es|ed)?|kicks?|kicked|slaps?|slapped|hurts?|hurt|smacks?|smacked|burn(?:s|ed|t)) (?:me|us|him|her|them|my|the kids)",
        r"(?:bruises?|burns?|marks) (?:on|from)",
        r"hurts? (?:me|us)",
        r"being (?:hit|beaten|hurt|kicked|punched|abused|strangled|choked)",
        r"(?:belt|stick|wooden spoon)",
        # A weapon, or a threat to hurt someone (issue 12: "he has a knife and says he will
        # hurt them tonight" was a disclosure the rules did not see).
        r"(?:has|had|got|carries|carrying|with|pulled|holding) (?:a |his |her )?(?:knife|knives|gun|machete|blade|weapon)",
        rf"(?:will|would|gonna|going to|is going to|threatens? to|threatened to) (?:hurt|kill|stab|shoot|beat|hit) {VICTIM}",
    ],
    "sexual_abuse": [
        r"touch(?:es|ed|ing)? (?:me|my|him|her) (?:where|down there|in (?:my|his|her) private|private|inappropriately|under)",
        r"(?:touches|touched|touching) (?:me|my (?:body|private|bum|chest))",
        r"private (?:parts|places|bits)",
        r"sexual(?:ly)?",
        r"raped?",
        r"(?:makes?|made|making|forces?|forced) me (?:do (?:things|stuff|sex)|touch|watch|take (?:my )?clothes off)",
        r"(?:comes|came|gets|got) (?:in|into) my (?:bed|room) at night",
        r"(?:nudes?|naked (?:pictures|photos|pics))",
        r"send (?:him|her|them|me) (?:pictures|photos|pics) of",
    ],
    "emotional_abuse": [
        r"calls? me (?:names|stupid|fat|ugly|worthless|useless|a \w+)",
        rf"{PERSON} (?:screams|shouts|swears) at me",
        r"(?:says|said|tells me) (?:i'm|i am|i was) (?:worthless|useless|stupid|a mistake|nothing)",
        r"wish(?:es|ed)? (?:i|we) (?:was|were|wasn't|had)(?: never)?(?: been)? (?:dead|born|gone)",
        r"(?:threaten(?:s|ed|ing)?) (?:me|us|to)",
        r"locks? me (?:in|out)",
        r"not allowed to (?:eat|see my friends|go out|leave)",
    ],
    "neglect": [
        r"(?:no|never|never any|not any|not enough) food",
        r"nothing to eat",
        r"(?:come|comes|coming|arrive|arrives|arriving|goes|go) (?:in)?to school (?:hungry|dirty|smelly|unwashed|in dirty)",
        r"hungry and (?:dirty|smelly|cold)",
        r"(?:leaves?|left|leaving) (?:me|us|my (?:little )?\w+|them|the kids|the children)(?: and \w+)? (?:on (?:my|our|their) own|alone|home alone|by (?:myself|ourselves|themselves))",
        r"(?:mum|dad|mam|parents?|she|he) (?:is|are|was|were) (?:always |usually |often )?(?:asleep|drunk|out of it|off (?:her|his|their) face|passed out|high)",
        r"(?:have|had) to look after my (?:little |baby )?(?:brother|sister|brothers|sisters)",
        r"(?:always|very|so) hungry",
        r"hungry (?:all the time|a lot|every day)",
        r"(?:not|never|isn't|aren't|wasn't|weren't) (?:being |been |getting |get )?(?:fed|given food|washed|looked after|cared for)",
        r"(?:no|don't have|do not have|haven't got|have not got|have no|without) (?:any )?(?:beds?|food|heating|electric(?:ity)?|gas|hot water|clean clothes)",
        r"left (?:me|us|on my own|alone|home alone)(?: alone| on (?:my|our) own)?(?: at night| for days| all night)?",
        r"home alone",
        r"no (?:electric(?:ity)?|heating|gas|hot water|bed)",
        r"(?:dirty|smelly) (?:clothes|house)",
        r"nobody (?:looks after|cares for|feeds) (?:me|us)",
    ],
    "domestic_abuse": [
        rf"{PERSON} (?:hits?|hit|hurts?|hurt|beats?|beat|kicks?|kicked|punch(?:es|ed)?|strangled|chokes?|choked) (?:my )?(?:mum|mam|mother|dad|her|him)",
        r"domestic (?:abuse|violence)",
        r"(?:fighting|fights|shouting and hitting|screaming and hitting)",
        r"police (?:came|come|were called|keep coming)",
        r"(?:scared|frightened|afraid) of (?:my )?(?:partner|husband|boyfriend|ex|wife|girlfriend)",
    ],
    "self_harm_suicide": [
        r"(?:hurt|hurting|harm|harming|cut|cutting|cuts|burn|burning) (?:myself|my ?self|my (?:arms|legs|wrists))",
        r"self ?- ?harm(?:ing)?",
        r"(?:been|keep|kept|started|stop|stopped|still|am) (?:cutting|harming|burning)(?: myself)?",
        r"(?:kill|killing|killed|kills) (?:myself|my ?self)",
        r"(?:think|thinking|thought|thoughts) (?:about|of) (?:killing myself|suicide|dying|ending it|ending my life|hurting myself|not being here|cutting)",
        r"(?:want|wanted|wanting) to die",
        r"end (?:it all|my life|it)",
        r"suicid(?:e|al)",
        r"overdose",
        r"(?:don't|do not|didn't) want to (?:be here|live|be alive|wake up)",
        r"better off (?:dead|without me)",
        r"no point (?:living|in living|being alive)",
    ],
    "exploitation": [
        r"county lines",
        r"(?:sell|selling|sold|carry|carrying|hold|holding|deliver|delivering) (?:drugs|weed|stuff|packages|parcels|bags) for",
        r"(?:older|grown up) (?:boys|men|lads|girls|people) (?:give|gave|buy|bought|pick|picked|make|made|take|took)",
        r"(?:gives?|gave|buys?|bought) me (?:drugs|weed|alcohol|vodka|money|a phone|phones|presents) (?:and|if|so)",
        r"(?:met|meet|meeting|talking to|talk to) (?:someone|a man|a person|people|him|her|them) (?:i met |from )?online",
        r"(?:online|on snapchat|on instagram|on tiktok|on the internet) (?:man|person|people|guy|friend) (?:asked|wants|told|sent|sends)",
        r"(?:asks?|asking|asked|wants?|wanted|keeps asking) (?:me )?(?:for )?(?:pictures|photos|pics|nudes|videos) of me",
        r"(?:keeps? asking|asks?|asking|asked) (?:me )?for (?:pictures|photos|pics|nudes)",
        r"groom(?:ed|ing)",
        r"owe (?:them|him|people) money",
        r"drugs?",
    ],
    "unsafe_at_home": [
        r"(?:don't|do not|didn't|did not|never|dont|not) feel (?:safe|safe at home|safe there)",
        r"(?:not|isn't|wasn't|never) safe (?:at home|there|with)",
        r"(?:don't|do not|didn't|did not|never|dont|not) feel safe in (?:my|our|the) (?:house|home|flat|room)",
        r"(?:wish|want|wanted|wanting|just want) (?:to )?(?:be|feel) safe",
        r"^to (?:be|feel) safe",
        r"unsafe",
        r"(?:scared|frightened|afraid|terrified) (?:of|to go|of going) (?:home|back home|my|him|her|them|dad|mum|step)",
        rf"(?:scared|frightened|afraid|terrified) of {PERSON}",
        r"(?:scared|frightened|afraid|terrified) at home",
        r"(?:scared|frightened|afraid|terrified) when (?:dad|mum|he|she|they) (?:drinks|is drunk|gets angry|comes home)",
        r"(?:when|if) (?:dad|mum|he|she) (?:drinks|is drunk|gets drunk|takes drugs)",
    ],
    "missing": [
        r"(?:ran|run|running|runs) away",
        r"(?:go|went|going|gone) missing",
        r"(?:sleep|sleeping|slept) (?:out|rough|on the streets|in a park)",
        r"(?:stay|stayed|staying) out all night",
        r"(?:don't|do not|not|never) (?:have to |want to |wanna )?go(?:ing)? (?:back )?home",
    ],
}
# Welsh: the commonest phrasings, so a Welsh disclosure is not missed while a person reviews.
_WELSH: dict[str, list[str]] = {
    "unsafe_at_home": [
        r"ddim yn (?:teimlo'n )?(?:saff|ddiogel)",
        r"ofn (?:mynd adref|dad|mam|fy nhad|fy mam)",
    ],
    "physical_abuse": [r"(?:taro|curo|brifo) (?:fi|i|ni)", r"yn fy (?:nharo|nghuro|mrifo)"],
    # The English list's "better off without me", "don't want to live", in South and North
    # Welsh ("eisiau", "isio"), and "fy hunan" beside "fy hun".
    "self_harm_suicide": [
        r"(?:brifo|niweidio|torri|llosgi) fy hun(?:an)?",
        r"lladd fy hun(?:an)?",
        r"(?:eisiau|isio|moyn) marw",
        r"(?:ddim|dim) (?:eisiau|isio|moyn) byw",
        r"(?:gwell|well) (?:hebdda i|hebddo i|heb fi|hebddof i)",
        r"hunanladdiad",
    ],
    "missing": [r"rhedeg i ffwrdd"],
    "neglect": [r"dim bwyd", r"eisiau bwyd (?:drwy'r amser|o hyd)"],
}
# Phrasings that sound like danger but are not disclosures; masked before matching.
_NOT_DISCLOSURES = [
    r"(?:helped|help|helps|made|makes) (?:me|us|the kids|my \w+) (?:to )?feel (?:safe|safer|better)(?: again)?",
    r"feel(?:s|ing)? (?:safe|safer) (?:now|again)",
    r"(?:scared|worried|afraid|frightened) (?:that )?(?:you|they|social services|the social|social workers?) (?:would|were going to|might|will) (?:take|remove)",
    r"(?:domestic abuse|domestic violence|self ?- ?harm|drugs?) (?:service|services|support|worker|course|programme|team|referral|charity|counselling)",
    r"(?:referral|referred) to (?:the )?(?:domestic abuse|drugs?|self ?- ?harm)",
    r"drug (?:and alcohol )?(?:service|worker|team|support|testing)",
    r"(?:fighting|fights) (?:for|over) (?:my|our|the) (?:kids|children|family)",
]


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])(?:" + "|".join(patterns) + r")(?![\w'])")


ENGLISH = {category: _compile(patterns) for category, patterns in _RAW.items()}
WELSH = {category: _compile(patterns) for category, patterns in _WELSH.items()}
NOT_DISCLOSURES = _compile(_NOT_DISCLOSURES)


class Level(StrEnum):
    """How soon a person reads it. `alert`: the duty team is told at once. `concern`: listed
    for a person to read within one working day, never emailed as an emergency."""

    alert = "alert"
    concern = "concern"
    none = "none"


@dataclass(frozen=True)
class Safeguarding:
    level: Level = Level.none
    categories: tuple[str, ...] = ()
    evidence: tuple[str, ...] = field(default=())
    score: float = 0.0  # the base model's probability of a disclosure, in [0, 1]
    # Why a concern: "model" (over its recall-first threshold) or "child_words" (a child's
    # words the model was not confident are ordinary feedback); None otherwise.
    reason: str | None = None

    @property
    def flag(self) -> bool:
        """An alert: the duty team is told at once. Derived, so it can never disagree."""
        return self.level is Level.alert


def assess(text: Normalised, *, language: str) -> Safeguarding:
    """Flag a possible disclosure of harm; name its categories and quote the words."""
    masked = NOT_DISCLOSURES.sub(lambda m: " " * len(m.group()), text.text)
    # Welsh text is checked against both lists: Welsh answers mix in English words.
    patterns = {**ENGLISH} if language == "en" else {**ENGLISH, **_merge(WELSH)}
    categories: list[str] = []
    evidence: list[str] = []
    for category, pattern in patterns.items():
        for match in pattern.finditer(masked):
            if category not in categories:
                categories.append(category)
            quoted = text.evidence(match.start(), match.end())
            if quoted not in evidence:
                evidence.append(quoted)
    level = Level.alert if categories else Level.none
    return Safeguarding(level, tuple(categories), tuple(evidence))


def _merge(welsh: dict[str, re.Pattern[str]]) -> dict[str, re.Pattern[str]]:
    merged = {}
    for category, pattern in welsh.items():
        english = ENGLISH.get(category)
        merged[category] = (
            re.compile(f"{english.pattern}|{pattern.pattern}") if english else pattern
        )
    return merged
