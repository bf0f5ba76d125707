// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConfigurePage.h"

#include "BackendSecretPage.h"
#include "ConnectClientPage.h"
#include "EndpointSecurityPage.h"
#include "ServiceGeneralPage.h"
#include "WorkspaceDocument.h"
#include "core/GatewayController.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Portcullis {

ConfigurePage::ConfigurePage(WorkspaceDocument* document, Gateway::GatewayController* controller, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("configurePage"));
    m_context.document = document;
    m_context.controller = controller;

    m_serviceComboBox = new QComboBox(this);
    m_serviceComboBox->setObjectName(QStringLiteral("serviceComboBox"));
    m_serviceComboBox->setMinimumContentsLength(20);
    auto* serviceLabel = new QLabel(tr("Ser&vice:"), this);
    serviceLabel->setBuddy(m_serviceComboBox);
    m_addButton = new QPushButton(tr("Add &Service…"), this);
    m_addButton->setObjectName(QStringLiteral("addServiceButton"));
    m_addButton->setToolTip(tr("Add a service from an OpenAPI document (you can also drop the file on the window)"));
    m_renameButton = new QPushButton(tr("Rena&me…"), this);
    m_renameButton->setObjectName(QStringLiteral("renameServiceButton"));
    m_removeButton = new QPushButton(tr("&Remove…"), this);
    m_removeButton->setObjectName(QStringLiteral("removeServiceButton"));
    auto* top = new QHBoxLayout;
    top->addWidget(serviceLabel);
    top->addWidget(m_serviceComboBox, 1);
    top->addWidget(m_addButton);
    top->addWidget(m_renameButton);
    top->addWidget(m_removeButton);

    m_validationLabel = plainTextLabel(this, "validationLabel");
    m_validationLabel->setStyleSheet(QStringLiteral(
        "QLabel { color: #b71c1c; background-color: #fdecea; border: 1px solid #e57373; border-radius: 4px;"
        " padding: 6px; }"));
    m_validationLabel->hide();

    m_generalPage = new ServiceGeneralPage;
    m_securityPage = new EndpointSecurityPage;
    m_backendPage = new BackendSecretPage;
    m_connectPage = new ConnectClientPage;
    m_pages = {m_generalPage, m_securityPage, m_backendPage, m_connectPage};

    m_pageListWidget = new QListWidget(this);
    m_pageListWidget->setObjectName(QStringLiteral("pageListWidget"));
    m_pageListWidget->setMaximumWidth(220);
    m_pageListWidget->setSpacing(2);
    m_pageStack = new QStackedWidget(this);
    m_pageStack->setObjectName(QStringLiteral("settingsPageStack"));
    for (ServiceSettingsPage* page : std::as_const(m_pages)) {
        m_pageListWidget->addItem(page->title());
        auto* scroll = new QScrollArea(m_pageStack);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(page);
        m_pageStack->addWidget(scroll);
        connect(page, &ServiceSettingsPage::edited, this, [this, page] { m_editingPage = page; });
    }
    connect(m_pageListWidget, &QListWidget::currentRowChanged, m_pageStack, &QStackedWidget::setCurrentIndex);
    m_pageListWidget->setCurrentRow(0);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_pageListWidget);
    splitter->addWidget(m_pageStack);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({180, 900});

    m_emptyLabel = new QLabel(tr("No services yet. Add one from an OpenAPI document with \"Add Service…\", or drop "
                                 "the document on this window."),
                              this);
    m_emptyLabel->setObjectName(QStringLiteral("configureEmptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_contentStack = new QStackedWidget(this);
    m_contentStack->addWidget(m_emptyLabel);
    m_contentStack->addWidget(splitter);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_validationLabel);
    layout->addWidget(m_contentStack, 1);

    connect(m_addButton, &QPushButton::clicked, this, &ConfigurePage::addServiceRequested);
    connect(m_renameButton, &QPushButton::clicked, this, &ConfigurePage::renameService);
    connect(m_removeButton, &QPushButton::clicked, this, &ConfigurePage::removeService);
    connect(m_serviceComboBox, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        if (name == m_context.service)
            return;
        m_context.service = name;
        m_context.toolNames.clear();
        loadPages();
        validate();
        emit currentServiceChanged(name);
    });
    connect(m_generalPage, &ServiceGeneralPage::toolsChanged, this, [this](const QStringList& tools) {
        m_context.toolNames = tools;
        m_securityPage->load(m_context);
    });
    connect(m_document, &WorkspaceDocument::changed, this, &ConfigurePage::documentChanged);
    refreshServices();
}

ConfigurePage::~ConfigurePage() = default;

int ConfigurePage::currentPageIndex() const
{
    return m_pageListWidget->currentRow();
}

void ConfigurePage::setCurrentPageIndex(int index)
{
    if (index >= 0 && index < m_pageListWidget->count())
        m_pageListWidget->setCurrentRow(index);
}

void ConfigurePage::selectService(const QString& name)
{
    const int index = m_serviceComboBox->findText(name);
    if (index >= 0)
        m_serviceComboBox->setCurrentIndex(index);
}

void ConfigurePage::documentChanged()
{
    ServiceSettingsPage* editing = m_editingPage;
    m_editingPage = nullptr;
    if (editing) {
        // The edit came from a page: the others show it (mode in the snippets, ...), that page keeps
        // its cursor.
        loadPages(editing);
        validate();
        return;
    }
    refreshServices();
}

void ConfigurePage::refreshServices()
{
    const bool editable = m_document->canSave();
    const QStringList names = editable ? m_document->editor().serviceNames() : QStringList();
    const QString current = m_context.service;
    {
        const QSignalBlocker blocker(m_serviceComboBox);
        m_serviceComboBox->clear();
        m_serviceComboBox->addItems(names);
        const int index = names.indexOf(current);
        m_serviceComboBox->setCurrentIndex(index >= 0 ? index : (names.isEmpty() ? -1 : 0));
    }
    m_context.service = m_serviceComboBox->currentText();
    m_addButton->setEnabled(editable);
    m_renameButton->setEnabled(!m_context.service.isEmpty());
    m_removeButton->setEnabled(!m_context.service.isEmpty());
    m_serviceComboBox->setEnabled(!names.isEmpty());
    m_emptyLabel->setText(editable ? tr("No services yet. Add one from an OpenAPI document with \"Add Service…\", or "
                                        "drop the document on this window.")
                                   : tr("The built-in demo cannot be edited. Create a workspace (File ▸ New) or open "
                                        "one to configure services."));
    m_contentStack->setCurrentIndex(m_context.service.isEmpty() ? 0 : 1);
    if (m_context.service != current)
        m_context.toolNames.clear();
    loadPages();
    validate();
    if (m_context.service != current)
        emit currentServiceChanged(m_context.service);
}

QUrl ConfigurePage::endpointUrlFor(const QString& service) const
{
    if (m_endpointUrls.contains(service))
        return m_endpointUrls.value(service);
    const QString publicUrl = m_document->editor().value(QStringLiteral("$.gateway.publicUrl")).toString();
    QUrl base = publicUrl.isEmpty() ? m_gatewayBaseUrl : QUrl(publicUrl);
    if (!base.isValid() || base.isEmpty())
        base = QUrl(QStringLiteral("http://127.0.0.1:8765"));
    QString path = base.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    base.setPath(path + QStringLiteral("/mcp/") + service);
    return base;
}

void ConfigurePage::loadPages(ServiceSettingsPage* except)
{
    m_context.endpointUrl = endpointUrlFor(m_context.service);
    for (ServiceSettingsPage* page : std::as_const(m_pages))
        if (page != except)
            page->load(m_context);
}

void ConfigurePage::applyStatus(const Gateway::GatewayStatus& status)
{
    m_gatewayBaseUrl = status.baseUrl;
    QMap<QString, QUrl> urls;
    for (const Gateway::ServiceStatus& service : status.services)
        urls.insert(service.name, service.endpointUrl);
    const bool changed = urls != m_endpointUrls || status.keychainAvailable != m_context.keychainAvailable
        || status.keychainBackend != m_context.keychainBackend;
    m_endpointUrls = urls;
    m_context.keychainAvailable = status.keychainAvailable;
    m_context.keychainBackend = status.keychainBackend;
    if (!changed)
        return;
    m_context.endpointUrl = endpointUrlFor(m_context.service);
    // Only the pages that show these values; the others keep what is being typed.
    m_backendPage->load(m_context);
    m_connectPage->load(m_context);
    m_securityPage->load(m_context);
}

void ConfigurePage::validate()
{
    for (ServiceSettingsPage* page : std::as_const(m_pages))
        page->clearFieldErrors();
    if (!m_document->canSave()) {
        m_validationLabel->hide();
        return;
    }
    const Gateway::WorkspaceEditor::Validation v = m_document->editor().validate();
    if (v.ok) {
        m_validationLabel->hide();
        return;
    }
    const QString base = m_document->editor().servicePath(m_context.service);
    bool shown = false;
    int page = -1;
    if (!base.isEmpty() && v.path.startsWith(base + QLatin1Char('.'))) {
        const QString relative = v.path.mid(base.size() + 1);
        for (int i = 0; i < m_pages.size() && !shown; ++i) {
            shown = m_pages.at(i)->showFieldError(relative, v.reason);
            if (shown)
                page = i;
        }
    }
    QString where = v.path.isEmpty() ? QString() : v.path;
    if (v.line > 0)
        where += tr(" (line %1)").arg(v.line);
    QString text = tr("The workspace cannot be saved yet: %1").arg(v.reason);
    if (!where.isEmpty())
        text += QStringLiteral(" — ") + where;
    if (page >= 0 && page != m_pageListWidget->currentRow())
        text += tr(" — see the %1 page").arg(m_pages.at(page)->title());
    m_validationLabel->setText(text);
    m_validationLabel->show();
}

void ConfigurePage::renameService()
{
    const QString from = m_context.service;
    if (from.isEmpty())
        return;
    bool ok = false;
    const QString to = QInputDialog::getText(this, tr("Rename Service"),
                                             tr("New name (the endpoint's path segment, A-Z a-z 0-9 _ . -):"),
                                             QLineEdit::Normal, from, &ok)
                           .trimmed();
    if (!ok || to.isEmpty() || to == from)
        return;
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$"));
    if (!pattern.match(to).hasMatch()) {
        QMessageBox::warning(this, tr("Rename Service"),
                             tr("A service name is 1-64 characters of A-Z a-z 0-9 _ . - (it is part of the URL)."));
        return;
    }
    if (m_document->editor().serviceIndex(to) >= 0) {
        QMessageBox::warning(this, tr("Rename Service"), tr("Another service is already called \"%1\".").arg(to));
        return;
    }
    if (QMessageBox::question(this, tr("Rename Service"),
                              tr("Rename \"%1\" to \"%2\"? Once saved, its endpoint moves to %3 and clients using "
                                 "the old URL must be updated.")
                                  .arg(from, to, endpointUrlFor(to).toString()))
        != QMessageBox::Yes)
        return;
    m_document->editor().renameService(from, to);
    m_context.service = to;
    m_document->notifyEdited();
}

void ConfigurePage::removeService()
{
    const QString name = m_context.service;
    if (name.isEmpty())
        return;
    if (QMessageBox::question(
            this, tr("Remove Service"),
            tr("Remove service \"%1\"? Its clients lose access once the workspace is saved.").arg(name))
        != QMessageBox::Yes)
        return;
    m_document->editor().removeService(name);
    m_document->notifyEdited();
}

} // namespace Portcullis

#include "moc_ConfigurePage.cpp"
