#pragma once
/// GUI test fixture: a temporary store holding an imported archive (the bundled example or a
/// test-made copy of example-min), loaded into a ProjectContext.
#include "TempStore.h"
#include "TestData.h"

#include "core/import/Importer.h"
#include "core/store/RevisionData.h"
#include "ui/session/ProjectContext.h"

#include <QtTest>

#include <memory>

namespace mltrl::test {

/// examples/cxr-triage.mltrl of this source tree (tests/data is two levels below the root).
inline std::filesystem::path exampleArchive()
{
    return (dataPath(QStringLiteral("../../examples/cxr-triage.mltrl"))).toStdString();
}

class LoadedProject {
public:
    explicit LoadedProject(const std::filesystem::path &archive = exampleArchive())
    {
        Problems problems;
        const ImportResult r = importArchive(m_store.store(), archive, problems);
        if (!r.ok())
            qFatal("import failed: %s", problems.items().empty() ? "?" : problems.items().front().toString().c_str());
        projectId = r.projectId;
        auto revision = loadRevision(m_store.store(), projectId, std::nullopt, problems);
        if (!revision)
            qFatal("loadRevision failed");
        context = std::make_unique<ui::ProjectContext>(&m_store.store());
        context->setRevision(std::make_shared<const RevisionData>(std::move(*revision)));
    }
    /// Imports another archive into the same store and shows its latest revision.
    void importAnother(const std::filesystem::path &archive)
    {
        Problems problems;
        const ImportResult r = importArchive(m_store.store(), archive, problems);
        if (!r.ok())
            qFatal("import failed: %s", problems.items().empty() ? "?" : problems.items().front().toString().c_str());
        auto revision = loadRevision(m_store.store(), r.projectId, std::nullopt, problems);
        context->setRevision(std::make_shared<const RevisionData>(std::move(*revision)));
    }
    [[nodiscard]] Store &store() { return m_store.store(); }
    [[nodiscard]] const RevisionData &revision() const { return *context->revision(); }

    std::string projectId;
    std::unique_ptr<ui::ProjectContext> context;

private:
    TempStore m_store;
};

} // namespace mltrl::test
