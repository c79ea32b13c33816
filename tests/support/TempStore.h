#pragma once
/// Test fixtures for the store: a fresh store in a temporary folder, a copy of the example
/// archive (directory form) to edit, and a snapshot of everything an import may change.
#include "core/store/Store.h"

#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace mltrl::test {

class TempStore {
public:
    TempStore();
    [[nodiscard]] Store &store() { return *m_store; }
    [[nodiscard]] std::filesystem::path dir() const { return m_dir.path().toStdString(); }
    /// Revisions, blob rows and every file under blobs/ and tmp/: equal snapshots mean
    /// nothing changed.
    [[nodiscard]] std::string snapshot();
    void reopen();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
};

/// A writable copy of tests/data/example-min in a temporary folder.
class ExampleCopy {
public:
    ExampleCopy();
    [[nodiscard]] std::filesystem::path dir() const { return m_dir.path().toStdString(); }
    [[nodiscard]] nlohmann::json manifest() const;
    void setManifest(const nlohmann::json &manifest);
    void writeFile(const std::string &relative, const std::string &bytes);
    void removeFile(const std::string &relative);

private:
    QTemporaryDir m_dir;
};

} // namespace mltrl::test
