#pragma once
/// The bar above the panels: project ▾ · rev N ▾ · level X (system Y, held back by: …) · target Z.
/// The menus switch project (or open the library) and revision.
#include "core/store/RevisionData.h"

#include <QWidget>

#include <memory>

class QLabel;
class QToolButton;

namespace mltrl {
class Store;
}

namespace mltrl::ui {

class ContextBar : public QWidget {
    Q_OBJECT
public:
    explicit ContextBar(Store &store, QWidget *parent = nullptr);

    void showRevision(const std::shared_ptr<const RevisionData> &revision);
    /// The whole bar as one line, e.g. "cxr-triage · rev 1 · level 5 (system 5, held back by: classifier) · target 8".
    [[nodiscard]] QString text() const;
    /// "level 5 (system 5, held back by: classifier) · target 8" for `overview`.
    [[nodiscard]] static QString levelText(const RevisionOverview &overview);

signals:
    /// `revision` 0 means the latest.
    void projectRequested(const QString &projectId, int revision);
    void libraryRequested();
    /// Reading the store for a menu failed; the menu says so too.
    void storeFailed(const QString &what, const QString &why);

private:
    void fillProjectMenu();
    void fillRevisionMenu();

    Store &m_store;
    QString m_projectId;
    QToolButton *m_project = nullptr;
    QToolButton *m_revision = nullptr;
    QLabel *m_levels = nullptr;
};

} // namespace mltrl::ui
