#pragma once
/// The MLTRL track: levels 0–9 as stations on a path in their stage colours, with the current
/// level, the system level and the target marked, a labelled marker per component at its level,
/// and a sentence naming the component(s) that hold the system back. Every colour has a text
/// cue beside it (stage names, "current"/"target" labels, level numbers).
#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>

namespace mltrl::ui {

struct TrackComponent {
    QString id;
    QString name;
    int level = 0;
    bool heldBack = false;
};

class MltrlTrackWidget : public QWidget {
    Q_OBJECT
public:
    explicit MltrlTrackWidget(QWidget *parent = nullptr);

    void setTrack(int currentLevel, std::optional<int> targetLevel, std::optional<int> systemLevel,
                  QList<TrackComponent> components);
    void clear();

    /// Multiplies every distance of the drawing (stations, bands, label rows, line widths);
    /// the text follows the widget's font, which the caller enlarges to match (meeting mode
    /// draws the track at projector size with 1.5 and type half again as large).
    void setScale(double scale);
    [[nodiscard]] double scale() const { return m_scale; }
    /// Whether the sentence under the track is drawn (default); meeting mode says it in its
    /// own large type instead.
    void setCalloutShown(bool shown);

    [[nodiscard]] bool hasTrack() const { return m_hasTrack; }
    [[nodiscard]] int currentLevel() const { return m_current; }
    [[nodiscard]] std::optional<int> targetLevel() const { return m_target; }
    [[nodiscard]] std::optional<int> systemLevel() const { return m_system; }
    [[nodiscard]] const QList<TrackComponent> &components() const { return m_components; }
    /// Ids of the components at the system level.
    [[nodiscard]] QStringList heldBackBy() const;
    /// The sentence under the track, e.g. "System level 5, held back by classifier (…)".
    [[nodiscard]] QString calloutText() const;
    /// The fill of the station of `level` (its stage colour, faded beyond the current level)
    /// and the colour its number is written in — whichever of dark or light reads on the fill.
    [[nodiscard]] QColor stationFill(int level) const;
    [[nodiscard]] QColor stationTextColour(int level) const;
    /// The level whose station is at `pos`, or nullopt.
    [[nodiscard]] std::optional<int> levelAt(QPoint pos) const;
    /// The text shown when hovering level `level`'s station.
    [[nodiscard]] QString stationToolTip(int level) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Layout;
    [[nodiscard]] Layout layout() const;
    /// The label row of each component (0 = nearest the path): labels of neighbouring levels
    /// that would overlap go to different rows.
    [[nodiscard]] QList<int> componentRows(double left, double step) const;
    /// The roles a level plays ("current", "system", "target").
    [[nodiscard]] QStringList rolesOf(int level) const;
    [[nodiscard]] int roleLines() const;
    [[nodiscard]] QFont labelFont(bool bold) const;

    [[nodiscard]] double s(double distance) const { return distance * m_scale; }

    double m_scale = 1.0;
    bool m_callout = true;
    bool m_hasTrack = false;
    int m_current = 0;
    std::optional<int> m_target;
    std::optional<int> m_system;
    QList<TrackComponent> m_components;
};

} // namespace mltrl::ui
