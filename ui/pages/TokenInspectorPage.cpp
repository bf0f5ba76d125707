// SPDX-License-Identifier: GPL-3.0-or-later
#include "TokenInspectorPage.h"

#include "core/GatewayServer.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using Gateway::DecodedToken;
using Gateway::TokenInspector;
using Gateway::TokenVerdict;

namespace Portcullis {

namespace {

const QString kFailureStyle = QStringLiteral("QLabel { color: #b71c1c; background-color: #fdecea; border: 1px solid "
                                             "#e57373; border-radius: 4px; padding: 6px; }");
const QString kSuccessStyle = QStringLiteral("QLabel { color: #1b5e20; background-color: #e8f5e9; border: 1px solid "
                                             "#81c784; border-radius: 4px; padding: 6px; }");
const QString kWarningStyle = QStringLiteral("QLabel { color: #6d4c00; background-color: #fff4d6; border: 1px solid "
                                             "#e0b84f; border-radius: 4px; padding: 6px; }");
const QString kNeutralStyle = QStringLiteral("QLabel { padding: 6px; }");

QString valueText(const QJsonValue& value)
{
    QString text;
    if (value.isString())
        text = value.toString();
    else if (value.isArray())
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    else if (value.isObject())
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    else
        text = value.toVariant().toString();
    return text.size() > 500 ? text.left(500) + QChar(0x2026) : text;
}

QString span(qint64 seconds)
{
    seconds = qAbs(seconds);
    const qint64 d = seconds / 86400, h = (seconds % 86400) / 3600, m = (seconds % 3600) / 60, s = seconds % 60;
    if (d > 0)
        return QObject::tr("%1 d %2 h").arg(d).arg(h);
    if (h > 0)
        return QObject::tr("%1 h %2 min").arg(h).arg(m);
    if (m > 0)
        return QObject::tr("%1 min %2 s").arg(m).arg(s);
    return QObject::tr("%1 s").arg(s);
}

QString localTime(const QDateTime& utc)
{
    return QLocale().toString(utc.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss t"));
}

bool isTimeClaim(const QString& name)
{
    return name == QLatin1String("exp") || name == QLatin1String("iat") || name == QLatin1String("nbf")
        || name == QLatin1String("auth_time");
}

} // namespace

TokenInspectorPage::TokenInspectorPage(TokenInspector* inspector, QWidget* parent)
    : QWidget(parent)
    , m_inspector(inspector)
    , m_tokenEdit(new QPlainTextEdit(this))
    , m_formLabel(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_expiryLabel(new QLabel(this))
    , m_serviceComboBox(new QComboBox(this))
    , m_toolComboBox(new QComboBox(this))
    , m_checkButton(new QPushButton(tr("Check with the gateway"), this))
    , m_verdictLabel(new QLabel(this))
    , m_verdictDetails(new QPlainTextEdit(this))
    , m_countdown(new QTimer(this))
{
    m_tokenEdit->setObjectName(QStringLiteral("tokenEdit"));
    m_tokenEdit->setPlaceholderText(tr("Paste an access token (a JWT, or an opaque token), with or without "
                                       "\"Bearer \""));
    m_tokenEdit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_tokenEdit->setWordWrapMode(QTextOption::WrapAnywhere);
    m_tokenEdit->setMaximumHeight(90);
    m_formLabel->setObjectName(QStringLiteral("tokenFormLabel"));
    m_formLabel->setTextFormat(Qt::PlainText);

    m_tree->setObjectName(QStringLiteral("tokenTree"));
    m_tree->setHeaderLabels({tr("Name"), tr("Value"), tr("Meaning")});
    m_tree->setColumnWidth(0, 160);
    m_tree->setColumnWidth(1, 360);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setUniformRowHeights(true);

    m_expiryLabel->setObjectName(QStringLiteral("tokenExpiryLabel"));
    m_expiryLabel->setTextFormat(Qt::PlainText);

    m_serviceComboBox->setObjectName(QStringLiteral("tokenServiceComboBox"));
    m_serviceComboBox->setMinimumContentsLength(16);
    m_toolComboBox->setObjectName(QStringLiteral("tokenToolComboBox"));
    m_toolComboBox->setMinimumContentsLength(16);
    m_checkButton->setObjectName(QStringLiteral("tokenCheckButton"));
    m_verdictLabel->setObjectName(QStringLiteral("tokenVerdictLabel"));
    m_verdictLabel->setTextFormat(Qt::PlainText);
    m_verdictLabel->setWordWrap(true);
    m_verdictLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A splitter pane does not honour height-for-width: the wrapped label asks for its height itself.
    m_verdictLabel->installEventFilter(this);
    m_verdictDetails->setObjectName(QStringLiteral("tokenVerdictDetails"));
    m_verdictDetails->setReadOnly(true);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Token:"), left));
    leftLayout->addWidget(m_tokenEdit);
    leftLayout->addWidget(m_formLabel);
    leftLayout->addWidget(m_tree, 1);
    leftLayout->addWidget(m_expiryLabel);

    auto* right = new QWidget(this);
    auto* form = new QFormLayout;
    form->addRow(tr("&Service:"), m_serviceComboBox);
    form->addRow(tr("T&ool:"), m_toolComboBox);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(form);
    rightLayout->addWidget(m_checkButton, 0, Qt::AlignLeft);
    rightLayout->addWidget(m_verdictLabel);
    rightLayout->addWidget(m_verdictDetails, 1);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("tokenSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, &TokenInspectorPage::updateCountdown);
    connect(m_tokenEdit, &QPlainTextEdit::textChanged, this, &TokenInspectorPage::decodeToken);
    connect(m_serviceComboBox, &QComboBox::currentIndexChanged, this, [this] {
        fillTools();
        clearVerdict();
    });
    connect(m_toolComboBox, &QComboBox::currentIndexChanged, this, &TokenInspectorPage::clearVerdict);
    connect(m_checkButton, &QPushButton::clicked, this, &TokenInspectorPage::checkToken);
    if (m_inspector) {
        connect(m_inspector, &TokenInspector::verdictReady, this, [this](int id, const TokenVerdict& verdict) {
            if (id == m_requestId)
                showVerdict(verdict);
        });
    }
    decodeToken();
}

TokenInspectorPage::~TokenInspectorPage() = default;

bool TokenInspectorPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_verdictLabel && event->type() == QEvent::Resize)
        fitVerdictLabel();
    return QWidget::eventFilter(watched, event);
}

void TokenInspectorPage::fitVerdictLabel()
{
    const int height = m_verdictLabel->heightForWidth(m_verdictLabel->width());
    if (height > 0 && height != m_verdictLabel->minimumHeight())
        m_verdictLabel->setMinimumHeight(height);
}

void TokenInspectorPage::setServices(const QList<Gateway::ServiceStatus>& services)
{
    const QString current = currentService();
    const QSignalBlocker blocker(m_serviceComboBox);
    m_serviceComboBox->clear();
    m_tools.clear();
    for (const Gateway::ServiceStatus& s : services) {
        if (s.securityMode != QLatin1String("oauth2"))
            continue;
        m_serviceComboBox->addItem(s.name, s.name);
        m_tools.insert(s.name, s.toolNames);
    }
    if (m_serviceComboBox->count() == 0)
        m_serviceComboBox->setPlaceholderText(tr("No OAuth2 service"));
    const int index = m_serviceComboBox->findData(current);
    m_serviceComboBox->setCurrentIndex(index >= 0 ? index : 0);
    fillTools();
    clearVerdict();
}

void TokenInspectorPage::fillTools()
{
    const QSignalBlocker blocker(m_toolComboBox);
    m_toolComboBox->clear();
    m_toolComboBox->addItem(tr("Endpoint only (no tool)"), QString());
    for (const QString& tool : m_tools.value(currentService()))
        m_toolComboBox->addItem(tool, tool);
}

void TokenInspectorPage::setToken(const QByteArray& token)
{
    m_tokenEdit->setPlainText(QString::fromLatin1(token));
}

QByteArray TokenInspectorPage::token() const
{
    return m_tokenEdit->toPlainText().toLatin1();
}

QString TokenInspectorPage::currentService() const
{
    return m_serviceComboBox->currentData().toString();
}

void TokenInspectorPage::selectService(const QString& name)
{
    const int index = m_serviceComboBox->findData(name);
    if (index >= 0)
        m_serviceComboBox->setCurrentIndex(index);
}

void TokenInspectorPage::selectTool(const QString& tool)
{
    const int index = m_toolComboBox->findData(tool);
    if (index >= 0)
        m_toolComboBox->setCurrentIndex(index);
}

void TokenInspectorPage::decodeToken()
{
    clearVerdict();
    m_decoded = TokenInspector::decode(token());
    m_tree->clear();
    switch (m_decoded.form) {
    case DecodedToken::Form::Empty: m_formLabel->setText(tr("No token yet.")); break;
    case DecodedToken::Form::Jwt:
        m_formLabel->setText(m_decoded.problem.isEmpty()
                                 ? tr("A JWT (signed, %1 signature bytes). Decoded below, not yet verified.")
                                       .arg(m_decoded.signatureBytes)
                                 : tr("A JWT, but %1.").arg(m_decoded.problem));
        break;
    case DecodedToken::Form::Malformed:
        m_formLabel->setText(tr("Not a well-formed JWT: %1.").arg(m_decoded.problem));
        break;
    case DecodedToken::Form::Opaque:
        m_formLabel->setText(
            tr("Opaque token (not a JWT: %1): only introspection can check it.").arg(m_decoded.problem));
        break;
    }
    auto addSection = [this](const QString& title, const QJsonObject& object) {
        if (object.isEmpty())
            return;
        auto* section = new QTreeWidgetItem(m_tree, {title});
        QFont bold = section->font(0);
        bold.setBold(true);
        section->setFont(0, bold);
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            auto* item = new QTreeWidgetItem(section, {it.key(), valueText(it.value())});
            item->setToolTip(1, item->text(1));
            if (isTimeClaim(it.key()) && it.value().isDouble()) {
                const QDateTime utc = QDateTime::fromSecsSinceEpoch(qint64(it.value().toDouble()), Qt::UTC);
                item->setText(2, localTime(utc));
            }
        }
        section->setExpanded(true);
    };
    addSection(tr("Header"), m_decoded.header);
    addSection(tr("Claims"), m_decoded.claims);
    m_tree->resizeColumnToContents(0);
    updateCountdown();
    if (m_decoded.expiresAt.isValid())
        m_countdown->start();
    else
        m_countdown->stop();
    m_checkButton->setEnabled(m_decoded.form != DecodedToken::Form::Empty);
}

void TokenInspectorPage::updateCountdown()
{
    if (!m_decoded.expiresAt.isValid()) {
        m_expiryLabel->setText(m_decoded.form == DecodedToken::Form::Jwt ? tr("No exp claim: the gateway refuses "
                                                                              "tokens without one.")
                                                                         : QString());
        m_expiryLabel->setStyleSheet(m_decoded.form == DecodedToken::Form::Jwt ? kWarningStyle : QString());
        return;
    }
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(m_decoded.expiresAt);
    if (left >= 0) {
        m_expiryLabel->setText(tr("Expires in %1 (at %2).").arg(span(left), localTime(m_decoded.expiresAt)));
        m_expiryLabel->setStyleSheet(left < 60 ? kWarningStyle : kNeutralStyle);
    } else {
        m_expiryLabel->setText(tr("Expired %1 ago (at %2).").arg(span(left), localTime(m_decoded.expiresAt)));
        m_expiryLabel->setStyleSheet(kFailureStyle);
    }
}

void TokenInspectorPage::clearVerdict()
{
    m_requestId = -1; // an answer still on its way is for another question
    m_verdictLabel->setText(tr("Pick a service and press “Check with the gateway” for its verdict."));
    m_verdictLabel->setStyleSheet(kNeutralStyle);
    fitVerdictLabel();
    m_verdictDetails->clear();
}

void TokenInspectorPage::checkToken()
{
    const QString service = currentService();
    if (service.isEmpty() || m_decoded.form == DecodedToken::Form::Empty)
        return;
    clearVerdict();
    const QString tool = m_toolComboBox->currentData().toString();
    m_verdictLabel->setText(tr("Asking the gateway\u2026"));
    emit checkRequested(token(), service, tool);
    if (m_inspector)
        m_requestId = m_inspector->inspect(token(), service, tool);
}

void TokenInspectorPage::showVerdict(const TokenVerdict& v)
{
    m_verdictLabel->setText(v.summary);
    fitVerdictLabel();
    m_verdictLabel->setStyleSheet(v.valid ? kSuccessStyle : kFailureStyle);
    QStringList lines;
    if (v.checked) {
        lines << tr("Gateway answer: HTTP %1, reason %2").arg(v.httpStatus).arg(v.reason);
        if (!v.description.isEmpty())
            lines << tr("error_description: %1").arg(v.description);
        if (!v.wwwAuthenticate.isEmpty())
            lines << tr("WWW-Authenticate: %1").arg(v.wwwAuthenticate);
        if (v.introspected)
            lines << tr("Checked by the introspection endpoint (the token is not a JWT).");
        lines << QString() << tr("Expected audience: %1").arg(v.expectedAudience)
              << tr("Trusted issuers: %1").arg(v.trustedIssuers.join(QStringLiteral(", ")))
              << tr("Required scopes: %1")
                     .arg(v.requiredScopes.isEmpty() ? tr("none") : v.requiredScopes.join(QLatin1Char(' ')));
        if (v.valid || !v.grantedScopes.isEmpty())
            lines << tr("Granted scopes: %1").arg(v.grantedScopes.join(QLatin1Char(' ')));
        if (!v.principal.isEmpty())
            lines << tr("Principal: %1").arg(v.principal);
        if (!v.tools.isEmpty()) {
            lines << QString() << tr("Tools with extra scopes:");
            for (const TokenVerdict::ToolAccess& t : v.tools) {
                lines
                    << (t.allowed
                            ? tr("  \u2713 %1 (%2)").arg(t.tool, t.requiredScopes.join(QLatin1Char(' ')))
                            : tr("  \u2717 %1 \u2014 missing %2").arg(t.tool, t.missingScopes.join(QLatin1Char(' '))));
            }
        }
    }
    m_verdictDetails->setPlainText(lines.join(QLatin1Char('\n')));
}

} // namespace Portcullis
