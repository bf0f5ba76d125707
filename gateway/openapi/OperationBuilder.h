// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RefResolver.h"
#include "SchemaConverter.h"
#include "ToolDefinition.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Gateway {

// One operation as found in the document.
struct OperationSource
{
    QByteArray method; // upper-case
    QString path;
    QJsonObject operation;
    NodeLocation operationLocation;
    QJsonObject pathItem;
    NodeLocation pathItemLocation;
    QString label; // "GET /pets/{petId}", for warnings
};

// Builds everything of a ToolDefinition but its name: parameters, request body, inputSchema,
// description and annotations.
class OperationBuilder
{
public:
    OperationBuilder(RefResolver* resolver, SchemaConverter* converter, QStringList* warnings);

    // False when the operation cannot be offered as a tool (a warning says why).
    // Throws ImportFailure for document errors ($ref cycles, refused or broken refs).
    bool build(const OperationSource& source, ToolDefinition* tool);

    static QJsonObject annotationsFor(const QByteArray& method);

private:
    struct RawParameter
    {
        QJsonObject object;
        NodeLocation location;
        QString name;
        QString in;
    };

    void collectParameters(const QJsonValue& list, const NodeLocation& at, QList<RawParameter>* parameters);
    bool makeBinding(const RawParameter& raw, const OperationSource& source, ParameterBinding* binding);
    bool addRequestBody(const OperationSource& source, ToolDefinition* tool, QJsonObject* properties,
                        QStringList* required);
    bool addMultipartBody(const OperationSource& source, const QJsonObject& media, const QJsonObject& schema,
                          bool bodyRequired, ToolDefinition* tool, QJsonObject* properties, QStringList* required);
    void warn(const OperationSource& source, const QString& message);

    RefResolver* m_resolver;
    SchemaConverter* m_converter;
    QStringList* m_warnings;
};

} // namespace Gateway
