#pragma once
/// Plain text and logs: monospace, read-only, no wrapping (log lines keep their columns).
/// Large files open at once with bounded memory: the first page (pageBytes()) is shown, and
/// "Load more" appends the next page, read on a worker thread, up to maxBytes(); past that
/// the rest is for the system viewer. Markdown and JSON files too large for their own viewers
/// are shown here as well, with a note saying so.
#include "ui/evidence/EvidenceViewer.h"

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace mltrl::ui {
class FindBar;
}

namespace mltrl::ui {

class TextEvidenceViewer : public EvidenceViewer {
    Q_OBJECT
public:
    explicit TextEvidenceViewer(const EvidenceSource &source, QWidget *parent = nullptr, const QString &note = {});
    ~TextEvidenceViewer() override;
    [[nodiscard]] QPlainTextEdit *editor() const { return m_editor; }
    [[nodiscard]] QPushButton *loadMoreButton() const { return m_more; }
    [[nodiscard]] QLabel *noteLabel() const { return m_note; }
    [[nodiscard]] FindBar *findBar() const { return m_find; }
    /// Bytes of the file on screen so far.
    [[nodiscard]] qint64 shownBytes() const { return m_offset; }
    /// One page: what opens at first and what each "Load more" adds.
    static qint64 pageBytes() { return 1024 * 1024; }
    /// Text files are shown up to this size; the rest is left to the system viewer.
    static qint64 maxBytes() { return 32LL * 1024 * 1024; }

public slots:
    /// Appends the next page (no-op while one is being read or at the end).
    void loadMore();

private:
    void readPage(bool first);
    void updateStatus();

    QPlainTextEdit *m_editor = nullptr;
    QLabel *m_note = nullptr;
    QPushButton *m_more = nullptr;
    FindBar *m_find = nullptr;
    qint64 m_offset = 0;
    bool m_reading = false;
};

} // namespace mltrl::ui
