// mltrl-example-gen: writes the bundled example archive (examples/cxr-triage.mltrl).
//   mltrl-example-gen OUTPUT.mltrl     the ZIP form
//   mltrl-example-gen --dir OUTDIR     the directory form (OUTDIR must not exist or be empty)
//   mltrl-example-gen --platform       the library versions the output bytes depend on
#include "Content.h"
#include "Plot.h"

#include <QGuiApplication>
#include <QHashFunctions>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <string>

namespace {

int usage()
{
    std::fputs("usage: mltrl-example-gen OUTPUT.mltrl | --dir OUTDIR | --platform\n", stderr);
    return 2;
}

gen::Content buildContent()
{
    gen::Content content;
    gen::addMetricFiles(content);
    gen::addFigures(content);
    gen::addDocuments(content);
    gen::addReport(content);
    gen::addManifest(content);  // last: it hashes the files above
    return content;
}

}  // namespace

int main(int argc, char** argv)
{
    // Headless and time-zone independent: no display needed, and the PDF engine's local-time
    // creation date is written in UTC (it is then replaced by a fixed date, see Report.cpp).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    ::setenv("TZ", "UTC", 1);
    // The PDF engine writes its embedded fonts in QHash order, which follows a per-process
    // random seed unless it is fixed.
    QHashSeed::setDeterministicGlobalSeed();
    ::tzset();
    const std::string mode = argc >= 2 ? argv[1] : "";
    if (argc == 2 && mode == "--platform") {
        QGuiApplication app(argc, argv);
        std::printf("%s\n", gen::platformFingerprint().c_str());
        return 0;
    }
    if (!(argc == 2 && !mode.starts_with("-")) && !(argc == 3 && mode == "--dir")) return usage();
    QGuiApplication app(argc, argv);
    if (!gen::loadFonts()) {
        std::fputs("mltrl-example-gen: DejaVu Sans not found (Debian: fonts-dejavu-core); "
                   "the figures will use another font and differ from the committed example\n",
                   stderr);
    }
    try {
        const gen::Content content = buildContent();
        if (mode == "--dir") gen::writeDirectory(content, argv[2]);
        else gen::writeZip(content, argv[1]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "mltrl-example-gen: %s\n", e.what());
        return 1;
    }
    return 0;
}
