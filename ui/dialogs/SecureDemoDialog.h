// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QPlainTextEdit;

namespace Portcullis {

// Shows the secure demo's "what to try" guide (GatewayController::secureDemoStarted): the MCP
// endpoint, the demo authorization server and the demo agent's client id and secret. The secret is
// the demo's own, made at start and shown only to the operator who started it; Copy puts the guide
// on the clipboard marked as sensitive.
class SecureDemoDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SecureDemoDialog(const QString& guide, QWidget* parent = nullptr);

    QString guide() const;

private:
    QPlainTextEdit* m_guideText;
};

} // namespace Portcullis
