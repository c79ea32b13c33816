#pragma once
/// Shared by the evidence GUI tests: the project fixture and helpers for looking at viewers.
#include "GuiFixture.h"

#include <QDir>
#include <QImage>
#include <QTest>
#include <QWidget>

namespace mltrl::test {

/// The evidence tests' fixture: the one GUI fixture (GuiFixture.h), holding the bundled
/// example imported into a temporary store and loaded into a ProjectContext.
using EvidenceFixture = LoadedProject;

/// Saves a screenshot when MLTRL_GRAB_DIR is set (for looking at the views by eye), after
/// letting PDF pages and images render; a test run without it never waits.
inline void saveGrab(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("MLTRL_GRAB_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(300);
    widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

/// True when the image has a reasonable share of pixels that are not (near) white.
inline bool hasInk(const QImage &image)
{
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    qint64 dark = 0;
    for (int y = 0; y < img.height(); y += 2)
        for (int x = 0; x < img.width(); x += 2)
            if (qGray(img.pixel(x, y)) < 160)
                ++dark;
    return dark > 50;
}

} // namespace mltrl::test
