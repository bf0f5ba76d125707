// SPDX-License-Identifier: GPL-3.0-or-later
#include "SampleTraffic.h"

#include "log/TrafficLog.h"
#include "models/TrafficLogModel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using Gateway::TrafficEvent;
using Gateway::TrafficLog;
using Portcullis::TrafficLogModel;

class TestTrafficLogModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyModel();
    void loadsExistingEvents();
    void singleAppendIsDeferredToOneInsert();
    void burstOfFiftyIsOneInsert();
    void burstPastCapacityKeepsNewest();
    void steadyAppendsTrimOldestFirst();
    void shrinkingCapacityTrims();
    void columnTexts();
    void rolesAndErrorMarking();
    void eventById();
    void switchingSourceResets();
    void countsEveryReceivedEvent();
    void ignoresEventsAlreadyReceived();

private:
    static QAbstractItemModelTester* attachTester(TrafficLogModel* model)
    {
        return new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::Fatal, model);
    }
    static quint64 idAt(const TrafficLogModel& model, int row)
    {
        return model.index(row, 0).data(TrafficLogModel::IdRole).toULongLong();
    }
};

void TestTrafficLogModel::initTestCase()
{
    QLocale::setDefault(QLocale::c()); // "12.35", not "12,35"
}

void TestTrafficLogModel::emptyModel()
{
    TrafficLogModel model;
    attachTester(&model);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(TrafficLogModel::ColumnCount));
    QCOMPARE(model.columnCount(), 11);
    QCOMPARE(model.headerData(TrafficLogModel::Latency, Qt::Horizontal).toString(), QStringLiteral("Latency (ms)"));
    QVERIFY(!model.eventById(1).has_value());
}

void TestTrafficLogModel::loadsExistingEvents()
{
    TrafficLog log;
    for (const TrafficEvent& e : SampleTraffic::filterSet())
        log.append(e);
    TrafficLogModel model;
    attachTester(&model);
    model.setSource(&log);
    QCOMPARE(model.rowCount(), 8); // synchronously, no flush needed
    QCOMPARE(idAt(model, 0), quint64(1));
    QCOMPARE(idAt(model, 7), quint64(8));

    // Follows the log afterwards, without duplicating what was loaded.
    log.append(SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("get_v1_forecast")));
    QTRY_COMPARE(model.rowCount(), 9);
    QCOMPARE(idAt(model, 8), quint64(9));
}

void TestTrafficLogModel::singleAppendIsDeferredToOneInsert()
{
    TrafficLog log;
    TrafficLogModel model;
    attachTester(&model);
    model.setSource(&log);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    log.append(SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("get_v1_forecast")));
    QCOMPARE(model.rowCount(), 0); // pending until the zero-delay flush
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 0);
}

void TestTrafficLogModel::burstOfFiftyIsOneInsert()
{
    TrafficLog log;
    TrafficLogModel model;
    attachTester(&model);
    model.setSource(&log);
    log.append(SampleTraffic::rpc(QStringLiteral("weather"), QStringLiteral("initialize")));
    QTRY_COMPARE(model.rowCount(), 1);

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    for (int i = 0; i < 50; ++i)
        log.append(SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("tool_%1").arg(i)));
    QTRY_COMPARE(model.rowCount(), 51);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 1);
    QCOMPARE(inserted.at(0).at(2).toInt(), 50);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(model.index(50, TrafficLogModel::Tool).data().toString(), QStringLiteral("tool_49"));
}

void TestTrafficLogModel::burstPastCapacityKeepsNewest()
{
    TrafficLog log(1000);
    TrafficLogModel model(100);
    attachTester(&model);
    model.setSource(&log);
    for (int i = 0; i < 10; ++i)
        log.append(SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("warmup")));
    QTRY_COMPARE(model.rowCount(), 10);

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    for (int i = 0; i < 350; ++i)
        log.append(SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("burst_%1").arg(i)));
    QTRY_COMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 100);
    // The 10 old rows went first, in one removal; then the newest 100 of the burst came in.
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 9);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 99);
    QCOMPARE(idAt(model, 0), quint64(10 + 350 - 100 + 1));
    QCOMPARE(idAt(model, 99), quint64(360));
    QCOMPARE(model.index(99, TrafficLogModel::Tool).data().toString(), QStringLiteral("burst_349"));
}

void TestTrafficLogModel::steadyAppendsTrimOldestFirst()
{
    TrafficLog log(100);
    TrafficLogModel model(100);
    attachTester(&model);
    model.setSource(&log);
    for (int i = 0; i < 100; ++i)
        log.append(SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("t")));
    QTRY_COMPARE(model.rowCount(), 100);

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    for (int i = 0; i < 30; ++i)
        log.append(SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("t")));
    QTRY_COMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 29);
    QTRY_COMPARE(idAt(model, 99), quint64(130));
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(idAt(model, 0), quint64(31));
    QCOMPARE(model.rowForId(30), -1);
    QCOMPARE(model.rowForId(31), 0);

    // Single events one loop iteration apart: each one evicts exactly the oldest row.
    for (int i = 0; i < 3; ++i) {
        log.append(SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("t")));
        QTRY_COMPARE(idAt(model, 99), quint64(131 + i));
        QCOMPARE(idAt(model, 0), quint64(32 + i));
    }
}

void TestTrafficLogModel::shrinkingCapacityTrims()
{
    TrafficLog log;
    TrafficLogModel model;
    attachTester(&model);
    model.setSource(&log);
    for (int i = 0; i < 20; ++i)
        log.append(SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("t")));
    QTRY_COMPARE(model.rowCount(), 20);
    model.setCapacity(5);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(idAt(model, 0), quint64(16));
    QCOMPARE(idAt(model, 4), quint64(20));
}

void TestTrafficLogModel::columnTexts()
{
    TrafficLog log;
    TrafficEvent e = SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("get_v1_forecast"),
                                             QStringLiteral("https://as.example|alice"));
    e.authDecision = QStringLiteral("allowed");
    e.authReason = QStringLiteral("jwt");
    log.append(e);
    TrafficLogModel model;
    attachTester(&model);
    model.setSource(&log);
    QCOMPARE(model.rowCount(), 1);

    const auto text = [&model](int column) { return model.index(0, column).data(Qt::DisplayRole).toString(); };
    QCOMPARE(text(TrafficLogModel::Time), QStringLiteral("14:03:07.042"));
    QCOMPARE(text(TrafficLogModel::Service), QStringLiteral("weather"));
    QCOMPARE(text(TrafficLogModel::Revision), QStringLiteral("2025-11-25"));
    QCOMPARE(text(TrafficLogModel::Method), QStringLiteral("tools/call"));
    QCOMPARE(text(TrafficLogModel::Tool), QStringLiteral("get_v1_forecast"));
    QCOMPARE(text(TrafficLogModel::Principal), QStringLiteral("https://as.example|alice"));
    QCOMPARE(text(TrafficLogModel::Auth), QStringLiteral("allowed (jwt)"));
    QCOMPARE(text(TrafficLogModel::Status), QStringLiteral("200"));
    QCOMPARE(text(TrafficLogModel::Backend), QStringLiteral("200"));
    QCOMPARE(text(TrafficLogModel::Latency), QStringLiteral("12.35"));
    QCOMPARE(text(TrafficLogModel::Size), QStringLiteral("312 B / 1.5 KiB"));
    QCOMPARE(model.index(0, TrafficLogModel::Latency).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Total 12.35 ms, backend 10.10 ms"));

    // Error texts: RPC error and tool error in the status, backend error class instead of a status.
    for (const TrafficEvent& sample : SampleTraffic::filterSet())
        log.append(sample);
    QTRY_COMPARE(model.rowCount(), 9);
    QCOMPARE(model.index(3, TrafficLogModel::Status).data().toString(), QStringLiteral("200 · tool error"));
    QCOMPARE(model.index(4, TrafficLogModel::Auth).data().toString(), QStringLiteral("denied (missing_key)"));
    QCOMPARE(model.index(4, TrafficLogModel::Status).data().toString(), QStringLiteral("401"));
    QCOMPARE(model.index(5, TrafficLogModel::Service).data().toString(),
             QStringLiteral("/.well-known/oauth-protected-resource/mcp/weather")); // no service: the path
    QCOMPARE(model.index(5, TrafficLogModel::Method).data().toString(), QStringLiteral("GET"));
    QCOMPARE(model.index(6, TrafficLogModel::Status).data().toString(), QStringLiteral("200 · RPC -32602"));
    QCOMPARE(model.index(7, TrafficLogModel::Backend).data().toString(), QStringLiteral("timeout"));
}

void TestTrafficLogModel::rolesAndErrorMarking()
{
    TrafficLog log;
    for (const TrafficEvent& e : SampleTraffic::filterSet())
        log.append(e);
    TrafficLogModel model;
    attachTester(&model);
    model.setSource(&log);

    const QModelIndex ok = model.index(0, TrafficLogModel::Status);
    QCOMPARE(ok.data(TrafficLogModel::IdRole).toULongLong(), quint64(1));
    QCOMPARE(ok.data(TrafficLogModel::KindRole).toInt(), int(TrafficEvent::Kind::McpRequest));
    QCOMPARE(ok.data(TrafficLogModel::StatusRole).toInt(), 200);
    QCOMPARE(ok.data(TrafficLogModel::IsErrorRole).toBool(), false);
    QVERIFY(!ok.data(Qt::ForegroundRole).isValid());
    QVERIFY(!ok.data(Qt::DecorationRole).isValid());

    const QModelIndex rejected = model.index(3, TrafficLogModel::Status);
    QCOMPARE(rejected.data(TrafficLogModel::IdRole).toULongLong(), quint64(4));
    QCOMPARE(rejected.data(TrafficLogModel::KindRole).toInt(), int(TrafficEvent::Kind::Rejected));
    QCOMPARE(rejected.data(TrafficLogModel::StatusRole).toInt(), 401);
    QCOMPARE(rejected.data(TrafficLogModel::IsErrorRole).toBool(), true);
    QVERIFY(rejected.data(Qt::ForegroundRole).value<QColor>().isValid());
    QVERIFY(rejected.data(Qt::DecorationRole).isValid());
    QCOMPARE(rejected.data(Qt::ToolTipRole).toString(), QStringLiteral("missing x-reshapr-key header"));

    QList<bool> errors;
    for (int row = 0; row < model.rowCount(); ++row)
        errors << model.index(row, 0).data(TrafficLogModel::IsErrorRole).toBool();
    QCOMPARE(errors, (QList<bool>{false, false, true, true, false, true, true, false}));
}

void TestTrafficLogModel::eventById()
{
    TrafficLog log(100);
    TrafficLogModel model(10);
    model.setSource(&log);
    for (int i = 0; i < 25; ++i)
        log.append(SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("tool_%1").arg(i)));
    QTRY_COMPARE(model.rowCount(), 10);
    const std::optional<TrafficEvent> event = model.eventById(20);
    QVERIFY(event.has_value());
    QCOMPARE(event->tool, QStringLiteral("tool_19"));
    QCOMPARE(model.rowForId(20), 4);
    QVERIFY(!model.eventById(15).has_value()); // trimmed
    QVERIFY(!model.eventById(26).has_value()); // never existed
}

void TestTrafficLogModel::switchingSourceResets()
{
    TrafficLog first;
    TrafficLog second;
    for (int i = 0; i < 3; ++i)
        first.append(SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("a")));
    second.append(SampleTraffic::toolCall(QStringLiteral("petstore"), QStringLiteral("b")));
    TrafficLogModel model;
    attachTester(&model);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setSource(&first);
    QCOMPARE(model.rowCount(), 3);
    model.setSource(&second);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(reset.count(), 2);

    first.append(SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("a")));
    QTest::qWait(20);
    QCOMPARE(model.rowCount(), 1); // no longer follows the first log

    model.setSource(nullptr);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.source());
}

void TestTrafficLogModel::countsEveryReceivedEvent()
{
    TrafficLog log;
    TrafficLogModel model(5);
    model.setSource(&log);
    QSignalSpy counters(&model, &TrafficLogModel::countersChanged);
    for (int round = 0; round < 3; ++round) {
        for (const TrafficEvent& e : SampleTraffic::filterSet())
            log.append(e);
    }
    QTRY_COMPARE(counters.count(), 1);
    QCOMPARE(model.receivedCount(), quint64(24));
    QCOMPARE(model.errorCount(), quint64(12));
    QCOMPARE(model.rowCount(), 5);
}

void TestTrafficLogModel::ignoresEventsAlreadyReceived()
{
    // A queued eventAppended can arrive after setSource() already loaded the same event.
    TrafficLog log;
    for (int i = 0; i < 3; ++i)
        log.append(SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("t")));
    TrafficLogModel model;
    attachTester(&model);
    model.setSource(&log);
    const QList<TrafficEvent> loaded = log.events();
    for (const TrafficEvent& e : loaded)
        model.appendEvent(e);
    QTest::qWait(20);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.receivedCount(), quint64(3));
}

QTEST_MAIN(TestTrafficLogModel)
#include "tst_trafficlogmodel.moc"
