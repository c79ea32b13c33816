#include "ui/meeting/MeetingStyle.h"

#include <algorithm>
#include <cmath>

namespace mltrl::ui::meeting {

Style::Style(int height) : m_scale(std::max(0.5, height / 720.0)) {}

int Style::px(double at720) const
{
    return static_cast<int>(std::lround(at720 * m_scale));
}

QFont Style::font(Text role, bool bold) const
{
    // 26 px body text at 720 lines is ~3.6 % of the screen height: readable from the back of
    // a meeting room; titles and headings step up from it.
    double size = 26;
    switch (role) {
    case Text::Title:
        size = 48;
        break;
    case Text::Heading:
        size = 34;
        break;
    case Text::Body:
        size = 26;
        break;
    case Text::Small:
        size = 20;
        break;
    }
    QFont f;
    f.setPixelSize(px(size));
    f.setBold(bold);
    return f;
}

QPalette Style::palette()
{
    QPalette p;
    const QColor white(Qt::white), black(Qt::black);
    for (const auto group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        p.setColor(group, QPalette::Window, white);
        p.setColor(group, QPalette::Base, white);
        p.setColor(group, QPalette::AlternateBase, QColor(0xF0, 0xF0, 0xF0));
        p.setColor(group, QPalette::WindowText, black);
        p.setColor(group, QPalette::Text, black);
        p.setColor(group, QPalette::ButtonText, black);
        p.setColor(group, QPalette::Highlight, QColor(0x00, 0x48, 0x8C));
        p.setColor(group, QPalette::HighlightedText, white);
    }
    return p;
}

QString Cue::html() const
{
    return QStringLiteral("<span style=\"color:%1; font-weight:bold\">%2 %3</span>")
        .arg(colour.name(), symbol, word.toHtmlEscaped());
}

Cue verdictCue(const QString &verdict)
{
    // Okabe–Ito colours, darkened where needed for contrast on white; each with its own symbol.
    if (verdict == QLatin1String("met"))
        return {QColor(0x00, 0x6B, 0x4E), QStringLiteral("✓"), QStringLiteral("met")};
    if (verdict == QLatin1String("not_met"))
        return {QColor(0xB0, 0x3A, 0x00), QStringLiteral("✗"), QStringLiteral("not met")};
    if (verdict == QLatin1String("waived"))
        return {QColor(0x00, 0x55, 0x8F), QStringLiteral("≈"), QStringLiteral("waived")};
    if (verdict == QLatin1String("not_applicable"))
        return {QColor(0x50, 0x50, 0x50), QStringLiteral("–"), QStringLiteral("not applicable")};
    return {QColor(0x50, 0x50, 0x50), QStringLiteral("○"), QStringLiteral("no verdict yet")};
}

Cue outcomeCue(const QString &outcome)
{
    if (outcome == QLatin1String("advance"))
        return {QColor(0x00, 0x6B, 0x4E), QStringLiteral("▲"), QStringLiteral("advance")};
    if (outcome == QLatin1String("advance_with_conditions"))
        return {QColor(0x00, 0x55, 0x8F), QStringLiteral("△"), QStringLiteral("advance with conditions")};
    if (outcome == QLatin1String("hold"))
        return {QColor(0x6A, 0x4C, 0x00), QStringLiteral("■"), QStringLiteral("hold")};
    if (outcome == QLatin1String("switchback"))
        return {QColor(0xB0, 0x3A, 0x00), QStringLiteral("▼"), QStringLiteral("switchback")};
    return {QColor(0x50, 0x50, 0x50), QStringLiteral("○"), QStringLiteral("no outcome yet")};
}

Cue severityCue(const QString &severity)
{
    if (severity == QLatin1String("blocker"))
        return {QColor(0xB0, 0x00, 0x20), QStringLiteral("◆"), QStringLiteral("BLOCKER")};
    if (severity == QLatin1String("major"))
        return {QColor(0xB0, 0x3A, 0x00), QStringLiteral("▲"), QStringLiteral("MAJOR")};
    if (severity == QLatin1String("minor"))
        return {QColor(0x6A, 0x4C, 0x00), QStringLiteral("●"), QStringLiteral("minor")};
    return {QColor(0x50, 0x50, 0x50), QStringLiteral("ℹ"), QStringLiteral("info")};
}

QString verdictForKey(int key)
{
    static const QString verdicts[] = {QStringLiteral("met"), QStringLiteral("not_met"), QStringLiteral("waived"),
                                       QStringLiteral("not_applicable")};
    return key >= 1 && key <= 4 ? verdicts[key - 1] : QString();
}

QString outcomeForKey(int key)
{
    static const QString outcomes[] = {QStringLiteral("advance"), QStringLiteral("advance_with_conditions"),
                                       QStringLiteral("hold"), QStringLiteral("switchback")};
    return key >= 1 && key <= 4 ? outcomes[key - 1] : QString();
}

} // namespace mltrl::ui::meeting
