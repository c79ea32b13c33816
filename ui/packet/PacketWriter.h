#pragma once
/// Renders a review packet (PacketModel) to PDF bytes: cover, summary, changes since the last
/// signed review, figures, the MLTRL card, requirements, criteria with the verdict of every
/// review in effect, traceability, annotations with evidence crops, the review history, the
/// evidence index, the signatures and the verification appendix; with attachments. Safe to call off the GUI thread
/// (QPdfWriter on a buffer).
#include "core/common/Cancel.h"
#include "core/common/Problems.h"
#include "ui/packet/PacketModel.h"

#include <QByteArray>

#include <functional>
#include <optional>

namespace mltrl::packet {

enum class PaperSize { A4, Letter };

struct RenderOptions {
    PaperSize paper = PaperSize::A4;
    bool pdfA1b = true; ///< ask QPdfWriter for PDF/A-1b (see docs/packet.md)
    /// Attach the review records, signatures, manifest, SHA256SUMS and trust files (libqpdf,
    /// after QPdfWriter). PDF/A-1 forbids embedded files, so an attached packet is not
    /// declared PDF/A-1b whatever `pdfA1b` says.
    bool attachments = true;
};

struct RenderedPacket {
    QByteArray pdf;
    int pages = 0;
};

/// Called with the page just finished and the page count; from the rendering thread.
using PageProgressFn = std::function<void(int page, int pages)>;

/// The packet as PDF bytes; nullopt (with a problem) when cancelled.
[[nodiscard]] std::optional<RenderedPacket> renderPacket(const PacketModel &model, const RenderOptions &options,
                                                         Problems &problems, const CancelToken *cancel = nullptr,
                                                         const PageProgressFn &progress = {});

/// "valid", "unknown signer", "stale" or "invalid" — the words the packet uses.
[[nodiscard]] QString statusWords(ReviewStatus status);

/// Parses "A4" / "Letter" (case-insensitive); nullopt otherwise.
[[nodiscard]] std::optional<PaperSize> paperSizeFrom(std::string_view text);

} // namespace mltrl::packet
