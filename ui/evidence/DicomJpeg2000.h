#pragma once
/// JPEG 2000 in DICOM (transfer syntaxes 1.2.840.10008.1.2.4.90 "JPEG 2000 Image Compression
/// (Lossless Only)", .91 "JPEG 2000 Image Compression", .92 and .93 the multi-component
/// variants): a DCMTK decoder (DcmCodec) that decodes the encapsulated frames with OpenJPEG
/// (libopenjp2, Debian's `libopenjp2-7`), so DicomImage shows them like any other compressed
/// syntax: window/level, Rescale Slope/Intercept, frames. DCMTK's free edition has none
/// (docs/dicom.md says why OpenJPEG and not GDCM).
///
/// Bounded: a frame's codestream is decoded only when its header (image size, components,
/// precision, subsampling) matches the DICOM header's Rows, Columns, Samples per Pixel and
/// Bits Allocated, which the caller has checked against the pixel budget; OpenJPEG's strict
/// mode makes a truncated codestream an error instead of a partly decoded image; OpenJPEG runs
/// in a forked child, so an abort() or a crash inside it is an error too. Errors are
/// DCMTK conditions with OpenJPEG's message; the viewer says "cannot be shown: …".
#include <QString>

#include <string>
#include <vector>

class DcmItem;

namespace mltrl::ui {

/// Registers the decoder with DCMTK's codec list (once; thread-safe).
void registerJpeg2000Decoder();

/// The last JPEG 2000 error of this thread ("" when none): DCMTK's DicomImage reports only
/// "EIS_InvalidValue" when a codec fails, so the viewer asks here for the reason.
[[nodiscard]] QString lastJpeg2000Error();
void clearJpeg2000Error();

/// Decodes one JPEG 2000 codestream (J2K, or a JP2 file as some writers put into DICOM) in a
/// child process (fork; 30 s; OpenJPEG asserts on some corrupt HTJ2K data, and a crash there
/// must not end the caller: it is an error here) into
/// `out`: `rows` × `columns` pixels of `samples` components, each `bytesPerSample` (1 or 2)
/// bytes in host order, colour-by-pixel unless `planar`. The codestream must match these
/// dimensions and have a precision of at most 8 × bytesPerSample bits. Returns "" or the
/// reason it could not. `colorTransformed` is set when the codestream used a multi-component
/// transform (OpenJPEG has undone it: the samples are RGB).
[[nodiscard]] std::string decodeJpeg2000(const unsigned char *data, size_t size, int columns, int rows, int samples,
                                         int bytesPerSample, bool planar, unsigned char *out, size_t outSize,
                                         bool *colorTransformed = nullptr);

/// High-Throughput JPEG 2000 (1.2.840.10008.1.2.4.201–.203), which DCMTK 3.6.7 does not know,
/// so no DcmCodec can be registered for it: decodes frame `frame` (0-based) of the
/// encapsulated Pixel Data of `dataset` with OpenJPEG (which decodes HT codestreams) and puts it
/// back as native Pixel Data, one frame (Number of Frames 1, Photometric Interpretation RGB if
/// the colour transform was undone), for DicomImage to read as explicit VR little endian.
/// The same checks as above; returns "" or the reason.
[[nodiscard]] std::string decodeFrameToNativePixelData(DcmItem &dataset, unsigned long frame);

} // namespace mltrl::ui
