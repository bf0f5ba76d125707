// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretBytes.h"

namespace Gateway::SecretBytes {

QByteArray deepCopy(const QByteArray& bytes)
{
    if (bytes.isNull())
        return {};
    return QByteArray(bytes.constData(), bytes.size());
}

bool wipe(QByteArray& bytes)
{
    if (bytes.isEmpty() || !bytes.isDetached())
        return false;
    // Writes through a volatile pointer are not elided as dead stores before the free.
    volatile char* p = bytes.data();
    for (qsizetype i = 0; i < bytes.size(); ++i)
        p[i] = 0;
    return true;
}

void wipeAndClear(QByteArray& bytes)
{
    wipe(bytes);
    bytes.clear();
}

} // namespace Gateway::SecretBytes
