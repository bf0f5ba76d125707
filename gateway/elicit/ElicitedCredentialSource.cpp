// SPDX-License-Identifier: GPL-3.0-or-later
#include "ElicitedCredentialSource.h"

namespace Gateway {

ElicitedCredentialSource::ElicitedCredentialSource(ElicitationBroker* broker, ElicitationContext context)
    : m_broker(broker)
    , m_context(std::move(context))
{
}

ElicitedCredentialSource::~ElicitedCredentialSource()
{
    *m_alive = false;
    m_credential.fill('\0');
}

void ElicitedCredentialSource::acquire(Done done)
{
    if (!m_broker) {
        done(CredentialGrant::failed(QStringLiteral("elicited backend credentials are not available here"),
                                     QStringLiteral("ElicitationUnavailable")));
        return;
    }
    auto alive = m_alive;
    m_broker->acquire(m_context, [this, alive, done = std::move(done)](const CredentialOutcome& outcome) {
        if (!*alive)
            return;
        switch (outcome.status) {
        case CredentialOutcome::Status::Ready: {
            m_credential = outcome.credential;
            PreparedCredentials prepared;
            prepared.headers = outcome.headers;
            done(CredentialGrant::ready(std::move(prepared)));
            return;
        }
        case CredentialOutcome::Status::ElicitationRequired:
            done(CredentialGrant::needsUserInput({outcome.elicitationId, outcome.url, outcome.message}));
            return;
        case CredentialOutcome::Status::Failed: break;
        }
        done(CredentialGrant::failed(outcome.error, QStringLiteral("ElicitationFailed")));
    });
}

bool ElicitedCredentialSource::rejected(int status)
{
    if ((status != 401 && status != 403) || !m_broker || m_credential.isEmpty())
        return false;
    // true: a refreshed token is ready now; false: dropped, the next acquire asks the person again.
    // Either way the pipeline acquires once more, which resends or answers NeedsUserInput.
    m_broker->invalidate(m_context.service, m_context.person, m_credential);
    m_credential.fill('\0');
    m_credential.clear();
    return true;
}

void ElicitedCredentialSource::cancel()
{
    *m_alive = false;
}

} // namespace Gateway
