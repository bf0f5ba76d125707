// SPDX-License-Identifier: GPL-3.0-or-later
// TrafficRateHistory: requests and errors per service in fixed buckets over a sliding window, with
// a clock the test drives. Each data row is a script of records and clock advances followed by
// what the window must hold.
#include "SampleTraffic.h"

#include "models/TrafficRateHistory.h"

#include <QTest>

using Portcullis::TrafficRateHistory;

namespace {

// A multiple of the 5 s bucket: bucket boundaries fall on round offsets from here.
constexpr qint64 kBase = 1700000000000;

// Runs `script` on `history`, whose clock reads `*now`. Lines:
//   "rec SERVICE AT [err] [xN]"  N requests (default 1) of SERVICE ("-" for none) at now + AT ms
//   "adv MS"                     moves the clock forward
void run(TrafficRateHistory& history, qint64* now, const QStringList& script)
{
    for (const QString& line : script) {
        const QStringList words = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (words.value(0) == QLatin1String("adv")) {
            *now += words.value(1).toLongLong();
            continue;
        }
        QVERIFY2(words.value(0) == QLatin1String("rec") && words.size() >= 3, qPrintable(line));
        const QString service = words.at(1) == QLatin1String("-") ? QString() : words.at(1);
        const qint64 at = *now + words.at(2).toLongLong();
        bool error = false;
        int times = 1;
        for (const QString& w : words.mid(3)) {
            if (w == QLatin1String("err"))
                error = true;
            else if (w.startsWith(QLatin1Char('x')))
                times = w.mid(1).toInt();
        }
        for (int i = 0; i < times; ++i)
            history.record(service, at, error);
    }
}

QString formatRates(const QList<double>& rates)
{
    QStringList parts;
    for (double r : rates)
        parts.append(QString::number(r, 'f', 3));
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestTrafficRateHistory : public QObject
{
    Q_OBJECT

private slots:
    void window_data();
    void window();
    void ratesCoverTheWholeWindow();
    void eventsUseTheGatewayDefinitionOfError();
    void memoryIsBoundedWhateverTheServices();
    void clearForgetsEverything();
};

void TestTrafficRateHistory::window_data()
{
    QTest::addColumn<int>("maxSeries");
    QTest::addColumn<qint64>("start"); // clock offset from kBase before the script runs
    QTest::addColumn<QStringList>("script");
    QTest::addColumn<QStringList>("series"); // seriesNames() afterwards
    QTest::addColumn<qint64>("requests"); // in the window, all series
    QTest::addColumn<qint64>("errors");
    QTest::addColumn<QString>("checked"); // the series whose newest rates are compared ("" = total)
    QTest::addColumn<QList<double>>("newestRequestRates"); // oldest of those first
    QTest::addColumn<QList<double>>("newestErrorRates");

    const QString other = TrafficRateHistory::otherSeries();

    // The current bucket's rate is over the time elapsed in it: 1 request 2.5 s in = 0.4/s.
    QTest::newRow("one request, current bucket")
        << 8 << qint64(2500) << QStringList{QStringLiteral("rec weather 0")} << QStringList{QStringLiteral("weather")}
        << qint64(1) << qint64(0) << QStringLiteral("weather") << QList<double>{0.0, 0.4} << QList<double>{0.0, 0.0};
    // At least one second: a bucket just begun does not show a spike.
    QTest::newRow("current bucket just begun")
        << 8 << qint64(100) << QStringList{QStringLiteral("rec weather 0 x2")} << QStringList{QStringLiteral("weather")}
        << qint64(2) << qint64(0) << QStringLiteral("weather") << QList<double>{0.0, 2.0} << QList<double>{0.0, 0.0};
    // Five requests in one bucket; once the clock passes its end they are 5 / 5 s = 1/s.
    QTest::newRow("bucket rollover") << 8 << qint64(1000)
                                     << QStringList{QStringLiteral("rec weather 0 x5"), QStringLiteral("adv 6000")}
                                     << QStringList{QStringLiteral("weather")} << qint64(5) << qint64(0)
                                     << QStringLiteral("weather") << QList<double>{1.0, 0.0} << QList<double>{0.0, 0.0};
    QTest::newRow("several buckets in a row")
        << 8 << qint64(0) << QStringList{QStringLiteral("rec weather 0 x10"),    QStringLiteral("adv 5000"),
                                         QStringLiteral("rec weather 0 x20"),    QStringLiteral("adv 5000"),
                                         QStringLiteral("rec weather 0 x5 err"), QStringLiteral("adv 5000")}
        << QStringList{QStringLiteral("weather")} << qint64(35) << qint64(5) << QStringLiteral("weather")
        << QList<double>{2.0, 4.0, 1.0, 0.0} << QList<double>{0.0, 0.0, 1.0, 0.0};
    // Exactly one window later the same ring slot is reused: the old count must not leak in.
    QTest::newRow("gap of exactly the window")
        << 8 << qint64(1000)
        << QStringList{QStringLiteral("rec weather 0 x10"), QStringLiteral("adv 600000"),
                       QStringLiteral("rec weather 0")}
        << QStringList{QStringLiteral("weather")} << qint64(1) << qint64(0) << QStringLiteral("weather")
        << QList<double>{0.0, 1.0} << QList<double>{0.0, 0.0};
    QTest::newRow("gap longer than the window")
        << 8 << qint64(0) << QStringList{QStringLiteral("rec weather 0 x10 err"), QStringLiteral("adv 3600000")}
        << QStringList{} << qint64(0) << qint64(0) << QStringLiteral("weather") << QList<double>{0.0, 0.0}
        << QList<double>{0.0, 0.0};
    // The oldest bucket still in the window counts; one more bucket and it is gone.
    QTest::newRow("edge of the window") << 8 << qint64(0)
                                        << QStringList{QStringLiteral("rec weather 0 x3"), QStringLiteral("adv 595000")}
                                        << QStringList{QStringLiteral("weather")} << qint64(3) << qint64(0)
                                        << QStringLiteral("weather") << QList<double>{0.0} << QList<double>{0.0};
    QTest::newRow("past the edge of the window")
        << 8 << qint64(0) << QStringList{QStringLiteral("rec weather 0 x3"), QStringLiteral("adv 600000")}
        << QStringList{} << qint64(0) << qint64(0) << QStringLiteral("weather") << QList<double>{0.0}
        << QList<double>{0.0};
    QTest::newRow("event older than the window is ignored")
        << 8 << qint64(0) << QStringList{QStringLiteral("rec weather -600001")} << QStringList{} << qint64(0)
        << qint64(0) << QStringLiteral("weather") << QList<double>{0.0} << QList<double>{0.0};
    // Events arrive in batches: one from the previous bucket lands in it, not in the current one.
    QTest::newRow("late event lands in its own bucket")
        << 8 << qint64(5200) << QStringList{QStringLiteral("rec weather -400 x5")}
        << QStringList{QStringLiteral("weather")} << qint64(5) << qint64(0) << QStringLiteral("weather")
        << QList<double>{1.0, 0.0} << QList<double>{0.0, 0.0};
    QTest::newRow("event from the future counts now")
        << 8 << qint64(2000) << QStringList{QStringLiteral("rec weather 60000 x2")}
        << QStringList{QStringLiteral("weather")} << qint64(2) << qint64(0) << QStringLiteral("weather")
        << QList<double>{0.0, 1.0} << QList<double>{0.0, 0.0};
    QTest::newRow("burst of 50000 in one bucket")
        << 8 << qint64(0)
        << QStringList{QStringLiteral("rec weather 1000 x49990"), QStringLiteral("rec weather 4000 x10 err"),
                       QStringLiteral("adv 5000")}
        << QStringList{QStringLiteral("weather")} << qint64(50000) << qint64(10) << QStringLiteral("weather")
        << QList<double>{10000.0, 0.0} << QList<double>{2.0, 0.0};
    QTest::newRow("errors counted per service and in total")
        << 8 << qint64(0)
        << QStringList{QStringLiteral("rec weather 0 x4"), QStringLiteral("rec weather 0 x1 err"),
                       QStringLiteral("rec billing 0 x3 err"), QStringLiteral("adv 5000")}
        << QStringList{QStringLiteral("weather"), QStringLiteral("billing")} << qint64(8) << qint64(4) << QString()
        << QList<double>{1.6, 0.0} << QList<double>{0.8, 0.0};
    QTest::newRow("errors of one service only")
        << 8 << qint64(0)
        << QStringList{QStringLiteral("rec weather 0 x4"), QStringLiteral("rec weather 0 x1 err"),
                       QStringLiteral("rec billing 0 x3 err"), QStringLiteral("adv 5000")}
        << QStringList{QStringLiteral("weather"), QStringLiteral("billing")} << qint64(8) << qint64(4)
        << QStringLiteral("weather") << QList<double>{1.0, 0.0} << QList<double>{0.2, 0.0};
    QTest::newRow("no service goes to other")
        << 8 << qint64(0) << QStringList{QStringLiteral("rec - 0 x5 err"), QStringLiteral("adv 5000")}
        << QStringList{other} << qint64(5) << qint64(5) << other << QList<double>{1.0, 0.0} << QList<double>{1.0, 0.0};
    // Three named series; the fourth and fifth service are counted under "other".
    QTest::newRow("many services capped")
        << 3 << qint64(0)
        << QStringList{QStringLiteral("rec a 0"),    QStringLiteral("rec b 0"),        QStringLiteral("rec c 0"),
                       QStringLiteral("rec d 0 x2"), QStringLiteral("rec e 0 x3 err"), QStringLiteral("adv 5000")}
        << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), other} << qint64(8) << qint64(3)
        << other << QList<double>{1.0, 0.0} << QList<double>{0.6, 0.0};
    // A series whose traffic has left the window gives its place to a new service.
    QTest::newRow("capped series freed when their traffic leaves")
        << 2 << qint64(0)
        << QStringList{QStringLiteral("rec a 0"), QStringLiteral("rec b 0"),    QStringLiteral("adv 300000"),
                       QStringLiteral("rec c 0"), QStringLiteral("adv 305000"), QStringLiteral("rec d 0 x5"),
                       QStringLiteral("adv 5000")}
        << QStringList{QStringLiteral("d"), other} << qint64(6) << qint64(0) << QStringLiteral("d")
        << QList<double>{1.0, 0.0} << QList<double>{0.0, 0.0};
    QTest::newRow("no named series at all")
        << 0 << qint64(0) << QStringList{QStringLiteral("rec a 0 x5"), QStringLiteral("adv 5000")} << QStringList{other}
        << qint64(5) << qint64(0) << other << QList<double>{1.0, 0.0} << QList<double>{0.0, 0.0};
}

void TestTrafficRateHistory::window()
{
    QFETCH(int, maxSeries);
    QFETCH(qint64, start);
    QFETCH(QStringList, script);
    QFETCH(QStringList, series);
    QFETCH(qint64, requests);
    QFETCH(qint64, errors);
    QFETCH(QString, checked);
    QFETCH(QList<double>, newestRequestRates);
    QFETCH(QList<double>, newestErrorRates);

    qint64 now = kBase + start;
    TrafficRateHistory::Options options;
    options.maxSeries = maxSeries;
    TrafficRateHistory history(options, [&now] { return now; });
    run(history, &now, script);

    QCOMPARE(history.seriesNames(), series);
    QCOMPARE(history.requestsInWindow(), requests);
    QCOMPARE(history.errorsInWindow(), errors);
    const QList<TrafficRateHistory::Rate> rates = checked.isEmpty() ? history.totalRates() : history.rates(checked);
    QCOMPARE(rates.size(), 120);
    QList<double> requestRates;
    QList<double> errorRates;
    for (const auto& rate : rates.mid(rates.size() - newestRequestRates.size())) {
        requestRates.append(rate.requestsPerSecond);
        errorRates.append(rate.errorsPerSecond);
    }
    QCOMPARE(formatRates(requestRates), formatRates(newestRequestRates));
    QCOMPARE(formatRates(errorRates), formatRates(newestErrorRates));

    // Per-series counts add up to the total.
    qint64 sum = 0;
    for (const QString& name : history.seriesNames())
        sum += history.requestsInWindow(name);
    QCOMPARE(sum, requests);
}

void TestTrafficRateHistory::ratesCoverTheWholeWindow()
{
    qint64 now = kBase + 7300;
    TrafficRateHistory history([&now] { return now; });
    QCOMPARE(history.windowMs(), qint64(600000));
    const auto rates = history.rates(QStringLiteral("unknown"));
    QCOMPARE(rates.size(), 120);
    QCOMPARE(rates.last().startMs, kBase + 5000); // the current bucket
    QCOMPARE(rates.first().startMs, kBase + 5000 - 119 * 5000);
    for (int i = 1; i < rates.size(); ++i)
        QCOMPARE(rates.at(i).startMs - rates.at(i - 1).startMs, qint64(5000));
    for (const auto& rate : rates)
        QCOMPARE(rate.requestsPerSecond, 0.0);
    QCOMPARE(history.rates(QString()).size(), 120);
}

void TestTrafficRateHistory::eventsUseTheGatewayDefinitionOfError()
{
    qint64 now = kBase + 2000;
    TrafficRateHistory history([&now] { return now; });
    Gateway::TrafficEvent ok = SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("get"));
    ok.time = QDateTime::fromMSecsSinceEpoch(kBase + 1000, Qt::UTC);
    Gateway::TrafficEvent toolError = ok;
    toolError.toolError = true;
    Gateway::TrafficEvent backendDown = ok;
    backendDown.backendStatus = 502;
    Gateway::TrafficEvent rejected = ok;
    rejected.kind = Gateway::TrafficEvent::Kind::Rejected;
    rejected.service.clear();
    Gateway::TrafficEvent elicitation = ok;
    elicitation.kind = Gateway::TrafficEvent::Kind::Elicitation; // a flow step, not a request
    Gateway::TrafficEvent noTime = ok;
    noTime.time = QDateTime(); // counted now

    history.addEvents({ok, toolError, backendDown, rejected, elicitation, noTime});
    QCOMPARE(history.requestsInWindow(), qint64(5));
    QCOMPARE(history.errorsInWindow(), qint64(3));
    QCOMPARE(history.requestsInWindow(QStringLiteral("weather")), qint64(4));
    QCOMPARE(history.errorsInWindow(QStringLiteral("weather")), qint64(2));
    QCOMPARE(history.requestsInWindow(TrafficRateHistory::otherSeries()), qint64(1));
}

void TestTrafficRateHistory::memoryIsBoundedWhateverTheServices()
{
    qint64 now = kBase;
    TrafficRateHistory history([&now] { return now; });
    for (int i = 0; i < 5000; ++i) {
        history.record(QStringLiteral("service-%1").arg(i), now, i % 7 == 0);
        now += 250; // 1250 s: the window slides twice over
    }
    QVERIFY(history.seriesNames().size() <= history.options().maxSeries + 1);
    QVERIFY2(history.memoryBytes() <= qsizetype((history.options().maxSeries + 1) * 120 * 16),
             qPrintable(QString::number(history.memoryBytes())));
    // Only the window is counted: the clock ends on a bucket boundary with the current bucket
    // empty, so the 119 buckets before it hold 20 requests each.
    QCOMPARE(history.requestsInWindow(), qint64(119 * 20));
}

void TestTrafficRateHistory::clearForgetsEverything()
{
    qint64 now = kBase;
    TrafficRateHistory history([&now] { return now; });
    history.record(QStringLiteral("weather"), now, true);
    history.record(QString(), now, false);
    history.clear();
    QCOMPARE(history.requestsInWindow(), qint64(0));
    QVERIFY(history.seriesNames().isEmpty());
}

QTEST_GUILESS_MAIN(TestTrafficRateHistory)
#include "tst_trafficratehistory.moc"
