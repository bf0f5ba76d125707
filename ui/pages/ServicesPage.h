// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace Portcullis {

class ServiceListModel;

// The exposed services: a list on the left, the selected service's endpoint, backend, security
// and tools on the right. A service without endpoint security carries a plain warning.
class ServicesPage : public QWidget
{
    Q_OBJECT
public:
    explicit ServicesPage(ServiceListModel* model, QWidget* parent = nullptr);
    ~ServicesPage() override;

    ServiceListModel* model() const { return m_model; }
    QString currentServiceName() const { return m_currentName; }
    void selectService(const QString& name);

signals:
    void showTrafficRequested(const QString& service);
    void currentServiceChanged(const QString& service);

private:
    QWidget* createDetailsPanel();
    void restoreSelection();
    void updateDetails();
    void copyEndpointUrl();

    ServiceListModel* m_model;
    QString m_currentName;
    QListView* m_servicesListView;
    QStackedWidget* m_detailsStack;
    QLabel* m_emptyLabel;
    QLabel* m_nameLabel;
    QLabel* m_titleLabel;
    QLineEdit* m_endpointUrlLineEdit;
    QPushButton* m_copyUrlButton;
    QPushButton* m_showTrafficButton;
    QLabel* m_backendUrlLabel;
    QLabel* m_securityModeLabel;
    QLabel* m_unsafeWarningLabel;
    QLabel* m_importWarningsLabel;
    QLabel* m_toolsLabel;
    QListWidget* m_toolsListWidget;
};

} // namespace Portcullis
