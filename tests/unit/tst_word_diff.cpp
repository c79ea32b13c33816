#include "core/diff/WordDiff.h"

#include <QtTest>

using namespace mltrl;

class TestWordDiff : public QObject {
    Q_OBJECT
private slots:
    void line_data()
    {
        QTest::addColumn<QString>("oldText");
        QTest::addColumn<QString>("newText");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one word") << QStringLiteral("Now 12 000 images.") << QStringLiteral("Now 14 000 images.")
                                  << QStringLiteral("Now [-12-]{+14+} 000 images.");
        QTest::newRow("added at the end")
            << QStringLiteral("a b") << QStringLiteral("a b c") << QStringLiteral("a b {+c+}");
        QTest::newRow("removed at the start")
            << QStringLiteral("x a b") << QStringLiteral("a b") << QStringLiteral("[-x-] a b");
        QTest::newRow("two changes") << QStringLiteral("the cat sat on the mat")
                                     << QStringLiteral("the dog sat on a mat")
                                     << QStringLiteral("the [-cat-]{+dog+} sat on [-the-]{+a+} mat");
        // The change past the first 60 characters, which cutting both sides to 60 used to hide.
        QTest::newRow("change far in") << QStringLiteral("Triage of dermoscopy images for referral in primary care, "
                                                         "trained on 12 000 images from three sites.")
                                       << QStringLiteral("Triage of dermoscopy images for referral in primary care, "
                                                         "trained on 14 000 images from three sites.")
                                       << QStringLiteral(
                                              "… primary care, trained on [-12-]{+14+} 000 images from three …");
        QTest::newRow("only white space")
            << QStringLiteral("a  b\nc") << QStringLiteral("a b c") << QStringLiteral("(only white space changed)");
        QTest::newRow("all new") << QString() << QStringLiteral("fresh text") << QStringLiteral("{+fresh text+}");
        QTest::newRow("lines become spaces")
            << QStringLiteral("line one\nline two") << QStringLiteral("line one\nline 2")
            << QStringLiteral("line one line [-two-]{+2+}");
    }
    void line()
    {
        QFETCH(QString, oldText);
        QFETCH(QString, newText);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(wordDiffLine(oldText.toStdString(), newText.toStdString())), expected);
    }

    void partsInOrder()
    {
        const auto parts = wordDiff("a b c d", "a x c y d");
        const std::vector<WordDiffPart> expected{{WordDiffPart::Kind::Same, "a"},  {WordDiffPart::Kind::Removed, "b"},
                                                 {WordDiffPart::Kind::Added, "x"}, {WordDiffPart::Kind::Same, "c"},
                                                 {WordDiffPart::Kind::Added, "y"}, {WordDiffPart::Kind::Same, "d"}};
        QCOMPARE(parts.size(), expected.size());
        QVERIFY(parts == expected);
    }

    void hugeMiddleIsBounded()
    {
        std::string a, b;
        for (int i = 0; i < 20000; ++i) {
            a += "a" + std::to_string(i) + " ";
            b += "b" + std::to_string(i) + " ";
        }
        QElapsedTimer timer;
        timer.start();
        const auto parts = wordDiff(a, b);
        QVERIFY(timer.elapsed() < 2000);
        QCOMPARE(parts.size(), std::size_t(2));
        QCOMPARE(parts[0].kind, WordDiffPart::Kind::Removed);
        QCOMPARE(parts[1].kind, WordDiffPart::Kind::Added);
    }
};

QTEST_GUILESS_MAIN(TestWordDiff)
#include "tst_word_diff.moc"
