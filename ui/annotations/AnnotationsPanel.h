#pragma once
/// The Annotations list: every annotation of the revision on screen, filtered by severity
/// and status; double-click (or Enter) goes to what it is on (and a text line is scrolled to).
/// ProjectContext::showAnnotation selects one. Resolve/reopen, edit and delete
/// push undoable commands.
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace mltrl::ui {

class AnnotationsFilter;
class AnnotationsModel;
class ProjectContext;

class AnnotationsPanel : public QWidget {
    Q_OBJECT
public:
    explicit AnnotationsPanel(ProjectContext *context, QWidget *parent = nullptr);

    [[nodiscard]] AnnotationsModel *model() const { return m_model; }
    [[nodiscard]] AnnotationsFilter *filter() const { return m_filter; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] QComboBox *severityFilter() const { return m_severity; }
    [[nodiscard]] QComboBox *statusFilter() const { return m_status; }

    /// The id of the selected annotation (empty when none).
    [[nodiscard]] QString selectedId() const;
    /// Selects annotation `id` in the list (clearing filters that hide it); false when absent.
    bool select(const QString &id);
    /// Navigates to what the annotation in view row `row` is on.
    void openRow(int row);
    /// Resolves the selected annotation, or reopens it when resolved.
    void toggleResolved();
    /// Asks for new severity and text of the selected annotation.
    void editSelected();
    void deleteSelected();

private:
    void updateButtons();
    void updateCount();

    ProjectContext *m_context;
    AnnotationsModel *m_model;
    AnnotationsFilter *m_filter;
    QComboBox *m_severity = nullptr;
    QComboBox *m_status = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
    QPushButton *m_resolve = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
};

} // namespace mltrl::ui
