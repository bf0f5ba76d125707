// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/TokenInspector.h"

#include <QHash>
#include <QPointer>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTimer;
class QTreeWidget;

namespace Gateway {
struct ServiceStatus;
}

namespace Portcullis {

// "Token inspector": paste a bearer token (or receive one with setToken()), read its header and
// claims decoded (times in local time, a live exp countdown), pick a service (and optionally a tool)
// and get the gateway's verdict with its reason in plain words. Nothing here verifies anything: the
// verdict comes from the gateway's own EndpointGuard through TokenInspector (directly, or with a null
// inspector through checkRequested() and showVerdict(), for a queued controller). The token stays in
// memory only; it is never logged or written anywhere.
class TokenInspectorPage : public QWidget
{
    Q_OBJECT
public:
    explicit TokenInspectorPage(Gateway::TokenInspector* inspector, QWidget* parent = nullptr);
    ~TokenInspectorPage() override;

    // Keeps the OAuth2 services, with their tool names for the tool chooser.
    void setServices(const QList<Gateway::ServiceStatus>& services);
    void setToken(const QByteArray& token);
    QByteArray token() const;
    QString currentService() const;
    void selectService(const QString& name);
    void selectTool(const QString& tool);
    const Gateway::DecodedToken& decoded() const { return m_decoded; }

public slots:
    void checkToken();
    void showVerdict(const Gateway::TokenVerdict& verdict);

signals:
    void checkRequested(const QByteArray& token, const QString& service, const QString& tool);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fitVerdictLabel();
    void decodeToken();
    void fillTools();
    void updateCountdown();
    void clearVerdict();

    QPointer<Gateway::TokenInspector> m_inspector;
    int m_requestId = 0;
    Gateway::DecodedToken m_decoded;
    QHash<QString, QStringList> m_tools;
    QPlainTextEdit* m_tokenEdit;
    QLabel* m_formLabel;
    QTreeWidget* m_tree;
    QLabel* m_expiryLabel;
    QComboBox* m_serviceComboBox;
    QComboBox* m_toolComboBox;
    QPushButton* m_checkButton;
    QLabel* m_verdictLabel;
    QPlainTextEdit* m_verdictDetails;
    QTimer* m_countdown;
};

} // namespace Portcullis
