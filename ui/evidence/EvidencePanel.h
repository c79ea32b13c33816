#pragma once
/// The Evidence view: a browser of the revision's evidence (grouped by level and kind, with a
/// filter), the selected file in a viewer fit for its type, and full-text search over evidence, cards and requirements
/// (indexed in the background). Reacts to ProjectContext::revisionChanged and ProjectContext::showEvidence. The facts
/// of the evidence shown and what cites it go to the Inspector (ProjectContext::inspect/inspectLinks), the one place
/// where the workbench shows facts.
#include "ui/evidence/EvidenceFacts.h"

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
    /// The facts of the evidence shown (empty when none), as published to the Inspector.
    [[nodiscard]] const EvidenceFacts &facts() const { return m_facts; }
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
    /// Opens the find bar of the viewer on screen (Ctrl+F anywhere in the panel); false when
    /// nothing is shown or the viewer has no text to find in (images, DICOM, binary files).
    bool openFindBar();

protected:
    /// Coming back to the panel puts the facts of the evidence on screen back in the Inspector.
    void showEvent(QShowEvent *event) override;

signals:
    /// The shown evidence changed (empty id: nothing shown).
    void evidenceShown(const QString &evidenceId);

private:
    void buildUi();
    void onRevisionChanged();
    void onCurrentChanged();
    void display(const QString &evidenceId);
    void clearViewer(const QString &message);
    void publishFacts();
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
    EvidenceFacts m_facts;
    SearchIndexer *m_indexer = nullptr;
    QString m_currentId;
    int m_pendingPage = -1;
    std::int64_t m_indexedRevision = -1;
};

} // namespace mltrl::ui
