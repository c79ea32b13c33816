#pragma once
/// The find bar of the evidence viewers (Ctrl+F): a search field, previous/next, and the
/// match count ("3 of 17"). Esc closes it, Enter goes to the next match, Shift+Enter to the
/// previous one, F3/Shift+F3 too. It searches through a Target: a function that finds all
/// matches of the text (returning their number) and one that shows the i-th. Targets for
/// text documents, item views and PDF (searched by the PDF's decoder process, whose answer
/// arrives later) are built here; a viewer that shows only part of its file says so in the scope note
/// ("Searching the first 1.0 MiB of 40.0 MiB loaded").
#include <QPointer>
#include <QWidget>

#include <functional>

class QAbstractItemView;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QScrollArea;
class QTextEdit;
class QToolButton;

namespace mltrl::ui {

class PdfEvidenceViewer;

class FindBar : public QWidget {
    Q_OBJECT
public:
    struct Target {
        /// Finds every match of `needle` (case-insensitive) and returns how many there are; an
        /// empty needle clears what the last search marked and returns 0.
        std::function<int(const QString &needle)> search;
        /// Brings match `index` (0-based) into view and selects it.
        std::function<void(int index)> show;
        /// What was searched when it is not the whole file (empty: the whole file).
        std::function<QString()> scope;
    };

    /// Adds Ctrl+F (and F3) to `host` (the viewer); the bar starts hidden.
    explicit FindBar(QWidget *host);

    void setTarget(Target target);
    /// For targets whose results arrive later (PDF): the number of matches found so far.
    void setMatchCount(int count);

    [[nodiscard]] QLineEdit *field() const { return m_field; }
    [[nodiscard]] QLabel *countLabel() const { return m_count; }
    [[nodiscard]] QLabel *scopeLabel() const { return m_scope; }
    [[nodiscard]] int matchCount() const { return m_matches; }
    /// The match on screen (0-based), -1 when none.
    [[nodiscard]] int currentMatch() const { return m_current; }

    /// Matches at most this many; the count then reads "10000+".
    static int maxMatches() { return 10000; }

    static Target textTarget(QPlainTextEdit *edit);
    static Target textTarget(QTextEdit *edit);
    /// Searches the display text of every item the view's model holds now (a lazily
    /// loading model: the rows fetched so far, and the scope note says so).
    static Target itemTarget(QAbstractItemView *view);
    /// Searches the text widgets on a scrolling page (a notebook's cells): rich-text views and
    /// selectable labels, in page order; a match is selected and scrolled into view.
    static Target pageTarget(QScrollArea *scroll);
    /// Searches the viewer's PDF in its decoder process: the count (setMatchCount) and the
    /// first match follow when the answer arrives; the match shown is marked on the page.
    static Target pdfTarget(PdfEvidenceViewer *viewer);

public slots:
    /// Shows the bar with the field focused and its text selected.
    void open();
    void close();
    /// Searches again after the content grew (a page loaded, rows fetched): the count and the
    /// scope follow, the match on screen stays and the view does not move.
    void refresh();
    void next();
    void previous();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void runSearch();
    void go(int index);
    void updateCount();

    Target m_target;
    QLineEdit *m_field = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_scope = nullptr;
    QToolButton *m_prev = nullptr;
    QToolButton *m_next = nullptr;
    QPointer<QWidget> m_host;
    int m_matches = 0;
    int m_current = -1;
};

} // namespace mltrl::ui
