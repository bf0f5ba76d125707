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

void Exchange::respond(const HttpResponse& response)
{
    if (m_answered)
        return;
    m_answered = true;
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
