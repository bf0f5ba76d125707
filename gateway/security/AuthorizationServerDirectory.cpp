// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuthorizationServerDirectory.h"

#include "SafeFetcher.h"

#include <QJsonValue>

namespace Gateway {

namespace {

const QString kOauthWellKnown = QStringLiteral("/.well-known/oauth-authorization-server");
const QString kOpenIdWellKnown = QStringLiteral("/.well-known/openid-configuration");

// Remote text shown in steps and errors: printable, bounded.
QString shown(const QString& text, int max = 120)
{
    QString out;
    out.reserve(qMin(text.size(), max + 1));
    for (const QChar c : text) {
        if (out.size() >= max) {
            out.append(QChar(0x2026));
            break;
        }
        out.append(c.isPrint() ? c : QChar(u'?'));
    }
    return out;
}

QString describeFetch(const QUrl& url, const FetchResult& result)
{
    const QString target = SafeFetcher::displayUrl(url);
    if (result.ok)
        return QStringLiteral("GET %1 \u2192 %2").arg(target).arg(result.status);
    return QStringLiteral("GET %1 \u2192 %2").arg(target, result.error);
}

QString describeKeys(const JwkSet& keys)
{
    QStringList kids;
    for (const Jwk& key : keys.keys())
        kids.append(key.kid().isEmpty() ? QStringLiteral("no kid") : QStringLiteral("kid ") + shown(key.kid(), 64));
    return QStringLiteral("JWKS: %1 %2 (%3)")
        .arg(keys.size())
        .arg(keys.size() == 1 ? QStringLiteral("key") : QStringLiteral("keys"))
        .arg(kids.join(QStringLiteral(", ")));
}

} // namespace

struct AuthorizationServerDirectory::Entry
{
    IssuerState state;
    QStringList steps;
    QList<KeysCallback> waiters;
    QList<QUrl> candidates;
    int candidateIndex = 0;
    bool blockWaiters = false; // withKeys() waits for the running fetch instead of serving cached keys
    qint64 lastAttemptMs = -1; // m_clock time of the last discovery or JWKS fetch start
    qint64 keysFetchedMs = -1; // m_clock time of the last successful JWKS fetch
};

AuthorizationServerDirectory::AuthorizationServerDirectory(QObject* parent)
    : QObject(parent)
    , m_fetcher(new SafeFetcher(this))
{
    m_clock.start();
}

AuthorizationServerDirectory::~AuthorizationServerDirectory()
{
    // Drop in-flight fetches before the entries their callbacks refer to go away.
    delete m_fetcher;
    m_fetcher = nullptr;
}

void AuthorizationServerDirectory::setAllowLoopbackHttp(bool allow)
{
    m_fetcher->setAllowLoopbackHttp(allow);
}

void AuthorizationServerDirectory::setFetchTimeoutMs(int timeoutMs)
{
    m_fetcher->setTimeoutMs(timeoutMs);
}

QList<QUrl> AuthorizationServerDirectory::discoveryUrls(const QUrl& issuer)
{
    if (!issuer.isValid() || issuer.isRelative() || issuer.host().isEmpty())
        return {};
    const QUrl base = issuer.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString path = base.path(QUrl::FullyEncoded);
    while (path.endsWith(u'/'))
        path.chop(1); // RFC 8414 §3.1: a terminating "/" is removed before inserting
    const auto at = [&base](const QString& newPath) {
        QUrl url = base;
        url.setPath(newPath, QUrl::TolerantMode);
        return url;
    };
    if (path.isEmpty())
        return {at(kOauthWellKnown), at(kOpenIdWellKnown)};
    return {at(kOauthWellKnown + path), at(kOpenIdWellKnown + path), at(path + kOpenIdWellKnown)};
}

AuthorizationServerDirectory::Entry& AuthorizationServerDirectory::entry(const QString& issuer)
{
    auto it = m_entries.find(issuer);
    if (it == m_entries.end())
        it = m_entries.insert(issuer, std::make_shared<Entry>());
    return *it.value();
}

AuthorizationServerDirectory::Entry* AuthorizationServerDirectory::find(const QString& issuer) const
{
    const auto it = m_entries.constFind(issuer);
    return it == m_entries.cend() ? nullptr : it.value().get();
}

bool AuthorizationServerDirectory::keysUsable(const Entry& e) const
{
    return !e.state.keys.isEmpty() && e.keysFetchedMs >= 0 && m_clock.elapsed() - e.keysFetchedMs <= m_maxKeyAgeMs;
}

bool AuthorizationServerDirectory::mayAttempt(const Entry& e) const
{
    return e.lastAttemptMs < 0 || m_clock.elapsed() - e.lastAttemptMs >= m_minRefreshIntervalMs;
}

void AuthorizationServerDirectory::expireKeys(Entry& e) const
{
    if (e.state.keys.isEmpty() || keysUsable(e))
        return;
    e.state.keys = JwkSet();
    const QString reason
        = QStringLiteral("the cached JWKS expired (no successful fetch for %1 s)").arg(m_maxKeyAgeMs / 1000);
    addStep(e, reason);
    if (e.state.fetching) {
        e.state.status = IssuerState::Status::Loading;
    } else {
        e.state.status = IssuerState::Status::Failed;
        e.state.error = reason;
    }
}

void AuthorizationServerDirectory::addStep(Entry& e, const QString& step) const
{
    e.steps.append(step);
    while (e.steps.size() > MaxSteps)
        e.steps.removeFirst();
}

const AuthorizationServerDirectory::IssuerState* AuthorizationServerDirectory::state(const QString& issuer) const
{
    Entry* e = find(issuer);
    if (!e)
        return nullptr;
    expireKeys(*e);
    return &e->state;
}

QStringList AuthorizationServerDirectory::steps(const QString& issuer) const
{
    const Entry* e = find(issuer);
    return e ? e->steps : QStringList();
}

QUrl AuthorizationServerDirectory::tokenEndpoint(const QString& issuer) const
{
    const Entry* e = find(issuer);
    return e ? QUrl(e->state.metadata.value(QLatin1String("token_endpoint")).toString(), QUrl::StrictMode) : QUrl();
}

QUrl AuthorizationServerDirectory::introspectionEndpoint(const QString& issuer) const
{
    const Entry* e = find(issuer);
    return e ? QUrl(e->state.metadata.value(QLatin1String("introspection_endpoint")).toString(), QUrl::StrictMode)
             : QUrl();
}

QUrl AuthorizationServerDirectory::jwksUri(const QString& issuer) const
{
    const Entry* e = find(issuer);
    return e ? QUrl(e->state.metadata.value(QLatin1String("jwks_uri")).toString(), QUrl::StrictMode) : QUrl();
}

void AuthorizationServerDirectory::ensure(const QString& issuer)
{
    Entry& e = entry(issuer);
    if (e.state.fetching)
        return;
    if (e.state.status == IssuerState::Status::Unknown)
        startDiscovery(issuer);
    else if (e.state.status == IssuerState::Status::Failed && mayAttempt(e))
        startFetch(issuer, false);
}

void AuthorizationServerDirectory::withKeys(const QString& issuer, KeysCallback callback)
{
    Entry& e = entry(issuer);
    expireKeys(e);
    const bool usable = keysUsable(e);
    if (e.state.fetching && (e.blockWaiters || !usable)) {
        e.waiters.append(std::move(callback));
        return;
    }
    if (usable) {
        if (!e.state.fetching && m_clock.elapsed() - e.keysFetchedMs > m_softRefreshAfterMs && mayAttempt(e))
            startJwksFetch(issuer, false); // background: cached keys are served meanwhile
        deliverLater(issuer, std::move(callback));
        return;
    }
    if (e.state.status == IssuerState::Status::Unknown || mayAttempt(e)) {
        e.waiters.append(std::move(callback));
        startFetch(issuer, true);
        return;
    }
    deliverLater(issuer, std::move(callback)); // rate-limited: report the last error
}

bool AuthorizationServerDirectory::requestRefresh(const QString& issuer)
{
    Entry& e = entry(issuer);
    expireKeys(e);
    if (e.state.fetching) {
        e.blockWaiters = true;
        return true;
    }
    if (e.state.status != IssuerState::Status::Unknown && !mayAttempt(e))
        return false;
    startFetch(issuer, true);
    return true;
}

void AuthorizationServerDirectory::startFetch(const QString& issuer, bool blockWaiters)
{
    // Metadata already verified: only the keys are fetched again; otherwise discovery starts over.
    if (jwksUri(issuer).isValid())
        startJwksFetch(issuer, blockWaiters);
    else
        startDiscovery(issuer);
}

void AuthorizationServerDirectory::startDiscovery(const QString& issuer)
{
    Entry& e = entry(issuer);
    e.steps.clear();
    e.state.fetching = true;
    e.blockWaiters = true;
    e.lastAttemptMs = m_clock.elapsed();
    if (!keysUsable(e))
        e.state.status = IssuerState::Status::Loading;
    addStep(e, QStringLiteral("Discovering the authorization server metadata for %1").arg(shown(issuer, 300)));

    const QUrl url(issuer, QUrl::StrictMode);
    QString problem;
    if (!url.isValid() || url.isRelative() || url.host().isEmpty() || url.hasQuery() || url.hasFragment()) {
        problem = QStringLiteral("the issuer must be an absolute https URL without query or fragment");
    } else {
        const QString refused = m_fetcher->checkUrl(url);
        if (!refused.isEmpty())
            problem = QStringLiteral("the issuer URL is refused: %1").arg(refused);
    }
    emit issuerUpdated(issuer);
    if (!problem.isEmpty()) {
        // Never call back from inside ensure()/withKeys().
        QMetaObject::invokeMethod(
            this, [this, issuer, problem]() { fail(issuer, problem); }, Qt::QueuedConnection);
        return;
    }
    e.candidates = discoveryUrls(url);
    e.candidateIndex = 0;
    tryCandidate(issuer);
}

void AuthorizationServerDirectory::tryCandidate(const QString& issuer)
{
    const Entry* e = find(issuer);
    const QUrl url = e->candidates.at(e->candidateIndex);
    m_fetcher->getJson(url, [this, issuer, url](const FetchResult& result) { onMetadata(issuer, url, result); });
}

void AuthorizationServerDirectory::onMetadata(const QString& issuer, const QUrl& url, const FetchResult& result)
{
    Entry* e = find(issuer);
    if (!e)
        return;
    addStep(*e, describeFetch(url, result));
    if (!result.ok) {
        // Only "not here" answers move on to the next well-known URL; transport failures stop.
        const bool notHere = (result.failure == FetchResult::Failure::HttpStatus && result.status >= 400)
            || result.failure == FetchResult::Failure::NotJson;
        if (notHere && ++e->candidateIndex < e->candidates.size()) {
            emit issuerUpdated(issuer);
            tryCandidate(issuer);
            return;
        }
        fail(issuer,
             notHere ? QStringLiteral("no authorization server metadata found (last: %1)").arg(result.error)
                     : QStringLiteral("authorization server metadata fetch failed: %1").arg(result.error));
        return;
    }

    const QJsonValue advertised = result.json.value(QLatin1String("issuer"));
    if (!advertised.isString() || advertised.toString() != issuer) {
        const QString what = advertised.isString() ? QStringLiteral("\"%1\"").arg(shown(advertised.toString()))
                                                   : QStringLiteral("no issuer");
        addStep(*e, QStringLiteral("issuer mismatch: the metadata names %1").arg(what));
        e->state.metadata = QJsonObject();
        e->state.metadataUrl = QUrl();
        e->state.keys = JwkSet();
        fail(issuer,
             QStringLiteral("the authorization server metadata names %1, not the configured issuer \"%2\" "
                            "(RFC 8414 \u00a73.3): this issuer cannot be used")
                 .arg(what, shown(issuer, 300)));
        return;
    }
    addStep(*e, QStringLiteral("issuer matches"));
    e->state.metadata = result.json;
    e->state.metadataUrl = url;

    const QJsonValue jwks = result.json.value(QLatin1String("jwks_uri"));
    if (jwks.isUndefined()) {
        addStep(*e, QStringLiteral("the metadata names no jwks_uri"));
        e->state.status = IssuerState::Status::Ready;
        e->state.error.clear();
        finishFetch(issuer);
        return;
    }
    if (!jwks.isString() || !jwksUri(issuer).isValid() || jwksUri(issuer).isRelative()) {
        e->state.metadata = QJsonObject();
        fail(issuer, QStringLiteral("the metadata's jwks_uri is not an absolute URL"));
        return;
    }
    startJwksFetch(issuer, false);
}

void AuthorizationServerDirectory::startJwksFetch(const QString& issuer, bool blockWaiters)
{
    Entry& e = entry(issuer);
    e.blockWaiters = (e.state.fetching && e.blockWaiters) || blockWaiters;
    e.state.fetching = true;
    e.lastAttemptMs = m_clock.elapsed();
    if (!keysUsable(e))
        e.state.status = IssuerState::Status::Loading;
    emit issuerUpdated(issuer);
    const QUrl url = jwksUri(issuer);
    m_fetcher->getJson(url, [this, issuer, url](const FetchResult& result) { onJwks(issuer, url, result); });
}

void AuthorizationServerDirectory::onJwks(const QString& issuer, const QUrl& url, const FetchResult& result)
{
    Entry* e = find(issuer);
    if (!e)
        return;
    addStep(*e, describeFetch(url, result));
    QString problem = result.error;
    if (result.ok) {
        QStringList warnings;
        const JwkSet keys = JwkSet::fromJson(result.json, &warnings);
        for (const QString& warning : std::as_const(warnings))
            addStep(*e, QStringLiteral("JWKS: %1").arg(shown(warning, 200)));
        if (!keys.isEmpty()) {
            e->state.keys = keys;
            e->state.keysFetchedAt = QDateTime::currentDateTimeUtc();
            e->keysFetchedMs = m_clock.elapsed();
            e->state.status = IssuerState::Status::Ready;
            e->state.error.clear();
            addStep(*e, describeKeys(keys));
            finishFetch(issuer);
            return;
        }
        problem = QStringLiteral("the JWKS has no usable signing key");
    }
    if (keysUsable(*e)) {
        // JWKS unreachable: keep serving the old keys (until they are too old), but say so.
        e->state.status = IssuerState::Status::Ready;
        e->state.error = QStringLiteral("JWKS refresh failed: %1; still using the keys fetched at %2")
                             .arg(problem, e->state.keysFetchedAt.toString(Qt::ISODate));
        addStep(*e, QStringLiteral("JWKS refresh failed; keeping the previous keys"));
        finishFetch(issuer);
        return;
    }
    fail(issuer, QStringLiteral("JWKS fetch failed: %1").arg(problem));
}

void AuthorizationServerDirectory::fail(const QString& issuer, const QString& error)
{
    Entry* e = find(issuer);
    if (!e)
        return;
    e->state.status = IssuerState::Status::Failed;
    e->state.error = error;
    addStep(*e, QStringLiteral("failed: %1").arg(error));
    finishFetch(issuer);
}

void AuthorizationServerDirectory::finishFetch(const QString& issuer)
{
    const std::shared_ptr<Entry> e = m_entries.value(issuer);
    if (!e)
        return;
    e->state.fetching = false;
    e->blockWaiters = false;
    QList<KeysCallback> waiters;
    waiters.swap(e->waiters);
    emit issuerUpdated(issuer);
    for (const KeysCallback& callback : std::as_const(waiters))
        deliverNow(e, callback);
}

void AuthorizationServerDirectory::deliverLater(const QString& issuer, KeysCallback callback)
{
    QMetaObject::invokeMethod(
        this,
        [this, issuer, callback = std::move(callback)]() {
            if (const std::shared_ptr<Entry> e = m_entries.value(issuer))
                deliverNow(e, callback);
        },
        Qt::QueuedConnection);
}

void AuthorizationServerDirectory::deliverNow(const std::shared_ptr<Entry>& e, const KeysCallback& callback)
{
    expireKeys(*e);
    if (keysUsable(*e)) {
        callback(&e->state.keys, QString());
        return;
    }
    QString error = e->state.error;
    if (error.isEmpty()) {
        error = e->state.status == IssuerState::Status::Ready
            ? QStringLiteral("the authorization server metadata names no jwks_uri")
            : QStringLiteral("no signing keys available");
    }
    callback(nullptr, error);
}

} // namespace Gateway
