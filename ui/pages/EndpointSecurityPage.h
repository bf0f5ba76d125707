// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServiceSettingsPage.h"

class QButtonGroup;
class QCheckBox;
class QGroupBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QTableView;

namespace Portcullis {

class SecretField;
class ToolScopesModel;

// Who may call a service's MCP endpoint: None (with a plain warning), API key (generated here and
// shown once; afterwards only the key ids) or OAuth2 (authorization servers, required scopes,
// per-tool extra scopes, the canonical resource URL, token type and introspection settings).
class EndpointSecurityPage : public ServiceSettingsPage
{
    Q_OBJECT
public:
    explicit EndpointSecurityPage(QWidget* parent = nullptr);
    ~EndpointSecurityPage() override;

    QString title() const override { return tr("Endpoint Security"); }
    ToolScopesModel* toolScopesModel() const { return m_toolScopesModel; }

signals:
    // "Check Connection": run the connection doctor for `service` (on the configuration the
    // running gateway serves, i.e. the saved one).
    void checkConnectionRequested(const QString& service);

protected:
    void reload() override;

private:
    void setMode(int mode);
    void generateKey();
    void writeServers();
    void writeIntrospection();
    void updateVisibility();

    QButtonGroup* m_modeGroup;
    QRadioButton* m_noneRadioButton;
    QRadioButton* m_apiKeyRadioButton;
    QRadioButton* m_oauth2RadioButton;
    QLabel* m_noneWarningLabel;
    QGroupBox* m_apiKeyGroupBox;
    QLabel* m_keyIdsLabel;
    QPushButton* m_generateKeyButton;
    QPushButton* m_checkConnectionButton;
    QGroupBox* m_oauth2GroupBox;
    QListWidget* m_serversListWidget;
    QPushButton* m_addServerButton;
    QPushButton* m_removeServerButton;
    QLineEdit* m_requiredScopesLineEdit;
    QTableView* m_toolScopesTableView;
    ToolScopesModel* m_toolScopesModel;
    QLineEdit* m_resourceUrlLineEdit;
    QCheckBox* m_requireAtJwtCheckBox;
    QCheckBox* m_loopbackIssuersCheckBox;
    QLineEdit* m_introspectionEndpointLineEdit;
    QLineEdit* m_introspectionClientIdLineEdit;
    SecretField* m_introspectionSecretField;
};

} // namespace Portcullis
