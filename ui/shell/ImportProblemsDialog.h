#pragma once
/// The problems of an import, all at once: a sortable table (severity icon, where, what) with
/// a summary line; rows can be selected and copied (Ctrl+C or the Copy button).
#include "core/common/Problems.h"

#include <QDialog>

class QLabel;
class QTreeView;

namespace mltrl::ui {

class ProblemsModel;

class ImportProblemsDialog : public QDialog {
    Q_OBJECT
public:
    /// `heading` says what happened, e.g. "cxr.mltrl was not imported; the store is unchanged."
    ImportProblemsDialog(const QString &heading, std::vector<Problem> problems, QWidget *parent = nullptr);

    [[nodiscard]] ProblemsModel *model() const { return m_model; }
    [[nodiscard]] QTreeView *view() const { return m_view; }
    /// Copies the selected rows (all rows when none is selected) as tab-separated text.
    void copyToClipboard() const;

private:
    ProblemsModel *m_model = nullptr;
    QTreeView *m_view = nullptr;
};

} // namespace mltrl::ui
