#pragma once
/// `mltrl verify PACKET.pdf`: checks a review packet by its attachments (docs/packet.md).
#include "CommandLine.h"

#include <filesystem>
#include <fstream>
#include <string_view>

namespace mltrl::cli {

/// The file starts with "%PDF-" (inline: built also without the packet library).
[[nodiscard]] inline bool isPdfFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    char head[5] = {};
    return in.read(head, 5) && std::string_view(head, 5) == "%PDF-";
}

/// Verifies the packet `pdf`: every attached review's signature against the attached manifest
/// and the hashes the packet prints (SHA256SUMS), trust (--allowed-signers / --reviewer-roles,
/// else the packet's own attached lists, said so), and that every attached file's SHA-256 is
/// the one printed in the packet. 0 when it passes, 1 otherwise.
int runVerifyPacket(const CommandLine &cl, const std::filesystem::path &pdf);

} // namespace mltrl::cli
