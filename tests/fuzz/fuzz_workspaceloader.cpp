// SPDX-License-Identifier: GPL-3.0-or-later
// The versioned workspace file. Anything not understood is an error with a located reason, never
// a silent default; what loads must survive a save/load round trip unchanged.
#include "FuzzSupport.h"

#include "config/WorkspaceLoader.h"

#include <QJsonDocument>

using namespace Gateway;

FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray content = FuzzSupport::bytes(data, size);
    const WorkspaceLoader::Result result = WorkspaceLoader::parse(content, QStringLiteral("fuzz.json"));
    if (!result.ok) {
        FUZZ_CHECK(!result.error.isEmpty());
        return 0;
    }
    const QJsonObject saved = WorkspaceLoader::toJson(result.config);
    const WorkspaceLoader::Result again
        = WorkspaceLoader::parse(QJsonDocument(saved).toJson(), QStringLiteral("fuzz.json"));
    FUZZ_CHECK(again.ok);
    FUZZ_CHECK(WorkspaceLoader::toJson(again.config) == saved);
    return 0;
}
