#include "crypto/SshKeygen.h"

#include "crypto/SshSig.h"

#include <QProcess>
#include <QStandardPaths>

namespace mltrl {
namespace {

std::optional<std::string> failed(std::string *error, std::string what)
{
    if (error)
        *error = std::move(what);
    return std::nullopt;
}

/// ssh-keygen's stderr without its progress chatter, for quoting in an error message.
std::string stderrText(QProcess &process)
{
    QString text = QString::fromLocal8Bit(process.readAllStandardError());
    text.remove(QStringLiteral("Signing data on standard input\n"));
    return text.trimmed().toStdString();
}

} // namespace

QString findSshKeygen()
{
    return QStandardPaths::findExecutable(QStringLiteral("ssh-keygen"));
}

std::optional<std::string> sshKeygenSign(const std::filesystem::path &keyFile, std::string_view nameSpace,
                                         std::string_view message, std::string *error, const SshKeygenOptions &options)
{
    if (nameSpace.empty())
        return failed(error, "the signature namespace must not be empty");
    const QString program = options.program.isEmpty() ? findSshKeygen() : options.program;
    if (program.isEmpty())
        return failed(error, "ssh-keygen not found on PATH (install OpenSSH, or sign with a workbench key)");

    QProcess process;
    process.setProgram(program);
    process.setArguments({QStringLiteral("-Y"), QStringLiteral("sign"), QStringLiteral("-f"),
                          QString::fromStdString(keyFile.string()), QStringLiteral("-n"),
                          QString::fromUtf8(nameSpace.data(), static_cast<qsizetype>(nameSpace.size()))});
    process.start(QIODevice::ReadWrite);
    if (!process.waitForStarted())
        return failed(error, "cannot run " + program.toStdString() + ": " + process.errorString().toStdString());
    process.write(message.data(), static_cast<qint64>(message.size()));
    process.closeWriteChannel();
    if (!process.waitForFinished(options.timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return failed(error, "ssh-keygen did not finish in time");
    }
    if (process.exitStatus() != QProcess::NormalExit)
        return failed(error, "ssh-keygen crashed");
    if (process.exitCode() != 0) {
        const std::string why = stderrText(process);
        return failed(error, "ssh-keygen could not sign (exit code " + std::to_string(process.exitCode()) + ")"
                                 + (why.empty() ? std::string() : ": " + why));
    }
    const QByteArray out = process.readAllStandardOutput();
    std::string armored(out.constData(), static_cast<std::size_t>(out.size()));
    std::string problem;
    const auto blob = sshsig::parseArmor(armored, &problem);
    if (!blob || !sshsig::parseBlob(*blob, &problem))
        return failed(error, "ssh-keygen's signature cannot be used: " + problem);
    return armored;
}

} // namespace mltrl
