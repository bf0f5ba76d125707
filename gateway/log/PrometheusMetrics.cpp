// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrometheusMetrics.h"

#include <QStringList>

#include <algorithm>

namespace Gateway {

namespace {

QByteArray label(const QString& value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

} // namespace

void PrometheusMetrics::setCatalog(const QHash<QString, QStringList>& toolsByService)
{
    m_catalog.clear();
    for (auto it = toolsByService.constBegin(); it != toolsByService.constEnd(); ++it)
        m_catalog.insert(it.key(), QSet<QString>(it.value().cbegin(), it.value().cend()));
    m_hasCatalog = true;
}

void PrometheusMetrics::record(const TrafficEvent& event)
{
    if (!event.overload.isEmpty() && (m_shed.size() < 16 || m_shed.contains(event.overload)))
        ++m_shed[event.overload];
    if (event.kind == TrafficEvent::Kind::Rejected) {
        ++m_rejected;
        return;
    }
    if (event.service.isEmpty())
        return; // metadata, metrics scrapes and unknown paths are not service traffic
    QPair<QString, QString> key{event.service, event.tool};
    if (m_hasCatalog) {
        const auto tools = m_catalog.constFind(event.service);
        if (tools == m_catalog.constEnd())
            return;
        if (!event.tool.isEmpty() && !tools->contains(event.tool))
            key.second = QLatin1String(UnknownTool);
    }
    if (m_series.size() >= MaxSeries && !m_series.contains(key))
        key = {QLatin1String(OverflowLabel), QLatin1String(OverflowLabel)};
    Series& s = m_series[key];
    ++s.requests;
    if (event.httpStatus >= 400 || event.rpcErrorCode != 0 || event.toolError)
        ++s.errors;
    const double seconds = event.totalMicros / 1e6;
    s.sumSeconds += seconds;
    for (size_t i = 0; i < BucketsSeconds.size(); ++i) {
        if (seconds <= BucketsSeconds[i])
            ++s.buckets[i];
    }
}

QByteArray PrometheusMetrics::render() const
{
    QList<QPair<QString, QString>> keys = m_series.keys();
    std::sort(keys.begin(), keys.end());
    QByteArray out;
    out += "# HELP portcullis_requests_total MCP HTTP requests per service and tool.\n"
           "# TYPE portcullis_requests_total counter\n";
    for (const auto& k : keys)
        out += "portcullis_requests_total{service=\"" + label(k.first) + "\",tool=\"" + label(k.second) + "\"} "
            + QByteArray::number(m_series.value(k).requests) + '\n';
    out += "# HELP portcullis_errors_total Requests answered with an HTTP error, JSON-RPC error or tool error.\n"
           "# TYPE portcullis_errors_total counter\n";
    for (const auto& k : keys)
        out += "portcullis_errors_total{service=\"" + label(k.first) + "\",tool=\"" + label(k.second) + "\"} "
            + QByteArray::number(m_series.value(k).errors) + '\n';
    out += "# HELP portcullis_request_duration_seconds Time from arrival to answer.\n"
           "# TYPE portcullis_request_duration_seconds histogram\n";
    for (const auto& k : keys) {
        const Series& s = m_series[k];
        const QByteArray labels = "service=\"" + label(k.first) + "\",tool=\"" + label(k.second) + '"';
        for (size_t i = 0; i < BucketsSeconds.size(); ++i)
            out += "portcullis_request_duration_seconds_bucket{" + labels + ",le=\""
                + QByteArray::number(BucketsSeconds[i], 'g', 6) + "\"} " + QByteArray::number(s.buckets[i]) + '\n';
        out += "portcullis_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} "
            + QByteArray::number(s.requests) + '\n';
        out += "portcullis_request_duration_seconds_sum{" + labels + "} " + QByteArray::number(s.sumSeconds, 'g', 9)
            + '\n';
        out += "portcullis_request_duration_seconds_count{" + labels + "} " + QByteArray::number(s.requests) + '\n';
    }
    out += "# HELP portcullis_rejected_total Requests rejected before reaching a service.\n"
           "# TYPE portcullis_rejected_total counter\n"
           "portcullis_rejected_total "
        + QByteArray::number(m_rejected) + '\n';
    if (m_shed.isEmpty())
        return out; // the family appears with its first shed request
    out += "# HELP portcullis_overload_shed_total Requests answered 503 + Retry-After for overload, by reason.\n"
           "# TYPE portcullis_overload_shed_total counter\n";
    for (auto it = m_shed.cbegin(); it != m_shed.cend(); ++it)
        out += "portcullis_overload_shed_total{reason=\"" + label(it.key()) + "\"} " + QByteArray::number(it.value())
            + '\n';
    return out;
}

} // namespace Gateway
