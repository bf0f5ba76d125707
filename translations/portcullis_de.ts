<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Portcullis::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="27"/>
        <source>Portcullis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="39"/>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="40"/>
        <source>Traffic</source>
        <translation>Verkehr</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="93"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="116"/>
        <source>Configuration rejected; the gateway keeps serving the previous configuration.
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="136"/>
        <source>Gateway listening on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="138"/>
        <source>Gateway not listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="146"/>
        <source>Requests: %1 · Errors: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Portcullis::ServiceListModel</name>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="56"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="58"/>
        <source>OAuth 2 bearer token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="60"/>
        <source>None (unsafe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="90"/>
        <source>%1
Tools: %2 · Security: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Portcullis::ServicesPage</name>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="50"/>
        <source>No services configured yet. Add an OpenAPI document to expose its operations as MCP tools.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="96"/>
        <source>Show traffic</source>
        <translation>Verkehr anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="98"/>
        <source>Open the traffic log filtered on this service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="108"/>
        <source>No endpoint security — anyone who can reach this port can call these tools. For quick local tests only.</source>
        <translation>Keine Endpunktsicherheit – jeder, der diesen Port erreicht, kann diese Werkzeuge aufrufen. Nur für schnelle lokale Tests.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="119"/>
        <source>The MCP endpoint to give to your MCP client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="120"/>
        <location filename="../ui/pages/ServicesPage.cpp" line="220"/>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="138"/>
        <source>MCP endpoint:</source>
        <translation>MCP-Endpunkt:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="139"/>
        <source>Backend:</source>
        <translation>Backend:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="140"/>
        <source>Endpoint security:</source>
        <translation>Endpunktsicherheit:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="193"/>
        <source>(from the document&apos;s servers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="201"/>
        <source>Import warnings:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="208"/>
        <source>Tools (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="219"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>Portcullis::TrafficLogModel</name>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="27"/>
        <source>%1 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="212"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="216"/>
        <source> · RPC %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="218"/>
        <source> · tool error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="226"/>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="235"/>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="238"/>
        <source>Total %1 ms, backend %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="240"/>
        <source>Total %1 ms, no backend call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="242"/>
        <source>Request %1 bytes, response %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="267"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="268"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="269"/>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="270"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="271"/>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="272"/>
        <source>Principal</source>
        <translation>Prinzipal</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="273"/>
        <source>Auth</source>
        <translation>Auth</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="274"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="275"/>
        <source>Backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="276"/>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="277"/>
        <source>Size (req / resp)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Portcullis::TrafficLogPage</name>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="64"/>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="73"/>
        <source>Filter by service, tool, method, principal, path or detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="74"/>
        <source>Every word must match (case-insensitive). Esc clears.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="78"/>
        <source>Show the traffic of one service only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="80"/>
        <source>All services</source>
        <translation>Alle Dienste</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="84"/>
        <source>HTTP 4xx/5xx, JSON-RPC errors, tool errors, rejected requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="103"/>
        <source>Select a request to see its details (secrets are never recorded).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="237"/>
        <source>Showing %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="239"/>
        <source>Requests: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/Application.cpp" line="246"/>
        <source>Portcullis exposes REST APIs (OpenAPI 3) as MCP servers at /mcp/{service}.
Without --config it runs its built-in demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="252"/>
        <source>Run without a window (servers, CI).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="254"/>
        <source>Workspace file to serve (hot-reloaded).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="257"/>
        <source>Serve the built-in demo API and workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="259"/>
        <source>Listen address, e.g. 127.0.0.1:8765 (port 0: any).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="262"/>
        <source>Print one JSON line per traffic event to stdout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="264"/>
        <source>Serve Prometheus metrics at /metrics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="267"/>
        <source>Generate (or renew) the API key of SERVICE in --config, print it once, exit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
