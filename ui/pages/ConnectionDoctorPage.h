// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/ConnectionDoctor.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;
class QTreeWidget;

namespace Gateway {
struct ServiceStatus;
}

namespace Portcullis {

// "Connection doctor": pick an OAuth2 service, run the check, read each step (status icon, request,
// HTTP status, time, result) and, below, the selected step's detail; the first failure is stated in
// plain words above the table. Works over a ConnectionDoctor directly, or (doctor null) through
// runRequested() and the showStep()/showReport() slots, for a queued controller.
class ConnectionDoctorPage : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionDoctorPage(Gateway::ConnectionDoctor* doctor, QWidget* parent = nullptr);
    ~ConnectionDoctorPage() override;

    // Keeps the OAuth2 services (the others have no chain to check).
    void setServices(const QList<Gateway::ServiceStatus>& services);
    QString currentService() const;
    void selectService(const QString& name);
    bool isRunning() const { return m_running; }

public slots:
    void runDoctor();
    void showStep(const Gateway::DoctorStep& step);
    void showReport(const Gateway::DoctorReport& report);

signals:
    void runRequested(const QString& service);

private:
    void updateDetail();
    void setSummary(const QString& text, const QString& style);

    QPointer<Gateway::ConnectionDoctor> m_doctor;
    int m_runId = 0;
    bool m_running = false;
    QList<Gateway::DoctorStep> m_steps;
    QComboBox* m_serviceComboBox;
    QPushButton* m_runButton;
    QLabel* m_summaryLabel;
    QTreeWidget* m_stepsTree;
    QTextBrowser* m_detailText;
};

} // namespace Portcullis
