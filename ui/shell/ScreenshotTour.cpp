#include "shell/ScreenshotTour.h"

#include "meeting/MeetingMode.h"
#include "session/ProjectContext.h"
#include "shell/WorkbenchWindow.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMetaObject>
#include <QPixmap>
#include <QRegularExpression>
#include <QTimer>

namespace mltrl::ui {

namespace {
/// Lets layouts settle and queued work (plots, lazy loads) land before a grab.
void settle(int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        // processEvents() leaves deleteLater() to the event loop: a replaced evidence viewer
        // would still be on screen under the new one.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
}
} // namespace

ScreenshotTour::ScreenshotTour(WorkbenchWindow &window, QString directory, QObject *parent)
    : QObject(parent), m_window(window), m_directory(std::move(directory))
{
}

QString ScreenshotTour::fileStem(const QString &title)
{
    QString stem = title.toLower();
    stem.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    return stem.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
}

void ScreenshotTour::start(int timeoutMs)
{
    m_window.resize(1280, 800);   // the same size every run, whatever the saved geometry
    auto begin = [this] {
        if (m_started)
            return;
        m_started = true;
        QTimer::singleShot(500, this, &ScreenshotTour::shootAll);
    };
    connect(&m_window.context(), &ProjectContext::revisionChanged, this, begin);
    if (m_window.context().hasRevision())
        begin();
    QTimer::singleShot(timeoutMs, this, [this] {
        if (!m_started)
            emit finished(false);
    });
}

void ScreenshotTour::shootAll()
{
    QDir().mkpath(m_directory);
    // The Evidence view with nothing selected shows nothing: select the first PDF (the richest
    // viewer) before the tour, as a reviewer would.
    if (const auto revision = m_window.context().revision()) {
        for (const Evidence &e : revision->manifest.evidence) {
            if (e.mediaType == "application/pdf") {
                emit m_window.context().showEvidence(QString::fromStdString(e.id));
                settle(800);
                break;
            }
        }
    }
    bool ok = true;
    for (const WorkbenchWindow::PanelInfo &panel : m_window.panels()) {
        m_window.showPanel(panel.widget);
        settle(400);
        // A panel that is empty until something is selected (e.g. the Changes panel's diff)
        // offers `Q_INVOKABLE void prepareForScreenshot()`; its work may finish off-thread.
        if (panel.widget->metaObject()->indexOfMethod("prepareForScreenshot()") >= 0 &&
            QMetaObject::invokeMethod(panel.widget, "prepareForScreenshot"))
            settle(1500);
        const QString file = QDir(m_directory).filePath(fileStem(panel.title) + QStringLiteral(".png"));
        ok = m_window.grab().save(file) && ok;
    }
    // The DICOM viewer (an identified file first: the check at work) and the model card view,
    // in the Evidence panel: evidence-<id>.png.
    if (const auto revision = m_window.context().revision()) {
        std::vector<const Evidence *> views;
        const Evidence *dicom = nullptr;
        for (const Evidence &e : revision->manifest.evidence)
            if (const auto *check = revision->dicomCheck(e.id)) {
                if (!dicom)
                    dicom = &e;
                if (check->identified().value_or(false)) {
                    dicom = &e;
                    break;
                }
            }
        if (dicom)
            views.push_back(dicom);
        for (const Evidence &e : revision->manifest.evidence)
            if (e.kind == "model-card") {
                views.push_back(&e);
                break;
            }
        for (const Evidence *e : views) {
            emit m_window.context().showEvidence(QString::fromStdString(e->id));
            settle(1500);
            const QString file = QDir(m_directory).filePath(QStringLiteral("evidence-%1.png").arg(fileStem(QString::fromStdString(e->id))));
            ok = m_window.grab().save(file) && ok;
        }
    }
    // Meeting mode's slides at projector size (meeting-title.png, …).
    if (auto *meeting = m_window.findChild<MeetingMode *>())
        ok = meeting->shootSlides(m_directory) && ok;
    emit finished(ok);
}

} // namespace mltrl::ui
