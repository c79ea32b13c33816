#pragma once
/// Tooltips show archive strings everywhere (titles, JSON values, CSV cells, problems,
/// changes). Qt renders any tooltip that looks like HTML as rich text, and rich text loads the
/// images and style sheets it names from the local disk (`<img src="/dev/zero">` in a CSV
/// cell would hang the window on hover). SafeToolTips is an application-wide event filter that
/// looks at the text a tooltip is about to show (a widget's toolTip() or an item view's
/// ToolTipRole) and, when it is markup that can load something, shows it escaped instead.
/// Installed by the first archive text browser or evidence viewer (the Overview panel makes
/// one at start up).
#include <QObject>

namespace mltrl::ui {

class SafeToolTips : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    /// True when `text` would be rendered as rich text that can load a resource.
    static bool canLoadResources(const QString &text);
    /// Installs the filter on the application (once).
    static void install();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace mltrl::ui
