#pragma once
/// JSON evidence as a tree. A Model Card Toolkit card is first shown as a readable card, with
/// a toggle to the raw tree.
#include "ui/common/ArchiveTextBrowser.h"
#include "ui/evidence/EvidenceViewer.h"

class QTreeView;
class QTextBrowser;
class QStackedWidget;
class QPushButton;
class QLabel;

namespace mltrl::ui {

class JsonTreeModel;
class FindBar;

class JsonEvidenceViewer : public EvidenceViewer {
    Q_OBJECT
public:
    explicit JsonEvidenceViewer(const EvidenceSource &source, QWidget *parent = nullptr);

    [[nodiscard]] JsonTreeModel *model() const { return m_model; }
    [[nodiscard]] QTreeView *tree() const { return m_tree; }
    [[nodiscard]] ArchiveTextBrowser *card() const { return m_card; }
    [[nodiscard]] bool isModelCard() const { return m_isModelCard; }
    [[nodiscard]] FindBar *findBar() const { return m_find; }
    [[nodiscard]] bool showsCard() const;
    void setShowCard(bool card);

private:
    JsonTreeModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    ArchiveTextBrowser *m_card = nullptr;
    QStackedWidget *m_stack = nullptr;
    QPushButton *m_toggle = nullptr;
    QLabel *m_error = nullptr;
    FindBar *m_find = nullptr;
    bool m_isModelCard = false;
};

} // namespace mltrl::ui
