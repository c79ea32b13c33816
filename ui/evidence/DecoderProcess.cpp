#include "ui/evidence/DecoderProcess.h"

#include "ui/common/PdfProcess.h"

#include <QDataStream>
#include <QPdfDocument>
#include <QPdfSelection>
#include <QProcess>

namespace mltrl::ui {

namespace {

SafeImage::Result failure(const QString &why)
{
    SafeImage::Result r;
    r.error = QStringLiteral("This image could not be shown: %1. The workbench is not affected.").arg(why);
    return r;
}

} // namespace

QString DecoderProcess::helperPath()
{
    return PdfProcess::helperPath();
}

SafeImage::Result DecoderProcess::decode(const QByteArray &bytes, const QString &mediaType, const QString &suffix,
                                         qint64 pixelBudget, int timeoutMs)
{
    const QString helper = helperPath();
    if (helper.isEmpty())
        return SafeImage::decode(bytes, mediaType, suffix, pixelBudget);

    QProcess process;
    process.setProgram(helper);
    process.setArguments({mediaType.isEmpty() ? QStringLiteral("-") : mediaType,
                          suffix.isEmpty() ? QStringLiteral("-") : suffix, QString::number(pixelBudget)});
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start();
    if (!process.waitForStarted(10000))
        return failure(
            QStringLiteral("the image decoder (%1) cannot be started: %2").arg(helper, process.errorString()));
    process.write(bytes);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        return failure(QStringLiteral("decoding took longer than %1 s and was stopped").arg(timeoutMs / 1000.0));
    }
    if (process.exitStatus() == QProcess::CrashExit)
        return failure(QStringLiteral("the image decoder crashed on this file"));
    if (process.exitCode() != 0)
        return failure(QStringLiteral("the image decoder failed (exit %1: %2)")
                           .arg(process.exitCode())
                           .arg(QString::fromLocal8Bit(process.readAllStandardError()).trimmed().left(300)));

    const QByteArray output = process.readAllStandardOutput();
    QDataStream s(output);
    s.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    SafeImage::Result r;
    qint32 width = 0, height = 0, format = 0;
    qint64 bytesPerLine = 0;
    s >> magic >> r.note >> r.error >> r.blocked >> r.naturalSize >> width >> height >> format >> bytesPerLine;
    if (s.status() != QDataStream::Ok || magic != 0x4d4c4431)
        return failure(QStringLiteral("the image decoder's answer is unreadable"));
    if (width <= 0 || height <= 0)
        return r; // not decodable: r.error says why
    const QImage::Format f = static_cast<QImage::Format>(format);
    if ((f != QImage::Format_ARGB32_Premultiplied && f != QImage::Format_RGB32) || bytesPerLine != qint64(width) * 4 ||
        qint64(width) * height > pixelBudget || s.device()->bytesAvailable() < bytesPerLine * height)
        return failure(QStringLiteral("the image decoder's answer is inconsistent"));
    QImage image(width, height, f);
    if (image.isNull())
        return failure(QStringLiteral("not enough memory for the decoded image"));
    s.readRawData(reinterpret_cast<char *>(image.bits()), static_cast<int>(image.sizeInBytes()));
    r.image = std::move(image);
    return r;
}

QString DecoderProcess::pdfText(const QString &path, QString *error, int timeoutMs)
{
    const QString helper = helperPath();
    if (helper.isEmpty()) {
        QPdfDocument doc;
        QString text;
        if (doc.load(path) == QPdfDocument::Error::None)
            for (int page = 0; page < doc.pageCount(); ++page)
                text += doc.getAllText(page).text() + QLatin1Char('\n');
        return text;
    }
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return QString();
    };
    QProcess process;
    process.setProgram(helper);
    process.setArguments({QStringLiteral("--pdf-text"), path});
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start();
    if (!process.waitForStarted(10000))
        return fail(QStringLiteral("the decoder (%1) cannot be started: %2").arg(helper, process.errorString()));
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        return fail(
            QStringLiteral("reading the PDF's text took longer than %1 s and was stopped").arg(timeoutMs / 1000.0));
    }
    if (process.exitStatus() == QProcess::CrashExit)
        return fail(QStringLiteral("the decoder crashed on this PDF"));
    if (process.exitCode() != 0)
        return fail(QStringLiteral("the decoder failed (exit %1)").arg(process.exitCode()));
    const QByteArray output = process.readAllStandardOutput();
    QDataStream s(output);
    s.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    QString text;
    s >> magic >> text;
    if (s.status() != QDataStream::Ok || magic != 0x4d4c5431)
        return fail(QStringLiteral("the decoder's answer is unreadable"));
    return text;
}

} // namespace mltrl::ui
