#pragma once
/// File ▸ Export review packet…: choose the gate (or the whole project) and the paper, render
/// the PDF off the UI thread with progress and cancel, look at page thumbnails, then save.
#include "core/common/Cancel.h"
#include "ui/common/BackgroundJob.h"

#include <QByteArray>
#include <QDialog>
#include <QImage>
#include <QPointer>

#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace mltrl::ui {

class ProjectContext;

class ExportPacketDialog : public QDialog {
    Q_OBJECT
public:
    ExportPacketDialog(ProjectContext *context, QWidget *parent = nullptr);
    ~ExportPacketDialog() override;

    /// Starts rendering with the current choices (the "Render" button).
    void render();
    /// Writes the rendered PDF to `path` atomically; false (with a message shown) on failure.
    bool saveTo(const QString &path);

    [[nodiscard]] bool isRendering() const { return m_job != nullptr; }
    [[nodiscard]] const QByteArray &pdf() const { return m_pdf; }
    [[nodiscard]] int pageCount() const { return m_pages; }
    [[nodiscard]] QListWidget *previewList() const { return m_preview; }
    [[nodiscard]] QComboBox *scopeBox() const { return m_scope; }
    [[nodiscard]] QComboBox *paperBox() const { return m_paper; }

signals:
    /// Rendering ended: with a PDF (`ok`) or not (cancelled or failed).
    void rendered(bool ok);

private:
    struct Result {
        QByteArray pdf;
        int pages = 0;
        std::vector<QImage> thumbnails;
        QString error;
    };
    void finish(Result result);
    void cancelRendering();
    void chooseSigners();
    void saveAs();
    void setBusy(bool busy);

    ProjectContext *m_context;
    QComboBox *m_scope;
    QComboBox *m_paper;
    QLineEdit *m_signers;
    QPushButton *m_render;
    QPushButton *m_cancel;
    QPushButton *m_save;
    QProgressBar *m_progress;
    QLabel *m_status;
    QListWidget *m_preview;
    QByteArray m_pdf;
    int m_pages = 0;
    QPointer<BackgroundJob> m_job;
};

} // namespace mltrl::ui
