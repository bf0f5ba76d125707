// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLineEdit>

namespace Portcullis {

// Free-text filter field with a clear button and a validity state shown by its background,
// in the style of Wireshark's SyntaxLineEdit. Every non-empty text is a valid filter today.
class FilterLineEdit : public QLineEdit
{
    Q_OBJECT
public:
    enum class State { Empty, Valid };
    Q_ENUM(State)

    explicit FilterLineEdit(QWidget* parent = nullptr);
    ~FilterLineEdit() override;

    State state() const { return m_state; }

signals:
    void stateChanged(Portcullis::FilterLineEdit::State state);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void updateState();

    State m_state = State::Empty;
};

} // namespace Portcullis
