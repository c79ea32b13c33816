#!/usr/bin/env python3
"""Synthetic project archives for benchmarks (never committed; written on demand).

gen_archive.py OUT --evidence N --evidence-size BYTES [--deflate] [--series-rows R]
               [--series-count S] [--series-columns plain|band|named] [--subseries U]
               [--curve-rows C] [--groups G] [--requirements Q] [--gates K] [--csv-out FILE]
               [--project ID] [--projects P --revisions R]

Evidence bytes are random (incompressible) so stored and deflated sizes are honest. The series
CSV has columns step,value (plain), step,value,lower,upper (band) or step,series,value,lower,upper
with U sub-series (named, the default). --csv-out also writes series0.csv beside the archive so a
reference tool can read exactly the same bytes.

With --projects P --revisions R, OUT is a folder and one process writes P × R archives
OUT/p<p>-r<r>.mltrl (projects p1 … pP, each in R revisions whose evidence bytes differ, so each
imports as a new revision): a store of many projects without starting Python P × R times."""
import argparse, hashlib, json, os, random, zipfile

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--evidence", type=int, default=100)
ap.add_argument("--evidence-size", type=int, default=4096)
ap.add_argument("--deflate", action="store_true")
ap.add_argument("--series-rows", type=int, default=1000)
ap.add_argument("--series-count", type=int, default=1)
ap.add_argument("--subseries", type=int, default=1)
ap.add_argument("--series-columns", choices=["plain", "band", "named"], default="named")
ap.add_argument("--csv-out")
ap.add_argument("--curve-rows", type=int, default=200)
ap.add_argument("--groups", type=int, default=8)
ap.add_argument("--requirements", type=int, default=50)
ap.add_argument("--gates", type=int, default=4)
ap.add_argument("--project", default="bench-project")
ap.add_argument("--projects", type=int, default=0)
ap.add_argument("--revisions", type=int, default=1)
a = ap.parse_args()
rng = random.Random(42)
comp = zipfile.ZIP_DEFLATED if a.deflate else zipfile.ZIP_STORED

def series_csv(rows, subseries):
    cols = a.series_columns
    lines = [{"plain": "step,value", "band": "step,value,lower,upper",
              "named": "step,series,value,lower,upper"}[cols]]
    if cols != "named":
        subseries = 1
    per = max(1, rows // subseries)
    for s in range(subseries):
        v = 0.5
        for i in range(per):
            v = min(0.999, v + (rng.random() - 0.45) * 0.001)
            if cols == "plain":
                lines.append(f"{i},{v:.6f}")
            elif cols == "band":
                lines.append(f"{i},{v:.6f},{v - 0.01:.6f},{v + 0.01:.6f}")
            else:
                lines.append(f"{i},s{s},{v:.6f},{v - 0.01:.6f},{v + 0.01:.6f}")
    return ("\n".join(lines) + "\n").encode()

def write_archive(out, project, name):
    m = {"mltrl_archive": 1,
         "project": {"id": project, "name": name, "domain": "benchmark", "current_level": 5,
                     "target_level": 8},
         "components": [{"id": f"c{i}", "name": f"Component {i}", "level": 5 + i % 3} for i in range(4)],
         "history": [{"at": "2025-01-01", "to": 2, "kind": "start"},
                     {"at": "2025-02-01", "from": 2, "to": 5, "kind": "advance"}],
         "cards": [{"level": l, "component": None, "tldr": f"Card {l}"} for l in range(2, 6)],
         "requirements": [{"id": f"R{i}", "text": f"Requirement {i} shall hold.", "kind": "product", "level": 5,
                           "risk": {"p_failure": rng.random(), "impact": rng.random()},
                           "verification": "passed", "validation": "pending"} for i in range(a.requirements)],
         "gates": [], "evidence": [], "metrics": []}
    with zipfile.ZipFile(out + ".tmp", "w", comp, allowZip64=True) as z:
        for i in range(a.evidence):
            data = os.urandom(a.evidence_size)
            path = f"evidence/e{i:06d}.bin"
            z.writestr(zipfile.ZipInfo(path, (2026, 1, 1, 0, 0, 0)), data, compress_type=comp)
            m["evidence"].append({"id": f"ev{i}", "path": path, "title": f"Evidence {i}", "kind": "log", "level": 5,
                                  "media_type": "application/octet-stream",
                                  "sha256": hashlib.sha256(data).hexdigest()})
        for s in range(a.series_count):
            path = f"metrics/series{s}.csv"
            csv = series_csv(a.series_rows, a.subseries)
            if s == 0 and a.csv_out:
                with open(a.csv_out, "wb") as f:
                    f.write(csv)
            z.writestr(zipfile.ZipInfo(path, (2026, 1, 1, 0, 0, 0)), csv, compress_type=comp)
            del csv
            m["metrics"].append({"id": f"series{s}", "title": f"Series {s}", "path": path, "kind": "series"})
        curve = "x,y\n" + "".join(f"{i / a.curve_rows:.5f},{min(1, (i / a.curve_rows) ** 0.3):.5f}\n" for i in range(a.curve_rows))
        z.writestr("metrics/curve.csv", curve, compress_type=comp)
        m["metrics"].append({"id": "curve", "title": "Curve", "path": "metrics/curve.csv", "kind": "curve"})
        groups = "group,value,lower,upper,n\n" + "".join(f"g{i},{0.8 + rng.random() / 10:.4f},0.7,0.95,100\n" for i in range(a.groups))
        z.writestr("metrics/groups.csv", groups, compress_type=comp)
        m["metrics"].append({"id": "groups", "title": "Groups", "path": "metrics/groups.csv", "kind": "groups"})
        for g in range(a.gates):
            m["gates"].append({"id": f"gate-{g}", "level": 3 + g % 6, "title": f"Gate {g}",
                               "criteria": [{"id": "s", "text": "Series", "metric": "series0", "aggregate": "last",
                                             "op": ">=", "threshold": 0.5},
                                            {"id": "g", "text": "Worst group", "metric": "groups", "aggregate": "min",
                                             "op": ">=", "threshold": 0.75},
                                            {"id": "q", "text": "Qualitative", "evidence": ["ev0"] if a.evidence else []}]})
        z.writestr("mltrl.json", json.dumps(m, indent=1), compress_type=comp)
    os.replace(out + ".tmp", out)


if a.projects:
    os.makedirs(a.out, exist_ok=True)
    for p in range(1, a.projects + 1):
        for r in range(1, a.revisions + 1):
            write_archive(os.path.join(a.out, f"p{p}-r{r}.mltrl"), f"p{p}", f"Benchmark project {p}")
else:
    write_archive(a.out, a.project, "Benchmark project")
