// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QWidget;

namespace Gateway {
class GatewayController;
}

namespace Portcullis {

class ElicitationsPage;
class TrafficLogPage;

// Connects the traffic inspector to the gateway: the detail pane asks GatewayController for the
// payloads of the event shown and gets them back as values; "Export HAR" saves the requests in
// view (both legs) through the controller; the page's payload search runs on the gateway thread;
// "Replay" re-sends a captured call after asking for the
// credential it needs (never captured); the Elicitations page follows the traffic stream.
void connectTrafficInspector(QWidget* window, Gateway::GatewayController* controller, TrafficLogPage* traffic,
                             ElicitationsPage* elicitations);

} // namespace Portcullis
