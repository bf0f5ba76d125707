// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "elicit/ElicitedCredentialStore.h" // ElicitedCredentialInfo

#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;
class QTreeView;

namespace Portcullis {

class StoredCredentialModel;

// "Stored credentials": the elicited backend credentials the gateway holds per service and person
// (kind, age, expiry, refresh state, keychain or memory), never their values, with Revoke (the
// selected one) and Revoke All (every person of every service, keychain entries included). Works
// through signals (refreshRequested, revokeRequested) answered by setCredentials()/showRevoked(),
// for a queued controller. Revoking asks for confirmation: the person is asked again on the next call.
class StoredCredentialsPage : public QWidget
{
    Q_OBJECT
public:
    explicit StoredCredentialsPage(QWidget* parent = nullptr);

    StoredCredentialModel* model() const { return m_model; }
    // The services of the running gateway: Revoke All covers each (also credentials still only in
    // the keychain, which are listed once loaded).
    void setServiceNames(const QStringList& names) { m_services = names; }
    // Test hook: revoke without the confirmation dialog.
    void setConfirmRevocations(bool confirm) { m_confirm = confirm; }

public slots:
    void setCredentials(const QList<Gateway::ElicitedCredentialInfo>& credentials);
    void showRevoked(const QString& service, const QString& person, int removed, const QString& error);
    void revokeSelected();
    void revokeAll();

signals:
    void refreshRequested();
    void revokeRequested(const QString& service, const QString& person);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateButtons();
    bool confirm(const QString& title, const QString& text);

    StoredCredentialModel* m_model;
    QTreeView* m_view;
    QLabel* m_countLabel;
    QLabel* m_statusLabel;
    QPushButton* m_refreshButton;
    QPushButton* m_revokeButton;
    QPushButton* m_revokeAllButton;
    QTimer* m_clock;
    QStringList m_services;
    bool m_confirm = true;
};

} // namespace Portcullis
