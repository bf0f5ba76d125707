// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Portcullis {

// Composition root: parses the command line, builds the gateway (and the demo backend when
// asked), then runs the desktop window or the headless loop.
int runApplication(int argc, char** argv);

} // namespace Portcullis
