// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrafficRateHistory.h"

#include "models/TrafficLogModel.h"

#include "log/TrafficEvent.h"

#include <QDateTime>

namespace Portcullis {

TrafficRateHistory::TrafficRateHistory(Clock clock)
    : TrafficRateHistory(Options(), std::move(clock))
{
}

TrafficRateHistory::TrafficRateHistory(const Options& options, Clock clock)
    : m_options(options)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); }))
{
    m_options.bucketMs = qMax<qint64>(1, m_options.bucketMs);
    m_options.bucketCount = qMax(1, m_options.bucketCount);
    m_options.maxSeries = qMax(0, m_options.maxSeries);
    m_other.name = otherSeries();
    m_other.ring.resize(size_t(m_options.bucketCount));
}

qint64 TrafficRateHistory::bucketNumber(qint64 timeMs) const
{
    // Floor division: times before the epoch (never in practice) still map to one bucket each.
    return timeMs >= 0 ? timeMs / m_options.bucketMs : -((-timeMs + m_options.bucketMs - 1) / m_options.bucketMs);
}

bool TrafficRateHistory::hasTraffic(const Series& series, qint64 currentBucket) const
{
    const qint64 oldest = currentBucket - m_options.bucketCount + 1;
    for (const Bucket& b : series.ring) {
        if (b.number >= oldest && b.number <= currentBucket && b.requests > 0)
            return true;
    }
    return false;
}

TrafficRateHistory::Series* TrafficRateHistory::seriesFor(const QString& service, qint64 currentBucket)
{
    if (service.isEmpty() || service == otherSeries())
        return &m_other;
    for (Series& s : m_series) {
        if (s.name == service)
            return &s;
    }
    if (int(m_series.size()) < m_options.maxSeries) {
        m_series.push_back(Series{service, std::vector<Bucket>(size_t(m_options.bucketCount))});
        return &m_series.back();
    }
    // Full: a service whose traffic has left the window gives its place to this one.
    for (Series& s : m_series) {
        if (!hasTraffic(s, currentBucket)) {
            s.name = service;
            std::fill(s.ring.begin(), s.ring.end(), Bucket());
            return &s;
        }
    }
    return &m_other;
}

void TrafficRateHistory::record(const QString& service, qint64 timeMs, bool error)
{
    const qint64 current = bucketNumber(m_clock());
    qint64 number = bucketNumber(timeMs);
    if (number > current)
        number = current; // a clock a little ahead: count it now rather than lose it
    if (number <= current - m_options.bucketCount)
        return; // older than the window
    Series* series = seriesFor(service, current);
    Bucket& slot
        = series->ring[size_t(number % m_options.bucketCount + m_options.bucketCount) % size_t(m_options.bucketCount)];
    if (slot.number != number)
        slot = Bucket{number, 0, 0};
    ++slot.requests;
    if (error)
        ++slot.errors;
}

void TrafficRateHistory::addEvent(const Gateway::TrafficEvent& event)
{
    if (event.kind == Gateway::TrafficEvent::Kind::Elicitation)
        return; // a step of a credential flow, not a request
    const qint64 time = event.time.isValid() ? event.time.toMSecsSinceEpoch() : m_clock();
    record(event.service, time, TrafficLogModel::isError(event));
}

void TrafficRateHistory::addEvents(const QList<Gateway::TrafficEvent>& events)
{
    for (const Gateway::TrafficEvent& event : events)
        addEvent(event);
}

void TrafficRateHistory::clear()
{
    m_series.clear();
    std::fill(m_other.ring.begin(), m_other.ring.end(), Bucket());
}

QStringList TrafficRateHistory::seriesNames() const
{
    const qint64 current = bucketNumber(m_clock());
    QStringList names;
    for (const Series& s : m_series) {
        if (hasTraffic(s, current))
            names.append(s.name);
    }
    if (hasTraffic(m_other, current))
        names.append(m_other.name);
    return names;
}

const TrafficRateHistory::Series* TrafficRateHistory::findSeries(const QString& name) const
{
    if (name == otherSeries())
        return &m_other;
    for (const Series& s : m_series) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

void TrafficRateHistory::accumulate(const Series& series, qint64 currentBucket, std::vector<Bucket>* sums) const
{
    const qint64 oldest = currentBucket - m_options.bucketCount + 1;
    for (const Bucket& b : series.ring) {
        if (b.number < oldest || b.number > currentBucket)
            continue;
        Bucket& sum = (*sums)[size_t(b.number - oldest)];
        sum.requests += b.requests;
        sum.errors += b.errors;
    }
}

QList<TrafficRateHistory::Rate> TrafficRateHistory::toRates(const std::vector<Bucket>& sums, qint64 currentBucket) const
{
    const qint64 now = m_clock();
    const qint64 oldest = currentBucket - m_options.bucketCount + 1;
    const qint64 currentElapsed = qBound<qint64>(qMin<qint64>(1000, m_options.bucketMs),
                                                 now - currentBucket * m_options.bucketMs, m_options.bucketMs);
    QList<Rate> rates;
    rates.reserve(qsizetype(sums.size()));
    for (size_t i = 0; i < sums.size(); ++i) {
        const qint64 number = oldest + qint64(i);
        const double seconds = double(number == currentBucket ? currentElapsed : m_options.bucketMs) / 1000.0;
        rates.append(Rate{number * m_options.bucketMs, sums[i].requests / seconds, sums[i].errors / seconds});
    }
    return rates;
}

std::vector<TrafficRateHistory::Bucket> TrafficRateHistory::sums(const QString& series, qint64 currentBucket) const
{
    std::vector<Bucket> sums(size_t(m_options.bucketCount));
    if (series.isEmpty()) {
        for (const Series& s : m_series)
            accumulate(s, currentBucket, &sums);
        accumulate(m_other, currentBucket, &sums);
    } else if (const Series* s = findSeries(series)) {
        accumulate(*s, currentBucket, &sums);
    }
    return sums;
}

QList<TrafficRateHistory::Rate> TrafficRateHistory::rates(const QString& series) const
{
    const qint64 current = bucketNumber(m_clock());
    // An empty name is no series (sums() reads it as "all"): zero rates.
    return toRates(series.isEmpty() ? std::vector<Bucket>(size_t(m_options.bucketCount)) : sums(series, current),
                   current);
}

QList<TrafficRateHistory::Rate> TrafficRateHistory::totalRates() const
{
    const qint64 current = bucketNumber(m_clock());
    return toRates(sums({}, current), current);
}

qint64 TrafficRateHistory::requestsInWindow(const QString& series) const
{
    qint64 total = 0;
    for (const Bucket& b : sums(series, bucketNumber(m_clock())))
        total += b.requests;
    return total;
}

qint64 TrafficRateHistory::errorsInWindow(const QString& series) const
{
    qint64 total = 0;
    for (const Bucket& b : sums(series, bucketNumber(m_clock())))
        total += b.errors;
    return total;
}

qsizetype TrafficRateHistory::memoryBytes() const
{
    return qsizetype((m_series.size() + 1) * size_t(m_options.bucketCount) * sizeof(Bucket));
}

} // namespace Portcullis
