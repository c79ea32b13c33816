#include "core/common/PathRules.h"

#include <QtTest>

using namespace mltrl;

class TestPathRules : public QObject {
    Q_OBJECT
private slots:
    void paths_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("problem"); // part of the message; empty = fine
        QTest::newRow("plain") << QByteArray("evidence/report.pdf") << QString();
        QTest::newRow("one segment") << QByteArray("mltrl.json") << QString();
        QTest::newRow("dots inside names") << QByteArray("a/..b/c..d/.e") << QString();
        QTest::newRow("UTF-8 name") << QByteArray("evidence/r\xc3\xa9sum\xc3\xa9.md") << QString();
        QTest::newRow("colon later") << QByteArray("ab:c/d") << QString();
        QTest::newRow("1024 bytes") << QByteArray(1024, 'a') << QString();
        QTest::newRow("1025 bytes") << QByteArray(1025, 'a') << QStringLiteral("1025 bytes long; at most 1024");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("path is empty");
        QTest::newRow("leading slash") << QByteArray("/etc/passwd") << QStringLiteral("absolute");
        QTest::newRow("double slash") << QByteArray("a//b") << QStringLiteral("empty segment");
        QTest::newRow("trailing slash") << QByteArray("a/") << QStringLiteral("empty segment");
        QTest::newRow("dot segment") << QByteArray("a/./b") << QStringLiteral("'.' segment");
        QTest::newRow("leading ./ is not stripped") << QByteArray("./a") << QStringLiteral("'.' segment");
        QTest::newRow("dot-dot") << QByteArray("a/../../b") << QStringLiteral("'..' segment");
        QTest::newRow("only dot-dot") << QByteArray("..") << QStringLiteral("'..' segment");
        QTest::newRow("backslash") << QByteArray("a\\b") << QStringLiteral("backslash");
        QTest::newRow("drive letter") << QByteArray("C:/x") << QStringLiteral("drive letter");
        QTest::newRow("drive letter alone") << QByteArray("c:") << QStringLiteral("drive letter");
        QTest::newRow("newline") << QByteArray("a\nb") << QStringLiteral("control character (U+000A");
        QTest::newRow("NUL") << QByteArray("a\0b", 3) << QStringLiteral("control character (U+0000");
        QTest::newRow("DEL") << QByteArray("a\x7f") << QStringLiteral("control character (U+007F");
        QTest::newRow("C1 control") << QByteArray("a\xc2\x85") << QStringLiteral("control character (U+0085");
        QTest::newRow("invalid byte") << QByteArray("a\xff") << QStringLiteral("not valid UTF-8 (at byte 2)");
        QTest::newRow("overlong slash") << QByteArray("a\xc0\xaf") << QStringLiteral("not valid UTF-8");
        QTest::newRow("truncated sequence") << QByteArray("a\xe2\x82") << QStringLiteral("not valid UTF-8");
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QStringLiteral("not valid UTF-8");
        QTest::newRow("over U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << QStringLiteral("not valid UTF-8");
    }

    void paths()
    {
        QFETCH(QByteArray, path);
        QFETCH(QString, problem);
        const QString got = QString::fromStdString(
            describePathProblem(std::string_view(path.constData(), static_cast<std::size_t>(path.size()))));
        if (problem.isEmpty())
            QVERIFY2(got.isEmpty(), qPrintable(got));
        else
            QVERIFY2(got.startsWith(QStringLiteral("path ")) && got.contains(problem), qPrintable(got));
    }

    void maxBytesIsAParameter()
    {
        QVERIFY(describePathProblem("abcdef", 5).find("6 bytes long") != std::string::npos);
        QVERIFY(describePathProblem("abcde", 5).empty());
    }
};

QTEST_GUILESS_MAIN(TestPathRules)
#include "tst_pathrules.moc"
