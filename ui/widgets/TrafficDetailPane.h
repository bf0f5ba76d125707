// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "log/PayloadCapture.h"
#include "log/TrafficEvent.h"

#include <QTabWidget>
#include <QUrl>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Portcullis {

// Shows where the time of one exchange went: one coloured segment per phase, widths to scale.
class TimingBar : public QWidget
{
    Q_OBJECT
public:
    struct Phase
    {
        QString name;
        qint64 micros = 0;
        QColor color;
    };
    explicit TimingBar(QWidget* parent = nullptr);
    void setPhases(const QList<Phase>& phases);
    const QList<Phase>& phases() const { return m_phases; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QList<Phase> m_phases;
};

// The traffic page's detail pane: Overview (timing bar and the event's fields), MCP request, MCP
// response, Backend request, Backend response (pretty JSON and header fields, from the redacted
// capture) and Auth (decision, reason code and what it means). Payloads are asked for when an
// event is shown (payloadWanted) and arrive through setCapture() from GatewayController; they
// were redacted before the gateway stored them.
class TrafficDetailPane : public QTabWidget
{
    Q_OBJECT
public:
    enum Tab { OverviewTab, McpRequestTab, McpResponseTab, BackendRequestTab, BackendResponseTab, AuthTab };
    Q_ENUM(Tab)

    explicit TrafficDetailPane(QWidget* parent = nullptr);

    void setEvent(const std::optional<Gateway::TrafficEvent>& event, const QString& overviewText = {});
    // Applied when it belongs to the event shown; an invalid capture says "not captured".
    void setCapture(quint64 eventId, const Gateway::CapturedExchange& capture);
    void setGatewayBaseUrl(const QUrl& url) { m_baseUrl = url; }

    quint64 eventId() const { return m_event ? m_event->id : 0; }
    const Gateway::CapturedExchange& capture() const { return m_capture; }
    QPlainTextEdit* overviewTextEdit() const { return m_overviewText; }
    TimingBar* timingBar() const { return m_timingBar; }
    // "Copy as curl" text of the shown capture ("" when none); secrets stay redacted.
    QString curlText() const;

    static QString prettyBody(const QByteArray& body);
    static QString authExplanation(const QString& reason);
    // The phases of the timing bar, in order: auth, queue, backend, mapping, other gateway work
    // (the rest of the total).
    static QList<TimingBar::Phase> timingPhases(const Gateway::TrafficEvent& event);

signals:
    void payloadWanted(quint64 eventId);
    void exportHarRequested();
    void replayRequested(quint64 eventId);
    // "Inspect Token": open the token inspector for the shown exchange's service. Captured
    // Authorization values are redacted, so the person pastes the token there; nothing is un-redacted.
    void inspectTokenRequested(const QString& service);

private:
    static QString msText(qint64 micros);
    QPlainTextEdit* addTextTab(const QString& objectName, const QString& title);
    void showCapture();

    std::optional<Gateway::TrafficEvent> m_event;
    Gateway::CapturedExchange m_capture;
    QUrl m_baseUrl;
    TimingBar* m_timingBar;
    QLabel* m_timingLabel;
    QPlainTextEdit* m_overviewText;
    QPlainTextEdit* m_mcpRequestText;
    QPlainTextEdit* m_mcpResponseText;
    QPlainTextEdit* m_backendRequestText;
    QPlainTextEdit* m_backendResponseText;
    QPlainTextEdit* m_authText;
    QPushButton* m_copyCurlButton;
    QPushButton* m_exportHarButton;
    QPushButton* m_replayButton;
    QPushButton* m_inspectTokenButton;
};

} // namespace Portcullis
