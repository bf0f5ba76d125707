// SPDX-License-Identifier: GPL-3.0-or-later
#include "HarExporter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace Gateway {

namespace {

QJsonArray harHeaders(const HttpHeaders& headers)
{
    QJsonArray out;
    for (const auto& h : headers)
        out.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(h.first)},
                               {QStringLiteral("value"), QString::fromUtf8(h.second)}});
    return out;
}

QByteArray headerValue(const HttpHeaders& headers, const QByteArray& name)
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QJsonArray queryString(const QUrl& url)
{
    QJsonArray out;
    const QUrlQuery query(url);
    for (const auto& item : query.queryItems(QUrl::FullyDecoded))
        out.append(QJsonObject{{QStringLiteral("name"), item.first}, {QStringLiteral("value"), item.second}});
    return out;
}

double ms(qint64 micros)
{
    return micros < 0 ? -1.0 : double(micros) / 1000.0;
}

QString statusText(int status)
{
    switch (status) {
    case 200: return QStringLiteral("OK");
    case 202: return QStringLiteral("Accepted");
    case 204: return QStringLiteral("No Content");
    case 400: return QStringLiteral("Bad Request");
    case 401: return QStringLiteral("Unauthorized");
    case 403: return QStringLiteral("Forbidden");
    case 404: return QStringLiteral("Not Found");
    case 405: return QStringLiteral("Method Not Allowed");
    case 429: return QStringLiteral("Too Many Requests");
    case 500: return QStringLiteral("Internal Server Error");
    case 502: return QStringLiteral("Bad Gateway");
    case 503: return QStringLiteral("Service Unavailable");
    case 504: return QStringLiteral("Gateway Timeout");
    default: return QString();
    }
}

QJsonObject entry(const QDateTime& started, qint64 micros, const QByteArray& method, const QUrl& url,
                  const CapturedHttp* leg, int status, const QJsonObject& custom)
{
    const HttpHeaders requestHeaders = leg ? leg->requestHeaders : HttpHeaders{};
    const HttpHeaders responseHeaders = leg ? leg->responseHeaders : HttpHeaders{};
    QJsonObject request{{QStringLiteral("method"), QString::fromLatin1(method)},
                        {QStringLiteral("url"), url.toString(QUrl::FullyEncoded)},
                        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                        {QStringLiteral("cookies"), QJsonArray{}},
                        {QStringLiteral("headers"), harHeaders(requestHeaders)},
                        {QStringLiteral("queryString"), queryString(url)},
                        {QStringLiteral("headersSize"), -1},
                        {QStringLiteral("bodySize"), leg ? double(leg->requestSize) : -1.0}};
    if (leg && !leg->requestBody.isEmpty()) {
        QString mime = QString::fromLatin1(headerValue(requestHeaders, "Content-Type"));
        request.insert(QStringLiteral("postData"),
                       QJsonObject{{QStringLiteral("mimeType"),
                                    mime.isEmpty() ? QStringLiteral("application/octet-stream") : mime},
                                   {QStringLiteral("text"), QString::fromUtf8(leg->requestBody)}});
    }
    QJsonObject content{
        {QStringLiteral("size"), leg ? double(leg->responseSize) : 0.0},
        {QStringLiteral("mimeType"), QString::fromLatin1(headerValue(responseHeaders, "Content-Type"))}};
    if (leg && !leg->responseBody.isEmpty())
        content.insert(QStringLiteral("text"), QString::fromUtf8(leg->responseBody));
    if (leg && (leg->responseTruncated || leg->requestTruncated))
        content.insert(QStringLiteral("comment"), QStringLiteral("payload truncated by capture"));
    QJsonObject response{{QStringLiteral("status"), status},
                         {QStringLiteral("statusText"), statusText(status)},
                         {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                         {QStringLiteral("cookies"), QJsonArray{}},
                         {QStringLiteral("headers"), harHeaders(responseHeaders)},
                         {QStringLiteral("content"), content},
                         {QStringLiteral("redirectURL"), QString::fromLatin1(headerValue(responseHeaders, "Location"))},
                         {QStringLiteral("headersSize"), -1},
                         {QStringLiteral("bodySize"), leg ? double(leg->responseSize) : -1.0}};
    const double total = ms(qMax<qint64>(0, micros));
    return QJsonObject{
        {QStringLiteral("startedDateTime"), started.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("time"), total},
        {QStringLiteral("request"), request},
        {QStringLiteral("response"), response},
        {QStringLiteral("cache"), QJsonObject{}},
        // Only the whole duration is known per leg: it is all "wait".
        {QStringLiteral("timings"),
         QJsonObject{{QStringLiteral("send"), 0}, {QStringLiteral("wait"), total}, {QStringLiteral("receive"), 0}}},
        {QStringLiteral("_portcullis"), custom}};
}

} // namespace

QJsonObject HarExporter::toHar(const QList<TrafficEvent>& events, const CaptureLookup& captures,
                               const QUrl& gatewayBaseUrl, const QString& creatorVersion)
{
    QJsonArray entries;
    for (const TrafficEvent& e : events) {
        const CapturedExchange capture = captures ? captures(e.id) : CapturedExchange{};
        QUrl url = gatewayBaseUrl;
        const QString target = capture.isValid() ? capture.mcp.url : e.path;
        const qsizetype q = target.indexOf(QLatin1Char('?'));
        url.setPath(q < 0 ? target : target.left(q));
        if (q >= 0)
            url.setQuery(target.mid(q + 1), QUrl::TolerantMode);
        const QJsonObject facts{{QStringLiteral("leg"), QStringLiteral("mcp")},
                                {QStringLiteral("eventId"), QString::number(e.id)},
                                {QStringLiteral("kind"), TrafficEvent::kindName(e.kind)},
                                {QStringLiteral("service"), e.service},
                                {QStringLiteral("tool"), e.tool},
                                {QStringLiteral("rpcMethod"), e.rpcMethod},
                                {QStringLiteral("protocolRevision"), e.protocolRevision},
                                {QStringLiteral("principal"), e.principal},
                                {QStringLiteral("authDecision"), e.authDecision},
                                {QStringLiteral("authReason"), e.authReason},
                                {QStringLiteral("authMs"), ms(e.authMicros)},
                                {QStringLiteral("queueMs"), ms(e.queueMicros)},
                                {QStringLiteral("backendMs"), ms(e.backendMicros)},
                                {QStringLiteral("mappingMs"), ms(e.mappingMicros)},
                                {QStringLiteral("gatewayMs"), ms(qMax<qint64>(0, e.totalMicros - e.backendMicros))},
                                {QStringLiteral("captured"), capture.isValid()}};
        entries.append(entry(e.time, e.totalMicros, e.httpMethod.toLatin1(), url,
                             capture.isValid() ? &capture.mcp : nullptr, e.httpStatus, facts));
        if (capture.isValid() && capture.hasBackend) {
            // The backend call ends before the answer: it started `backend` before the end, at the latest.
            const QDateTime started = e.time.addMSecs(qMax<qint64>(0, (e.totalMicros - capture.backend.micros) / 1000));
            const QJsonObject backendFacts{{QStringLiteral("leg"), QStringLiteral("backend")},
                                           {QStringLiteral("eventId"), QString::number(e.id)},
                                           {QStringLiteral("service"), e.service},
                                           {QStringLiteral("tool"), e.tool},
                                           {QStringLiteral("backendError"), e.backendError}};
            entries.append(entry(started, capture.backend.micros, capture.backend.method,
                                 QUrl(capture.backend.url, QUrl::TolerantMode), &capture.backend,
                                 capture.backend.status, backendFacts));
        }
    }
    return QJsonObject{{QStringLiteral("log"),
                        QJsonObject{{QStringLiteral("version"), QStringLiteral("1.2")},
                                    {QStringLiteral("creator"),
                                     QJsonObject{{QStringLiteral("name"), QStringLiteral("Portcullis")},
                                                 {QStringLiteral("version"), creatorVersion}}},
                                    {QStringLiteral("entries"), entries}}}};
}

QByteArray HarExporter::toHarBytes(const QList<TrafficEvent>& events, const CaptureLookup& captures,
                                   const QUrl& gatewayBaseUrl)
{
    return QJsonDocument(toHar(events, captures, gatewayBaseUrl)).toJson(QJsonDocument::Indented);
}

namespace {

QString shellQuote(const QString& text)
{
    QString out = text;
    out.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

} // namespace

QString HarExporter::curlCommand(const CapturedExchange& capture, const QUrl& gatewayBaseUrl)
{
    if (!capture.isValid())
        return {};
    const CapturedHttp& mcp = capture.mcp;
    QString base = gatewayBaseUrl.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash | QUrl::RemovePath);
    QStringList lines{
        QStringLiteral("curl -sS -X %1 %2").arg(QString::fromLatin1(mcp.method), shellQuote(base + mcp.url))};
    for (const auto& h : mcp.requestHeaders) {
        const QByteArray name = h.first.toLower();
        if (name == "host" || name == "content-length" || name == "connection" || name == "accept-encoding")
            continue;
        if (name == "x-reshapr-key") {
            lines << QStringLiteral("-H \"%1: $PORTCULLIS_API_KEY\"").arg(QString::fromLatin1(h.first));
            continue;
        }
        if (name == "authorization") {
            lines << QStringLiteral("-H \"%1: Bearer $PORTCULLIS_TOKEN\"").arg(QString::fromLatin1(h.first));
            continue;
        }
        if (PayloadRedaction::isCredentialHeader(h.first))
            continue;
        lines << QStringLiteral("-H %1").arg(
            shellQuote(QString::fromLatin1(h.first) + QStringLiteral(": ") + QString::fromUtf8(h.second)));
    }
    if (!mcp.requestBody.isEmpty())
        lines << QStringLiteral("--data-raw %1").arg(shellQuote(QString::fromUtf8(mcp.requestBody)));
    return lines.join(QStringLiteral(" \\\n  "));
}

} // namespace Gateway
