#pragma once
/// Ctrl+K: a popup with a filter line over everything in the revision one can jump to
/// (evidence, metrics, requirements, gates, criteria, cards). Typing filters (substring or
/// fuzzy), Up/Down choose, Enter goes there through the ProjectContext, Escape closes.
#include <QFrame>

class QLineEdit;
class QListView;

namespace mltrl::ui {

class ProjectContext;
class QuickOpenModel;

class QuickOpen : public QFrame {
    Q_OBJECT
public:
    explicit QuickOpen(ProjectContext *context, QWidget *parent);

    /// Shows the popup centred near the top of `anchor` with an empty filter.
    void popup(QWidget *anchor);
    /// Goes to the selected item and closes; false when nothing is selected.
    bool activateCurrent();

    [[nodiscard]] QLineEdit *filterLine() const { return m_filter; }
    [[nodiscard]] QListView *list() const { return m_list; }
    [[nodiscard]] QuickOpenModel *model() const { return m_model; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void selectRow(int row);

    ProjectContext *m_context;
    QuickOpenModel *m_model;
    QLineEdit *m_filter;
    QListView *m_list;
};

} // namespace mltrl::ui
