#pragma once
/// The facts of the selected evidence: id, title, kind, level, media type, size, full SHA-256
/// (monospace, selectable), created, and the criteria, requirements and cards that cite it —
/// each a link that asks the ProjectContext to show that item.
#include "evidence/EvidenceSource.h"

#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QFormLayout;

namespace mltrl {
struct Manifest;
}

namespace mltrl::ui {

class ProjectContext;

class EvidenceFactsView : public QWidget {
    Q_OBJECT
public:
    explicit EvidenceFactsView(ProjectContext *context, QWidget *parent = nullptr);

    void setEvidence(const EvidenceSource &source, const Manifest &manifest);
    void clear();

    /// The link targets shown, e.g. "criterion:gate-5/auroc", "requirement:R1", "card:5/".
    [[nodiscard]] const QStringList &links() const { return m_links; }
    [[nodiscard]] QString shaText() const;
    /// Emits the ProjectContext navigation signal a link stands for.
    void activateLink(const QString &href);

private:
    QLabel *addRow(const QString &name);

    ProjectContext *m_context;
    QFormLayout *m_form = nullptr;
    QLabel *m_id, *m_title, *m_kind, *m_level, *m_mediaType, *m_size, *m_created, *m_path;
    QLineEdit *m_sha = nullptr; ///< read-only: the whole hash selects and copies, however narrow the pane
    QLabel *m_citedBy = nullptr;
    QStringList m_links;
};

} // namespace mltrl::ui
