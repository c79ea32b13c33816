#include "ui/annotations/AnnotationEditor.h"

#include "core/review/AnnotationTarget.h"
#include "ui/annotations/AnnotationCommands.h"
#include "ui/annotations/AnnotationStyle.h"
#include "ui/session/ProjectContext.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

namespace mltrl::ui {

namespace {

QString number(const nlohmann::json &v)
{
    const double d = v.get<double>();
    return std::floor(d) == d ? QString::number(static_cast<long long>(d)) : QString::number(d, 'g', 4);
}

QString str(const nlohmann::json &target, const char *key)
{
    return QString::fromStdString(target.at(key).get<std::string>());
}

} // namespace

AnnotationDialog::AnnotationDialog(const QString &what, const AnnotationInput &initial, QWidget *parent)
      : QDialog(parent), m_severity(new QComboBox(this)), m_text(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("annotationDialog"));
    setWindowTitle(QStringLiteral("Annotate"));
    m_severity->setObjectName(QStringLiteral("annotationSeverity"));
    m_text->setObjectName(QStringLiteral("annotationText"));
    for (const QString &s : annotationSeverities())
        m_severity->addItem(severityIcon(s), s, s);
    m_severity->setCurrentIndex(
        static_cast<int>(std::max<qsizetype>(0, annotationSeverities().indexOf(initial.severity))));
    m_text->setPlainText(initial.text);
    m_text->moveCursor(QTextCursor::End); // editing usually adds to what is there
    m_text->setPlaceholderText(QStringLiteral("What is wrong or worth noting here?"));
    m_text->setTabChangesFocus(true);

    auto *target = new QLabel(what, this);
    target->setWordWrap(true);
    target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *form = new QFormLayout;
    form->addRow(QStringLiteral("On:"), target);
    form->addRow(QStringLiteral("&Severity:"), m_severity);
    form->addRow(QStringLiteral("&Text:"), m_text);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    const auto updateOk = [this] { m_ok->setEnabled(!m_text->toPlainText().trimmed().isEmpty()); };
    connect(m_text, &QPlainTextEdit::textChanged, this, updateOk);
    updateOk();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    m_text->setFocus();
    resize(420, 240);
}

AnnotationInput AnnotationDialog::input() const
{
    return {m_severity->currentData().toString(), m_text->toPlainText().trimmed()};
}

std::optional<AnnotationInput> askAnnotation(QWidget *parent, const QString &what, const AnnotationInput &initial)
{
    AnnotationDialog dialog(what, initial, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.input();
}

QString describeTarget(const nlohmann::json &t)
{
    if (!t.is_object())
        return QStringLiteral("(nothing)");
    if (t.contains("evidence")) {
        QString s = str(t, "evidence");
        if (t.contains("page"))
            s += QStringLiteral(", page %1").arg(number(t["page"]));
        if (t.contains("line"))
            s += QStringLiteral(", line %1").arg(number(t["line"]));
        if (t.contains("rect"))
            s += QStringLiteral(", region");
        return s;
    }
    if (t.contains("metric")) {
        QString s = QStringLiteral("metric %1").arg(str(t, "metric"));
        if (t.contains("x_range") && t["x_range"].is_array() && t["x_range"].size() == 2)
            s += QStringLiteral(", x %1\u2013%2").arg(number(t["x_range"][0]), number(t["x_range"][1]));
        return s;
    }
    if (t.contains("criterion"))
        return QStringLiteral("criterion %1 (%2)").arg(str(t, "criterion"), str(t, "gate"));
    if (t.contains("requirement"))
        return QStringLiteral("requirement %1").arg(str(t, "requirement"));
    if (t.contains("card"))
        return QStringLiteral("card of level %1").arg(number(t["card"]));
    if (t.contains("project"))
        return QStringLiteral("the project");
    return QStringLiteral("(unknown target)");
}

QString addAnnotation(ProjectContext &context, const nlohmann::json &target, const AnnotationInput &input)
{
    Problems problems;
    const auto revision = context.revision();
    if (!revision) {
        emit context.notice(QStringLiteral("Open a project before annotating."));
        return {};
    }
    if (!checkAnnotationTarget(target, "target", problems) ||
        !checkTargetExists(target, revision->manifest, problems)) {
        emit context.notice(QStringLiteral("Cannot annotate %1: %2")
                                .arg(describeTarget(target), QString::fromStdString(problems.items().front().what)));
        return {};
    }
    QString id;
    context.undoStack()->push(new AddAnnotationCommand(context, target, input.severity, input.text,
                                                       [&id](const QString &added) { id = added; }));
    return id;
}

QString annotate(ProjectContext &context, const nlohmann::json &target, QWidget *parent)
{
    const auto input = askAnnotation(parent, describeTarget(target));
    if (!input)
        return {};
    return addAnnotation(context, target, *input);
}

QAction *createAnnotateAction(ProjectContext &context, std::function<nlohmann::json()> target, QWidget *parent)
{
    auto *action = new QAction(QStringLiteral("Annotate\u2026"), parent);
    action->setObjectName(QStringLiteral("annotateAction"));
    QObject::connect(action, &QAction::triggered, parent, [&context, target = std::move(target), parent] {
        const nlohmann::json t = target();
        if (!t.is_null())
            annotate(context, t, parent);
    });
    return action;
}

} // namespace mltrl::ui
