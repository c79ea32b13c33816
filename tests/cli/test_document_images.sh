#!/usr/bin/env bash
# Images of documents that the manifest does not name ("assets", docs/archive-format.md): a
# Markdown report's `![roc](figures/roc.png)`, a notebook cell's and the summary's images are
# stored with the revision when the figure is in the archive, unlisted; hostile references
# (outside the archive, absolute, a huge file, not an image) are refused with warnings; the
# export carries the assets; an unchanged archive with a changed figure stays one revision.
. "$(dirname "$0")/lib.sh"

A="$WORK/archive"
cp -r "$MLTRL_TEST_DATA/example-min" "$A"
rm -rf "$A/reviews"
mkdir -p "$A/evidence/figures" "$A/notebooks/plots" "$A/overview"
printf '\x89PNG\r\n\x1a\nroc' >"$A/evidence/figures/roc.png"       # bytes are stored as they are
printf '\x89PNG\r\n\x1a\ncal' >"$A/evidence/figures/cal ibration.png"
printf '\x89PNG\r\n\x1a\nnb' >"$A/notebooks/plots/loss.png"
printf '<svg xmlns="http://www.w3.org/2000/svg"/>' >"$A/overview/map.svg"
printf 'not an image' >"$A/evidence/figures/notes.txt"
printf 'unreferenced' >"$A/evidence/figures/unused.png"
truncate -s 40M "$A/evidence/figures/huge.png"
cat >>"$A/evidence/datasheet.md" <<'MD'

## Figures

![ROC](figures/roc.png "ROC curve") and, reference style, ![cal][c].

[c]: <figures/cal%20ibration.png>

<img src="figures/roc.png" alt="again">

![passwd](../../etc/passwd) ![abs](/etc/passwd) ![url](file:///etc/passwd)
![huge](figures/huge.png) ![text](figures/notes.txt) ![gone](figures/missing.png)
![badge](https://img.shields.io/badge/x-y-green)
MD
python3 - "$A" <<'PY'
import json, sys, os
a = sys.argv[1]
p = os.path.join(a, "mltrl.json")
m = json.load(open(p))
for e in m["evidence"]:
    e.pop("sha256", None)   # datasheet.md gets figures below
m["project"]["summary"] = "Where it runs: ![map](overview/map.svg)"
nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
      "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["## Loss\n", "![loss](plots/loss.png) ![own](attachment:own.png)\n"],
                 "attachments": {"own.png": {"image/png": "iVBORw0KGgo="}}},
                {"cell_type": "code", "metadata": {}, "execution_count": 1, "outputs": [],
                 "source": "# ![not markdown](plots/never.png)"}]}
json.dump(nb, open(os.path.join(a, "notebooks/train.ipynb"), "w"))
m["evidence"].append({"id": "ev-nb", "path": "notebooks/train.ipynb", "title": "Training",
                      "kind": "notebook", "media_type": "application/x-ipynb+json"})
json.dump(m, open(p, "w"), indent=2)
PY

# validate: the stored images are named, every refused reference says why, none is an error.
expect_exit 0 "$MLTRL_CLI" validate "$A"
expect_in "$WORK/err" "evidence/figures/roc.png: warning: file is not named in the manifest; stored as an image that evidence/datasheet.md shows"
expect_in "$WORK/err" "evidence/figures/cal ibration.png: warning: file is not named in the manifest; stored as an image that evidence/datasheet.md shows"
expect_in "$WORK/err" "notebooks/plots/loss.png: warning: file is not named in the manifest; stored as an image that notebooks/train.ipynb shows"
expect_in "$WORK/err" "overview/map.svg: warning: file is not named in the manifest; stored as an image that mltrl.json#/project/summary shows"
expect_in "$WORK/err" "evidence/figures/unused.png: warning: file is not named in the manifest; it is ignored and not stored"
expect_in "$WORK/err" 'the image "../../etc/passwd" will not be shown: it is a path that leaves the archive'
expect_in "$WORK/err" 'the image "/etc/passwd" will not be shown: it is an absolute path on this computer, outside the archive'
expect_in "$WORK/err" 'the image "file:///etc/passwd" will not be shown: it is a file on this computer (file: URL)'
expect_in "$WORK/err" 'the image "figures/huge.png" will not be shown: evidence/figures/huge.png is not named in the manifest and is 41943040 bytes, over the 32 MiB'
expect_in "$WORK/err" 'the image "figures/notes.txt" will not be shown: evidence/figures/notes.txt is not named in the manifest and is not an image file'
expect_in "$WORK/err" 'the image "figures/missing.png" will not be shown: evidence/figures/missing.png is not in the archive'
expect_eq "$(grep -c 'shields.io\|never.png\|attachment:' "$WORK/err")" 0 "network images, attachments and code cells are no finding"

# import: the same; show --json lists exactly the four assets with their hashes.
expect_exit 0 "$MLTRL_CLI" import "$A"
P=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["project"]["id"])' "$A/mltrl.json")
expect_exit 0 "$MLTRL_CLI" show "$P" --json
cp "$WORK/out" "$WORK/show.json"
expect_eq "$(json_get "$WORK/show.json" '[a["path"] for a in d["assets"]]')" \
  "['evidence/figures/cal ibration.png', 'evidence/figures/roc.png', 'notebooks/plots/loss.png', 'overview/map.svg']" "assets"
expect_eq "$(json_get "$WORK/show.json" '[a["sha256"] for a in d["assets"] if a["path"]=="evidence/figures/roc.png"][0]')" \
  "$(sha256sum <"$A/evidence/figures/roc.png" | cut -d' ' -f1)" "asset hash"
for f in evidence/figures/roc.png notebooks/plots/loss.png; do
  h=$(sha256sum <"$A/$f" | cut -d' ' -f1)
  if cmp -s "$A/$f" "$MLTRL_STORE/blobs/${h:0:2}/$h"; then pass; else fail "$f not stored byte for byte"; fi
done
expect_eq "$(find "$MLTRL_STORE/blobs" -type f -size +30M | wc -l)" 0 "the huge file is not stored"

# export: the assets go with the archive, and the export imports back as the same revision.
expect_exit 0 "$MLTRL_CLI" export "$P" -o "$WORK/out.mltrl"
expect_in "$WORK/out" "4 images of its documents"
unzip -Z1 "$WORK/out.mltrl" >"$WORK/entries"
for f in "evidence/figures/roc.png" "evidence/figures/cal ibration.png" "notebooks/plots/loss.png" "overview/map.svg"; do
  expect_in "$WORK/entries" "$f"
done
expect_eq "$(grep -c 'unused.png\|huge.png\|notes.txt' "$WORK/entries")" 0 "only assets are exported"
unzip -p "$WORK/out.mltrl" evidence/figures/roc.png | cmp -s - "$A/evidence/figures/roc.png" && pass || fail "exported asset differs"
expect_exit 0 "$MLTRL_CLI" import "$WORK/out.mltrl"
expect_in "$WORK/out" "revision 1"

# A changed figure alone does not make a new revision (the manifest and named files decide, §5):
# the stored copy stays, and the import says so.
printf '\x89PNG\r\n\x1a\nROC2' >"$A/evidence/figures/roc.png"
expect_exit 0 "$MLTRL_CLI" import "$A"
expect_in "$WORK/out" "revision 1"
expect_in "$WORK/err" "evidence/figures/roc.png: warning: this image differs from the copy stored with revision 1, which is kept"
finish
