// SPDX-License-Identifier: GPL-3.0-or-later
#include "EndpointSecurityPage.h"

#include "WorkspaceDocument.h"
#include "dialogs/ApiKeyDialog.h"
#include "models/ToolScopesModel.h"
#include "security/ApiKey.h"
#include "widgets/SecretField.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Portcullis {

namespace {

enum ModeId { NoneId, ApiKeyId, OAuth2Id };

QLabel* buddyLabel(const QString& text, QWidget* buddy, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

EndpointSecurityPage::EndpointSecurityPage(QWidget* parent)
    : ServiceSettingsPage(parent)
    , m_modeGroup(new QButtonGroup(this))
    , m_toolScopesModel(new ToolScopesModel(this))
{
    setObjectName(QStringLiteral("endpointSecurityPage"));
    m_noneRadioButton = new QRadioButton(tr("&None"), this);
    m_noneRadioButton->setObjectName(QStringLiteral("noneRadioButton"));
    m_apiKeyRadioButton = new QRadioButton(tr("API &key (x-reshapr-key header)"), this);
    m_apiKeyRadioButton->setObjectName(QStringLiteral("apiKeyRadioButton"));
    m_oauth2RadioButton = new QRadioButton(tr("&OAuth 2 bearer tokens"), this);
    m_oauth2RadioButton->setObjectName(QStringLiteral("oauth2RadioButton"));
    m_modeGroup->addButton(m_noneRadioButton, NoneId);
    m_modeGroup->addButton(m_apiKeyRadioButton, ApiKeyId);
    m_modeGroup->addButton(m_oauth2RadioButton, OAuth2Id);
    auto* modeRow = new QHBoxLayout;
    modeRow->addWidget(m_noneRadioButton);
    modeRow->addWidget(m_apiKeyRadioButton);
    modeRow->addWidget(m_oauth2RadioButton);
    modeRow->addStretch(1);

    m_noneWarningLabel = new QLabel(
        tr("No endpoint security — anyone who can reach this port can call these tools. For quick local tests only."),
        this);
    m_noneWarningLabel->setObjectName(QStringLiteral("noSecurityWarningLabel"));
    m_noneWarningLabel->setWordWrap(true);
    m_noneWarningLabel->setStyleSheet(QStringLiteral(
        "QLabel { color: #b71c1c; background-color: #fdecea; border: 1px solid #e57373; border-radius: 4px;"
        " padding: 8px; font-weight: bold; }"));

    // API key
    m_apiKeyGroupBox = new QGroupBox(tr("API key"), this);
    m_apiKeyGroupBox->setObjectName(QStringLiteral("apiKeyGroupBox"));
    m_keyIdsLabel = plainTextLabel(m_apiKeyGroupBox, "apiKeyIdsLabel");
    m_generateKeyButton = new QPushButton(tr("&Generate Key…"), m_apiKeyGroupBox);
    m_generateKeyButton->setObjectName(QStringLiteral("generateApiKeyButton"));
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyIdsLabel, 1);
    keyRow->addWidget(m_generateKeyButton);
    auto* keyForm = new QFormLayout(m_apiKeyGroupBox);
    keyForm->addRow(tr("Valid keys:"), keyRow);
    addErrorRow(keyForm, QStringLiteral("security.apiKeyHashes"));
    keyForm->addRow(new QLabel(tr("A key is shown once, when it is generated; only its id is kept. Generating "
                                  "a new key revokes the previous one when the workspace is saved."),
                               m_apiKeyGroupBox));
    static_cast<QLabel*>(keyForm->itemAt(keyForm->rowCount() - 1, QFormLayout::SpanningRole)->widget())
        ->setWordWrap(true);

    // OAuth2
    m_oauth2GroupBox = new QGroupBox(tr("OAuth 2"), this);
    m_oauth2GroupBox->setObjectName(QStringLiteral("oauth2GroupBox"));
    m_serversListWidget = new QListWidget(m_oauth2GroupBox);
    m_serversListWidget->setObjectName(QStringLiteral("authorizationServersListWidget"));
    m_serversListWidget->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                         | QAbstractItemView::SelectedClicked);
    m_serversListWidget->setMaximumHeight(m_serversListWidget->fontMetrics().lineSpacing() * 4 + 10);
    m_addServerButton = new QPushButton(tr("&Add"), m_oauth2GroupBox);
    m_addServerButton->setObjectName(QStringLiteral("addAuthorizationServerButton"));
    m_removeServerButton = new QPushButton(tr("Dele&te"), m_oauth2GroupBox);
    m_removeServerButton->setObjectName(QStringLiteral("removeAuthorizationServerButton"));
    auto* serverButtons = new QVBoxLayout;
    serverButtons->addWidget(m_addServerButton);
    serverButtons->addWidget(m_removeServerButton);
    serverButtons->addStretch(1);
    auto* serverRow = new QHBoxLayout;
    serverRow->addWidget(m_serversListWidget, 1);
    serverRow->addLayout(serverButtons);

    m_requiredScopesLineEdit = new QLineEdit(m_oauth2GroupBox);
    m_requiredScopesLineEdit->setObjectName(QStringLiteral("requiredScopesLineEdit"));
    m_requiredScopesLineEdit->setPlaceholderText(tr("Space-separated, e.g. mcp:read"));
    m_toolScopesTableView = new QTableView(m_oauth2GroupBox);
    m_toolScopesTableView->setObjectName(QStringLiteral("toolScopesTableView"));
    m_toolScopesTableView->setModel(m_toolScopesModel);
    m_toolScopesTableView->verticalHeader()->hide();
    m_toolScopesTableView->horizontalHeader()->setStretchLastSection(true);
    m_toolScopesTableView->setAlternatingRowColors(true);
    m_toolScopesTableView->verticalHeader()->setDefaultSectionSize(m_toolScopesTableView->fontMetrics().height() + 8);
    m_toolScopesTableView->setMinimumHeight(130);
    m_resourceUrlLineEdit = new QLineEdit(m_oauth2GroupBox);
    m_resourceUrlLineEdit->setObjectName(QStringLiteral("resourceUrlLineEdit"));
    m_resourceUrlLineEdit->setReadOnly(true);
    m_resourceUrlLineEdit->setToolTip(tr("Tokens must name this URL as their audience (RFC 8707 resource)"));
    m_requireAtJwtCheckBox = new QCheckBox(tr("Require the at+jwt token t&ype (RFC 9068)"), m_oauth2GroupBox);
    m_requireAtJwtCheckBox->setObjectName(QStringLiteral("requireAtJwtCheckBox"));
    m_loopbackIssuersCheckBox
        = new QCheckBox(tr("Allow plain-http issuers on &loopback (local tests only)"), m_oauth2GroupBox);
    m_loopbackIssuersCheckBox->setObjectName(QStringLiteral("allowLoopbackIssuersCheckBox"));
    m_introspectionEndpointLineEdit = new QLineEdit(m_oauth2GroupBox);
    m_introspectionEndpointLineEdit->setObjectName(QStringLiteral("introspectionEndpointLineEdit"));
    m_introspectionEndpointLineEdit->setPlaceholderText(tr("Optional: RFC 7662 endpoint for opaque tokens"));
    m_introspectionClientIdLineEdit = new QLineEdit(m_oauth2GroupBox);
    m_introspectionClientIdLineEdit->setObjectName(QStringLiteral("introspectionClientIdLineEdit"));
    m_introspectionSecretField = new SecretField(QStringLiteral("introspection"), m_oauth2GroupBox);

    auto* oauthForm = new QFormLayout(m_oauth2GroupBox);
    oauthForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    oauthForm->addRow(buddyLabel(tr("Authori&zation servers:"), m_serversListWidget, m_oauth2GroupBox), serverRow);
    addErrorRow(oauthForm, QStringLiteral("security.authorizationServers"));
    oauthForm->addRow(buddyLabel(tr("Re&quired scopes:"), m_requiredScopesLineEdit, m_oauth2GroupBox),
                      m_requiredScopesLineEdit);
    addErrorRow(oauthForm, QStringLiteral("security.requiredScopes"));
    oauthForm->addRow(buddyLabel(tr("Per-tool s&copes:"), m_toolScopesTableView, m_oauth2GroupBox),
                      m_toolScopesTableView);
    addErrorRow(oauthForm, QStringLiteral("security.toolScopes"));
    oauthForm->addRow(buddyLabel(tr("Reso&urce URL:"), m_resourceUrlLineEdit, m_oauth2GroupBox), m_resourceUrlLineEdit);
    addErrorRow(oauthForm, QStringLiteral("security.resourceUrl"));
    oauthForm->addRow(QString(), m_requireAtJwtCheckBox);
    oauthForm->addRow(QString(), m_loopbackIssuersCheckBox);
    oauthForm->addRow(buddyLabel(tr("&Introspection endpoint:"), m_introspectionEndpointLineEdit, m_oauth2GroupBox),
                      m_introspectionEndpointLineEdit);
    oauthForm->addRow(buddyLabel(tr("Introspection client I&D:"), m_introspectionClientIdLineEdit, m_oauth2GroupBox),
                      m_introspectionClientIdLineEdit);
    oauthForm->addRow(tr("Introspection secret:"), m_introspectionSecretField);
    addErrorRow(oauthForm, QStringLiteral("security.introspection"));
    m_checkConnectionButton = new QPushButton(tr("C&heck Connection…"), m_oauth2GroupBox);
    m_checkConnectionButton->setObjectName(QStringLiteral("checkConnectionButton"));
    m_checkConnectionButton->setToolTip(
        tr("Run the connection doctor: the gateway's metadata, each authorization server's metadata, issuer and keys, "
           "and the introspection endpoint, step by step (on the saved configuration)"));
    auto* checkRow = new QHBoxLayout;
    checkRow->addWidget(m_checkConnectionButton);
    checkRow->addStretch(1);
    oauthForm->addRow(QString(), checkRow);

    auto* form = new QFormLayout;
    form->addRow(tr("Mode:"), modeRow);
    addErrorRow(form, QStringLiteral("security"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_noneWarningLabel);
    layout->addWidget(m_apiKeyGroupBox);
    layout->addWidget(m_oauth2GroupBox);
    layout->addStretch(1);

    connect(m_modeGroup, &QButtonGroup::idClicked, this, &EndpointSecurityPage::setMode);
    connect(m_generateKeyButton, &QPushButton::clicked, this, &EndpointSecurityPage::generateKey);
    connect(m_checkConnectionButton, &QPushButton::clicked, this, [this] {
        if (!m_context.service.isEmpty())
            emit checkConnectionRequested(m_context.service);
    });
    connect(m_addServerButton, &QPushButton::clicked, this, [this] {
        auto* item = new QListWidgetItem(QStringLiteral("https://"), m_serversListWidget);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        m_serversListWidget->setCurrentItem(item);
        m_serversListWidget->editItem(item);
    });
    connect(m_removeServerButton, &QPushButton::clicked, this, [this] {
        delete m_serversListWidget->currentItem();
        writeServers();
    });
    connect(m_serversListWidget, &QListWidget::itemChanged, this, &EndpointSecurityPage::writeServers);
    connect(m_requiredScopesLineEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        setServiceValue(QStringLiteral("security.requiredScopes"),
                        QJsonArray::fromStringList(text.split(QLatin1Char(' '), Qt::SkipEmptyParts)));
    });
    connect(m_toolScopesModel, &ToolScopesModel::scopesEdited, this, [this](const QMap<QString, QStringList>& map) {
        QJsonObject scopes;
        for (auto it = map.constBegin(); it != map.constEnd(); ++it)
            scopes.insert(it.key(), QJsonArray::fromStringList(it.value()));
        setServiceValue(QStringLiteral("security.toolScopes"), scopes);
    });
    connect(m_requireAtJwtCheckBox, &QCheckBox::toggled, this, [this](bool on) {
        // The default (true) is not written; a file that spells it out keeps it.
        if (on && serviceValue(QStringLiteral("security.requireAtJwtType")).isUndefined())
            return;
        setServiceValue(QStringLiteral("security.requireAtJwtType"), on);
    });
    connect(m_loopbackIssuersCheckBox, &QCheckBox::toggled, this, [this](bool on) {
        setServiceValue(QStringLiteral("security.allowLoopbackHttpIssuers"), on ? QJsonValue(true) : QJsonValue());
    });
    connect(m_introspectionEndpointLineEdit, &QLineEdit::textChanged, this, &EndpointSecurityPage::writeIntrospection);
    connect(m_introspectionClientIdLineEdit, &QLineEdit::textChanged, this, &EndpointSecurityPage::writeIntrospection);
    connect(m_introspectionSecretField, &SecretField::referenceChanged, this,
            &EndpointSecurityPage::writeIntrospection);
}

EndpointSecurityPage::~EndpointSecurityPage() = default;

void EndpointSecurityPage::reload()
{
    setEnabled(!m_context.service.isEmpty());
    const QString mode = serviceValue(QStringLiteral("security.mode")).toString(QStringLiteral("none"));
    const int id = mode == QLatin1String("apiKey") ? ApiKeyId : mode == QLatin1String("oauth2") ? OAuth2Id : NoneId;
    m_modeGroup->button(id)->setChecked(true);

    QStringList ids;
    for (const QJsonValue& hash : serviceValue(QStringLiteral("security.apiKeyHashes")).toArray())
        ids.append(Gateway::ApiKey::keyId(hash.toString()));
    m_keyIdsLabel->setText(ids.isEmpty() ? tr("No key yet") : ids.join(QStringLiteral(", ")));
    m_generateKeyButton->setText(ids.isEmpty() ? tr("&Generate Key…") : tr("Re&new Key…"));

    m_serversListWidget->clear();
    for (const QJsonValue& server : serviceValue(QStringLiteral("security.authorizationServers")).toArray()) {
        auto* item = new QListWidgetItem(server.toString(), m_serversListWidget);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    QStringList scopes;
    for (const QJsonValue& scope : serviceValue(QStringLiteral("security.requiredScopes")).toArray())
        scopes.append(scope.toString());
    m_requiredScopesLineEdit->setText(scopes.join(QLatin1Char(' ')));
    QMap<QString, QStringList> toolScopes;
    const QJsonObject toolScopesJson = serviceValue(QStringLiteral("security.toolScopes")).toObject();
    for (auto it = toolScopesJson.constBegin(); it != toolScopesJson.constEnd(); ++it) {
        QStringList list;
        for (const QJsonValue& s : it.value().toArray())
            list.append(s.toString());
        toolScopes.insert(it.key(), list);
    }
    m_toolScopesModel->setContent(m_context.toolNames, toolScopes);
    m_toolScopesTableView->resizeColumnToContents(ToolScopesModel::ToolColumn);
    const QString resource = serviceValue(QStringLiteral("security.resourceUrl")).toString();
    m_resourceUrlLineEdit->setText(resource.isEmpty() ? m_context.endpointUrl.toString() : resource);
    m_requireAtJwtCheckBox->setChecked(serviceValue(QStringLiteral("security.requireAtJwtType")).toBool(true));
    m_loopbackIssuersCheckBox->setChecked(
        serviceValue(QStringLiteral("security.allowLoopbackHttpIssuers")).toBool(false));
    const QJsonObject introspection = serviceValue(QStringLiteral("security.introspection")).toObject();
    m_introspectionEndpointLineEdit->setText(introspection.value(QLatin1String("endpoint")).toString());
    m_introspectionClientIdLineEdit->setText(introspection.value(QLatin1String("clientId")).toString());
    m_introspectionSecretField->setTarget(m_context.controller,
                                          QStringLiteral("portcullis/%1/introspection").arg(m_context.service));
    m_introspectionSecretField->setReference(introspection.value(QLatin1String("clientSecretRef")).toString());
    updateVisibility();
}

void EndpointSecurityPage::updateVisibility()
{
    const int id = m_modeGroup->checkedId();
    m_noneWarningLabel->setVisible(id == NoneId);
    m_apiKeyGroupBox->setVisible(id == ApiKeyId);
    m_oauth2GroupBox->setVisible(id == OAuth2Id);
}

void EndpointSecurityPage::setMode(int id)
{
    updateVisibility();
    if (m_loading || m_context.service.isEmpty())
        return;
    const Gateway::EndpointSecurity::Mode mode = id == ApiKeyId ? Gateway::EndpointSecurity::Mode::ApiKey
        : id == OAuth2Id                                        ? Gateway::EndpointSecurity::Mode::OAuth2
                                                                : Gateway::EndpointSecurity::Mode::None;
    editor().setSecurityMode(m_context.service, mode);
    commit();
}

void EndpointSecurityPage::generateKey()
{
    if (m_context.service.isEmpty())
        return;
    QString key = editor().issueApiKey(m_context.service);
    ApiKeyDialog dialog(m_context.service, key, Gateway::ApiKey::keyId(Gateway::ApiKey::hash(key.toLatin1())), this);
    key.fill(QLatin1Char('\0'));
    load(m_context); // the ids and mode as the editor now has them
    commit();
    dialog.exec();
}

void EndpointSecurityPage::writeServers()
{
    QStringList servers;
    for (int i = 0; i < m_serversListWidget->count(); ++i) {
        const QString text = m_serversListWidget->item(i)->text().trimmed();
        if (!text.isEmpty())
            servers.append(text);
    }
    setServiceValue(QStringLiteral("security.authorizationServers"), QJsonArray::fromStringList(servers));
}

void EndpointSecurityPage::writeIntrospection()
{
    QJsonObject introspection;
    const QString endpoint = m_introspectionEndpointLineEdit->text().trimmed();
    const QString clientId = m_introspectionClientIdLineEdit->text().trimmed();
    const QString secret = m_introspectionSecretField->reference();
    if (!endpoint.isEmpty())
        introspection.insert(QStringLiteral("endpoint"), endpoint);
    if (!clientId.isEmpty())
        introspection.insert(QStringLiteral("clientId"), clientId);
    if (!secret.isEmpty())
        introspection.insert(QStringLiteral("clientSecretRef"), secret);
    setServiceValue(QStringLiteral("security.introspection"), introspection);
}

} // namespace Portcullis

#include "moc_EndpointSecurityPage.cpp"
