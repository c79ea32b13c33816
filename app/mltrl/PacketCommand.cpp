// `mltrl packet`: a PDF review packet of a project or one gate. Built only when the packet
// library (QtGui, no widgets) is; needs no display — the offscreen platform is used unless
// QT_QPA_PLATFORM says otherwise.
#include "Commands.h"

#include "Output.h"
#include "PacketVerify.h"
#include "ReviewTrust.h"
#include "core/crypto/AllowedSigners.h"
#include "core/review/ReviewerKey.h"
#include "core/store/Store.h"
#include "ui/packet/PacketModel.h"
#include "ui/packet/PacketWriter.h"

#include "core/common/AtomicFile.h"

#include <QGuiApplication>

#include <fmt/format.h>

#include <cstring>
#include <filesystem>
#include <fstream>

namespace mltrl::cli {

bool wantsGuiApplication(int argc, char **argv)
{
    // Help needs no GUI (nor the warnings starting one prints).
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0)
            return false;
    // The command is the first word that is neither an option nor the value of --store:
    // `packet`, or `verify` of a PDF.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--store") == 0) {
            ++i;
            continue;
        }
        if (argv[i][0] == '-')
            continue;
        if (std::strcmp(argv[i], "verify") == 0) {
            // `verify PACKET.pdf` reads the packet's printed text with QtPdf.
            for (int j = i + 1; j < argc; ++j)
                if (argv[j][0] != '-' && isPdfFile(argv[j]))
                    return true;
            return false;
        }
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

namespace {

/// The bytes of the trust file loadTrust() read for `option` (given, or the keys-folder
/// default), with its path; empty when none was used. Attached to the packet as they are.
std::pair<std::string, std::string> trustFileText(const CommandLine &cl, const char *option, const char *name)
{
    namespace fs = std::filesystem;
    fs::path path;
    if (const auto given = cl.value(option))
        path = *given;
    else if (std::error_code ec; fs::exists(defaultReviewerKeyFile().parent_path() / name, ec))
        path = defaultReviewerKeyFile().parent_path() / name;
    else
        return {};
    std::ifstream in(path, std::ios::binary);
    return {std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()), path.string()};
}

} // namespace

int runPacket(const CommandLine &cl)
{
    cl.expect({}, {"--gate", "--revision", "--page-size", "-o", "--output", "--allowed-signers", "--reviewer-roles"}, 1,
              1);
    const auto output = cl.value("-o") ? cl.value("-o") : cl.value("--output");
    if (!output)
        throw UsageError{"packet needs -o FILE.pdf"};
    const auto paper = packet::paperSizeFrom(cl.value("--page-size").value_or("A4"));
    if (!paper)
        throw UsageError{"--page-size must be A4 or Letter"};
    Problems problems;
    // Who may sign and which roles they hold (G4): the files given, else the keys folder's.
    const auto trust = loadTrust(cl);
    if (!trust)
        return 1;
    auto store = openStore(cl);
    if (!store)
        return 1;
    packet::PacketRequest request{cl.positional()[0], cl.value("--gate"), cl.intValue("--revision"),
                                  trust->signersPtr(), trust->rolesPtr()};
    if (trust->signers)
        std::tie(request.signersText, request.signersSource) =
            trustFileText(cl, "--allowed-signers", "allowed_signers");
    if (trust->roles)
        std::tie(request.rolesText, request.rolesSource) = trustFileText(cl, "--reviewer-roles", "reviewer_roles");
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
    // Written atomically: an interrupted run never leaves a truncated packet behind, and a
    // symbolic link planted at the output path is replaced, never written through.
    std::string error;
    if (!writeFileAtomically(
            *output, std::string_view(rendered->pdf.constData(), static_cast<std::size_t>(rendered->pdf.size())),
            error)) {
        printError(*output, error);
        return 1;
    }
    printProblems(problems);
    out("wrote {} ({}, {})\n", *output, counted(static_cast<std::size_t>(rendered->pages), "page"),
        counted(static_cast<std::size_t>(rendered->pdf.size()), "byte"));
    return 0;
}

} // namespace mltrl::cli
