// SPDX-License-Identifier: GPL-3.0-or-later
#include "BackendSecretPage.h"

#include "WorkspaceDocument.h"
#include "widgets/SecretField.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace Portcullis {

namespace {

// Workspace names of the kinds, in the chooser's order.
const char* const kKinds[]
    = {"none", "basic", "token", "clientCertificate", "oauth2ClientCredentials", "elicitedToken", "elicitedOAuth2"};
constexpr int kKindCount = 7;

} // namespace

BackendSecretPage::BackendSecretPage(QWidget* parent)
    : ServiceSettingsPage(parent)
{
    setObjectName(QStringLiteral("backendSecretPage"));
    m_keychainLabel = plainTextLabel(this, "pageKeychainLabel");
    m_kindComboBox = new QComboBox(this);
    m_kindComboBox->setObjectName(QStringLiteral("backendKindComboBox"));
    m_kindComboBox->addItems({tr("None"), tr("Basic (user name and password)"), tr("Token in a header"),
                              tr("Client certificate (mutual TLS)"), tr("OAuth 2 client credentials"),
                              tr("Elicited token (each person types their own)"),
                              tr("Elicited OAuth 2 (each person signs in)")});
    m_kindHelpLabel = plainTextLabel(this, "backendKindHelpLabel");
    m_kindHelpLabel->setForegroundRole(QPalette::PlaceholderText);
    m_kindHelpLabel->setWordWrap(false);

    m_usernameLineEdit = new QLineEdit(this);
    m_usernameLineEdit->setObjectName(QStringLiteral("usernameLineEdit"));
    m_secretField = new SecretField(QStringLiteral("backend"), this);
    m_headerNameLineEdit = new QLineEdit(this);
    m_headerNameLineEdit->setObjectName(QStringLiteral("headerNameLineEdit"));
    m_schemeLineEdit = new QLineEdit(this);
    m_schemeLineEdit->setObjectName(QStringLiteral("schemeLineEdit"));
    m_schemeLineEdit->setPlaceholderText(tr("Optional, e.g. Bearer"));
    m_certificateField = new SecretField(QStringLiteral("certificate"), this);
    m_certificateField->setFileLoading(true, tr("PEM files (*.pem *.crt *.cer);;All files (*)"));
    m_caCertificateField = new SecretField(QStringLiteral("caCertificate"), this);
    m_caCertificateField->setFileLoading(true, tr("PEM files (*.pem *.crt *.cer);;All files (*)"));
    m_issuerLineEdit = new QLineEdit(this);
    m_issuerLineEdit->setObjectName(QStringLiteral("issuerLineEdit"));
    m_issuerLineEdit->setPlaceholderText(tr("Discovers both endpoints (RFC 8414, then OpenID Connect)"));
    m_authorizationEndpointLineEdit = new QLineEdit(this);
    m_authorizationEndpointLineEdit->setObjectName(QStringLiteral("authorizationEndpointLineEdit"));
    m_tokenEndpointLineEdit = new QLineEdit(this);
    m_tokenEndpointLineEdit->setObjectName(QStringLiteral("tokenEndpointLineEdit"));
    m_clientIdLineEdit = new QLineEdit(this);
    m_clientIdLineEdit->setObjectName(QStringLiteral("clientIdLineEdit"));
    m_scopesLineEdit = new QLineEdit(this);
    m_scopesLineEdit->setObjectName(QStringLiteral("backendScopesLineEdit"));
    m_scopesLineEdit->setPlaceholderText(tr("Space-separated"));
    m_resourceLineEdit = new QLineEdit(this);
    m_resourceLineEdit->setObjectName(QStringLiteral("resourceLineEdit"));
    m_resourceLineEdit->setPlaceholderText(tr("Optional (RFC 8707)"));
    m_audienceLineEdit = new QLineEdit(this);
    m_audienceLineEdit->setObjectName(QStringLiteral("audienceLineEdit"));
    m_audienceLineEdit->setPlaceholderText(tr("Optional"));
    m_loopbackCheckBox = new QCheckBox(tr("Allow plain-http endpoints on &loopback (local tests only)"), this);
    m_loopbackCheckBox->setObjectName(QStringLiteral("allowLoopbackTokenEndpointCheckBox"));
    m_persistCheckBox = new QCheckBox(tr("Keep each person's credential in the &keychain across restarts"), this);
    m_persistCheckBox->setObjectName(QStringLiteral("persistCheckBox"));

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto row = [this](const QString& text, QWidget* field, const QString& path) {
        auto* label = new QLabel(text, this);
        label->setBuddy(field);
        m_form->addRow(label, field);
        if (!path.isEmpty())
            addErrorRow(m_form, path);
        return label;
    };
    row(tr("&Kind:"), m_kindComboBox, QStringLiteral("backendAuth.kind"));
    m_form->addRow(QString(), m_kindHelpLabel);
    row(tr("&User name:"), m_usernameLineEdit, QStringLiteral("backendAuth.username"));
    m_secretLabel = row(tr("&Password:"), m_secretField, QStringLiteral("backendAuth.secretRef"));
    row(tr("&Header name:"), m_headerNameLineEdit, QStringLiteral("backendAuth.headerName"));
    row(tr("S&cheme:"), m_schemeLineEdit, QStringLiteral("backendAuth.scheme"));
    row(tr("&Certificate:"), m_certificateField, QStringLiteral("backendAuth.certificateRef"));
    row(tr("&Issuer:"), m_issuerLineEdit, QStringLiteral("backendAuth.issuer"));
    row(tr("Aut&horization endpoint:"), m_authorizationEndpointLineEdit,
        QStringLiteral("backendAuth.authorizationEndpoint"));
    row(tr("&Token endpoint:"), m_tokenEndpointLineEdit, QStringLiteral("backendAuth.tokenEndpoint"));
    row(tr("Client I&D:"), m_clientIdLineEdit, QStringLiteral("backendAuth.clientId"));
    row(tr("Sco&pes:"), m_scopesLineEdit, QStringLiteral("backendAuth.scopes"));
    row(tr("Reso&urce:"), m_resourceLineEdit, QStringLiteral("backendAuth.resource"));
    row(tr("Aud&ience:"), m_audienceLineEdit, QStringLiteral("backendAuth.audience"));
    m_form->addRow(QString(), m_loopbackCheckBox);
    row(tr("Trusted C&A:"), m_caCertificateField, QStringLiteral("backendAuth.caCertificateRef"));
    m_form->addRow(QString(), m_persistCheckBox);
    addErrorRow(m_form, QStringLiteral("elicitation"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_keychainLabel);
    layout->addLayout(m_form);
    layout->addStretch(1);

    connect(m_kindComboBox, &QComboBox::currentIndexChanged, this, [this] {
        updateRows();
        write();
    });
    for (QLineEdit* edit :
         {m_usernameLineEdit, m_headerNameLineEdit, m_schemeLineEdit, m_issuerLineEdit, m_authorizationEndpointLineEdit,
          m_tokenEndpointLineEdit, m_clientIdLineEdit, m_scopesLineEdit, m_resourceLineEdit, m_audienceLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &BackendSecretPage::write);
    for (SecretField* field : {m_secretField, m_certificateField, m_caCertificateField})
        connect(field, &SecretField::referenceChanged, this, &BackendSecretPage::write);
    connect(m_loopbackCheckBox, &QCheckBox::toggled, this, &BackendSecretPage::write);
    connect(m_persistCheckBox, &QCheckBox::toggled, this, [this](bool on) {
        setServiceValue(QStringLiteral("elicitation.persist"), on ? QJsonValue(true) : QJsonValue());
        if (!on && serviceValue(QStringLiteral("elicitation")).toObject().isEmpty())
            setServiceValue(QStringLiteral("elicitation"), QJsonValue());
    });
    updateRows();
}

BackendSecretPage::~BackendSecretPage() = default;

QString BackendSecretPage::kindName() const
{
    const int index = m_kindComboBox->currentIndex();
    return QLatin1String(kKinds[index >= 0 && index < kKindCount ? index : 0]);
}

void BackendSecretPage::reload()
{
    setEnabled(!m_context.service.isEmpty());
    if (m_context.keychainAvailable)
        m_keychainLabel->setText(tr("Keychain available: %1. Secret values are stored there and never shown again.")
                                     .arg(m_context.keychainBackend));
    else
        m_keychainLabel->setText(
            tr("Keychain: not reachable. No Secret Service answers on the session bus (GNOME Keyring or KWallet "
               "must run and be unlocked). Enter ${env:NAME} references instead and set those variables for "
               "the gateway."));
    m_keychainLabel->setStyleSheet(m_context.keychainAvailable ? QString()
                                                               : QStringLiteral("color: #b00020; font-weight: bold;"));
    const QJsonObject auth = serviceValue(QStringLiteral("backendAuth")).toObject();
    const QString kind = auth.value(QLatin1String("kind")).toString(QStringLiteral("none"));
    int index = 0;
    for (int i = 0; i < kKindCount; ++i)
        if (kind == QLatin1String(kKinds[i]))
            index = i;
    m_kindComboBox->setCurrentIndex(index);
    auto text = [&auth](const char* key) { return auth.value(QLatin1String(key)).toString(); };
    m_usernameLineEdit->setText(text("username"));
    m_headerNameLineEdit->setText(text("headerName"));
    m_schemeLineEdit->setText(text("scheme"));
    m_issuerLineEdit->setText(text("issuer"));
    m_authorizationEndpointLineEdit->setText(text("authorizationEndpoint"));
    m_tokenEndpointLineEdit->setText(text("tokenEndpoint"));
    m_clientIdLineEdit->setText(text("clientId"));
    QStringList scopes;
    for (const QJsonValue& s : auth.value(QLatin1String("scopes")).toArray())
        scopes.append(s.toString());
    m_scopesLineEdit->setText(scopes.join(QLatin1Char(' ')));
    m_resourceLineEdit->setText(text("resource"));
    m_audienceLineEdit->setText(text("audience"));
    m_loopbackCheckBox->setChecked(auth.value(QLatin1String("allowLoopbackHttpTokenEndpoint")).toBool());
    const QString prefix = QStringLiteral("portcullis/%1/").arg(m_context.service);
    m_secretField->setTarget(m_context.controller, prefix + QStringLiteral("backend-secret"));
    m_secretField->setReference(text("secretRef"));
    m_certificateField->setTarget(m_context.controller, prefix + QStringLiteral("backend-certificate"));
    m_certificateField->setReference(text("certificateRef"));
    m_caCertificateField->setTarget(m_context.controller, prefix + QStringLiteral("backend-ca"));
    m_caCertificateField->setReference(text("caCertificateRef"));
    m_persistCheckBox->setChecked(serviceValue(QStringLiteral("elicitation.persist")).toBool());
    updateRows();
}

void BackendSecretPage::updateRows()
{
    const QString kind = kindName();
    auto is = [&kind](std::initializer_list<const char*> kinds) {
        for (const char* k : kinds)
            if (kind == QLatin1String(k))
                return true;
        return false;
    };
    const bool oauth = is({"oauth2ClientCredentials", "elicitedOAuth2"});
    m_form->setRowVisible(m_usernameLineEdit, is({"basic"}));
    m_form->setRowVisible(m_secretField,
                          is({"basic", "token", "clientCertificate", "oauth2ClientCredentials", "elicitedOAuth2"}));
    m_form->setRowVisible(m_headerNameLineEdit, is({"token", "elicitedToken"}));
    m_form->setRowVisible(m_schemeLineEdit, is({"elicitedToken"}));
    m_form->setRowVisible(m_certificateField, is({"clientCertificate"}));
    m_form->setRowVisible(m_issuerLineEdit, is({"elicitedOAuth2"}));
    m_form->setRowVisible(m_authorizationEndpointLineEdit, is({"elicitedOAuth2"}));
    m_form->setRowVisible(m_tokenEndpointLineEdit, oauth);
    m_form->setRowVisible(m_clientIdLineEdit, oauth);
    m_form->setRowVisible(m_scopesLineEdit, oauth);
    m_form->setRowVisible(m_resourceLineEdit, oauth);
    m_form->setRowVisible(m_audienceLineEdit, is({"oauth2ClientCredentials"}));
    m_form->setRowVisible(m_loopbackCheckBox, oauth);
    m_form->setRowVisible(m_caCertificateField, kind != QLatin1String("none") && !is({"elicitedToken"}));
    m_form->setRowVisible(m_persistCheckBox, is({"elicitedToken", "elicitedOAuth2"}));

    m_secretField->setFileLoading(kind == QLatin1String("clientCertificate"),
                                  tr("PEM files (*.pem *.key);;All files (*)"));
    if (kind == QLatin1String("basic"))
        m_secretLabel->setText(tr("&Password:"));
    else if (kind == QLatin1String("token"))
        m_secretLabel->setText(tr("&Token:"));
    else if (kind == QLatin1String("clientCertificate"))
        m_secretLabel->setText(tr("Private &key:"));
    else if (kind == QLatin1String("elicitedOAuth2"))
        m_secretLabel->setText(tr("Client s&ecret (optional):"));
    else
        m_secretLabel->setText(tr("Client s&ecret:"));
    m_headerNameLineEdit->setPlaceholderText(kind == QLatin1String("token")
                                                 ? tr("Default: Authorization (sends \"Bearer <token>\")")
                                                 : tr("e.g. X-API-Key or Authorization"));

    static const char* const help[] = {
        QT_TR_NOOP("No credential added; the caller's own headers reach the backend."),
        QT_TR_NOOP("Sent as Authorization: Basic on every backend call."),
        QT_TR_NOOP("Sent in the header below on every backend call."),
        QT_TR_NOOP("The gateway presents this certificate and key to an https backend."),
        QT_TR_NOOP("The gateway gets a token with its own client and sends it as a bearer."),
        QT_TR_NOOP("Each person types their own credential on a page the gateway serves (needs API key or OAuth2)."),
        QT_TR_NOOP("Each person signs in at the backend's authorization server (code + PKCE) on a gateway page."),
    };
    m_kindHelpLabel->setText(tr(help[qBound(0, m_kindComboBox->currentIndex(), kKindCount - 1)]));
}

void BackendSecretPage::write()
{
    if (m_loading || m_context.service.isEmpty())
        return;
    const QString kind = kindName();
    QJsonObject auth;
    if (kind != QLatin1String("none")) {
        auth.insert(QStringLiteral("kind"), kind);
        auto put = [&auth, this](const char* key, QWidget* field, const QString& value) {
            if (m_form->isRowVisible(field) && !value.trimmed().isEmpty())
                auth.insert(QLatin1String(key), value.trimmed());
        };
        put("username", m_usernameLineEdit, m_usernameLineEdit->text());
        put("secretRef", m_secretField, m_secretField->reference());
        put("headerName", m_headerNameLineEdit, m_headerNameLineEdit->text());
        put("scheme", m_schemeLineEdit, m_schemeLineEdit->text());
        put("certificateRef", m_certificateField, m_certificateField->reference());
        put("caCertificateRef", m_caCertificateField, m_caCertificateField->reference());
        put("issuer", m_issuerLineEdit, m_issuerLineEdit->text());
        put("authorizationEndpoint", m_authorizationEndpointLineEdit, m_authorizationEndpointLineEdit->text());
        put("tokenEndpoint", m_tokenEndpointLineEdit, m_tokenEndpointLineEdit->text());
        put("clientId", m_clientIdLineEdit, m_clientIdLineEdit->text());
        put("resource", m_resourceLineEdit, m_resourceLineEdit->text());
        put("audience", m_audienceLineEdit, m_audienceLineEdit->text());
        if (m_form->isRowVisible(m_scopesLineEdit)) {
            const QStringList scopes = m_scopesLineEdit->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (!scopes.isEmpty())
                auth.insert(QStringLiteral("scopes"), QJsonArray::fromStringList(scopes));
        }
        if (m_form->isRowVisible(m_loopbackCheckBox) && m_loopbackCheckBox->isChecked())
            auth.insert(QStringLiteral("allowLoopbackHttpTokenEndpoint"), true);
    }
    if (serviceValue(QStringLiteral("backendAuth")).toObject() == auth
        && (!auth.isEmpty() || serviceValue(QStringLiteral("backendAuth")).isUndefined()))
        return;
    editor().setBackendAuth(m_context.service, auth);
    commit();
}

} // namespace Portcullis

#include "moc_BackendSecretPage.cpp"
