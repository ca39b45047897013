"""Reference statistics for Hallmark's trend test and hotspots, computed with statsmodels, scipy
and PySAL's esda, with no Hallmark code. Run from this folder; see README.md for the versions."""
import csv
import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy.stats import binomtest
from statsmodels.stats.multitest import multipletests
import libpysal
from esda.getisord import G_Local

SMALL = 10  # below this many crimes in either period, the exact test is used

with open("trend-reference.csv", "w", newline="") as out:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["series", "method", "rate_ratio", "dispersion", "z", "p"])
    for row in csv.DictReader(open("trend-series.csv")):
        y = np.array([int(row[f"m{i + 1}"]) for i in range(24)])
        a, b = y[:12].sum(), y[12:].sum()
        if min(a, b) < SMALL:
            p = binomtest(int(b), int(a + b), 0.5).pvalue
            w.writerow([row["series"], "exact", repr(float(b / a)) if a else "", "", "", repr(float(p))])
            continue
        data = pd.DataFrame({"y": y, "period": [0] * 12 + [1] * 12, "moy": list(range(12)) * 2})
        model = smf.glm("y ~ C(moy) + period", data, family=sm.families.Poisson())
        quasi = model.fit(scale="X2", tol=1e-14)
        phi = quasi.scale
        # Hallmark never takes the dispersion below 1: below it, the Poisson fit is the answer.
        fit = quasi if phi >= 1 else model.fit(tol=1e-14)
        w.writerow([row["series"], "quasi-poisson-seasonal", repr(float(np.exp(fit.params["period"]))), repr(float(phi)),
                    repr(float(fit.tvalues["period"])), repr(float(fit.pvalues["period"]))])

# Gi* on the grid: binary distance-band weights on cell centres (one cell = one unit), band of
# 2 cells, the focal cell included (star), no permutations: normal-theory z and p.
cells = list(csv.DictReader(open("grid-counts.csv")))
coords = [(int(c["column"]), int(c["row"])) for c in cells]
y = np.array([float(c["crimes"]) for c in cells])
w = libpysal.weights.DistanceBand(coords, threshold=2.0, binary=True, silence_warnings=True)
g = G_Local(y, w, transform="B", star=True, permutations=0)
p_two = 2 * g.p_norm
discovered = multipletests(p_two, alpha=0.05, method="fdr_bh")[0]
with open("gistar-reference.csv", "w", newline="") as out:
    wr = csv.writer(out, lineterminator="\n")
    wr.writerow(["row", "column", "z", "p_two_sided", "fdr_bh_discovery"])
    for c, z, p, d in zip(cells, g.Zs, p_two, discovered):
        wr.writerow([c["row"], c["column"], repr(float(z)), repr(float(p)), int(d)])
