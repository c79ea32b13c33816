// mltrl-decode: decodes one untrusted image (PNG, JPEG, GIF, BMP, WebP or SVG; bytes on stdin)
// in a process of its own, so that a crash, hang or runaway allocation inside Qt's image
// plugins or QtSvg ends this process, not the workbench (docs/security.md). The workbench
// starts it for each image it shows (DecoderProcess) and reads the result from stdout.
//
//     mltrl-decode MEDIA-TYPE SUFFIX PIXEL-BUDGET < bytes > result
//     mltrl-decode --pdf-text FILE > result
//
// The second form extracts a PDF's text layer (for the search index, which reads every PDF
// of a revision when it is opened: a PDF that crashes pdfium must not crash the workbench each
// time the project opens); the result is a QDataStream of the magic and the text.
//
// Limits are set before anything is read: address space 2 GiB, CPU time 20 s. The decoding
// itself is SafeImage's (declared type only, pixel budget, SVG without external references).
// The result is a QDataStream: magic, note, error, blocked references, natural size, then the
// image as width, height, QImage::Format, bytes per line and its raw bytes.
#include "common/SafeImage.h"

#include <QDataStream>
#include <QFile>
#include <QGuiApplication>
#include <QPdfDocument>
#include <QPdfSelection>

#include <sys/resource.h>

#include <cstdio>
#include <cstring>

namespace {

constexpr rlim_t kAddressSpace = 2ULL * 1024 * 1024 * 1024;
constexpr rlim_t kCpuSeconds = 20;
constexpr qint64 kMaxInputBytes = 256LL * 1024 * 1024;

void limit(int resource, rlim_t value)
{
    rlimit l{value, value};
    setrlimit(resource, &l);
}

} // namespace

int main(int argc, char **argv)
{
    limit(RLIMIT_AS, kAddressSpace);
    limit(RLIMIT_CPU, kCpuSeconds);
    limit(RLIMIT_CORE, 0);
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
                   "       mltrl-decode --pdf-text FILE > result\n",
                   stderr);
        return 2;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int qtArgc = 1;
    QGuiApplication app(qtArgc, argv);   // fonts for SVG text

    // "-" stands for none.
    const QString mediaType = std::strcmp(argv[1], "-") == 0 ? QString() : QString::fromLocal8Bit(argv[1]);
    const QString suffix = std::strcmp(argv[2], "-") == 0 ? QString() : QString::fromLocal8Bit(argv[2]);
    bool ok = false;
    const qint64 budget = QByteArray(argv[3]).toLongLong(&ok);
    if (!ok || budget <= 0 || budget > mltrl::ui::SafeImage::kPixelBudget) {
        std::fputs("mltrl-decode: PIXEL-BUDGET must be a positive number of at most 64 Mpx\n", stderr);
        return 2;
    }
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return 3;
    const QByteArray bytes = in.read(kMaxInputBytes);

    const mltrl::ui::SafeImage::Result r = mltrl::ui::SafeImage::decode(bytes, mediaType, suffix, budget);
    QImage image = r.image;
    if (!image.isNull() && image.format() != QImage::Format_ARGB32_Premultiplied && image.format() != QImage::Format_RGB32)
        image = image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);

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
