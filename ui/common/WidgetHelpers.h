#pragma once
/// Helpers that watch a widget from outside — annotation layers with event filters on its
/// viewport and connections to its document — are QObject children of that widget. Qt would
/// delete them only in ~QWidget, after the widget's own class is gone, and every event or
/// signal they get on the way (a child removed, a document closing) would reach a
/// half-destroyed object (UBSan reports it). So the widget registers them here and deletes
/// them first thing in its destructor, while it is still whole.
#include <QList>
#include <QObject>
#include <QPointer>

#include <utility>

namespace mltrl::ui {

class WidgetHelpers {
public:
    void add(QObject *helper) { m_helpers.append(helper); }
    /// Deletes the helpers still alive; call at the start of the owner's destructor.
    void deleteAll()
    {
        const QList<QPointer<QObject>> helpers = std::exchange(m_helpers, {});
        for (const QPointer<QObject> &h : helpers)
            delete h.data();
    }

private:
    QList<QPointer<QObject>> m_helpers;
};

} // namespace mltrl::ui
