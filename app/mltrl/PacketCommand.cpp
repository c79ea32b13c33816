// `mltrl packet`: a PDF review packet of a project or one gate. Built only when the packet
// library (QtGui, no widgets) is; needs no display — the offscreen platform is used unless
// QT_QPA_PLATFORM says otherwise.
#include "Commands.h"

#include "Output.h"
#include "crypto/AllowedSigners.h"
#include "packet/PacketModel.h"
#include "packet/PacketWriter.h"
#include "store/Store.h"

#include <QGuiApplication>
#include <QSaveFile>

#include <fmt/format.h>

#include <cstring>

namespace mltrl::cli {

bool wantsGuiApplication(int argc, char **argv)
{
    // The command is the first word that is neither an option nor the value of --store.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--store") == 0) {
            ++i;
            continue;
        }
        if (argv[i][0] == '-')
            continue;
        return std::strcmp(argv[i], "packet") == 0;
    }
    return false;
}

std::unique_ptr<QCoreApplication> makeGuiApplication(int &argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    return std::make_unique<QGuiApplication>(argc, argv);
}

int runPacket(const CommandLine &cl)
{
    cl.expect({}, {"--gate", "--revision", "--page-size", "-o", "--output", "--allowed-signers"}, 1, 1);
    const auto output = cl.value("-o") ? cl.value("-o") : cl.value("--output");
    if (!output)
        throw UsageError{"packet needs -o FILE.pdf"};
    const auto paper = packet::paperSizeFrom(cl.value("--page-size").value_or("A4"));
    if (!paper)
        throw UsageError{"--page-size must be A4 or Letter"};
    Problems problems;
    std::optional<AllowedSigners> signers;
    if (const auto file = cl.value("--allowed-signers")) {
        signers = AllowedSigners::load(*file, problems);
        if (!signers) {
            printProblems(problems);
            return 1;
        }
    }
    auto store = openStore(cl);
    if (!store)
        return 1;
    packet::PacketRequest request{cl.positional()[0], cl.value("--gate"), cl.intValue("--revision"),
                                  signers ? &*signers : nullptr};
    const auto model = packet::collectPacket(*store, request, problems);
    if (!model) {
        printProblems(problems);
        return 1;
    }
    const auto rendered = packet::renderPacket(*model, packet::RenderOptions{*paper, true}, problems);
    if (!rendered) {
        printProblems(problems);
        return 1;
    }
    // Written atomically: an interrupted run never leaves a truncated packet behind.
    QSaveFile file(QString::fromStdString(*output));
    if (!file.open(QIODevice::WriteOnly) || file.write(rendered->pdf) != rendered->pdf.size() || !file.commit()) {
        printError(fmt::format("{}: {}", *output, file.errorString().toStdString()));
        return 1;
    }
    printProblems(problems);
    fmt::print("wrote {} ({} pages, {} bytes)\n", *output, rendered->pages, rendered->pdf.size());
    return 0;
}

} // namespace mltrl::cli
