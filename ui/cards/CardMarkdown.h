#pragma once
/// An MLTRL card as one Markdown document: teams write card sections in Markdown as they do the
/// project summary, so the sections are placed under their headings as written; requirements
/// and evidence become links ("requirement:ID", "evidence:ID") the card view follows.
#include <QString>

namespace mltrl {
struct Card;
struct RevisionData;
} // namespace mltrl

namespace mltrl::ui {

/// `revision` (may be null) supplies requirement texts and evidence titles for the links.
[[nodiscard]] QString cardMarkdown(const Card &card, const RevisionData *revision);

/// `text` with Markdown's special characters backslash-escaped, to show literally.
[[nodiscard]] QString escapeMarkdown(const QString &text);

} // namespace mltrl::ui
