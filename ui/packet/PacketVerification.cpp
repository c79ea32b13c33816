// The verification appendix and the packet's attachments. Everything an auditor must type is
// set with PageFlow::codeLine — one line, never wrapped, shrunk to fit — so copying a command
// out of the PDF gives a working command. The SHA256SUMS list is printed in sha256sum's own
// format inside a here-document, so the whole block pastes into a shell as one command.
#include "ui/packet/PacketSections.h"

#include "core/crypto/Sha256.h"
#include "core/review/ReviewRecord.h"

#include <map>
#include <set>

namespace mltrl::packet {

std::string reviewAttachmentName(const std::string &reviewId, bool signature)
{
    return reviewId + (signature ? ".json.sig" : ".json");
}

std::string allowedSignersLine(const std::string &email, const std::string &publicKey)
{
    return email + " namespaces=\"" + std::string(kReviewNamespace) + "\" " + publicKey;
}

namespace {

const QColor kCode(0x1a, 0x2a, 0x44);
constexpr std::size_t kOnePageOfSums = 70; ///< checksum lines that fit on one page with the text above
const QColor kNote(0x44, 0x44, 0x44);

QString exportName(const PacketModel &m)
{
    return QStringLiteral("%1-r%2").arg(qs(m.revision.overview.id)).arg(m.revision.overview.revision);
}

/// Prints `lines` as one here-document block kept on one page when it fits.
void codeBlock(PageFlow &f, const PacketFonts &fonts, const QStringList &lines)
{
    f.ensure(lines.size() * (f.textHeight(QStringLiteral("X"), fonts.monoSmall, 100) + 1) + 4);
    for (const QString &line : lines)
        f.codeLine(line, fonts.monoSmall, kCode, 6);
    f.space(4);
}

/// Each signer of the packet's reviews once: (email, public key) in signing order.
std::vector<std::pair<std::string, std::string>> signersOf(const PacketModel &m)
{
    std::vector<std::pair<std::string, std::string>> out;
    std::set<std::pair<std::string, std::string>> seen;
    for (const ReviewCheck &c : m.checks)
        if (c.record && !c.record->reviewer.publicKey.empty()) {
            auto key = std::pair(c.record->reviewer.email, c.record->reviewer.publicKey);
            if (seen.insert(key).second)
                out.push_back(key);
        }
    return out;
}

} // namespace

void verificationSection(PageFlow &f, const PacketModel &m, const PacketFonts &fonts)
{
    const RevisionOverview &o = m.revision.overview;
    const QString name = exportName(m);
    f.pageBreak();
    f.heading(QStringLiteral("Verification"));
    f.paragraph(
        QStringLiteral("Two independent checks, with stock tools, on the archive of this revision. Every command "
                       "below is printed on one line (never wrapped): copy it as it is. First export and unpack "
                       "the revision, in an empty folder:"),
        fonts.body);
    codeBlock(f, fonts,
              {QStringLiteral("mltrl export %1 --revision %2 -o %3.mltrl").arg(qs(o.id)).arg(o.revision).arg(name),
               QStringLiteral("mkdir %1 && cd %1 && unzip -q ../%1.mltrl").arg(name)});

    f.subheading(QStringLiteral("1. The evidence check (sha256sum)"));
    f.paragraph(
        QStringLiteral("SHA-256 of every file of that export — the manifest, every evidence and metric file, and "
                       "the review records and signatures stored with revision %1 — in sha256sum's own format "
                       "(also attached to this PDF as SHA256SUMS). Paste the whole block, from \"sha256sum\" to "
                       "\"EOF\", into a shell in the unpacked folder; every line must say OK:")
            .arg(o.revision),
        fonts.body);
    if (m.sums.size() > kOnePageOfSums)
        f.paragraph(QStringLiteral("The list runs over several pages, and copying it would take the page headers and "
                                   "footers along: use the attached SHA256SUMS (below) instead."),
                    fonts.bold);
    QStringList block{QStringLiteral("sha256sum -c <<'EOF'")};
    for (const ListedFile &file : m.sums)
        block << qs(file.sha256 + "  " + file.path);
    block << QStringLiteral("EOF");
    codeBlock(f, fonts, block);
    f.paragraph(QStringLiteral("Or, with the attached list: qpdf --show-attachment=SHA256SUMS PACKET.pdf > SHA256SUMS, "
                               "then sha256sum -c SHA256SUMS."),
                fonts.small, kNote);
    f.paragraph(
        QStringLiteral("What it proves: the files are byte for byte those this packet describes and its reviews "
                       "bind (a review binds the manifest and every evidence and metric hash). What it does not "
                       "prove: who reviewed them, or that the list itself is genuine — compare the manifest "
                       "SHA-256 on the cover with the one the reviews bind (\"mltrl verify\" does)."),
        fonts.small, kNote);

    std::vector<TableRow> others;
    for (const StoredReview &r : m.reviews)
        if (r.revisionId != o.revisionId)
            for (const bool sig : {false, true})
                others.push_back(
                    {{qs("reviews/" + reviewAttachmentName(r.id, sig)), &fonts.monoSmall, Qt::transparent, 1, true},
                     {QString::number(r.revisionNumber), &fonts.small},
                     {qs(sha256Hex(sig ? r.signature : r.record)), &fonts.monoSmall, Qt::transparent, 1, true}});
    if (!others.empty()) {
        f.paragraph(QStringLiteral("Review records and signatures stored with other revisions (in the export of that "
                                   "revision):"),
                    fonts.body);
        f.table({0.34, 0.08, 0.58},
                {{QStringLiteral("record")}, {QStringLiteral("revision")}, {QStringLiteral("SHA-256")}}, others);
    }

    f.subheading(QStringLiteral("2. The signature check (ssh-keygen)"));
    f.paragraph(
        QStringLiteral("The public keys the reviews were signed with, as allowed_signers lines. Check each key "
                       "against your own list of trusted reviewers (a key is only as trustworthy as the way you "
                       "got it: this PDF is not that way). To use them as they are, paste in the unpacked folder:"),
        fonts.body);
    const auto signers = signersOf(m);
    if (signers.empty()) {
        f.paragraph(QStringLiteral("(no signed review in this packet: nothing to check)"), fonts.body);
    } else {
        QStringList keys{QStringLiteral("cat > allowed_signers <<'EOF'")};
        for (const auto &[email, key] : signers)
            keys << qs(allowedSignersLine(email, key));
        keys << QStringLiteral("EOF");
        codeBlock(f, fonts, keys);
        f.paragraph(QStringLiteral("Then, for each review, in the same folder (\"Good signature\" expected):"),
                    fonts.body);
    }
    for (const StoredReview &r : m.reviews) {
        f.ensure(40);
        f.paragraph(reviewTag(r) + QStringLiteral(" of ") + qs(r.gateId) +
                        (r.revisionId == o.revisionId
                             ? QString()
                             : QStringLiteral(" — stored with revision %1: run it in the folder of mltrl export %2 "
                                              "--revision %1")
                                   .arg(r.revisionNumber)
                                   .arg(qs(o.id))),
                    fonts.small);
        f.codeLine(qs(verifyCommand(r.reviewerEmail, r.id)), fonts.monoSmall, kCode, 6);
        f.space(2);
    }
    f.paragraph(
        QStringLiteral("What it proves: the holder of that key signed exactly that review record — its verdicts, "
                       "decision and the hashes it binds. What it does not prove: that the evidence is "
                       "unchanged. ssh-keygen says \"Good signature\" on an archive whose evidence was altered; "
                       "only the sha256sum check over the printed list (check 1) shows that. Nor does it say "
                       "which role the signer holds: that is your reviewer_roles file (G4)."),
        fonts.small, kNote);

    f.subheading(QStringLiteral("3. Both at once, and this PDF itself"));
    f.paragraph(QStringLiteral("mltrl verifies the archive (hashes and signatures) and this packet (its attachments "
                               "against the hashes printed here):"),
                fonts.body);
    codeBlock(f, fonts,
              {QStringLiteral("mltrl verify ../%1.mltrl --allowed-signers allowed_signers").arg(name),
               QStringLiteral("mltrl verify PACKET.pdf --allowed-signers allowed_signers")});

    f.subheading(QStringLiteral("Attached files"));
    std::vector<TableRow> rows;
    for (const PdfAttachment &a : packetAttachments(m))
        rows.push_back({{qs(a.name), &fonts.monoSmall, Qt::transparent, 1, true}, {qs(a.description), &fonts.small}});
    f.table({0.42, 0.58}, {{QStringLiteral("attachment")}, {QStringLiteral("what it is")}}, rows);
    f.paragraph(QStringLiteral("List them with qpdf --list-attachments PACKET.pdf or pdfdetach -list PACKET.pdf; save "
                               "them all with pdfdetach -saveall PACKET.pdf."),
                fonts.small, kNote);
}

std::vector<PdfAttachment> packetAttachments(const PacketModel &m)
{
    std::vector<PdfAttachment> out;
    out.push_back(
        {"mltrl.json",
         "the manifest of revision " + std::to_string(m.revision.overview.revision) + " (SHA-256 on the cover)",
         "application/json", m.manifestBytes});
    out.push_back({"SHA256SUMS", "the SHA-256 list printed in the verification appendix (sha256sum -c)", "text/plain",
                   m.sumsText()});
    for (const StoredReview &r : m.reviews) {
        out.push_back({reviewAttachmentName(r.id, false), "reviews/" + r.id + ".json: the signed review record",
                       "application/json", r.record});
        out.push_back({reviewAttachmentName(r.id, true), "reviews/" + r.id + ".json.sig: its SSHSIG signature",
                       "text/plain", r.signature});
    }
    if (!m.signersText.empty())
        out.push_back({"allowed_signers",
                       "the allowed signers the packet was made with" +
                           (m.signersSource.empty() ? std::string() : " (" + m.signersSource + ")"),
                       "text/plain", m.signersText});
    if (!m.rolesText.empty())
        out.push_back({"reviewer_roles",
                       "the reviewer roles the packet was made with" +
                           (m.rolesSource.empty() ? std::string() : " (" + m.rolesSource + ")"),
                       "text/plain", m.rolesText});
    return out;
}

} // namespace mltrl::packet
