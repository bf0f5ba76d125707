// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/GatewayController.h" // GatewayStatus
#include "models/TrafficRateHistory.h"

#include <QHash>
#include <QWidget>

class QChart;
class QChartView;
class QDateTimeAxis;
class QGridLayout;
class QLabel;
class QLineSeries;
class QPushButton;
class QTimer;
class QValueAxis;

namespace Portcullis {

// The first page of the window: is the gateway listening (and where, or why not) with a button to
// stop and start listening, each service's endpoint URL with a copy button (or why it is not
// served), whether the keychain holding backend secrets can be reached, and a live chart of
// requests and errors per second per service over the last 10 minutes. Events are binned as they
// arrive (TrafficRateHistory); the chart and rates are redrawn about once a second while visible,
// never per event.
class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewPage(QWidget* parent = nullptr);
    // `clock` (ms since the epoch) drives the rate history: tests pass their own.
    explicit OverviewPage(TrafficRateHistory::Clock clock, QWidget* parent = nullptr);
    ~OverviewPage() override;

    const TrafficRateHistory& history() const { return m_history; }
    QChart* chart() const { return m_chart; }
    // The chart's request series of `series` (a service, or TrafficRateHistory::otherSeries()),
    // its error series, and the total; null when not shown.
    QLineSeries* requestSeries(const QString& series) const { return m_requestSeries.value(series); }
    QLineSeries* errorSeries(const QString& series) const { return m_errorSeries.value(series); }

public slots:
    void applyStatus(const Gateway::GatewayStatus& status);
    void appendEvents(const QList<Gateway::TrafficEvent>& events);
    // Redraws the chart and the per-service rates from the history (the timer calls it each second
    // while the page is visible).
    void refresh();

signals:
    void stopListeningRequested();
    void startListeningRequested();

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* createGatewayBox();
    QWidget* createKeychainBox();
    QWidget* createEndpointsBox();
    QWidget* createChartBox();
    void updateGatewayState(const Gateway::GatewayStatus& status);
    void updateKeychain(const Gateway::GatewayStatus& status);
    void rebuildEndpoints(const QList<Gateway::ServiceStatus>& services, bool listening);
    void updateRates();
    void updateChart();
    void startStopClicked();
    QColor colorFor(const QString& series);

    TrafficRateHistory m_history;
    Gateway::GatewayStatus m_status;
    bool m_listening = false;

    QLabel* m_stateLabel = nullptr;
    QLabel* m_stateDetailLabel = nullptr;
    QPushButton* m_startStopButton = nullptr;
    QLabel* m_keychainStateLabel = nullptr;
    QLabel* m_keychainDetailLabel = nullptr;
    QWidget* m_endpointsWidget = nullptr;
    QGridLayout* m_endpointsLayout = nullptr;
    QLabel* m_noServicesLabel = nullptr;
    QString m_endpointsKey; // what the endpoint rows were built from: rebuilt only when it changes
    QHash<QString, QLabel*> m_rateLabels; // per service row
    QLabel* m_windowSummaryLabel = nullptr;

    QChart* m_chart = nullptr;
    QChartView* m_chartView = nullptr;
    QDateTimeAxis* m_timeAxis = nullptr;
    QValueAxis* m_rateAxis = nullptr;
    QHash<QString, QLineSeries*> m_requestSeries;
    QHash<QString, QLineSeries*> m_errorSeries;
    QHash<QString, QColor> m_colors; // stable per series while the page lives
    int m_nextColor = 0;
    QTimer* m_refreshTimer = nullptr;
};

} // namespace Portcullis
