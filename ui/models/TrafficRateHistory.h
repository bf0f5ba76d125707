// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace Gateway {
struct TrafficEvent;
}

namespace Portcullis {

// Requests and errors per service over a sliding window (by default the last 10 minutes in 5 s
// buckets), for the Overview chart. Each series is a ring of fixed buckets addressed by the bucket's
// absolute number (time / bucket length), so rolling over, long gaps and late events need no
// bookkeeping: a slot holding an older bucket number reads as zero and is reset when written.
// Memory is bounded whatever the traffic: at most maxSeries named services (first come, a service
// without traffic in the window gives its place up) plus one "other" series for the rest and for
// events with no service. Not a widget and not a model: the page samples it about once a second.
class TrafficRateHistory
{
public:
    // Milliseconds since the epoch; injectable so tests drive time themselves.
    using Clock = std::function<qint64()>;

    struct Options
    {
        qint64 bucketMs = 5000;
        int bucketCount = 120; // 10 minutes
        int maxSeries = 8; // named services; the rest go to the "other" series
    };

    struct Rate
    {
        qint64 startMs = 0; // start of the bucket (ms since the epoch)
        double requestsPerSecond = 0;
        double errorsPerSecond = 0;
    };

    // The name of the series that holds services past maxSeries and events without a service
    // ("*" is not a valid service name).
    static QString otherSeries() { return QStringLiteral("*"); }

    explicit TrafficRateHistory(Clock clock = {}); // default clock: the system's
    TrafficRateHistory(const Options& options, Clock clock = {});

    const Options& options() const { return m_options; }
    qint64 now() const { return m_clock(); }
    qint64 windowMs() const { return m_options.bucketMs * m_options.bucketCount; }

    // Counts one request of `service` at `timeMs` (ms since the epoch), as an error when `error`.
    // Events older than the window are ignored; events later than now count in the current bucket.
    void record(const QString& service, qint64 timeMs, bool error);
    // Records a traffic event: elicitation steps are not requests and are skipped; errors are what
    // TrafficLogModel::isError calls errors.
    void addEvent(const Gateway::TrafficEvent& event);
    void addEvents(const QList<Gateway::TrafficEvent>& events);
    void clear();

    // Series with at least one request in the window: named services in the order they first
    // came, then otherSeries() when it has any.
    QStringList seriesNames() const;
    // bucketCount rates, oldest first, ending with the current bucket. A full bucket's rate is its
    // count over its length; the current bucket's is over the time elapsed in it (at least 1 s), so
    // the newest point does not dip while its bucket fills. Unknown series: all zero.
    QList<Rate> rates(const QString& series) const;
    // The same, summed over every series.
    QList<Rate> totalRates() const;
    // Requests and errors of `series` (or of all when empty) in the whole window.
    qint64 requestsInWindow(const QString& series = {}) const;
    qint64 errorsInWindow(const QString& series = {}) const;
    // Bytes held by the buckets (bounded by maxSeries + 1 rings).
    qsizetype memoryBytes() const;

private:
    struct Bucket
    {
        qint64 number = -1; // absolute bucket number this slot holds; -1: never written
        quint32 requests = 0;
        quint32 errors = 0;
    };
    struct Series
    {
        QString name;
        std::vector<Bucket> ring;
    };

    qint64 bucketNumber(qint64 timeMs) const;
    bool hasTraffic(const Series& series, qint64 currentBucket) const;
    Series* seriesFor(const QString& service, qint64 currentBucket);
    const Series* findSeries(const QString& name) const;
    void accumulate(const Series& series, qint64 currentBucket, std::vector<Bucket>* sums) const;
    // Counts per bucket of the window for `series`, or of every series when it is empty.
    std::vector<Bucket> sums(const QString& series, qint64 currentBucket) const;
    QList<Rate> toRates(const std::vector<Bucket>& sums, qint64 currentBucket) const;

    Options m_options;
    Clock m_clock;
    std::vector<Series> m_series; // named services, at most maxSeries
    Series m_other;
};

} // namespace Portcullis
