// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoredCredentialsPage.h"

#include "models/StoredCredentialModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace Portcullis {

StoredCredentialsPage::StoredCredentialsPage(QWidget* parent)
    : QWidget(parent)
    , m_model(new StoredCredentialModel(this))
    , m_clock(new QTimer(this))
{
    auto* intro = new QLabel(
        tr("Backend credentials that people entered or authorized through an elicitation, per service and person. "
           "Values are never shown. Revoking one makes the gateway ask that person again on their next call."),
        this);
    intro->setObjectName(QStringLiteral("storedCredentialsIntroLabel"));
    intro->setWordWrap(true);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("storedCredentialsView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->resizeSection(StoredCredentialModel::Service, 120);
    m_view->header()->resizeSection(StoredCredentialModel::Person, 330);
    m_view->header()->resizeSection(StoredCredentialModel::Kind, 130);
    m_view->header()->resizeSection(StoredCredentialModel::Age, 80);
    m_view->header()->resizeSection(StoredCredentialModel::Expires, 130);
    m_view->header()->resizeSection(StoredCredentialModel::Refresh, 190);

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("storedCredentialsCountLabel"));
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("storedCredentialsStatusLabel"));
    m_statusLabel->setTextFormat(Qt::PlainText);
    m_statusLabel->setWordWrap(true);

    m_refreshButton = new QPushButton(tr("Re&fresh"), this);
    m_refreshButton->setObjectName(QStringLiteral("refreshCredentialsButton"));
    m_revokeButton = new QPushButton(tr("&Revoke"), this);
    m_revokeButton->setObjectName(QStringLiteral("revokeCredentialButton"));
    m_revokeButton->setToolTip(tr("Drop the selected credential from memory and the keychain"));
    m_revokeAllButton = new QPushButton(tr("Revoke &All…"), this);
    m_revokeAllButton->setObjectName(QStringLiteral("revokeAllCredentialsButton"));
    m_revokeAllButton->setToolTip(tr("Drop every stored credential of every service, keychain entries included"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_countLabel, 1);
    buttons->addWidget(m_refreshButton);
    buttons->addWidget(m_revokeButton);
    buttons->addWidget(m_revokeAllButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_statusLabel);
    layout->addLayout(buttons);

    connect(m_refreshButton, &QPushButton::clicked, this, &StoredCredentialsPage::refreshRequested);
    connect(m_revokeButton, &QPushButton::clicked, this, &StoredCredentialsPage::revokeSelected);
    connect(m_revokeAllButton, &QPushButton::clicked, this, &StoredCredentialsPage::revokeAll);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &StoredCredentialsPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &StoredCredentialsPage::updateButtons);
    m_clock->setInterval(5000);
    connect(m_clock, &QTimer::timeout, m_model, &StoredCredentialModel::refreshTimes);
    m_statusLabel->hide();
    updateButtons();
}

void StoredCredentialsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_clock->start();
    emit refreshRequested();
}

void StoredCredentialsPage::setCredentials(const QList<Gateway::ElicitedCredentialInfo>& credentials)
{
    // Keep the selected row selected across a refresh.
    const QModelIndex current = m_view->currentIndex();
    const QString service = current.data(StoredCredentialModel::ServiceRole).toString();
    const QString person = current.data(StoredCredentialModel::PersonRole).toString();
    m_model->setCredentials(credentials);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (!person.isEmpty() && index.data(StoredCredentialModel::ServiceRole).toString() == service
            && index.data(StoredCredentialModel::PersonRole).toString() == person) {
            m_view->setCurrentIndex(index);
            break;
        }
    }
    m_countLabel->setText(tr("Stored credentials: %1").arg(credentials.size()));
    updateButtons();
}

void StoredCredentialsPage::updateButtons()
{
    m_revokeButton->setEnabled(m_view->selectionModel()->hasSelection());
    m_revokeAllButton->setEnabled(m_model->rowCount() > 0 || !m_services.isEmpty());
    if (m_model->rowCount() == 0)
        m_countLabel->setText(tr("No stored credentials"));
}

bool StoredCredentialsPage::confirm(const QString& title, const QString& text)
{
    if (!m_confirm)
        return true;
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("revokeCredentialMessageBox"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.button(QMessageBox::Yes)->setText(tr("Revoke"));
    return box.exec() == QMessageBox::Yes;
}

void StoredCredentialsPage::revokeSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const QString service = current.data(StoredCredentialModel::ServiceRole).toString();
    const QString person = current.data(StoredCredentialModel::PersonRole).toString();
    if (!confirm(tr("Revoke Credential"),
                 tr("Revoke the credential of %1 for \"%2\"? Their next call asks them again.").arg(person, service)))
        return;
    emit revokeRequested(service, person);
}

void StoredCredentialsPage::revokeAll()
{
    QStringList services = m_services;
    for (const Gateway::ElicitedCredentialInfo& info : m_model->credentials()) {
        if (!services.contains(info.service))
            services.append(info.service);
    }
    if (services.isEmpty())
        return;
    if (!confirm(tr("Revoke All Credentials"),
                 tr("Revoke every stored credential of every service, keychain entries included? Everyone is "
                    "asked again on their next call.")))
        return;
    for (const QString& service : std::as_const(services))
        emit revokeRequested(service, QString());
}

void StoredCredentialsPage::showRevoked(const QString& service, const QString& person, int removed,
                                        const QString& error)
{
    if (!error.isEmpty())
        m_statusLabel->setText(tr("Revoking for \"%1\" failed: %2").arg(service, error));
    else if (person.isEmpty())
        m_statusLabel->setText(tr("Revoked %1 credential(s) of \"%2\".").arg(removed).arg(service));
    else
        m_statusLabel->setText(tr("Revoked the credential of %1 for \"%2\".").arg(person, service));
    m_statusLabel->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
    m_statusLabel->show();
}

} // namespace Portcullis
