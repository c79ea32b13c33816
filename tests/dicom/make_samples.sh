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

head -c 640 identified.dcm > truncated.dcm
head -c 8000 identified.dcm > truncated-pixels.dcm
printf 'not a DICOM file at all\n' > not-dicom.dcm
rm -f pixels.raw identified.txt rgb.bmp
