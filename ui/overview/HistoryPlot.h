#pragma once
/// The project's level over time as a step plot: one point per history entry, each marked by
/// its kind (start, advance, hold, and switchbacks by discovery / embedded / review with
/// distinct shapes and a legend); invalid switchbacks ringed in red and labelled. Hovering a
/// point shows its date, kind, levels, gate and reason.
#include "core/manifest/Manifest.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QCustomPlot;
class QCPGraph;

namespace mltrl::ui {

class HistoryPlot : public QWidget {
    Q_OBJECT
public:
    /// One plotted history entry.
    struct Point {
        std::size_t index = 0; ///< position in the manifest's history
        double x = 0;          ///< seconds since the epoch (UTC)
        int level = 0;
        QString kind; ///< "start", "advance", "hold", "switchback (discovery)" …
        bool invalid = false;
        QString toolTip;
    };

    explicit HistoryPlot(QWidget *parent = nullptr);

    /// `exportedAt` extends the last level to the export date (drawn, but not a point).
    void setHistory(const std::vector<HistoryEntry> &history, const std::map<std::size_t, std::string> &invalid,
                    const std::string &exportedAt = {});
    void clear();

    [[nodiscard]] QCustomPlot *plot() const { return m_plot; }
    /// The step line: exactly one data point per history entry.
    [[nodiscard]] QCPGraph *levelGraph() const { return m_levelGraph; }
    [[nodiscard]] const QList<Point> &points() const { return m_points; }
    /// The marker graph of a kind ("advance", "switchback (review)" …); null when unused.
    [[nodiscard]] QCPGraph *markerGraph(const QString &kind) const;
    /// The hover text for the point nearest to `pixel` (within a few pixels), or empty.
    [[nodiscard]] QString toolTipAt(QPointF pixel) const;

    QSize sizeHint() const override { return {900, 300}; }

private:
    void rebuild(const std::string &exportedAt);
    void onMouseMove(QMouseEvent *event);

    QCustomPlot *m_plot = nullptr;
    QCPGraph *m_levelGraph = nullptr;
    QList<Point> m_points;
    std::string m_exportedAt;
};

} // namespace mltrl::ui
