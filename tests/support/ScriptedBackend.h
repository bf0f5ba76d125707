// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FaultBackend.h"

#include <QByteArray>
#include <QList>
#include <QUrl>

#include <functional>
#include <memory>

class QThread;

// A keep-alive HTTP/1.1 server on 127.0.0.1:0 (own thread) whose answers come from a script: for
// each request it is told which connection (0, 1, ...) and which request on that connection
// (0, 1, ...) it is, and answers with raw bytes, optionally closing the connection afterwards.
// For tests of connection reuse, retries and hostile framing that FaultBackend (one request per
// connection) cannot express.
namespace TestSupport {

struct ScriptedReply
{
    QByteArray bytes; // written as is (empty: nothing)
    bool close = false; // close the connection after writing
    int delayMs = 0;
};

class ScriptedBackend
{
public:
    // Runs on the server thread: must only read its arguments (and thread-safe state).
    using Script = std::function<ScriptedReply(int connection, int request, const RecordedRequest& recorded)>;

    ScriptedBackend();
    ~ScriptedBackend();
    ScriptedBackend(const ScriptedBackend&) = delete;
    ScriptedBackend& operator=(const ScriptedBackend&) = delete;

    QUrl start(Script script); // "http://127.0.0.1:PORT", empty on failure
    QUrl baseUrl() const { return m_url; }
    QList<RecordedRequest> requests() const;
    int connectionCount() const;

    // "HTTP/1.1 <status> X\r\nContent-Length: n\r\n<extra>\r\n<body>" (keep-alive).
    static QByteArray answer(int status, const QByteArray& body, const QByteArray& extraHeaders = {});

    struct Shared;

private:
    std::shared_ptr<Shared> m_shared;
    QThread* m_thread = nullptr;
    QUrl m_url;
};

} // namespace TestSupport
