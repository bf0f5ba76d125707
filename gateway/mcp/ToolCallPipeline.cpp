// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolCallPipeline.h"

#include "JsonRpc.h"
#include "backend/ClientCredentialsTokenSource.h"
#include "backend/SecretRedactor.h"
#include "core/GatewaySnapshot.h"
#include "log/PayloadCapture.h"
#include "log/TrafficEvent.h"
#include "openapi/JsonSchemaValidator.h"
#include "openapi/ToolCallEncoder.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QPointer>

#include <limits>

namespace Gateway {

// ------------------------------------------------------------------------------------------------
// Credentials stage

CredentialGrant CredentialGrant::ready()
{
    return CredentialGrant();
}

CredentialGrant CredentialGrant::ready(PreparedCredentials prepared)
{
    CredentialGrant g;
    g.kind = Kind::Ready;
    prepared.ok = true;
    g.prepared = std::make_shared<const PreparedCredentials>(std::move(prepared));
    return g;
}

CredentialGrant CredentialGrant::failed(const QString& error, const QString& errorClass)
{
    CredentialGrant g;
    g.kind = Kind::Failed;
    g.error = error;
    g.errorClass = errorClass;
    return g;
}

CredentialGrant CredentialGrant::needsUserInput(UserInputRequest request)
{
    CredentialGrant g;
    g.kind = Kind::NeedsUserInput;
    g.userInput = std::move(request);
    return g;
}

CredentialSource::~CredentialSource() = default;

bool CredentialSource::rejected(int)
{
    return false;
}

void CredentialSource::cancel() { }

namespace {

// No backend secret and no pinned CA: nothing to wait for.
class NoCredentialSource final : public CredentialSource
{
public:
    void acquire(Done done) override { done(CredentialGrant::ready()); }
};

// Elicited kinds need a per-person source (the elicitation broker); without one the call fails
// closed instead of reaching the backend without the person's credential.
class UnwiredElicitationSource final : public CredentialSource
{
public:
    void acquire(Done done) override
    {
        done(CredentialGrant::failed(QStringLiteral("elicited backend credentials are not available here"),
                                     QStringLiteral("ElicitationUnavailable")));
    }
};

// A configured secret (Basic, token, client certificate) and/or a pinned CA, resolved at call time
// from the keychain or the environment.
class ConfiguredSecretSource final : public CredentialSource
{
public:
    ConfiguredSecretSource(BackendCredentials* credentials, const BackendAuth& auth)
        : m_credentials(credentials)
        , m_auth(auth)
    {
    }
    ~ConfiguredSecretSource() override { *m_alive = false; }

    void acquire(Done done) override
    {
        if (!m_credentials) {
            done(CredentialGrant::failed(QStringLiteral("backend secrets are not available"),
                                         QStringLiteral("BackendSecretUnavailable")));
            return;
        }
        auto alive = m_alive;
        m_credentials->prepare(
            m_auth, m_auth.caCertificateRef, [alive, done = std::move(done)](const PreparedCredentials& prepared) {
                if (!*alive)
                    return;
                if (!prepared.ok)
                    done(CredentialGrant::failed(prepared.error, QStringLiteral("BackendSecretUnavailable")));
                else
                    done(CredentialGrant::ready(prepared));
            });
    }
    void cancel() override { *m_alive = false; }

private:
    QPointer<BackendCredentials> m_credentials;
    BackendAuth m_auth;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

// The gateway's own OAuth token for the backend (client credentials grant); a backend 401 drops
// the token that was refused and asks for one renewal.
class ClientCredentialsSource final : public CredentialSource
{
public:
    ClientCredentialsSource(BackendCredentials* credentials, const CredentialRequest& request)
    {
        if (credentials)
            m_source = credentials->tokenSourceFor(request.service, request.auth);
    }
    ~ClientCredentialsSource() override { *m_alive = false; }

    void acquire(Done done) override
    {
        if (!m_source) {
            done(CredentialGrant::failed(QStringLiteral("Backend token: the token source is gone"),
                                         QStringLiteral("BackendTokenUnavailable")));
            return;
        }
        auto alive = m_alive;
        m_source->token([this, alive, done = std::move(done)](const QByteArray& token, const QString& error) {
            if (!*alive)
                return;
            if (!error.isEmpty()) {
                done(CredentialGrant::failed(QStringLiteral("Backend token: %1").arg(error),
                                             QStringLiteral("BackendTokenUnavailable")));
                return;
            }
            m_token = token;
            PreparedCredentials bearer;
            bearer.headers.append({QByteArray("Authorization"), "Bearer " + token});
            done(CredentialGrant::ready(bearer));
        });
    }
    bool rejected(int status) override
    {
        if (status != 401 || !m_source)
            return false;
        m_source->invalidate(m_token);
        return true;
    }
    void cancel() override { *m_alive = false; }

private:
    QPointer<ClientCredentialsTokenSource> m_source;
    QByteArray m_token;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace

std::unique_ptr<CredentialSource> CredentialSource::create(BackendCredentials* credentials,
                                                           const CredentialRequest& request)
{
    switch (request.auth.kind) {
    case BackendAuth::Kind::None:
        if (request.auth.caCertificateRef.isEmpty())
            return std::make_unique<NoCredentialSource>();
        return std::make_unique<ConfiguredSecretSource>(credentials, request.auth);
    case BackendAuth::Kind::OAuth2ClientCredentials:
        return std::make_unique<ClientCredentialsSource>(credentials, request);
    case BackendAuth::Kind::Basic:
    case BackendAuth::Kind::Token:
    case BackendAuth::Kind::ClientCertificate: break;
    case BackendAuth::Kind::ElicitedToken:
    case BackendAuth::Kind::ElicitedOAuth2: return std::make_unique<UnwiredElicitationSource>();
    }
    return std::make_unique<ConfiguredSecretSource>(credentials, request.auth);
}

// ------------------------------------------------------------------------------------------------
// Outcome

void ToolCallOutcome::fillEvent(TrafficEvent& event) const
{
    if (!tool.isEmpty())
        event.tool = tool;
    event.backendStatus = backendStatus;
    event.backendMicros = backendMicros;
    event.queueMicros = queueMicros;
    event.mappingMicros = mappingMicros;
    if (!backendError.isEmpty())
        event.backendError = backendError;
    if (!detail.isEmpty())
        event.detail = detail;
    event.toolError = (kind == Kind::Result || kind == Kind::Cancelled) && result.isError;
}

// ------------------------------------------------------------------------------------------------
// Pipeline

namespace {

// The redaction stage: needles from the credentials that were sent, matched on decoded text.
void redactPayload(CallToolPayload& payload, const SecretRedactor& redactor)
{
    if (redactor.isEmpty())
        return;
    redactor.redact(payload.text);
    if (!payload.structuredJson.isEmpty() && redactor.redact(payload.structuredJson)) {
        // Replacing inside JSON strings keeps the text a JSON object; anything else drops it (the
        // text block still carries the redacted answer).
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(payload.structuredJson, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            payload.structuredJson.clear();
    }
}

} // namespace

std::shared_ptr<ToolCallPipeline> ToolCallPipeline::create(const Dependencies& dependencies, Input input)
{
    return std::shared_ptr<ToolCallPipeline>(new ToolCallPipeline(dependencies, std::move(input)));
}

ToolCallPipeline::ToolCallPipeline(const Dependencies& dependencies, Input input)
    : m_deps(dependencies)
    , m_input(std::move(input))
{
}

ToolCallPipeline::~ToolCallPipeline() = default;

void ToolCallPipeline::start(Done done)
{
    if (m_stage != Stage::Idle)
        return;
    m_done = std::move(done);
    const auto keepAlive = shared_from_this(); // for the stages that run synchronously

    // validate
    m_stage = Stage::Validate;
    const QJsonValue nameValue = m_input.params.value(QLatin1String("name"));
    if (!nameValue.isString()) {
        ToolCallOutcome o;
        o.kind = ToolCallOutcome::Kind::RpcError;
        o.errorCode = JsonRpc::InvalidParams;
        o.errorMessage = QStringLiteral("Invalid params: 'name' must be a string");
        return finish(std::move(o));
    }
    const QString name = nameValue.toString();
    m_facts.tool = name.left(128);
    m_tool = m_input.service->tool(name);
    if (!m_tool) {
        ToolCallOutcome o = m_facts; // the name is reported (metrics count it under one label)
        o.kind = ToolCallOutcome::Kind::RpcError;
        o.errorCode = JsonRpc::InvalidParams;
        o.errorMessage = QStringLiteral("Unknown tool: %1").arg(name.left(128));
        return finish(std::move(o));
    }
    const QJsonValue argumentsValue = m_input.params.value(QLatin1String("arguments"));
    if (!argumentsValue.isUndefined() && !argumentsValue.isNull() && !argumentsValue.isObject()) {
        ToolCallOutcome o = m_facts;
        o.kind = ToolCallOutcome::Kind::RpcError;
        o.errorCode = JsonRpc::InvalidParams;
        o.errorMessage = QStringLiteral("Invalid params: 'arguments' must be an object");
        return finish(std::move(o));
    }
    const QJsonObject arguments = argumentsValue.toObject();
    const JsonSchemaValidator::Result validation = JsonSchemaValidator::validate(m_tool->inputSchema, arguments);
    if (!validation.valid)
        return finishToolError(QStringLiteral("Invalid arguments for tool '%1': %2")
                                   .arg(name, validation.errors.join(QStringLiteral("; "))),
                               QStringLiteral("invalid arguments"));

    // encode
    m_stage = Stage::Encode;
    m_encoded = ToolCallEncoder::encode(*m_tool, m_input.service->baseUrl, arguments);
    if (!m_encoded.ok)
        return finishToolError(QStringLiteral("Invalid arguments for tool '%1': %2").arg(name, m_encoded.error),
                               QStringLiteral("arguments could not be encoded"));
    const ServiceConfig& config = m_input.service->config;
    if (config.security.mode == EndpointSecurity::Mode::None) {
        // Without endpoint security the caller's own header fields (its backend token or cookie
        // included) reach the backend; fields the encoder set from arguments come first.
        for (const auto& h : BackendCredentials::propagatedHeaders(m_input.inboundHeaders, true)) {
            bool present = false;
            for (const auto& own : std::as_const(m_encoded.headers))
                present = present || own.first.compare(h.first, Qt::CaseInsensitive) == 0;
            if (!present)
                m_encoded.headers.append(h);
        }
    }
    m_input.params = {}; // the arguments live on in m_encoded only
    m_options.timeoutMs = config.timeoutMs;
    m_options.maxResponseBytes = config.maxResponseBytes;

    // credentials
    CredentialRequest request;
    request.service = config.name;
    request.tool = name;
    request.principal = m_input.principal;
    request.auth = config.backendAuth;
    if (m_deps.credentialSources)
        m_credentialSource = m_deps.credentialSources(request);
    if (!m_credentialSource)
        m_credentialSource = CredentialSource::create(m_deps.credentials, request);
    acquireCredentials();
}

void ToolCallPipeline::acquireCredentials()
{
    m_stage = Stage::Credentials;
    m_credentialsTimer.start();
    // The pending answer owns the pipeline: when whoever holds it drops it unanswered (a client
    // or token source destroyed at shutdown), the pipeline goes with it.
    m_credentialSource->acquire(
        [self = shared_from_this()](CredentialGrant grant) { self->onCredentials(std::move(grant)); });
}

void ToolCallPipeline::onCredentials(CredentialGrant grant)
{
    if (m_stage != Stage::Credentials)
        return;
    m_facts.queueMicros += m_credentialsTimer.nsecsElapsed() / 1000;
    switch (grant.kind) {
    case CredentialGrant::Kind::Failed: return finishToolError(grant.error, QString(), grant.errorClass);
    case CredentialGrant::Kind::NeedsUserInput: {
        ToolCallOutcome o = m_facts;
        o.kind = ToolCallOutcome::Kind::NeedsUserInput;
        o.userInput = std::move(grant.userInput);
        o.detail = QStringLiteral("backend credential needs user input");
        return finish(std::move(o));
    }
    case CredentialGrant::Kind::Ready: break;
    }
    m_outgoing = m_encoded;
    if (const PreparedCredentials* prepared = grant.prepared.get()) {
        // A configured or acquired secret replaces any same-named header the caller sent.
        BackendCredentials::applyHeaders(m_outgoing, *prepared);
        m_sentCredentials = prepared->headers;
        if (prepared->hasTls) {
            m_options.tls = prepared->tls;
            m_options.tlsProfile = prepared->tlsProfile;
        }
    } else {
        m_sentCredentials.clear();
    }
    send();
}

void ToolCallPipeline::send()
{
    m_stage = Stage::Send;
    if (!m_deadlineStarted) {
        // One deadline for the whole call: redirects, a connection retry and a credential renewal
        // all share it.
        m_deadline = QDeadlineTimer(m_options.timeoutMs);
        m_deadlineStarted = true;
    }
    m_options.deadline = m_deadline;
    ++m_facts.backendAttempts;
    m_requestId = m_deps.backend->send(m_outgoing, m_options, [self = shared_from_this()](const BackendResult& result) {
        self->onBackendResult(result);
    });
}

namespace {

// The backend exchange for payload capture: the credential header fields this call sent are
// replaced, and their values removed wherever else they appear (URL, other fields, echoed bodies).
std::shared_ptr<const CapturedHttp> captureLeg(const EncodedCall& sent, const BackendResult& result,
                                               const HttpHeaders& credentials, const SecretRedactor& redactor)
{
    auto leg = std::make_shared<CapturedHttp>();
    leg->method = sent.method;
    leg->url = sent.url.adjusted(QUrl::RemoveUserInfo).toString(QUrl::FullyEncoded);
    leg->status = result.status;
    leg->requestHeaders = sent.headers;
    for (auto& h : leg->requestHeaders) {
        for (const auto& c : credentials) {
            if (h.first.compare(c.first, Qt::CaseInsensitive) == 0)
                h.second = SecretRedactor::Marker;
        }
    }
    leg->requestBody = sent.body;
    leg->responseHeaders = result.headers;
    leg->responseBody = result.body;
    leg->micros = qMax<qint64>(0, result.elapsedMicros - result.queuedMicros); // on the wire
    PayloadRedaction::apply(*leg, redactor, std::numeric_limits<qint64>::max());
    return leg;
}

} // namespace

void ToolCallPipeline::onBackendResult(const BackendResult& result)
{
    m_requestId = 0;
    if (m_stage != Stage::Send)
        return;
    m_facts.backendStatus = result.status;
    m_facts.backendMicros += qMax<qint64>(0, result.elapsedMicros - result.queuedMicros);
    m_facts.queueMicros += result.queuedMicros;
    m_facts.backendError = result.errorClass;
    if (result.outcome == BackendResult::Outcome::Answered && !m_renewed && !m_deadline.hasExpired()
        && m_credentialSource->rejected(result.status)) {
        m_renewed = true;
        acquireCredentials();
        return;
    }

    // map, with echoed credentials removed before any excerpt is cut
    m_stage = Stage::Map;
    QElapsedTimer mapping;
    mapping.start();
    const SecretRedactor redactor(m_sentCredentials);
    ToolCallOutcome o = m_facts;
    if (m_input.captureBackend)
        o.backendLeg = captureLeg(m_outgoing, result, m_sentCredentials, redactor);
    o.result = ToolResultMapper::payload(result, m_input.service->config.name, m_options.timeoutMs,
                                         m_options.maxResponseBytes, redactor.isEmpty() ? nullptr : &redactor);
    // redact the finished result once more (text the gateway composed around the body included)
    m_stage = Stage::Redact;
    redactPayload(o.result, redactor);
    o.mappingMicros = mapping.nsecsElapsed() / 1000;
    finish(std::move(o));
}

void ToolCallPipeline::cancel(const QString& reason)
{
    if (m_stage == Stage::Finished || m_stage == Stage::Idle)
        return;
    const auto keepAlive = shared_from_this();
    ToolCallOutcome o = m_facts;
    o.kind = ToolCallOutcome::Kind::Cancelled;
    o.result = ToolResultMapper::errorPayload(
        QStringLiteral("The call to the backend of service '%1' was cancelled.").arg(m_input.service->config.name));
    o.detail = reason.isEmpty() ? QStringLiteral("cancelled") : reason;
    if (o.backendError.isEmpty() && m_stage == Stage::Send)
        o.backendError = QStringLiteral("Aborted");
    m_stage = Stage::Finished; // before abort(): its callback must find the call finished
    if (m_credentialSource)
        m_credentialSource->cancel();
    if (m_requestId) {
        const quint64 id = m_requestId;
        m_requestId = 0;
        m_deps.backend->abort(id);
    }
    finish(std::move(o));
}

void ToolCallPipeline::finishToolError(const QString& message, const QString& detail, const QString& backendError)
{
    ToolCallOutcome o = m_facts;
    o.kind = ToolCallOutcome::Kind::Result;
    o.result = ToolResultMapper::errorPayload(message);
    o.detail = detail;
    if (!backendError.isEmpty())
        o.backendError = backendError;
    finish(std::move(o));
}

void ToolCallPipeline::finish(ToolCallOutcome outcome)
{
    m_stage = Stage::Finished;
    // Release what the call held: arguments, body, credentials.
    m_encoded = {};
    m_outgoing = {};
    m_sentCredentials.clear();
    m_input.inboundHeaders.clear();
    m_input.params = {};
    const Done done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(outcome);
}

} // namespace Gateway
