// SPDX-License-Identifier: GPL-3.0-or-later
#include "SampleTraffic.h"

#include "log/TrafficLog.h"
#include "models/TrafficLogFilterModel.h"
#include "models/TrafficLogModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using Gateway::TrafficEvent;
using Gateway::TrafficLog;
using Portcullis::TrafficLogFilterModel;
using Portcullis::TrafficLogModel;

// Sample ids (SampleTraffic::filterSet): 1 weather get_v1_forecast alice, 2 weather tools/list,
// 3 petstore addPet tool error, 4 petstore rejected 401 missing_key, 5 metadata GET (no service,
// path mentions weather), 6 weather get_v1_alerts RPC error, 7 github list_repos backend timeout,
// 8 petstore initialize.
class TestTrafficLogFilterModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void filters_data();
    void filters();
    void newEventsAreFiltered();
    void changingFilterEmitsOnce();

private:
    QList<int> visibleIds() const
    {
        QList<int> ids;
        for (int row = 0; row < m_filter->rowCount(); ++row)
            ids << int(m_filter->index(row, 0).data(TrafficLogModel::IdRole).toULongLong());
        return ids;
    }

    TrafficLog* m_log = nullptr;
    TrafficLogModel* m_model = nullptr;
    TrafficLogFilterModel* m_filter = nullptr;
};

void TestTrafficLogFilterModel::init()
{
    m_log = new TrafficLog(1000, this);
    for (const TrafficEvent& e : SampleTraffic::filterSet())
        m_log->append(e);
    m_model = new TrafficLogModel(this);
    m_model->setSource(m_log);
    m_filter = new TrafficLogFilterModel(this);
    new QAbstractItemModelTester(m_filter, QAbstractItemModelTester::FailureReportingMode::Fatal, m_filter);
    m_filter->setSourceModel(m_model);
    QCOMPARE(m_filter->rowCount(), 8);
}

void TestTrafficLogFilterModel::cleanup()
{
    delete m_filter;
    delete m_model;
    delete m_log;
}

void TestTrafficLogFilterModel::filters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("errorsOnly");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QList<int>>("expected");

    const QString all;
    QTest::newRow("no filter") << QString() << false << all << QList<int>{1, 2, 3, 4, 5, 6, 7, 8};
    QTest::newRow("blank text") << QStringLiteral("   ") << false << all << QList<int>{1, 2, 3, 4, 5, 6, 7, 8};
    QTest::newRow("service name or path") << QStringLiteral("weather") << false << all << QList<int>{1, 2, 5, 6};
    QTest::newRow("tool, any case") << QStringLiteral("FORECAST") << false << all << QList<int>{1};
    QTest::newRow("rpc method") << QStringLiteral("initialize") << false << all << QList<int>{8};
    QTest::newRow("http method or tool") << QStringLiteral("get") << false << all << QList<int>{1, 5, 6};
    QTest::newRow("principal") << QStringLiteral("Alice") << false << all << QList<int>{1};
    QTest::newRow("detail") << QStringLiteral("x-reshapr-key") << false << all << QList<int>{4};
    QTest::newRow("every term must match") << QStringLiteral("petstore tools") << false << all << QList<int>{3};
    QTest::newRow("no match") << QStringLiteral("zzz") << false << all << QList<int>{};
    QTest::newRow("errors only") << QString() << true << all << QList<int>{3, 4, 6, 7};
    QTest::newRow("errors and text") << QStringLiteral("weather") << true << all << QList<int>{6};
    QTest::newRow("service") << QString() << false << QStringLiteral("petstore") << QList<int>{3, 4, 8};
    QTest::newRow("service and errors") << QString() << true << QStringLiteral("petstore") << QList<int>{3, 4};
    QTest::newRow("service and text") << QStringLiteral("forecast") << false << QStringLiteral("weather")
                                      << QList<int>{1};
    QTest::newRow("service is exact") << QString() << false << QStringLiteral("weath") << QList<int>{};
    QTest::newRow("unknown service") << QString() << false << QStringLiteral("nope") << QList<int>{};
}

void TestTrafficLogFilterModel::filters()
{
    QFETCH(QString, text);
    QFETCH(bool, errorsOnly);
    QFETCH(QString, service);
    QFETCH(QList<int>, expected);

    m_filter->setFilterText(text);
    m_filter->setErrorsOnly(errorsOnly);
    m_filter->setServiceFilter(service);
    QCOMPARE(visibleIds(), expected);
    QCOMPARE(m_filter->isFiltering(), !text.trimmed().isEmpty() || errorsOnly || !service.isEmpty());

    // Clearing every filter brings everything back.
    m_filter->setFilterText(QString());
    m_filter->setErrorsOnly(false);
    m_filter->setServiceFilter(QString());
    QCOMPARE(m_filter->rowCount(), 8);
}

void TestTrafficLogFilterModel::newEventsAreFiltered()
{
    m_filter->setFilterText(QStringLiteral("forecast"));
    QCOMPARE(visibleIds(), QList<int>{1});
    m_log->append(SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("get_v1_forecast_daily")));
    m_log->append(SampleTraffic::toolCall(QStringLiteral("petstore"), QStringLiteral("getPetById")));
    QTRY_COMPARE(m_model->rowCount(), 10);
    QCOMPARE(visibleIds(), (QList<int>{1, 9}));
}

void TestTrafficLogFilterModel::changingFilterEmitsOnce()
{
    QSignalSpy changed(m_filter, &TrafficLogFilterModel::filterChanged);
    m_filter->setErrorsOnly(true);
    m_filter->setErrorsOnly(true);
    QCOMPARE(changed.count(), 1);
    m_filter->setFilterText(QStringLiteral("pet"));
    m_filter->setFilterText(QStringLiteral("pet "));
    QCOMPARE(changed.count(), 2);
    m_filter->setServiceFilter(QStringLiteral("petstore"));
    QCOMPARE(changed.count(), 3);
    QCOMPARE(visibleIds(), (QList<int>{3, 4}));
}

QTEST_MAIN(TestTrafficLogFilterModel)
#include "tst_trafficlogfiltermodel.moc"
