// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Jwk.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

namespace Gateway {

class SafeFetcher;
struct FetchResult;

// The gateway's view of the authorization servers it trusts (one directory per gateway): their
// metadata and their signing keys (https only, size and time caps, issuer identity checked, one refetch on an unknown kid).
//
// Discovery for an issuer with a path ("https://as/t1"): RFC 8414 with path insertion
// "https://as/.well-known/oauth-authorization-server/t1", then OpenID Connect
// "https://as/.well-known/openid-configuration/t1", then "https://as/t1/.well-known/openid-configuration".
// Without a path: "/.well-known/oauth-authorization-server", then "/.well-known/openid-configuration".
// The next URL is tried only when the previous one answered with an HTTP error status (≥ 400) or a body
// that is not a JSON object; transport failures (refused, TLS, timeout, too large, cross-origin
// redirect) end the discovery. The metadata's "issuer" must equal the configured issuer exactly
// (RFC 8414 §3.3): otherwise the issuer is unusable (Failed). Then "jwks_uri" is fetched into a JwkSet.
// Every fetch goes through SafeFetcher (https only, 64 KiB, 5 s, same-origin redirects, no cookies).
//
// Keys:
// - waiters of one issuer share one fetch (single flight);
// - requestRefresh() refetches the JWKS for an unknown kid at most once per minRefreshInterval (30 s);
//   the same interval spaces out retries after a failed discovery or fetch;
// - a failed refresh keeps the old keys; keys are served for at most maxKeyAge (24 h) after the last
//   successful fetch, then count as absent (the caller answers 503, never invalid_token, which would start a client re-auth loop);
// - keys older than softRefreshAfter (1 h) are still served at once while a background refetch runs.
//
// Single-threaded: use from the thread the directory lives in. Callbacks run from the event loop.
class AuthorizationServerDirectory : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 DefaultMinRefreshIntervalMs = 30 * 1000;
    static constexpr qint64 DefaultMaxKeyAgeMs = 24 * 3600 * 1000;
    static constexpr qint64 DefaultSoftRefreshAfterMs = 3600 * 1000;
    static constexpr int MaxSteps = 100;

    struct IssuerState
    {
        enum class Status {
            Unknown, // never asked for
            Loading, // discovery or the first JWKS fetch is running; no usable keys yet
            Ready, // metadata verified; keys usable (unless the metadata names no jwks_uri)
            Failed, // see error; no usable keys
        };
        Status status = Status::Unknown;
        QJsonObject metadata; // once its issuer matched
        QUrl metadataUrl; // where it was found
        JwkSet keys; // the last successfully fetched, non-empty set (may be stale: see keysFetchedAt)
        QDateTime keysFetchedAt; // UTC, null before the first success
        QString error; // the last failure; may be set while Ready (a refresh failed, old keys kept)
        bool fetching = false; // a discovery or JWKS fetch is in flight
    };

    // keys is non-null exactly when usable keys exist; it is valid only during the call.
    using KeysCallback = std::function<void(const JwkSet* keys, const QString& error)>;

    explicit AuthorizationServerDirectory(QObject* parent = nullptr);
    ~AuthorizationServerDirectory() override;

    void setAllowLoopbackHttp(bool allow); // passed to the fetcher; tests and local development only
    void setFetchTimeoutMs(int timeoutMs); // passed to the fetcher (default 5 s)
    void setMinRefreshIntervalMs(qint64 ms) { m_minRefreshIntervalMs = ms; }
    void setMaxKeyAgeMs(qint64 ms) { m_maxKeyAgeMs = ms; }
    void setSoftRefreshAfterMs(qint64 ms) { m_softRefreshAfterMs = ms; }

    // The discovery URLs for an issuer, in the order they are tried (empty for an unusable issuer URL).
    static QList<QUrl> discoveryUrls(const QUrl& issuer);

    // Starts discovery unless it ran already (a failed one is retried once the refresh interval passed).
    void ensure(const QString& issuer);
    // Null for an issuer never passed to ensure()/withKeys()/requestRefresh().
    const IssuerState* state(const QString& issuer) const;
    // A short human log of the last discovery and fetches ("GET … → 200", "issuer matches", "JWKS: …").
    QStringList steps(const QString& issuer) const;

    // Calls back with the usable keys: queued at once when they are known (and no refresh that was asked
    // for with requestRefresh() is running), else once the running or newly started fetch finishes.
    void withKeys(const QString& issuer, KeysCallback callback);
    // For an unknown kid: refetches the JWKS unless one was fetched (or tried) within the refresh
    // interval. Returns true when a fetch started or is already running (withKeys() then waits for it),
    // false when rate-limited (the caller answers 401 for the unknown kid).
    bool requestRefresh(const QString& issuer);

    QUrl tokenEndpoint(const QString& issuer) const;
    QUrl introspectionEndpoint(const QString& issuer) const;
    QUrl jwksUri(const QString& issuer) const;

signals:
    void issuerUpdated(const QString& issuer);

private:
    struct Entry;
    Entry& entry(const QString& issuer);
    Entry* find(const QString& issuer) const;
    bool keysUsable(const Entry& e) const;
    bool mayAttempt(const Entry& e) const;
    void expireKeys(Entry& e) const;
    void addStep(Entry& e, const QString& step) const;
    void startFetch(const QString& issuer, bool blockWaiters);
    void startDiscovery(const QString& issuer);
    void tryCandidate(const QString& issuer);
    void onMetadata(const QString& issuer, const QUrl& url, const FetchResult& result);
    void startJwksFetch(const QString& issuer, bool blockWaiters);
    void onJwks(const QString& issuer, const QUrl& url, const FetchResult& result);
    void fail(const QString& issuer, const QString& error);
    void finishFetch(const QString& issuer);
    void deliverLater(const QString& issuer, KeysCallback callback);
    void deliverNow(const std::shared_ptr<Entry>& e, const KeysCallback& callback);

    SafeFetcher* m_fetcher = nullptr;
    QHash<QString, std::shared_ptr<Entry>> m_entries;
    QElapsedTimer m_clock;
    qint64 m_minRefreshIntervalMs = DefaultMinRefreshIntervalMs;
    qint64 m_maxKeyAgeMs = DefaultMaxKeyAgeMs;
    qint64 m_softRefreshAfterMs = DefaultSoftRefreshAfterMs;
};

} // namespace Gateway
