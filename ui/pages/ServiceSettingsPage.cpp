// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceSettingsPage.h"

#include "WorkspaceDocument.h"

#include <QFormLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>

namespace Portcullis {

ServiceSettingsPage::ServiceSettingsPage(QWidget* parent)
    : QWidget(parent)
{
}

ServiceSettingsPage::~ServiceSettingsPage() = default;

void ServiceSettingsPage::load(const ServiceContext& context)
{
    m_context = context;
    m_loading = true;
    reload();
    m_loading = false;
}

Gateway::WorkspaceEditor& ServiceSettingsPage::editor() const
{
    return m_context.document->editor();
}

QJsonValue ServiceSettingsPage::serviceValue(const QString& relativePath) const
{
    const QString base = editor().servicePath(m_context.service);
    if (base.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    return editor().value(base + QLatin1Char('.') + relativePath);
}

void ServiceSettingsPage::setServiceValue(const QString& relativePath, const QJsonValue& value)
{
    if (m_loading || m_context.service.isEmpty())
        return;
    const QString base = editor().servicePath(m_context.service);
    if (base.isEmpty())
        return;
    const bool empty = value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty())
        || (value.isArray() && value.toArray().isEmpty()) || (value.isObject() && value.toObject().isEmpty());
    if (empty) {
        if (!editor().remove(base + QLatin1Char('.') + relativePath))
            return;
    } else {
        if (editor().value(base + QLatin1Char('.') + relativePath) == value)
            return;
        editor().setServiceValue(m_context.service, relativePath, value);
    }
    commit();
}

void ServiceSettingsPage::commit()
{
    emit edited(); // first: the settings view then knows the document change comes from this page
    m_context.document->notifyEdited();
}

QLabel* ServiceSettingsPage::addErrorRow(QFormLayout* form, const QString& relativePath)
{
    auto* label = new QLabel(this);
    QString name = QStringLiteral("error_") + relativePath;
    name.replace(QLatin1Char('.'), QLatin1Char('_'));
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    // Not word-wrapped: a wrapped label in a form row reserves height for its narrowest width.
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
    form->addRow(QString(), label);
    form->setRowVisible(label, false); // a hidden row takes no spacing
    m_errorLabels.insert(relativePath, label);
    m_errorForms.insert(label, form);
    return label;
}

bool ServiceSettingsPage::showFieldError(const QString& relativePath, const QString& reason)
{
    // The registered path that equals `relativePath` or is its closest parent ("a.b" for "a.b[2].c").
    QString best;
    for (auto it = m_errorLabels.constBegin(); it != m_errorLabels.constEnd(); ++it) {
        const QString& key = it.key();
        const bool parent = relativePath == key
            || (relativePath.startsWith(key)
                && (relativePath.at(key.size()) == QLatin1Char('.')
                    || relativePath.at(key.size()) == QLatin1Char('[')));
        if (parent && key.size() > best.size())
            best = key;
    }
    if (best.isEmpty())
        return false;
    QLabel* label = m_errorLabels.value(best);
    label->setText(reason);
    m_errorForms.value(label)->setRowVisible(label, true);
    return true;
}

void ServiceSettingsPage::clearFieldErrors()
{
    for (QLabel* label : std::as_const(m_errorLabels)) {
        label->clear();
        m_errorForms.value(label)->setRowVisible(label, false);
    }
}

QLabel* plainTextLabel(QWidget* parent, const char* objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace Portcullis

#include "moc_ServiceSettingsPage.cpp"
