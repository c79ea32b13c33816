#!/usr/bin/env bash
# Makes the DICOM test files with DCMTK's own tools (package dcmtk) into OUT:
#   identified.dcm     16-bit MONOCHROME2, 2 frames, window 1000/2000, with PatientName,
#                      PatientID, PatientBirthDate, InstitutionName, ReferringPhysicianName,
#                      AccessionNumber, StudyDate and two private attributes (group 0009)
#   deidentified.dcm   the same after dcmodify erased those and declared BurnedInAnnotation NO
#   burned-in.dcm      de-identified but BurnedInAnnotation YES
#   nested.dcm         de-identified, but PatientName inside a Referenced Patient Sequence item
#   rgb.dcm            img2dcm from a BMP made by ImageMagick, with PatientName added (dcmodify)
#   jpeg-lossless.dcm, jpeg-baseline.dcm (8-bit), jpegls.dcm, rle.dcm, deflated.dcm
#                      identified.dcm (or rgb.dcm for baseline) in each transfer syntax
#   j2k-lossless.dcm   identified.dcm as JPEG 2000 Lossless Only (1.2.840.10008.1.2.4.90): each
#                      frame encoded reversibly by OpenJPEG's opj_compress, one fragment per frame
#                      with a Basic Offset Table (encapsulated by pydicom)
#   j2k-lossy.dcm      the same as JPEG 2000 (1.2.840.10008.1.2.4.91), irreversible (9/7 wavelet)
#   j2k-fragments.dcm  j2k-lossless.dcm with each frame in three fragments and no offset table
#   j2k-rgb.dcm        rgb.dcm as JPEG 2000 Lossless, YBR_RCT (the reversible colour transform)
#   j2k-truncated.dcm  a well-formed DICOM file whose JPEG 2000 codestream is cut in half
#   j2k-garbage.dcm    a well-formed DICOM file whose codestream is a SOC marker and noise
#   j2k-cut.dcm        j2k-lossless.dcm cut off in its pixel data
#   htj2k.dcm          identified.dcm as High-Throughput JPEG 2000 Lossless (1.2.840.10008.1.2.4.201),
#                      the frames encoded by OpenJPH's ojph_compress
#   unknown-syntax.dcm j2k-lossless.dcm labelled with a transfer syntax UID nobody knows
#   truncated.dcm      identified.dcm cut off in the header, after PatientBirthDate
#   truncated-pixels.dcm identified.dcm cut off in its pixel data
#   not-dicom.dcm      text, for a file declared application/dicom that is none
# Pixel (x, y) of frame f of identified.dcm is f*1000 + y*40 + x (64 × 48 pixels).
set -euo pipefail
out=${1:?usage: make_samples.sh OUT}
mkdir -p "$out"
cd "$out"

python3 - <<'PY'
import struct
with open('pixels.raw', 'wb') as f:
    for frame in range(2):
        for y in range(48):
            for x in range(64):
                f.write(struct.pack('<H', frame * 1000 + y * 40 + x))
PY

cat > identified.txt <<'DUMP'
(0008,0008) CS [DERIVED\SECONDARY]
(0008,0016) UI =SecondaryCaptureImageStorage
(0008,0018) UI [1.2.826.0.1.3680043.10.1147.1.1]
(0008,0020) DA [20240117]
(0008,0050) SH [ACC-20240117-7]
(0008,0060) CS [OT]
(0008,0080) LO [St Elsewhere Hospital]
(0008,0090) PN [House^Gregory]
(0009,0010) LO [ACME IMAGING]
(0009,1001) LO [internal case 42]
(0010,0010) PN [Doe^Jane]
(0010,0020) LO [MRN-0042]
(0010,0030) DA [19700101]
(0020,000d) UI [1.2.826.0.1.3680043.10.1147.2]
(0020,000e) UI [1.2.826.0.1.3680043.10.1147.3]
(0028,0002) US 1
(0028,0004) CS [MONOCHROME2]
(0028,0008) IS [2]
(0028,0010) US 48
(0028,0011) US 64
(0028,0100) US 16
(0028,0101) US 16
(0028,0102) US 15
(0028,0103) US 0
(0028,1050) DS [1000]
(0028,1051) DS [2000]
(7fe0,0010) OW =pixels.raw
DUMP
dump2dcm -q identified.txt identified.dcm

cp identified.dcm deidentified.dcm
dcmodify -q -nb -imt -ea "(0008,0020)" -ea "(0008,0050)" -ea "(0008,0080)" -ea "(0008,0090)" \
    -ea "(0010,0030)" -ep -m "(0010,0010)=" -m "(0010,0020)=" \
    -i "(0028,0301)=NO" -i "(0012,0062)=YES" deidentified.dcm

cp deidentified.dcm burned-in.dcm
dcmodify -q -nb -m "(0028,0301)=YES" burned-in.dcm

cp deidentified.dcm nested.dcm
dcmodify -q -nb -i "(0008,1120)[0].(0010,0010)=Roe^Richard" nested.dcm

convert -size 32x24 xc:gray50 -fill white -draw "rectangle 8,6 23,17" -type TrueColor BMP3:rgb.bmp
img2dcm -q -i BMP rgb.bmp rgb.dcm
dcmodify -q -nb -m "(0010,0010)=Doe^John" rgb.dcm

dcmcjpeg -q +e1 identified.dcm jpeg-lossless.dcm
dcmcjpeg -q +eb rgb.dcm jpeg-baseline.dcm
dcmcjpls -q identified.dcm jpegls.dcm
dcmcrle -q identified.dcm rle.dcm
dcmconv -q +td identified.dcm deflated.dcm

# JPEG 2000: opj_compress (package libopenjp2-tools) encodes the frames from PGM/PPM files,
# pydicom (python3-pydicom, Debian's python3) puts the codestreams into copies of the files.
/usr/bin/python3 - <<'PY'
import struct
for frame in range(2):
    with open(f'frame{frame}.pgm', 'wb') as f:
        f.write(b'P5\n64 48\n65535\n')
        for y in range(48):
            for x in range(64):
                f.write(struct.pack('>H', frame * 1000 + y * 40 + x))
PY
for f in 0 1; do
    opj_compress -i frame$f.pgm -o frame$f.j2k >/dev/null
    opj_compress -i frame$f.pgm -o frame$f-lossy.j2k -I -q 90 >/dev/null
done
convert rgb.bmp -depth 8 rgb.ppm
opj_compress -i rgb.ppm -o rgb.j2k -n 3 >/dev/null   # 32 × 24: three resolutions at most
/usr/bin/python3 - <<'PY'
import random
from pydicom import dcmread
from pydicom.encaps import encapsulate
from pydicom.uid import JPEG2000Lossless, JPEG2000

def write(source, out, frames, syntax, fragments=1, bot=True, photometric=None):
    ds = dcmread(source)
    ds.PixelData = encapsulate(frames, fragments_per_frame=fragments, has_bot=bot)
    ds['PixelData'].VR = 'OB'
    ds['PixelData'].is_undefined_length = True
    if photometric:
        ds.PhotometricInterpretation = photometric
    ds.file_meta.TransferSyntaxUID = syntax
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(out, write_like_original=False)

lossless = [open(f'frame{f}.j2k', 'rb').read() for f in range(2)]
lossy = [open(f'frame{f}-lossy.j2k', 'rb').read() for f in range(2)]
write('identified.dcm', 'j2k-lossless.dcm', lossless, JPEG2000Lossless)
write('identified.dcm', 'j2k-lossy.dcm', lossy, JPEG2000)
write('identified.dcm', 'j2k-fragments.dcm', lossless, JPEG2000Lossless, fragments=3, bot=False)
write('rgb.dcm', 'j2k-rgb.dcm', [open('rgb.j2k', 'rb').read()], JPEG2000Lossless, photometric='YBR_RCT')
half = [c[:len(c) // 2 & ~1] for c in lossless]
write('identified.dcm', 'j2k-truncated.dcm', half, JPEG2000Lossless)
rng = random.Random(20)
noise = [lossless[0][:2] + bytes(rng.randrange(256) for _ in range(1998))] * 2
write('identified.dcm', 'j2k-garbage.dcm', noise, JPEG2000Lossless)
PY
head -c $(( $(stat -c %s j2k-lossless.dcm) - 120 )) j2k-lossless.dcm > j2k-cut.dcm
# High-Throughput JPEG 2000 (1.2.840.10008.1.2.4.201): the frames encoded by OpenJPH's
# ojph_compress (openjph-tools); DCMTK 3.6.7 and pydicom 2.3 do not know the syntax, so the file
# is written as JPEG 2000 and its meta header's transfer syntax UID rewritten in place. The same
# rewrite gives unknown-syntax.dcm a transfer syntax nobody knows.
for f in 0 1; do
    ojph_compress -i frame$f.pgm -o frame$f.j2c -reversible true >/dev/null
done
/usr/bin/python3 - <<'PY'
import struct
from pydicom import dcmread
from pydicom.encaps import encapsulate
from pydicom.uid import JPEG2000Lossless

def relabel(source, out, uid):
    d = bytearray(open(source, 'rb').read())
    old = b'\x02\x00\x10\x00UI' + struct.pack('<H', 22) + b'1.2.840.10008.1.2.4.90'
    at = d.find(old)
    assert at > 0
    value = uid.encode() + (b'\0' if len(uid) % 2 else b'')
    d[at:at + len(old)] = b'\x02\x00\x10\x00UI' + struct.pack('<H', len(value)) + value
    g = d.find(b'\x02\x00\x00\x00UL\x04\x00')
    d[g + 8:g + 12] = struct.pack('<I', struct.unpack('<I', d[g + 8:g + 12])[0] + len(value) - 22)
    open(out, 'wb').write(d)

ds = dcmread('identified.dcm')
ds.PixelData = encapsulate([open(f'frame{f}.j2c', 'rb').read() for f in range(2)])
ds['PixelData'].VR = 'OB'
ds['PixelData'].is_undefined_length = True
ds.file_meta.TransferSyntaxUID = JPEG2000Lossless
ds.is_little_endian, ds.is_implicit_VR = True, False
ds.save_as('htj2k-as-j2k.dcm', write_like_original=False)
relabel('htj2k-as-j2k.dcm', 'htj2k.dcm', '1.2.840.10008.1.2.4.201')
relabel('j2k-lossless.dcm', 'unknown-syntax.dcm', '1.2.826.0.1.3680043.10.1147.99')
PY
rm -f htj2k-as-j2k.dcm

head -c 640 identified.dcm > truncated.dcm
head -c 8000 identified.dcm > truncated-pixels.dcm
printf 'not a DICOM file at all\n' > not-dicom.dcm
rm -f pixels.raw identified.txt rgb.bmp rgb.ppm rgb.j2k frame[01].pgm frame[01].j2k frame[01].j2c frame[01]-lossy.j2k
