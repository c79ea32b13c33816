#pragma once
/// The parts of collectPacket() that serve the audit sections: the SHA256SUMS list and the
/// manifest bytes (verification appendix, attachments), the changes since the last signed
/// review, and the text lines that annotations point at. Store access happens here, never
/// while rendering.
#include "ui/packet/PacketModel.h"

namespace mltrl::packet {

/// Fills manifestBytes, sums, the trust texts, changes/lastReview and annotatedLines of `m`
/// (whose revision, reviews and annotations are already loaded). Problems only warn: a
/// packet without its change list is still a packet.
void collectAuditParts(Store &store, const PacketRequest &request, PacketModel &m, Problems &problems);

/// Line `line` (1-based) of the file at `path`, cut to `maxChars` characters (with "…");
/// reads at most `maxBytes` of the file. nullopt when the file is shorter or unreadable.
[[nodiscard]] std::optional<std::string> textLineOf(const std::filesystem::path &path, int line,
                                                    std::size_t maxChars = kQuotedLineChars,
                                                    std::uintmax_t maxBytes = 64ull << 20);

} // namespace mltrl::packet
