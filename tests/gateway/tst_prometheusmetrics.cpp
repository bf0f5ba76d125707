// SPDX-License-Identifier: GPL-3.0-or-later
// PrometheusMetrics: text exposition format 0.0.4 — counters, cumulative histograms, label escaping.
#include "log/PrometheusMetrics.h"

#include <QRegularExpression>
#include <QtTest>

using Gateway::PrometheusMetrics;
using Gateway::TrafficEvent;

namespace {

TrafficEvent call(const QString& service, const QString& tool, qint64 micros, int status = 200)
{
    TrafficEvent e;
    e.kind = TrafficEvent::Kind::McpRequest;
    e.service = service;
    e.tool = tool;
    e.rpcMethod = QStringLiteral("tools/call");
    e.httpStatus = status;
    e.totalMicros = micros;
    return e;
}

QList<QByteArray> lines(const QByteArray& text)
{
    QList<QByteArray> out = text.split('\n');
    if (!out.isEmpty() && out.last().isEmpty())
        out.removeLast();
    return out;
}

// The value of the one sample line that starts with `series` + ' '; -1 when absent or duplicated.
double sample(const QByteArray& text, const QByteArray& series)
{
    double value = -1;
    int found = 0;
    for (const QByteArray& line : lines(text)) {
        if (line.startsWith(series + ' ')) {
            ++found;
            value = line.mid(series.size() + 1).toDouble();
        }
    }
    return found == 1 ? value : -1;
}

} // namespace

class tst_PrometheusMetrics : public QObject
{
    Q_OBJECT

private slots:
    void emptyRender();
    void countersPerServiceAndTool();
    void errorsCounted_data();
    void errorsCounted();
    void histogramIsCumulative();
    void labelEscaping();
    void rejectedCounted();
    void overloadShedCountedByReason();
    void metadataRequestIsNotARejection();
    void everyLineIsWellFormed();
    void unknownToolNamesShareOneSeries();
    void seriesAreBoundedWithoutCatalog();
};

void tst_PrometheusMetrics::emptyRender()
{
    const PrometheusMetrics m;
    const QByteArray text = m.render();
    QCOMPARE(text,
             QByteArray(
                 "# HELP portcullis_requests_total MCP HTTP requests per service and tool.\n"
                 "# TYPE portcullis_requests_total counter\n"
                 "# HELP portcullis_errors_total Requests answered with an HTTP error, JSON-RPC error or tool error.\n"
                 "# TYPE portcullis_errors_total counter\n"
                 "# HELP portcullis_request_duration_seconds Time from arrival to answer.\n"
                 "# TYPE portcullis_request_duration_seconds histogram\n"
                 "# HELP portcullis_rejected_total Requests rejected before reaching a service.\n"
                 "# TYPE portcullis_rejected_total counter\n"
                 "portcullis_rejected_total 0\n"));
}

void tst_PrometheusMetrics::countersPerServiceAndTool()
{
    PrometheusMetrics m;
    m.record(call(QStringLiteral("demo"), QStringLiteral("getForecast"), 100));
    m.record(call(QStringLiteral("demo"), QStringLiteral("getForecast"), 100));
    m.record(call(QStringLiteral("demo"), QStringLiteral("listItems"), 100));
    m.record(call(QStringLiteral("billing"), QString(), 100)); // e.g. tools/list: no tool
    const QByteArray text = m.render();
    QCOMPARE(sample(text, R"(portcullis_requests_total{service="demo",tool="getForecast"})"), 2.0);
    QCOMPARE(sample(text, R"(portcullis_requests_total{service="demo",tool="listItems"})"), 1.0);
    QCOMPARE(sample(text, R"(portcullis_requests_total{service="billing",tool=""})"), 1.0);
    QCOMPARE(sample(text, R"(portcullis_errors_total{service="demo",tool="getForecast"})"), 0.0);
    QCOMPARE(sample(text, "portcullis_rejected_total"), 0.0);
    // Series are sorted (stable output for diffing and tests).
    const qsizetype billing = text.indexOf(R"(portcullis_requests_total{service="billing")");
    const qsizetype forecast = text.indexOf(R"(portcullis_requests_total{service="demo",tool="getForecast")");
    const qsizetype items = text.indexOf(R"(portcullis_requests_total{service="demo",tool="listItems")");
    QVERIFY(billing >= 0 && billing < forecast && forecast < items);
}

void tst_PrometheusMetrics::errorsCounted_data()
{
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<int>("rpcError");
    QTest::addColumn<bool>("toolError");
    QTest::addColumn<int>("errors");
    QTest::newRow("200 ok") << 200 << 0 << false << 0;
    QTest::newRow("202 ok") << 202 << 0 << false << 0;
    QTest::newRow("HTTP 400") << 400 << 0 << false << 1;
    QTest::newRow("HTTP 503") << 503 << 0 << false << 1;
    QTest::newRow("JSON-RPC error on 200") << 200 << -32602 << false << 1;
    QTest::newRow("tool error on 200") << 200 << 0 << true << 1;
    QTest::newRow("all at once counts once") << 404 << -32601 << true << 1;
}

void tst_PrometheusMetrics::errorsCounted()
{
    QFETCH(int, httpStatus);
    QFETCH(int, rpcError);
    QFETCH(bool, toolError);
    QFETCH(int, errors);
    PrometheusMetrics m;
    TrafficEvent e = call(QStringLiteral("demo"), QStringLiteral("t"), 10, httpStatus);
    e.rpcErrorCode = rpcError;
    e.toolError = toolError;
    m.record(e);
    const QByteArray text = m.render();
    QCOMPARE(sample(text, R"(portcullis_requests_total{service="demo",tool="t"})"), 1.0);
    QCOMPARE(sample(text, R"(portcullis_errors_total{service="demo",tool="t"})"), double(errors));
}

void tst_PrometheusMetrics::histogramIsCumulative()
{
    PrometheusMetrics m;
    m.record(call(QStringLiteral("demo"), QStringLiteral("t"), 50)); // 0.00005 s
    m.record(call(QStringLiteral("demo"), QStringLiteral("t"), 3000)); // 0.003 s
    m.record(call(QStringLiteral("demo"), QStringLiteral("t"), 3000)); // 0.003 s
    m.record(call(QStringLiteral("demo"), QStringLiteral("t"), 200000)); // 0.2 s
    m.record(call(QStringLiteral("demo"), QStringLiteral("t"), 3000000)); // 3 s: only in +Inf
    const QByteArray text = m.render();
    const QByteArray prefix = R"(portcullis_request_duration_seconds_bucket{service="demo",tool="t",le=")";
    const QList<QPair<QByteArray, double>> expected{
        {"0.0001", 1}, {"0.00025", 1}, {"0.0005", 1}, {"0.001", 1}, {"0.0025", 1}, {"0.005", 3}, {"0.01", 3},
        {"0.025", 3},  {"0.05", 3},    {"0.1", 3},    {"0.5", 4},   {"2.5", 4},    {"+Inf", 5}};
    QCOMPARE(qsizetype(expected.size()), qsizetype(PrometheusMetrics::BucketsSeconds.size() + 1));
    double previous = 0;
    for (const auto& [le, count] : expected) {
        const double value = sample(text, prefix + le + "\"}");
        QVERIFY2(
            value == count,
            qPrintable(QStringLiteral("le=%1: %2, expected %3").arg(QString::fromLatin1(le)).arg(value).arg(count)));
        QVERIFY(value >= previous);
        previous = value;
    }
    QCOMPARE(sample(text, R"(portcullis_request_duration_seconds_count{service="demo",tool="t"})"), 5.0);
    const double sum = sample(text, R"(portcullis_request_duration_seconds_sum{service="demo",tool="t"})");
    QVERIFY2(qAbs(sum - 3.20605) < 1e-9, qPrintable(QString::number(sum, 'g', 12)));
    // Buckets appear in increasing le order, +Inf last, then _sum and _count.
    const qsizetype first = text.indexOf(prefix + "0.0001\"");
    const qsizetype inf = text.indexOf(prefix + "+Inf\"");
    const qsizetype sumPos = text.indexOf("portcullis_request_duration_seconds_sum{");
    const qsizetype countPos = text.indexOf("portcullis_request_duration_seconds_count{");
    QVERIFY(first >= 0 && first < inf && inf < sumPos && sumPos < countPos);
}

void tst_PrometheusMetrics::labelEscaping()
{
    PrometheusMetrics m;
    m.record(call(QStringLiteral("we\"ird\\svc"), QStringLiteral("line1\nline2"), 10));
    const QByteArray text = m.render();
    // Escaped as \" \\ and \n inside the label values.
    QCOMPARE(sample(text, "portcullis_requests_total{service=\"we\\\"ird\\\\svc\",tool=\"line1\\nline2\"}"), 1.0);
    // No raw newline inside a label: every line is still a comment or a complete sample.
    for (const QByteArray& line : lines(text))
        QVERIFY2(line.startsWith('#') || line.startsWith("portcullis_"), line.constData());
}

void tst_PrometheusMetrics::rejectedCounted()
{
    PrometheusMetrics m;
    TrafficEvent host;
    host.kind = TrafficEvent::Kind::Rejected;
    host.httpStatus = 403;
    m.record(host);
    TrafficEvent guard; // e.g. 431 from the connection guard
    guard.kind = TrafficEvent::Kind::Rejected;
    guard.httpStatus = 431;
    m.record(guard);
    TrafficEvent unknownService; // 404 for /mcp/nope
    unknownService.kind = TrafficEvent::Kind::Rejected;
    unknownService.httpStatus = 404;
    m.record(unknownService);
    const QByteArray text = m.render();
    QCOMPARE(sample(text, "portcullis_rejected_total"), 3.0);
    QVERIFY(!text.contains("portcullis_requests_total{"));
}

void tst_PrometheusMetrics::overloadShedCountedByReason()
{
    PrometheusMetrics m;
    TrafficEvent cap; // the connection guard's 503 at the cap
    cap.kind = TrafficEvent::Kind::Rejected;
    cap.httpStatus = 503;
    cap.overload = QStringLiteral("connection_cap");
    m.record(cap);
    for (int i = 0; i < 2; ++i) {
        TrafficEvent shed = call(QStringLiteral("demo"), QStringLiteral("getForecast"), 50, 503);
        shed.overload = QStringLiteral("tool_calls_in_flight");
        m.record(shed);
    }
    const QByteArray text = m.render();
    QCOMPARE(sample(text, "portcullis_overload_shed_total{reason=\"connection_cap\"}"), 1.0);
    QCOMPARE(sample(text, "portcullis_overload_shed_total{reason=\"tool_calls_in_flight\"}"), 2.0);
    QCOMPARE(sample(text, "portcullis_rejected_total"), 1.0);
    QCOMPARE(sample(text, "portcullis_errors_total{service=\"demo\",tool=\"getForecast\"}"), 2.0);
}

void tst_PrometheusMetrics::metadataRequestIsNotARejection()
{
    // A successful scrape of /metrics (Kind::Metadata, no service) was not "rejected before
    // reaching a service"; counting it would make every scrape raise the rejection alarm.
    PrometheusMetrics m;
    TrafficEvent scrape;
    scrape.kind = TrafficEvent::Kind::Metadata;
    scrape.httpMethod = QStringLiteral("GET");
    scrape.path = QStringLiteral("/metrics");
    scrape.httpStatus = 200;
    m.record(scrape);
    m.record(scrape);
    QCOMPARE(sample(m.render(), "portcullis_rejected_total"), 0.0);
}

void tst_PrometheusMetrics::everyLineIsWellFormed()
{
    PrometheusMetrics m;
    m.record(call(QStringLiteral("a"), QStringLiteral("x"), 1234));
    m.record(call(QStringLiteral("b"), QStringLiteral("y"), 999999, 500));
    const QByteArray text = m.render();
    QVERIFY(text.endsWith('\n'));
    const QRegularExpression sampleLine(QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^"
                                                       "\"\\\\\\n]|\\\\[\"\\\\n])*\",?)*\\})? [-+0-9.eE]+$"));
    const QRegularExpression comment(QStringLiteral(R"(^# (HELP|TYPE) portcullis_[a-z_]+ .+$)"));
    for (const QByteArray& line : lines(text)) {
        const QString l = QString::fromUtf8(line);
        QVERIFY2(sampleLine.match(l).hasMatch() || comment.match(l).hasMatch(), line.constData());
    }
}

void tst_PrometheusMetrics::unknownToolNamesShareOneSeries()
{
    PrometheusMetrics m;
    m.setCatalog({{QStringLiteral("demo"), {QStringLiteral("getForecast")}}});
    m.record(call(QStringLiteral("demo"), QStringLiteral("getForecast"), 10));
    for (int i = 0; i < 1000; ++i)
        m.record(call(QStringLiteral("demo"), QStringLiteral("invented_%1").arg(i), 10, 200));
    m.record(call(QStringLiteral("ghost"), QStringLiteral("getForecast"), 10)); // not configured: not counted
    const QByteArray text = m.render();
    QCOMPARE(sample(text, R"(portcullis_requests_total{service="demo",tool="getForecast"})"), 1.0);
    QCOMPARE(sample(text, R"x(portcullis_requests_total{service="demo",tool="(unknown)"})x"), 1000.0);
    QVERIFY(!text.contains("invented_"));
    QVERIFY(!text.contains("ghost"));
    // Two series, each with its 17 lines; the size does not grow with the names clients invent.
    QCOMPARE(text.count("portcullis_requests_total{"), 2);
    QVERIFY2(text.size() < 8000, qPrintable(QString::number(text.size())));
}

void tst_PrometheusMetrics::seriesAreBoundedWithoutCatalog()
{
    PrometheusMetrics m;
    for (int i = 0; i < PrometheusMetrics::MaxSeries + 500; ++i)
        m.record(call(QStringLiteral("s"), QStringLiteral("t%1").arg(i), 10));
    const QByteArray text = m.render();
    QCOMPARE(text.count("portcullis_requests_total{"), PrometheusMetrics::MaxSeries + 1);
    QCOMPARE(sample(text, R"x(portcullis_requests_total{service="(overflow)",tool="(overflow)"})x"), 500.0);
}

QTEST_GUILESS_MAIN(tst_PrometheusMetrics)
#include "tst_prometheusmetrics.moc"
