// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpFrontend.h"
#include "log/PayloadCapture.h"
#include "log/TrafficEvent.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

namespace Gateway {

class GatewaySnapshot;

// One HTTP request from arrival to answer. Async handlers share it; whoever answers first wins.
// Answering fills and publishes the request's TrafficEvent exactly once.
class Exchange
{
public:
    using Publisher = std::function<void(const TrafficEvent&)>;

    Exchange(HttpRequest request, HttpResponder responder, std::shared_ptr<const GatewaySnapshot> snapshot,
             Publisher publisher);
    ~Exchange();
    Exchange(const Exchange&) = delete;
    Exchange& operator=(const Exchange&) = delete;

    const HttpRequest& request() const { return m_request; }
    const std::shared_ptr<const GatewaySnapshot>& snapshot() const { return m_snapshot; }
    TrafficEvent& event() { return m_event; }
    bool isAnswered() const { return m_answered; }
    bool isClientConnected() const { return m_responder.isConnected(); }
    qint64 elapsedMicros() const { return m_timer.nsecsElapsed() / 1000; }
    // Called once if the client leaves before the answer (e.g. to abort a backend call).
    void onClientGone(std::function<void()> callback) { m_responder.onClientGone(std::move(callback)); }

    // Set by the endpoint guard: scopes the caller's token grants, and the RFC 9728 URL to name
    // in step-up challenges.
    QStringList grantedScopes;
    QUrl resourceMetadataUrl;

    // Payload capture (null: off). The MCP request is recorded when capture is attached, the answer
    // when it is sent; the publisher stores it (redacted) under the event's id.
    void setCapture(std::shared_ptr<CapturedExchange> capture);
    bool isCapturing() const { return m_capture != nullptr; }
    // The backend leg of a tool call (already redacted of the credentials the call sent).
    void setBackendCapture(const std::shared_ptr<const CapturedHttp>& leg);

    void respond(const HttpResponse& response);
    void respondJson(int status, const QJsonObject& body, const HttpHeaders& extraHeaders = {});
    // Opens an SSE stream (200) and publishes the event; nullptr when the client is gone.
    SseStream* startEventStream(const HttpHeaders& extraHeaders = {});

private:
    void publish(int status, qint64 responseBytes);

    HttpRequest m_request;
    HttpResponder m_responder;
    std::shared_ptr<const GatewaySnapshot> m_snapshot;
    Publisher m_publisher;
    TrafficEvent m_event;
    std::shared_ptr<CapturedExchange> m_capture;
    QElapsedTimer m_timer;
    bool m_answered = false;
};

} // namespace Gateway
