// SPDX-License-Identifier: GPL-3.0-or-later
// TrafficLog: bounded ring with increasing ids, eventsSince(), the append signal and the JSON Lines
// mirror; TrafficEvent::toJson field rules.
#include "log/TrafficLog.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using Gateway::TrafficEvent;
using Gateway::TrafficLog;

namespace {

TrafficEvent makeEvent(const QString& tool, int status = 200)
{
    TrafficEvent e;
    e.time = QDateTime(QDate(2026, 7, 28), QTime(12, 0, 0, 5), Qt::UTC);
    e.httpMethod = QStringLiteral("POST");
    e.path = QStringLiteral("/mcp/demo");
    e.service = QStringLiteral("demo");
    e.rpcMethod = QStringLiteral("tools/call");
    e.tool = tool;
    e.httpStatus = status;
    return e;
}

QList<quint64> idsOf(const QList<TrafficEvent>& events)
{
    QList<quint64> out;
    for (const TrafficEvent& e : events)
        out.append(e.id);
    return out;
}

QList<QByteArray> readLines(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = f.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

class tst_TrafficLog : public QObject
{
    Q_OBJECT

private slots:
    void idsIncreaseFromOne();
    void ringKeepsNewest();
    void ringWrapsManyTimes();
    void eventsSince();
    void capacityAtLeastOne();
    void appendSignal();
    void jsonLinesMirror();
    void jsonLinesAppendsToExistingFile();
    void jsonLinesUnwritablePath();
    void eventJsonFields();
    void eventJsonOmitsEmptyFields();
};

void tst_TrafficLog::idsIncreaseFromOne()
{
    TrafficLog log(10);
    QCOMPARE(log.lastId(), quint64(0));
    QCOMPARE(log.size(), 0);
    QVERIFY(log.events().isEmpty());
    QCOMPARE(log.append(makeEvent(QStringLiteral("a"))), quint64(1));
    QCOMPARE(log.append(makeEvent(QStringLiteral("b"))), quint64(2));
    QCOMPARE(log.append(makeEvent(QStringLiteral("c"))), quint64(3));
    QCOMPARE(log.lastId(), quint64(3));
    const QList<TrafficEvent> all = log.events();
    QCOMPARE(idsOf(all), (QList<quint64>{1, 2, 3}));
    QCOMPARE(all.at(1).tool, QStringLiteral("b"));
    // The id passed in is ignored: the log assigns it.
    TrafficEvent forged = makeEvent(QStringLiteral("d"));
    forged.id = 999;
    QCOMPARE(log.append(forged), quint64(4));
}

void tst_TrafficLog::ringKeepsNewest()
{
    TrafficLog log(3);
    QCOMPARE(log.capacity(), 3);
    for (int i = 1; i <= 5; ++i)
        QCOMPARE(log.append(makeEvent(QString::number(i))), quint64(i));
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.lastId(), quint64(5));
    const QList<TrafficEvent> all = log.events();
    QCOMPARE(idsOf(all), (QList<quint64>{3, 4, 5})); // oldest first
    QCOMPARE(all.first().tool, QStringLiteral("3"));
    QCOMPARE(all.last().tool, QStringLiteral("5"));
}

void tst_TrafficLog::ringWrapsManyTimes()
{
    TrafficLog log(4);
    for (int i = 1; i <= 11; ++i)
        log.append(makeEvent(QString::number(i)));
    QCOMPARE(idsOf(log.events()), (QList<quint64>{8, 9, 10, 11}));
    QCOMPARE(idsOf(log.eventsSince(9)), (QList<quint64>{10, 11}));
    for (const TrafficEvent& e : log.events())
        QCOMPARE(e.tool, QString::number(e.id));
}

void tst_TrafficLog::eventsSince()
{
    TrafficLog log(5);
    for (int i = 1; i <= 8; ++i)
        log.append(makeEvent(QString::number(i)));
    // Ring holds 4..8.
    QCOMPARE(idsOf(log.eventsSince(0)), (QList<quint64>{4, 5, 6, 7, 8}));
    QCOMPARE(idsOf(log.eventsSince(2)), (QList<quint64>{4, 5, 6, 7, 8})); // older ones are gone
    QCOMPARE(idsOf(log.eventsSince(6)), (QList<quint64>{7, 8}));
    QCOMPARE(idsOf(log.eventsSince(7)), (QList<quint64>{8}));
    QVERIFY(log.eventsSince(8).isEmpty());
    QVERIFY(log.eventsSince(100).isEmpty());
}

void tst_TrafficLog::capacityAtLeastOne()
{
    TrafficLog log(0);
    QCOMPARE(log.capacity(), 1);
    log.append(makeEvent(QStringLiteral("a")));
    log.append(makeEvent(QStringLiteral("b")));
    QCOMPARE(log.size(), 1);
    QCOMPARE(idsOf(log.events()), (QList<quint64>{2}));
}

void tst_TrafficLog::appendSignal()
{
    TrafficLog log(2);
    QSignalSpy spy(&log, &TrafficLog::eventAppended);
    log.append(makeEvent(QStringLiteral("a")));
    log.append(makeEvent(QStringLiteral("b"), 404));
    log.append(makeEvent(QStringLiteral("c")));
    QCOMPARE(spy.size(), 3);
    const auto second = spy.at(1).at(0).value<TrafficEvent>();
    QCOMPARE(second.id, quint64(2));
    QCOMPARE(second.tool, QStringLiteral("b"));
    QCOMPARE(second.httpStatus, 404);
    QCOMPARE(spy.at(2).at(0).value<TrafficEvent>().id, quint64(3));
}

void tst_TrafficLog::jsonLinesMirror()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("traffic.jsonl"));
    TrafficLog log(2); // the file keeps everything, the ring only the newest
    QVERIFY(log.setJsonLinesFile(path));
    QVERIFY(log.errorString().isEmpty());
    QList<TrafficEvent> appended;
    for (int i = 1; i <= 3; ++i) {
        TrafficEvent e = makeEvent(QStringLiteral("tool%1").arg(i));
        e.id = log.append(e);
        appended.append(e);
    }
    // Flushed per event: readable right away.
    QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(lines.at(i), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc.object(), appended.at(i).toJson());
        QCOMPARE(doc.object().value(QLatin1String("id")).toString(), QString::number(i + 1));
        QVERIFY(!lines.at(i).contains('\n'));
    }
    // An empty path stops mirroring.
    QVERIFY(log.setJsonLinesFile(QString()));
    log.append(makeEvent(QStringLiteral("after")));
    QCOMPARE(readLines(path).size(), 3);
}

void tst_TrafficLog::jsonLinesAppendsToExistingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("traffic.jsonl"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"previous\":true}\n");
    }
    TrafficLog log;
    QVERIFY(log.setJsonLinesFile(path));
    log.append(makeEvent(QStringLiteral("x")));
    const QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.first(), QByteArray("{\"previous\":true}"));
    QCOMPARE(QJsonDocument::fromJson(lines.last()).object().value(QLatin1String("tool")).toString(),
             QStringLiteral("x"));
}

void tst_TrafficLog::jsonLinesUnwritablePath()
{
    QTemporaryDir dir;
    TrafficLog log;
    QVERIFY(!log.setJsonLinesFile(dir.filePath(QStringLiteral("missing/traffic.jsonl"))));
    QVERIFY(!log.errorString().isEmpty());
    // The in-memory log keeps working.
    QCOMPARE(log.append(makeEvent(QStringLiteral("a"))), quint64(1));
    QCOMPARE(log.size(), 1);
}

void tst_TrafficLog::eventJsonFields()
{
    TrafficEvent e = makeEvent(QStringLiteral("getForecast"));
    e.id = 42;
    e.kind = TrafficEvent::Kind::McpRequest;
    e.protocolRevision = QStringLiteral("2026-07-28");
    e.session = QStringLiteral("abcdefgh");
    e.principal = QStringLiteral("anonymous");
    e.authDecision = QStringLiteral("none");
    e.rpcErrorCode = -32602;
    e.toolError = true;
    e.backendStatus = 503;
    e.backendError = QStringLiteral("Timeout");
    e.totalMicros = 1234;
    e.backendMicros = 1000;
    e.requestBytes = 10;
    e.responseBytes = 20;
    e.detail = QStringLiteral("d");
    const QJsonObject expected{{QStringLiteral("id"), QStringLiteral("42")},
                               {QStringLiteral("time"), QStringLiteral("2026-07-28T12:00:00.005Z")},
                               {QStringLiteral("kind"), QStringLiteral("mcp")},
                               {QStringLiteral("method"), QStringLiteral("POST")},
                               {QStringLiteral("path"), QStringLiteral("/mcp/demo")},
                               {QStringLiteral("service"), QStringLiteral("demo")},
                               {QStringLiteral("protocol"), QStringLiteral("2026-07-28")},
                               {QStringLiteral("session"), QStringLiteral("abcdefgh")},
                               {QStringLiteral("principal"), QStringLiteral("anonymous")},
                               {QStringLiteral("rpcMethod"), QStringLiteral("tools/call")},
                               {QStringLiteral("tool"), QStringLiteral("getForecast")},
                               {QStringLiteral("auth"), QStringLiteral("none")},
                               {QStringLiteral("backendError"), QStringLiteral("Timeout")},
                               {QStringLiteral("detail"), QStringLiteral("d")},
                               {QStringLiteral("status"), 200},
                               {QStringLiteral("rpcError"), -32602},
                               {QStringLiteral("toolError"), true},
                               {QStringLiteral("backendStatus"), 503},
                               {QStringLiteral("totalUs"), 1234},
                               {QStringLiteral("backendUs"), 1000},
                               {QStringLiteral("requestBytes"), 10},
                               {QStringLiteral("responseBytes"), 20}};
    QCOMPARE(e.toJson(), expected);
}

void tst_TrafficLog::eventJsonOmitsEmptyFields()
{
    TrafficEvent e;
    e.id = 1;
    e.time = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    e.kind = TrafficEvent::Kind::Rejected;
    e.httpMethod = QStringLiteral("GET");
    e.path = QStringLiteral("/");
    e.httpStatus = 403;
    const QJsonObject json = e.toJson();
    QCOMPARE(json.keys(),
             (QStringList{QStringLiteral("id"), QStringLiteral("kind"), QStringLiteral("method"),
                          QStringLiteral("path"), QStringLiteral("requestBytes"), QStringLiteral("responseBytes"),
                          QStringLiteral("status"), QStringLiteral("time"), QStringLiteral("totalUs")}));
    QCOMPARE(json.value(QLatin1String("kind")).toString(), QStringLiteral("rejected"));
    QCOMPARE(TrafficEvent::kindName(TrafficEvent::Kind::Metadata), QStringLiteral("metadata"));
    QCOMPARE(TrafficEvent::kindName(TrafficEvent::Kind::Elicitation), QStringLiteral("elicitation"));
    QCOMPARE(TrafficEvent::kindName(TrafficEvent::Kind::Other), QStringLiteral("other"));
}

QTEST_GUILESS_MAIN(tst_TrafficLog)
#include "tst_trafficlog.moc"
