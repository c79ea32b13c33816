// The overview's custom widgets on their own: the MLTRL track and the history plot.
#include "core/derive/Levels.h"
#include "ui/common/Levels.h"
#include "ui/overview/HistoryPlot.h"
#include "ui/overview/MltrlTrackWidget.h"

#include "qcustomplot.h"

#include <QtTest>

using namespace mltrl;
using namespace mltrl::ui;

namespace {
HistoryEntry entry(const char *at, std::optional<int> from, int to, HistoryKind kind,
                   SwitchbackKind sb = SwitchbackKind::None, const char *reason = "")
{
    HistoryEntry e;
    e.at = at;
    e.from = from;
    e.to = to;
    e.kind = kind;
    e.switchback = sb;
    e.reason = reason;
    return e;
}
} // namespace

class TestOverviewWidgets : public QObject {
    Q_OBJECT
private slots:
    void stages_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("stage");
        QTest::newRow("0") << 0 << QStringLiteral("research");
        QTest::newRow("2") << 2 << QStringLiteral("research");
        QTest::newRow("3") << 3 << QStringLiteral("prototyping");
        QTest::newRow("5") << 5 << QStringLiteral("prototyping");
        QTest::newRow("6") << 6 << QStringLiteral("productization");
        QTest::newRow("8") << 8 << QStringLiteral("productization");
        QTest::newRow("9") << 9 << QStringLiteral("deployment");
    }
    void stages()
    {
        QFETCH(int, level);
        QFETCH(QString, stage);
        QCOMPARE(stageName(stageOf(level)), stage);
        QVERIFY(!levelName(level).isEmpty());
        QVERIFY(levelColor(level).isValid());
    }

    void trackStationsUnderTheMouse()
    {
        MltrlTrackWidget track;
        track.resize(1000, track.sizeHint().height());
        track.setTrack(4, 7, 3,
                       {{QStringLiteral("data"), QStringLiteral("Data pipeline"), 3, true},
                        {QStringLiteral("model"), QStringLiteral("Model"), 4, false}});
        QCOMPARE(track.heldBackBy(), QStringList{QStringLiteral("data")});
        QVERIFY(track.calloutText().contains(QStringLiteral("System level 3, held back by data (Data pipeline)")));
        // Stations sit left to right, one per level; the mouse finds each.
        std::optional<int> previous;
        int found = 0;
        for (int x = 0; x < track.width(); x += 2) {
            for (int y = 0; y < track.height(); y += 4) {
                if (const auto level = track.levelAt(QPoint(x, y)); level && level != previous) {
                    QVERIFY(!previous || *level > *previous);
                    previous = level;
                    ++found;
                }
            }
        }
        QCOMPARE(found, 10);
        QVERIFY(!track.grab().isNull()); // paints without a crash
    }

    void trackWithoutComponents()
    {
        MltrlTrackWidget track;
        track.setTrack(2, std::nullopt, std::nullopt, {});
        QVERIFY(track.heldBackBy().isEmpty());
        QVERIFY(track.calloutText().contains(QStringLiteral("no system level")));
        track.clear();
        QVERIFY(!track.hasTrack());
        QVERIFY(track.calloutText().isEmpty());
    }

    void historyFlagsInvalidSwitchbacks()
    {
        // Starts at 3, so a switchback to 2 returns to a research level never completed.
        const std::vector<HistoryEntry> history{
            entry("2025-01-01", std::nullopt, 3, HistoryKind::Start),
            entry("2025-03-01", 3, 4, HistoryKind::Advance),
            entry("2025-05-01", 4, 2, HistoryKind::Switchback, SwitchbackKind::Embedded, "Planned re-run"),
            entry("2025-07-01T12:00:00Z", 2, 4, HistoryKind::Advance),
            entry("2025-09-01", 4, 3, HistoryKind::Switchback, SwitchbackKind::Review, "Gate sent it back"),
        };
        std::map<std::size_t, std::string> invalid;
        for (const InvalidSwitchback &s : invalidSwitchbacks(history))
            invalid[s.index] = s.reason;
        QCOMPARE(invalid.size(), std::size_t(1));
        QVERIFY(invalid.count(2));

        HistoryPlot plot;
        plot.resize(900, 320);
        plot.setHistory(history, invalid, "2025-11-20T10:00:00Z");
        QCOMPARE(plot.levelGraph()->dataCount(), 5);
        QCOMPARE(plot.points().size(), 5);
        QCOMPARE(plot.markerGraph(QStringLiteral("invalid"))->dataCount(), 1);
        QCOMPARE(plot.markerGraph(QStringLiteral("invalid"))->data()->at(0)->value, 2.0);
        QCOMPARE(plot.markerGraph(QStringLiteral("switchback (embedded)"))->dataCount(), 1);
        QCOMPARE(plot.markerGraph(QStringLiteral("switchback (review)"))->dataCount(), 1);
        QCOMPARE(plot.markerGraph(QStringLiteral("advance"))->dataCount(), 2);
        // The invalid one is labelled on the plot, in red.
        bool labelled = false;
        for (int i = 0; i < plot.plot()->itemCount(); ++i) {
            if (auto *text = qobject_cast<QCPItemText *>(plot.plot()->item(i)))
                labelled = labelled || (text->text() == QStringLiteral("invalid switchback") &&
                                        text->color() == QColor(0xd0, 0x1c, 0x1c));
        }
        QVERIFY(labelled);
        // A date-time is placed at its instant.
        QCOMPARE(plot.points()[3].x, double(QDateTime(QDate(2025, 7, 1), QTime(12, 0), Qt::UTC).toSecsSinceEpoch()));

        // Hovering a point tells date, kind, reason and why it is invalid.
        plot.plot()->replot();
        const auto &pt = plot.points()[2];
        const QPointF pixel(plot.plot()->xAxis->coordToPixel(pt.x), plot.plot()->yAxis->coordToPixel(pt.level));
        const QString tip = plot.toolTipAt(pixel + QPointF(3, -2));
        QVERIFY2(tip.contains(QStringLiteral("2025-05-01")), qPrintable(tip));
        QVERIFY(tip.contains(QStringLiteral("switchback (embedded)")));
        QVERIFY(tip.contains(QStringLiteral("Planned re-run")));
        QVERIFY(tip.contains(QStringLiteral("Invalid switchback")));
        QVERIFY(plot.toolTipAt(QPointF(-100, -100)).isEmpty());
    }

    void emptyHistory()
    {
        HistoryPlot plot;
        plot.setHistory({}, {});
        QCOMPARE(plot.levelGraph()->dataCount(), 0);
        QVERIFY(plot.points().isEmpty());
    }
};

QTEST_MAIN(TestOverviewWidgets)
#include "tst_overview_widgets.moc"
