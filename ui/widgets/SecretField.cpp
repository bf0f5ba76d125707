// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretField.h"

#include "core/GatewayController.h"
#include "secrets/SecretReference.h"

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Portcullis {

SecretField::SecretField(const QString& prefix, QWidget* parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
{
    setObjectName(prefix + QStringLiteral("SecretField"));
    auto* entry = new QWidget(m_stack);
    m_valueLineEdit = new QLineEdit(entry);
    m_valueLineEdit->setObjectName(prefix + QStringLiteral("SecretLineEdit"));
    m_valueLineEdit->setEchoMode(QLineEdit::Password);
    m_valueLineEdit->setPlaceholderText(tr("Secret value (stored in the keychain), or ${env:NAME}"));
    m_storeButton = new QPushButton(tr("Store"), entry);
    m_storeButton->setObjectName(prefix + QStringLiteral("StoreButton"));
    m_storeButton->setToolTip(tr("Store the value in the OS keychain; the workspace only names the entry"));
    m_fileButton = new QPushButton(tr("From File…"), entry);
    m_fileButton->setObjectName(prefix + QStringLiteral("FileButton"));
    m_fileButton->hide();
    m_cancelButton = new QPushButton(tr("Cancel"), entry);
    m_cancelButton->setObjectName(prefix + QStringLiteral("CancelButton"));
    m_cancelButton->hide();
    auto* entryRow = new QHBoxLayout(entry);
    entryRow->setContentsMargins(0, 0, 0, 0);
    entryRow->addWidget(m_valueLineEdit, 1);
    entryRow->addWidget(m_fileButton);
    entryRow->addWidget(m_storeButton);
    entryRow->addWidget(m_cancelButton);

    auto* stored = new QWidget(m_stack);
    m_storedLabel = new QLabel(stored);
    m_storedLabel->setObjectName(prefix + QStringLiteral("StoredLabel"));
    m_storedLabel->setTextFormat(Qt::PlainText);
    m_replaceButton = new QPushButton(tr("Replace…"), stored);
    m_replaceButton->setObjectName(prefix + QStringLiteral("ReplaceButton"));
    m_removeButton = new QPushButton(tr("Remove"), stored);
    m_removeButton->setObjectName(prefix + QStringLiteral("RemoveButton"));
    auto* storedRow = new QHBoxLayout(stored);
    storedRow->setContentsMargins(0, 0, 0, 0);
    storedRow->addWidget(m_storedLabel, 1);
    storedRow->addWidget(m_replaceButton);
    storedRow->addWidget(m_removeButton);
    m_stack->addWidget(entry);
    m_stack->addWidget(stored);
    m_stack->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_stack->setFixedHeight(m_valueLineEdit->sizeHint().height() + 4);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(prefix + QStringLiteral("ProblemLabel"));
    m_problemLabel->setTextFormat(Qt::PlainText);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problemLabel->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    layout->addWidget(m_problemLabel);
    setFocusProxy(m_valueLineEdit);

    connect(m_valueLineEdit, &QLineEdit::returnPressed, this, &SecretField::store);
    connect(m_valueLineEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        const bool env = text.trimmed().startsWith(QLatin1String("${env:"));
        m_valueLineEdit->setEchoMode(env ? QLineEdit::Normal : QLineEdit::Password);
        m_storeButton->setText(env ? tr("Use Variable") : tr("Store"));
        m_storeButton->setEnabled(!text.isEmpty() && !m_busy);
        setProblem({});
    });
    connect(m_storeButton, &QPushButton::clicked, this, &SecretField::store);
    connect(m_fileButton, &QPushButton::clicked, this, &SecretField::loadFile);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        m_replacing = false;
        m_valueLineEdit->clear();
        showState();
    });
    connect(m_replaceButton, &QPushButton::clicked, this, [this] {
        m_replacing = true;
        showState();
        m_valueLineEdit->setFocus();
    });
    connect(m_removeButton, &QPushButton::clicked, this, &SecretField::removeStored);
    showState();
}

SecretField::~SecretField()
{
    QString text = m_valueLineEdit->text();
    text.fill(QLatin1Char('\0'));
}

void SecretField::setTarget(Gateway::GatewayController* controller, const QString& keychainEntry)
{
    m_controller = controller;
    m_entry = keychainEntry;
}

void SecretField::setFileLoading(bool enabled, const QString& fileFilter)
{
    m_fileFilter = fileFilter;
    m_fileButton->setVisible(enabled);
}

void SecretField::setReference(const QString& reference)
{
    m_reference = reference;
    m_replacing = false;
    m_valueLineEdit->clear();
    setProblem({});
    showState();
}

void SecretField::showState()
{
    const Gateway::SecretReference ref = Gateway::SecretReference::parse(m_reference);
    const bool stored = !m_reference.isEmpty() && !m_replacing;
    m_stack->setCurrentIndex(stored ? 1 : 0);
    m_cancelButton->setVisible(m_replacing);
    if (ref.kind == Gateway::SecretReference::Kind::Keychain)
        m_storedLabel->setText(tr("Stored in the keychain (entry \"%1\")").arg(ref.name));
    else if (ref.kind == Gateway::SecretReference::Kind::Environment)
        m_storedLabel->setText(tr("From the environment variable %1").arg(ref.name));
    else if (!m_reference.isEmpty())
        m_storedLabel->setText(tr("Not a valid reference; replace it"));
    m_storeButton->setEnabled(!m_valueLineEdit->text().isEmpty() && !m_busy);
    m_replaceButton->setEnabled(!m_busy);
    m_removeButton->setEnabled(!m_busy);
}

void SecretField::setProblem(const QString& text)
{
    m_problemLabel->setText(text);
    m_problemLabel->setVisible(!text.isEmpty());
}

void SecretField::store()
{
    QString text = m_valueLineEdit->text();
    if (text.isEmpty() || m_busy)
        return;
    if (text.trimmed().startsWith(QLatin1String("${env:"))) {
        const Gateway::SecretReference ref = Gateway::SecretReference::parse(text.trimmed());
        if (ref.kind != Gateway::SecretReference::Kind::Environment) {
            setProblem(tr("Write an environment reference as ${env:NAME}, NAME made of letters, digits and _."));
            return;
        }
        m_reference = text.trimmed();
        m_replacing = false;
        m_valueLineEdit->clear();
        showState();
        emit referenceChanged(m_reference);
        return;
    }
    QByteArray value = text.toUtf8();
    text.fill(QLatin1Char('\0'));
    m_valueLineEdit->clear();
    storeValue(value);
    value.fill('\0');
}

void SecretField::storeValue(QByteArray value)
{
    if (!m_controller || m_entry.isEmpty()) {
        setProblem(tr("No gateway to store the secret with."));
        return;
    }
    m_busy = true;
    m_storedLabel->setText(tr("Storing in the keychain…"));
    showState();
    m_controller->writeSecret(m_entry, value, this, [this](const Gateway::SecretResult& result) {
        m_busy = false;
        if (!result.isOk()) {
            setProblem(result.status == Gateway::SecretResult::Status::Unavailable
                           ? tr("No keychain is reachable (%1). Start your desktop's Secret Service "
                                "(GNOME Keyring or KWallet) and try again, or enter ${env:NAME} and set "
                                "that variable for the gateway.")
                                 .arg(result.message)
                           : tr("The keychain refused the secret: %1").arg(result.message));
            showState();
            return;
        }
        m_reference = Gateway::SecretReference::keychain(m_entry);
        m_replacing = false;
        setProblem({});
        showState();
        emit referenceChanged(m_reference);
    });
    value.fill('\0');
}

void SecretField::loadFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose File"), QString(), m_fileFilter);
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setProblem(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    QByteArray content = file.read(64 * 1024 + 1);
    if (content.size() > 64 * 1024) {
        setProblem(tr("The file is larger than 64 KiB."));
    } else {
        storeValue(content);
    }
    content.fill('\0');
}

void SecretField::removeStored()
{
    const Gateway::SecretReference ref = Gateway::SecretReference::parse(m_reference);
    if (ref.kind == Gateway::SecretReference::Kind::Keychain && m_controller) {
        m_busy = true;
        showState();
        m_controller->removeSecret(ref.name, this, [this](const Gateway::SecretResult& result) {
            m_busy = false;
            // A missing entry is already what we want.
            if (!result.isOk() && result.status != Gateway::SecretResult::Status::NotFound)
                setProblem(tr("The keychain entry could not be removed: %1").arg(result.message));
            m_reference.clear();
            showState();
            emit referenceChanged(QString());
        });
        return;
    }
    m_reference.clear();
    showState();
    emit referenceChanged(QString());
}

} // namespace Portcullis

#include "moc_SecretField.cpp"
