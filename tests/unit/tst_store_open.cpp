// Opening the store: several openers of a new store at once (creation and migration under the
// store lock), the immutable read-only mode a store this process may not write is read in, and
// the light second connection of a worker (Store::connect).
#include "core/sqlite/Database.h"
#include "core/store/Schema.h"
#include "core/store/Store.h"

#include <QtTest>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace mltrl;
namespace fs = std::filesystem;

class TestStoreOpen : public QObject {
    Q_OBJECT
private slots:
    void concurrentFirstOpen_data()
    {
        QTest::addColumn<int>("openers");
        QTest::newRow("2") << 2;
        QTest::newRow("3") << 3;
        QTest::newRow("8") << 8;
    }
    // Each opener has its own connection and its own descriptor of the lock file, as separate
    // processes do; before the fix the losers re-ran migration 1 and saw "damaged".
    void concurrentFirstOpen()
    {
        QFETCH(int, openers);
        for (int round = 0; round < 5; ++round) {
            QTemporaryDir tmp;
            const fs::path dir = fs::path(tmp.path().toStdString()) / "store";
            std::atomic<int> ready{0};
            std::vector<std::string> failures(static_cast<std::size_t>(openers));
            std::vector<std::thread> threads;
            for (int i = 0; i < openers; ++i) {
                threads.emplace_back([&, i] {
                    ++ready;
                    while (ready < openers) // start together
                        std::this_thread::yield();
                    Problems problems;
                    const auto store = Store::open(dir, problems);
                    if (!store || problems.hasErrors())
                        failures[static_cast<std::size_t>(i)] =
                            problems.empty() ? "no store" : problems.items().front().toString();
                    else if (store->db().queryInt("PRAGMA user_version") != schema::currentVersion())
                        failures[static_cast<std::size_t>(i)] = "not migrated";
                });
            }
            for (auto &t : threads)
                t.join();
            for (const std::string &f : failures)
                QVERIFY2(f.empty(), f.c_str());
            sql::Database db((dir / "store.sqlite").string());
            QCOMPARE(db.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'projects'"), std::int64_t(1));
            QCOMPARE(db.queryInt("PRAGMA page_size"), std::int64_t(65536));
        }
    }

    // A WAL store read without the right to write beside it: immutable mode reads it, a write
    // fails as "read-only" (which the CLI turns into a plain message), never as damage.
    void immutableReadsAndRefusesWrites()
    {
        QTemporaryDir tmp;
        const fs::path dir = fs::path(tmp.path().toStdString()) / "store with ? and # and %";
        {
            Problems problems;
            const auto store = Store::open(dir, problems);
            QVERIFY(store);
            QVERIFY(!store->readOnly());
            store->db().exec("INSERT INTO projects (id, created_at) VALUES ('p', '2026-01-01T00:00:00Z')");
        }
        sql::Database db((dir / "store.sqlite").string(), sql::Database::Mode::Immutable);
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM projects"), std::int64_t(1));
        QCOMPARE(db.queryInt("PRAGMA user_version"), std::int64_t(schema::currentVersion()));
        try {
            db.exec("INSERT INTO projects (id, created_at) VALUES ('q', '2026-01-01T00:00:00Z')");
            QFAIL("an immutable database took a write");
        } catch (const sql::SqliteError &e) {
            QVERIFY2(e.isReadOnly(), e.what());
        }
        // Nothing was created beside it (a read-only folder could not take a -shm file).
        QVERIFY(!fs::exists(dir / "store.sqlite-shm"));
    }

    void aFolderThatCannotHoldAStore()
    {
        QTemporaryDir tmp;
        const fs::path file = fs::path(tmp.path().toStdString()) / "plain-file";
        std::ofstream(file) << "x";
        Problems problems;
        QVERIFY(!Store::open(file / "store", problems));
        QVERIFY(problems.hasErrors());
        QVERIFY(problems.items().front().what.find("damaged") == std::string::npos);
    }

    // A worker's connection (Store::connect) creates, migrates and collects nothing: a missing
    // store stays missing, an older one is refused unchanged, and a Read connection refuses writes.
    void connectIsLight()
    {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        Problems problems;
        QVERIFY(!Store::connect(root / "none", Store::Access::ReadWrite, problems));
        QVERIFY(problems.items().front().what.find("gone") != std::string::npos);
        QVERIFY(!fs::exists(root / "none" / "store.sqlite"));

        const fs::path old = root / "old";
        fs::create_directories(old);
        {
            sql::Database db((old / "store.sqlite").string());
            db.exec(schema::migrations()[0]);
            db.exec("PRAGMA user_version=1");
        }
        problems = {};
        QVERIFY(!Store::connect(old, Store::Access::ReadWrite, problems));
        QVERIFY2(problems.items().front().what.find("schema version 1") != std::string::npos,
                 problems.items().front().what.c_str());
        QVERIFY(!fs::exists(old / "store.sqlite.v1.bak")); // no migration began
        QCOMPARE(sql::Database((old / "store.sqlite").string()).queryInt("PRAGMA user_version"), std::int64_t(1));

        const fs::path dir = root / "store";
        problems = {};
        const auto first = Store::open(dir, problems);
        QVERIFY(first);
        const auto reader = Store::connect(dir, Store::Access::Read, problems);
        QVERIFY(reader);
        QVERIFY(reader->readOnly());
        try {
            reader->db().exec("INSERT INTO projects (id, created_at) VALUES ('p', '2026-01-01T00:00:00Z')");
            QFAIL("a Read connection took a write");
        } catch (const sql::SqliteError &e) {
            QVERIFY2(e.isReadOnly(), e.what());
        }
        const auto writer = Store::connect(dir, Store::Access::ReadWrite, problems);
        QVERIFY(writer);
        QVERIFY(!writer->readOnly());
        writer->db().exec("INSERT INTO projects (id, created_at) VALUES ('p', '2026-01-01T00:00:00Z')");
        QCOMPARE(reader->db().queryInt("SELECT COUNT(*) FROM projects"), std::int64_t(1));
        QCOMPARE(first->db().queryInt("SELECT COUNT(*) FROM projects"), std::int64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestStoreOpen)
#include "tst_store_open.moc"
