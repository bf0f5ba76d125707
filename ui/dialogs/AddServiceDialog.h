// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Portcullis {

// Adds a service from an OpenAPI document: the document, the service name (the endpoint's path
// segment, proposed from the file name) and an optional backend base URL. Input is checked as it
// is typed and explained next to the field; OK stays disabled until it is valid.
class AddServiceDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddServiceDialog(const QStringList& existingNames, QWidget* parent = nullptr);
    ~AddServiceDialog() override;

    QString serviceName() const;
    QString openApiPath() const;
    QString baseUrl() const;
    void setOpenApiPath(const QString& path); // also proposes a name when none was typed

private:
    void browse();
    void validate();

    QStringList m_existingNames;
    bool m_nameEdited = false;
    QLineEdit* m_openApiLineEdit;
    QLineEdit* m_nameLineEdit;
    QLineEdit* m_baseUrlLineEdit;
    QLabel* m_problemLabel;
    QDialogButtonBox* m_buttons;
};

} // namespace Portcullis
