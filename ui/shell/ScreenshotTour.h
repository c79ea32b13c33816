#pragma once
/// Renders every registered panel of a window to PNG files once the project is on screen
/// (scripts/screenshots, `mltrl-workbench --screenshot-dir DIR`). Panels added later are
/// included automatically: the tour walks WorkbenchWindow::panels(). A panel that shows little
/// until something is selected may offer `Q_INVOKABLE void prepareForScreenshot()`, which the
/// tour calls after showing it (ChangesPanel selects a change so its diff is in the picture).
#include <QObject>
#include <QString>

namespace mltrl::ui {

class WorkbenchWindow;

class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    ScreenshotTour(WorkbenchWindow &window, QString directory, QObject *parent = nullptr);

    /// Waits for a revision to be loaded, then shoots. Emits finished(false) if none loads
    /// within `timeoutMs` (e.g. the import was rejected).
    void start(int timeoutMs = 60000);
    /// "Gate review" → "gate-review".
    [[nodiscard]] static QString fileStem(const QString &title);

signals:
    void finished(bool ok);

private:
    void shootAll();

    WorkbenchWindow &m_window;
    QString m_directory;
    bool m_started = false;
};

} // namespace mltrl::ui
