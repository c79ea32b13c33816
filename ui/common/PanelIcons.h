#pragma once
/// The navigator's icons: the desktop theme's freedesktop-named icon first, and where the
/// theme lacks it (stock GNOME has few of them), the icon shipped with the workbench in
/// resources/icons.qrc, so every panel has its own icon on any desktop.
#include <QIcon>
#include <QString>
#include <QStringList>

namespace mltrl::ui {

/// The icon of panel `title` ("Overview", "Gates", …); `themeName` is tried first.
[[nodiscard]] QIcon panelIcon(const QString &title, const QString &themeName);
/// The shipped icon of panel `title` (null for an unknown panel).
[[nodiscard]] QIcon shippedPanelIcon(const QString &title);
/// The panels that have a shipped icon (lower-case keys, e.g. "requirements").
[[nodiscard]] QStringList shippedPanelIconKeys();

} // namespace mltrl::ui
