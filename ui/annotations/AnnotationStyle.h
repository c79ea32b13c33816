#pragma once
/// How annotations look wherever they are drawn: one colour per severity (highlights on
/// pages and images, spans on plots, the list's severity column).
#include <QColor>
#include <QIcon>
#include <QString>
#include <QStringList>

namespace mltrl::ui {

/// info, minor, major, blocker — mildest first.
[[nodiscard]] const QStringList &annotationSeverities();
/// The severity's colour, opaque; callers add transparency for fills.
[[nodiscard]] QColor severityColor(const QString &severity);
/// A dot of the severity's colour (a ring when `resolved`): the mark of an annotation in
/// lists, chips and menus.
[[nodiscard]] QIcon severityIcon(const QString &severity, bool resolved = false);

} // namespace mltrl::ui
