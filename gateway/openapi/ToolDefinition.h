// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Gateway {

enum class ParameterLocation { Path, Query, Header, Cookie };

// Where one tool argument goes back to on the wire.
struct ParameterBinding
{
    QString argumentName; // property name in the tool's inputSchema
    QString wireName; // name in the OpenAPI document (path placeholder, query key, header name)
    ParameterLocation location = ParameterLocation::Query;
    QString style; // OpenAPI style ("simple", "form", ...), defaults applied; for a `content`
                   // parameter, its media type (e.g. "application/json"): sent serialized
    bool explode = true;
    bool required = false;
    QJsonObject schema; // resolved schema of the parameter
};

enum class RequestBodyKind {
    None, // the operation takes no body
    JsonProperties, // body is a JSON object whose properties are top-level tool arguments
                    // (sent form-encoded when bodyContentType is application/x-www-form-urlencoded)
    JsonWhole, // body (any JSON) is the single tool argument `bodyArgument`
    Text, // non-JSON body as a string argument `bodyArgument`
    Multipart // multipart/form-data: each part is a top-level argument (see multipartParts)
};

// One field of a multipart/form-data body.
struct MultipartPart
{
    QString name; // argument name = form field name
    bool binary = false; // a file part: the argument is base64 text, sent as the decoded bytes
    bool repeated = false; // an array: one part per item, all with this name
    QByteArray contentType; // the part's Content-Type ("" = text/plain for text, octet-stream for files)
};

// One MCP tool made from one OpenAPI operation. Built once per configuration snapshot.
struct ToolDefinition
{
    QString name; // MCP tool name, 1..128 of [A-Za-z0-9_.-], unique within the service
    QString title; // operation summary (may be empty)
    QString description; // operation description, else summary
    QString operationId; // as in the document (may be empty)
    QJsonObject inputSchema; // {"type":"object", "properties":..., "required":...}, refs resolved
    QJsonObject annotations; // MCP ToolAnnotations derived from the HTTP method

    QByteArray httpMethod; // upper-case, e.g. "GET"
    QString pathTemplate; // as in the document, e.g. "/pets/{petId}"
    QList<ParameterBinding> parameters;

    RequestBodyKind bodyKind = RequestBodyKind::None;
    bool bodyRequired = false;
    QString bodyArgument; // argument carrying the whole body (JsonWhole / Text)
    QStringList bodyProperties; // argument names that form the JSON body (JsonProperties)
    QByteArray bodyContentType; // e.g. "application/json"
    QList<MultipartPart> multipartParts; // Multipart: in property order
};

enum class ToolNaming {
    Auto, // operationId when present and valid, else verb+path
    OperationId, // operationId, falling back to verb+path when absent/invalid
    VerbPath // reShapr style: GET /v1/forecast -> get_v1_forecast
};

} // namespace Gateway
