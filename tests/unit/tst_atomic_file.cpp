#include "core/common/AtomicFile.h"

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

using namespace mltrl;
namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeAll(const fs::path &p, const std::string &text)
{
    std::ofstream(p, std::ios::binary) << text;
}

/// Files in `dir` whose names mark them as AtomicFile temporaries.
int temporaries(const fs::path &dir)
{
    int n = 0;
    for (const auto &e : fs::directory_iterator(dir))
        n += e.path().filename().string().find(".tmp-") != std::string::npos ? 1 : 0;
    return n;
}

} // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_root = fs::path(m_dir->path().toStdString());
        writeAll(m_root / "victim", "precious");
    }

    // What is at the target before, whether a replacing / refusing write succeeds, and what the
    // target holds after. Whatever is there, the victim a link points at is never written.
    void targets_data()
    {
        QTest::addColumn<QString>("planted");
        QTest::addColumn<bool>("refuse");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<QString>("error");
        for (const bool refuse : {false, true}) {
            const char *mode = refuse ? "refuse" : "replace";
            QTest::addRow("%s: nothing", mode) << QStringLiteral("nothing") << refuse << true << QString();
            QTest::addRow("%s: a file", mode) << QStringLiteral("file") << refuse << !refuse
                                              << (refuse ? QStringLiteral("already exists") : QString());
            QTest::addRow("%s: a link to a file", mode)
                << QStringLiteral("link") << refuse << !refuse
                << (refuse ? QStringLiteral("already exists (a symbolic link)") : QString());
            QTest::addRow("%s: a dangling link", mode)
                << QStringLiteral("dangling") << refuse << !refuse
                << (refuse ? QStringLiteral("already exists (a symbolic link)") : QString());
            QTest::addRow("%s: a folder", mode)
                << QStringLiteral("folder") << refuse << false << QStringLiteral("is a folder");
        }
    }
    void targets()
    {
        QFETCH(QString, planted);
        QFETCH(bool, refuse);
        QFETCH(bool, succeeds);
        QFETCH(QString, error);
        const fs::path target = m_root / "out.bin";
        if (planted == QLatin1String("file"))
            writeAll(target, "old");
        else if (planted == QLatin1String("link"))
            fs::create_symlink(m_root / "victim", target);
        else if (planted == QLatin1String("dangling"))
            fs::create_symlink(m_root / "nowhere" / "x", target);
        else if (planted == QLatin1String("folder"))
            fs::create_directory(target);

        std::string why;
        const bool ok = writeFileAtomically(target, "new bytes", why,
                                            refuse ? AtomicFile::Existing::Refuse : AtomicFile::Existing::Replace);
        QCOMPARE(ok, succeeds);
        QCOMPARE(QString::fromStdString(why), error);
        QCOMPARE(readAll(m_root / "victim"), std::string("precious"));
        QVERIFY(!fs::exists(m_root / "nowhere"));
        if (succeeds) {
            QVERIFY(fs::is_regular_file(fs::symlink_status(target)));
            QCOMPARE(readAll(target), std::string("new bytes"));
        } else if (planted == QLatin1String("file")) {
            QCOMPARE(readAll(target), std::string("old"));
        }
        QCOMPARE(temporaries(m_root), 0);
    }

    void cancelLeavesTheTargetAlone()
    {
        const fs::path target = m_root / "out.bin";
        writeAll(target, "old");
        {
            AtomicFile file(target);
            QVERIFY(file.open());
            QVERIFY(file.write("half of it"));
            QCOMPARE(temporaries(m_root), 1);
        } // destroyed without commit
        QCOMPARE(readAll(target), std::string("old"));
        QCOMPARE(temporaries(m_root), 0);
    }

    void modeAndUmask()
    {
        const mode_t old = ::umask(022);
        std::string why;
        QVERIFY(writeFileAtomically(m_root / "public", "x", why));
        QVERIFY(writeFileAtomically(m_root / "secret", "x", why, AtomicFile::Existing::Refuse, 0600));
        ::umask(027);
        QVERIFY(writeFileAtomically(m_root / "masked", "x", why));
        ::umask(old);
        const auto perms = [&](const char *name) {
            return static_cast<int>(fs::status(m_root / name).permissions() & fs::perms::mask);
        };
        QCOMPARE(perms("public"), 0644);
        QCOMPARE(perms("secret"), 0600);
        QCOMPARE(perms("masked"), 0640);
    }

    void missingFolder()
    {
        std::string why;
        QVERIFY(!writeFileAtomically(m_root / "no" / "such" / "file", "x", why));
        QVERIFY2(why.find("cannot create a file in its folder") == 0, why.c_str());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    fs::path m_root;
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomic_file.moc"
