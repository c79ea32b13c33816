#pragma once
/// The Evidence view: a browser of the revision's evidence (grouped by level and kind, with a
/// filter), the selected file in a viewer fit for its type, its facts and what cites it, and
/// full-text search over evidence, cards and requirements (indexed in the background).
/// Reacts to ProjectContext::revisionChanged and ProjectContext::showEvidence.
#include <QString>
#include <QWidget>

#include <cstdint>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTreeView;
class QVBoxLayout;

namespace mltrl::ui {

class EvidenceFactsView;
class EvidenceTreeModel;
class EvidenceViewer;
class ProjectContext;
class SearchIndexer;
struct EvidenceSource;

class EvidencePanel : public QWidget {
    Q_OBJECT
public:
    explicit EvidencePanel(ProjectContext *context, QWidget *parent = nullptr);
    ~EvidencePanel() override;

    [[nodiscard]] EvidenceTreeModel *model() const { return m_model; }
    [[nodiscard]] QTreeView *tree() const { return m_tree; }
    [[nodiscard]] EvidenceViewer *viewer() const { return m_viewer; }
    [[nodiscard]] EvidenceFactsView *facts() const { return m_facts; }
    [[nodiscard]] SearchIndexer *indexer() const { return m_indexer; }
    [[nodiscard]] QListWidget *hitList() const { return m_hits; }
    [[nodiscard]] QString currentEvidenceId() const { return m_currentId; }
    [[nodiscard]] bool isSearchReady() const { return m_indexedRevision == currentRevisionId(); }

    /// Selects the evidence in the browser and shows it (at `page` for PDFs, 0-based).
    void openEvidence(const QString &evidenceId, int page = -1);
    /// Runs a full-text search and lists the hits.
    void search(const QString &text);
    /// Opens what hit `row` points to (evidence here; cards and requirements via the context).
    void openHit(int row);
    void setFilter(const QString &text);

signals:
    /// The shown evidence changed (empty id: nothing shown).
    void evidenceShown(const QString &evidenceId);

private:
    void buildUi();
    void onRevisionChanged();
    void onCurrentChanged();
    void display(const QString &evidenceId);
    void clearViewer(const QString &message);
    void openExternally();
    void onIndexProgress(int done, int total);
    void onIndexFinished(qint64 revisionId, bool ok, const QString &error);
    [[nodiscard]] std::int64_t currentRevisionId() const;

    ProjectContext *m_context;
    EvidenceTreeModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_filter = nullptr;
    QTreeView *m_tree = nullptr;
    QLineEdit *m_searchBox = nullptr;
    QLabel *m_searchStatus = nullptr;
    QListWidget *m_hits = nullptr;
    QLabel *m_header = nullptr;
    QPushButton *m_openExternal = nullptr;
    QVBoxLayout *m_viewerHost = nullptr;
    QLabel *m_placeholder = nullptr;
    EvidenceViewer *m_viewer = nullptr;
    EvidenceFactsView *m_facts = nullptr;
    SearchIndexer *m_indexer = nullptr;
    QString m_currentId;
    int m_pendingPage = -1;
    std::int64_t m_indexedRevision = -1;
};

} // namespace mltrl::ui
