// SPDX-License-Identifier: GPL-3.0-or-later
// JSON/YAML documents to a QJsonValue tree (DocumentParser, yaml-cpp underneath): anchors,
// aliases and merge keys, tags, deep nesting, odd scalars. A failure must come with a located
// reason; a success gives a defined root value.
#include "FuzzSupport.h"

#include "openapi/DocumentParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Gateway;

FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray content = FuzzSupport::bytes(data, size);
    const ParsedDocument doc = DocumentParser::parse(content, QStringLiteral("fuzz.yaml"));
    if (!doc.ok) {
        FUZZ_CHECK(doc.error.startsWith(QLatin1String("fuzz.yaml")));
        return 0;
    }
    // Aliases share their anchored value: the tree may stand for millions of nodes (bounded by the
    // parser), so it is not serialized here; reading it must stay cheap.
    FUZZ_CHECK(!doc.root.isUndefined());
    return 0;
}
