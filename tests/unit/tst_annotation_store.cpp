// AnnotationStore editing API: edit, remove and restore (the store side of undo/redo), each
// one transaction with its audit entry, durable on return (a second connection sees it); an
// empty author refused, and the default author falling back to the passwd entry's name.
#include "TempStore.h"
#include "TestData.h"
#include "core/import/Importer.h"
#include "core/review/AnnotationStore.h"
#include "core/review/AuditLog.h"
#include "core/store/RevisionData.h"

#include <QTest>

#include <pwd.h>
#include <unistd.h>

using namespace mltrl;

namespace {

constexpr const char *kProject = "derm-triage";

std::int64_t importExample(test::TempStore &ts)
{
    Problems problems;
    const ImportResult r =
        importArchive(ts.store(), test::dataPath(QStringLiteral("example-min")).toStdString(), problems);
    if (!r.ok())
        return -1;
    const auto rev = loadRevision(ts.store(), kProject, std::nullopt, problems);
    return rev ? rev->overview.revisionId : -1;
}

Annotation addOne(test::TempStore &ts, std::int64_t revision)
{
    Problems problems;
    const auto a = AnnotationStore(ts.store().db())
                       .add(kProject, revision, {{"evidence", "ev-eval"}, {"page", 1}, {"rect", {72, 400, 200, 40}}},
                            "major", "Figure 3 misses the confidence band.", "tester", problems);
    if (!a)
        qFatal("add failed");
    return *a;
}

std::size_t auditCount(test::TempStore &ts)
{
    return AuditLog(ts.store().db()).entries(std::string(kProject)).size();
}

} // namespace

class TestAnnotationStore : public QObject {
    Q_OBJECT

private slots:
    void addRefusesAnEmptyAuthor_data()
    {
        QTest::addColumn<QString>("author");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("blank") << QStringLiteral("  \t") << false;
        QTest::newRow("name") << QStringLiteral("Rhea Search <rd@example.org>") << true;
    }

    void addRefusesAnEmptyAuthor()
    {
        QFETCH(QString, author);
        QFETCH(bool, accepted);
        test::TempStore ts;
        const auto revision = importExample(ts);
        QVERIFY(revision > 0);
        Problems problems;
        const auto a =
            AnnotationStore(ts.store().db())
                .add(kProject, revision, {{"project", true}}, "info", "A note.", author.toStdString(), problems);
        QCOMPARE(bool(a), accepted);
        if (!accepted) {
            QVERIFY(problems.hasErrors());
            QVERIFY(problems.items().front().toString().find("author") != std::string::npos);
        } else {
            QCOMPARE(a->author, author.toStdString());
            QCOMPARE(AnnotationStore(ts.store().db()).find(a->id)->author, author.toStdString());
        }
    }

    void authorFallsBackToThePasswdName()
    {
        // With no reviewer identity and no login name in the environment (a service, `env -i`):
        // the passwd entry's name, never "".
        const QByteArray user = qgetenv("USER"), logname = qgetenv("LOGNAME"), username = qgetenv("USERNAME");
        qunsetenv("USER");
        qunsetenv("LOGNAME");
        qunsetenv("USERNAME");
        const std::string fallback = annotationAuthor(nullptr);
        qputenv("LOGNAME", "from-logname");
        const std::string fromLogname = annotationAuthor(nullptr);
        qputenv("USER", "from-user");
        const std::string fromUser = annotationAuthor(nullptr);
        const ReviewerIdentity me{"Rhea Search", "rd@example.org", {}, {}};
        const std::string fromKey = annotationAuthor(&me);
        for (const auto &[name, value] :
             {std::pair("USER", user), std::pair("LOGNAME", logname), std::pair("USERNAME", username)})
            value.isNull() ? qunsetenv(name) : qputenv(name, value);
        const struct passwd *pw = getpwuid(getuid());
        QVERIFY(pw);
        QCOMPARE(fallback, std::string(pw->pw_name));
        QCOMPARE(fromLogname, std::string("from-logname"));
        QCOMPARE(fromUser, std::string("from-user"));
        QCOMPARE(fromKey, std::string("Rhea Search <rd@example.org>"));
    }

    void removeDeletesAndAudits()
    {
        test::TempStore ts;
        const auto revision = importExample(ts);
        QVERIFY(revision > 0);
        const Annotation a = addOne(ts, revision);
        const std::size_t entries = auditCount(ts);
        Problems problems;
        AnnotationStore store(ts.store().db());
        QVERIFY(store.remove(a.id, problems));
        QVERIFY(!store.find(a.id));
        QVERIFY(store.forRevision(revision).empty());
        QCOMPARE(auditCount(ts), entries + 1);
        const auto last = AuditLog(ts.store().db()).entries(std::string(kProject)).back();
        const auto details = nlohmann::json::parse(last.detailsJson);
        QCOMPARE(details.at("annotation").get<std::string>(), a.id);
        QCOMPARE(details.at("removed").get<bool>(), true);
        QVERIFY(!AuditLog(ts.store().db()).check());

        // A second removal names the missing annotation and writes nothing.
        QVERIFY(!store.remove(a.id, problems));
        QVERIFY(!problems.errors().empty());
        QCOMPARE(auditCount(ts), entries + 1);
    }

    void restorePutsBackTheSameAnnotation()
    {
        test::TempStore ts;
        const auto revision = importExample(ts);
        Annotation a = addOne(ts, revision);
        Problems problems;
        AnnotationStore store(ts.store().db());
        QVERIFY(store.setStatus(a.id, "resolved", problems));
        a = *store.find(a.id);
        QVERIFY(store.remove(a.id, problems));
        QVERIFY(store.restore(a, problems));
        const auto back = store.find(a.id);
        QVERIFY(back);
        QCOMPARE(back->created, a.created);
        QCOMPARE(back->status, std::string("resolved"));
        QVERIFY(back->target == a.target);
        QCOMPARE(back->text, a.text);
        QCOMPARE(back->author, a.author);
        QVERIFY(problems.empty());

        // The id is taken now: a second restore fails and leaves one row.
        QVERIFY(!store.restore(a, problems));
        QVERIFY(!problems.errors().empty());
        QCOMPARE(store.forRevision(revision).size(), std::size_t(1));
        QVERIFY(!AuditLog(ts.store().db()).check());
    }

    void restoreChecksWhatItStores_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("severity") << QStringLiteral("severity") << QStringLiteral("critical");
        QTest::newRow("status") << QStringLiteral("status") << QStringLiteral("done");
        QTest::newRow("empty text") << QStringLiteral("text") << QString();
        QTest::newRow("target") << QStringLiteral("target") << QStringLiteral("{\"evidence\":\"e\",\"metric\":\"m\"}");
    }

    void restoreChecksWhatItStores()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        test::TempStore ts;
        const auto revision = importExample(ts);
        Annotation a = addOne(ts, revision);
        Problems problems;
        AnnotationStore store(ts.store().db());
        QVERIFY(store.remove(a.id, problems));
        if (field == QLatin1String("severity"))
            a.severity = value.toStdString();
        else if (field == QLatin1String("status"))
            a.status = value.toStdString();
        else if (field == QLatin1String("text"))
            a.text = value.toStdString();
        else
            a.target = nlohmann::json::parse(value.toStdString());
        const std::size_t entries = auditCount(ts);
        QVERIFY(!store.restore(a, problems));
        QVERIFY(!problems.errors().empty());
        QVERIFY(!store.find(a.id));
        QCOMPARE(auditCount(ts), entries);
    }

    void editChangesSeverityAndText()
    {
        test::TempStore ts;
        const auto revision = importExample(ts);
        const Annotation a = addOne(ts, revision);
        const std::size_t entries = auditCount(ts);
        Problems problems;
        AnnotationStore store(ts.store().db());
        QVERIFY(store.edit(a.id, "blocker", "Figure 3 is wrong.", problems));
        const auto edited = store.find(a.id);
        QCOMPARE(edited->severity, std::string("blocker"));
        QCOMPARE(edited->text, std::string("Figure 3 is wrong."));
        QVERIFY(edited->target == a.target);
        QCOMPARE(edited->status, std::string("open"));
        QCOMPARE(edited->created, a.created);
        QCOMPARE(auditCount(ts), entries + 1);
        QVERIFY(!AuditLog(ts.store().db()).check());
    }

    void editRejects_data()
    {
        QTest::addColumn<bool>("knownId");
        QTest::addColumn<QString>("severity");
        QTest::addColumn<QString>("text");
        QTest::newRow("unknown id") << false << QStringLiteral("minor") << QStringLiteral("x");
        QTest::newRow("bad severity") << true << QStringLiteral("huge") << QStringLiteral("x");
        QTest::newRow("empty text") << true << QStringLiteral("minor") << QString();
    }

    void editRejects()
    {
        QFETCH(bool, knownId);
        QFETCH(QString, severity);
        QFETCH(QString, text);
        test::TempStore ts;
        const auto revision = importExample(ts);
        const Annotation a = addOne(ts, revision);
        const std::size_t entries = auditCount(ts);
        Problems problems;
        AnnotationStore store(ts.store().db());
        QVERIFY(
            !store.edit(knownId ? a.id : std::string("nope"), severity.toStdString(), text.toStdString(), problems));
        QVERIFY(!problems.errors().empty());
        const auto unchanged = store.find(a.id);
        QCOMPARE(unchanged->severity, a.severity);
        QCOMPARE(unchanged->text, a.text);
        QCOMPARE(auditCount(ts), entries);
    }

    void changesAreDurableOnReturn()
    {
        test::TempStore ts;
        const auto revision = importExample(ts);
        const Annotation a = addOne(ts, revision);
        Problems problems;
        AnnotationStore store(ts.store().db());
        QVERIFY(store.edit(a.id, "minor", "Checked again.", problems));
        // Another connection (as a restarted process would open) sees the committed change.
        auto other = Store::open(ts.store().dir(), problems);
        QVERIFY(other);
        const auto seen = AnnotationStore(other->db()).find(a.id);
        QVERIFY(seen);
        QCOMPARE(seen->text, std::string("Checked again."));
        QVERIFY(store.remove(a.id, problems));
        QVERIFY(!AnnotationStore(other->db()).find(a.id));
    }

    void authorIsTheReviewerElseTheLoginName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("email");
        QTest::addColumn<bool>("known");       // a reviewer identity is given
        QTest::addColumn<QString>("expected"); // %USER% stands for the login name
        QTest::newRow("name and email") << "Dana Reviewer"
                                        << "dana@example.org" << true << "Dana Reviewer <dana@example.org>";
        QTest::newRow("name only") << "Dana Reviewer"
                                   << "" << true << "Dana Reviewer";
        QTest::newRow("email only") << ""
                                    << "dana@example.org" << true << "dana@example.org";
        QTest::newRow("empty identity") << ""
                                        << "" << true << "%USER%";
        QTest::newRow("no key") << ""
                                << "" << false << "%USER%";
    }

    void authorIsTheReviewerElseTheLoginName()
    {
        QFETCH(QString, name);
        QFETCH(QString, email);
        QFETCH(bool, known);
        QFETCH(QString, expected);
        const QByteArray oldUser = qgetenv("USER");
        qputenv("USER", "login-name");
        const ReviewerIdentity who{name.toStdString(), email.toStdString(), {}, {}};
        const std::string author = annotationAuthor(known ? &who : nullptr);
        if (oldUser.isNull())
            qunsetenv("USER");
        else
            qputenv("USER", oldUser);
        QCOMPARE(QString::fromStdString(author),
                 QString(expected).replace(QStringLiteral("%USER%"), QStringLiteral("login-name")));
    }
};

QTEST_GUILESS_MAIN(TestAnnotationStore)
#include "tst_annotation_store.moc"
