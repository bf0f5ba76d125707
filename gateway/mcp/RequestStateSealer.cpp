// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestStateSealer.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

namespace Gateway {

namespace {

constexpr char kPrefix[] = "v1.";
constexpr int kPrefixSize = 3;
constexpr int kKeyBytes = 32;
constexpr int kKeyIdBytes = 4;
constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;
constexpr int kExpiryBytes = 8;
constexpr int kStateIdBytes = 16;
const QByteArray kAadLabel = QByteArrayLiteral("portcullis-requestState-v1");

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

void appendField(QByteArray& out, const QByteArray& field)
{
    char length[4];
    qToBigEndian<quint32>(static_cast<quint32>(field.size()), length);
    out.append(length, 4);
    out.append(field);
}

// Length-prefixed so that no two different bindings hash the same bytes.
QByteArray bindingDigest(const RequestStateBinding& b)
{
    QByteArray bytes;
    appendField(bytes, b.principal.toUtf8());
    appendField(bytes, b.service.toUtf8());
    appendField(bytes, b.method.toUtf8());
    appendField(bytes, b.toolName.toUtf8());
    appendField(bytes, b.argumentsDigest);
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

QByteArray keyIdBytes(quint32 id)
{
    char raw[kKeyIdBytes];
    qToBigEndian<quint32>(id, raw);
    return QByteArray(raw, kKeyIdBytes);
}

QByteArray aad(quint32 keyId, const RequestStateBinding& binding)
{
    return kAadLabel + keyIdBytes(keyId) + bindingDigest(binding);
}

bool randomBytes(QByteArray* out, int size)
{
    out->resize(size);
    return RAND_bytes(reinterpret_cast<unsigned char*>(out->data()), size) == 1;
}

void wipe(QByteArray& bytes)
{
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
    bytes.clear();
}

bool gcmSeal(const QByteArray& key, const QByteArray& nonce, const QByteArray& aadBytes, const QByteArray& plain,
             QByteArray* cipherAndTag)
{
    CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!ctx)
        return false;
    const auto* k = reinterpret_cast<const unsigned char*>(key.constData());
    const auto* iv = reinterpret_cast<const unsigned char*>(nonce.constData());
    int len = 0;
    QByteArray out(plain.size() + kTagBytes, '\0');
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) != 1
        || EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, k, iv) != 1
        || EVP_EncryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aadBytes.constData()),
                             aadBytes.size())
            != 1
        || EVP_EncryptUpdate(ctx.get(), o, &len, reinterpret_cast<const unsigned char*>(plain.constData()),
                             plain.size())
            != 1)
        return false;
    int total = len;
    if (EVP_EncryptFinal_ex(ctx.get(), o + total, &len) != 1)
        return false;
    total += len;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, o + total) != 1)
        return false;
    out.resize(total + kTagBytes);
    *cipherAndTag = out;
    return true;
}

bool gcmOpen(const QByteArray& key, const QByteArray& nonce, const QByteArray& aadBytes, const QByteArray& cipher,
             const QByteArray& tag, QByteArray* plain)
{
    CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!ctx)
        return false;
    int len = 0;
    QByteArray out(cipher.size() + 1, '\0'); // +1: never a zero-length buffer
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    QByteArray tagCopy = tag;
    if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) != 1
        || EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, reinterpret_cast<const unsigned char*>(key.constData()),
                              reinterpret_cast<const unsigned char*>(nonce.constData()))
            != 1
        || EVP_DecryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aadBytes.constData()),
                             aadBytes.size())
            != 1
        || EVP_DecryptUpdate(ctx.get(), o, &len, reinterpret_cast<const unsigned char*>(cipher.constData()),
                             cipher.size())
            != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tagCopy.data()) != 1)
        return false;
    int total = len;
    if (EVP_DecryptFinal_ex(ctx.get(), o + total, &len) != 1) {
        wipe(out);
        return false;
    }
    total += len;
    out.resize(total);
    *plain = out;
    return true;
}

} // namespace

RequestStateSealer::RequestStateSealer(Options options, Clock clock)
    : m_options(options)
    , m_clock(std::move(clock))
{
    m_options.rotationPeriodMs = qMax<qint64>(1000, m_options.rotationPeriodMs);
    m_options.defaultLifetimeMs = qBound<qint64>(1, m_options.defaultLifetimeMs, m_options.rotationPeriodMs);
}

RequestStateSealer::~RequestStateSealer()
{
    wipe(m_current.bytes);
    wipe(m_previous.bytes);
}

qint64 RequestStateSealer::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

bool RequestStateSealer::makeKey(Key* key, qint64 createdMs)
{
    QByteArray bytes;
    if (!randomBytes(&bytes, kKeyBytes)) {
        wipe(bytes);
        return false;
    }
    wipe(key->bytes);
    key->bytes = bytes;
    key->id = m_nextKeyId++;
    key->createdMs = createdMs;
    return true;
}

void RequestStateSealer::rotate()
{
    wipe(m_previous.bytes);
    m_previous = m_current;
    m_current = Key();
    if (!makeKey(&m_current, now()))
        wipe(m_current.bytes);
}

void RequestStateSealer::rotateIfDue()
{
    const qint64 t = now();
    if (m_current.bytes.isEmpty()) {
        makeKey(&m_current, t);
        return;
    }
    const qint64 age = t - m_current.createdMs;
    if (age < m_options.rotationPeriodMs && age >= 0)
        return;
    // A key seals for one period and opens for one more; after two periods (or a clock that went
    // backwards) nothing it sealed may open any longer.
    if (age >= 2 * m_options.rotationPeriodMs || age < 0) {
        wipe(m_previous.bytes);
        m_previous = Key();
        wipe(m_current.bytes);
        m_current = Key();
        makeKey(&m_current, t);
        return;
    }
    wipe(m_previous.bytes);
    m_previous = m_current;
    m_current = Key();
    makeKey(&m_current, m_previous.createdMs + m_options.rotationPeriodMs);
}

const RequestStateSealer::Key* RequestStateSealer::keyById(quint32 id) const
{
    if (!m_current.bytes.isEmpty() && m_current.id == id)
        return &m_current;
    if (!m_previous.bytes.isEmpty() && m_previous.id == id)
        return &m_previous;
    return nullptr;
}

void RequestStateSealer::purgeReplayCache(qint64 nowMs)
{
    for (auto it = m_seen.begin(); it != m_seen.end();) {
        if (it.value() <= nowMs)
            it = m_seen.erase(it);
        else
            ++it;
    }
}

QString RequestStateSealer::seal(const RequestStateBinding& binding, const QByteArray& payload, qint64 lifetimeMs)
{
    if (payload.size() > m_options.maxPayloadBytes)
        return {};
    rotateIfDue();
    if (m_current.bytes.isEmpty())
        return {};
    const qint64 lifetime
        = lifetimeMs <= 0 ? m_options.defaultLifetimeMs : qMin(lifetimeMs, m_options.rotationPeriodMs);
    char expiry[kExpiryBytes];
    qToBigEndian<qint64>(now() + lifetime, expiry);
    QByteArray stateId;
    QByteArray nonce;
    if (!randomBytes(&stateId, kStateIdBytes) || !randomBytes(&nonce, kNonceBytes))
        return {};
    QByteArray plain = QByteArray(expiry, kExpiryBytes) + stateId + payload;
    QByteArray sealed;
    const bool ok = gcmSeal(m_current.bytes, nonce, aad(m_current.id, binding), plain, &sealed);
    wipe(plain);
    if (!ok)
        return {};
    const QByteArray raw = keyIdBytes(m_current.id) + nonce + sealed;
    return QLatin1String(kPrefix)
        + QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<QByteArray> RequestStateSealer::open(const QString& state, const RequestStateBinding& binding,
                                                   QString* reason)
{
    auto refuse = [reason](const char* why) -> std::optional<QByteArray> {
        if (reason)
            *reason = QString::fromLatin1(why);
        return std::nullopt;
    };
    if (state.size() > m_options.maxStateChars)
        return refuse("oversized");
    if (!state.startsWith(QLatin1String(kPrefix)))
        return refuse("malformed");
    const QByteArray encoded = state.mid(kPrefixSize).toLatin1();
    // Only the URL-safe alphabet, no padding: one spelling per state.
    for (char c : encoded) {
        const bool ok
            = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok)
            return refuse("malformed");
    }
    const auto decoded = QByteArray::fromBase64Encoding(encoded,
                                                        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
                                                            | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return refuse("malformed");
    const QByteArray& raw = *decoded;
    if (raw.size() < kKeyIdBytes + kNonceBytes + kExpiryBytes + kStateIdBytes + kTagBytes)
        return refuse("malformed");
    // Re-encoding must give the same text (no trailing bits smuggled into the last character).
    if (raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) != encoded)
        return refuse("malformed");
    rotateIfDue();
    const quint32 keyId = qFromBigEndian<quint32>(raw.constData());
    const Key* key = keyById(keyId);
    if (!key)
        return refuse("unknown or rotated-out key");
    const QByteArray nonce = raw.mid(kKeyIdBytes, kNonceBytes);
    const QByteArray cipher = raw.mid(kKeyIdBytes + kNonceBytes, raw.size() - kKeyIdBytes - kNonceBytes - kTagBytes);
    const QByteArray tag = raw.right(kTagBytes);
    QByteArray plain;
    if (!gcmOpen(key->bytes, nonce, aad(keyId, binding), cipher, tag, &plain))
        return refuse("authentication failed (tampered, or bound to another principal, service, method, tool or "
                      "arguments)");
    const qint64 t = now();
    const qint64 expiry = qFromBigEndian<qint64>(plain.constData());
    const QByteArray stateId = plain.mid(kExpiryBytes, kStateIdBytes);
    QByteArray payload = plain.mid(kExpiryBytes + kStateIdBytes);
    wipe(plain);
    if (t >= expiry)
        return refuse("expired");
    if (m_seen.contains(stateId))
        return refuse("replayed");
    // Expired ids can never be presented again (expiry is checked first), so they are dropped
    // once a minute or when the cache is full.
    if (m_seen.size() >= m_options.maxReplayEntries || t - m_lastPurgeMs >= 60 * 1000) {
        purgeReplayCache(t);
        m_lastPurgeMs = t;
    }
    if (m_seen.size() >= m_options.maxReplayEntries)
        return refuse("replay cache full");
    m_seen.insert(stateId, expiry);
    if (reason)
        reason->clear();
    return payload;
}

QByteArray RequestStateSealer::argumentsDigest(const QJsonValue& arguments)
{
    const QJsonValue value = arguments.isUndefined() || arguments.isNull() ? QJsonValue(QJsonObject()) : arguments;
    // Wrapped in an array so that every JSON value (not only objects) has one compact spelling.
    const QByteArray canonical = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QCryptographicHash::hash(canonical, QCryptographicHash::Sha256);
}

} // namespace Gateway
