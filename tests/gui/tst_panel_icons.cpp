// Every navigator entry has its own icon on any desktop: the theme's freedesktop-named icon
// where the theme has it, else the one shipped in resources/icons.qrc. The test runs with no
// icon theme (as stock GNOME lacks most of the names), so the shipped icons are what it sees.
#include "GuiTestUtil.h"
#include "TempStore.h"
#include "ui/common/PanelIcons.h"
#include "ui/shell/PanelSetup.h"
#include "ui/shell/Settings.h"
#include "ui/shell/WorkbenchWindow.h"

#include <QIcon>
#include <QImage>
#include <QListWidget>
#include <QtTest>

using namespace mltrl;
using namespace mltrl::ui;

namespace {
QImage rendered(const QIcon &icon)
{
    return icon.pixmap(QSize(32, 32)).toImage().convertToFormat(QImage::Format_ARGB32);
}

/// True when `image` has some opaque pixel (the icon draws something).
bool drawsSomething(const QImage &image)
{
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (qAlpha(image.pixel(x, y)) > 128)
                return true;
    return false;
}
} // namespace

class TestPanelIcons : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QIcon::setThemeName(QStringLiteral("no-such-theme"));
        QIcon::setFallbackThemeName(QStringLiteral("no-such-theme"));
    }

    void shippedIconsLoad_data()
    {
        QTest::addColumn<QString>("key");
        for (const QString &key : shippedPanelIconKeys())
            QTest::newRow(qPrintable(key)) << key;
    }
    void shippedIconsLoad()
    {
        QFETCH(QString, key);
        const QIcon icon = shippedPanelIcon(key);
        QVERIFY(!icon.isNull());
        QVERIFY(drawsSomething(rendered(icon)));
        // The panel title works too, in any case.
        QVERIFY(!shippedPanelIcon(key.at(0).toUpper() + key.mid(1)).isNull());
    }

    void everyNavigatorEntryHasItsOwnIcon()
    {
        test::useTestSettings();
        test::TempStore store;
        Settings settings;
        WorkbenchWindow window(store.store(), settings);
        installPanels(window, window.context());
        window.resize(1280, 720);
        window.show();
        auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigator"));
        QVERIFY(nav);
        QVERIFY(nav->count() >= 10);
        if (const QString grabs = qEnvironmentVariable("MLTRL_GRAB_DIR"); !grabs.isEmpty())
            nav->grab().save(QDir(grabs).filePath(QStringLiteral("navigator-icons.png")));
        QStringList titles;
        QList<QImage> images;
        for (int i = 0; i < nav->count(); ++i) {
            const QListWidgetItem *item = nav->item(i);
            const QIcon icon = item->icon();
            QVERIFY2(!icon.isNull(), qPrintable(item->text()));
            const QImage image = rendered(icon);
            QVERIFY2(drawsSomething(image), qPrintable(item->text()));
            for (int j = 0; j < images.size(); ++j)
                QVERIFY2(images[j] != image,
                         qPrintable(QStringLiteral("%1 and %2 share an icon").arg(titles[j], item->text())));
            titles << item->text();
            images << image;
        }
        // The shipped icon is what a desktop without the theme icon shows.
        const QList<QListWidgetItem *> evidence = nav->findItems(QStringLiteral("Evidence"), Qt::MatchExactly);
        QCOMPARE(evidence.size(), 1);
        QCOMPARE(rendered(evidence.first()->icon()), rendered(shippedPanelIcon(QStringLiteral("Evidence"))));
    }

    void themeIconComesFirst()
    {
        // A theme that has the freedesktop name wins over the shipped icon.
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("testtheme/24x24/places")));
        QFile index(dir.filePath(QStringLiteral("testtheme/index.theme")));
        QVERIFY(index.open(QIODevice::WriteOnly));
        index.write("[Icon Theme]\nName=testtheme\nDirectories=24x24/places\n\n[24x24/places]\nSize=24\nType=Fixed\n");
        index.close();
        QImage red(24, 24, QImage::Format_ARGB32);
        red.fill(Qt::red);
        QVERIFY(red.save(dir.filePath(QStringLiteral("testtheme/24x24/places/folder-documents.png"))));
        const QStringList paths = QIcon::themeSearchPaths();
        QIcon::setThemeSearchPaths({dir.path()});
        QIcon::setThemeName(QStringLiteral("testtheme"));
        const QImage themed = rendered(panelIcon(QStringLiteral("Evidence"), QStringLiteral("folder-documents")));
        const QImage fallback = rendered(panelIcon(QStringLiteral("Metrics"), QStringLiteral("office-chart-line")));
        QIcon::setThemeName(QStringLiteral("no-such-theme"));
        QIcon::setThemeSearchPaths(paths);
        QCOMPARE(QColor(themed.pixel(16, 16)), QColor(Qt::red));
        QCOMPARE(fallback, rendered(shippedPanelIcon(QStringLiteral("Metrics"))));
    }
};

QTEST_MAIN(TestPanelIcons)
#include "tst_panel_icons.moc"
