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
    void fieldTermsAndClasses_data();
    void fieldTermsAndClasses();
    void bodyMatches();

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
    QList<TrafficEvent> events = SampleTraffic::filterSet();
    events[1].protocolRevision = QStringLiteral("2026-07-28");
    events[7].protocolRevision = QStringLiteral("2025-03-26");
    for (const TrafficEvent& e : std::as_const(events))
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

void TestTrafficLogFilterModel::fieldTermsAndClasses_data()
{
    using Status = TrafficLogFilterModel::StatusClass;
    using Auth = TrafficLogFilterModel::AuthOutcome;
    QTest::addColumn<QString>("text");
    QTest::addColumn<Status>("status");
    QTest::addColumn<Auth>("auth");
    QTest::addColumn<QString>("revision");
    QTest::addColumn<QList<int>>("expected");

    const QString any;
    QTest::newRow("tool: field") << QStringLiteral("tool:forecast") << Status::Any << Auth::Any << any << QList<int>{1};
    QTest::newRow("tool: substring") << QStringLiteral("tool:GET") << Status::Any << Auth::Any << any
                                     << QList<int>{1, 6};
    QTest::newRow("person:") << QStringLiteral("person:alice") << Status::Any << Auth::Any << any << QList<int>{1};
    QTest::newRow("principal: alias") << QStringLiteral("principal:pk_demo") << Status::Any << Auth::Any << any
                                      << QList<int>{3};
    QTest::newRow("unknown field is a word")
        << QStringLiteral("key:pk_demo") << Status::Any << Auth::Any << any << QList<int>{3};
    QTest::newRow("negated word") << QStringLiteral("-weather") << Status::Any << Auth::Any << any
                                  << QList<int>{3, 4, 7, 8};
    QTest::newRow("status class") << QStringLiteral("status:4xx") << Status::Any << Auth::Any << any << QList<int>{4};
    QTest::newRow("status code") << QStringLiteral("status:401") << Status::Any << Auth::Any << any << QList<int>{4};
    QTest::newRow("backend status code") << QStringLiteral("status:400") << Status::Any << Auth::Any << any
                                         << QList<int>{3};
    QTest::newRow("status:error") << QStringLiteral("status:error") << Status::Any << Auth::Any << any
                                  << QList<int>{3, 4, 6, 7};
    QTest::newRow("auth:") << QStringLiteral("auth:denied") << Status::Any << Auth::Any << any << QList<int>{4};
    QTest::newRow("reason:") << QStringLiteral("reason:missing") << Status::Any << Auth::Any << any << QList<int>{4};
    QTest::newRow("rev:") << QStringLiteral("rev:2026") << Status::Any << Auth::Any << any << QList<int>{2};
    QTest::newRow("method:") << QStringLiteral("method:initialize") << Status::Any << Auth::Any << any << QList<int>{8};
    QTest::newRow("field and negated field")
        << QStringLiteral("service:pet -status:error") << Status::Any << Auth::Any << any << QList<int>{8};
    QTest::newRow("successful") << QString() << Status::Success << Auth::Any << any << QList<int>{1, 2, 5, 8};
    QTest::newRow("client errors") << QString() << Status::ClientErrors << Auth::Any << any << QList<int>{4};
    QTest::newRow("server errors") << QString() << Status::ServerErrors << Auth::Any << any << QList<int>{};
    QTest::newRow("tool errors") << QString() << Status::ToolErrors << Auth::Any << any << QList<int>{3, 6, 7};
    QTest::newRow("rejected") << QString() << Status::Rejected << Auth::Any << any << QList<int>{4};
    QTest::newRow("auth allowed") << QString() << Status::Any << Auth::Allowed << any << QList<int>{};
    QTest::newRow("auth denied") << QString() << Status::Any << Auth::Denied << any << QList<int>{4};
    QTest::newRow("no endpoint security")
        << QString() << Status::Any << Auth::Unguarded << any << QList<int>{1, 2, 3, 6, 7, 8};
    QTest::newRow("revision") << QString() << Status::Any << Auth::Any << QStringLiteral("2025-03-26") << QList<int>{8};
    QTest::newRow("text and tool errors")
        << QStringLiteral("weather") << Status::ToolErrors << Auth::Any << any << QList<int>{6};
}

void TestTrafficLogFilterModel::fieldTermsAndClasses()
{
    using Status = TrafficLogFilterModel::StatusClass;
    using Auth = TrafficLogFilterModel::AuthOutcome;
    QFETCH(QString, text);
    QFETCH(Status, status);
    QFETCH(Auth, auth);
    QFETCH(QString, revision);
    QFETCH(QList<int>, expected);

    m_filter->setFilterText(text);
    m_filter->setStatusClass(status);
    m_filter->setAuthOutcome(auth);
    m_filter->setRevisionFilter(revision);
    QCOMPARE(visibleIds(), expected);
    QVERIFY(m_filter->isFiltering());
    m_filter->setFilterText(QString());
    m_filter->setStatusClass(Status::Any);
    m_filter->setAuthOutcome(Auth::Any);
    m_filter->setRevisionFilter(QString());
    QVERIFY(!m_filter->isFiltering());
    QCOMPARE(m_filter->rowCount(), 8);
}

void TestTrafficLogFilterModel::bodyMatches()
{
    // The gateway found the words in the captured payloads of events 3 and 7.
    m_filter->setBodySearchEnabled(true);
    m_filter->setFilterText(QStringLiteral("Canary"));
    QCOMPARE(m_filter->plainWords(), QStringList{QStringLiteral("canary")});
    QCOMPARE(visibleIds(), QList<int>{});
    m_filter->addBodyMatches({3, 7});
    QCOMPARE(visibleIds(), (QList<int>{3, 7}));
    // Other words forget the matches (they answered "canary"); a negated word looks at the event.
    m_filter->setFilterText(QStringLiteral("canary -github"));
    QCOMPARE(m_filter->plainWords(), QStringList{QStringLiteral("canary")});
    QCOMPARE(visibleIds(), QList<int>{});
    m_filter->addBodyMatches({3, 7});
    QCOMPARE(visibleIds(), QList<int>{3});
    // A word found in the event itself still counts without a body match.
    m_filter->setFilterText(QStringLiteral("alice"));
    QCOMPARE(visibleIds(), QList<int>{1});
    // Body search off: the matches are gone and ignored.
    m_filter->setFilterText(QStringLiteral("canary"));
    m_filter->addBodyMatches({3});
    QCOMPARE(visibleIds(), QList<int>{3});
    m_filter->setBodySearchEnabled(false);
    QCOMPARE(visibleIds(), QList<int>{});
    m_filter->addBodyMatches({3});
    QCOMPARE(visibleIds(), QList<int>{});
}

QTEST_MAIN(TestTrafficLogFilterModel)
#include "tst_trafficlogfiltermodel.moc"
