// SPDX-License-Identifier: GPL-3.0-or-later
#include "OverviewPage.h"

#include <QClipboard>
#include <QDateTime>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <cmath>

namespace Portcullis {

namespace {

constexpr int kRefreshMs = 1000;

// Distinct hues that stay apart for the usual colour blindness and on a white chart.
const QColor kPalette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
                           QColor(0xff, 0x7f, 0x0e), QColor(0x17, 0xbe, 0xcf), QColor(0x8c, 0x56, 0x4b),
                           QColor(0xe3, 0x77, 0xc2), QColor(0xbc, 0xbd, 0x22), QColor(0x7f, 0x7f, 0x7f)};

QString rateText(double perSecond)
{
    // Two significant digits are plenty for a glance; QLocale for the decimal separator.
    const int decimals = perSecond >= 10 ? 0 : (perSecond >= 1 ? 1 : 2);
    return QLocale().toString(perSecond, 'f', decimals);
}

// A round upper bound for the rate axis: 1, 2, 5, 10, 20, 50...
double niceCeiling(double value)
{
    if (value <= 1)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10 * magnitude;
}

} // namespace

OverviewPage::OverviewPage(QWidget* parent)
    : OverviewPage(TrafficRateHistory::Clock(), parent)
{
}

OverviewPage::OverviewPage(TrafficRateHistory::Clock clock, QWidget* parent)
    : QWidget(parent)
    , m_history(std::move(clock))
{
    setObjectName(QStringLiteral("overviewPage"));

    auto* top = new QHBoxLayout;
    top->addWidget(createGatewayBox(), 3);
    top->addWidget(createKeychainBox(), 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(createEndpointsBox(), 2);
    layout->addWidget(createChartBox(), 5);

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setObjectName(QStringLiteral("overviewRefreshTimer"));
    m_refreshTimer->setInterval(kRefreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    m_refreshTimer->start();

    applyStatus(Gateway::GatewayStatus());
    refresh();
}

OverviewPage::~OverviewPage() = default;

QWidget* OverviewPage::createGatewayBox()
{
    auto* box = new QGroupBox(tr("Gateway"), this);
    box->setObjectName(QStringLiteral("gatewayGroupBox"));
    m_stateLabel = new QLabel(box);
    m_stateLabel->setObjectName(QStringLiteral("gatewayStateLabel"));
    m_stateLabel->setTextFormat(Qt::PlainText);
    QFont bold = m_stateLabel->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_stateLabel->setFont(bold);
    m_stateDetailLabel = new QLabel(box);
    m_stateDetailLabel->setObjectName(QStringLiteral("gatewayDetailLabel"));
    m_stateDetailLabel->setTextFormat(Qt::PlainText);
    m_stateDetailLabel->setWordWrap(true);
    m_stateDetailLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_startStopButton = new QPushButton(box);
    m_startStopButton->setObjectName(QStringLiteral("startStopButton"));
    connect(m_startStopButton, &QPushButton::clicked, this, &OverviewPage::startStopClicked);

    auto* text = new QVBoxLayout;
    text->addWidget(m_stateLabel);
    text->addWidget(m_stateDetailLabel);
    text->addStretch();
    auto* layout = new QHBoxLayout(box);
    layout->addLayout(text, 1);
    layout->addWidget(m_startStopButton, 0, Qt::AlignTop);
    return box;
}

QWidget* OverviewPage::createKeychainBox()
{
    auto* box = new QGroupBox(tr("Keychain"), this);
    box->setObjectName(QStringLiteral("keychainGroupBox"));
    m_keychainStateLabel = new QLabel(box);
    m_keychainStateLabel->setObjectName(QStringLiteral("keychainStateLabel"));
    m_keychainStateLabel->setTextFormat(Qt::PlainText);
    QFont bold = m_keychainStateLabel->font();
    bold.setBold(true);
    m_keychainStateLabel->setFont(bold);
    m_keychainDetailLabel = new QLabel(box);
    m_keychainDetailLabel->setObjectName(QStringLiteral("keychainDetailLabel"));
    m_keychainDetailLabel->setTextFormat(Qt::PlainText);
    m_keychainDetailLabel->setWordWrap(true);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_keychainStateLabel);
    layout->addWidget(m_keychainDetailLabel);
    layout->addStretch();
    return box;
}

QWidget* OverviewPage::createEndpointsBox()
{
    auto* box = new QGroupBox(tr("Endpoints"), this);
    box->setObjectName(QStringLiteral("endpointsGroupBox"));
    auto* scroll = new QScrollArea(box);
    scroll->setObjectName(QStringLiteral("endpointsScrollArea"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_endpointsWidget = new QWidget(scroll);
    m_endpointsWidget->setObjectName(QStringLiteral("endpointsWidget"));
    m_endpointsLayout = new QGridLayout(m_endpointsWidget);
    m_endpointsLayout->setContentsMargins(0, 0, 0, 0);
    m_endpointsLayout->setColumnStretch(1, 1);
    scroll->setWidget(m_endpointsWidget);
    m_noServicesLabel = new QLabel(tr("No service is served yet: open a workspace or add a service."), box);
    m_noServicesLabel->setObjectName(QStringLiteral("noServicesLabel"));
    m_noServicesLabel->setWordWrap(true);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_noServicesLabel);
    layout->addWidget(scroll, 1);
    return box;
}

QWidget* OverviewPage::createChartBox()
{
    auto* box = new QGroupBox(tr("Traffic in the last 10 minutes"), this);
    box->setObjectName(QStringLiteral("chartGroupBox"));

    m_chart = new QChart;
    m_chart->setObjectName(QStringLiteral("trafficChart"));
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->legend()->setShowToolTips(true);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setBackgroundRoundness(0);
    m_chart->setAnimationOptions(QChart::NoAnimation);

    m_timeAxis = new QDateTimeAxis(m_chart);
    m_timeAxis->setObjectName(QStringLiteral("timeAxis"));
    m_timeAxis->setFormat(QLocale().timeFormat(QLocale::ShortFormat));
    m_timeAxis->setTickCount(6);
    m_timeAxis->setTitleText(tr("Time"));
    m_rateAxis = new QValueAxis(m_chart);
    m_rateAxis->setObjectName(QStringLiteral("rateAxis"));
    m_rateAxis->setTitleText(tr("Per second"));
    m_rateAxis->setLabelFormat(QStringLiteral("%.4g"));
    m_rateAxis->setTickCount(6); // the ceilings 1, 2, 5, 10... divide into five round steps
    m_rateAxis->setMin(0);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_rateAxis, Qt::AlignLeft);

    m_chartView = new QChartView(m_chart, box);
    m_chartView->setObjectName(QStringLiteral("trafficChartView"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(220);

    m_windowSummaryLabel = new QLabel(box);
    m_windowSummaryLabel->setObjectName(QStringLiteral("windowSummaryLabel"));
    m_windowSummaryLabel->setTextFormat(Qt::PlainText);
    auto* legendNote = new QLabel(tr("Solid lines: requests per second · dashed: errors per second"), box);
    legendNote->setObjectName(QStringLiteral("chartLegendNoteLabel"));

    auto* footer = new QHBoxLayout;
    footer->addWidget(m_windowSummaryLabel, 1);
    footer->addWidget(legendNote);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_chartView, 1);
    layout->addLayout(footer);
    return box;
}

void OverviewPage::applyStatus(const Gateway::GatewayStatus& status)
{
    m_status = status;
    updateGatewayState(status);
    updateKeychain(status);
    rebuildEndpoints(status.services, status.running && status.listening);
}

void OverviewPage::updateGatewayState(const Gateway::GatewayStatus& status)
{
    m_listening = status.running && status.listening;
    QString state;
    QString detail;
    QString color;
    if (!status.running) {
        state = tr("Stopped");
        detail = tr("The gateway is not running.");
        color = QStringLiteral("#757575");
    } else if (status.listening) {
        state = tr("Listening");
        detail = tr("On %1. Stop closes the listener: calls already received finish, nothing new is answered.")
                     .arg(status.baseUrl.toString());
        color = QStringLiteral("#2e7d32");
    } else if (status.listenStopped) {
        state = tr("Stopped");
        detail = status.listenAddress.isEmpty()
            ? tr("Not listening: clients get no answer. Start listens again.")
            : tr("Not listening: clients get no answer. Start listens again on %1.").arg(status.listenAddress);
        color = QStringLiteral("#757575");
    } else if (!status.listenError.isEmpty()) {
        state = tr("Not listening");
        detail = status.listenError;
        color = QStringLiteral("#b00020");
    } else if (status.applying) {
        state = tr("Starting");
        detail = tr("Importing the workspace's OpenAPI documents…");
        color = QStringLiteral("#757575");
    } else {
        state = tr("Not listening");
        detail
            = status.configured ? tr("The gateway has not been asked to listen.") : tr("No workspace is served yet.");
        color = QStringLiteral("#757575");
    }
    m_stateLabel->setText(state);
    m_stateLabel->setStyleSheet(QStringLiteral("color: %1;").arg(color));
    m_stateDetailLabel->setText(detail);

    m_startStopButton->setText(m_listening ? tr("&Stop Gateway") : tr("&Start Gateway"));
    m_startStopButton->setToolTip(m_listening ? tr("Close the listener; the workspace stays loaded")
                                              : tr("Listen again on the same address"));
    // Start needs something to serve; the button waits for the gateway's answer after a click.
    m_startStopButton->setEnabled(status.running && (m_listening || status.configured));
}

void OverviewPage::updateKeychain(const Gateway::GatewayStatus& status)
{
    if (status.keychainAvailable) {
        m_keychainStateLabel->setText(
            status.keychainBackend.isEmpty() ? tr("Available") : tr("Available: %1").arg(status.keychainBackend));
        m_keychainStateLabel->setStyleSheet(QStringLiteral("color: #2e7d32;"));
        m_keychainDetailLabel->setText(
            tr("Backend secrets are read from the system keychain when a call needs them; they are never shown "
               "again or written to the workspace."));
    } else {
        m_keychainStateLabel->setText(tr("Not available"));
        m_keychainStateLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
        m_keychainDetailLabel->setText(
            tr("No keychain answers (for example GNOME Keyring or KWallet is not running or is locked). Tools of "
               "services whose backend secret is stored there answer with an error until it is unlocked; secrets "
               "given as ${env:NAME} keep working."));
    }
}

void OverviewPage::rebuildEndpoints(const QList<Gateway::ServiceStatus>& services, bool listening)
{
    QString key = listening ? QStringLiteral("L") : QStringLiteral("-");
    for (const Gateway::ServiceStatus& s : services)
        key += QLatin1Char('\n') + s.name + QLatin1Char('\t') + s.endpointUrl.toString() + QLatin1Char('\t') + s.error;
    if (key == m_endpointsKey)
        return;
    m_endpointsKey = key;

    while (QLayoutItem* item = m_endpointsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_rateLabels.clear();
    m_noServicesLabel->setVisible(services.isEmpty());

    int row = 0;
    for (const Gateway::ServiceStatus& s : services) {
        auto* name = new QLabel(s.name, m_endpointsWidget);
        name->setObjectName(QStringLiteral("endpointName_%1").arg(s.name));
        name->setTextFormat(Qt::PlainText);
        QFont bold = name->font();
        bold.setBold(true);
        name->setFont(bold);
        m_endpointsLayout->addWidget(name, row, 0);

        if (!s.error.isEmpty()) {
            // A refused service: its endpoint answers 503; say why instead of offering the URL.
            auto* reason = new QLabel(tr("Not served: %1").arg(s.error), m_endpointsWidget);
            reason->setObjectName(QStringLiteral("endpointError_%1").arg(s.name));
            reason->setTextFormat(Qt::PlainText);
            reason->setWordWrap(true);
            reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
            reason->setStyleSheet(QStringLiteral("color: #b00020;"));
            m_endpointsLayout->addWidget(reason, row, 1, 1, 3);
            ++row;
            continue;
        }

        const QString url = s.endpointUrl.toString();
        auto* urlEdit = new QLineEdit(listening ? url : tr("%1 (not listening)").arg(url), m_endpointsWidget);
        urlEdit->setObjectName(QStringLiteral("endpointUrl_%1").arg(s.name));
        urlEdit->setReadOnly(true);
        urlEdit->setEnabled(listening);
        urlEdit->setCursorPosition(0);
        urlEdit->setAccessibleName(tr("Endpoint URL of %1").arg(s.name));
        m_endpointsLayout->addWidget(urlEdit, row, 1);

        auto* rate = new QLabel(m_endpointsWidget);
        rate->setObjectName(QStringLiteral("endpointRate_%1").arg(s.name));
        rate->setTextFormat(Qt::PlainText);
        rate->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        rate->setMinimumWidth(rate->fontMetrics().horizontalAdvance(
            tr("%1 req/s · %2 err/s").arg(QStringLiteral("000"), QStringLiteral("0.00"))));
        m_rateLabels.insert(s.name, rate);
        m_endpointsLayout->addWidget(rate, row, 2);

        auto* copy = new QPushButton(tr("Copy"), m_endpointsWidget);
        copy->setObjectName(QStringLiteral("copyEndpoint_%1").arg(s.name));
        copy->setToolTip(tr("Copy the endpoint URL of %1").arg(s.name));
        copy->setEnabled(listening);
        connect(copy, &QPushButton::clicked, copy, [copy, url] {
            QGuiApplication::clipboard()->setText(url);
            copy->setText(tr("Copied"));
            QTimer::singleShot(1500, copy, [copy] { copy->setText(tr("Copy")); });
        });
        m_endpointsLayout->addWidget(copy, row, 3);
        ++row;
    }
    m_endpointsLayout->setRowStretch(row, 1);
    updateRates();
}

void OverviewPage::appendEvents(const QList<Gateway::TrafficEvent>& events)
{
    m_history.addEvents(events); // counting only; drawing waits for the next refresh
}

void OverviewPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh(); // not a second of stale chart when the tab is opened
}

void OverviewPage::refresh()
{
    updateRates();
    updateChart();
}

void OverviewPage::updateRates()
{
    // The last full bucket: a steady number, not the one still filling.
    for (auto it = m_rateLabels.cbegin(); it != m_rateLabels.cend(); ++it) {
        const QList<TrafficRateHistory::Rate> rates = m_history.rates(it.key());
        const TrafficRateHistory::Rate last
            = rates.size() >= 2 ? rates.at(rates.size() - 2) : TrafficRateHistory::Rate();
        it.value()->setText(
            tr("%1 req/s · %2 err/s").arg(rateText(last.requestsPerSecond), rateText(last.errorsPerSecond)));
        it.value()->setStyleSheet(last.errorsPerSecond > 0 ? QStringLiteral("color: #b00020;") : QString());
    }
    m_windowSummaryLabel->setText(
        tr("Last 10 minutes: %1 requests, %2 errors")
            .arg(QLocale().toString(m_history.requestsInWindow()), QLocale().toString(m_history.errorsInWindow())));
}

QColor OverviewPage::colorFor(const QString& series)
{
    auto it = m_colors.constFind(series);
    if (it != m_colors.constEnd())
        return *it;
    const int count = int(sizeof(kPalette) / sizeof(kPalette[0]));
    const QColor color
        = series == TrafficRateHistory::otherSeries() ? kPalette[count - 1] : kPalette[m_nextColor++ % (count - 1)];
    m_colors.insert(series, color);
    return color;
}

void OverviewPage::updateChart()
{
    const QStringList names = m_history.seriesNames();
    // Series that left the window go (and free their colour); new ones are added in order.
    for (const QString& name : m_requestSeries.keys()) {
        if (!names.contains(name)) {
            QLineSeries* requests = m_requestSeries.take(name);
            QLineSeries* errors = m_errorSeries.take(name);
            m_chart->removeSeries(requests);
            m_chart->removeSeries(errors);
            delete requests;
            delete errors;
            m_colors.remove(name);
        }
    }
    for (const QString& name : names) {
        if (m_requestSeries.contains(name))
            continue;
        const QColor color = colorFor(name);
        const QString label = name == TrafficRateHistory::otherSeries() ? tr("Other") : name;
        auto* requests = new QLineSeries;
        requests->setObjectName(QStringLiteral("requestSeries_%1").arg(name));
        requests->setName(label);
        requests->setPen(QPen(color, 2));
        auto* errors = new QLineSeries;
        errors->setObjectName(QStringLiteral("errorSeries_%1").arg(name));
        errors->setName(tr("%1 errors").arg(label));
        QPen dashed(color, 2, Qt::DashLine);
        errors->setPen(dashed);
        for (QLineSeries* s : {requests, errors}) {
            m_chart->addSeries(s);
            s->attachAxis(m_timeAxis);
            s->attachAxis(m_rateAxis);
        }
        // One legend entry per service; the dashed twin is explained under the chart.
        for (QLegendMarker* marker : m_chart->legend()->markers(errors))
            marker->setVisible(false);
        m_requestSeries.insert(name, requests);
        m_errorSeries.insert(name, errors);
    }

    const qint64 now = m_history.now();
    double highest = 0;
    for (const QString& name : names) {
        QList<QPointF> requestPoints;
        QList<QPointF> errorPoints;
        const QList<TrafficRateHistory::Rate> rates = m_history.rates(name);
        requestPoints.reserve(rates.size());
        errorPoints.reserve(rates.size());
        for (const TrafficRateHistory::Rate& r : rates) {
            // Each point sits in the middle of its bucket; the current bucket's at the present.
            const qreal x = qreal(qMin(r.startMs + m_history.options().bucketMs / 2, now));
            requestPoints.append(QPointF(x, r.requestsPerSecond));
            errorPoints.append(QPointF(x, r.errorsPerSecond));
            highest = qMax(highest, r.requestsPerSecond);
        }
        m_requestSeries.value(name)->replace(requestPoints);
        m_errorSeries.value(name)->replace(errorPoints);
    }

    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(now - m_history.windowMs()),
                         QDateTime::fromMSecsSinceEpoch(now));
    m_rateAxis->setRange(0, niceCeiling(highest * 1.1));
}

void OverviewPage::startStopClicked()
{
    // Disabled until the gateway reports the outcome (applyStatus enables it again).
    m_startStopButton->setEnabled(false);
    if (m_listening)
        emit stopListeningRequested();
    else
        emit startListeningRequested();
}

} // namespace Portcullis

#include "moc_OverviewPage.cpp"
