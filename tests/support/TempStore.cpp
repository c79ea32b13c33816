#include "TempStore.h"

#include "TestData.h"

#include <QtTest>

#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace mltrl::test {

TempStore::TempStore()
{
    reopen();
}

void TempStore::reopen()
{
    m_store.reset();
    Problems problems;
    m_store = Store::open(dir() / "store", problems);
    if (!m_store)
        qFatal("cannot open a test store: %s", problems.items().front().toString().c_str());
}

std::string TempStore::snapshot()
{
    std::ostringstream out;
    auto st = m_store->db().prepare("SELECT project_id, number, fingerprint FROM revisions ORDER BY 1, 2");
    while (st.step())
        out << st.text(0) << ' ' << st.integer(1) << ' ' << st.text(2) << '\n';
    out << "blobs " << m_store->db().queryInt("SELECT COUNT(*) FROM blobs") << '\n';
    std::set<std::string> files;
    for (const char *sub : {"blobs", "tmp"}) {
        std::error_code ec;
        for (const auto &e : fs::recursive_directory_iterator(m_store->dir() / sub, ec))
            if (e.is_regular_file())
                files.insert(fs::relative(e.path(), m_store->dir()).string());
    }
    for (const auto &f : files)
        out << f << '\n';
    return out.str();
}

ExampleCopy::ExampleCopy()
{
    const fs::path from = dataPath(QStringLiteral("example-min")).toStdString();
    fs::copy(from, dir(), fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    for (const auto &e : fs::recursive_directory_iterator(dir()))
        fs::permissions(e.path(), fs::perms::owner_write, fs::perm_options::add);
}

nlohmann::json ExampleCopy::manifest() const
{
    std::ifstream in(dir() / "mltrl.json");
    return nlohmann::json::parse(in);
}

void ExampleCopy::setManifest(const nlohmann::json &manifest)
{
    writeFile("mltrl.json", manifest.dump(1));
}

void ExampleCopy::writeFile(const std::string &relative, const std::string &bytes)
{
    const fs::path p = dir() / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

void ExampleCopy::removeFile(const std::string &relative)
{
    fs::remove(dir() / relative);
}

} // namespace mltrl::test
