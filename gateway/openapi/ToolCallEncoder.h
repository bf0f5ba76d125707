// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ToolDefinition.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace Gateway {

struct EncodedCall
{
    bool ok = false;
    QString error; // names the argument, e.g. "argument 'petId': path parameter must not be empty"
    QByteArray method;
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers; // from header parameters (+ Content-Type when a body is sent)
    QByteArray body;
};

// Puts validated tool arguments back to their places: path, query, header, cookie and body.
class ToolCallEncoder
{
public:
    // baseUrl: the service's backend base URL, e.g. "https://api.example.com/v1" (no trailing slash needed).
    static EncodedCall encode(const ToolDefinition& tool, const QUrl& baseUrl, const QJsonObject& arguments);
};

} // namespace Gateway
