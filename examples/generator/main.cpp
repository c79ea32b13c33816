// mltrl-example-gen: writes the bundled example archives (examples/cxr-triage.mltrl and, with
// --revision 2, examples/cxr-triage-r2.mltrl: the same project after its gate-5 review).
//   mltrl-example-gen [--revision N] OUTPUT.mltrl   the ZIP form
//   mltrl-example-gen [--revision N] --dir OUTDIR   the directory form (OUTDIR must not exist or be empty)
//   mltrl-example-gen --platform                    the library versions the output bytes depend on
#include "Content.h"
#include "Plot.h"

#include <QGuiApplication>
#include <QHashFunctions>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <string>
#include <vector>

namespace {

int usage()
{
    std::fputs("usage: mltrl-example-gen [--revision 1|2] (OUTPUT.mltrl | --dir OUTDIR) | --platform\n", stderr);
    return 2;
}

gen::Content buildContent(gen::Edition edition)
{
    gen::Content content;
    gen::addMetricFiles(content, edition);
    gen::addFigures(content, edition);
    gen::addDocuments(content, edition);
    gen::addReport(content, edition);
    gen::addDicomSamples(content, edition);
    gen::addManifest(content, edition);  // last: it hashes the files above
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
    if (argc == 2 && std::string(argv[1]) == "--platform") {
        QGuiApplication app(argc, argv);
        std::printf("%s\n", gen::platformFingerprint().c_str());
        return 0;
    }
    std::vector<std::string> args(argv + 1, argv + argc);
    gen::Edition edition = gen::Edition::Gate5Package;
    if (args.size() >= 2 && args[0] == "--revision") {
        if (args[1] == "2") edition = gen::Edition::AfterGate5Review;
        else if (args[1] != "1") return usage();
        args.erase(args.begin(), args.begin() + 2);
    }
    const bool toDir = args.size() == 2 && args[0] == "--dir";
    const bool toZip = args.size() == 1 && !args[0].starts_with("-");
    if (!toDir && !toZip) return usage();
    QGuiApplication app(argc, argv);
    if (!gen::loadFonts()) {
        std::fputs("mltrl-example-gen: DejaVu Sans not found (Debian: fonts-dejavu-core); "
                   "the figures will use another font and differ from the committed example\n",
                   stderr);
    }
    try {
        const gen::Content content = buildContent(edition);
        if (toDir) gen::writeDirectory(content, args[1]);
        else gen::writeZip(content, args[0], gen::exportTime(edition).unixSeconds);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "mltrl-example-gen: %s\n", e.what());
        return 1;
    }
    return 0;
}
