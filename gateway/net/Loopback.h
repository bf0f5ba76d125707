// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace Gateway::Net {

// The one definition of "loopback" for every outbound and inbound rule of the gateway: the name
// "localhost" (and names under ".localhost", which RFC 6761 reserves for loopback), any
// 127.0.0.0/8 address and ::1, written bare or in brackets. Case-insensitive; a trailing dot on a
// name is ignored. Other names are never resolved here: a name that resolves to loopback today
// may not tomorrow, so only literals and the reserved names count.
bool isLoopbackHost(const QString& host);

// True when `url` has a loopback host (see isLoopbackHost).
bool isLoopbackUrl(const QUrl& url);

// True when `url` may carry credentials: https anywhere, or plain http to a loopback host.
bool isConfidentialUrl(const QUrl& url);

} // namespace Gateway::Net
