#include "core/common/TerminalText.h"

#include <QtTest>

using namespace mltrl;

class TestTerminalText : public QObject {
    Q_OBJECT
private slots:
    void escapes_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QByteArray("Dermoscopy triage 1.0") << QByteArray("Dermoscopy triage 1.0");
        QTest::newRow("unicode text") << QByteArray("Läsion – ≥ 0.9 ✓ 日本") << QByteArray("Läsion – ≥ 0.9 ✓ 日本");
        QTest::newRow("backslash kept") << QByteArray("C:\\data\\x1b") << QByteArray("C:\\data\\x1b");
        QTest::newRow("window title OSC")
            << QByteArray("\x1b]0;pwned\x07title") << QByteArray("\\x1b]0;pwned\\x07title");
        QTest::newRow("clear screen") << QByteArray("a\x1b[2Jb") << QByteArray("a\\x1b[2Jb");
        QTest::newRow("newline tab cr") << QByteArray("a\nb\tc\rd") << QByteArray("a\\x0ab\\x09c\\x0dd");
        QTest::newRow("nul") << QByteArray("a\0b", 3) << QByteArray("a\\x00b");
        QTest::newRow("del") << QByteArray("a\x7f") << QByteArray("a\\x7f");
        QTest::newRow("C1 CSI") << QByteArray("a\xc2\x9b"
                                              "2J")
                                << QByteArray("a\\u009b2J");
        QTest::newRow("RLO") << QByteArray("evil\xe2\x80\xaetxt.exe") << QByteArray("evil\\u202etxt.exe");
        QTest::newRow("isolates") << QByteArray("\xe2\x81\xa6x\xe2\x81\xa9") << QByteArray("\\u2066x\\u2069");
        QTest::newRow("LRM RLM ALM") << QByteArray("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c")
                                     << QByteArray("\\u200e\\u200f\\u061c");
        QTest::newRow("line separator") << QByteArray("a\xe2\x80\xa8"
                                                      "b")
                                        << QByteArray("a\\u2028b");
        QTest::newRow("invalid utf8") << QByteArray("a\xff\xc3(") << QByteArray("a\\xff\\xc3(");
        QTest::newRow("truncated sequence") << QByteArray("ab\xe2\x80") << QByteArray("ab\\xe2\\x80");
        QTest::newRow("overlong ESC") << QByteArray("\xc0\x9b") << QByteArray("\\xc0\\x9b");
    }
    void escapes()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const std::string in(input.constData(), static_cast<std::size_t>(input.size()));
        const std::string out = terminalSafe(in);
        QCOMPARE(QByteArray::fromStdString(out), expected);
        QCOMPARE(isTerminalSafe(in), in == out);
        // Idempotent: what it prints is itself safe and stays as it is.
        QVERIFY(isTerminalSafe(out));
        QCOMPARE(terminalSafe(out), out);
    }
};

QTEST_GUILESS_MAIN(TestTerminalText)
#include "tst_terminal_text.moc"
