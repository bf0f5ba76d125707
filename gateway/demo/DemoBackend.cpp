// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoBackend.h"

#include "http/HttpFrontend.h"
#include "security/JwtVerifier.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSemaphore>
#include <QThread>
#include <QUrlQuery>

namespace Gateway {

namespace {

HttpResponse jsonResponse(int status, const QJsonObject& body)
{
    return HttpResponse::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpResponse problem(int status, const QString& title)
{
    HttpResponse r = HttpResponse::json(
        status,
        QJsonDocument(QJsonObject{{QStringLiteral("status"), status}, {QStringLiteral("title"), title}})
            .toJson(QJsonDocument::Compact));
    r.setHeader("Content-Type", "application/problem+json");
    return r;
}

QJsonObject forecast(const QString& city, int days, const QString& units)
{
    static const char* const summaries[] = {"Sunny", "Partly cloudy", "Cloudy", "Light rain", "Showers", "Windy"};
    const uint seed = qHash(city.toLower());
    QJsonArray list;
    const QDate start(2026, 1, 1);
    for (int d = 0; d < days; ++d) {
        const int base = int((seed >> (d % 16)) % 15) + 8;
        double high = base + 6;
        double low = base - 2;
        if (units == QLatin1String("imperial")) {
            high = high * 9 / 5 + 32;
            low = low * 9 / 5 + 32;
        }
        list.append(QJsonObject{{QStringLiteral("date"), start.addDays(d).toString(Qt::ISODate)},
                                {QStringLiteral("summary"), QLatin1String(summaries[(seed + d) % 6])},
                                {QStringLiteral("high"), high},
                                {QStringLiteral("low"), low}});
    }
    return QJsonObject{
        {QStringLiteral("city"), city}, {QStringLiteral("units"), units}, {QStringLiteral("days"), list}};
}

} // namespace

DemoBackend::DemoBackend(QObject* parent)
    : QObject(parent)
{
    HttpLimits limits;
    limits.maxConnections = 1024;
    m_frontend = std::make_unique<HttpFrontend>(limits);
    m_frontend->setHandler(
        [this](const HttpRequest& request, HttpResponder responder) { responder.send(handle(request)); });
    const QJsonObject seed[] = {
        {{QStringLiteral("name"), QStringLiteral("Brass padlock")},
         {QStringLiteral("quantity"), 12},
         {QStringLiteral("tags"), QJsonArray{QStringLiteral("hardware")}}},
        {{QStringLiteral("name"), QStringLiteral("Gate hinge")},
         {QStringLiteral("quantity"), 4},
         {QStringLiteral("tags"), QJsonArray{QStringLiteral("hardware"), QStringLiteral("heavy")}}},
        {{QStringLiteral("name"), QStringLiteral("Portcullis chain")},
         {QStringLiteral("quantity"), 1},
         {QStringLiteral("tags"), QJsonArray{QStringLiteral("heavy")}}},
    };
    for (QJsonObject item : seed) {
        item.insert(QStringLiteral("id"), m_nextId);
        m_items.insert(m_nextId++, item);
    }
}

DemoBackend::~DemoBackend() = default;

bool DemoBackend::listen(const QHostAddress& address, quint16 port)
{
    return m_frontend->listen(address, port);
}

QUrl DemoBackend::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_frontend->serverAddress().toString());
    url.setPort(m_frontend->serverPort());
    return url;
}

std::optional<HttpResponse> DemoBackend::refuseBearer(const HttpRequest& request) const
{
    if (!m_bearer.isRequired())
        return std::nullopt;
    auto refuse = [](int status, const QByteArray& error, const QString& description) {
        HttpResponse r = problem(status, description);
        r.setHeader("WWW-Authenticate",
                    QByteArrayLiteral("Bearer realm=\"portcullis-demo-backend\", error=\"") + error + '"');
        return r;
    };
    const QByteArray authorization = request.header("Authorization");
    if (!authorization.toLower().startsWith("bearer ") || request.headerCount("Authorization") != 1) {
        HttpResponse r = problem(401, QStringLiteral("A bearer token from the demo authorization server is required"));
        r.setHeader("WWW-Authenticate", "Bearer realm=\"portcullis-demo-backend\"");
        return r;
    }
    JwtVerifier::Expectations expect;
    expect.issuer = m_bearer.issuer;
    expect.audience = m_bearer.audience.isEmpty() ? baseUrl().toString() : m_bearer.audience;
    expect.requiredScopes = m_bearer.requiredScopes;
    const JwtVerifier::Result result = JwtVerifier::verify(authorization.mid(7).trimmed(), m_bearer.keys, expect,
                                                           QDateTime::currentSecsSinceEpoch());
    if (result.ok)
        return std::nullopt;
    if (result.reason == QLatin1String("insufficient_scope"))
        return refuse(403, "insufficient_scope", result.description);
    return refuse(401, "invalid_token", result.description);
}

HttpResponse DemoBackend::handle(const HttpRequest& request)
{
    if (const auto refused = refuseBearer(request))
        return *refused;
    const QStringList parts = request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const QUrlQuery query(QString::fromUtf8(request.rawQuery));
    if (parts.size() < 2 || parts.at(0) != QLatin1String("v1"))
        return problem(404, QStringLiteral("Not Found"));
    const QString& resource = parts.at(1);

    if (resource == QLatin1String("forecast") && parts.size() == 2) {
        if (request.method != "GET")
            return problem(405, QStringLiteral("Method Not Allowed")).setHeader("Allow", "GET");
        const QString city = query.queryItemValue(QStringLiteral("city"), QUrl::FullyDecoded);
        if (city.isEmpty())
            return problem(400, QStringLiteral("city is required"));
        const int days
            = query.hasQueryItem(QStringLiteral("days")) ? query.queryItemValue(QStringLiteral("days")).toInt() : 3;
        if (days < 1 || days > 7)
            return problem(400, QStringLiteral("days must be 1-7"));
        QString units = query.queryItemValue(QStringLiteral("units"));
        if (units.isEmpty())
            units = QStringLiteral("metric");
        if (units != QLatin1String("metric") && units != QLatin1String("imperial"))
            return problem(400, QStringLiteral("units must be metric or imperial"));
        const QString key = city.left(80) + QLatin1Char('|') + QString::number(days) + QLatin1Char('|') + units;
        auto cached = m_forecastCache.constFind(key);
        if (cached == m_forecastCache.constEnd()) {
            if (m_forecastCache.size() >= 1024)
                m_forecastCache.clear();
            cached = m_forecastCache.insert(
                key, QJsonDocument(forecast(city.left(80), days, units)).toJson(QJsonDocument::Compact));
        }
        return HttpResponse::json(200, *cached);
    }

    if (resource == QLatin1String("items") && parts.size() == 2) {
        if (request.method == "GET") {
            const int limit = query.hasQueryItem(QStringLiteral("limit"))
                ? query.queryItemValue(QStringLiteral("limit")).toInt()
                : 20;
            const QString tag = query.queryItemValue(QStringLiteral("tag"), QUrl::FullyDecoded);
            QJsonArray items;
            for (const QJsonObject& item : std::as_const(m_items)) {
                if (items.size() >= qBound(1, limit, 100))
                    break;
                if (tag.isEmpty() || item.value(QLatin1String("tags")).toArray().contains(tag))
                    items.append(item);
            }
            return jsonResponse(200, QJsonObject{{QStringLiteral("items"), items}});
        }
        if (request.method == "POST") {
            const QJsonDocument doc = QJsonDocument::fromJson(request.body);
            const QJsonObject in = doc.object();
            const QString name = in.value(QLatin1String("name")).toString();
            if (!doc.isObject() || name.isEmpty())
                return problem(400, QStringLiteral("name is required"));
            if (m_items.size() >= 10000)
                return problem(507, QStringLiteral("Inventory is full"));
            QJsonObject item{{QStringLiteral("id"), m_nextId},
                             {QStringLiteral("name"), name.left(200)},
                             {QStringLiteral("quantity"), in.value(QLatin1String("quantity")).toInt(1)},
                             {QStringLiteral("tags"), in.value(QLatin1String("tags")).toArray()}};
            m_items.insert(m_nextId++, item);
            return jsonResponse(201, item);
        }
        return problem(405, QStringLiteral("Method Not Allowed")).setHeader("Allow", "GET, POST");
    }

    if (resource == QLatin1String("items") && parts.size() == 3) {
        bool ok = false;
        const qint64 id = parts.at(2).toLongLong(&ok);
        if (!ok || !m_items.contains(id))
            return problem(404, QStringLiteral("No item with id %1").arg(parts.at(2).left(20)));
        if (request.method == "GET")
            return jsonResponse(200, m_items.value(id));
        if (request.method == "DELETE") {
            m_items.remove(id);
            return HttpResponse::empty(204);
        }
        return problem(405, QStringLiteral("Method Not Allowed")).setHeader("Allow", "GET, DELETE");
    }

    if (resource == QLatin1String("status") && parts.size() == 3 && request.method == "GET") {
        const int code = parts.at(2).toInt();
        if (code < 200 || code > 599)
            return problem(400, QStringLiteral("code must be 200-599"));
        if (code < 300)
            return jsonResponse(code, QJsonObject{{QStringLiteral("status"), code}});
        return problem(code, QStringLiteral("Simulated failure"));
    }
    return problem(404, QStringLiteral("Not Found"));
}

DemoBackendHost::DemoBackendHost() = default;

DemoBackendHost::~DemoBackendHost()
{
    if (!m_thread)
        return;
    // Deleted on its own thread before the loop stops: a queued deleteLater could be left behind
    // when quit() ends the loop first, and the backend (server, sockets) would leak.
    if (m_backend) {
        DemoBackend* backend = m_backend;
        QMetaObject::invokeMethod(
            backend, [backend]() { delete backend; }, Qt::BlockingQueuedConnection);
        m_backend = nullptr;
    }
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

QUrl DemoBackendHost::start(quint16 port, const DemoBearerRequirement& bearer)
{
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("demo-backend"));
    m_thread->start();
    QUrl url;
    QSemaphore ready;
    auto* starter = new QObject;
    starter->moveToThread(m_thread);
    QMetaObject::invokeMethod(starter, [this, &url, &ready, port, starter, &bearer]() {
        m_backend = new DemoBackend;
        m_backend->requireBearer(bearer);
        if (m_backend->listen(QHostAddress::LocalHost, port))
            url = m_backend->baseUrl();
        delete starter;
        ready.release();
    });
    ready.acquire();
    return url;
}

} // namespace Gateway
