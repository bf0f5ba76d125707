// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace Gateway {

// Limits the HTTP front end enforces on every connection before anything is buffered.
struct HttpLimits
{
    qint64 maxHeaderBytes = 64 * 1024; // whole head (request line + fields) -> 431
    qint64 maxRequestLineBytes = 8 * 1024; // -> 414
    int maxHeaderFields = 100; // -> 431
    qint64 maxHeaderFieldBytes = 8000; // one field line -> 431
    qint64 maxBodyBytes = 4 * 1024 * 1024; // Content-Length or decoded chunked size -> 413
    int idleTimeoutMs = 30000; // keep-alive connection without traffic is closed
    int requestTimeoutMs = 10000; // a started request must be complete by then -> 408
    int maxConnections = 256; // connection N+1 gets a canned 503
    // At the cap, a connection idle (or with an incomplete head) for at least this long may be
    // evicted for a newcomer. Younger ones are left alone: a busy client reuses its keep-alive
    // connections within milliseconds, and closing one as it sends a request loses that request.
    int evictAfterMs = 1000;
    qint64 maxPendingWriteBytes = 1024 * 1024; // slow SSE readers beyond this are dropped
};

} // namespace Gateway
