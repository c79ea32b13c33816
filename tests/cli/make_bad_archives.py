#!/usr/bin/env python3
"""Writes one hostile or malformed archive per case into OUTDIR, each derived from the valid
example in EXAMPLE_DIR, and prints "name<TAB>file<TAB>expected message fragment" lines
(usage: make_bad_archives.py EXAMPLE_DIR OUTDIR [--no-bombs]).
Used by test_bad_input.sh; nothing here is committed as a binary fixture."""
import io, json, os, stat, sys, tarfile, warnings, zipfile, zlib
warnings.simplefilter("ignore")  # zipfile warns about the duplicate entry we write on purpose

example, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
cases = []

def files():
    """The example's files as {archive path: bytes}."""
    result = {}
    for root, _, names in os.walk(example):
        for n in sorted(names):
            full = os.path.join(root, n)
            result[os.path.relpath(full, example)] = open(full, "rb").read()
    return result

def manifest():
    return json.loads(files()["mltrl.json"])

def write_zip(name, entries, expect, compression=zipfile.ZIP_DEFLATED):
    path = os.path.join(out, name)
    with zipfile.ZipFile(path, "w", compression) as z:
        for arc, data in entries:
            if isinstance(data, zipfile.ZipInfo):
                z.writestr(data, arc)
            else:
                z.writestr(arc, data)
    cases.append((name, path, expect))
    return path

def with_manifest(m, extra=None, drop=None):
    entries = [(k, v) for k, v in files().items() if k != "mltrl.json" and k != drop]
    entries.append(("mltrl.json", json.dumps(m, indent=1).encode()))
    return entries + (extra or [])

def symlink_info(name):
    zi = zipfile.ZipInfo(name)
    zi.create_system = 3
    zi.external_attr = (stat.S_IFLNK | 0o777) << 16
    return zi

# --- container ----------------------------------------------------------------------------
open(os.path.join(out, "not-an-archive.mltrl"), "wb").write(b"This is a text file, not a ZIP.\n" * 40)
cases.append(("not-an-archive", os.path.join(out, "not-an-archive.mltrl"), "not a ZIP, tar or tar.gz"))

good = write_zip("good.mltrl", list(files().items()), "")
cases.pop()
data = open(good, "rb").read()
open(os.path.join(out, "truncated.mltrl"), "wb").write(data[: len(data) // 2])
cases.append(("truncated-zip", os.path.join(out, "truncated.mltrl"), "truncated.mltrl"))

buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w:gz") as t:
    for arc, d in files().items():
        ti = tarfile.TarInfo(arc); ti.size = len(d); t.addfile(ti, io.BytesIO(d))
tgz = buf.getvalue()
open(os.path.join(out, "truncated.tgz"), "wb").write(tgz[: len(tgz) // 2])
cases.append(("truncated-tgz", os.path.join(out, "truncated.tgz"), "truncated.tgz"))

write_zip("no-manifest.mltrl", [(k, v) for k, v in files().items() if k != "mltrl.json"], "no mltrl.json")

# --- manifest JSON ----------------------------------------------------------------------------
raw = files()["mltrl.json"]
write_zip("invalid-json.mltrl", with_manifest({}) [:-1] + [("mltrl.json", raw.replace(b'"name"', b'name', 1))], "mltrl.json")
write_zip("truncated-json.mltrl", with_manifest({})[:-1] + [("mltrl.json", raw[: len(raw) // 2])], "mltrl.json")
write_zip("deep-json.mltrl", with_manifest({})[:-1] + [("mltrl.json", b"[" * 100000 + b"]" * 100000)], "nest")

m = manifest(); m["mltrl_archive"] = 2
write_zip("wrong-version.mltrl", with_manifest(m), "1")
m = manifest(); m["project"]["current_level"] = "five"
write_zip("wrong-type.mltrl", with_manifest(m), "/project/current_level")
m = manifest(); m["components"][0]["level"] = 12
write_zip("level-out-of-range.mltrl", with_manifest(m), "/components/0/level")
m = manifest(); m["evidence"][1]["id"] = m["evidence"][0]["id"]
write_zip("duplicate-id.mltrl", with_manifest(m), "/evidence/1/id")
m = manifest(); m["gates"][2]["criteria"][1]["evidence"] = ["ev-nowhere"]
write_zip("dangling-reference.mltrl", with_manifest(m), "/gates/2/criteria/1/evidence/0")
m = manifest(); m["evidence"][0]["sha256"] = "0" * 64
write_zip("hash-mismatch.mltrl", with_manifest(m), "ev-datasheet")
write_zip("missing-file.mltrl", with_manifest(manifest(), drop="evidence/sample.csv"), "evidence/sample.csv")
f = files(); f["metrics/val_auroc.csv"] = b"step,value,lower,upper\n1,0.81,0.78,0.84\n2,zero,0.85,0.90\n"
m = manifest()
write_zip("bad-metric-row.mltrl", [(k, v) for k, v in f.items()], "metrics/val_auroc.csv:3:2")

# --- paths and entry types ----------------------------------------------------------------------
ok = list(files().items())
write_zip("path-traversal.mltrl", ok + [("../evil.txt", b"x")], "..")
write_zip("absolute-path.mltrl", ok + [("/etc/evil.txt", b"x")], "/etc/evil.txt")
write_zip("backslash.mltrl", ok + [("evidence\\evil.txt", b"x")], "evil.txt")
write_zip("drive-letter.mltrl", ok + [("C:/evil.txt", b"x")], "C:/evil.txt")
write_zip("zip-symlink.mltrl", ok + [("/etc/passwd", symlink_info("evidence/link"))], "evidence/link")
write_zip("duplicate-entry.mltrl", ok + [("evidence/sample.csv", b"again")], "evidence/sample.csv")

def write_tar(name, extra, expect, mode="w"):
    path = os.path.join(out, name)
    with tarfile.open(path, mode) as t:
        for arc, d in files().items():
            ti = tarfile.TarInfo(arc); ti.size = len(d); t.addfile(ti, io.BytesIO(d))
        for ti in extra:
            t.addfile(ti)
    cases.append((name, path, expect))

sl = tarfile.TarInfo("evidence/link.md"); sl.type = tarfile.SYMTYPE; sl.linkname = "/etc/passwd"
write_tar("tar-symlink.tar", [sl], "evidence/link.md")
hl = tarfile.TarInfo("evidence/hard.md"); hl.type = tarfile.LNKTYPE; hl.linkname = "evidence/datasheet.md"
write_tar("tar-hardlink.tar", [hl], "evidence/hard.md")
dev = tarfile.TarInfo("evidence/dev"); dev.type = tarfile.CHRTYPE; dev.devmajor = 1; dev.devminor = 3
write_tar("tar-device.tar", [dev], "evidence/dev")
fifo = tarfile.TarInfo("evidence/fifo"); fifo.type = tarfile.FIFOTYPE
write_tar("tar-fifo.tgz", [fifo], "evidence/fifo", mode="w:gz")

# --- decompression bombs (1 GiB of zeros) ------------------------------------------------------------
if "--no-bombs" in sys.argv[3:]:   # for tests that need only the small cases (the bombs take seconds)
    for name, path, expect in cases:
        print(f"{name}\t{path}\t{expect}")
    sys.exit(0)

GiB = 1 << 30
chunk = bytes(1 << 20)

def deflate_zeros(total, wbits):
    c = zlib.compressobj(9, zlib.DEFLATED, wbits)
    parts = [c.compress(chunk) for _ in range(total // len(chunk))]
    parts.append(c.flush())
    return b"".join(parts)

raw_bomb = deflate_zeros(GiB, -15)
crc = 0
for _ in range(GiB // len(chunk)):
    crc = zlib.crc32(chunk, crc)

def zip_with_raw_entry(path, name, comp, crc, csize, usize_header):
    """A one-entry deflated ZIP (plus the example) written by hand, so headers can lie."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for arc, d in files().items():
            z.writestr(arc, d)
    base = open(path, "rb").read()
    # Split the existing ZIP into its entries and its central directory.
    eocd = base.rfind(b"PK\x05\x06")
    cd_size = int.from_bytes(base[eocd + 12:eocd + 16], "little")
    cd_off = int.from_bytes(base[eocd + 16:eocd + 20], "little")
    count = int.from_bytes(base[eocd + 10:eocd + 12], "little")
    entries, cdir = base[:cd_off], base[cd_off:cd_off + cd_size]
    n = name.encode()
    local = (b"PK\x03\x04" + (20).to_bytes(2, "little") + (0).to_bytes(2, "little") + (8).to_bytes(2, "little")
             + (0).to_bytes(4, "little") + crc.to_bytes(4, "little") + csize.to_bytes(4, "little")
             + usize_header.to_bytes(4, "little") + len(n).to_bytes(2, "little") + (0).to_bytes(2, "little") + n)
    central = (b"PK\x01\x02" + (20).to_bytes(2, "little") + (20).to_bytes(2, "little") + (0).to_bytes(2, "little")
               + (8).to_bytes(2, "little") + (0).to_bytes(4, "little") + crc.to_bytes(4, "little")
               + csize.to_bytes(4, "little") + usize_header.to_bytes(4, "little") + len(n).to_bytes(2, "little")
               + bytes(8) + (0).to_bytes(4, "little") + len(entries).to_bytes(4, "little") + n)
    new_entries = entries + local + comp
    new_cd = cdir + central
    end = (b"PK\x05\x06" + bytes(4) + (count + 1).to_bytes(2, "little") + (count + 1).to_bytes(2, "little")
           + len(new_cd).to_bytes(4, "little") + len(new_entries).to_bytes(4, "little") + (0).to_bytes(2, "little"))
    open(path, "wb").write(new_entries + new_cd + end)

p = os.path.join(out, "bomb.mltrl")
zip_with_raw_entry(p, "evidence/zeros.bin", raw_bomb, crc, len(raw_bomb), GiB)
cases.append(("zip-bomb", p, "decompression bomb"))
p = os.path.join(out, "bomb-understated.mltrl")
zip_with_raw_entry(p, "evidence/zeros.bin", raw_bomb, crc, len(raw_bomb), 1000)
cases.append(("zip-bomb-understated", p, "decompression bomb"))

p = os.path.join(out, "bomb.tar.gz")
with open(p, "wb") as fh:
    gz = zlib.compressobj(9, zlib.DEFLATED, 31)
    tar_buf = io.BytesIO()
    t = tarfile.open(fileobj=tar_buf, mode="w")
    for arc, d in files().items():
        ti = tarfile.TarInfo(arc); ti.size = len(d); t.addfile(ti, io.BytesIO(d))
    head = tar_buf.getvalue()[:t.offset]  # the members, without the end-of-archive blocks
    ti = tarfile.TarInfo("evidence/zeros.bin"); ti.size = GiB
    fh.write(gz.compress(head + ti.tobuf(tarfile.GNU_FORMAT)))
    for _ in range(GiB // len(chunk)):
        fh.write(gz.compress(chunk))
    fh.write(gz.compress(bytes(1024)))
    fh.write(gz.flush())
cases.append(("tgz-bomb", p, "decompression bomb"))

for name, path, expect in cases:
    print(f"{name}\t{path}\t{expect}")
