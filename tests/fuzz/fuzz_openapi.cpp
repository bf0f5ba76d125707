// SPDX-License-Identifier: GPL-3.0-or-later
// The OpenAPI 3.0/3.1 import (JSON or YAML): $ref resolution and cycles, schema conversion, tool
// naming, server variables. Relative-file $refs resolve in an empty directory, so nothing outside
// the input is read. A refusal must carry a reason; a success gives tools with unique, non-empty
// names and object input schemas.
#include "FuzzSupport.h"

#include "openapi/OpenApiImporter.h"

#include <QSet>
#include <QTemporaryDir>

using namespace Gateway;

FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static QTemporaryDir emptyDir;
    const QByteArray content = FuzzSupport::bytes(data, size);
    const OpenApiImportResult result
        = OpenApiImporter::importDocument(content, QStringLiteral("fuzz.yaml"), emptyDir.path());
    if (!result.ok) {
        FUZZ_CHECK(!result.error.isEmpty());
        return 0;
    }
    QSet<QString> names;
    for (const ToolDefinition& tool : result.tools) {
        FUZZ_CHECK(!tool.name.isEmpty());
        FUZZ_CHECK(!names.contains(tool.name));
        names.insert(tool.name);
    }
    return 0;
}
