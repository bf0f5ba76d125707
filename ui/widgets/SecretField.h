// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace Gateway {
class GatewayController;
}

namespace Portcullis {

// A secret in the workspace: only a reference is ever written ("keychain:<entry>" or
// "${env:NAME}"). A typed or file-loaded value goes to the OS keychain through the gateway's secret
// store (asynchronously, on the gateway thread) and is never shown again; the field then shows
// "stored in keychain" with Replace and Remove. Typing ${env:NAME} keeps a reference for headless
// use. The typed value is wiped from the line edit once it was handed over.
class SecretField : public QWidget
{
    Q_OBJECT
public:
    explicit SecretField(const QString& objectNamePrefix, QWidget* parent = nullptr);
    ~SecretField() override;

    // The gateway that stores values and the keychain entry a stored value gets.
    void setTarget(Gateway::GatewayController* controller, const QString& keychainEntry);
    void setFileLoading(bool enabled, const QString& fileFilter = {}); // "Load from File…" button
    void setReference(const QString& reference); // from the workspace; no signal
    QString reference() const { return m_reference; }
    bool isBusy() const { return m_busy; }

signals:
    void referenceChanged(const QString& reference); // the workspace should now hold this reference

private:
    void store();
    void storeValue(QByteArray value);
    void loadFile();
    void removeStored();
    void showState();
    void setProblem(const QString& text);

    QPointer<Gateway::GatewayController> m_controller;
    QString m_entry;
    QString m_reference;
    QString m_fileFilter;
    bool m_busy = false;
    bool m_replacing = false;
    QStackedWidget* m_stack;
    QLineEdit* m_valueLineEdit;
    QPushButton* m_storeButton;
    QPushButton* m_fileButton;
    QPushButton* m_cancelButton;
    QLabel* m_storedLabel;
    QPushButton* m_replaceButton;
    QPushButton* m_removeButton;
    QLabel* m_problemLabel;
};

} // namespace Portcullis
