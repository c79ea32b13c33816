#pragma once
/// The workbench's status colours: one definition for each meaning, so "pass" is the same
/// green in the plots, the Gates panel, the review form and meeting mode. Marks (icons, bands,
/// shading, filled shapes) are Okabe–Ito colours, told apart with the common colour-vision
/// deficiencies; text colours are darker tones of the same hues that read at 4.5:1 on a light
/// background. Where the background may be dark, pass them through readableOn()
/// (common/Theme.h). Always pair a colour with a second cue (✓ ✗ ⚠, a word).
#include <QColor>
#include <QString>

namespace mltrl::ui::status {

/// Met, passed, on the pass side of a threshold (Okabe–Ito bluish green).
[[nodiscard]] inline QColor passMark()
{
    return {0x00, 0x9E, 0x73};
}
/// Medium risk, a warning (Okabe–Ito orange).
[[nodiscard]] inline QColor warnMark()
{
    return {0xE6, 0x9F, 0x00};
}
/// Not met, failed, on the fail side (Okabe–Ito vermillion).
[[nodiscard]] inline QColor failMark()
{
    return {0xD5, 0x5E, 0x00};
}
/// No value, nothing to judge.
[[nodiscard]] inline QColor neutralMark()
{
    return {0x88, 0x88, 0x88};
}

/// Text saying "passed", "✓", "added".
[[nodiscard]] inline QColor passText()
{
    return {0x00, 0x6B, 0x4E};
}
/// Text saying "failed", "⚠ verdict needed", "removed".
[[nodiscard]] inline QColor failText()
{
    return {0xA0, 0x40, 0x00};
}
/// Text saying "pending", "—".
[[nodiscard]] inline QColor mutedText()
{
    return {0x55, 0x55, 0x55};
}

/// `colour` for a rich-text style attribute ("#A04000").
[[nodiscard]] inline QString css(const QColor &colour)
{
    return colour.name(QColor::HexRgb).toUpper();
}

} // namespace mltrl::ui::status
