// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServicesPage.h"

#include "models/ServiceListModel.h"

#include <QClipboard>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace Portcullis {

namespace {

// Labels showing configuration data never interpret it as rich text.
QLabel* plainLabel(QWidget* parent, const char* objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ServicesPage::ServicesPage(ServiceListModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_servicesListView(new QListView(this))
    , m_detailsStack(new QStackedWidget(this))
{
    m_servicesListView->setObjectName(QStringLiteral("servicesListView"));
    m_servicesListView->setModel(m_model);
    m_servicesListView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_servicesListView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_servicesListView->setSpacing(3);
    m_servicesListView->setIconSize(QSize(16, 16));
    m_servicesListView->setMinimumWidth(200);

    m_emptyLabel = new QLabel(tr("No services configured yet. Add an OpenAPI document to expose its operations "
                                 "as MCP tools."),
                              m_detailsStack);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_detailsStack->addWidget(m_emptyLabel);
    m_detailsStack->addWidget(createDetailsPanel());

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("servicesSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_servicesListView);
    splitter->addWidget(m_detailsStack);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({250, 870});

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_servicesListView->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        const QModelIndex current = m_servicesListView->currentIndex();
        m_currentName = current.isValid() ? current.data(ServiceListModel::NameRole).toString() : QString();
        emit currentServiceChanged(m_currentName);
        updateDetails();
    });
    // A reset (new configuration) keeps the selected service when it still exists.
    connect(m_model, &QAbstractItemModel::modelReset, this, &ServicesPage::restoreSelection);
    restoreSelection();
}

ServicesPage::~ServicesPage() = default;

QWidget* ServicesPage::createDetailsPanel()
{
    auto* panel = new QWidget(m_detailsStack);
    panel->setObjectName(QStringLiteral("detailsPanel"));

    m_nameLabel = plainLabel(panel, "nameLabel");
    QFont nameFont = m_nameLabel->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.4);
    nameFont.setBold(true);
    m_nameLabel->setFont(nameFont);
    m_titleLabel = plainLabel(panel, "titleLabel");
    m_titleLabel->setForegroundRole(QPalette::PlaceholderText);

    m_showTrafficButton = new QPushButton(tr("Show traffic"), panel);
    m_showTrafficButton->setObjectName(QStringLiteral("showTrafficButton"));
    m_showTrafficButton->setToolTip(tr("Open the traffic log filtered on this service"));
    connect(m_showTrafficButton, &QPushButton::clicked, this, [this] { emit showTrafficRequested(m_currentName); });

    auto* heading = new QHBoxLayout;
    heading->addWidget(m_nameLabel);
    heading->addSpacing(8);
    heading->addWidget(m_titleLabel, 1, Qt::AlignBottom);
    heading->addWidget(m_showTrafficButton);

    m_unsafeWarningLabel = new QLabel(
        tr("No endpoint security — anyone who can reach this port can call these tools. For quick local tests only."),
        panel);
    m_unsafeWarningLabel->setObjectName(QStringLiteral("unsafeWarningLabel"));
    m_unsafeWarningLabel->setWordWrap(true);
    m_unsafeWarningLabel->setStyleSheet(QStringLiteral(
        "QLabel { color: #b71c1c; background-color: #fdecea; border: 1px solid #e57373; border-radius: 4px;"
        " padding: 8px; font-weight: bold; }"));

    m_endpointUrlLineEdit = new QLineEdit(panel);
    m_endpointUrlLineEdit->setObjectName(QStringLiteral("endpointUrlLineEdit"));
    m_endpointUrlLineEdit->setReadOnly(true);
    m_endpointUrlLineEdit->setToolTip(tr("The MCP endpoint to give to your MCP client"));
    m_copyUrlButton = new QPushButton(tr("Copy URL"), panel);
    m_copyUrlButton->setObjectName(QStringLiteral("copyUrlButton"));
    connect(m_copyUrlButton, &QPushButton::clicked, this, &ServicesPage::copyEndpointUrl);
    auto* endpointRow = new QHBoxLayout;
    endpointRow->addWidget(m_endpointUrlLineEdit, 1);
    endpointRow->addWidget(m_copyUrlButton);

    m_backendUrlLabel = plainLabel(panel, "backendUrlLabel");
    m_securityModeLabel = plainLabel(panel, "securityModeLabel");

    m_importWarningsLabel = plainLabel(panel, "importWarningsLabel");
    m_importWarningsLabel->setWordWrap(true);
    m_importWarningsLabel->setStyleSheet(QStringLiteral(
        "QLabel { color: #6d4c00; background-color: #fff4d6; border: 1px solid #e0b84f; border-radius: 4px;"
        " padding: 6px; }"));

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("MCP endpoint:"), endpointRow);
    form->addRow(tr("Backend:"), m_backendUrlLabel);
    form->addRow(tr("Endpoint security:"), m_securityModeLabel);

    m_toolsLabel = plainLabel(panel, "toolsLabel");
    m_toolsListWidget = new QListWidget(panel);
    m_toolsListWidget->setObjectName(QStringLiteral("toolsListWidget"));
    m_toolsListWidget->setSelectionMode(QAbstractItemView::NoSelection);
    m_toolsListWidget->setFocusPolicy(Qt::NoFocus);
    m_toolsListWidget->setAlternatingRowColors(true);

    auto* layout = new QVBoxLayout(panel);
    layout->addLayout(heading);
    layout->addWidget(m_unsafeWarningLabel);
    layout->addLayout(form);
    layout->addWidget(m_importWarningsLabel);
    layout->addSpacing(6);
    layout->addWidget(m_toolsLabel);
    layout->addWidget(m_toolsListWidget, 1);
    return panel;
}

void ServicesPage::selectService(const QString& name)
{
    const int row = m_model->rowForName(name);
    if (row >= 0)
        m_servicesListView->setCurrentIndex(m_model->index(row));
}

void ServicesPage::restoreSelection()
{
    int row = m_model->rowForName(m_currentName);
    if (row < 0 && m_model->rowCount() > 0)
        row = 0;
    if (row >= 0)
        m_servicesListView->setCurrentIndex(m_model->index(row));
    else
        m_currentName.clear();
    updateDetails();
}

void ServicesPage::updateDetails()
{
    const int row = m_model->rowForName(m_currentName);
    if (row < 0) {
        m_detailsStack->setCurrentIndex(0);
        return;
    }
    const Gateway::ServiceStatus& service = m_model->serviceAt(row);
    m_detailsStack->setCurrentIndex(1);

    m_nameLabel->setText(service.name);
    m_titleLabel->setText(service.title);
    m_endpointUrlLineEdit->setText(service.endpointUrl.toString());
    m_endpointUrlLineEdit->setCursorPosition(0);
    m_backendUrlLabel->setText(service.backendUrl.isEmpty() ? tr("(from the document's servers)")
                                                            : service.backendUrl.toString());
    m_securityModeLabel->setText(ServiceListModel::securityModeText(service.securityMode));
    m_unsafeWarningLabel->setVisible(ServiceListModel::isUnsafe(service.securityMode));

    if (service.warnings.isEmpty()) {
        m_importWarningsLabel->hide();
    } else {
        QString text = tr("Import warnings:");
        for (const QString& warning : service.warnings)
            text += QStringLiteral("\n• ") + warning;
        m_importWarningsLabel->setText(text);
        m_importWarningsLabel->show();
    }

    m_toolsLabel->setText(tr("Tools (%1)").arg(service.toolCount));
    m_toolsListWidget->clear();
    m_toolsListWidget->addItems(service.toolNames);
}

void ServicesPage::copyEndpointUrl()
{
    const QString url = m_endpointUrlLineEdit->text();
    if (url.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(url);
    m_copyUrlButton->setText(tr("Copied"));
    QTimer::singleShot(1500, m_copyUrlButton, [button = m_copyUrlButton] { button->setText(tr("Copy URL")); });
}

} // namespace Portcullis

#include "moc_ServicesPage.cpp"
