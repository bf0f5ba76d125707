// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServiceSettingsPage.h"

class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Portcullis {

// How to connect an MCP client to a service: the endpoint URL, a ready-to-paste mcp.json entry
// (with the x-reshapr-key header placeholder in API-key mode) and the MCP Inspector command line,
// each with a copy button. Never contains a key: the placeholder says where it goes.
class ConnectClientPage : public ServiceSettingsPage
{
    Q_OBJECT
public:
    explicit ConnectClientPage(QWidget* parent = nullptr);
    ~ConnectClientPage() override;

    QString title() const override { return tr("Connect a Client"); }

    // The snippets, also used by tests.
    static QString mcpJson(const QString& service, const QString& url, const QString& mode);
    static QString inspectorCommand(const QString& url, const QString& mode);

protected:
    void reload() override;

private:
    QPushButton* copyButton(const char* objectName, std::function<QString()> text);

    QLabel* m_modeLabel;
    QLineEdit* m_endpointLineEdit;
    QPlainTextEdit* m_mcpJsonEdit;
    QPlainTextEdit* m_inspectorEdit;
};

} // namespace Portcullis
