#pragma once
/// The Inspector dock's content: the facts a panel published about its selection
/// (ProjectContext::inspect), as label/value rows that can be selected and copied, and under
/// them the links it published (ProjectContext::inspectLinks), e.g. what cites an evidence file.
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace mltrl::ui {

class InspectorWidget : public QWidget {
    Q_OBJECT
public:
    explicit InspectorWidget(QWidget *parent = nullptr);

    /// Replaces the facts and clears the links.
    void showFacts(const QString &title, const QList<QPair<QString, QString>> &facts);
    /// Shows (text, href) links under the facts; clicking one emits linkActivated(href).
    void showLinks(const QList<QPair<QString, QString>> &links);
    /// The hrefs of the links shown.
    [[nodiscard]] QStringList links() const { return m_hrefs; }
    [[nodiscard]] QString title() const;
    /// The value shown for `label`, or a null string.
    [[nodiscard]] QString fact(const QString &label) const;
    [[nodiscard]] int factCount() const;

signals:
    void linkActivated(const QString &href);

private:
    QLabel *m_title = nullptr;
    QTreeWidget *m_facts = nullptr;
    QLabel *m_links = nullptr;
    QStringList m_hrefs;
};

} // namespace mltrl::ui
