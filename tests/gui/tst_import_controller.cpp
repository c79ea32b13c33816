// The import controller: imports off the UI thread, cancels without changing the store, and
// lists every problem of a rejected archive as its own row.
#include "GuiTestUtil.h"
#include "TempStore.h"
#include "ui/shell/ImportController.h"
#include "ui/shell/ImportProblemsDialog.h"
#include "ui/shell/ProblemsModel.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QGuiApplication>
#include <QProgressDialog>
#include <QSignalSpy>
#include <QTreeView>
#include <QtTest>

#include <algorithm>

using namespace mltrl;
using namespace mltrl::ui;

class TestImportController : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::useTestSettings(); }

    void importsTheExample()
    {
        test::TempStore store;
        ImportController controller(store.store().dir(), nullptr);
        QSignalSpy imported(&controller, &ImportController::imported);
        QSignalSpy finished(&controller, &ImportController::finished);
        QVERIFY(controller.start(test::examplePath()));
        QVERIFY(controller.isBusy());
        QVERIFY(!controller.start(test::examplePath())); // one import at a time
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(finished.at(0).at(0).toInt(), static_cast<int>(ImportResult::Outcome::Imported));
        QCOMPARE(imported.size(), 1);
        QCOMPARE(imported.at(0).at(0).toString(), QStringLiteral("cxr-triage"));
        QCOMPARE(imported.at(0).at(1).toInt(), 1);
        QVERIFY(!controller.isBusy());
        QVERIFY(controller.problemsDialog() == nullptr);
        // The UI thread's own connection sees what the worker's connection wrote.
        QCOMPARE(store.store().db().queryInt("SELECT COUNT(*) FROM revisions"), 1);
    }

    void cancelLeavesStoreUnchanged()
    {
        test::TempStore store;
        const std::string before = store.snapshot();
        ImportController controller(store.store().dir(), nullptr);
        QSignalSpy finished(&controller, &ImportController::finished);
        QSignalSpy imported(&controller, &ImportController::imported);
        QVERIFY(controller.start(test::examplePath()));
        controller.cancel(); // what the progress dialog's Cancel button does
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(finished.at(0).at(0).toInt(), static_cast<int>(ImportResult::Outcome::Cancelled));
        QCOMPARE(imported.size(), 0);
        QCOMPARE(store.snapshot(), before);
    }

    void progressDialogCancelButtonCancels()
    {
        test::TempStore store;
        const std::string before = store.snapshot();
        ImportController controller(store.store().dir(), nullptr);
        QSignalSpy finished(&controller, &ImportController::finished);
        QVERIFY(controller.start(test::examplePath()));
        QVERIFY(controller.progressDialog() != nullptr);
        emit controller.progressDialog()->canceled();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(finished.at(0).at(0).toInt(), static_cast<int>(ImportResult::Outcome::Cancelled));
        QCOMPARE(store.snapshot(), before);
    }

    void problemsOfBadArchiveAreRows()
    {
        test::TempStore store;
        test::ExampleCopy copy;
        nlohmann::json m = copy.manifest();
        m["project"].erase("id");
        m["project"]["current_level"] = 12;
        m["components"][0]["level"] = "five";
        m["history"][1]["kind"] = "sideways";
        copy.setManifest(m);
        const std::string before = store.snapshot();

        QWidget parent;
        ImportController controller(store.store().dir(), &parent);
        QSignalSpy finished(&controller, &ImportController::finished);
        QVERIFY(controller.start(QString::fromStdString(copy.dir().string())));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(finished.at(0).at(0).toInt(), static_cast<int>(ImportResult::Outcome::Rejected));
        QCOMPARE(store.snapshot(), before);

        const Problems &problems = controller.lastProblems();
        QVERIFY2(problems.errorCount() >= 4, qPrintable(QString::number(problems.errorCount())));
        ImportProblemsDialog *dialog = controller.problemsDialog();
        QVERIFY(dialog != nullptr);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->objectName(), QStringLiteral("importProblemsDialog"));
        QAbstractItemModel *shown = dialog->view()->model();
        QCOMPARE(shown->rowCount(), static_cast<int>(problems.items().size()));
        for (int row = 0; row < shown->rowCount(); ++row) {
            const Problem &p = problems.items()[static_cast<std::size_t>(row)];
            QCOMPARE(shown->index(row, ProblemsModel::WhereColumn).data().toString(), QString::fromStdString(p.where));
            QCOMPARE(shown->index(row, ProblemsModel::WhatColumn).data().toString(), QString::fromStdString(p.what));
            QVERIFY(!shown->index(row, ProblemsModel::SeverityColumn).data(Qt::DecorationRole).isNull());
        }
        // Each broken field is named by its own row.
        QStringList wheres;
        for (int row = 0; row < shown->rowCount(); ++row)
            wheres << shown->index(row, ProblemsModel::WhereColumn).data().toString();
        for (const QString &expected : {QStringLiteral("/project/current_level"), QStringLiteral("/components/0/level"),
                                        QStringLiteral("/history/1/kind")}) {
            QVERIFY2(std::any_of(wheres.begin(), wheres.end(), [&](const QString &w) { return w.endsWith(expected); }),
                     qPrintable(expected + QStringLiteral(" not in ") + wheres.join(QStringLiteral(" | "))));
        }

        // Copyable: one tab-separated line per problem.
        dialog->view()->clearSelection();
        dialog->copyToClipboard();
        const QStringList lines = QGuiApplication::clipboard()->text().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), shown->rowCount());
        QVERIFY(lines.first().startsWith(QStringLiteral("Error\t")));
    }

    void problemsModelPassesTester()
    {
        ProblemsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setProblems({{Severity::Error, "mltrl.json#/a", "bad"}, {Severity::Warning, "", "odd"}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, ProblemsModel::SeverityColumn).data().toString(), QStringLiteral("Warning"));
        model.setProblems({});
        QCOMPARE(model.rowCount(), 0);
    }

    void storedWarningsSplit_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");
        QTest::newRow("pointer") << QStringLiteral("mltrl.json#/gates/0: unknown key")
                                 << QStringLiteral("mltrl.json#/gates/0") << QStringLiteral("unknown key");
        QTest::newRow("file:line") << QStringLiteral("metrics/a.csv:3:1: NaN skipped")
                                   << QStringLiteral("metrics/a.csv:3:1") << QStringLiteral("NaN skipped");
        QTest::newRow("no location") << QStringLiteral("history goes up: fine") << QString()
                                     << QStringLiteral("history goes up: fine");
        QTest::newRow("no colon") << QStringLiteral("plain words") << QString() << QStringLiteral("plain words");
    }

    void storedWarningsSplit()
    {
        QFETCH(QString, stored);
        QFETCH(QString, where);
        QFETCH(QString, what);
        const auto problems = ProblemsModel::fromStoredWarnings({stored.toStdString()});
        QCOMPARE(problems.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(problems[0].where), where);
        QCOMPARE(QString::fromStdString(problems[0].what), what);
        QCOMPARE(problems[0].severity, Severity::Warning);
    }
};

QTEST_MAIN(TestImportController)
#include "tst_import_controller.moc"
