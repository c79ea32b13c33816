#pragma once
/// Shared by the evidence GUI tests: the bundled example imported into a temporary store and
/// loaded into a ProjectContext, as the workbench does after opening a project.
#include "TempStore.h"
#include "TestData.h"
#include "import/Importer.h"
#include "session/ProjectContext.h"
#include "store/RevisionData.h"

#include <QDir>
#include <QTest>

#include <memory>

namespace mltrl::test {

class EvidenceFixture {
public:
    EvidenceFixture()
    {
        const QString archive = QDir(dataPath()).filePath(QStringLiteral("../../examples/cxr-triage.mltrl"));
        Problems problems;
        const ImportResult result = importArchive(m_store.store(), archive.toStdString(), problems);
        if (!result.ok())
            qFatal("cannot import the example: %s",
                   problems.items().empty() ? "?" : problems.items().front().toString().c_str());
        auto revision = loadRevision(m_store.store(), result.projectId, std::nullopt, problems);
        if (!revision)
            qFatal("cannot load the example revision");
        m_context = std::make_unique<ui::ProjectContext>(&m_store.store());
        m_context->setRevision(std::make_shared<const RevisionData>(std::move(*revision)));
    }
    [[nodiscard]] ui::ProjectContext *context() { return m_context.get(); }
    [[nodiscard]] Store &store() { return m_store.store(); }
    [[nodiscard]] const RevisionData &revision() { return *m_context->revision(); }

private:
    TempStore m_store;
    std::unique_ptr<ui::ProjectContext> m_context;
};

/// Saves a screenshot when MLTRL_GRAB_DIR is set (for looking at the views by eye).
inline void saveGrab(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("MLTRL_GRAB_DIR");
    if (!dir.isEmpty())
        widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

/// True when the image has a reasonable share of pixels that are not (near) white.
inline bool hasInk(const QImage &image)
{
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    qint64 dark = 0;
    for (int y = 0; y < img.height(); y += 2)
        for (int x = 0; x < img.width(); x += 2)
            if (qGray(img.pixel(x, y)) < 160)
                ++dark;
    return dark > 50;
}

} // namespace mltrl::test
