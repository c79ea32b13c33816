// mltrl-workbench [--store DIR] [--screenshot-dir DIR [--screenshot-size WxH]
//                  [--screenshot-evidence all|N]] [ARCHIVE | PROJECT-ID]
#include "core/store/Store.h"
#include "ui/shell/PanelSetup.h"
#include "ui/shell/ScreenshotTour.h"
#include "ui/shell/Settings.h"
#include "ui/shell/WorkbenchWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLayout>
#include <QMessageBox>

#include <cstdio>

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
    const QCommandLineOption shotSizeOption(
        QStringLiteral("screenshot-size"),
        QStringLiteral("The window size of the screenshot tour (default: the screen's available size)."),
        QStringLiteral("WxH"));
    const QCommandLineOption shotEvidenceOption(
        QStringLiteral("screenshot-evidence"),
        QStringLiteral("How many evidence files the tour saves as evidence-<id>.png (default 200)."),
        QStringLiteral("all|N"));
    parser.addOption(storeOption);
    parser.addOption(shotsOption);
    parser.addOption(shotSizeOption);
    parser.addOption(shotEvidenceOption);
    parser.addPositionalArgument(QStringLiteral("target"), QStringLiteral("An archive to import, or a project id."),
                                 QStringLiteral("[ARCHIVE | PROJECT-ID]"));
    parser.process(app);

    mltrl::ui::ScreenshotTour::Options tourOptions;
    if (parser.isSet(shotSizeOption)) {
        const auto size = mltrl::ui::ScreenshotTour::parseSize(parser.value(shotSizeOption));
        if (!size) {
            std::fprintf(stderr,
                         "mltrl-workbench: error: --screenshot-size wants WIDTHxHEIGHT (e.g. 1280x720), not \"%s\"\n",
                         qPrintable(parser.value(shotSizeOption)));
            return 2;
        }
        tourOptions.size = *size;
    }
    if (parser.isSet(shotEvidenceOption)) {
        const auto limit = mltrl::ui::ScreenshotTour::parseEvidenceLimit(parser.value(shotEvidenceOption));
        if (!limit) {
            std::fprintf(stderr,
                         "mltrl-workbench: error: --screenshot-evidence wants \"all\" or a number, not \"%s\"\n",
                         qPrintable(parser.value(shotEvidenceOption)));
            return 2;
        }
        tourOptions.evidenceLimit = *limit;
    }

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
    mltrl::ui::ScreenshotTour *tour = nullptr;
    if (parser.isSet(shotsOption)) {
        tour = new mltrl::ui::ScreenshotTour(window, parser.value(shotsOption), tourOptions, &window);
        QObject::connect(tour, &mltrl::ui::ScreenshotTour::finished, &app,
                         [](bool ok) { QApplication::exit(ok ? 0 : 1); });
        tour->sizeWindow(); // before show(): the first frame already has the tour's size
    }
    // Lay the window out before it is mapped, so its first frame is the settled one.
    window.ensurePolished();
    if (QLayout *layout = window.layout())
        layout->activate();
    window.show();
    const QStringList positional = parser.positionalArguments();
    window.openStartTarget(positional.isEmpty() ? QString() : positional.first());
    if (tour)
        tour->start();
    return app.exec();
}
