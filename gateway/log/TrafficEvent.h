// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace Gateway {

// One HTTP exchange seen by the gateway, built with secrets already redacted (never a header
// value, token, key or argument value). This is what the UI log, the JSON Lines file, headless
// stdout and the metrics all consume.
struct TrafficEvent
{
    enum class Kind { McpRequest, Metadata, Rejected, Elicitation, Other };

    quint64 id = 0; // assigned by TrafficLog, strictly increasing
    QDateTime time; // UTC, when the request arrived
    Kind kind = Kind::McpRequest;
    QString httpMethod; // "POST"
    QString path; // without query string
    QString service; // "" when no service matched
    QString protocolRevision; // "2025-11-25", "2026-07-28", "" when unknown
    QString session; // shortened session id (first 8 chars) or ""
    QString principal; // "anonymous", key id, or iss+sub; never a credential
    QString rpcMethod; // "tools/call", "batch", ...
    QString tool; // tool name for tools/call
    QString authDecision; // "none", "allowed", "denied"
    QString authReason; // reason code, e.g. "missing_key", "expired"
    int httpStatus = 0; // status returned to the client
    int rpcErrorCode = 0; // JSON-RPC error code, 0 when none
    bool toolError = false; // CallToolResult.isError
    int backendStatus = 0; // backend HTTP status, 0 when no backend call
    QString backendError; // error class when the backend could not be reached
    // Where the time went. total = auth + queue + backend + mapping + the rest (parsing,
    // validation, encoding, writing the answer).
    qint64 totalMicros = 0; // arrival -> answer written
    qint64 authMicros = 0; // arrival -> endpoint auth decided (token verification, JWKS, introspection)
    qint64 queueMicros = 0; // waiting: for the backend credential, then for a free backend connection
    qint64 backendMicros = 0; // backend exchanges on the wire (all attempts, redirects included)
    qint64 mappingMicros = 0; // backend answer -> CallToolResult (mapping and redaction)
    qint64 requestBytes = 0;
    qint64 responseBytes = 0;
    QString detail; // short human reason for rejections/errors (redacted)
    // Set when the gateway shed the request for overload (answered 503 + Retry-After without doing
    // the work): connection_cap, connection_evicted, tool_calls_in_flight.
    QString overload;
    // Kind Elicitation: one step of one elicitation (the same id for all its steps). Stage is one of
    // requested, opened, completed, declined, expired, failed, refreshed, revoked; credentialKind is
    // elicitedToken or elicitedOAuth2; ageMs is the time since the elicitation was requested (-1: none).
    // The person is in `principal`, the revision in `protocolRevision`, a failure reason in `detail`.
    QString elicitationId;
    QString elicitationStage;
    QString credentialKind;
    qint64 elicitationAgeMs = -1;

    QJsonObject toJson() const;
    static QString kindName(Kind kind);
};

} // namespace Gateway
