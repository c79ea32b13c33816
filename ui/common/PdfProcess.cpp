#include "ui/common/PdfProcess.h"

#include "ui/common/PdfEngine.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTimer>

namespace mltrl::ui {

PdfProcess::PdfProcess(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        const int seconds = m_pending.empty() ? 30 : (m_pending.begin()->second.timeoutMs + 999) / 1000;
        fail(m_ready ? QStringLiteral("the PDF decoder took longer than %1 s and was stopped").arg(seconds)
                     : QStringLiteral("opening the PDF took longer than 30 s and was stopped"),
             true);
    });
}

PdfProcess::~PdfProcess()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
        delete m_process;
    }
}

QString PdfProcess::helperPath()
{
    const QString configured = qEnvironmentVariable("MLTRL_DECODER");
    if (!configured.isEmpty())
        return configured;
    const QDir dir(QCoreApplication::applicationDirPath());
    for (const QString &candidate :
         {dir.filePath(QStringLiteral("mltrl-decode")), dir.filePath(QStringLiteral("../libexec/mltrl/mltrl-decode"))})
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    return {};
}

QSizeF PdfProcess::pagePointSize(int page) const
{
    return page >= 0 && page < m_pageSizes.size() ? m_pageSizes.at(page) : QSizeF();
}

qint64 PdfProcess::processId() const
{
    return m_process ? m_process->processId() : 0;
}

void PdfProcess::stop()
{
    m_timer->stop();
    if (!m_process)
        return;
    m_process->disconnect(this);
    m_process->kill();
    m_process->waitForFinished(2000);
    m_process->deleteLater(); // possibly inside one of its own signals
    m_process = nullptr;
}

void PdfProcess::open(const QString &path)
{
    stop();
    m_path = path;
    m_buffer.clear();
    m_pending.clear();
    m_arrived.clear();
    m_pageSizes.clear();
    m_ready = false;
    m_processFailed = false;
    m_failure.clear();
    m_local.reset();

    const QString helper = helperPath();
    if (helper.isEmpty()) {
        // Blocking callers open the document here (waitForReady); the viewer never does.
        m_local = std::make_unique<PdfEngine>();
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_local && !m_ready && m_failure.isEmpty())
                    fail(QStringLiteral("the PDF decoder (mltrl-decode) is not installed with this workbench"), true);
            },
            Qt::QueuedConnection);
        return;
    }
    m_process = new QProcess; // not a child: stop() may delete it later
    m_process->setProgram(helper);
    m_process->setArguments({QStringLiteral("--pdf-serve"), path});
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    m_process->setProcessEnvironment(env);
    // Its warnings go where ours go; never into a pipe nobody reads (which would block it).
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &PdfProcess::readReplies);
    connect(m_process, &QProcess::finished, this, &PdfProcess::processEnded);
    connect(m_process, &QProcess::errorOccurred, this, [this, helper](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            fail(QStringLiteral("the PDF decoder (%1) cannot be started: %2").arg(helper, m_process->errorString()),
                 true);
    });
    m_process->start();
    m_timer->start(30000);
}

bool PdfProcess::waitForReady(int timeoutMs)
{
    if (m_local && !m_ready && m_failure.isEmpty()) {
        const pdf::Reply info = m_local->open(m_path);
        if (!info.error.isEmpty()) {
            fail(info.error, false);
            return false;
        }
        m_pageSizes = info.pageSizes;
        m_ready = true;
        return true;
    }
    QElapsedTimer clock;
    clock.start();
    while (!m_ready && m_failure.isEmpty() && m_process) {
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0) {
            fail(QStringLiteral("opening the PDF took longer than %1 s and was stopped").arg(timeoutMs / 1000.0), true);
            break;
        }
        if (m_process->state() == QProcess::Starting)
            m_process->waitForStarted(int(left));
        else
            m_process->waitForReadyRead(int(std::min<qint64>(left, 1000)));
    }
    return m_ready;
}

void PdfProcess::armTimer()
{
    if (m_pending.empty())
        m_timer->stop();
    else
        m_timer->start(m_pending.begin()->second.timeoutMs); // replies come in order
}

void PdfProcess::send(pdf::Request request, Callback done, int timeoutMs)
{
    if (!m_ready || !m_process)
        return;
    request.id = m_nextId++;
    const bool idle = m_pending.empty();
    m_pending[request.id] = Pending{std::move(done), timeoutMs};
    m_process->write(pdf::frame(pdf::encode(request)));
    if (idle)
        armTimer();
}

std::optional<pdf::Reply> PdfProcess::call(pdf::Request request, int timeoutMs)
{
    if (!m_ready)
        return std::nullopt;
    request.id = m_nextId++;
    if (m_local)
        return m_local->handle(request);
    if (!m_process)
        return std::nullopt;
    m_pending[request.id] = Pending{nullptr, timeoutMs};
    m_process->write(pdf::frame(pdf::encode(request)));
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        if (const auto it = m_arrived.find(request.id); it != m_arrived.end()) {
            pdf::Reply reply = std::move(it->second);
            m_arrived.erase(it);
            return reply;
        }
        if (!m_failure.isEmpty() || !m_process)
            return std::nullopt;
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0) {
            fail(QStringLiteral("the PDF decoder took longer than %1 s and was stopped").arg(timeoutMs / 1000.0), true);
            return std::nullopt;
        }
        m_process->waitForReadyRead(int(std::min<qint64>(left, 1000)));
    }
}

void PdfProcess::readReplies()
{
    if (!m_process)
        return;
    m_buffer += m_process->readAllStandardOutput();
    const QPointer<PdfProcess> self(this);
    for (;;) {
        bool bad = false;
        const std::optional<QByteArray> payload = pdf::takeFrame(m_buffer, &bad);
        if (bad) {
            fail(QStringLiteral("the PDF decoder's answer is unreadable (a frame is too large)"), true);
            return;
        }
        if (!payload)
            return;
        QString why;
        std::optional<pdf::Reply> reply = pdf::decodeReply(*payload, &why);
        if (!reply) {
            fail(QStringLiteral("the PDF decoder's answer is unreadable (%1)").arg(why), true);
            return;
        }
        if (reply->id == 0 && reply->op == pdf::Op::Info) {
            if (m_ready)
                continue;
            if (!reply->error.isEmpty()) {
                fail(reply->error, false);
                return;
            }
            m_pageSizes = reply->pageSizes;
            m_ready = true;
            m_timer->stop();
            emit ready();
            if (!self)
                return;
            continue;
        }
        const auto it = m_pending.find(reply->id);
        if (it == m_pending.end())
            continue; // not ours (a request from before a reopen)
        Callback done = std::move(it->second.done);
        m_pending.erase(it);
        armTimer();
        if (done) {
            done(*reply);
            if (!self || !m_process)
                return;
        } else {
            m_arrived[reply->id] = std::move(*reply);
        }
    }
}

void PdfProcess::processEnded()
{
    if (!m_process)
        return;
    readReplies(); // what it said before it went
    if (!m_process)
        return;
    if (m_process->exitStatus() == QProcess::CrashExit)
        fail(QStringLiteral("the PDF decoder crashed on this file (or went past its memory or time limit)"), true);
    else
        fail(QStringLiteral("the PDF decoder stopped (exit %1)").arg(m_process->exitCode()), true);
}

void PdfProcess::fail(const QString &reason, bool process)
{
    if (!m_failure.isEmpty())
        return;
    m_failure = reason;
    m_processFailed = process;
    m_ready = false;
    m_pending.clear();
    stop();
    emit failed(reason);
}

} // namespace mltrl::ui
