#pragma once
/// A strip of chips naming the annotations on something that has no finer place to draw them:
/// a whole evidence document or one of its pages, a card, the project — and lines or regions
/// on viewers that cannot draw those. Each chip is severity-coloured (a ring once resolved),
/// shows the start of the text (all of it on hover); clicking one shows it in the Annotations
/// list (ProjectContext::showAnnotation). Hidden while there is nothing to list.
#include "core/review/AnnotationStore.h"

#include <QFrame>
#include <QList>

#include <functional>
#include <vector>

class QHBoxLayout;
class QLabel;
class QToolButton;

namespace mltrl::ui {

class ProjectContext;

class AnnotationBanner : public QFrame {
    Q_OBJECT
public:
    /// Which annotations of the revision on screen the banner lists.
    using Filter = std::function<bool(const Annotation &)>;

    AnnotationBanner(ProjectContext &context, Filter filter, QWidget *parent = nullptr);

    /// A banner put into the layout that holds `widget`, right above it (the layout may be
    /// nested anywhere in `widget`'s parent's layout). Null when `widget` is in no box layout.
    static AnnotationBanner *insertAbove(QWidget *widget, ProjectContext &context, Filter filter);

    /// Re-reads the context's annotations (ProjectContext::reviewWork(); also done on
    /// annotationsChanged and revisionChanged); call it when
    /// what the filter looks at changes, e.g. another card is shown.
    void refresh();

    [[nodiscard]] const std::vector<Annotation> &listed() const { return m_listed; }
    /// One per annotation listed, in creation order (object name "annotationChip"), then a
    /// "+N more" chip when they do not all fit.
    [[nodiscard]] QList<QToolButton *> chips() const { return m_chips; }

    /// At most this many chips; the rest are behind "+N more" (which opens the list).
    static constexpr int kMaxChips = 6;

private:
    QToolButton *addChip(const QString &text, const QString &toolTip, const QString &annotationId);

    ProjectContext &m_context;
    Filter m_filter;
    QLabel *m_title = nullptr;
    QHBoxLayout *m_row = nullptr;
    std::vector<Annotation> m_listed;
    QList<QToolButton *> m_chips;
};

/// Where on an evidence file an annotation is, in a few words: "page 3", "line 12",
/// "region on page 3", "whole document".
[[nodiscard]] QString placeOnEvidence(const nlohmann::json &target);

} // namespace mltrl::ui
