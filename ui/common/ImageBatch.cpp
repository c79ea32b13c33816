#include "ui/common/ImageBatch.h"

#include "ui/common/PdfProcess.h"

#include <QDataStream>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSemaphore>
#include <QtEndian>

#include <memory>

namespace mltrl::ui::imagebatch {

namespace {

constexpr quint32 kRequestMagic = 0x4d4c4252; // "MLBR"
constexpr quint32 kResultMagic = 0x4d4c4431;  // as the single-image answer

SafeImage::Result failure(const QString &why)
{
    SafeImage::Result r;
    r.error = why;
    return r;
}

void stop(std::unique_ptr<QProcess> &process)
{
    if (!process)
        return;
    process->kill();
    process->waitForFinished(2000);
    process.reset();
}

} // namespace

QByteArray frame(const QByteArray &payload)
{
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(payload.size()), out.data());
    return out + payload;
}

std::optional<QByteArray> takeFrame(QByteArray &buffer, quint32 maxBytes, bool *bad)
{
    if (buffer.size() < 4)
        return std::nullopt;
    const quint32 length = qFromBigEndian<quint32>(buffer.constData());
    if (length > maxBytes) {
        if (bad)
            *bad = true;
        return std::nullopt;
    }
    if (buffer.size() < qsizetype(length) + 4)
        return std::nullopt;
    if (buffer.size() == qsizetype(length) + 4) {
        // The usual case (one request in flight): no copy of a reply of up to 256 MB.
        QByteArray payload = std::move(buffer);
        buffer = QByteArray();
        payload.remove(0, 4);
        return payload;
    }
    QByteArray payload = buffer.mid(4, qsizetype(length));
    buffer.remove(0, qsizetype(length) + 4);
    return payload;
}

QByteArray encodeRequest(const Item &item)
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << kRequestMagic << item.path << item.bytes << item.maxBytes << item.mediaType << item.suffix << item.pixelBudget;
    return out;
}

std::optional<Item> decodeRequest(const QByteArray &payload)
{
    QDataStream s(payload);
    s.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    Item item;
    s >> magic >> item.path >> item.bytes >> item.maxBytes >> item.mediaType >> item.suffix >> item.pixelBudget;
    if (s.status() != QDataStream::Ok || magic != kRequestMagic || item.pixelBudget <= 0 ||
        item.pixelBudget > SafeImage::kPixelBudget || item.maxBytes < 0)
        return std::nullopt;
    item.maxBytes = std::min(item.maxBytes, kMaxInputBytes);
    return item;
}

QByteArray encodeResult(const SafeImage::Result &r)
{
    QImage image = r.image;
    if (!image.isNull() && image.format() != QImage::Format_ARGB32_Premultiplied &&
        image.format() != QImage::Format_RGB32)
        image =
            image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
    QByteArray out;
    out.reserve(image.isNull() ? 1024 : qsizetype(image.sizeInBytes()) + 4096);
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << kResultMagic << r.note << r.error << r.blocked << r.naturalSize;
    s << qint32(image.width()) << qint32(image.height()) << qint32(image.format()) << qint64(image.bytesPerLine());
    if (!image.isNull())
        s.writeRawData(reinterpret_cast<const char *>(image.constBits()), static_cast<int>(image.sizeInBytes()));
    return out;
}

std::optional<SafeImage::Result> decodeResult(const QByteArray &payload, qint64 pixelBudget, QString *why)
{
    const auto bad = [why](const char *what) -> std::optional<SafeImage::Result> {
        if (why)
            *why = QString::fromLatin1(what);
        return std::nullopt;
    };
    QDataStream s(payload);
    s.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    SafeImage::Result r;
    qint32 width = 0, height = 0, format = 0;
    qint64 bytesPerLine = 0;
    s >> magic >> r.note >> r.error >> r.blocked >> r.naturalSize >> width >> height >> format >> bytesPerLine;
    if (s.status() != QDataStream::Ok || magic != kResultMagic)
        return bad("unreadable");
    if (width <= 0 || height <= 0) {
        if (r.error.isEmpty())
            r.error = QStringLiteral("not an image the workbench decodes");
        return r; // not decodable: r.error says why
    }
    const QImage::Format f = static_cast<QImage::Format>(format);
    if ((f != QImage::Format_ARGB32_Premultiplied && f != QImage::Format_RGB32) || bytesPerLine != qint64(width) * 4 ||
        qint64(width) * height > pixelBudget || s.device()->bytesAvailable() < bytesPerLine * height)
        return bad("inconsistent image");
    QImage image(width, height, f);
    if (image.isNull())
        return bad("not enough memory for the decoded image");
    s.readRawData(reinterpret_cast<char *>(image.bits()), static_cast<int>(image.sizeInBytes()));
    r.image = std::move(image);
    return r;
}

SafeImage::Result run(const Item &item)
{
    QByteArray bytes = item.bytes;
    if (!item.path.isEmpty()) {
        QFile file(item.path);
        if (!file.open(QIODevice::ReadOnly))
            return failure(QStringLiteral("its stored file %1 cannot be read").arg(QFileInfo(item.path).fileName()));
        bytes = file.read(std::min(item.maxBytes, kMaxInputBytes));
    }
    return SafeImage::decode(bytes, item.mediaType, item.suffix, item.pixelBudget);
}

void decode(const std::vector<Item> &itemsAsked, const Deliver &deliver, const Cancelled &cancelled, int timeoutMs,
            const Budget &budget)
{
    const auto isCancelled = [&cancelled] { return cancelled && cancelled(); };
    if (itemsAsked.empty())
        return;
    // Each item as sent: with the budget the caller gives it just before (nullopt: none left).
    const auto prepare = [&](std::size_t i) -> std::optional<Item> {
        Item item = itemsAsked[i];
        if (budget) {
            item.pixelBudget = std::min(item.pixelBudget, budget(i));
            if (item.pixelBudget <= 0)
                return std::nullopt;
        }
        return item;
    };
    const auto noBudget = [] { return failure(QStringLiteral("not decoded: no pixel budget left")); };
    const std::vector<Item> &items = itemsAsked;
    // At most a few batches at once (a notebook of hundreds of cells with images must not
    // start hundreds of decoders of up to 2 GiB each); the others wait their turn.
    static QSemaphore running(kMaxBatchesAtOnce);
    while (!running.tryAcquire(1, 100))
        if (isCancelled())
            return;
    const QSemaphoreReleaser release(running, 1);
    const QString helper = PdfProcess::helperPath();
    if (helper.isEmpty()) {
        // No decoder installed: the same code and budgets, here.
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (isCancelled())
                return;
            const std::optional<Item> item = prepare(i);
            deliver(i, item ? run(*item) : noBudget());
        }
        return;
    }

    std::unique_ptr<QProcess> process;
    QByteArray buffer;
    int failures = 0;
    QString startError;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (isCancelled()) {
            stop(process);
            return;
        }
        if (!startError.isEmpty()) {
            deliver(i, failure(startError));
            continue;
        }
        const std::optional<Item> item = prepare(i);
        if (!item) {
            deliver(i, noBudget());
            continue;
        }
        if (failures >= kMaxProcessFailures) {
            deliver(i, failure(QStringLiteral("not decoded: the image decoder failed on %1 earlier images here")
                                   .arg(kMaxProcessFailures)));
            continue;
        }
        if (!process) {
            process = std::make_unique<QProcess>();
            process->setProgram(helper);
            process->setArguments({QStringLiteral("--image-batch")});
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            process->setProcessEnvironment(env);
            // Its warnings go where ours go; never into a pipe nobody reads.
            process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            process->start();
            buffer.clear();
            if (!process->waitForStarted(10000)) {
                startError =
                    QStringLiteral("the image decoder (%1) cannot be started: %2").arg(helper, process->errorString());
                stop(process);
                deliver(i, failure(startError));
                continue;
            }
        }
        const QByteArray request = encodeRequest(*item);
        if (request.size() > qsizetype(kMaxRequestBytes)) {
            deliver(i, failure(QStringLiteral("an image larger than %1 MiB").arg(kMaxRequestBytes >> 20)));
            continue;
        }
        process->write(frame(request));

        std::optional<SafeImage::Result> result;
        QString failed;
        QElapsedTimer clock;
        clock.start();
        bool ended = false;
        for (;;) {
            bool bad = false;
            if (std::optional<QByteArray> payload = takeFrame(buffer, kMaxReplyBytes, &bad)) {
                QString why;
                result = decodeResult(*payload, item->pixelBudget, &why);
                if (!result)
                    failed = QStringLiteral("the image decoder's answer is unreadable (%1)").arg(why);
                break;
            }
            if (bad) {
                failed = QStringLiteral("the image decoder's answer is unreadable (a frame is too large)");
                break;
            }
            if (ended) {
                failed = process->exitStatus() == QProcess::CrashExit
                             ? QStringLiteral("the image decoder crashed on this file")
                             : QStringLiteral("the image decoder failed (exit %1)").arg(process->exitCode());
                break;
            }
            if (isCancelled()) {
                stop(process);
                return;
            }
            if (process->state() == QProcess::NotRunning) {
                // What it said before it went, then why it went.
                buffer += process->readAllStandardOutput();
                ended = true;
                continue;
            }
            const qint64 left = timeoutMs - clock.elapsed();
            if (left <= 0) {
                failed = QStringLiteral("decoding took longer than %1 s and was stopped").arg(timeoutMs / 1000.0);
                break;
            }
            process->waitForReadyRead(int(std::min<qint64>(left, 100)));
            buffer += process->readAllStandardOutput();
        }
        if (!result) {
            stop(process);
            ++failures;
            deliver(i, failure(failed));
            continue;
        }
        deliver(i, std::move(*result));
    }
    if (process) {
        process->closeWriteChannel();
        if (!process->waitForFinished(2000))
            stop(process);
    }
}

std::vector<SafeImage::Result> decodeAll(const std::vector<Item> &items, const Cancelled &cancelled, int timeoutMs)
{
    std::vector<SafeImage::Result> results(items.size());
    decode(
        items, [&results](std::size_t i, SafeImage::Result r) { results[i] = std::move(r); }, cancelled, timeoutMs);
    return results;
}

} // namespace mltrl::ui::imagebatch
