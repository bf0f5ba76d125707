// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServiceSettingsPage.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;

namespace Portcullis {

class SecretField;

// How the gateway authenticates to a service's backend: a kind chooser (none, Basic, token in a
// header, client certificate, OAuth2 client credentials, elicited token, elicited OAuth2) and the
// fields that fit the kind. Secret values go to the OS keychain (SecretField) and the workspace
// only names them; ${env:NAME} references work for headless use. The keychain's state is shown.
class BackendSecretPage : public ServiceSettingsPage
{
    Q_OBJECT
public:
    explicit BackendSecretPage(QWidget* parent = nullptr);
    ~BackendSecretPage() override;

    QString title() const override { return tr("Backend Secret"); }

protected:
    void reload() override;

private:
    void write();
    void updateRows();
    QString kindName() const;

    QLabel* m_keychainLabel;
    QComboBox* m_kindComboBox;
    QLabel* m_kindHelpLabel;
    QFormLayout* m_form;
    QLineEdit* m_usernameLineEdit;
    QLabel* m_secretLabel;
    SecretField* m_secretField;
    QLineEdit* m_headerNameLineEdit;
    QLineEdit* m_schemeLineEdit;
    SecretField* m_certificateField;
    SecretField* m_caCertificateField;
    QLineEdit* m_issuerLineEdit;
    QLineEdit* m_authorizationEndpointLineEdit;
    QLineEdit* m_tokenEndpointLineEdit;
    QLineEdit* m_clientIdLineEdit;
    QLineEdit* m_scopesLineEdit;
    QLineEdit* m_resourceLineEdit;
    QLineEdit* m_audienceLineEdit;
    QCheckBox* m_loopbackCheckBox;
    QCheckBox* m_persistCheckBox;
};

} // namespace Portcullis
