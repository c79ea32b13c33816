#include "ui/shell/ScreenshotTour.h"

#include "ui/evidence/EvidencePanel.h"
#include "ui/evidence/EvidenceTreeModel.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/meeting/MeetingMode.h"
#include "ui/session/ProjectContext.h"
#include "ui/shell/WorkbenchWindow.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMetaObject>
#include <QPixmap>
#include <QRegularExpression>
#include <QScreen>
#include <QTimer>
#include <QTreeView>

#include <cstdio>
#include <functional>

namespace mltrl::ui {

namespace {
/// Lets layouts settle and queued work (plots, lazy loads) land before a grab; returns early
/// once `done` holds.
void settleUntil(const std::function<bool()> &done, int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms && !done()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        // processEvents() leaves deleteLater() to the event loop: a replaced evidence viewer
        // would still be on screen under the new one.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    QCoreApplication::processEvents();
}

void settle(int ms)
{
    settleUntil([] { return false; }, ms);
}

/// The evidence ids under `parent` of the tree's model, depth first: the order on screen.
void collectEvidence(const QAbstractItemModel *model, const QModelIndex &parent, QStringList &out)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        const QString id = index.data(EvidenceTreeModel::EvidenceIdRole).toString();
        if (!id.isEmpty())
            out << id;
        collectEvidence(model, index, out);
    }
}
} // namespace

ScreenshotTour::ScreenshotTour(WorkbenchWindow &window, QString directory, Options options, QObject *parent)
      : QObject(parent), m_window(window), m_directory(std::move(directory)), m_options(options)
{
}

QString ScreenshotTour::fileStem(const QString &title)
{
    QString stem = title.toLower();
    stem.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    return stem.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
}

std::optional<QSize> ScreenshotTour::parseSize(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d{1,5})\\s*[xX×]\\s*(\\d{1,5})\\s*$"));
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QSize size(m.captured(1).toInt(), m.captured(2).toInt());
    if (size.width() <= 0 || size.height() <= 0)
        return std::nullopt;
    return size;
}

std::optional<int> ScreenshotTour::parseEvidenceLimit(const QString &text)
{
    if (text.trimmed().compare(QStringLiteral("all"), Qt::CaseInsensitive) == 0)
        return -1;
    bool ok = false;
    const int n = text.trimmed().toInt(&ok);
    if (!ok || n < 0)
        return std::nullopt;
    return n;
}

QSize ScreenshotTour::windowSize(const QSize &available, const QSize &requested)
{
    if (!requested.isEmpty())
        return requested; // forced: exactly what was asked
    return available;
}

void ScreenshotTour::say(const QString &line)
{
    m_messages << line;
    std::fprintf(stderr, "mltrl-workbench: %s\n", qPrintable(line));
}

void ScreenshotTour::sizeWindow()
{
    QScreen *screen = m_window.screen();
    // The frame the window manager adds (none offscreen or under a bare X server) stays on screen too.
    const QSize frame = m_window.frameGeometry().size() - m_window.geometry().size();
    const QSize available = screen ? screen->availableGeometry().size() - frame : QSize(1280, 800);
    const QSize size = windowSize(available, m_options.size);
    const QSize minimum = m_window.minimumSizeHint();
    if (minimum.width() > size.width() || minimum.height() > size.height()) {
        say(QStringLiteral("the window needs at least %1×%2; shooting at %3×%4 anyway (parts may be cut)")
                .arg(minimum.width())
                .arg(minimum.height())
                .arg(size.width())
                .arg(size.height()));
        m_window.setMinimumSize(size.boundedTo(minimum));
    }
    m_window.resize(size);
}

void ScreenshotTour::start(int timeoutMs)
{
    sizeWindow(); // again, in case the window moved to another screen when shown
    auto begin = [this] {
        if (m_started)
            return;
        m_started = true;
        QTimer::singleShot(500, this, &ScreenshotTour::shootAll);
    };
    connect(&m_window.context(), &ProjectContext::revisionChanged, this, begin);
    if (m_window.context().hasRevision())
        begin();
    QTimer::singleShot(timeoutMs, this, [this, timeoutMs] {
        if (!m_started) {
            say(QStringLiteral("no project was opened within %1 s; no screenshots taken").arg(timeoutMs / 1000));
            emit finished(false);
        }
    });
}

void ScreenshotTour::shootAll()
{
    if (!QDir().mkpath(m_directory)) {
        say(QStringLiteral("cannot create %1").arg(m_directory));
        emit finished(false);
        return;
    }
    const auto revision = m_window.context().revision();
    if (!revision) {
        say(QStringLiteral("the project was closed before the tour"));
        emit finished(false);
        return;
    }
    // The Evidence view with nothing selected shows nothing: select the first PDF (the richest
    // viewer) before the tour, as a reviewer would.
    for (const Evidence &e : revision->manifest.evidence) {
        if (e.mediaType == "application/pdf") {
            emit m_window.context().showEvidence(QString::fromStdString(e.id));
            settle(800);
            break;
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
        if (!m_window.grab().save(file)) {
            say(QStringLiteral("cannot write %1").arg(file));
            ok = false;
        }
    }
    // Meeting mode's slides at projector size (meeting-title.png, …): a meeting runs a gate,
    // so a project without one has no slides.
    if (revision->manifest.gates.empty()) {
        say(QStringLiteral("no meeting slides: the project has no gate"));
    } else if (auto *meeting = m_window.findChild<MeetingMode *>()) {
        if (!meeting->shootSlides(m_directory)) {
            say(QStringLiteral("the meeting slides could not be saved"));
            ok = false;
        }
    }
    ok = shootEvidence() && ok;
    emit finished(ok);
}

bool ScreenshotTour::shootEvidence()
{
    auto *panel = m_window.findChild<EvidencePanel *>();
    if (!panel)
        return true;
    QStringList ids;
    collectEvidence(panel->tree()->model(), {}, ids);
    if (ids.isEmpty())
        return true;
    const int limit = m_options.evidenceLimit;
    if (limit == 0) {
        say(QStringLiteral("%1 evidence files not saved (--screenshot-evidence 0)").arg(ids.size()));
        return true;
    }
    if (limit >= 0 && ids.size() > limit) {
        say(QStringLiteral("the revision has %1 evidence files; saved the first %2 "
                           "(--screenshot-evidence all|N for more)")
                .arg(ids.size())
                .arg(limit));
        ids = ids.mid(0, limit);
    }
    m_window.showPanel(panel);
    bool ok = true;
    for (const QString &id : ids) {
        panel->openEvidence(id);
        settleUntil(
            [panel, &id] { return panel->currentEvidenceId() == id && panel->viewer() && panel->viewer()->isLoaded(); },
            10000);
        if (!panel->viewer() || !panel->viewer()->isLoaded())
            say(QStringLiteral("evidence %1 did not finish loading within 10 s; saved as it was").arg(id));
        settle(60); // the first paint (PDF pages render on the next event loop turns)
        const QString file = QDir(m_directory).filePath(QStringLiteral("evidence-%1.png").arg(id));
        if (!m_window.grab().save(file)) {
            say(QStringLiteral("cannot write %1").arg(file));
            ok = false;
        }
    }
    return ok;
}

} // namespace mltrl::ui
