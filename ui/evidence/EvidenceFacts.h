#pragma once
/// The facts of one evidence file as the Inspector shows them: id, title, kind, level, media
/// type, file, size, full SHA-256, created — and links to the criteria, requirements and cards
/// that cite it (hrefs for ProjectContext::navigate).
#include "ui/evidence/EvidenceSource.h"

#include <QList>
#include <QPair>
#include <QStringList>

namespace mltrl {
struct Manifest;
}

namespace mltrl::ui {

struct EvidenceFacts {
    QString title;
    QList<QPair<QString, QString>> facts; ///< (label, value)
    QList<QPair<QString, QString>> links; ///< (text, href)

    [[nodiscard]] static EvidenceFacts of(const EvidenceSource &source, const Manifest &manifest);
    /// The value of fact `label`, or a null string.
    [[nodiscard]] QString fact(const QString &label) const;
    /// The link targets, e.g. "criterion:gate-5/auroc", "requirement:R1", "card:5/".
    [[nodiscard]] QStringList hrefs() const;
};

} // namespace mltrl::ui
