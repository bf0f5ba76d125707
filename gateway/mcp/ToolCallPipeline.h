// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backend/BackendClient.h"
#include "backend/BackendCredentials.h"
#include "backend/ToolResultMapper.h"
#include "http/HttpMessage.h"
#include "openapi/ToolDefinition.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace Gateway {

struct CapturedHttp;
class ServiceRuntime;
struct TrafficEvent;

// A request to the person behind the call (URL-mode elicitation): the client shows `message` and
// opens `url`; the call is retried once the person completed it. McpEndpoint turns it into the wire
// form of the revision (-32042, input_required, or a tool error naming the URL).
struct UserInputRequest
{
    QString elicitationId;
    QUrl url;
    QString message;
};

// What the credentials stage hands to one attempt of a call.
struct CredentialGrant
{
    enum class Kind {
        Ready, // `prepared` holds the header fields and TLS settings to send with
        Failed, // no credential can be had: `error` (no secret in it) becomes a tool error
        NeedsUserInput, // the person must act first: `userInput`
    };
    Kind kind = Kind::Ready;
    // Ready: what to add to the call; null when there is nothing to add (no secret, no pinned CA).
    // Shared and immutable: a PreparedCredentials (its QSslConfiguration) is costly to build, and
    // calls without backend auth must not pay for it.
    std::shared_ptr<const PreparedCredentials> prepared;
    QString error;
    QString errorClass; // for the traffic event, e.g. "BackendSecretUnavailable"
    UserInputRequest userInput;

    static CredentialGrant ready(); // nothing to add
    static CredentialGrant ready(PreparedCredentials prepared);
    static CredentialGrant failed(const QString& error, const QString& errorClass);
    static CredentialGrant needsUserInput(UserInputRequest request);
};

// Who asks and for what: the input of a credentials stage.
struct CredentialRequest
{
    QString service;
    QString tool;
    // The caller's identity (see ToolCallPipeline::Input::principal); empty for anonymous callers.
    QString principal;
    BackendAuth auth;
};

// The credentials stage of one call, one object per call. acquire() may answer synchronously
// (nothing to resolve) or later from the event loop; it answers exactly once per acquire() unless
// cancel() came first (then never).
class CredentialSource
{
public:
    using Done = std::function<void(CredentialGrant)>;
    virtual ~CredentialSource();

    virtual void acquire(Done done) = 0;
    // The backend answered `status` to credentials from the last grant. True: acquire again and
    // send once more (e.g. a renewed token after a 401); the pipeline asks at most once per call.
    virtual bool rejected(int status);
    // Stop waiting: a pending acquire() never answers.
    virtual void cancel();

    // The stage for the service's backendAuth kind. `credentials` may be null (then every secret is
    // unavailable). New kinds (e.g. elicited credentials, which answer NeedsUserInput until the
    // person supplied one) are added here.
    static std::unique_ptr<CredentialSource> create(BackendCredentials* credentials, const CredentialRequest& request);
};

// Everything one tools/call needs and produces, apart from its traffic event.
struct ToolCallOutcome
{
    enum class Kind {
        Result, // a CallToolResult in `result` (tool errors included)
        RpcError, // a JSON-RPC error: errorCode, errorMessage
        NeedsUserInput, // `userInput`; the client must retry after the person acted
        Cancelled, // cancel() was called; `result` holds a tool error saying so
    };
    Kind kind = Kind::Result;
    int errorCode = 0;
    QString errorMessage;
    CallToolPayload result;
    UserInputRequest userInput;

    // Facts for the traffic event (never a credential or an argument value).
    QString tool;
    int backendStatus = 0; // last backend HTTP status, 0 when none
    qint64 backendMicros = 0; // time spent on backend exchanges (all attempts), on the wire
    qint64 queueMicros = 0; // waiting for the credential and for a free backend connection
    qint64 mappingMicros = 0; // the map and redact stages
    QString backendError; // error class when the backend or a credential could not be had
    QString detail; // short human reason
    int backendAttempts = 0; // requests sent to the backend (a credential renewal adds one)
    // Input::captureBackend: the last backend exchange, the credentials it sent already redacted
    // (in its header fields, URL and bodies, in any JSON escaping); null when nothing was sent.
    std::shared_ptr<const CapturedHttp> backendLeg;

    // Copies the facts into `event` (detail only when set, so a reason recorded earlier stays).
    void fillEvent(TrafficEvent& event) const;
};

// Runs one tools/call through explicit stages:
//   validate     tool name, arguments object, arguments against the tool's inputSchema;
//   encode       arguments -> method, URL, headers, body (ToolCallEncoder); in endpoint mode None the
//                caller's own header fields are added (BackendCredentials::propagatedHeaders);
//   credentials  CredentialSource::acquire(): Ready / Failed / NeedsUserInput;
//   send         BackendClient::send() under one deadline for the whole call (redirects, connection
//                retries and a credential renewal share it);
//   map          ToolResultMapper (echoed credentials redacted before any excerpt is cut);
//   redact       the finished CallToolResult (text and structuredContent) once more, on decoded text.
// The outcome is kept apart from the traffic event; the caller fills the event from it at the end.
//
// cancel() works in every stage and for every backend auth kind: it aborts the backend request or
// stops waiting for the credential, answers `done` with a Cancelled outcome at once, and releases
// the arguments and the backend connection slot. `done` runs exactly once. While it waits, the
// pipeline is owned by the pending answer (the backend request or the credential being acquired),
// so callers may keep just a weak_ptr to cancel it; if that answer is dropped unanswered (its
// owner destroyed at shutdown), the pipeline is freed without calling `done`.
class ToolCallPipeline : public std::enable_shared_from_this<ToolCallPipeline>
{
public:
    struct Dependencies
    {
        BackendClient* backend = nullptr; // required
        BackendCredentials* credentials = nullptr; // may be null: then no secret can be resolved
        // Optional: the credentials stage for a call (e.g. one that elicits a person's credential);
        // when unset or answering null, CredentialSource::create() decides by backendAuth kind.
        std::function<std::unique_ptr<CredentialSource>(const CredentialRequest&)> credentialSources;
    };
    struct Input
    {
        std::shared_ptr<const ServiceRuntime> service; // kept alive for the whole call
        QJsonObject params; // tools/call params: name, arguments
        HttpHeaders inboundHeaders; // the MCP request's header fields
        // The caller's identity, for credentials bound to a person: the OAuth2 "iss sub", the API
        // key id, or an MCP session for endpoints without security; empty for an anonymous caller.
        // Never a credential, never logged by the pipeline.
        QString principal;
        // Keep the backend leg (method, URL, header fields, bodies) for payload capture.
        bool captureBackend = false;
    };
    enum class Stage { Idle, Validate, Encode, Credentials, Send, Map, Redact, Finished };
    using Done = std::function<void(const ToolCallOutcome&)>;

    static std::shared_ptr<ToolCallPipeline> create(const Dependencies& dependencies, Input input);
    ~ToolCallPipeline();

    // Runs the stages; `done` may run before start() returns (validation errors, Ready credentials
    // and a failed send are all possible synchronously) or later from the event loop.
    void start(Done done);
    // See the class comment. `reason` goes to the outcome's detail. No effect once finished.
    void cancel(const QString& reason = QString());

    Stage stage() const { return m_stage; }
    bool isFinished() const { return m_stage == Stage::Finished; }
    const Input& input() const { return m_input; }

private:
    ToolCallPipeline(const Dependencies& dependencies, Input input);
    void acquireCredentials();
    void onCredentials(CredentialGrant grant);
    void send();
    void onBackendResult(const BackendResult& result);
    void finish(ToolCallOutcome outcome);
    void finishToolError(const QString& message, const QString& detail, const QString& backendError = QString());

    Dependencies m_deps;
    Input m_input;
    Stage m_stage = Stage::Idle;
    Done m_done;
    std::unique_ptr<CredentialSource> m_credentialSource;
    const ToolDefinition* m_tool = nullptr; // owned by m_input.service
    EncodedCall m_encoded; // after the encode stage (caller headers included, no credentials)
    EncodedCall m_outgoing; // m_encoded plus the credentials of the current attempt
    BackendOptions m_options;
    QDeadlineTimer m_deadline;
    bool m_deadlineStarted = false;
    bool m_renewed = false;
    QElapsedTimer m_credentialsTimer; // the credentials stage of the current attempt
    quint64 m_requestId = 0;
    HttpHeaders m_sentCredentials; // for redaction
    ToolCallOutcome m_facts; // filled as the stages run
};

} // namespace Gateway
