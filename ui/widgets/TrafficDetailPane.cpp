// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrafficDetailPane.h"

#include "log/HarExporter.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Portcullis {

TimingBar::TimingBar(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("timingBar"));
    setMinimumHeight(18);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void TimingBar::setPhases(const QList<Phase>& phases)
{
    m_phases = phases;
    QStringList tip;
    for (const Phase& p : phases)
        tip << tr("%1: %2 ms").arg(p.name, QString::number(double(p.micros) / 1000.0, 'f', 2));
    setToolTip(tip.join(QLatin1Char('\n')));
    update();
}

QSize TimingBar::sizeHint() const
{
    return {300, 18};
}

void TimingBar::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect area = rect().adjusted(0, 2, -1, -2);
    painter.fillRect(area, palette().color(QPalette::AlternateBase));
    qint64 total = 0;
    for (const Phase& p : m_phases)
        total += qMax<qint64>(0, p.micros);
    if (total <= 0)
        return;
    double x = area.left();
    for (const Phase& p : m_phases) {
        const double w = double(area.width()) * double(qMax<qint64>(0, p.micros)) / double(total);
        const QRectF segment(x, area.top(), qMax(w, p.micros > 0 ? 1.0 : 0.0), area.height());
        painter.fillRect(segment, p.color);
        x += w;
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(area);
}

TrafficDetailPane::TrafficDetailPane(QWidget* parent)
    : QTabWidget(parent)
    , m_timingBar(new TimingBar)
    , m_timingLabel(new QLabel)
    , m_overviewText(new QPlainTextEdit)
{
    setObjectName(QStringLiteral("trafficDetailPane"));
    setDocumentMode(true);
    auto* overview = new QWidget;
    overview->setObjectName(QStringLiteral("overviewTab"));
    auto* layout = new QVBoxLayout(overview);
    layout->setContentsMargins(4, 4, 4, 4);
    m_timingLabel->setObjectName(QStringLiteral("timingLabel"));
    m_timingLabel->setTextFormat(Qt::RichText); // a coloured key per phase; only numbers and tr() text
    m_timingLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_timingBar);
    layout->addWidget(m_timingLabel);
    m_overviewText->setObjectName(QStringLiteral("detailTextEdit"));
    m_overviewText->setReadOnly(true);
    m_overviewText->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_overviewText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_overviewText->setPlaceholderText(tr("Select a request to see its details (secrets are never recorded)."));
    layout->addWidget(m_overviewText, 1);
    addTab(overview, tr("Overview"));
    m_mcpRequestText = addTextTab(QStringLiteral("mcpRequestText"), tr("MCP request"));
    m_mcpResponseText = addTextTab(QStringLiteral("mcpResponseText"), tr("MCP response"));
    m_backendRequestText = addTextTab(QStringLiteral("backendRequestText"), tr("Backend request"));
    m_backendResponseText = addTextTab(QStringLiteral("backendResponseText"), tr("Backend response"));
    m_authText = addTextTab(QStringLiteral("authText"), tr("Auth"));

    auto* corner = new QWidget;
    auto* buttons = new QHBoxLayout(corner);
    buttons->setContentsMargins(0, 0, 0, 0);
    m_copyCurlButton = new QPushButton(tr("Copy as curl"), corner);
    m_copyCurlButton->setObjectName(QStringLiteral("copyCurlButton"));
    m_copyCurlButton->setToolTip(tr("The MCP call as a curl command; the API key or token is a shell variable."));
    m_replayButton = new QPushButton(tr("Replay"), corner);
    m_replayButton->setObjectName(QStringLiteral("replayButton"));
    m_replayButton->setToolTip(tr("Send the captured MCP request to the gateway again"));
    m_exportHarButton = new QPushButton(tr("Export HAR…"), corner);
    m_exportHarButton->setObjectName(QStringLiteral("exportHarButton"));
    m_exportHarButton->setToolTip(tr("Save the requests in view, both legs, as HAR 1.2"));
    m_inspectTokenButton = new QPushButton(tr("Inspect Token…"), corner);
    m_inspectTokenButton->setObjectName(QStringLiteral("inspectTokenButton"));
    m_inspectTokenButton->setToolTip(tr("Open the token inspector for this service; paste the bearer token there "
                                        "(captured tokens are redacted)"));
    buttons->addWidget(m_inspectTokenButton);
    buttons->addWidget(m_copyCurlButton);
    buttons->addWidget(m_replayButton);
    buttons->addWidget(m_exportHarButton);
    setCornerWidget(corner, Qt::TopRightCorner);
    connect(m_copyCurlButton, &QPushButton::clicked, this, [this] {
        const QString text = curlText();
        if (!text.isEmpty())
            QApplication::clipboard()->setText(text);
    });
    connect(m_replayButton, &QPushButton::clicked, this, [this] {
        if (m_capture.isValid())
            emit replayRequested(m_capture.eventId);
    });
    connect(m_exportHarButton, &QPushButton::clicked, this, &TrafficDetailPane::exportHarRequested);
    connect(m_inspectTokenButton, &QPushButton::clicked, this,
            [this] { emit inspectTokenRequested(m_event ? m_event->service : QString()); });
    setEvent(std::nullopt);
}

QString TrafficDetailPane::msText(qint64 micros)
{
    return QString::number(double(qMax<qint64>(0, micros)) / 1000.0, 'f', 2);
}

QList<TimingBar::Phase> TrafficDetailPane::timingPhases(const Gateway::TrafficEvent& event)
{
    const qint64 auth = qMax<qint64>(0, event.authMicros);
    const qint64 queue = qMax<qint64>(0, event.queueMicros);
    const qint64 backend = qMax<qint64>(0, event.backendMicros);
    const qint64 mapping = qMax<qint64>(0, event.mappingMicros);
    const qint64 other = qMax<qint64>(0, event.totalMicros - auth - queue - backend - mapping);
    return {{tr("auth"), auth, QColor(0x59, 0xa1, 0x4f)},
            {tr("queue"), queue, QColor(0xed, 0xc9, 0x48)},
            {tr("backend"), backend, QColor(0xf2, 0x8e, 0x2b)},
            {tr("mapping"), mapping, QColor(0xb0, 0x7a, 0xa1)},
            {tr("other gateway work"), other, QColor(0x4e, 0x79, 0xa7)}};
}

QPlainTextEdit* TrafficDetailPane::addTextTab(const QString& objectName, const QString& title)
{
    auto* edit = new QPlainTextEdit;
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    addTab(edit, title);
    return edit;
}

QString TrafficDetailPane::prettyBody(const QByteArray& body)
{
    if (body.isEmpty())
        return tr("(empty)");
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && !doc.isNull())
        return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    return QString::fromUtf8(body);
}

QString TrafficDetailPane::authExplanation(const QString& reason)
{
    static const QHash<QString, QString> meaning{
        {QStringLiteral("missing_key"), tr("No x-reshapr-key header was sent.")},
        {QStringLiteral("wrong_key"), tr("The API key does not match any key of this service.")},
        {QStringLiteral("duplicate_key"), tr("More than one x-reshapr-key header was sent.")},
        {QStringLiteral("key_in_query"), tr("The API key was sent in the URL; it is only accepted in the header.")},
        {QStringLiteral("missing_token"), tr("No Authorization: Bearer token was sent.")},
        {QStringLiteral("malformed_authorization"), tr("The Authorization header is not \"Bearer <token>\".")},
        {QStringLiteral("duplicate_authorization"), tr("More than one Authorization header was sent.")},
        {QStringLiteral("token_in_query"), tr("The token was sent in the URL; it is only accepted in the header.")},
        {QStringLiteral("token_too_long"), tr("The token is longer than the gateway accepts.")},
        {QStringLiteral("malformed_token"), tr("The token is not a well-formed JWT.")},
        {QStringLiteral("invalid_token"), tr("The token failed verification (signature, expiry or claims).")},
        {QStringLiteral("expired"), tr("The token's exp is in the past.")},
        {QStringLiteral("wrong_audience"), tr("The token's aud does not name this endpoint's resource.")},
        {QStringLiteral("wrong_issuer"), tr("The token's iss is not an authorization server of this service.")},
        {QStringLiteral("insufficient_scope"), tr("The token lacks a scope the service or tool requires.")},
        {QStringLiteral("jwks_unavailable"), tr("The issuer's signing keys (JWKS) could not be fetched.")},
        {QStringLiteral("introspection_unavailable"), tr("The token introspection endpoint could not be reached.")},
        {QStringLiteral("too_many_requests"), tr("The person's request budget (rate limit) is used up.")},
    };
    return meaning.value(reason);
}

void TrafficDetailPane::setEvent(const std::optional<Gateway::TrafficEvent>& event, const QString& overviewText)
{
    m_event = event;
    m_capture = {};
    if (!event) {
        m_overviewText->clear();
        m_timingBar->setPhases({});
        m_timingLabel->clear();
        m_authText->clear();
        showCapture();
        return;
    }
    m_overviewText->setPlainText(overviewText);
    // Where the time went, in order: endpoint auth, waiting (backend credential, free backend
    // connection), the backend on the wire, mapping its answer, and the rest of the gateway's work
    // (parsing, validation, encoding, writing the answer).
    const QList<TimingBar::Phase> phases = timingPhases(*event);
    m_timingBar->setPhases(phases);
    QStringList parts;
    for (const TimingBar::Phase& p : phases) {
        parts << QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                     .arg(p.color.name(), tr("%1 %2 ms").arg(p.name.toHtmlEscaped(), msText(p.micros)));
    }
    m_timingLabel->setText(tr("total %1 ms").arg(msText(event->totalMicros)) + QStringLiteral(" &nbsp;·&nbsp; ")
                           + parts.join(QStringLiteral(" &nbsp; ")));
    QStringList auth;
    auth << tr("Decision: %1").arg(event->authDecision.isEmpty() ? tr("(not checked)") : event->authDecision);
    if (!event->authReason.isEmpty()) {
        auth << tr("Reason: %1").arg(event->authReason);
        const QString why = authExplanation(event->authReason);
        if (!why.isEmpty())
            auth << why;
    }
    auth << tr("Person: %1").arg(event->principal.isEmpty() ? tr("(anonymous)") : event->principal);
    if (!event->detail.isEmpty())
        auth << tr("Detail: %1").arg(event->detail);
    m_authText->setPlainText(auth.join(QLatin1Char('\n')));
    showCapture();
    emit payloadWanted(event->id);
}

void TrafficDetailPane::setCapture(quint64 eventId, const Gateway::CapturedExchange& capture)
{
    if (!m_event || m_event->id != eventId)
        return;
    m_capture = capture;
    showCapture();
}

namespace {

QString headersText(const Gateway::HttpHeaders& headers)
{
    QString out;
    for (const auto& h : headers)
        out += QString::fromLatin1(h.first) + QStringLiteral(": ") + QString::fromUtf8(h.second) + QLatin1Char('\n');
    return out;
}

QString truncatedNote(bool truncated, qint64 size)
{
    return truncated ? QObject::tr("\n… truncated (%1 bytes in all)").arg(size) : QString();
}

} // namespace

void TrafficDetailPane::showCapture()
{
    const bool have = m_capture.isValid();
    const QString none = m_event ? tr("Not captured (payload capture off, not an MCP request, or evicted by the "
                                      "capture budget).")
                                 : QString();
    if (!have) {
        for (QPlainTextEdit* edit : {m_mcpRequestText, m_mcpResponseText, m_backendRequestText, m_backendResponseText})
            edit->setPlainText(none);
    } else {
        const Gateway::CapturedHttp& mcp = m_capture.mcp;
        m_mcpRequestText->setPlainText(QString::fromLatin1(mcp.method) + QLatin1Char(' ') + mcp.url + QLatin1Char('\n')
                                       + headersText(mcp.requestHeaders) + QLatin1Char('\n')
                                       + prettyBody(mcp.requestBody)
                                       + truncatedNote(mcp.requestTruncated, mcp.requestSize));
        m_mcpResponseText->setPlainText(
            QString::number(mcp.status) + QLatin1Char('\n') + headersText(mcp.responseHeaders) + QLatin1Char('\n')
            + prettyBody(mcp.responseBody) + truncatedNote(mcp.responseTruncated, mcp.responseSize));
        if (m_capture.hasBackend) {
            const Gateway::CapturedHttp& b = m_capture.backend;
            m_backendRequestText->setPlainText(QString::fromLatin1(b.method) + QLatin1Char(' ') + b.url
                                               + QLatin1Char('\n') + headersText(b.requestHeaders) + QLatin1Char('\n')
                                               + (b.requestBody.isEmpty() ? QString() : prettyBody(b.requestBody)));
            m_backendResponseText->setPlainText(
                QString::number(b.status) + QLatin1Char('\n') + headersText(b.responseHeaders) + QLatin1Char('\n')
                + prettyBody(b.responseBody) + truncatedNote(b.responseTruncated, b.responseSize));
        } else {
            m_backendRequestText->setPlainText(tr("No backend call."));
            m_backendResponseText->setPlainText(tr("No backend call."));
        }
    }
    setTabEnabled(BackendRequestTab, !have || m_capture.hasBackend);
    setTabEnabled(BackendResponseTab, !have || m_capture.hasBackend);
    m_copyCurlButton->setEnabled(have);
    m_replayButton->setEnabled(have && !m_capture.mcp.requestTruncated);
}

QString TrafficDetailPane::curlText() const
{
    QUrl base = m_baseUrl.isValid() ? m_baseUrl : QUrl(QStringLiteral("http://127.0.0.1:8765"));
    return Gateway::HarExporter::curlCommand(m_capture, base);
}

} // namespace Portcullis

#include "moc_TrafficDetailPane.cpp"
