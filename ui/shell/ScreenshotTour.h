#pragma once
/// Renders every registered panel of a window to PNG files once the project is on screen
/// (scripts/screenshots, `mltrl-workbench --screenshot-dir DIR`), then the meeting slides (when
/// the project has a gate) and every evidence file of the revision in its viewer
/// (`evidence-<id>.png`, in the evidence tree's order, up to Options::evidenceLimit). The
/// contract outside tests rely on is /work/shared/reference/test-hooks.md: the tour ends with
/// finished(true) also for a project without gates, cards or metrics.
///
/// Panels added later are included automatically: the tour walks WorkbenchWindow::panels(). A
/// panel that shows little until something is selected may offer
/// `Q_INVOKABLE void prepareForScreenshot()`, which the tour calls after showing it
/// (ChangesPanel selects a change so its diff is in the picture).
#include <QObject>
#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace mltrl::ui {

class WorkbenchWindow;

class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    struct Options {
        /// The window size; empty: the available size of the screen the window is on.
        QSize size;
        /// How many evidence files to shoot; negative: all of them.
        int evidenceLimit = 200;
    };

    ScreenshotTour(WorkbenchWindow &window, QString directory, Options options, QObject *parent = nullptr);
    ScreenshotTour(WorkbenchWindow &window, QString directory, QObject *parent = nullptr)
          : ScreenshotTour(window, std::move(directory), Options{}, parent)
    {
    }

    /// Sizes the window (call before show() so its first frame has that size).
    void sizeWindow();
    /// Waits for a revision to be loaded, then shoots. Emits finished(false) if none loads
    /// within `timeoutMs` (e.g. the import was rejected).
    void start(int timeoutMs = 60000);
    /// "Gate review" → "gate-review".
    [[nodiscard]] static QString fileStem(const QString &title);
    /// "1280x720" → 1280×720; nullopt when malformed or not positive.
    [[nodiscard]] static std::optional<QSize> parseSize(const QString &text);
    /// "all" → -1, "N" → N (≥ 0); nullopt when malformed.
    [[nodiscard]] static std::optional<int> parseEvidenceLimit(const QString &text);
    /// The size the tour gives a window on a screen of `available` size, `requested` when
    /// forced: never larger than the screen.
    [[nodiscard]] static QSize windowSize(const QSize &available, const QSize &requested);

    /// What the tour said on stderr (tests read it; the lines are also written to stderr).
    [[nodiscard]] const QStringList &messages() const { return m_messages; }

signals:
    void finished(bool ok);

private:
    void shootAll();
    bool shootEvidence();
    void say(const QString &line);

    WorkbenchWindow &m_window;
    QString m_directory;
    Options m_options;
    QStringList m_messages;
    bool m_started = false;
};

} // namespace mltrl::ui
