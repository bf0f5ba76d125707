// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TrafficEvent.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <array>

namespace Gateway {

// Request counters and latency histograms per service and tool, rendered in the Prometheus text
// exposition format (served at /metrics when enabled; off by default).
class PrometheusMetrics
{
public:
    static constexpr std::array<double, 12> BucketsSeconds{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                           0.01,   0.025,   0.05,   0.1,   0.5,    2.5};
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
    quint64 m_rejected = 0;
};

} // namespace Gateway
