// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConnectionDoctorPage.h"

#include "core/GatewayServer.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

using Gateway::DoctorReport;
using Gateway::DoctorStep;

namespace Portcullis {

namespace {

enum Column { StatusColumn, StepColumn, ServerColumn, RequestColumn, HttpColumn, TimeColumn, ResultColumn };

QIcon statusIcon(const QStyle* style, DoctorStep::Status status)
{
    switch (status) {
    case DoctorStep::Status::Passed: return style->standardIcon(QStyle::SP_DialogApplyButton);
    case DoctorStep::Status::Warning: return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case DoctorStep::Status::Failed: return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case DoctorStep::Status::Skipped: return style->standardIcon(QStyle::SP_MediaSkipForward);
    }
    return {};
}

const QString kFailureStyle = QStringLiteral("QLabel { color: #b71c1c; background-color: #fdecea; border: 1px solid "
                                             "#e57373; border-radius: 4px; padding: 6px; }");
const QString kSuccessStyle = QStringLiteral("QLabel { color: #1b5e20; background-color: #e8f5e9; border: 1px solid "
                                             "#81c784; border-radius: 4px; padding: 6px; }");
const QString kNeutralStyle = QStringLiteral("QLabel { padding: 6px; }");

} // namespace

ConnectionDoctorPage::ConnectionDoctorPage(Gateway::ConnectionDoctor* doctor, QWidget* parent)
    : QWidget(parent)
    , m_doctor(doctor)
    , m_serviceComboBox(new QComboBox(this))
    , m_runButton(new QPushButton(tr("Run"), this))
    , m_summaryLabel(new QLabel(this))
    , m_stepsTree(new QTreeWidget(this))
    , m_detailText(new QTextBrowser(this))
{
    m_serviceComboBox->setObjectName(QStringLiteral("doctorServiceComboBox"));
    m_serviceComboBox->setMinimumContentsLength(20);
    m_runButton->setObjectName(QStringLiteral("doctorRunButton"));
    m_runButton->setToolTip(tr("Check the service's OAuth chain step by step"));
    m_summaryLabel->setObjectName(QStringLiteral("doctorSummaryLabel"));
    m_summaryLabel->setTextFormat(Qt::PlainText);
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_stepsTree->setObjectName(QStringLiteral("doctorStepsTree"));
    m_stepsTree->setRootIsDecorated(false);
    m_stepsTree->setUniformRowHeights(true);
    m_stepsTree->setAlternatingRowColors(true);
    m_stepsTree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stepsTree->setHeaderLabels(
        {tr("Status"), tr("Step"), tr("Authorization server"), tr("Request"), tr("HTTP"), tr("Time"), tr("Result")});
    m_stepsTree->header()->setStretchLastSection(true);
    m_stepsTree->setColumnWidth(StatusColumn, 85);
    m_stepsTree->setColumnWidth(StepColumn, 300);
    m_stepsTree->setColumnWidth(ServerColumn, 170);
    m_stepsTree->setColumnWidth(RequestColumn, 360);
    m_stepsTree->setColumnWidth(HttpColumn, 50);
    m_stepsTree->setColumnWidth(TimeColumn, 60);

    m_detailText->setObjectName(QStringLiteral("doctorDetailText"));
    m_detailText->setOpenLinks(false);
    m_detailText->setPlaceholderText(tr("Select a step to read what was asked and what came back."));

    auto* top = new QHBoxLayout;
    auto* serviceLabel = new QLabel(tr("&Service:"), this);
    serviceLabel->setBuddy(m_serviceComboBox);
    top->addWidget(serviceLabel);
    top->addWidget(m_serviceComboBox);
    top->addWidget(m_runButton);
    top->addStretch(1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("doctorSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_stepsTree);
    splitter->addWidget(m_detailText);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(splitter, 1);

    setSummary(tr("Choose an OAuth2 service and press Run: the gateway's own metadata, each authorization "
                  "server's metadata, issuer and keys, and the introspection endpoint are checked in turn."),
               kNeutralStyle);
    m_runButton->setEnabled(false);

    connect(m_runButton, &QPushButton::clicked, this, &ConnectionDoctorPage::runDoctor);
    connect(m_stepsTree, &QTreeWidget::currentItemChanged, this, &ConnectionDoctorPage::updateDetail);
    if (m_doctor) {
        connect(m_doctor, &Gateway::ConnectionDoctor::stepFinished, this, [this](int runId, const DoctorStep& step) {
            if (runId == m_runId)
                showStep(step);
        });
        connect(m_doctor, &Gateway::ConnectionDoctor::finished, this, [this](int runId, const DoctorReport& report) {
            if (runId == m_runId)
                showReport(report);
        });
    }
}

ConnectionDoctorPage::~ConnectionDoctorPage() = default;

void ConnectionDoctorPage::setServices(const QList<Gateway::ServiceStatus>& services)
{
    const QString current = currentService();
    m_serviceComboBox->clear();
    for (const Gateway::ServiceStatus& s : services) {
        if (s.securityMode == QLatin1String("oauth2"))
            m_serviceComboBox->addItem(s.name, s.name);
    }
    if (m_serviceComboBox->count() == 0)
        m_serviceComboBox->setPlaceholderText(tr("No OAuth2 service"));
    selectService(current);
    m_runButton->setEnabled(!m_running && m_serviceComboBox->count() > 0);
}

QString ConnectionDoctorPage::currentService() const
{
    return m_serviceComboBox->currentData().toString();
}

void ConnectionDoctorPage::selectService(const QString& name)
{
    const int index = m_serviceComboBox->findData(name);
    if (index >= 0)
        m_serviceComboBox->setCurrentIndex(index);
}

void ConnectionDoctorPage::runDoctor()
{
    const QString service = currentService();
    if (service.isEmpty())
        return;
    m_steps.clear();
    m_stepsTree->clear();
    m_detailText->clear();
    m_running = true;
    m_runButton->setEnabled(false);
    setSummary(tr("Checking %1\u2026").arg(service), kNeutralStyle);
    emit runRequested(service);
    if (m_doctor)
        m_runId = m_doctor->run(service);
}

void ConnectionDoctorPage::showStep(const DoctorStep& step)
{
    m_steps.append(step);
    auto* item = new QTreeWidgetItem(m_stepsTree);
    item->setIcon(StatusColumn, statusIcon(style(), step.status));
    item->setText(StatusColumn, DoctorStep::statusName(step.status));
    item->setText(StepColumn, step.title);
    item->setText(ServerColumn, step.authorizationServer);
    item->setText(RequestColumn, step.method.isEmpty() ? QString() : step.method + QLatin1Char(' ') + step.url);
    item->setToolTip(RequestColumn, item->text(RequestColumn));
    item->setText(HttpColumn, step.httpStatus > 0 ? QString::number(step.httpStatus) : QString());
    item->setText(TimeColumn, step.elapsedMs >= 0 ? tr("%1 ms").arg(step.elapsedMs) : QString());
    item->setText(ResultColumn, step.result);
    item->setToolTip(ResultColumn, step.detail);
    item->setData(StatusColumn, Qt::UserRole, int(m_steps.size() - 1));
}

void ConnectionDoctorPage::showReport(const DoctorReport& report)
{
    m_running = false;
    m_runButton->setEnabled(m_serviceComboBox->count() > 0);
    if (m_steps.size() != report.steps.size()) {
        m_steps.clear();
        m_stepsTree->clear();
        for (const DoctorStep& step : report.steps)
            showStep(step);
    }
    if (report.ok) {
        setSummary(tr("All checks passed for %1 (%2 steps, %3 ms).")
                       .arg(report.service)
                       .arg(report.steps.size())
                       .arg(report.elapsedMs),
                   kSuccessStyle);
    } else if (report.firstFailure >= 0) {
        const DoctorStep& step = report.steps.at(report.firstFailure);
        setSummary(tr("Step %1 (%2) failed: %3").arg(report.firstFailure + 1).arg(step.title, report.failureReason),
                   kFailureStyle);
    } else {
        setSummary(tr("Cannot check: %1").arg(report.failureReason), kFailureStyle);
    }
    const int focus = report.firstFailure >= 0 ? report.firstFailure : 0;
    if (QTreeWidgetItem* item = m_stepsTree->topLevelItem(focus))
        m_stepsTree->setCurrentItem(item);
}

void ConnectionDoctorPage::updateDetail()
{
    const QTreeWidgetItem* item = m_stepsTree->currentItem();
    const int index = item ? item->data(StatusColumn, Qt::UserRole).toInt() : -1;
    if (index < 0 || index >= m_steps.size()) {
        m_detailText->clear();
        return;
    }
    const DoctorStep& s = m_steps.at(index);
    QStringList lines;
    lines << tr("%1 \u2014 %2").arg(s.title, DoctorStep::statusName(s.status));
    if (!s.authorizationServer.isEmpty())
        lines << tr("Authorization server: %1").arg(s.authorizationServer);
    if (!s.method.isEmpty())
        lines << tr("Request: %1 %2").arg(s.method, s.url);
    if (s.httpStatus > 0)
        lines << tr("HTTP status: %1").arg(s.httpStatus);
    if (s.elapsedMs >= 0)
        lines << tr("Time: %1 ms").arg(s.elapsedMs);
    lines << tr("Result: %1").arg(s.result) << QString() << s.detail;
    m_detailText->setPlainText(lines.join(QLatin1Char('\n')));
}

void ConnectionDoctorPage::setSummary(const QString& text, const QString& style)
{
    m_summaryLabel->setText(text);
    m_summaryLabel->setStyleSheet(style);
}

} // namespace Portcullis
