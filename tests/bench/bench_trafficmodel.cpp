// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): the traffic view with 1,000,000 events in its ring and 5,000 new events
// per second, the payload capture's memory under its budget and the cost of searching it. Prints
// timings and sizes.
//   bench_trafficmodel [events=1000000] [batch=5000] [filter=1] [capture=1]
// (filter=0 skips the filter timings, capture=0 the capture store)
#include "log/PayloadCapture.h"
#include "models/TrafficLogFilterModel.h"
#include "models/TrafficLogModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTreeView>

#include <algorithm>
#include <cstdio>

namespace {

qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

Gateway::TrafficEvent event(int i)
{
    Gateway::TrafficEvent e;
    e.time = QDateTime::currentDateTimeUtc();
    e.httpMethod = QStringLiteral("POST");
    e.path = QStringLiteral("/mcp/weather");
    e.service = i % 3 ? QStringLiteral("weather") : QStringLiteral("petstore");
    e.protocolRevision = QStringLiteral("2026-07-28");
    e.principal = QStringLiteral("key:k%1").arg(i % 50);
    e.rpcMethod = QStringLiteral("tools/call");
    e.tool = i % 2 ? QStringLiteral("getForecast") : QStringLiteral("listPets");
    e.authDecision = QStringLiteral("allowed");
    e.httpStatus = i % 97 ? 200 : 401;
    e.totalMicros = 1200 + i % 500;
    e.backendMicros = 900;
    return e;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(qMin(values.size() - 1, qsizetype(p * double(values.size()))));
}

} // namespace

int main(int argc, char** argv)
{
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    QApplication app(argc, argv);
    const bool timeFilters = argc > 3 ? QByteArray(argv[3]).toInt() != 0 : true;
    const bool timeCapture = argc > 4 ? QByteArray(argv[4]).toInt() != 0 : true;
    const int total = argc > 1 ? QByteArray(argv[1]).toInt() : 1000000;
    const int batch = argc > 2 ? QByteArray(argv[2]).toInt() : 5000;

    Portcullis::TrafficLogModel model(total);
    Portcullis::TrafficLogFilterModel filter;
    filter.setSourceModel(&model);
    QTreeView view;
    view.setUniformRowHeights(true);
    view.setModel(&filter);
    view.resize(1000, 600);
    view.show();

    const qint64 rssBefore = rssKiB();
    QList<double> appendMs;
    QElapsedTimer all;
    all.start();
    int id = 0;
    // Fill the ring to capacity, then 10 more seconds' worth (5,000 a second) past it.
    const int batches = total / batch + 10;
    for (int b = 0; b < batches; ++b) {
        QList<Gateway::TrafficEvent> events;
        events.reserve(batch);
        for (int i = 0; i < batch; ++i) {
            Gateway::TrafficEvent e = event(id);
            e.id = quint64(++id);
            events.append(e);
        }
        QElapsedTimer t;
        t.start();
        model.appendEvents(events);
        model.flushPending();
        QCoreApplication::processEvents();
        appendMs.append(double(t.nsecsElapsed()) / 1e6);
    }
    const double fillS = double(all.elapsed()) / 1000.0;
    const QList<double> pastCapacity = appendMs.mid(appendMs.size() - 10);
    std::printf("events in model: %d (capacity %d), filled in %.1f s\n", model.rowCount(), total, fillS);
    std::printf("append of %d events (one batch = 1 s of traffic at 5,000/s), with filter proxy and view:\n", batch);
    std::printf("  all batches: median %.1f ms, p95 %.1f ms, max %.1f ms\n", percentile(appendMs, 0.5),
                percentile(appendMs, 0.95), percentile(appendMs, 1.0));
    std::printf("  at capacity (oldest trimmed): median %.1f ms, max %.1f ms\n", percentile(pastCapacity, 0.5),
                percentile(pastCapacity, 1.0));
    for (const char* text : {"getForecast", "k7 weather", "petstore listPets key:k49"}) {
        if (!timeFilters)
            break;
        QElapsedTimer t;
        t.start();
        filter.setFilterText(QString::fromLatin1(text));
        QCoreApplication::processEvents();
        std::printf("filter \"%s\": %.0f ms, %d rows shown\n", text, double(t.nsecsElapsed()) / 1e6, filter.rowCount());
    }
    QElapsedTimer t;
    t.start();
    filter.setFilterText(QString());
    QCoreApplication::processEvents();
    std::printf("clear filter: %.0f ms\n", double(t.nsecsElapsed()) / 1e6);
    const qint64 rssModel = rssKiB();
    std::printf("RSS: %lld KiB before, %lld KiB with %d events (%.0f bytes/event)\n", rssBefore, rssModel,
                model.rowCount(), double(rssModel - rssBefore) * 1024.0 / double(model.rowCount()));

    if (!timeCapture)
        return 0;
    // Payload capture: 200,000 exchanges of ~6 KB each (both legs) into a 64 MiB budget.
    Gateway::PayloadCaptureStore store;
    const QByteArray body(2048, 'x');
    QElapsedTimer c;
    c.start();
    for (quint64 i = 1; i <= 200000; ++i) {
        Gateway::CapturedExchange ex;
        ex.mcp.method = "POST";
        ex.mcp.url = QStringLiteral("/mcp/weather");
        ex.mcp.requestHeaders = {{"Content-Type", "application/json"}, {"x-reshapr-key", "rk_secret_value_123"}};
        ex.mcp.requestBody = body;
        ex.mcp.responseBody = body;
        ex.hasBackend = true;
        ex.backend.method = "GET";
        ex.backend.url = QStringLiteral("http://127.0.0.1:9/v1/forecast");
        ex.backend.responseBody = body;
        store.store(i, std::move(ex));
    }
    const qint64 rssCapture = rssKiB();
    std::printf("capture: 200000 stored in %.1f s (%.1f us each), %d kept, %lld bytes accounted (budget %lld), "
                "%llu evicted, RSS +%lld KiB\n",
                double(c.elapsed()) / 1000.0, double(c.nsecsElapsed()) / 1000.0 / 200000.0, store.size(),
                store.usedBytes(), store.budgetBytes(), static_cast<unsigned long long>(store.evicted()),
                rssCapture - rssModel);

    // Payload search over the full store, as the gateway thread runs it: one slice at a time. A
    // word found nowhere is the worst case (every byte looked at).
    QList<double> sliceMs;
    quint64 from = 1;
    int matches = 0;
    QElapsedTimer s;
    s.start();
    for (;;) {
        QElapsedTimer one;
        one.start();
        const auto slice = store.search({"Needle-Not-There"}, from, Gateway::PayloadCaptureStore::SearchSliceBytes);
        sliceMs.append(double(one.nsecsElapsed()) / 1e6);
        matches += int(slice.matches.size());
        if (slice.finished)
            break;
        from = slice.lastScannedId + 1;
    }
    std::printf("payload search over %lld bytes: %.0f ms in %lld slices of %lld KiB (slice median %.2f ms, max "
                "%.2f ms), %d matches\n",
                store.usedBytes(), double(s.nsecsElapsed()) / 1e6, static_cast<long long>(sliceMs.size()),
                Gateway::PayloadCaptureStore::SearchSliceBytes / 1024, percentile(sliceMs, 0.5),
                percentile(sliceMs, 1.0), matches);
    return 0;
}
