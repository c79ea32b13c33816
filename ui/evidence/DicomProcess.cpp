#include "ui/evidence/DicomProcess.h"

#include "ui/evidence/DecoderProcess.h"
#include "ui/evidence/DicomProtocol.h"

#include <QElapsedTimer>
#include <QProcess>

namespace mltrl::ui {

namespace {

struct Run {
    QByteArray output;
    QString failure; ///< non-empty: the process failed
};

/// Runs the decoder with `arguments` and collects at most `maxBytes` of its answer.
Run runDecoder(const QString &helper, const QStringList &arguments, qint64 maxBytes, int timeoutMs)
{
    Run run;
    QProcess process;
    process.setProgram(helper);
    process.setArguments(arguments);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel); // never a pipe nobody reads
    process.start();
    if (!process.waitForStarted(10000)) {
        run.failure = QStringLiteral("the decoder (%1) cannot be started: %2").arg(helper, process.errorString());
        return run;
    }
    QElapsedTimer clock;
    clock.start();
    const auto stop = [&process] {
        process.kill();
        process.waitForFinished(2000);
    };
    while (process.state() != QProcess::NotRunning) {
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0) {
            stop();
            run.failure =
                QStringLiteral("decoding took longer than %1 s and was stopped").arg(double(timeoutMs) / 1000.0);
            return run;
        }
        if (process.waitForReadyRead(int(std::min<qint64>(left, 500))) || process.bytesAvailable())
            run.output += process.readAllStandardOutput();
        if (run.output.size() > maxBytes) {
            stop();
            run.failure = QStringLiteral("the decoder's answer is larger than allowed");
            return run;
        }
    }
    run.output += process.readAllStandardOutput();
    if (run.output.size() > maxBytes)
        run.failure = QStringLiteral("the decoder's answer is larger than allowed");
    else if (process.exitStatus() == QProcess::CrashExit)
        run.failure = QStringLiteral("the DICOM decoder crashed on this file (or went past its memory or time limit)");
    else if (process.exitCode() != 0)
        run.failure = QStringLiteral("the DICOM decoder failed (exit %1)").arg(process.exitCode());
    return run;
}

QString failureText(const QString &why)
{
    return QStringLiteral("This DICOM image could not be shown: %1. The workbench is not affected.").arg(why);
}

} // namespace

DicomFrame DicomProcess::frame(const QString &path, int frame, qint64 pixelBudget, int timeoutMs)
{
    const QString helper = DecoderProcess::helperPath();
    if (helper.isEmpty())
        return decodeDicomFrame(path, frame, pixelBudget);
    const auto failed = [frame](const QString &why) {
        DicomFrame f;
        f.frame = frame;
        f.error = failureText(why);
        f.processFailed = true;
        return f;
    };
    const Run run = runDecoder(
        helper, {QStringLiteral("--dicom-frame"), path, QString::number(frame), QString::number(pixelBudget)},
        dicomwire::maxFrameBytes(pixelBudget), timeoutMs);
    if (!run.failure.isEmpty())
        return failed(run.failure);
    QString why;
    std::optional<DicomFrame> f = dicomwire::decodeFrame(run.output, frame, pixelBudget, &why);
    if (!f)
        return failed(QStringLiteral("the DICOM decoder's answer was refused: %1").arg(why));
    return std::move(*f);
}

std::vector<DicomTagRow> DicomProcess::tags(const QString &path, QString *error, bool *processFailed, int timeoutMs)
{
    if (processFailed)
        *processFailed = false;
    const QString helper = DecoderProcess::helperPath();
    if (helper.isEmpty())
        return readDicomTags(path, error);
    const auto failed = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("The header could not be read: %1. The workbench is not affected.").arg(why);
        if (processFailed)
            *processFailed = true;
        return std::vector<DicomTagRow>{};
    };
    const Run run = runDecoder(helper, {QStringLiteral("--dicom-tags"), path}, dicomwire::kMaxTagsBytes, timeoutMs);
    if (!run.failure.isEmpty())
        return failed(run.failure);
    QString why;
    std::optional<std::vector<DicomTagRow>> rows = dicomwire::decodeTags(run.output, error, &why);
    if (!rows)
        return failed(QStringLiteral("the DICOM decoder's answer was refused: %1").arg(why));
    return std::move(*rows);
}

} // namespace mltrl::ui
