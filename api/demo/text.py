"""Free text for the demo data, written for this generator. Invented people and places only."""

PARENT_CHANGE_SATISFIED = [
    "Nothing",
    "Nothing.",
    "nothing at all",
    "Nothing, she was brilliant with us",
    "Nothing - he always explained everything and never judged me",
    "Nothing really, wish we had this help years ago",
    "Wouldn't change anything, she was so good with the kids",
    "nothing shes been great",
    "N/A",
    "Can't think of anything. Thank you for asking us",
    "Nothing. It was the first time anyone asked what I thought",
    "Maybe visits after school so my son doesn't miss lessons, otherwise nothing",
]
PARENT_CHANGE_UNHAPPY = [
    "I've had three different social workers since March. "
    "Every time I have to tell my story again.",
    "Ring back when you say you will. I left four messages and nobody called.",
    "She cancelled two visits the same morning. The kids were waiting at the window.",
    "More time with my daughter. She only saw her for ten minutes.",
    "Stop having to check everything with a manager before anything happens",
    "Tell me what is going on. I found out about the meeting the day before.",
    "Visits are too far apart, we went five weeks without seeing anyone",
    "Listen to me and not just the school",
    "the worker kept changing and nobody told us why",
    "Meetings in the day when I'm at work. Could they be later?",
    "Write the report properly, it had my son's age wrong and things I never said",
    "It took weeks to hear anything after the first phone call",
    "Be honest with me from the start about what you are worried about",
    "Great, another cancelled visit. That's three now.",
    "I felt judged the whole time, like I was a bad mum before she even met us",
]
PARENT_HELPFUL = [
    "Being listened to without being judged",
    "She helped us get the housing sorted and the damp fixed",
    "The family network meeting. My sister and mum could help for the first time.",
    "Getting my son back into school",
    "Knowing who to ring when things got bad",
    "The parenting course. I use what I learnt every day.",
    "He was honest about his worries and told me what needed to change",
    "Help with food vouchers when we had nothing",
    "Having the same worker all the way through",
    "Things are calmer at home now",
    "She spent proper time with the children and they trusted her",
    "The referral to the domestic abuse service, I feel safer now",
    "Nothing helped, we are in the same place we started",
    "Being kept up to date by text after every meeting",
]
PARENT_HELPFUL_CY = [
    "Cael fy nghlywed heb gael fy marnu",
    "Roedd hi'n onest am ei phryderon o'r dechrau",
    "Cael yr un gweithiwr drwy'r amser",
    "Help gyda'r tŷ a'r ysgol",
]
PARENT_CHANGE_CY = [
    "Dim byd, roedd hi'n wych",
    "Dim",
    "Ffonio'n ôl pan maen nhw'n dweud y byddan nhw",
    "Mwy o amser gyda'r plant",
    "Mae'r gweithiwr wedi newid dair gwaith",
]
YP_GOOD = [
    "my worker listend to me",
    "She took me to McDonald's and we talked",
    "I can see my nan again",
    "I liked the drawings we did",
    "He came when he said he would",
    "i feel safe now",
    "things are calmer at home",
    "she got me a bike so I can get to school",
    "nothing",
    "dunno",
    "She explained why I had to move and didn't lie",
    "I liked talking to her 😊",
    "My worker helped me feel safe again",
]
YP_WORRIES = [
    "I didnt know what was happening",
    "I had to tell my story again to a new worker",
    "She didn't turn up when she said",
    "nobody asked me what I wanted",
    "the meeting was boring and long",
    "I was scared you would take me away from mum",
    "my worker kept changing",
    "nothing",
    "people talked about me not to me",
    "no",
    "Waiting ages to hear anything",
]
YP_WISHES = [
    "to stay with my nan",
    "that my worker stays the same",
    "more time to talk",
    "see my brother more",
    "that people listen to kids",
    "be able to text my worker",
    "go back to my old school",
    "for mum to be happy",
    "a dog",
    "that you tell me what's happening",
]
YP_GOOD_CY = ["Roedd hi'n gwrando arna i", "Dwi'n gweld fy nain eto", "Roedd e'n garedig"]
YP_WORRIES_CY = [
    "Doeddwn i ddim yn gwybod beth oedd yn digwydd",
    "Roedd y gweithiwr yn newid o hyd",
]
YP_WISHES_CY = ["Cael yr un gweithiwr", "Aros gyda Nain", "Bod pobl yn gwrando ar blant"]
PARTNER_WELL = [
    "Quick acknowledgement of the referral and a named contact",
    "Strategy discussion happened the same day",
    "The social worker shared the plan with school straight away",
    "Good joint visit with the health visitor",
    "Clear outcome letter explaining the decision",
    "Invited to the core group and minutes arrived promptly",
    "Nothing worked well, we heard nothing back",
]
PARTNER_CHANGE = [
    "Tell referrers the outcome; we had to chase three times",
    "Fewer changes of social worker, the family had four this year",
    "Invite school to meetings with more than a day's notice",
    "A single phone number that someone answers",
    "Share the plan with GPs, we are often left out",
    "Nothing, this was a model of joint working",
    "Quicker decisions at the front door",
]
PARTNER_WELL_CY = ["Cafodd yr atgyfeiriad ei gydnabod yn gyflym", "Cydweithio da gyda'r ysgol"]
PARTNER_CHANGE_CY = ["Dweud wrthon ni beth ddigwyddodd", "Llai o newid gweithwyr"]

# A realistic handful of possible disclosures, given recently, so the alert queue has a few to
# work (not one in twelve answers: a council sees a few a week).
DISCLOSURES = [
    # (survey, channel, team, collection point, hours ago, question, words)
    ("young-person", "qr", 0, 0, 2, "worries", "I don't feel safe at home when dad drinks"),
    (
        "parent-carer",
        "web",
        1,
        0,
        26,
        "one_thing_to_change",
        "My ex keeps turning up drunk and threatening me in front of the kids",
    ),
    (
        "partner-agency",
        "email",
        2,
        0,
        75,
        "one_thing_to_change",
        "The boy told his teacher he is scared to go home because of his stepdad",
    ),
]
