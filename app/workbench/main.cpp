// mltrl-workbench [--store DIR] [--screenshot-dir DIR] [ARCHIVE | PROJECT-ID]
#include "shell/PanelSetup.h"
#include "shell/ScreenshotTour.h"
#include "shell/Settings.h"
#include "shell/WorkbenchWindow.h"
#include "store/Store.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("mltrl"));
    QApplication::setApplicationName(QStringLiteral("mltrl-workbench"));
    QApplication::setApplicationVersion(QStringLiteral(MLTRL_VERSION));
    // Ties windows to packaging/org.mltrl.Workbench.desktop (taskbar grouping, icon).
    QGuiApplication::setDesktopFileName(QStringLiteral("org.mltrl.Workbench"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("org.mltrl.Workbench")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Review ML projects against their MLTRL gates."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption storeOption(QStringLiteral("store"), QStringLiteral("The store folder."),
                                         QStringLiteral("DIR"));
    const QCommandLineOption shotsOption(QStringLiteral("screenshot-dir"),
                                         QStringLiteral("Save a PNG of every panel to DIR once loaded, then quit."),
                                         QStringLiteral("DIR"));
    parser.addOption(storeOption);
    parser.addOption(shotsOption);
    parser.addPositionalArgument(QStringLiteral("target"), QStringLiteral("An archive to import, or a project id."),
                                 QStringLiteral("[ARCHIVE | PROJECT-ID]"));
    parser.process(app);

    std::optional<std::string> explicitStore;
    if (parser.isSet(storeOption))
        explicitStore = parser.value(storeOption).toStdString();
    const std::filesystem::path storeDir = mltrl::Store::resolveLocation(explicitStore);
    mltrl::Problems problems;
    std::unique_ptr<mltrl::Store> store = mltrl::Store::open(storeDir, problems);
    if (!store) {
        QStringList lines;
        for (const mltrl::Problem &p : problems.items())
            lines << QString::fromStdString(p.toString());
        QMessageBox::critical(nullptr, QStringLiteral("MLTRL Workbench"),
                              QStringLiteral("The store at %1 cannot be opened.\n\n%2")
                                  .arg(QString::fromStdString(storeDir.string()), lines.join(QLatin1Char('\n'))));
        return 1;
    }

    mltrl::ui::Settings settings;
    mltrl::ui::WorkbenchWindow window(*store, settings);
    mltrl::ui::installPanels(window, window.context());
    window.show();
    const QStringList positional = parser.positionalArguments();
    window.openStartTarget(positional.isEmpty() ? QString() : positional.first());

    if (parser.isSet(shotsOption)) {
        auto *tour = new mltrl::ui::ScreenshotTour(window, parser.value(shotsOption), &window);
        QObject::connect(tour, &mltrl::ui::ScreenshotTour::finished, &app, [](bool ok) { QApplication::exit(ok ? 0 : 1); });
        tour->start();
    }
    return app.exec();
}
