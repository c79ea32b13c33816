#pragma once
/// The packet's audit sections, each a function over the page flow, the collected model and
/// the fonts (PacketWriter composes them), and the words they share with the main sections.
#include "core/common/QtText.h"
#include "ui/packet/PacketModel.h"
#include "ui/packet/PageFlow.h"
#include "ui/packet/PdfAttachments.h"

#include <QString>

#include <vector>

namespace mltrl::packet {

/// A number rounded for reading: five significant digits (0.9967873831775 → "0.99679"),
/// integers and large values without a fraction; the exact value is in the criteria table.
[[nodiscard]] QString readableNumber(double value);

/// "review 4f7c1a2b (hold, 2026-11-21T14:02:11Z)": a review named by id prefix, outcome, time.
[[nodiscard]] QString reviewTag(const StoredReview &review);

/// "superseded by <id>, <signer>, <time>" (G3).
[[nodiscard]] QString supersededWords(const StoredReview &by);

/// The gate status line: describe() and, for G7, "passed without a signed review in this store".
[[nodiscard]] QString gateStatusLine(const PacketModel &m, const std::string &gateId);

/// The index (into m.reviews) of each review in effect, signing order.
[[nodiscard]] std::vector<std::size_t> reviewsInEffect(const PacketModel &m);

/// Reviews that a later review by the same key replaced (G3), each marked with its successor.
void reviewHistorySection(PageFlow &f, const PacketModel &m, const PacketFonts &fonts);

/// "Changes since the last signed review" (only when m.changes is set).
void changesSection(PageFlow &f, const PacketModel &m, const PacketFonts &fonts);

/// Requirement ↔ criterion ↔ evidence ↔ verdict, with what is missing flagged.
void traceabilitySection(PageFlow &f, const PacketModel &m, const PacketFonts &fonts);

/// The verification appendix: hashes, allowed_signers lines, the commands and what they prove.
void verificationSection(PageFlow &f, const PacketModel &m, const PacketFonts &fonts);

/// The files attached to the packet: review records and signatures, mltrl.json, SHA256SUMS,
/// and the allowed_signers / reviewer_roles used.
[[nodiscard]] std::vector<PdfAttachment> packetAttachments(const PacketModel &m);

/// Attachment name of a review record file: "ID.json" / "ID.json.sig" (archive path
/// reviews/ID.json; PDF attachment names carry no folder, so pdfdetach can save them).
[[nodiscard]] std::string reviewAttachmentName(const std::string &reviewId, bool signature);

/// The allowed_signers line of a signer: `email namespaces="mltrl-gate-review" KEY`.
[[nodiscard]] std::string allowedSignersLine(const std::string &email, const std::string &publicKey);

} // namespace mltrl::packet
