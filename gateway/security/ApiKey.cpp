// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiKey.h"

#include <QCryptographicHash>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <zlib.h>

namespace Gateway::ApiKey {

namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr int kRandomChars = 32;
constexpr int kChecksumChars = 6;

QByteArray base62(quint32 value, int width)
{
    QByteArray out(width, '0');
    for (int i = width - 1; i >= 0; --i) {
        out[i] = kAlphabet[value % 62];
        value /= 62;
    }
    return out;
}

QByteArray checksum(const QByteArray& body)
{
    const quint32 crc = quint32(::crc32(0L, reinterpret_cast<const Bytef*>(body.constData()), uInt(body.size())));
    return base62(crc, kChecksumChars);
}

} // namespace

QString generate()
{
    QByteArray body;
    body.reserve(kRandomChars);
    while (body.size() < kRandomChars) {
        unsigned char byte = 0;
        if (RAND_bytes(&byte, 1) != 1)
            qFatal("CSPRNG failure: cannot generate an API key");
        if (byte < 248) // 248 = 4 * 62: rejection sampling keeps the alphabet uniform
            body.append(kAlphabet[byte % 62]);
    }
    return QString::fromLatin1(Prefix + body + checksum(body));
}

bool hasValidChecksum(const QByteArray& key)
{
    const int prefixLength = int(qstrlen(Prefix));
    if (key.size() != prefixLength + kRandomChars + kChecksumChars || !key.startsWith(Prefix))
        return false;
    const QByteArray body = key.mid(prefixLength, kRandomChars);
    return checksum(body) == key.right(kChecksumChars);
}

QString hash(const QByteArray& key)
{
    return QStringLiteral("sha256:")
        + QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex());
}

bool matches(const QByteArray& key, const QStringList& hashes)
{
    const QByteArray presented = hash(key).toLatin1();
    bool found = false;
    for (const QString& stored : hashes) {
        const QByteArray expected = stored.toLatin1();
        if (expected.size() == presented.size()
            && CRYPTO_memcmp(expected.constData(), presented.constData(), size_t(presented.size())) == 0)
            found = true;
    }
    return found;
}

QString keyId(const QString& hash)
{
    return QStringLiteral("key:") + hash.mid(7, 8);
}

} // namespace Gateway::ApiKey
