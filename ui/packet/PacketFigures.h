#pragma once
/// The packet's figures, drawn with QPainter as vector paths (no images) into a box given in
/// device units; `k` is device units per point, so line widths and text are set in points.
#include "core/manifest/Manifest.h"
#include "ui/packet/PacketModel.h"
#include "ui/packet/PageFlow.h"

#include <QRectF>

class QPainter;

namespace mltrl::packet {

/// A line series of at most this many points has every point marked (a single point included).
inline constexpr std::size_t kMarkedPoints = 60;

/// Levels 0–9 as stations coloured by stage; the current, system and target levels marked,
/// with the component(s) holding the system back named.
void drawTrack(QPainter &p, const QRectF &box, double k, const PacketFonts &fonts, const RevisionData &rev);

/// The level over the history entries: advances, holds and switchbacks (by kind; invalid
/// switchbacks flagged).
void drawHistory(QPainter &p, const QRectF &box, double k, const PacketFonts &fonts, const RevisionData &rev);

/// A metric with its criteria: every point (or the labelled min/max envelope), confidence
/// bands, threshold lines and the passing / failing side shaded.
void drawMetric(QPainter &p, const QRectF &box, double k, const PacketFonts &fonts, const MetricFigure &figure);

/// A short caption for a figure: what is drawn and how (e.g. the envelope note).
[[nodiscard]] QString metricCaption(const MetricFigure &figure);

} // namespace mltrl::packet
