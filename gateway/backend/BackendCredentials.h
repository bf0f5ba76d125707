// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/WorkspaceConfig.h"
#include "http/HttpMessage.h"
#include "openapi/ToolCallEncoder.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>

#include <functional>

namespace Gateway {

class ClientCredentialsTokenSource;

class SecretResolver;

// What one backend call needs to authenticate itself, prepared from a service's BackendAuth.
struct PreparedCredentials
{
    bool ok = false;
    // For people, logs and tool errors: names the field or the secret reference, never a secret
    // value. A reference that does not parse is not quoted either (it may be a pasted secret).
    QString error;
    // Header fields to set on the call (see BackendCredentials::applyHeaders), e.g.
    //   Authorization: Basic base64(user:password) | Authorization: Bearer <token> | <headerName>: <token>
    HttpHeaders headers;
    // Valid when hasTls: a copy of QSslConfiguration::defaultConfiguration() with the client
    // certificate chain and key (mTLS) and/or only the pinned CA trusted. Peer verification stays on.
    QSslConfiguration tls;
    // Stable id of `tls` for connection reuse (BackendOptions::tlsProfile): "tls:" + SHA-256 (hex) over
    // the DER of the client certificate chain and of the pinned CA certificates. Public material only.
    QByteArray tlsProfile;
    bool hasTls = false;
};

// Prepares backend credentials from workspace configuration and secret references, asynchronously:
//   None              nothing (plus the pinned CA, if any);
//   Basic             username from the config (no ':' or control characters), password from
//                     secretRef -> "Authorization: Basic base64(username:password)" (RFC 7617);
//   Token             token from secretRef. headerName empty or "Authorization" (any case) ->
//                     "Authorization: Bearer <token>"; any other headerName gets the raw token. The
//                     name must be an RFC 9110 token and not a framing/hop-by-hop field (Host,
//                     Content-Length, Transfer-Encoding, Connection, ...); the token must not be empty
//                     or contain control characters (CR, LF, NUL, ...).
//   ClientCertificate certificateRef -> PEM certificate chain (leaf first), secretRef -> PEM private key
//                     (RSA or EC, PKCS#1/SEC1 or unencrypted PKCS#8; tried as QSsl::Rsa then QSsl::Ec).
//                     Encrypted keys, a null key or a key that does not belong to the leaf certificate
//                     are errors.
// A pinned CA (caPemRef: one or more PEM certificates) replaces the trusted roots: only it is trusted.
// A secret that cannot be read (keychain unavailable, locked, missing entry, unset variable) gives
// ok=false with "backend secret <ref> unavailable: <status>"; nothing falls back to plain text or to
// an unauthenticated call. The callback runs exactly once from the event loop, never synchronously,
// and never after this object is destroyed.
class BackendCredentials : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const PreparedCredentials&)>;

    // `resolver` is not owned; without one every secret reference is unavailable.
    explicit BackendCredentials(SecretResolver* resolver, QObject* parent = nullptr);
    ~BackendCredentials() override;

    void prepare(const BackendAuth& auth, Callback callback);
    // The same, trusting only the CA certificate(s) behind caPemRef (empty: the system roots).
    void prepare(const BackendAuth& auth, const QString& caPemRef, Callback callback);

    // Sets the prepared header fields on `call`, first removing every field of the same name
    // (case-insensitive) already there: a configured secret always wins over propagated headers.
    static void applyHeaders(EncodedCall& call, const PreparedCredentials& credentials);

    // Header fields never forwarded from the MCP client to a backend, in any mode (lower case):
    //  - MCP transport: mcp-session-id, mcp-protocol-version, mcp-method, mcp-name, last-event-id, and
    //    every other "mcp-*" field (see isStrippedInboundHeader);
    //  - request framing and content negotiation the backend client does itself: host, content-length,
    //    content-type, accept, accept-encoding (the client decodes no content codings), expect,
    //    user-agent (the client sends its own), origin;
    //  - hop-by-hop (RFC 9110 §7.6.1): connection, keep-alive, proxy-authenticate, proxy-authorization,
    //    proxy-connection, te, trailer, transfer-encoding, upgrade, plus any field named in a
    //    Connection header.
    // Authorization, Cookie and x-reshapr-key are not in this list: with endpoint security None the
    // gateway checks nothing, so they are the caller's credentials for the backend and are
    // forwarded. With API key or OAuth2 they are the gateway's own credentials and nothing is
    // forwarded at all (see propagatedHeaders).
    static QStringList strippedInboundHeaders();
    static bool isStrippedInboundHeader(const QByteArray& name);

    // The inbound (MCP client) header fields to forward to a backend. endpointSecurityNone: all
    // except the stripped ones above (order and duplicates kept), Authorization and Cookie
    // included; a configured backend secret still replaces a same-named field (applyHeaders).
    // Secured endpoint modes: none, so the gateway's own credentials never reach a backend.
    static HttpHeaders propagatedHeaders(const HttpHeaders& inbound, bool endpointSecurityNone);

    // RFC 9110 §5.6.2 token (1*tchar).
    static bool isValidHeaderName(const QByteArray& name);
    // RFC 9110 field-value without control characters except HTAB (so no CR, LF, NUL).
    static bool isValidHeaderValue(const QByteArray& value);

    // The OAuth client-credentials token source of one service (kept while its settings stay the
    // same, so the token cache survives reloads).
    ClientCredentialsTokenSource* tokenSourceFor(const QString& service, const BackendAuth& auth);

private:
    struct Job;
    void resolveNext(const std::shared_ptr<Job>& job);
    void finish(const std::shared_ptr<Job>& job);
    void deliver(Callback callback, PreparedCredentials result);

    QPointer<SecretResolver> m_resolver;
    QHash<QString, QPair<QByteArray, ClientCredentialsTokenSource*>> m_tokenSources; // service -> (settings, source)
};

} // namespace Gateway
