#pragma once
/// The one way to annotate something from anywhere in the GUI: ask the reviewer for a
/// severity and a text, then push an AddAnnotationCommand onto ProjectContext::undoStack()
/// (so Ctrl+Z takes it back). Viewers, panels' context menus and the meeting mode all call
/// annotate() with a target in the archive's shape (docs/archive-format.md §4, e.g.
/// {"evidence": "ev-eval", "page": 3, "rect": [72, 400, 200, 40]} or {"project": true}).
#include <QDialog>
#include <QString>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>

class QAction;
class QComboBox;
class QObject;
class QPlainTextEdit;
class QPushButton;

namespace mltrl::ui {

class ProjectContext;

/// What the reviewer types for an annotation.
struct AnnotationInput {
    QString severity = QStringLiteral("minor"); ///< info | minor | major | blocker
    QString text;
};

/// Severity (info/minor/major/blocker) and text, with a line saying what is annotated. OK
/// is enabled only when there is text. Object names: annotationSeverity, annotationText.
class AnnotationDialog : public QDialog {
    Q_OBJECT
public:
    AnnotationDialog(const QString &what, const AnnotationInput &initial, QWidget *parent = nullptr);
    [[nodiscard]] AnnotationInput input() const;
    [[nodiscard]] QComboBox *severityBox() const { return m_severity; }
    [[nodiscard]] QPlainTextEdit *textEdit() const { return m_text; }
    [[nodiscard]] QPushButton *okButton() const { return m_ok; }

private:
    QComboBox *m_severity = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QPushButton *m_ok = nullptr;
};

/// Shows an AnnotationDialog (modal); nullopt when cancelled.
[[nodiscard]] std::optional<AnnotationInput> askAnnotation(QWidget *parent, const QString &what,
                                                           const AnnotationInput &initial = {});

/// A short label for a target: "ev-eval, page 3, region", "metric val-loss, x 2–5",
/// "criterion auroc (gate-5)", "requirement R1", "card of level 4", "the project".
[[nodiscard]] QString describeTarget(const nlohmann::json &target);

/// Pushes an AddAnnotationCommand for `target` with `input` (no dialog). The target is
/// checked against the revision on screen. Returns the new annotation's id, or an empty
/// string when nothing was added (the reason goes to ProjectContext::notice()).
QString addAnnotation(ProjectContext &context, const nlohmann::json &target, const AnnotationInput &input);

/// Asks for severity and text (dialog over `parent`), then addAnnotation(). The entry point
/// for "annotate what is shown". Returns the new id, or empty when cancelled or refused.
QString annotate(ProjectContext &context, const nlohmann::json &target, QWidget *parent = nullptr);

/// An "Annotate…" action for context menus and tool bars: when triggered it calls annotate()
/// with what `target()` returns then (a null json means nothing is selected: no dialog).
QAction *createAnnotateAction(ProjectContext &context, std::function<nlohmann::json()> target, QWidget *parent);

} // namespace mltrl::ui
