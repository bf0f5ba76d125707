// SPDX-License-Identifier: GPL-3.0-or-later
#include "Exchange.h"

#include <QJsonDocument>

namespace Gateway {

Exchange::Exchange(HttpRequest request, HttpResponder responder, std::shared_ptr<const GatewaySnapshot> snapshot,
                   Publisher publisher)
    : m_request(std::move(request))
    , m_responder(std::move(responder))
    , m_snapshot(std::move(snapshot))
    , m_publisher(std::move(publisher))
{
    m_timer.start();
    m_event.time = QDateTime::currentDateTimeUtc();
    m_event.httpMethod = QString::fromLatin1(m_request.method);
    m_event.path = m_request.path.left(256);
    m_event.requestBytes = m_request.body.size();
}

Exchange::~Exchange()
{
    if (!m_answered)
        respondJson(500, QJsonObject{{QStringLiteral("error"), QStringLiteral("internal error: no answer")}});
}

void Exchange::setCapture(std::shared_ptr<CapturedExchange> capture)
{
    m_capture = std::move(capture);
    if (!m_capture)
        return;
    m_capture->mcp.method = m_request.method;
    m_capture->mcp.url = m_request.path.left(2048);
    if (!m_request.rawQuery.isEmpty())
        m_capture->mcp.url += QLatin1Char('?') + QString::fromUtf8(m_request.rawQuery.left(2048));
    m_capture->mcp.requestHeaders = m_request.headers;
    m_capture->mcp.requestBody = m_request.body;
}

void Exchange::setBackendCapture(const std::shared_ptr<const CapturedHttp>& leg)
{
    if (!m_capture || !leg)
        return;
    m_capture->hasBackend = true;
    m_capture->backend = *leg;
}

void Exchange::respond(const HttpResponse& response)
{
    if (m_answered)
        return;
    m_answered = true;
    if (m_capture) {
        m_capture->mcp.status = response.status;
        m_capture->mcp.responseHeaders = response.headers;
        m_capture->mcp.responseBody = response.body;
        m_capture->mcp.micros = elapsedMicros();
    }
    m_responder.send(response);
    publish(response.status, response.body.size());
}

void Exchange::respondJson(int status, const QJsonObject& body, const HttpHeaders& extraHeaders)
{
    HttpResponse response = HttpResponse::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
    for (const auto& h : extraHeaders)
        response.setHeader(h.first, h.second);
    respond(response);
}

SseStream* Exchange::startEventStream(const HttpHeaders& extraHeaders)
{
    if (m_answered)
        return nullptr;
    m_answered = true;
    SseStream* stream = m_responder.startEventStream(extraHeaders);
    if (m_capture) {
        m_capture->mcp.status = stream ? 200 : 0;
        m_capture->mcp.responseHeaders = extraHeaders;
        m_capture->mcp.responseHeaders.append(qMakePair(QByteArray("Content-Type"), QByteArray("text/event-stream")));
        m_capture->mcp.micros = elapsedMicros();
    }
    publish(stream ? 200 : 0, 0);
    return stream;
}

void Exchange::publish(int status, qint64 responseBytes)
{
    m_event.httpStatus = status;
    m_event.responseBytes = responseBytes;
    m_event.totalMicros = elapsedMicros();
    if (!m_responder.isConnected() && status != 0 && m_event.detail.isEmpty())
        m_event.detail = QStringLiteral("client left before the answer");
    if (m_publisher)
        m_publisher(m_event);
}

} // namespace Gateway
