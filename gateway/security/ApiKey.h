// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Gateway {

// Gateway API keys for header x-reshapr-key: "rshp_" + 32 base62 characters from a CSPRNG
// (~190 bits) + 6 base62 characters of CRC32, so secret scanners can recognise and verify them.
// Only "sha256:<hex>" of a key is ever stored; comparison is constant-time.
namespace ApiKey {

constexpr const char* HeaderName = "x-reshapr-key";
constexpr const char* Prefix = "rshp_";

QString generate();
bool hasValidChecksum(const QByteArray& key);
QString hash(const QByteArray& key); // "sha256:<64 hex>"
// True when `key` matches one of `hashes` (all compared, constant time per hash).
bool matches(const QByteArray& key, const QStringList& hashes);
// Short, non-secret identifier for logs and events: "key:" + first 8 hex chars of the hash.
QString keyId(const QString& hash);

} // namespace ApiKey
} // namespace Gateway
