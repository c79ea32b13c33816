#pragma once
/// One evidence PDF, parsed and rendered by its own `mltrl-decode --pdf-serve FILE` process
/// (address space 2 GiB, 20 s of CPU per request): the workbench never hands a PDF to pdfium
/// itself. The process serves many requests (page renders, text, search) over its stdin and
/// stdout (PdfProtocol.h), so starting it (about 0.1 s) is paid once per open document; it
/// ends when this object goes.
///
/// Asynchronous use (the viewer, on the UI thread): open(), then ready() or failed(); send()
/// calls back with each reply. A crash, an exit, an unreadable answer or a request taking
/// longer than its timeout ends the process and gives failed(reason); open() again retries.
/// Blocking use (worker threads: the packet's crops, the Changes panel's diff): call() waits
/// for a reply. When no decoder is installed (a build without it) call() runs the same
/// PdfEngine in this process; send() fails instead, saying so.
#include "ui/common/PdfProtocol.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>

class QProcess;
class QTimer;

namespace mltrl::ui {

class PdfEngine;

class PdfProcess : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const pdf::Reply &reply)>;

    explicit PdfProcess(QObject *parent = nullptr);
    ~PdfProcess() override;

    /// The decoder: `$MLTRL_DECODER`, else `mltrl-decode` beside the application or in
    /// `../libexec/mltrl/`; empty when there is none.
    static QString helperPath();

    /// Starts the decoder on `path` (ending any earlier one). ready() or failed() follows.
    void open(const QString &path);
    /// Waits (worker threads) until the document is open or failed; true when open.
    bool waitForReady(int timeoutMs = 30000);

    [[nodiscard]] bool isReady() const { return m_ready; }
    [[nodiscard]] bool hasFailed() const { return !m_failure.isEmpty(); }
    /// Why the decoder failed ("the PDF decoder crashed on this file"), or why the file does not
    /// open ("the file is not a readable PDF …"); empty when neither.
    [[nodiscard]] QString failure() const { return m_failure; }
    /// True when the failure was the process (crash, limit, timeout), not the file.
    [[nodiscard]] bool processFailed() const { return m_processFailed; }
    [[nodiscard]] int pageCount() const { return int(m_pageSizes.size()); }
    /// Page size in points; empty for a page that does not exist.
    [[nodiscard]] QSizeF pagePointSize(int page) const;
    /// The decoder's process id (0 when none runs): tests end it to stand for a crash.
    [[nodiscard]] qint64 processId() const;

    /// Sends `request` (its id is assigned here); `done` gets the reply on this object's
    /// thread, unless the decoder fails first (then failed() is emitted instead).
    /// `timeoutMs` bounds the wait for this reply.
    void send(pdf::Request request, Callback done, int timeoutMs = 30000);
    /// Sends `request` and waits for its reply (worker threads). nullopt when the decoder
    /// failed (failure() says why).
    std::optional<pdf::Reply> call(pdf::Request request, int timeoutMs = 30000);

signals:
    void ready();
    void failed(const QString &reason);

private:
    void readReplies();
    void processEnded();
    void fail(const QString &reason, bool process);
    void stop();
    void armTimer();

    QString m_path;
    QProcess *m_process = nullptr;
    QTimer *m_timer = nullptr;
    std::unique_ptr<PdfEngine> m_local; ///< no decoder installed: call() uses this
    QByteArray m_buffer;
    quint32 m_nextId = 1;
    struct Pending {
        Callback done;
        int timeoutMs = 0;
    };
    std::map<quint32, Pending> m_pending;
    std::map<quint32, pdf::Reply> m_arrived; ///< replies call() waits for
    QList<QSizeF> m_pageSizes;
    bool m_ready = false;
    bool m_processFailed = false;
    QString m_failure;
};

} // namespace mltrl::ui
