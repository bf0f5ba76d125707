// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TrafficEvent.h"

#include <QByteArray>
#include <QHash>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <array>

namespace Gateway {

// Request counters and latency histograms per service and tool, rendered in the Prometheus text
// exposition format (served at /metrics when enabled; off by default).
class PrometheusMetrics
{
public:
    static constexpr std::array<double, 12> BucketsSeconds{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                           0.01,   0.025,   0.05,   0.1,   0.5,    2.5};
    // Label used for every tool name that is not in the catalog (tool names cannot contain parentheses).
    static constexpr const char* UnknownTool = "(unknown)";
    // Label pair that absorbs traffic once MaxSeries series exist (a bound whatever happens).
    static constexpr const char* OverflowLabel = "(overflow)";
    static constexpr int MaxSeries = 4096;

    // The services and tool names the configuration exposes. Labels come only from here: a tool
    // name a client invents is counted under UnknownTool, a service not listed is not counted.
    // Without a catalog (never set) every service and tool name is taken as given, still bounded
    // by MaxSeries.
    void setCatalog(const QHash<QString, QStringList>& toolsByService);
    void record(const TrafficEvent& event);
    QByteArray render() const;

private:
    struct Series
    {
        quint64 requests = 0;
        quint64 errors = 0;
        std::array<quint64, BucketsSeconds.size()> buckets{};
        double sumSeconds = 0;
    };
    QHash<QPair<QString, QString>, Series> m_series; // (service, tool)
    QHash<QString, QSet<QString>> m_catalog;
    bool m_hasCatalog = false;
    quint64 m_rejected = 0;
    QMap<QString, quint64> m_shed; // overload reason code -> requests shed (a fixed set of codes)
};

} // namespace Gateway
