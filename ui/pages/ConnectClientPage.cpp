// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConnectClientPage.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Portcullis {

namespace {

const QString kKeyPlaceholder = QStringLiteral("<your API key>");

} // namespace

ConnectClientPage::ConnectClientPage(QWidget* parent)
    : ServiceSettingsPage(parent)
{
    setObjectName(QStringLiteral("connectClientPage"));
    m_modeLabel = plainTextLabel(this, "connectModeLabel");
    m_endpointLineEdit = new QLineEdit(this);
    m_endpointLineEdit->setObjectName(QStringLiteral("connectEndpointLineEdit"));
    m_endpointLineEdit->setReadOnly(true);
    m_mcpJsonEdit = new QPlainTextEdit(this);
    m_mcpJsonEdit->setObjectName(QStringLiteral("mcpJsonEdit"));
    m_inspectorEdit = new QPlainTextEdit(this);
    m_inspectorEdit->setObjectName(QStringLiteral("inspectorCommandEdit"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit* edit : {m_mcpJsonEdit, m_inspectorEdit}) {
        edit->setReadOnly(true);
        edit->setFont(fixed);
        edit->setTabChangesFocus(true);
    }
    m_inspectorEdit->setFixedHeight(m_inspectorEdit->fontMetrics().lineSpacing() * 3 + 12);
    m_mcpJsonEdit->setFixedHeight(m_mcpJsonEdit->fontMetrics().lineSpacing() * 13 + 12);

    auto field = [this](QWidget* widget, QPushButton* button) {
        auto* row = new QHBoxLayout;
        row->addWidget(widget, 1);
        row->addWidget(button, 0, Qt::AlignTop);
        return row;
    };
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* endpointLabel = new QLabel(tr("&Endpoint URL:"), this);
    endpointLabel->setBuddy(m_endpointLineEdit);
    form->addRow(endpointLabel, field(m_endpointLineEdit, copyButton("copyEndpointButton", [this] {
                                          return m_endpointLineEdit->text();
                                      })));
    auto* jsonLabel = new QLabel(tr("&mcp.json entry:"), this);
    jsonLabel->setBuddy(m_mcpJsonEdit);
    form->addRow(jsonLabel, field(m_mcpJsonEdit, copyButton("copyMcpJsonButton", [this] {
                                      return m_mcpJsonEdit->toPlainText();
                                  })));
    auto* inspectorLabel = new QLabel(tr("&Inspector:"), this);
    inspectorLabel->setBuddy(m_inspectorEdit);
    form->addRow(inspectorLabel, field(m_inspectorEdit, copyButton("copyInspectorButton", [this] {
                                           return m_inspectorEdit->toPlainText();
                                       })));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_modeLabel);
    layout->addLayout(form);
    layout->addStretch(1);
}

ConnectClientPage::~ConnectClientPage() = default;

QPushButton* ConnectClientPage::copyButton(const char* objectName, std::function<QString()> text)
{
    auto* button = new QPushButton(tr("Copy"), this);
    button->setObjectName(QLatin1String(objectName));
    connect(button, &QPushButton::clicked, this, [button, text] {
        QGuiApplication::clipboard()->setText(text());
        button->setText(tr("Copied"));
        QTimer::singleShot(1500, button, [button] { button->setText(tr("Copy")); });
    });
    return button;
}

QString ConnectClientPage::mcpJson(const QString& service, const QString& url, const QString& mode)
{
    QJsonObject server{{QStringLiteral("type"), QStringLiteral("http")}, {QStringLiteral("url"), url}};
    if (mode == QLatin1String("apiKey"))
        server.insert(QStringLiteral("headers"), QJsonObject{{QStringLiteral("x-reshapr-key"), kKeyPlaceholder}});
    const QJsonObject root{{QStringLiteral("mcpServers"), QJsonObject{{service, server}}}};
    return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented)).trimmed();
}

QString ConnectClientPage::inspectorCommand(const QString& url, const QString& mode)
{
    QString command = QStringLiteral("npx @modelcontextprotocol/inspector --cli ") + url
        + QStringLiteral(" --transport http --method tools/list");
    if (mode == QLatin1String("apiKey"))
        command += QStringLiteral(" --header \"x-reshapr-key: %1\"").arg(kKeyPlaceholder);
    return command;
}

void ConnectClientPage::reload()
{
    setEnabled(!m_context.service.isEmpty());
    const QString url = m_context.endpointUrl.toString();
    const QString mode = serviceValue(QStringLiteral("security.mode")).toString(QStringLiteral("none"));
    m_endpointLineEdit->setText(url);
    m_mcpJsonEdit->setPlainText(mcpJson(m_context.service, url, mode));
    m_inspectorEdit->setPlainText(inspectorCommand(url, mode));
    if (mode == QLatin1String("apiKey"))
        m_modeLabel->setText(tr("Clients send the API key in the x-reshapr-key header: replace the placeholder "
                                "with the key you copied when it was generated."));
    else if (mode == QLatin1String("oauth2"))
        m_modeLabel->setText(tr("Clients sign in at the authorization server and send a bearer token; clients that "
                                "support MCP authorization discover it from the endpoint."));
    else
        m_modeLabel->setText(tr("No endpoint security: any local process can call this endpoint."));
}

} // namespace Portcullis

#include "moc_ConnectClientPage.cpp"
