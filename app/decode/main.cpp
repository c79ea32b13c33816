// mltrl-decode: decodes one untrusted image (PNG, JPEG, GIF, BMP, WebP or SVG; bytes on stdin)
// in a process of its own, so that a crash, hang or runaway allocation inside Qt's image
// plugins or QtSvg ends this process, not the workbench (docs/security.md). The workbench
// starts it for each image it shows (DecoderProcess) and reads the result from stdout.
//
//     mltrl-decode MEDIA-TYPE SUFFIX PIXEL-BUDGET < bytes > result
//     mltrl-decode --pdf-text FILE > result
//     mltrl-decode --pdf-serve FILE < requests > replies
//     mltrl-decode --dicom-frame FILE FRAME PIXEL-BUDGET > answer   (DicomDecode.cpp)
//     mltrl-decode --dicom-tags FILE > answer                       (DicomDecode.cpp)
//     mltrl-decode --image-batch < requests > replies
//
// The second form extracts a PDF's text layer (for the search index, which reads every PDF
// of a revision when it is opened: a PDF that crashes pdfium must not crash the workbench each
// time the project opens); the result is a QDataStream of the magic and the text.
// The third serves one PDF for as long as the workbench shows it (the viewer, the Changes
// panel's page diff, the packet's crops): page sizes first, then a reply to each request
// (render a page or the part in view within 16 Mpx, a page's text, search), framed as in
// ui/common/PdfProtocol.h, until stdin closes. The fourth decodes several images, one reply
// each (app/decode/ImageBatch.cpp).
//
// Limits are set before anything is read: address space 2 GiB, CPU time 20 s (when serving a
// PDF: 20 s per request, 10 min in all). Built with AddressSanitizer, which reserves terabytes
// of address space, the address-space limit is left out. The decoding
// itself is SafeImage's (declared type only, pixel budget, SVG without external references).
// The result is a QDataStream: magic, note, error, blocked references, natural size, then the
// image as width, height, QImage::Format, bytes per line and its raw bytes.
#include "app/decode/DicomDecode.h"
#include "app/decode/ImageBatch.h"
#include "app/decode/StdIo.h"
#include "ui/common/PdfEngine.h"
#include "ui/common/PdfProtocol.h"
#include "ui/common/SafeImage.h"

#include <QDataStream>
#include <QFile>
#include <QGuiApplication>
#include <QPdfDocument>
#include <QPdfSelection>

#include <sys/resource.h>
#include <unistd.h>

#include <QtEndian>

#include <algorithm>
#include <cstdio>
#include <cstring>

using mltrl::decode::readFully;
using mltrl::decode::writeFully;

namespace {

#if defined(__SANITIZE_ADDRESS__)
#define MLTRL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MLTRL_ASAN 1
#endif
#endif

constexpr rlim_t kAddressSpace = 2ULL * 1024 * 1024 * 1024;
constexpr rlim_t kCpuSeconds = 20;
constexpr rlim_t kServeCpuSeconds = 600;
constexpr qint64 kMaxInputBytes = 256LL * 1024 * 1024;

void limit(int resource, rlim_t soft, rlim_t hard)
{
    rlimit l{soft, hard};
    setrlimit(resource, &l);
}

/// Serves one PDF: the Info reply, then one reply per request until stdin ends. Each request
/// may use 20 s of CPU (the soft limit moves on with the time used so far; SIGXCPU ends the
/// process past it), all of them together at most 10 min (the hard limit).
int servePdf(const char *path)
{
    mltrl::ui::PdfEngine engine;
    if (!writeFully(mltrl::ui::pdf::frame(mltrl::ui::pdf::encode(engine.open(QString::fromLocal8Bit(path))))))
        return 3;
    for (;;) {
        char header[4];
        if (!readFully(header, 4))
            return 0; // the workbench closed the document
        const quint32 length = qFromBigEndian<quint32>(header);
        if (length > 1024 * 1024)
            return 2; // requests are small
        QByteArray payload(qsizetype(length), Qt::Uninitialized);
        if (!readFully(payload.data(), length))
            return 0;
        const std::optional<mltrl::ui::pdf::Request> request = mltrl::ui::pdf::decodeRequest(payload);
        if (!request)
            return 2;
        rusage used{};
        getrusage(RUSAGE_SELF, &used);
        limit(RLIMIT_CPU,
              std::min<rlim_t>(rlim_t(used.ru_utime.tv_sec + used.ru_stime.tv_sec) + kCpuSeconds, kServeCpuSeconds),
              kServeCpuSeconds);
        if (!writeFully(mltrl::ui::pdf::frame(mltrl::ui::pdf::encode(engine.handle(*request)))))
            return 3;
    }
}

} // namespace

int main(int argc, char **argv)
{
#ifndef MLTRL_ASAN
    limit(RLIMIT_AS, kAddressSpace, kAddressSpace);
#endif
    limit(RLIMIT_CORE, 0, 0);
    if (argc == 3 && std::strcmp(argv[1], "--pdf-serve") == 0) {
        limit(RLIMIT_CPU, kCpuSeconds, kServeCpuSeconds);
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        int qtArgc = 1;
        QGuiApplication app(qtArgc, argv);
        return servePdf(argv[2]);
    }
    if (argc == 2 && std::strcmp(argv[1], "--image-batch") == 0)
        return serveImageBatch(argv[0]); // its own CPU limits
    limit(RLIMIT_CPU, kCpuSeconds, kCpuSeconds);
    if (int code = 0; handleDicomRequest(argc, argv, code))
        return code; // DICOM frames and headers, without a QGuiApplication
    if (argc == 3 && std::strcmp(argv[1], "--pdf-text") == 0) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        int qtArgc = 1;
        QGuiApplication app(qtArgc, argv);
        QPdfDocument doc;
        QString text;
        if (doc.load(QString::fromLocal8Bit(argv[2])) == QPdfDocument::Error::None)
            for (int page = 0; page < doc.pageCount(); ++page)
                text += doc.getAllText(page).text() + QLatin1Char('\n');
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly))
            return 3;
        QDataStream s(&out);
        s.setVersion(QDataStream::Qt_6_4);
        s << quint32(0x4d4c5431) << text;
        out.flush();
        return s.status() == QDataStream::Ok ? 0 : 3;
    }
    if (argc != 4) {
        std::fputs("usage: mltrl-decode MEDIA-TYPE SUFFIX PIXEL-BUDGET < bytes > result\n"
                   "       mltrl-decode --pdf-text FILE > result\n"
                   "       mltrl-decode --pdf-serve FILE < requests > replies\n"
                   "       mltrl-decode --image-batch < requests > replies\n",
                   stderr);
        return 2;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int qtArgc = 1;
    QGuiApplication app(qtArgc, argv); // fonts for SVG text

    // "-" stands for none.
    const QString mediaType = std::strcmp(argv[1], "-") == 0 ? QString() : QString::fromLocal8Bit(argv[1]);
    const QString suffix = std::strcmp(argv[2], "-") == 0 ? QString() : QString::fromLocal8Bit(argv[2]);
    bool ok = false;
    const qint64 budget = QByteArray(argv[3]).toLongLong(&ok);
    if (!ok || budget <= 0 || budget > mltrl::ui::SafeImage::kPixelBudget) {
        std::fputs("mltrl-decode: PIXEL-BUDGET must be a positive number of at most 64 Mpx\n", stderr);
        return 2;
    }
    // Everything up to the end of stdin (a pipe: one read() may return only part of it).
    QByteArray bytes;
    for (QByteArray chunk(1 << 20, Qt::Uninitialized); bytes.size() < kMaxInputBytes;) {
        const ssize_t n = ::read(STDIN_FILENO, chunk.data(), static_cast<size_t>(chunk.size()));
        if (n <= 0)
            break;
        bytes.append(chunk.constData(), qsizetype(n));
    }
    bytes.truncate(qsizetype(std::min<qint64>(bytes.size(), kMaxInputBytes)));

    const mltrl::ui::SafeImage::Result r = mltrl::ui::SafeImage::decode(bytes, mediaType, suffix, budget);
    QImage image = r.image;
    if (!image.isNull() && image.format() != QImage::Format_ARGB32_Premultiplied &&
        image.format() != QImage::Format_RGB32)
        image =
            image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);

    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return 3;
    QDataStream s(&out);
    s.setVersion(QDataStream::Qt_6_4);
    s << quint32(0x4d4c4431) << r.note << r.error << r.blocked << r.naturalSize;
    s << qint32(image.width()) << qint32(image.height()) << qint32(image.format()) << qint64(image.bytesPerLine());
    if (!image.isNull())
        s.writeRawData(reinterpret_cast<const char *>(image.constBits()), static_cast<int>(image.sizeInBytes()));
    out.flush();
    return s.status() == QDataStream::Ok ? 0 : 3;
}
