// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Gateway {

class GatewayServer;

// A bearer token taken apart for a person to read. Nothing here is verified: the header and claims
// are what the token says about itself (see TokenVerdict for what the gateway concludes).
struct DecodedToken
{
    enum class Form {
        Empty,
        Jwt, // three strict base64url segments, header and payload JSON objects
        Malformed, // three segments that do not decode (the gateway refuses it as malformed)
        Opaque, // not three segments: the gateway can check it only by introspection
    };
    Form form = Form::Empty;
    QString problem; // why it is not a decodable JWT, in plain words
    QJsonObject header;
    QJsonObject claims;
    QString algorithm; // header "alg"
    QString keyId; // header "kid"
    QString type; // header "typ"
    QString issuer;
    QString subject;
    QStringList audiences; // "aud" as a list (string or array)
    QStringList scopes; // "scope" (space separated) and "scp", without duplicates
    QDateTime issuedAt; // UTC; invalid when the claim is absent or not a number
    QDateTime notBefore;
    QDateTime expiresAt;
    qint64 secondsToExpiry = 0; // from `now` to "exp"; negative once expired; 0 without "exp"
    int signatureBytes = 0;
};

// The gateway's verdict on one token for one service, obtained by running the token through the
// gateway's own EndpointGuard (the same authenticate() call a request to /mcp/{service} gets: JWT
// verification with the directory's keys, or RFC 7662 introspection for an opaque token) and, for
// per-tool (step-up) scopes, EndpointGuard::checkToolScopes().
struct TokenVerdict
{
    struct ToolAccess
    {
        QString tool;
        QStringList requiredScopes; // the tool's extra scopes
        QStringList missingScopes;
        bool allowed = false;
    };

    QString service;
    bool checked = false; // false: the service is unknown or not OAuth2 (see summary)
    bool valid = false; // the gateway lets this token in (and, when a tool was named, call it)
    int httpStatus = 0; // the gateway's answer: 200 when valid, else 400/401/403/503
    QString reason; // the gateway's reason code ("jwt", "introspection", "expired", "wrong_audience", ...)
    QString description; // the gateway's error_description, when it denied
    QString summary; // the reason in plain words, naming the expected and the presented values
    QString wwwAuthenticate; // the challenge the client would get
    QString principal;
    QStringList grantedScopes;
    QStringList missingScopes;
    bool introspected = false; // the gateway asked the service's introspection endpoint
    QString expectedAudience; // the endpoint's canonical resource
    QStringList trustedIssuers;
    QStringList requiredScopes;
    QString tool; // the tool asked about, if any
    QList<ToolAccess> tools; // every tool with extra scopes, once the endpoint accepted the token
};

// Decodes tokens and asks the running gateway what it makes of them. Asynchronous: inspect()
// returns at once and verdictReady() follows from the event loop (JWKS fetches, introspection).
// Lives in the gateway's thread; the window reaches it through a queued controller.
class TokenInspector : public QObject
{
    Q_OBJECT
public:
    explicit TokenInspector(GatewayServer* gateway, QObject* parent = nullptr);
    ~TokenInspector() override;

    // Pure: strips surrounding whitespace and a leading "Bearer ".
    static DecodedToken decode(const QByteArray& token, const QDateTime& now = QDateTime::currentDateTimeUtc());
    static QString formName(DecodedToken::Form form);

    // Starts a verdict for `token` on `service`; with `tool`, also whether that tool may be called.
    // Returns the request id echoed by verdictReady(). An opaque token is sent to the service's
    // introspection endpoint exactly as a request would be.
    int inspect(const QByteArray& token, const QString& service, const QString& tool = {});

signals:
    void verdictReady(int requestId, const Gateway::TokenVerdict& verdict);

private:
    QPointer<GatewayServer> m_gateway;
    int m_nextId = 0;
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::DecodedToken)
Q_DECLARE_METATYPE(Gateway::TokenVerdict)
