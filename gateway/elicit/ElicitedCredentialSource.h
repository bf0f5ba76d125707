// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "elicit/ElicitationBroker.h"
#include "mcp/ToolCallPipeline.h"

#include <QPointer>

#include <memory>

namespace Gateway {

// The credentials stage for the elicited kinds (elicitedToken, elicitedOAuth2): the person's own
// credential from the ElicitationBroker.
//  - Ready: the broker's header fields go on the backend call; they also become the redaction
//    needles, so a backend echoing the elicited value has it replaced in the tool result.
//  - ElicitationRequired: NeedsUserInput with the flow's id, URL and message (the MCP layer picks the
//    wire form of the revision).
//  - Failed (e.g. no identity to bind a credential to): a tool error with the broker's reason.
// A backend 401 or 403 to the person's credential calls ElicitationBroker::invalidate() and asks the
// pipeline to acquire again: either a refreshed OAuth token at once (the call is resent), or the
// value was dropped and the new acquire answers NeedsUserInput (the person is asked again).
class ElicitedCredentialSource final : public CredentialSource
{
public:
    ElicitedCredentialSource(ElicitationBroker* broker, ElicitationContext context);
    ~ElicitedCredentialSource() override;

    void acquire(Done done) override;
    bool rejected(int status) override;
    void cancel() override;

private:
    QPointer<ElicitationBroker> m_broker;
    ElicitationContext m_context;
    QByteArray m_credential; // the value last handed out, for invalidate(); never logged
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace Gateway
