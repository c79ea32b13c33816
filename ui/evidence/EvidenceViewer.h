#pragma once
/// Base of the evidence viewers and the factory that picks one by media type and extension.
/// A viewer shows one evidence file; `loaded()` fires once its content is on screen (files
/// larger than asyncThreshold() are read off the UI thread, so this may be later).
#include "ui/common/WidgetHelpers.h"
#include "ui/evidence/EvidenceSource.h"

#include <QByteArray>
#include <QRectF>
#include <QWidget>

#include <functional>

namespace mltrl::ui {

class EvidenceViewer : public QWidget {
    Q_OBJECT
public:
    enum class Type { Pdf, Image, Markdown, Text, Csv, Json, Notebook, Dicom, Binary };

    /// The viewer type for a media type, falling back to the file extension.
    static Type typeFor(const QString &mediaType, const QString &suffix);
    /// A new viewer for `source` (object name says its type, e.g. "pdfViewer").
    static EvidenceViewer *create(const EvidenceSource &source, QWidget *parent = nullptr);
    ~EvidenceViewer() override;

    /// Files at least this large are read on a worker thread.
    static qint64 asyncThreshold() { return 512 * 1024; }

    [[nodiscard]] const EvidenceSource &source() const { return m_source; }
    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    /// Paged viewers jump to `page` (0-based); others ignore it.
    virtual void showPage(int page);
    /// Brings a region into view: for a PDF `points` on `page` (0-based; PDF points from the
    /// page's top-left), for an image `points` in image pixels (`page` ignored). An empty
    /// rectangle means the whole page or image. The default shows the page.
    virtual void showRegion(int page, const QRectF &points);
    /// Registers a helper (an annotation layer) that this viewer deletes before its widgets
    /// go; see WidgetHelpers. Viewers with such helpers call deleteHelpers() in their destructor.
    void addHelper(QObject *helper) { m_helpers.add(helper); }

signals:
    void loaded();

protected:
    EvidenceViewer(const EvidenceSource &source, QWidget *parent);
    /// Reads up to `maxBytes` of the file (on a worker thread when large), then calls `use`
    /// with the bytes (empty plus an error text when unreadable), then marks the viewer loaded.
    void readBytes(qint64 maxBytes, std::function<void(const QByteArray &bytes, const QString &error)> use);
    /// For viewers that load by themselves (PDF, images): call once content is shown.
    void markLoaded();
    void deleteHelpers() { m_helpers.deleteAll(); }

private:
    WidgetHelpers m_helpers;
    EvidenceSource m_source;
    bool m_loaded = false;
};

/// Reads at most `maxBytes` from `path`; `error` is set when it cannot be read.
QByteArray readFileHead(const QString &path, qint64 maxBytes, QString *error);

} // namespace mltrl::ui
