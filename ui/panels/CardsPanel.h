#pragma once
/// MLTRL cards: the card of each level (and component) rendered with its sections and links to
/// requirements and evidence, and a side-by-side, section-by-section word diff of two cards —
/// of two levels, or of the same card in two revisions of the project.
#include "core/manifest/Manifest.h"
#include "ui/common/BackgroundJob.h"

#include "ui/common/ArchiveTextBrowser.h"
#include <QPointer>
#include <QStringList>

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QTabWidget;
class QTextBrowser;

namespace mltrl {
struct RevisionData;
}

namespace mltrl::ui {

class ProjectContext;

/// A card's sections as (title, plain text); requirements and evidence as comma-joined ids.
[[nodiscard]] std::vector<std::pair<QString, QString>> cardSections(const Card &card);
/// "Level 5 — system" / "Level 6 — dicom-ingest".
[[nodiscard]] QString cardName(const Card &card);

class CardsPanel : public QWidget {
    Q_OBJECT
public:
    explicit CardsPanel(ProjectContext *context, QWidget *parent = nullptr);

    /// Shows the card of `level` (and `component`, empty = system); false when there is none.
    bool selectCard(int level, const QString &component);
    /// Compares card `leftIndex` of this revision with card `rightIndex` of revision
    /// `rightRevision` (0 = this revision; another one is loaded off the UI thread first and
    /// `compareReady` follows).
    void compare(int leftIndex, int rightRevision, int rightIndex);

    [[nodiscard]] QComboBox *cardBox() const { return m_card; }
    [[nodiscard]] ArchiveTextBrowser *cardView() const { return m_view; }
    [[nodiscard]] QTextBrowser *diffView() const { return m_diff; }
    [[nodiscard]] QComboBox *rightRevisionBox() const { return m_rightRevision; }
    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    /// Titles of the sections that differ in the comparison on screen.
    [[nodiscard]] QStringList changedSections() const { return m_changed; }

signals:
    void compareReady();

private:
    void reload();
    void markChangedCards();
    void renderCard();
    void loadRightRevision();
    void fillRightCards();
    void renderDiff();
    [[nodiscard]] const std::vector<Card> *rightCards() const;

    ProjectContext *m_context;
    QTabWidget *m_tabs;
    QComboBox *m_card;
    ArchiveTextBrowser *m_view;
    QComboBox *m_left;
    QComboBox *m_rightRevision;
    QComboBox *m_right;
    QLabel *m_summary;
    QTextBrowser *m_diff;
    QStringList m_changed;
    std::shared_ptr<const RevisionData> m_other; ///< the other revision compared, when loaded
    QPointer<BackgroundJob> m_job;
    int m_pendingRightIndex = -1;
};

} // namespace mltrl::ui
