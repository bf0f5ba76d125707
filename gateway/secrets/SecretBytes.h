// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace Gateway {

// Memory hygiene for secret buffers (as KeePassXC's core/Alloc.cpp does). QByteArray is
// implicitly shared: a buffer can only be scrubbed without corrupting someone else's copy when this
// QByteArray is its sole owner, so holders of secrets keep private deep copies and scrub those.
namespace SecretBytes {

// A copy that shares no storage with `bytes`.
QByteArray deepCopy(const QByteArray& bytes);

// Overwrites the bytes with zeros in place when `bytes` owns its buffer alone (the size is kept).
// A shared buffer is left alone, since other holders still use it. Returns whether it zeroed.
bool wipe(QByteArray& bytes);

// wipe(), then release the buffer.
void wipeAndClear(QByteArray& bytes);

} // namespace SecretBytes
} // namespace Gateway
