// Typed settings: defaults, round trips, the recent-files bound, and migration of old files.
#include "GuiTestUtil.h"
#include "ui/shell/Settings.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace mltrl::ui;

class TestSettings : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { mltrl::test::useTestSettings(); }

    void defaultsWhenEmpty()
    {
        Settings s;
        QVERIFY(s.fileName().contains(QStringLiteral("qttest"))); // test mode: never the user's file
        QCOMPARE(s.value(keys::lastProject), QString());
        QVERIFY(s.value(keys::windowGeometry).isEmpty());
        QVERIFY(s.recentFiles().isEmpty());
        QCOMPARE(s.storedVersion(), Settings::kVersion);
    }

    void valuesSurviveReopening()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("s.ini"));
        {
            Settings s(ini);
            s.setValue(keys::lastProject, QStringLiteral("cxr-triage"));
            s.setValue(keys::windowGeometry, QByteArray("\x01\x02geometry", 10));
        }
        Settings again(ini);
        QCOMPARE(again.value(keys::lastProject), QStringLiteral("cxr-triage"));
        QCOMPARE(again.value(keys::windowGeometry), QByteArray("\x01\x02geometry", 10));
    }

    void recentFilesMostRecentFirstUniqueBounded()
    {
        QTemporaryDir dir;
        Settings s(dir.filePath(QStringLiteral("s.ini")));
        for (int i = 0; i < 14; ++i)
            s.addRecentFile(QStringLiteral("/archives/a%1.mltrl").arg(i));
        s.addRecentFile(QStringLiteral("/archives/a7.mltrl"));
        const QStringList recent = s.recentFiles();
        QCOMPARE(recent.size(), Settings::kMaxRecentFiles);
        QCOMPARE(recent.first(), QStringLiteral("/archives/a7.mltrl"));
        QCOMPARE(recent.count(QStringLiteral("/archives/a7.mltrl")), 1);
        QCOMPARE(recent[1], QStringLiteral("/archives/a13.mltrl"));
        QVERIFY(!recent.contains(QStringLiteral("/archives/a0.mltrl")));
    }

    void migrationFromUnversionedFile()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("s.ini"));
        {
            QSettings raw(ini, QSettings::IniFormat);
            raw.setValue(QStringLiteral("session/lastProject"), QStringLiteral("old-project"));
            raw.setValue(QStringLiteral("obsolete/thing"), 42);
            QStringList many;
            for (int i = 0; i < 15; ++i)
                many << QStringLiteral("/x/%1.mltrl").arg(i);
            raw.setValue(QStringLiteral("session/recentFiles"), many);
        }
        Settings s(ini);
        QCOMPARE(s.storedVersion(), Settings::kVersion);
        QCOMPARE(s.value(keys::lastProject), QStringLiteral("old-project"));
        QCOMPARE(s.recentFiles().size(), Settings::kMaxRecentFiles);
        s.sync();
        QSettings raw(ini, QSettings::IniFormat);
        QVERIFY(!raw.contains(QStringLiteral("obsolete/thing")));
    }

    void newerVersionIsLeftAlone()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("s.ini"));
        {
            QSettings raw(ini, QSettings::IniFormat);
            raw.setValue(QStringLiteral("meta/version"), Settings::kVersion + 1);
            raw.setValue(QStringLiteral("future/key"), 1);
        }
        Settings s(ini);
        s.sync();
        QCOMPARE(s.storedVersion(), Settings::kVersion + 1);
        QSettings raw(ini, QSettings::IniFormat);
        QVERIFY(raw.contains(QStringLiteral("future/key")));
    }
};

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
