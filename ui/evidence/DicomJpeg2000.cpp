#include "ui/evidence/DicomJpeg2000.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dccodec.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcerror.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcstack.h>
#include <dcmtk/dcmdata/dcvrpobw.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <openjpeg.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>

namespace mltrl::ui {

namespace {

thread_local std::string t_lastError;

/// Whole-object decoding (DcmCodec::decode, used when a caller asks for the uncompressed
/// representation rather than one frame) stops above this many bytes.
constexpr size_t kMaxDecodedObjectBytes = 512UL * 1024 * 1024;

bool isJpeg2000(E_TransferSyntax xfer)
{
    return xfer == EXS_JPEG2000LosslessOnly || xfer == EXS_JPEG2000 || xfer == EXS_JPEG2000MulticomponentLosslessOnly ||
           xfer == EXS_JPEG2000Multicomponent;
}

// ---- OpenJPEG reading from memory ----------------------------------------------------------

struct Source {
    const unsigned char *data;
    size_t size;
    size_t pos;
};

OPJ_SIZE_T readBytes(void *buffer, OPJ_SIZE_T count, void *user)
{
    auto *s = static_cast<Source *>(user);
    if (s->pos >= s->size)
        return static_cast<OPJ_SIZE_T>(-1); // end of stream
    const size_t n = std::min<size_t>(count, s->size - s->pos);
    std::memcpy(buffer, s->data + s->pos, n);
    s->pos += n;
    return n;
}

OPJ_OFF_T skipBytes(OPJ_OFF_T count, void *user)
{
    auto *s = static_cast<Source *>(user);
    if (count < 0) {
        const size_t back = std::min<size_t>(static_cast<size_t>(-count), s->pos);
        s->pos -= back;
        return -static_cast<OPJ_OFF_T>(back);
    }
    const size_t n = std::min<size_t>(static_cast<size_t>(count), s->size - std::min(s->pos, s->size));
    s->pos += n;
    return static_cast<OPJ_OFF_T>(n);
}

OPJ_BOOL seekTo(OPJ_OFF_T offset, void *user)
{
    auto *s = static_cast<Source *>(user);
    if (offset < 0 || static_cast<size_t>(offset) > s->size)
        return OPJ_FALSE;
    s->pos = static_cast<size_t>(offset);
    return OPJ_TRUE;
}

void collectError(const char *message, void *client)
{
    auto *error = static_cast<std::string *>(client);
    if (!error->empty() || !message)
        return; // the first message is the cause; later ones follow from it
    *error = message;
    while (!error->empty() && (error->back() == '\n' || error->back() == ' '))
        error->pop_back();
}

void ignoreMessage(const char *, void *) {}

struct CodecDeleter {
    void operator()(opj_codec_t *c) const { opj_destroy_codec(c); }
};
struct StreamDeleter {
    void operator()(opj_stream_t *s) const { opj_stream_destroy(s); }
};
struct ImageDeleter {
    void operator()(opj_image_t *i) const { opj_image_destroy(i); }
};

// ---- frames in the pixel sequence ------------------------------------------------------------

bool startsCodestream(const Uint8 *p, Uint32 length)
{
    static constexpr unsigned char kJp2Signature[] = {0, 0, 0, 0x0c, 'j', 'P', ' ', ' '};
    return (length >= 2 && p[0] == 0xff && p[1] == 0x4f) ||
           (length >= sizeof kJp2Signature && std::memcmp(p, kJp2Signature, sizeof kJp2Signature) == 0);
}

OFCondition failure(const std::string &message)
{
    t_lastError = message;
    return makeOFCondition(OFM_dcmdata, 1200, OF_error, message.c_str());
}

/// Fragment `index` (1-based; item 0 is the Basic Offset Table) as bytes.
bool fragment(DcmPixelSequence &seq, unsigned long index, const Uint8 *&data, Uint32 &length)
{
    DcmPixelItem *item = nullptr;
    if (seq.getItem(item, index).bad() || !item)
        return false;
    length = item->getLength();
    if (length == 0) {
        data = nullptr;
        return true;
    }
    Uint8 *bytes = nullptr;
    if (item->getUint8Array(bytes).bad() || !bytes)
        return false;
    data = bytes;
    return true;
}

/// The bytes of frame `frameNo` (0-based): PS3.5 A.4 — one fragment per frame, or the Basic
/// Offset Table's offsets, or (neither) fragments that start a codestream begin a frame.
OFCondition frameBytes(DcmPixelSequence &seq, Uint32 frameNo, Uint32 frames, std::vector<unsigned char> &out,
                       Uint32 &nextFragment)
{
    const unsigned long items = seq.card();
    if (items < 2)
        return failure("the encapsulated pixel data holds no fragment");
    const unsigned long fragments = items - 1;
    unsigned long first = 0, last = 0; // inclusive, 1-based
    if (frames <= 1) {
        first = 1;
        last = fragments;
    } else if (fragments == frames) {
        first = last = frameNo + 1;
    } else {
        const Uint8 *table = nullptr;
        Uint32 tableLength = 0;
        DcmPixelItem *offsets = nullptr;
        if (seq.getItem(offsets, 0).good() && offsets && offsets->getLength() == 4 * frames) {
            Uint8 *bytes = nullptr;
            if (offsets->getUint8Array(bytes).good() && bytes) {
                table = bytes;
                tableLength = offsets->getLength();
            }
        }
        if (table && tableLength == 4 * frames) {
            const auto offsetOf = [table](Uint32 f) {
                const Uint8 *p = table + 4 * f;
                return Uint32(p[0]) | Uint32(p[1]) << 8 | Uint32(p[2]) << 16 | Uint32(p[3]) << 24; // little endian
            };
            const Uint32 begin = offsetOf(frameNo);
            const Uint32 end = frameNo + 1 < frames ? offsetOf(frameNo + 1) : std::numeric_limits<Uint32>::max();
            unsigned long long position = 0;
            for (unsigned long i = 1; i <= fragments; ++i) {
                DcmPixelItem *item = nullptr;
                if (seq.getItem(item, i).bad() || !item)
                    break;
                if (position == begin)
                    first = i;
                if (first && position < end)
                    last = i;
                position += 8ULL + item->getLength(); // item tag and length, then the value
            }
        } else {
            Uint32 seen = 0;
            for (unsigned long i = 1; i <= fragments; ++i) {
                const Uint8 *p = nullptr;
                Uint32 length = 0;
                if (!fragment(seq, i, p, length))
                    return failure("fragment " + std::to_string(i) + " of the pixel data cannot be read");
                if (p && startsCodestream(p, length)) {
                    if (seen == frameNo + 1)
                        break;
                    if (seen++ == frameNo)
                        first = i;
                }
                if (first)
                    last = i;
            }
        }
        if (!first)
            return failure("frame " + std::to_string(frameNo + 1) + " is not found in the encapsulated pixel data");
    }
    out.clear();
    for (unsigned long i = first; i <= last; ++i) {
        const Uint8 *p = nullptr;
        Uint32 length = 0;
        if (!fragment(seq, i, p, length))
            return failure("fragment " + std::to_string(i) + " of the pixel data cannot be read");
        if (p)
            out.insert(out.end(), p, p + length);
    }
    nextFragment = static_cast<Uint32>(last + 1);
    return EC_Normal;
}

struct Geometry {
    Uint16 rows = 0, columns = 0, samples = 1, bitsAllocated = 0, planar = 0;
    Uint32 frames = 1;
    OFString photometric;
    size_t bytesPerSample = 0;
    size_t frameSize = 0;
};

OFCondition geometry(DcmItem *dataset, Geometry &g)
{
    if (!dataset)
        return failure("the pixel data has no data set");
    dataset->findAndGetUint16(DCM_Rows, g.rows);
    dataset->findAndGetUint16(DCM_Columns, g.columns);
    dataset->findAndGetUint16(DCM_BitsAllocated, g.bitsAllocated);
    if (dataset->findAndGetUint16(DCM_SamplesPerPixel, g.samples).bad())
        g.samples = 1;
    dataset->findAndGetUint16(DCM_PlanarConfiguration, g.planar);
    Sint32 frames = 1;
    if (dataset->findAndGetSint32(DCM_NumberOfFrames, frames).good() && frames > 1)
        g.frames = static_cast<Uint32>(frames);
    dataset->findAndGetOFString(DCM_PhotometricInterpretation, g.photometric);
    if (g.rows == 0 || g.columns == 0)
        return failure("the image has no Rows or Columns");
    if (g.samples != 1 && g.samples != 3)
        return failure("Samples per Pixel " + std::to_string(g.samples) + " is not 1 or 3");
    if (g.bitsAllocated != 8 && g.bitsAllocated != 16)
        return failure("Bits Allocated " + std::to_string(g.bitsAllocated) + " is not 8 or 16");
    g.bytesPerSample = g.bitsAllocated / 8;
    g.frameSize = size_t(g.rows) * g.columns * g.samples * g.bytesPerSample;
    return EC_Normal;
}

OFString colorModelAfter(const OFString &photometric, bool transformed)
{
    if (photometric == "YBR_ICT" || photometric == "YBR_RCT")
        return transformed ? "RGB" : "YBR_FULL"; // OpenJPEG undoes the codestream's transform
    return photometric;
}

// ---- the DCMTK codec --------------------------------------------------------------------------

class Jpeg2000Parameter final : public DcmCodecParameter {
public:
    DcmCodecParameter *clone() const override { return new Jpeg2000Parameter; }
    const char *className() const override { return "mltrl::Jpeg2000Parameter"; }
};

class Jpeg2000Representation final : public DcmRepresentationParameter {
public:
    DcmRepresentationParameter *clone() const override { return new Jpeg2000Representation; }
    const char *className() const override { return "mltrl::Jpeg2000Representation"; }
    OFBool operator==(const DcmRepresentationParameter &other) const override
    {
        return std::strcmp(other.className(), className()) == 0;
    }
};

class Jpeg2000Decoder final : public DcmCodec {
public:
    OFCondition decode(const DcmRepresentationParameter *, DcmPixelSequence *pixSeq, DcmPolymorphOBOW &uncompressed,
                       const DcmCodecParameter *, const DcmStack &objStack, OFBool &removeOldRep) const override
    {
        t_lastError.clear();
        DcmStack stack(objStack);
        DcmObject *parent = stack.card() > 1 ? stack.elem(1) : nullptr;
        auto *dataset = dynamic_cast<DcmItem *>(parent);
        Geometry g;
        if (OFCondition c = geometry(dataset, g); c.bad())
            return c;
        if (!pixSeq)
            return failure("the pixel data is not encapsulated");
        size_t total = g.frameSize * g.frames;
        if (total / g.frames != g.frameSize || total > kMaxDecodedObjectBytes)
            return failure("the decoded object would be larger than " + std::to_string(kMaxDecodedObjectBytes >> 20) +
                           " MiB");
        total += total & 1; // Pixel Data has an even length
        unsigned char *target = nullptr;
        if (g.bytesPerSample == 1) {
            Uint8 *p = nullptr;
            if (uncompressed.createUint8Array(static_cast<Uint32>(total), p).bad() || !p)
                return EC_MemoryExhausted;
            target = p;
        } else {
            Uint16 *p = nullptr;
            if (uncompressed.createUint16Array(static_cast<Uint32>(total / 2), p).bad() || !p)
                return EC_MemoryExhausted;
            target = reinterpret_cast<unsigned char *>(p);
        }
        std::memset(target, 0, total);
        bool transformed = false;
        Uint32 nextFragment = 0;
        std::vector<unsigned char> bytes;
        for (Uint32 f = 0; f < g.frames; ++f) {
            if (OFCondition c = frameBytes(*pixSeq, f, g.frames, bytes, nextFragment); c.bad())
                return c;
            bool t = false;
            const std::string error =
                decodeJpeg2000(bytes.data(), bytes.size(), g.columns, g.rows, g.samples, int(g.bytesPerSample),
                               g.planar == 1, target + f * g.frameSize, g.frameSize, &t);
            if (!error.empty())
                return failure("frame " + std::to_string(f + 1) + ": " + error);
            transformed = transformed || t;
        }
        const OFString model = colorModelAfter(g.photometric, transformed);
        if (model != g.photometric) {
            dataset->putAndInsertString(DCM_PhotometricInterpretation, model.c_str());
            removeOldRep = OFTrue;
        }
        return EC_Normal;
    }

    OFCondition decodeFrame(const DcmRepresentationParameter *, DcmPixelSequence *fromPixSeq, const DcmCodecParameter *,
                            DcmItem *dataset, Uint32 frameNo, Uint32 &startFragment, void *buffer, Uint32 bufSize,
                            OFString &decompressedColorModel) const override
    {
        t_lastError.clear();
        Geometry g;
        if (OFCondition c = geometry(dataset, g); c.bad())
            return c;
        if (!fromPixSeq)
            return failure("the pixel data is not encapsulated");
        if (frameNo >= g.frames)
            return failure("there is no frame " + std::to_string(frameNo + 1));
        if (!buffer || bufSize < g.frameSize)
            return failure("the frame buffer is too small");
        std::vector<unsigned char> bytes;
        if (OFCondition c = frameBytes(*fromPixSeq, frameNo, g.frames, bytes, startFragment); c.bad())
            return c;
        bool transformed = false;
        const std::string error =
            decodeJpeg2000(bytes.data(), bytes.size(), g.columns, g.rows, g.samples, int(g.bytesPerSample),
                           g.planar == 1, static_cast<unsigned char *>(buffer), bufSize, &transformed);
        if (!error.empty())
            return failure(error);
        decompressedColorModel = colorModelAfter(g.photometric, transformed);
        return EC_Normal;
    }

    OFCondition encode(const Uint16 *, const Uint32, const DcmRepresentationParameter *, DcmPixelSequence *&,
                       const DcmCodecParameter *, DcmStack &, OFBool &) const override
    {
        return EC_IllegalCall; // a decoder only
    }

    OFCondition encode(const E_TransferSyntax, const DcmRepresentationParameter *, DcmPixelSequence *,
                       const DcmRepresentationParameter *, DcmPixelSequence *&, const DcmCodecParameter *, DcmStack &,
                       OFBool &) const override
    {
        return EC_IllegalCall;
    }

    OFBool canChangeCoding(const E_TransferSyntax oldRepType, const E_TransferSyntax newRepType) const override
    {
        return isJpeg2000(oldRepType) &&
               (newRepType == EXS_LittleEndianExplicit || newRepType == EXS_LittleEndianImplicit ||
                newRepType == EXS_BigEndianExplicit);
    }

    OFCondition determineDecompressedColorModel(const DcmRepresentationParameter *, DcmPixelSequence *,
                                                const DcmCodecParameter *, DcmItem *dataset,
                                                OFString &decompressedColorModel) const override
    {
        if (!dataset)
            return EC_IllegalParameter;
        OFString photometric;
        if (OFCondition c = dataset->findAndGetOFString(DCM_PhotometricInterpretation, photometric); c.bad())
            return c;
        decompressedColorModel = colorModelAfter(photometric, true);
        return EC_Normal;
    }
};

/// OpenJPEG on one codestream, in this process (decodeJpeg2000 runs it in a child).
std::string decodeInProcess(const unsigned char *data, size_t size, int columns, int rows, int samples,
                            int bytesPerSample, bool planar, unsigned char *out, size_t outSize, bool *colorTransformed)
{
    if (colorTransformed)
        *colorTransformed = false;
    if (!data || size < 12)
        return "the JPEG 2000 data is empty or too short";
    if (!startsCodestream(data, static_cast<Uint32>(std::min<size_t>(size, 16))))
        return "the frame does not start with a JPEG 2000 codestream (SOC marker) or a JP2 signature";
    if (columns <= 0 || rows <= 0 || samples <= 0 || (bytesPerSample != 1 && bytesPerSample != 2))
        return "unsupported image geometry";
    const size_t pixels = size_t(columns) * size_t(rows);
    if (outSize < pixels * size_t(samples) * size_t(bytesPerSample))
        return "the frame buffer is too small";

    const OPJ_CODEC_FORMAT format = data[0] == 0xff ? OPJ_CODEC_J2K : OPJ_CODEC_JP2;
    std::unique_ptr<opj_codec_t, CodecDeleter> codec(opj_create_decompress(format));
    if (!codec)
        return "OpenJPEG cannot create a decoder";
    std::string error;
    opj_set_error_handler(codec.get(), collectError, &error);
    opj_set_warning_handler(codec.get(), ignoreMessage, nullptr);
    opj_set_info_handler(codec.get(), ignoreMessage, nullptr);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec.get(), &parameters))
        return "OpenJPEG cannot set up the decoder";
    opj_decoder_set_strict_mode(codec.get(), OPJ_TRUE); // a truncated codestream is an error

    Source source{data, size, 0};
    std::unique_ptr<opj_stream_t, StreamDeleter> stream(opj_stream_create(64 * 1024, OPJ_TRUE));
    if (!stream)
        return "OpenJPEG cannot create a stream";
    opj_stream_set_read_function(stream.get(), readBytes);
    opj_stream_set_skip_function(stream.get(), skipBytes);
    opj_stream_set_seek_function(stream.get(), seekTo);
    opj_stream_set_user_data(stream.get(), &source, nullptr);
    opj_stream_set_user_data_length(stream.get(), size);

    opj_image_t *raw = nullptr;
    if (!opj_read_header(stream.get(), codec.get(), &raw)) {
        opj_image_destroy(raw);
        return "the JPEG 2000 header cannot be read" + (error.empty() ? std::string() : ": " + error);
    }
    std::unique_ptr<opj_image_t, ImageDeleter> image(raw);
    // Everything OpenJPEG allocates from here on is bounded by the DICOM header's geometry,
    // which the caller checked against the pixel budget.
    const auto width = long(image->x1) - long(image->x0);
    const auto height = long(image->y1) - long(image->y0);
    if (width != columns || height != rows)
        return "the JPEG 2000 image is " + std::to_string(width) + " × " + std::to_string(height) +
               " pixels; the DICOM header says " + std::to_string(columns) + " × " + std::to_string(rows);
    if (int(image->numcomps) != samples)
        return "the JPEG 2000 image has " + std::to_string(image->numcomps) +
               " components; the DICOM header says Samples per Pixel " + std::to_string(samples);
    for (OPJ_UINT32 c = 0; c < image->numcomps; ++c) {
        const opj_image_comp_t &comp = image->comps[c];
        if (comp.dx != 1 || comp.dy != 1)
            return "the JPEG 2000 image has subsampled components";
        if (comp.prec < 1 || comp.prec > OPJ_UINT32(8 * bytesPerSample))
            return "the JPEG 2000 image has " + std::to_string(comp.prec) +
                   "-bit samples; the DICOM header says Bits Allocated " + std::to_string(8 * bytesPerSample);
    }
    if (!opj_decode(codec.get(), stream.get(), image.get()) || !opj_end_decompress(codec.get(), stream.get()))
        return "the JPEG 2000 data cannot be decoded" +
               (error.empty() ? std::string(" (truncated or corrupt)") : ": " + error);
    if (int(image->numcomps) != samples)
        return "the decoded JPEG 2000 image has " + std::to_string(image->numcomps) + " components";
    for (OPJ_UINT32 c = 0; c < image->numcomps; ++c) {
        const opj_image_comp_t &comp = image->comps[c];
        if (!comp.data || long(comp.w) != columns || long(comp.h) != rows)
            return "the decoded JPEG 2000 image does not match the DICOM header";
    }
    if (colorTransformed && samples > 1) {
        if (opj_codestream_info_v2_t *info = opj_get_cstr_info(codec.get())) {
            *colorTransformed = info->m_default_tile_info.mct != 0;
            opj_destroy_cstr_info(&info);
        }
    }

    for (int c = 0; c < samples; ++c) {
        const OPJ_INT32 *src = image->comps[c].data;
        for (size_t i = 0; i < pixels; ++i) {
            const size_t index = planar ? size_t(c) * pixels + i : i * size_t(samples) + size_t(c);
            // Signed values keep their two's complement bits; DCMTK reads Bits Stored of them.
            if (bytesPerSample == 1)
                out[index] = static_cast<unsigned char>(src[i] & 0xff);
            else {
                const Uint16 v = static_cast<Uint16>(src[i] & 0xffff);
                std::memcpy(out + 2 * index, &v, 2);
            }
        }
    }
    return {};
}

bool writeAll(int fd, const void *data, size_t size)
{
    const auto *p = static_cast<const char *>(data);
    for (size_t done = 0; done < size;) {
        const ssize_t n = ::write(fd, p + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

bool readAll(int fd, void *data, size_t size)
{
    auto *p = static_cast<char *>(data);
    for (size_t done = 0; done < size;) {
        const ssize_t n = ::read(fd, p + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

} // namespace

std::string decodeJpeg2000(const unsigned char *data, size_t size, int columns, int rows, int samples,
                           int bytesPerSample, bool planar, unsigned char *out, size_t outSize, bool *colorTransformed)
{
    if (colorTransformed)
        *colorTransformed = false;
    // OpenJPEG is built with assertions (Debian): a corrupt HTJ2K codestream can abort() in
    // its HT block decoder. So it runs in a child process, like the DICOM header check
    // (core/dicom/DeidentificationCheck), bounded in time; a crash there is an error here.
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return std::string("cannot start the JPEG 2000 decoder: ") + std::strerror(errno);
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return std::string("cannot start the JPEG 2000 decoder: ") + std::strerror(errno);
    }
    if (pid == 0) {
        // The child reports: transformed (1 byte), the error's length (4 bytes) and text, then
        // the frame when there is no error. It never returns.
        ::close(fds[0]);
        // The default action for faults: the parent's handlers (a test framework's backtrace,
        // a crash reporter) are not for this child.
        for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL})
            ::signal(sig, SIG_DFL);
        ::alarm(30);
        bool transformed = false;
        const std::string error =
            decodeInProcess(data, size, columns, rows, samples, bytesPerSample, planar, out, outSize, &transformed);
        const unsigned char flag = transformed ? 1 : 0;
        const auto length = static_cast<std::uint32_t>(error.size());
        const size_t frameBytes = size_t(columns) * size_t(rows) * size_t(samples) * size_t(bytesPerSample);
        const bool ok = writeAll(fds[1], &flag, 1) && writeAll(fds[1], &length, sizeof length) &&
                        writeAll(fds[1], error.data(), error.size()) &&
                        (!error.empty() || writeAll(fds[1], out, frameBytes));
        ::_exit(ok ? 0 : 2);
    }
    ::close(fds[1]);
    unsigned char flag = 0;
    std::uint32_t length = 0;
    std::string error;
    bool complete = readAll(fds[0], &flag, 1) && readAll(fds[0], &length, sizeof length) && length < 4096;
    if (complete) {
        error.resize(length);
        complete = readAll(fds[0], error.data(), length);
    }
    if (complete && error.empty()) {
        const size_t frameBytes = size_t(columns) * size_t(rows) * size_t(samples) * size_t(bytesPerSample);
        complete = frameBytes <= outSize && readAll(fds[0], out, frameBytes);
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFSIGNALED(status))
        return WTERMSIG(status) == SIGALRM
                   ? std::string("the JPEG 2000 decoder took longer than 30 s on this frame")
                   : "the JPEG 2000 decoder crashed on this frame (signal " + std::to_string(WTERMSIG(status)) + ")";
    if (!complete || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return error.empty() ? std::string("the JPEG 2000 decoder failed on this frame") : error;
    if (colorTransformed)
        *colorTransformed = flag != 0;
    return error;
}

std::string decodeFrameToNativePixelData(DcmItem &dataset, unsigned long frame)
{
    t_lastError.clear();
    Geometry g;
    if (geometry(&dataset, g).bad())
        return t_lastError;
    if (frame >= g.frames)
        return "there is no frame " + std::to_string(frame + 1);
    DcmElement *element = nullptr;
    auto *pixelData =
        dataset.findAndGetElement(DCM_PixelData, element).good() ? dynamic_cast<DcmPixelData *>(element) : nullptr;
    if (!pixelData)
        return "the object has no Pixel Data";
    E_TransferSyntax representation = EXS_Unknown;
    const DcmRepresentationParameter *parameter = nullptr;
    pixelData->getOriginalRepresentationKey(representation, parameter);
    DcmPixelSequence *sequence = nullptr;
    if (pixelData->getEncapsulatedRepresentation(representation, parameter, sequence).bad() || !sequence)
        return "the pixel data is not encapsulated";
    std::vector<unsigned char> bytes;
    Uint32 next = 0;
    if (frameBytes(*sequence, static_cast<Uint32>(frame), g.frames, bytes, next).bad())
        return t_lastError;
    std::vector<unsigned char> pixels(g.frameSize + (g.frameSize & 1), 0);
    bool transformed = false;
    const std::string error =
        decodeJpeg2000(bytes.data(), bytes.size(), g.columns, g.rows, g.samples, int(g.bytesPerSample), g.planar == 1,
                       pixels.data(), pixels.size(), &transformed);
    if (!error.empty())
        return error;
    const OFCondition put =
        g.bytesPerSample == 1
            ? dataset.putAndInsertUint8Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()))
            : dataset.putAndInsertUint16Array(DCM_PixelData, reinterpret_cast<const Uint16 *>(pixels.data()),
                                              static_cast<unsigned long>(pixels.size() / 2));
    if (put.bad())
        return std::string("the decoded frame cannot be stored: ") + put.text();
    if (g.frames > 1)
        dataset.putAndInsertString(DCM_NumberOfFrames, "1");
    const OFString model = colorModelAfter(g.photometric, transformed);
    if (model != g.photometric)
        dataset.putAndInsertString(DCM_PhotometricInterpretation, model.c_str());
    return {};
}

void registerJpeg2000Decoder()
{
    static std::once_flag once;
    std::call_once(once, [] {
        static Jpeg2000Decoder decoder;
        static Jpeg2000Representation representation;
        static Jpeg2000Parameter parameter;
        DcmCodecList::registerCodec(&decoder, &representation, &parameter);
    });
}

QString lastJpeg2000Error()
{
    return QString::fromStdString(t_lastError);
}

void clearJpeg2000Error()
{
    t_lastError.clear();
}

} // namespace mltrl::ui
