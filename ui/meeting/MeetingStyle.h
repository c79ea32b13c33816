#pragma once
/// The look of meeting mode: black on white (what survives a washed-out projector best, and
/// what the reused track, plot and evidence widgets are drawn for), type sized for a
/// 1280×720 projector read from the back of the room and scaled with the screen, and the
/// verdict / severity cues (colour always paired with a symbol and a word).
#include <QColor>
#include <QFont>
#include <QPalette>
#include <QString>

namespace mltrl::ui::meeting {

/// Text roles, in pixels at 720 screen lines.
enum class Text { Title, Heading, Body, Small };

class Style {
public:
    /// `height`: the height of the meeting window in pixels (720 on the design projector).
    explicit Style(int height = 720);

    [[nodiscard]] double scale() const { return m_scale; }
    [[nodiscard]] int px(double at720) const;
    [[nodiscard]] QFont font(Text role, bool bold = false) const;
    [[nodiscard]] static QPalette palette();

private:
    double m_scale = 1.0;
};

/// Colour, symbol and word of a verdict (met, not_met, waived, not_applicable; empty: none).
struct Cue {
    QColor colour;
    QString symbol;
    QString word;
    /// "<span style=…>✓ met</span>" for rich-text labels.
    [[nodiscard]] QString html() const;
};
[[nodiscard]] Cue verdictCue(const QString &verdict);
/// Outcome cues: advance, advance_with_conditions, hold, switchback.
[[nodiscard]] Cue outcomeCue(const QString &outcome);
/// Severity cues: blocker, major, minor, info.
[[nodiscard]] Cue severityCue(const QString &severity);

/// The verdicts and outcomes keys 1–4 set, in key order.
[[nodiscard]] QString verdictForKey(int key); ///< 1 → "met" … 4 → "not_applicable"; "" otherwise
[[nodiscard]] QString outcomeForKey(int key); ///< 1 → "advance" … 4 → "switchback"; "" otherwise

} // namespace mltrl::ui::meeting
