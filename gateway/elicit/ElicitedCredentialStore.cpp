// SPDX-License-Identifier: GPL-3.0-or-later
#include "ElicitedCredentialStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include "secrets/SecretBytes.h"
#include "secrets/SecretStore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>

#include <algorithm>
#include <memory>

namespace Gateway {

namespace {

const QLatin1String kPrefix("portcullis-elicited/");

void wipe(ElicitedCredential& c)
{
    SecretBytes::wipeAndClear(c.value);
    SecretBytes::wipeAndClear(c.refreshToken);
}

} // namespace

ElicitedCredentialStore::ElicitedCredentialStore(QObject* parent)
    : QObject(parent)
{
}

ElicitedCredentialStore::~ElicitedCredentialStore()
{
    m_jobs.clear();
    for (ElicitedCredential& c : m_memory)
        wipe(c);
}

void ElicitedCredentialStore::setSecretStore(SecretStore* store)
{
    m_secrets = store;
}

QString ElicitedCredentialStore::memoryKey(const QString& service, const QString& person)
{
    return service + QLatin1Char('\n') + person;
}

QString ElicitedCredentialStore::personHash(const QString& person)
{
    return QString::fromLatin1(QCryptographicHash::hash(person.toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
}

QString ElicitedCredentialStore::entryKey(const QString& service, const QString& person)
{
    return kPrefix + service + QLatin1Char('/') + personHash(person);
}

QString ElicitedCredentialStore::indexKey(const QString& service)
{
    return kPrefix + service + QStringLiteral("/index");
}

QByteArray ElicitedCredentialStore::serialize(const ElicitedCredential& c)
{
    QJsonObject o{{QStringLiteral("v"), 1},
                  {QStringLiteral("kind"), BackendAuth::kindName(c.kind)},
                  {QStringLiteral("value"), QString::fromUtf8(c.value)}};
    if (!c.refreshToken.isEmpty())
        o.insert(QStringLiteral("refresh"), QString::fromUtf8(c.refreshToken));
    if (c.expiresAt.isValid())
        o.insert(QStringLiteral("exp"), c.expiresAt.toSecsSinceEpoch());
    if (c.obtainedAt.isValid())
        o.insert(QStringLiteral("at"), c.obtainedAt.toSecsSinceEpoch());
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<ElicitedCredential> ElicitedCredentialStore::deserialize(const QByteArray& bytes)
{
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    if (o.value(QLatin1String("v")).toInt() != 1)
        return std::nullopt;
    ElicitedCredential c;
    const QString kind = o.value(QLatin1String("kind")).toString();
    if (kind == BackendAuth::kindName(BackendAuth::Kind::ElicitedToken))
        c.kind = BackendAuth::Kind::ElicitedToken;
    else if (kind == BackendAuth::kindName(BackendAuth::Kind::ElicitedOAuth2))
        c.kind = BackendAuth::Kind::ElicitedOAuth2;
    else
        return std::nullopt;
    c.value = o.value(QLatin1String("value")).toString().toUtf8();
    if (c.value.isEmpty() || c.value.size() > MaxValueBytes)
        return std::nullopt;
    c.refreshToken = o.value(QLatin1String("refresh")).toString().toUtf8();
    if (o.contains(QLatin1String("exp")))
        c.expiresAt = QDateTime::fromSecsSinceEpoch(qint64(o.value(QLatin1String("exp")).toDouble()), Qt::UTC);
    if (o.contains(QLatin1String("at")))
        c.obtainedAt = QDateTime::fromSecsSinceEpoch(qint64(o.value(QLatin1String("at")).toDouble()), Qt::UTC);
    return c;
}

std::optional<ElicitedCredential> ElicitedCredentialStore::get(const QString& service, const QString& person) const
{
    const auto it = m_memory.constFind(memoryKey(service, person));
    if (it == m_memory.cend())
        return std::nullopt;
    return *it;
}

void ElicitedCredentialStore::put(const QString& service, const QString& person, const ElicitedCredential& credential,
                                  bool persist, std::function<void(const QString&)> done)
{
    ElicitedCredential copy = credential;
    copy.value = SecretBytes::deepCopy(credential.value);
    copy.refreshToken = SecretBytes::deepCopy(credential.refreshToken);
    auto it = m_memory.find(memoryKey(service, person));
    if (it != m_memory.end()) {
        wipe(*it);
        *it = copy;
    } else {
        m_memory.insert(memoryKey(service, person), copy);
    }
    if (persist && m_secrets)
        m_persisted.insert(memoryKey(service, person));
    else
        m_persisted.remove(memoryKey(service, person));
    if (!persist || !m_secrets) {
        if (done) {
            const QString error = persist ? QStringLiteral("no secret store to persist in") : QString();
            QMetaObject::invokeMethod(
                this, [done, error]() { done(error); }, Qt::QueuedConnection);
        }
        return;
    }
    QByteArray bytes = serialize(credential);
    QPointer<ElicitedCredentialStore> self(this);
    enqueue([self, service, person, bytes, done](std::function<void()> next) mutable {
        // The index names the entry before the entry exists, so a process that stops in between
        // leaves at most an index line without an entry (which forget() skips), never an entry that
        // forget() cannot find.
        self->updateIndex(service, personHash(person), true, [self, service, person, bytes, done, next]() mutable {
            if (!self)
                return;
            self->m_secrets->write(entryKey(service, person), bytes, [self, done, next](const SecretResult& result) {
                if (!self)
                    return;
                if (done)
                    done(result.isOk() ? QString() : result.message);
                next();
            });
            SecretBytes::wipeAndClear(bytes);
        });
    });
}

void ElicitedCredentialStore::load(const QString& service, const QString& person, std::function<void(bool)> done)
{
    if (m_memory.contains(memoryKey(service, person)) || !m_secrets) {
        const bool found = m_memory.contains(memoryKey(service, person));
        QMetaObject::invokeMethod(
            this, [done, found]() { done(found); }, Qt::QueuedConnection);
        return;
    }
    QPointer<ElicitedCredentialStore> self(this);
    enqueue([self, service, person, done](std::function<void()> next) {
        self->m_secrets->read(entryKey(service, person), [self, service, person, done, next](const SecretResult& r) {
            if (!self)
                return;
            bool found = self->m_memory.contains(memoryKey(service, person));
            if (!found && r.isOk()) {
                std::optional<ElicitedCredential> c = deserialize(r.value);
                if (c) {
                    self->m_memory.insert(memoryKey(service, person), *c);
                    self->m_persisted.insert(memoryKey(service, person));
                    found = true;
                }
            }
            done(found);
            next();
        });
    });
}

bool ElicitedCredentialStore::forgetInMemory(const QString& service, const QString& person)
{
    auto it = m_memory.find(memoryKey(service, person));
    if (it == m_memory.end())
        return false;
    wipe(*it);
    m_memory.erase(it);
    m_persisted.remove(memoryKey(service, person));
    return true;
}

QList<ElicitedCredentialInfo> ElicitedCredentialStore::list(const QDateTime& nowUtc, int renewalMarginSeconds) const
{
    QList<ElicitedCredentialInfo> out;
    out.reserve(m_memory.size());
    for (auto it = m_memory.cbegin(); it != m_memory.cend(); ++it) {
        const int cut = it.key().indexOf(QLatin1Char('\n'));
        ElicitedCredentialInfo info;
        info.service = it.key().left(cut);
        info.person = it.key().mid(cut + 1);
        info.kind = it->kind;
        info.obtainedAt = it->obtainedAt;
        info.expiresAt = it->expiresAt;
        info.hasRefreshToken = !it->refreshToken.isEmpty();
        info.refreshDue = it->isExpired(nowUtc, renewalMarginSeconds);
        info.persisted = m_persisted.contains(it.key());
        out.append(info);
    }
    std::sort(out.begin(), out.end(), [](const ElicitedCredentialInfo& a, const ElicitedCredentialInfo& b) {
        return a.service != b.service ? a.service < b.service : a.person < b.person;
    });
    return out;
}

void ElicitedCredentialStore::forget(const QString& service, const QString& person,
                                     std::function<void(int, const QString&)> done)
{
    // Persons removed, by hash: a memory copy and its keychain entry count once.
    auto removed = std::make_shared<QSet<QString>>();
    if (person.isEmpty()) {
        const QString prefix = service + QLatin1Char('\n');
        for (auto it = m_memory.begin(); it != m_memory.end();) {
            if (it.key().startsWith(prefix)) {
                removed->insert(personHash(it.key().mid(prefix.size())));
                m_persisted.remove(it.key());
                wipe(*it);
                it = m_memory.erase(it);
            } else {
                ++it;
            }
        }
    } else if (forgetInMemory(service, person)) {
        removed->insert(personHash(person));
    }
    if (!m_secrets) {
        if (done)
            QMetaObject::invokeMethod(
                this, [done, removed]() { done(int(removed->size()), QString()); }, Qt::QueuedConnection);
        return;
    }
    QPointer<ElicitedCredentialStore> self(this);
    enqueue([self, service, person, done, removed](std::function<void()> next) {
        // The index names every persisted person of the service.
        self->m_secrets->read(
            indexKey(service), [self, service, person, done, removed, next](const SecretResult& index) {
                if (!self)
                    return;
                if (!index.isOk() && index.status != SecretResult::Status::NotFound) {
                    if (done)
                        done(int(removed->size()), index.message);
                    next();
                    return;
                }
                QStringList hashes;
                for (const QJsonValue& v : QJsonDocument::fromJson(index.value).array())
                    hashes.append(v.toString());
                QStringList targets = person.isEmpty() ? hashes : QStringList{personHash(person)};
                QStringList remaining = hashes;
                for (const QString& h : std::as_const(targets))
                    remaining.removeAll(h);
                auto pending = std::make_shared<int>(int(targets.size()) + 1);
                auto errors = std::make_shared<QString>();
                auto finishOne = [self, done, removed, pending, errors, next]() {
                    if (--*pending > 0)
                        return;
                    if (done)
                        done(int(removed->size()), *errors);
                    next();
                };
                for (const QString& h : std::as_const(targets)) {
                    self->m_secrets->remove(kPrefix + service + QLatin1Char('/') + h,
                                            [removed, errors, finishOne, h, hashes](const SecretResult& r) {
                                                // Some keychains report deleting a missing entry as done:
                                                // only entries the index names count.
                                                if (r.isOk() && hashes.contains(h))
                                                    removed->insert(h);
                                                else if (r.status != SecretResult::Status::NotFound)
                                                    *errors = r.message;
                                                finishOne();
                                            });
                }
                const auto afterIndex = [finishOne](const SecretResult&) { finishOne(); };
                if (remaining.isEmpty())
                    self->m_secrets->remove(indexKey(service), afterIndex);
                else
                    self->m_secrets->write(
                        indexKey(service),
                        QJsonDocument(QJsonArray::fromStringList(remaining)).toJson(QJsonDocument::Compact),
                        afterIndex);
            });
    });
}

void ElicitedCredentialStore::updateIndex(const QString& service, const QString& hash, bool add,
                                          std::function<void()> next)
{
    QPointer<ElicitedCredentialStore> self(this);
    m_secrets->read(indexKey(service), [self, service, hash, add, next](const SecretResult& index) {
        if (!self)
            return;
        QStringList hashes;
        for (const QJsonValue& v : QJsonDocument::fromJson(index.value).array())
            hashes.append(v.toString());
        if (add == hashes.contains(hash)) {
            next();
            return;
        }
        if (add)
            hashes.append(hash);
        else
            hashes.removeAll(hash);
        self->m_secrets->write(indexKey(service),
                               QJsonDocument(QJsonArray::fromStringList(hashes)).toJson(QJsonDocument::Compact),
                               [next](const SecretResult&) { next(); });
    });
}

bool ElicitedCredentialStore::waitForPendingWork(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (hasPendingWork() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    return !hasPendingWork();
}

void ElicitedCredentialStore::enqueue(Job job)
{
    m_jobs.push_back(std::move(job));
    if (!m_running)
        runNext();
}

void ElicitedCredentialStore::runNext()
{
    if (m_jobs.empty() || !m_secrets) {
        m_running = false;
        m_jobs.clear();
        return;
    }
    m_running = true;
    Job job = std::move(m_jobs.front());
    m_jobs.pop_front();
    QPointer<ElicitedCredentialStore> self(this);
    job([self]() {
        if (self)
            QMetaObject::invokeMethod(
                self, [self]() { self->runNext(); }, Qt::QueuedConnection);
    });
}

} // namespace Gateway
