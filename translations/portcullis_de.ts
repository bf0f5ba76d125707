<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Portcullis::AddServiceDialog</name>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="33"/>
        <source>Add Service</source>
        <translation>Dienst hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="36"/>
        <source>OpenAPI 3 document (YAML or JSON)</source>
        <translation>OpenAPI-3-Dokument (YAML oder JSON)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="37"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="43"/>
        <source>Default: the document&apos;s first server</source>
        <translation>Standard: der erste Server des Dokuments</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="54"/>
        <source>&amp;Document:</source>
        <translation>&amp;Dokument:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="57"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="58"/>
        <source>Backend &amp;URL:</source>
        <translation>Backend-&amp;URL:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="106"/>
        <source>OpenAPI Document</source>
        <translation>OpenAPI-Dokument</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="107"/>
        <source>OpenAPI documents (*.yaml *.yml *.json);;All files (*)</source>
        <translation>OpenAPI-Dokumente (*.yaml *.yml *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="117"/>
        <source>Choose the OpenAPI document to expose.</source>
        <translation>Wählen Sie das OpenAPI-Dokument, das bereitgestellt werden soll.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="119"/>
        <source>The document does not exist.</source>
        <translation>Das Dokument existiert nicht.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="121"/>
        <source>The name is the endpoint&apos;s path segment: 1-64 characters of A-Z a-z 0-9 _ . -</source>
        <translation>Der Name ist das Pfadsegment des Endpunkts: 1–64 Zeichen aus A-Z a-z 0-9 _ . -</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="123"/>
        <source>Another service is already called &quot;%1&quot;.</source>
        <translation>Ein anderer Dienst heißt bereits „%1“.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="127"/>
        <source>The backend URL must be an absolute http(s) URL.</source>
        <translation>Die Backend-URL muss eine absolute http(s)-URL sein.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="129"/>
        <source>The backend URL must not carry credentials; use a backend secret.</source>
        <translation>Die Backend-URL darf keine Zugangsdaten enthalten; verwenden Sie ein Backend-Geheimnis.</translation>
    </message>
</context>
<context>
    <name>Portcullis::ApiKeyDialog</name>
    <message>
        <location filename="../ui/dialogs/ApiKeyDialog.cpp" line="23"/>
        <source>New API Key</source>
        <translation>Neuer API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/ApiKeyDialog.cpp" line="24"/>
        <source>The new API key of service &quot;%1&quot; (%2). It is shown only now: copy it to the client. The workspace keeps only its hash; save the workspace to activate it, which revokes the previous key.</source>
        <translation>Der neue API-Schlüssel des Dienstes „%1“ (%2). Er wird nur jetzt angezeigt: kopieren Sie ihn in den Client. Der Arbeitsbereich speichert nur seinen Hash; speichern Sie den Arbeitsbereich, um ihn zu aktivieren – der vorherige Schlüssel wird dadurch widerrufen.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/ApiKeyDialog.cpp" line="34"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/ApiKeyDialog.cpp" line="36"/>
        <source>Send it in the header &lt;code&gt;x-reshapr-key&lt;/code&gt;. A copy is cleared from the clipboard after %1 seconds.</source>
        <translation>Senden Sie ihn im Header &lt;code&gt;x-reshapr-key&lt;/code&gt;. Eine Kopie wird nach %1 Sekunden aus der Zwischenablage gelöscht.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/ApiKeyDialog.cpp" line="43"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>Portcullis::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="39"/>
        <source>Portcullis</source>
        <translation>Portcullis</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="53"/>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="54"/>
        <source>Traffic</source>
        <translation>Verkehr</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="100"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="109"/>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="110"/>
        <source>&amp;Open…</source>
        <translation>&amp;Öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="111"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="115"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="116"/>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="117"/>
        <source>Re&amp;load</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="119"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="123"/>
        <source>&amp;Service</source>
        <translation>D&amp;ienst</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="125"/>
        <source>&amp;Add Service…</source>
        <translation>Dienst &amp;hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="127"/>
        <source>&amp;Remove Service…</source>
        <translation>Dienst &amp;entfernen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="130"/>
        <source>&amp;Generate API Key…</source>
        <translation>API-Schlüssel &amp;erzeugen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="148"/>
        <source>Service &quot;%1&quot; added; save the workspace to serve it.</source>
        <translation>Dienst „%1“ hinzugefügt; speichern Sie den Arbeitsbereich, um ihn bereitzustellen.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="157"/>
        <source>Remove Service</source>
        <translation>Dienst entfernen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="158"/>
        <source>Remove service &quot;%1&quot;? Its clients lose access once the workspace is saved.</source>
        <translation>Dienst „%1“ entfernen? Seine Clients verlieren den Zugriff, sobald der Arbeitsbereich gespeichert ist.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="176"/>
        <source>New API key for &quot;%1&quot;: save the workspace to activate it.</source>
        <translation>Neuer API-Schlüssel für „%1“: speichern Sie den Arbeitsbereich, um ihn zu aktivieren.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="194"/>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="204"/>
        <source>%1[*] — Portcullis</source>
        <translation>%1[*] — Portcullis</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="219"/>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="220"/>
        <source>The workspace &quot;%1&quot; has unsaved changes.</source>
        <translation>Der Arbeitsbereich „%1“ hat ungespeicherte Änderungen.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="223"/>
        <source>Save them before going on?</source>
        <translation>Vor dem Fortfahren speichern?</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="243"/>
        <source>Open Workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="244"/>
        <source>Workspaces (*.json);;All files (*)</source>
        <translation>Arbeitsbereiche (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="269"/>
        <location filename="../ui/MainWindow.cpp" line="281"/>
        <source>Cannot Save</source>
        <translation>Speichern nicht möglich</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="275"/>
        <source>Save Workspace As</source>
        <translation>Arbeitsbereich speichern unter</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="276"/>
        <source>Workspaces (*.json)</source>
        <translation>Arbeitsbereiche (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="303"/>
        <source>Keychain: available</source>
        <translation>Schlüsselbund: verfügbar</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="304"/>
        <source>Keychain unavailable: backend secrets cannot be read</source>
        <translation>Schlüsselbund nicht verfügbar: Backend-Geheimnisse können nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="324"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="329"/>
        <source>Open Another…</source>
        <translation>Anderen öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="347"/>
        <source>Gateway stopped</source>
        <translation>Gateway angehalten</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="351"/>
        <source>Gateway not listening: %1</source>
        <translation>Gateway lauscht nicht: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="373"/>
        <source>Configuration rejected; the gateway keeps serving the previous configuration.
%1</source>
        <translation>Konfiguration abgelehnt; das Gateway verwendet weiter die vorherige Konfiguration.
%1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="349"/>
        <source>Gateway listening on %1</source>
        <translation>Gateway lauscht auf %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="353"/>
        <source>Gateway not listening</source>
        <translation>Gateway lauscht nicht</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="379"/>
        <source>The workspace cannot be served; the gateway serves nothing.
%1</source>
        <translation>Der Arbeitsbereich kann nicht bereitgestellt werden; das Gateway stellt nichts bereit.
%1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="394"/>
        <source>Requests: %1 · Errors: %2</source>
        <translation>Anfragen: %1 · Fehler: %2</translation>
    </message>
</context>
<context>
    <name>Portcullis::ServiceListModel</name>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="56"/>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="58"/>
        <source>OAuth 2 bearer token</source>
        <translation>OAuth-2-Bearer-Token</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="60"/>
        <source>None (unsafe)</source>
        <translation>Keine (unsicher)</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="90"/>
        <source>%1
Tools: %2 · Security: %3</source>
        <translation>%1
Werkzeuge: %2 · Sicherheit: %3</translation>
    </message>
</context>
<context>
    <name>Portcullis::ServicesPage</name>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="50"/>
        <source>No services configured yet. Add an OpenAPI document to expose its operations as MCP tools.</source>
        <translation>Noch keine Dienste konfiguriert. Fügen Sie ein OpenAPI-Dokument hinzu, um seine Operationen als MCP-Werkzeuge bereitzustellen.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="97"/>
        <source>Show traffic</source>
        <translation>Verkehr anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="99"/>
        <source>Open the traffic log filtered on this service</source>
        <translation>Das Verkehrsprotokoll gefiltert auf diesen Dienst öffnen</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="109"/>
        <source>No endpoint security — anyone who can reach this port can call these tools. For quick local tests only.</source>
        <translation>Keine Endpunktsicherheit – jeder, der diesen Port erreicht, kann diese Werkzeuge aufrufen. Nur für schnelle lokale Tests.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="120"/>
        <source>The MCP endpoint to give to your MCP client</source>
        <translation>Der MCP-Endpunkt für Ihren MCP-Client</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="121"/>
        <location filename="../ui/pages/ServicesPage.cpp" line="221"/>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="139"/>
        <source>MCP endpoint:</source>
        <translation>MCP-Endpunkt:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="140"/>
        <source>Backend:</source>
        <translation>Backend:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="141"/>
        <source>Endpoint security:</source>
        <translation>Endpunktsicherheit:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="194"/>
        <source>(from the document&apos;s servers)</source>
        <translation>(aus den Servern des Dokuments)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="202"/>
        <source>Import warnings:</source>
        <translation>Import-Warnungen:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="209"/>
        <source>Tools (%1)</source>
        <translation>Werkzeuge (%1)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="220"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>Portcullis::TrafficLogModel</name>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="27"/>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="218"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="222"/>
        <source> · RPC %1</source>
        <translation> · RPC %1</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="224"/>
        <source> · tool error</source>
        <translation> · Werkzeugfehler</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="232"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="241"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="244"/>
        <source>Total %1 ms, backend %2 ms</source>
        <translation>Gesamt %1 ms, Backend %2 ms</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="246"/>
        <source>Total %1 ms, no backend call</source>
        <translation>Gesamt %1 ms, kein Backend-Aufruf</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="248"/>
        <source>Request %1 bytes, response %2 bytes</source>
        <translation>Anfrage %1 Bytes, Antwort %2 Bytes</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="273"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="274"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="275"/>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="276"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="277"/>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="278"/>
        <source>Principal</source>
        <translation>Prinzipal</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="279"/>
        <source>Auth</source>
        <translation>Auth</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="280"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="281"/>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="282"/>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="283"/>
        <source>Size (req / resp)</source>
        <translation>Größe (Anfr. / Antw.)</translation>
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
        <translation>Nach Dienst, Werkzeug, Methode, Prinzipal, Pfad oder Detail filtern</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="74"/>
        <source>Every word must match (case-insensitive). Esc clears.</source>
        <translation>Jedes Wort muss passen (ohne Beachtung der Groß-/Kleinschreibung). Esc leert das Feld.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="78"/>
        <source>Show the traffic of one service only</source>
        <translation>Nur den Verkehr eines Dienstes anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="80"/>
        <source>All services</source>
        <translation>Alle Dienste</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="84"/>
        <source>HTTP 4xx/5xx, JSON-RPC errors, tool errors, rejected requests</source>
        <translation>HTTP 4xx/5xx, JSON-RPC-Fehler, Werkzeugfehler, abgelehnte Anfragen</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="103"/>
        <source>Select a request to see its details (secrets are never recorded).</source>
        <translation>Wählen Sie eine Anfrage, um ihre Details zu sehen (Geheimnisse werden nie aufgezeichnet).</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="237"/>
        <source>Showing %1 of %2</source>
        <translation>%1 von %2 angezeigt</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="239"/>
        <source>Requests: %1</source>
        <translation>Anfragen: %1</translation>
    </message>
</context>
<context>
    <name>Portcullis::WorkspaceDocument</name>
    <message>
        <location filename="../ui/WorkspaceDocument.cpp" line="28"/>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <location filename="../ui/WorkspaceDocument.cpp" line="29"/>
        <source>Built-in demo</source>
        <translation>Eingebaute Demo</translation>
    </message>
    <message>
        <location filename="../ui/WorkspaceDocument.cpp" line="93"/>
        <source>Choose a file name first (Save As).</source>
        <translation>Wählen Sie zuerst einen Dateinamen (Speichern unter).</translation>
    </message>
    <message>
        <location filename="../ui/WorkspaceDocument.cpp" line="102"/>
        <source>This workspace cannot be saved.</source>
        <translation>Dieser Arbeitsbereich kann nicht gespeichert werden.</translation>
    </message>
    <message>
        <location filename="../ui/WorkspaceDocument.cpp" line="110"/>
        <source>%1 (line %2): %3</source>
        <translation>%1 (Zeile %2): %3</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/Application.cpp" line="260"/>
        <source>Portcullis exposes REST APIs (OpenAPI 3) as MCP servers at /mcp/{service}.
Without --config it runs its built-in demo.</source>
        <translation>Portcullis stellt REST-APIs (OpenAPI 3) als MCP-Server unter /mcp/{service} bereit.
Ohne --config läuft die eingebaute Demo.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="266"/>
        <source>Run without a window (servers, CI).</source>
        <translation>Ohne Fenster laufen (Server, CI).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="268"/>
        <source>Workspace file to serve (hot-reloaded).</source>
        <translation>Bereitzustellende Arbeitsbereichsdatei (wird live neu geladen).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="271"/>
        <source>Serve the built-in demo API and workspace.</source>
        <translation>Die eingebaute Demo-API und ihren Arbeitsbereich bereitstellen.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="274"/>
        <source>Listen address, e.g. 127.0.0.1:8765 (port 0: any).</source>
        <translation>Lauschadresse, z. B. 127.0.0.1:8765 (Port 0: beliebig).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="278"/>
        <source>Print one JSON line per traffic event to stdout.</source>
        <translation>Eine JSON-Zeile pro Verkehrsereignis auf stdout ausgeben.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="280"/>
        <source>Serve Prometheus metrics at /metrics.</source>
        <translation>Prometheus-Metriken unter /metrics bereitstellen.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="283"/>
        <source>Generate (or renew) the API key of SERVICE in --config, print it once, exit.</source>
        <translation>Den API-Schlüssel von SERVICE in --config erzeugen (oder erneuern), einmal ausgeben, beenden.</translation>
    </message>
</context>
</TS>
