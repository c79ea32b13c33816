#include "core/crypto/SshKeygen.h"

#include "core/crypto/SshSig.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <memory>

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

/// Sets up SSH_ASKPASS for `process` as the options ask: a private script answering with the
/// passphrase (kept in `dir`, which must outlive the process), or the given program.
bool prepareAskpass(QProcess &process, const SshKeygenOptions &options, std::unique_ptr<QTemporaryDir> &dir,
                    std::string *error)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!options.passphrase.empty()) {
        dir = std::make_unique<QTemporaryDir>();
        if (!dir->isValid()) {
            failed(error, "cannot create a temporary folder for the passphrase helper");
            return false;
        }
        const QString script = dir->filePath(QStringLiteral("askpass"));
        QFile f(script);
        if (!f.open(QIODevice::WriteOnly) || f.write("#!/bin/sh\nprintf '%s\\n' \"$MLTRL_ASKPASS_PASSPHRASE\"\n") < 0) {
            failed(error, "cannot write the passphrase helper");
            return false;
        }
        f.close();
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        env.insert(QStringLiteral("SSH_ASKPASS"), script);
        env.insert(QStringLiteral("SSH_ASKPASS_REQUIRE"), QStringLiteral("force"));
        env.insert(QStringLiteral("MLTRL_ASKPASS_PASSPHRASE"), QString::fromStdString(options.passphrase));
    } else if (!options.askpass.isEmpty()) {
        env.insert(QStringLiteral("SSH_ASKPASS"), options.askpass);
        env.insert(QStringLiteral("SSH_ASKPASS_REQUIRE"), QStringLiteral("force"));
    }
    process.setProcessEnvironment(env);
    return true;
}

/// Runs ssh-keygen to the end (stdin: `input`); false with the reason when it did not
/// exit 0.
bool runSshKeygen(QProcess &process, std::string_view input, const SshKeygenOptions &options, std::string *error)
{
    process.start(QIODevice::ReadWrite);
    if (!process.waitForStarted()) {
        failed(error, "cannot run " + process.program().toStdString() + ": " + process.errorString().toStdString());
        return false;
    }
    process.write(input.data(), static_cast<qint64>(input.size()));
    process.closeWriteChannel();
    // Short waits, so a cancel from another thread is noticed while the user types a
    // passphrase or touches a token.
    QElapsedTimer elapsed;
    elapsed.start();
    while (process.state() != QProcess::NotRunning && !process.waitForFinished(100)) {
        const bool cancelled = options.cancel && options.cancel->load();
        if (cancelled || (options.timeoutMs > 0 && elapsed.elapsed() > options.timeoutMs)) {
            process.kill();
            process.waitForFinished();
            failed(error, cancelled ? "cancelled" : "ssh-keygen did not finish in time");
            return false;
        }
    }
    if (process.exitStatus() != QProcess::NormalExit) {
        failed(error, "ssh-keygen crashed");
        return false;
    }
    if (process.exitCode() != 0) {
        const std::string why = stderrText(process);
        failed(error,
               "(exit code " + std::to_string(process.exitCode()) + ")" + (why.empty() ? std::string() : ": " + why));
        return false;
    }
    return true;
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
    std::unique_ptr<QTemporaryDir> askpassDir;
    if (!prepareAskpass(process, options, askpassDir, error))
        return std::nullopt;
    std::string why;
    if (!runSshKeygen(process, message, options, &why)) {
        if (why.starts_with("(exit code "))
            return failed(error, "ssh-keygen could not sign " + why);
        return failed(error, why);
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
