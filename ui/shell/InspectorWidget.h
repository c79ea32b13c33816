#pragma once
/// The Inspector dock's content: the facts a panel published about its selection
/// (ProjectContext::inspect), as label/value rows that can be selected and copied.
#include <QList>
#include <QPair>
#include <QString>
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace mltrl::ui {

class InspectorWidget : public QWidget {
    Q_OBJECT
public:
    explicit InspectorWidget(QWidget *parent = nullptr);

    void showFacts(const QString &title, const QList<QPair<QString, QString>> &facts);
    [[nodiscard]] QString title() const;
    /// The value shown for `label`, or a null string.
    [[nodiscard]] QString fact(const QString &label) const;
    [[nodiscard]] int factCount() const;

private:
    QLabel *m_title = nullptr;
    QTreeWidget *m_facts = nullptr;
};

} // namespace mltrl::ui
