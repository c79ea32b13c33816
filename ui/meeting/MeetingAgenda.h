#pragma once
/// The agenda of a review meeting, built from one gate: a title slide, one slide per criterion
/// (in the manifest's order), the open blocker and major annotations, then the decision.
#include <QString>

#include <vector>

namespace mltrl {
struct Gate;
struct RevisionData;
} // namespace mltrl

namespace mltrl::ui {

struct AgendaItem {
    enum class Kind { Title, Criterion, Annotations, Decision };
    Kind kind = Kind::Title;
    int criterion = -1; ///< index into Gate::criteria (Criterion slides only)
    bool operator==(const AgendaItem &) const = default;
};

[[nodiscard]] std::vector<AgendaItem> buildAgenda(const Gate &gate);

/// A short name for the slide, e.g. "Title", "auroc — Validation AUROC …", "Decision".
[[nodiscard]] QString agendaTitle(const Gate &gate, const AgendaItem &item);

/// The gate a meeting is held for: `selected` when the revision has that gate; otherwise the
/// gate the project must pass next (the first gate, by level, at or above the current level);
/// otherwise the gate of the highest level. Empty when the revision declares no gates.
[[nodiscard]] QString meetingGate(const RevisionData &revision, const QString &selected);

} // namespace mltrl::ui
