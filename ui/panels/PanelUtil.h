#pragma once
/// Small helpers shared by the panels: table items with a numeric sort key, verdict cues.
#include <QColor>
#include <QIcon>
#include <QList>
#include <QStandardItem>
#include <QString>

#include <optional>
#include <string>

class QComboBox;
class QTableView;

namespace mltrl {
struct RevisionData;
}

namespace mltrl::ui {

/// The role the panels' proxies sort by (numbers sort as numbers, text as text).
constexpr int kSortRole = Qt::UserRole + 1;
/// The id of the row's item (requirement, metric, criterion).
constexpr int kIdRole = Qt::UserRole + 2;

[[nodiscard]] QStandardItem *textItem(const QString &text);
[[nodiscard]] QStandardItem *textItem(const std::string &text);
/// Shows `value` exactly (shortest round-trip text), "—" when absent; sorts numerically.
[[nodiscard]] QStandardItem *numberItem(std::optional<double> value);
[[nodiscard]] QStandardItem *intItem(std::optional<int> value);

/// A filled circle with a symbol: colour plus shape, for colour-blind readers.
[[nodiscard]] QIcon verdictIcon(const QColor &colour, QChar symbol);

/// Shows `view`'s columns in `visualOrder` (logical indices; columns not listed follow in their
/// own order): what a reviewer scans for — a status, a verdict, staleness — first, so it is on
/// screen at 1280 px; the long text last, stretched to the width left and wrapped (rows grow
/// to fit whenever that column's width changes). Logical indices (models, tests) are unchanged.
void orderColumns(QTableView *view, const QList<int> &visualOrder);

/// Lists the gates of `revision` in `box` ("G3 — level 3: title", the gate id as item data)
/// and selects the last, the gate of the level the project is at, where a reviewer starts.
/// Emits no signal while filling; the caller refreshes what depends on the gate.
void fillGateBox(QComboBox *box, const RevisionData *revision);

} // namespace mltrl::ui
