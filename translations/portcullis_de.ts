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
    <name>Portcullis::BackendSecretPage</name>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="34"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="34"/>
        <source>Basic (user name and password)</source>
        <translation>Basic (Benutzername und Passwort)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="34"/>
        <source>Token in a header</source>
        <translation>Token in einem Header</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="35"/>
        <source>Client certificate (mutual TLS)</source>
        <translation>Client-Zertifikat (gegenseitiges TLS)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="35"/>
        <source>OAuth 2 client credentials</source>
        <translation>OAuth 2 Client Credentials</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="36"/>
        <source>Elicited token (each person types their own)</source>
        <translation>Erfragtes Token (jede Person gibt ihr eigenes ein)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="37"/>
        <source>Elicited OAuth 2 (each person signs in)</source>
        <translation>Erfragtes OAuth 2 (jede Person meldet sich an)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="49"/>
        <source>Optional, e.g. Bearer</source>
        <translation>Optional, z. B. Bearer</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="51"/>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="53"/>
        <source>PEM files (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="56"/>
        <source>Discovers both endpoints (RFC 8414, then OpenID Connect)</source>
        <translation>Ermittelt beide Endpunkte (RFC 8414, dann OpenID Connect)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="65"/>
        <source>Space-separated</source>
        <translation>Durch Leerzeichen getrennt</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="68"/>
        <source>Optional (RFC 8707)</source>
        <translation>Optional (RFC 8707)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="71"/>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="72"/>
        <source>Allow plain-http endpoints on &amp;loopback (local tests only)</source>
        <translation>Unverschlüsselte http-Endpunkte auf &amp;Loopback erlauben (nur lokale Tests)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="74"/>
        <source>Keep each person&apos;s credential in the &amp;keychain across restarts</source>
        <translation>Zugangsdaten jeder Person über Neustarts im &amp;Schlüsselbund behalten</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="87"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="89"/>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="90"/>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="215"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="91"/>
        <source>&amp;Header name:</source>
        <translation>&amp;Header-Name:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="92"/>
        <source>S&amp;cheme:</source>
        <translation>S&amp;chema:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="95"/>
        <source>Aut&amp;horization endpoint:</source>
        <translation>Autorisierungs&amp;endpunkt:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="98"/>
        <source>Client I&amp;D:</source>
        <translation>Client-I&amp;D:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="99"/>
        <source>Sco&amp;pes:</source>
        <translation>Sco&amp;pes:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="100"/>
        <source>Reso&amp;urce:</source>
        <translation>Ress&amp;ource:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="101"/>
        <source>Aud&amp;ience:</source>
        <translation>Audi&amp;ence:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="93"/>
        <source>&amp;Certificate:</source>
        <translation>&amp;Zertifikat:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="94"/>
        <source>&amp;Issuer:</source>
        <translation>&amp;Aussteller:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="97"/>
        <source>&amp;Token endpoint:</source>
        <translation>&amp;Token-Endpunkt:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="103"/>
        <source>Trusted C&amp;A:</source>
        <translation>Vertrauenswürdige Zertifizierungs&amp;stelle:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="143"/>
        <source>Keychain available: %1. Secret values are stored there and never shown again.</source>
        <translation>Schlüsselbund verfügbar: %1. Geheime Werte werden dort gespeichert und nie wieder angezeigt.</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="147"/>
        <source>Keychain: not reachable. No Secret Service answers on the session bus (GNOME Keyring or KWallet must run and be unlocked). Enter ${env:NAME} references instead and set those variables for the gateway.</source>
        <translation>Schlüsselbund: nicht erreichbar. Kein Secret Service antwortet auf dem Sitzungsbus (GNOME Keyring oder KWallet muss laufen und entsperrt sein). Geben Sie stattdessen ${env:NAME}-Verweise ein und setzen Sie diese Variablen für das Gateway.</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="213"/>
        <source>PEM files (*.pem *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="217"/>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="219"/>
        <source>Private &amp;key:</source>
        <translation>Privater &amp;Schlüssel:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="221"/>
        <source>Client s&amp;ecret (optional):</source>
        <translation>Client-G&amp;eheimnis (optional):</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="223"/>
        <source>Client s&amp;ecret:</source>
        <translation>Client-G&amp;eheimnis:</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="225"/>
        <source>Default: Authorization (sends &quot;Bearer &lt;token&gt;&quot;)</source>
        <translation>Standard: Authorization (sendet „Bearer &lt;Token&gt;“)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="226"/>
        <source>e.g. X-API-Key or Authorization</source>
        <translation>z. B. X-API-Key oder Authorization</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="229"/>
        <source>No credential added; the caller&apos;s own headers reach the backend.</source>
        <translation>Keine Zugangsdaten hinzugefügt; die eigenen Header des Aufrufers erreichen das Backend.</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="230"/>
        <source>Sent as Authorization: Basic on every backend call.</source>
        <translation>Wird bei jedem Backend-Aufruf als Authorization: Basic gesendet.</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="231"/>
        <source>Sent in the header below on every backend call.</source>
        <translation>Wird bei jedem Backend-Aufruf im unten angegebenen Header gesendet.</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="232"/>
        <source>The gateway presents this certificate and key to an https backend.</source>
        <translation>Das Gateway legt einem https-Backend dieses Zertifikat und diesen Schlüssel vor.</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="233"/>
        <source>The gateway gets a token with its own client and sends it as a bearer.</source>
        <translation>Das Gateway holt mit seinem eigenen Client ein Token und sendet es als Bearer.</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="234"/>
        <source>Each person types their own credential on a page the gateway serves (needs API key or OAuth2).</source>
        <translation>Jede Person gibt ihre eigenen Zugangsdaten auf einer Gateway-Seite ein (erfordert API-Schlüssel oder OAuth2).</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="235"/>
        <source>Each person signs in at the backend&apos;s authorization server (code + PKCE) on a gateway page.</source>
        <translation>Jede Person meldet sich auf einer Gateway-Seite beim Autorisierungsserver des Backends an (Code + PKCE).</translation>
    </message>
</context>
<context>
    <name>Portcullis::ConfigurePage</name>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="37"/>
        <source>Ser&amp;vice:</source>
        <translation>&amp;Dienst:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="39"/>
        <source>Add &amp;Service…</source>
        <translation>&amp;Dienst hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="41"/>
        <source>Add a service from an OpenAPI document (you can also drop the file on the window)</source>
        <translation>Einen Dienst aus einem OpenAPI-Dokument hinzufügen (die Datei kann auch auf das Fenster gezogen werden)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="42"/>
        <source>Rena&amp;me…</source>
        <translation>Umbe&amp;nennen…</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="44"/>
        <source>&amp;Remove…</source>
        <translation>Ent&amp;fernen…</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="90"/>
        <location filename="../ui/pages/ConfigurePage.cpp" line="176"/>
        <source>No services yet. Add one from an OpenAPI document with &quot;Add Service…&quot;, or drop the document on this window.</source>
        <translation>Noch keine Dienste. Fügen Sie einen aus einem OpenAPI-Dokument mit „Dienst hinzufügen…“ hinzu oder ziehen Sie das Dokument auf dieses Fenster.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="178"/>
        <source>The built-in demo cannot be edited. Create a workspace (File ▸ New) or open one to configure services.</source>
        <translation>Die eingebaute Demo kann nicht bearbeitet werden. Legen Sie einen Arbeitsbereich an (Datei ▸ Neu) oder öffnen Sie einen, um Dienste zu konfigurieren.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="258"/>
        <source> (line %1)</source>
        <translation> (Zeile %1)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="259"/>
        <source>The workspace cannot be saved yet: %1</source>
        <translation>Der Arbeitsbereich kann noch nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="263"/>
        <source> — see the %1 page</source>
        <translation> — siehe Seite „%1“</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="274"/>
        <location filename="../ui/pages/ConfigurePage.cpp" line="282"/>
        <location filename="../ui/pages/ConfigurePage.cpp" line="287"/>
        <location filename="../ui/pages/ConfigurePage.cpp" line="290"/>
        <source>Rename Service</source>
        <translation>Dienst umbenennen</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="275"/>
        <source>New name (the endpoint&apos;s path segment, A-Z a-z 0-9 _ . -):</source>
        <translation>Neuer Name (Pfadsegment des Endpunkts, A-Z a-z 0-9 _ . -):</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="283"/>
        <source>A service name is 1-64 characters of A-Z a-z 0-9 _ . - (it is part of the URL).</source>
        <translation>Ein Dienstname besteht aus 1-64 Zeichen aus A-Z a-z 0-9 _ . - (er ist Teil der URL).</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="287"/>
        <source>Another service is already called &quot;%1&quot;.</source>
        <translation>Ein anderer Dienst heißt bereits „%1“.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="291"/>
        <source>Rename &quot;%1&quot; to &quot;%2&quot;? Once saved, its endpoint moves to %3 and clients using the old URL must be updated.</source>
        <translation>„%1“ in „%2“ umbenennen? Nach dem Speichern liegt sein Endpunkt unter %3, und Clients mit der alten URL müssen angepasst werden.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="307"/>
        <source>Remove Service</source>
        <translation>Dienst entfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="308"/>
        <source>Remove service &quot;%1&quot;? Its clients lose access once the workspace is saved.</source>
        <translation>Dienst „%1“ entfernen? Seine Clients verlieren den Zugriff, sobald der Arbeitsbereich gespeichert ist.</translation>
    </message>
</context>
<context>
    <name>Portcullis::ConnectClientPage</name>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="55"/>
        <source>&amp;Endpoint URL:</source>
        <translation>&amp;Endpunkt-URL:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="60"/>
        <source>&amp;mcp.json entry:</source>
        <translation>&amp;mcp.json-Eintrag:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="65"/>
        <source>&amp;Inspector:</source>
        <translation>&amp;Inspector:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="80"/>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="85"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="84"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="117"/>
        <source>Clients send the API key in the x-reshapr-key header: replace the placeholder with the key you copied when it was generated.</source>
        <translation>Clients senden den API-Schlüssel im Header x-reshapr-key: ersetzen Sie den Platzhalter durch den Schlüssel, den Sie beim Erzeugen kopiert haben.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="120"/>
        <source>Clients sign in at the authorization server and send a bearer token; clients that support MCP authorization discover it from the endpoint.</source>
        <translation>Clients melden sich beim Autorisierungsserver an und senden ein Bearer-Token; Clients mit MCP-Autorisierung finden ihn über den Endpunkt.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="123"/>
        <source>No endpoint security: any local process can call this endpoint.</source>
        <translation>Keine Endpunktsicherheit: jeder lokale Prozess kann diesen Endpunkt aufrufen.</translation>
    </message>
</context>
<context>
    <name>Portcullis::ConnectionDoctorPage</name>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="49"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="57"/>
        <source>Check the service&apos;s OAuth chain step by step</source>
        <translation>Die OAuth-Kette des Dienstes Schritt für Schritt prüfen</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="69"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="69"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="69"/>
        <source>Authorization server</source>
        <translation>Autorisierungsserver</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="69"/>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="69"/>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="69"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="69"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="80"/>
        <source>Select a step to read what was asked and what came back.</source>
        <translation>Wählen Sie einen Schritt, um zu sehen, was angefragt wurde und was zurückkam.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="83"/>
        <source>&amp;Service:</source>
        <translation>&amp;Dienst:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="103"/>
        <source>Choose an OAuth2 service and press Run: the gateway&apos;s own metadata, each authorization server&apos;s metadata, issuer and keys, and the introspection endpoint are checked in turn.</source>
        <translation>Wählen Sie einen OAuth2-Dienst und klicken Sie auf „Ausführen“: Die Metadaten des Gateways, Metadaten, Aussteller und Schlüssel jedes Autorisierungsservers sowie der Introspection-Endpunkt werden nacheinander geprüft.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="133"/>
        <source>No OAuth2 service</source>
        <translation>Kein OAuth2-Dienst</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="160"/>
        <source>Checking %1…</source>
        <translation>%1 wird geprüft …</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="177"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="194"/>
        <source>All checks passed for %1 (%2 steps, %3 ms).</source>
        <translation>Alle Prüfungen für %1 bestanden (%2 Schritte, %3 ms).</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="201"/>
        <source>Step %1 (%2) failed: %3</source>
        <translation>Schritt %1 (%2) fehlgeschlagen: %3</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="204"/>
        <source>Cannot check: %1</source>
        <translation>Prüfung nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="221"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="223"/>
        <source>Authorization server: %1</source>
        <translation>Autorisierungsserver: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="225"/>
        <source>Request: %1 %2</source>
        <translation>Anfrage: %1 %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="227"/>
        <source>HTTP status: %1</source>
        <translation>HTTP-Status: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="229"/>
        <source>Time: %1 ms</source>
        <translation>Zeit: %1 ms</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="230"/>
        <source>Result: %1</source>
        <translation>Ergebnis: %1</translation>
    </message>
</context>
<context>
    <name>Portcullis::ElicitationLogModel</name>
    <message>
        <location filename="../ui/models/ElicitationLogModel.cpp" line="70"/>
        <source>Requested</source>
        <translation>Angefordert</translation>
    </message>
    <message>
        <location filename="../ui/models/ElicitationLogModel.cpp" line="71"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../ui/models/ElicitationLogModel.cpp" line="72"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../ui/models/ElicitationLogModel.cpp" line="73"/>
        <source>Credential</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <location filename="../ui/models/ElicitationLogModel.cpp" line="74"/>
        <source>Stage</source>
        <translation>Stand</translation>
    </message>
    <message>
        <location filename="../ui/models/ElicitationLogModel.cpp" line="75"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../ui/models/ElicitationLogModel.cpp" line="76"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>Portcullis::ElicitationsPage</name>
    <message>
        <location filename="../ui/pages/ElicitationsPage.cpp" line="37"/>
        <source>Filter by person, service, credential, stage or reason</source>
        <translation>Nach Person, Dienst, Zugangsdaten, Stand oder Grund filtern</translation>
    </message>
    <message>
        <location filename="../ui/pages/ElicitationsPage.cpp" line="41"/>
        <source>All stages</source>
        <translation>Alle Stände</translation>
    </message>
    <message>
        <location filename="../ui/pages/ElicitationsPage.cpp" line="101"/>
        <source>Elicitations: %1 of %2</source>
        <translation>Abfragen: %1 von %2</translation>
    </message>
</context>
<context>
    <name>Portcullis::EndpointSecurityPage</name>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="47"/>
        <source>&amp;None</source>
        <translation>&amp;Keine</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="49"/>
        <source>API &amp;key (x-reshapr-key header)</source>
        <translation>API-&amp;Schlüssel (Header x-reshapr-key)</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="51"/>
        <source>&amp;OAuth 2 bearer tokens</source>
        <translation>&amp;OAuth-2-Bearer-Tokens</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="63"/>
        <source>No endpoint security — anyone who can reach this port can call these tools. For quick local tests only.</source>
        <translation>Keine Endpunktsicherheit — jeder, der diesen Port erreicht, kann diese Werkzeuge aufrufen. Nur für schnelle lokale Tests.</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="72"/>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="75"/>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="231"/>
        <source>&amp;Generate Key…</source>
        <translation>Schlüssel &amp;erzeugen…</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="81"/>
        <source>Valid keys:</source>
        <translation>Gültige Schlüssel:</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="83"/>
        <source>A key is shown once, when it is generated; only its id is kept. Generating a new key revokes the previous one when the workspace is saved.</source>
        <translation>Ein Schlüssel wird nur einmal angezeigt, wenn er erzeugt wird; nur seine ID wird behalten. Ein neuer Schlüssel widerruft den vorherigen, sobald der Arbeitsbereich gespeichert wird.</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="90"/>
        <source>OAuth 2</source>
        <translation>OAuth 2</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="97"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="99"/>
        <source>Dele&amp;te</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="124"/>
        <source>Require the at+jwt token t&amp;ype (RFC 9068)</source>
        <translation>Token-T&amp;yp at+jwt verlangen (RFC 9068)</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="140"/>
        <source>Re&amp;quired scopes:</source>
        <translation>Erforderliche Sco&amp;pes:</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="146"/>
        <source>Reso&amp;urce URL:</source>
        <translation>Ress&amp;ourcen-URL:</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="152"/>
        <source>Introspection client I&amp;D:</source>
        <translation>Introspektions-Client-I&amp;D:</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="111"/>
        <source>Space-separated, e.g. mcp:read</source>
        <translation>Durch Leerzeichen getrennt, z. B. mcp:read</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="123"/>
        <source>Tokens must name this URL as their audience (RFC 8707 resource)</source>
        <translation>Tokens müssen diese URL als Zielgruppe nennen (RFC-8707-Ressource)</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="127"/>
        <source>Allow plain-http issuers on &amp;loopback (local tests only)</source>
        <translation>Unverschlüsselte http-Aussteller auf &amp;Loopback erlauben (nur lokale Tests)</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="131"/>
        <source>Optional: RFC 7662 endpoint for opaque tokens</source>
        <translation>Optional: RFC-7662-Endpunkt für opake Tokens</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="138"/>
        <source>Authori&amp;zation servers:</source>
        <translation>Autori&amp;sierungsserver:</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="143"/>
        <source>Per-tool s&amp;copes:</source>
        <translation>S&amp;copes pro Werkzeug:</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="150"/>
        <source>&amp;Introspection endpoint:</source>
        <translation>&amp;Introspektionsendpunkt:</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="154"/>
        <source>Introspection secret:</source>
        <translation>Introspektions-Geheimnis:</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="156"/>
        <source>C&amp;heck Connection…</source>
        <translation>Verbindung &amp;prüfen …</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="159"/>
        <source>Run the connection doctor: the gateway&apos;s metadata, each authorization server&apos;s metadata, issuer and keys, and the introspection endpoint, step by step (on the saved configuration)</source>
        <translation>Den Verbindungsdoktor ausführen: Metadaten des Gateways, Metadaten, Aussteller und Schlüssel jedes Autorisierungsservers und der Introspection-Endpunkt, Schritt für Schritt (mit der gespeicherten Konfiguration)</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="167"/>
        <source>Mode:</source>
        <translation>Modus:</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="230"/>
        <source>No key yet</source>
        <translation>Noch kein Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="231"/>
        <source>Re&amp;new Key…</source>
        <translation>Schlüssel er&amp;neuern…</translation>
    </message>
</context>
<context>
    <name>Portcullis::GatewayTrayIcon</name>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="25"/>
        <source>&amp;Show Window</source>
        <translation>&amp;Fenster anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="27"/>
        <location filename="../ui/GatewayTrayIcon.cpp" line="58"/>
        <source>S&amp;top Gateway</source>
        <translation>Gateway a&amp;nhalten</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="35"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="58"/>
        <source>S&amp;tart Gateway</source>
        <translation>Gateway &amp;starten</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="74"/>
        <source>Gateway stopped</source>
        <translation>Gateway angehalten</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="76"/>
        <source>Listening on %1</source>
        <translation>Lauscht auf %1</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="78"/>
        <source>Not listening: %1</source>
        <translation>Lauscht nicht: %1</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="80"/>
        <source>Not listening</source>
        <translation>Lauscht nicht</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="85"/>
        <source>Services: %1</source>
        <translation>Dienste: %1</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="87"/>
        <source>(not served: %1)</source>
        <translation>(nicht bereitgestellt: %1)</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="88"/>
        <source>Portcullis</source>
        <translation>Portcullis</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="89"/>
        <source>Requests: %1 · Errors: %2</source>
        <translation>Anfragen: %1 · Fehler: %2</translation>
    </message>
</context>
<context>
    <name>Portcullis::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="58"/>
        <source>Portcullis</source>
        <translation>Portcullis</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="74"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="75"/>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="76"/>
        <source>Configure</source>
        <translation>Konfigurieren</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="77"/>
        <source>Traffic</source>
        <translation>Verkehr</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="80"/>
        <source>Elicitations</source>
        <translation>Abfragen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="83"/>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="84"/>
        <source>Diagnostics</source>
        <translation>Diagnose</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="240"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="249"/>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="250"/>
        <source>&amp;Open…</source>
        <translation>&amp;Öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="251"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="255"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="256"/>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="257"/>
        <source>Re&amp;load</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="259"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="263"/>
        <source>&amp;Service</source>
        <translation>D&amp;ienst</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="265"/>
        <source>&amp;Add Service…</source>
        <translation>Dienst &amp;hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="267"/>
        <source>&amp;Remove Service…</source>
        <translation>Dienst &amp;entfernen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="270"/>
        <source>&amp;Generate API Key…</source>
        <translation>API-Schlüssel &amp;erzeugen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="274"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="276"/>
        <source>Show &amp;Tray Icon</source>
        <translation>&amp;Symbol im Infobereich anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="280"/>
        <source>The gateway&apos;s state in the system tray</source>
        <translation>Der Zustand des Gateways im Infobereich der Kontrollleiste</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="281"/>
        <source>This desktop has no system tray</source>
        <translation>Dieser Desktop hat keinen Infobereich</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="284"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="286"/>
        <source>Start &amp;Secure Demo</source>
        <translation>&amp;Sichere Demo starten</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="288"/>
        <source>OAuth 2 on the endpoint and an elicited backend token, with a demo authorization server, all on this computer</source>
        <translation>OAuth 2 am Endpunkt und ein abgefragtes Backend-Token, mit einem Demo-Autorisierungsserver, alles auf diesem Computer</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="301"/>
        <source>Connection Doctor</source>
        <translation>Verbindungsdoktor</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="302"/>
        <source>Token Inspector</source>
        <translation>Token-Inspektor</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="346"/>
        <source>&quot;%1&quot; is not served with OAuth 2 yet: save the workspace, then check again.</source>
        <translation>„%1“ wird noch nicht mit OAuth 2 bereitgestellt: Speichern Sie den Arbeitsbereich und prüfen Sie dann erneut.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="362"/>
        <source>Captured tokens are redacted: paste the bearer token to inspect it.</source>
        <translation>Mitgeschnittene Token sind geschwärzt: Fügen Sie das Bearer-Token ein, um es zu prüfen.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="372"/>
        <source>Starting the secure demo…</source>
        <translation>Sichere Demo wird gestartet …</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="386"/>
        <source>Secure Demo</source>
        <translation>Sichere Demo</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="386"/>
        <source>The secure demo could not start: %1</source>
        <translation>Die sichere Demo konnte nicht starten: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="404"/>
        <source>Add Service</source>
        <translation>Dienst hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="405"/>
        <source>The built-in demo cannot be edited. Create a workspace (File ▸ New) or open one first.</source>
        <translation>Die eingebaute Demo kann nicht bearbeitet werden. Legen Sie zuerst einen Arbeitsbereich an (Datei ▸ Neu) oder öffnen Sie einen.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="418"/>
        <source>Service &quot;%1&quot; added; save the workspace to serve it.</source>
        <translation>Dienst „%1“ hinzugefügt; speichern Sie den Arbeitsbereich, um ihn bereitzustellen.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="428"/>
        <source>Remove Service</source>
        <translation>Dienst entfernen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="429"/>
        <source>Remove service &quot;%1&quot;? Its clients lose access once the workspace is saved.</source>
        <translation>Dienst „%1“ entfernen? Seine Clients verlieren den Zugriff, sobald der Arbeitsbereich gespeichert ist.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="446"/>
        <source>New API key for &quot;%1&quot;: save the workspace to activate it.</source>
        <translation>Neuer API-Schlüssel für „%1“: speichern Sie den Arbeitsbereich, um ihn zu aktivieren.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="464"/>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="474"/>
        <source>%1[*] — Portcullis</source>
        <translation>%1[*] — Portcullis</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="489"/>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="490"/>
        <source>The workspace &quot;%1&quot; has unsaved changes.</source>
        <translation>Der Arbeitsbereich „%1“ hat ungespeicherte Änderungen.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="493"/>
        <source>Save them before going on?</source>
        <translation>Vor dem Fortfahren speichern?</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="514"/>
        <source>Open Workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="514"/>
        <source>Workspaces (*.json);;All files (*)</source>
        <translation>Arbeitsbereiche (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="539"/>
        <location filename="../ui/MainWindow.cpp" line="551"/>
        <source>Cannot Save</source>
        <translation>Speichern nicht möglich</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="545"/>
        <source>Save Workspace As</source>
        <translation>Arbeitsbereich speichern unter</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="546"/>
        <source>Workspaces (*.json)</source>
        <translation>Arbeitsbereiche (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="575"/>
        <source>Keychain: available</source>
        <translation>Schlüsselbund: verfügbar</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="576"/>
        <source>Keychain unavailable: backend secrets cannot be read</source>
        <translation>Schlüsselbund nicht verfügbar: Backend-Geheimnisse können nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="596"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="601"/>
        <source>Open Another…</source>
        <translation>Anderen öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="626"/>
        <source>Gateway stopped</source>
        <translation>Gateway angehalten</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="630"/>
        <source>Gateway not listening: %1</source>
        <translation>Gateway lauscht nicht: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="652"/>
        <source>Configuration rejected; the gateway keeps serving the previous configuration.
%1</source>
        <translation>Konfiguration abgelehnt; das Gateway verwendet weiter die vorherige Konfiguration.
%1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="628"/>
        <source>Gateway listening on %1</source>
        <translation>Gateway lauscht auf %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="632"/>
        <source>Gateway not listening</source>
        <translation>Gateway lauscht nicht</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="658"/>
        <source>The workspace cannot be served; the gateway serves nothing.
%1</source>
        <translation>Der Arbeitsbereich kann nicht bereitgestellt werden; das Gateway stellt nichts bereit.
%1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="673"/>
        <source>Requests: %1 · Errors: %2</source>
        <translation>Anfragen: %1 · Fehler: %2</translation>
    </message>
</context>
<context>
    <name>Portcullis::OverviewPage</name>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="98"/>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="129"/>
        <source>Keychain</source>
        <translation>Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="150"/>
        <source>Endpoints</source>
        <translation>Endpunkte</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="162"/>
        <source>No service is served yet: open a workspace or add a service.</source>
        <translation>Noch wird kein Dienst bereitgestellt: Öffnen Sie einen Arbeitsbereich oder fügen Sie einen Dienst hinzu.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="173"/>
        <source>Traffic in the last 10 minutes</source>
        <translation>Verkehr der letzten 10 Minuten</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="189"/>
        <source>Time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="192"/>
        <source>Per second</source>
        <translation>Pro Sekunde</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="207"/>
        <source>Solid lines: requests per second · dashed: errors per second</source>
        <translation>Durchgezogene Linien: Anfragen pro Sekunde · gestrichelt: Fehler pro Sekunde</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="234"/>
        <location filename="../ui/pages/OverviewPage.cpp" line="243"/>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="235"/>
        <source>The gateway is not running.</source>
        <translation>Das Gateway läuft nicht.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="238"/>
        <source>Listening</source>
        <translation>Lauscht</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="239"/>
        <source>On %1. Stop closes the listener: calls already received finish, nothing new is answered.</source>
        <translation>Auf %1. Anhalten beendet das Lauschen: Bereits empfangene Aufrufe laufen zu Ende, auf Neues wird nicht mehr geantwortet.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="245"/>
        <source>Not listening: clients get no answer. Start listens again.</source>
        <translation>Lauscht nicht: Clients erhalten keine Antwort. Mit Starten lauscht das Gateway wieder.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="246"/>
        <source>Not listening: clients get no answer. Start listens again on %1.</source>
        <translation>Lauscht nicht: Clients erhalten keine Antwort. Mit Starten lauscht das Gateway wieder auf %1.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="249"/>
        <location filename="../ui/pages/OverviewPage.cpp" line="257"/>
        <source>Not listening</source>
        <translation>Lauscht nicht</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="253"/>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="254"/>
        <source>Importing the workspace&apos;s OpenAPI documents…</source>
        <translation>Die OpenAPI-Dokumente des Arbeitsbereichs werden importiert…</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="259"/>
        <source>The gateway has not been asked to listen.</source>
        <translation>Das Gateway wurde nicht aufgefordert zu lauschen.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="259"/>
        <source>No workspace is served yet.</source>
        <translation>Noch wird kein Arbeitsbereich bereitgestellt.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="266"/>
        <source>&amp;Stop Gateway</source>
        <translation>Gateway a&amp;nhalten</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="266"/>
        <source>&amp;Start Gateway</source>
        <translation>Gateway &amp;starten</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="267"/>
        <source>Close the listener; the workspace stays loaded</source>
        <translation>Das Lauschen beenden; der Arbeitsbereich bleibt geladen</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="268"/>
        <source>Listen again on the same address</source>
        <translation>Wieder auf derselben Adresse lauschen</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="277"/>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="277"/>
        <source>Available: %1</source>
        <translation>Verfügbar: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="280"/>
        <source>Backend secrets are read from the system keychain when a call needs them; they are never shown again or written to the workspace.</source>
        <translation>Backend-Geheimnisse werden aus dem Schlüsselbund des Systems gelesen, wenn ein Aufruf sie braucht; sie werden nie wieder angezeigt oder in den Arbeitsbereich geschrieben.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="283"/>
        <source>Not available</source>
        <translation>Nicht verfügbar</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="286"/>
        <source>No keychain answers (for example GNOME Keyring or KWallet is not running or is locked). Tools of services whose backend secret is stored there answer with an error until it is unlocked; secrets given as ${env:NAME} keep working.</source>
        <translation>Kein Schlüsselbund antwortet (zum Beispiel läuft GNOME Keyring oder KWallet nicht oder ist gesperrt). Werkzeuge von Diensten, deren Backend-Geheimnis dort gespeichert ist, antworten mit einem Fehler, bis er entsperrt ist; als ${env:NAME} angegebene Geheimnisse funktionieren weiterhin.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="320"/>
        <source>Not served: %1</source>
        <translation>Nicht bereitgestellt: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="332"/>
        <source>%1 (not listening)</source>
        <translation>%1 (lauscht nicht)</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="337"/>
        <source>Endpoint URL of %1</source>
        <translation>Endpunkt-URL von %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="345"/>
        <location filename="../ui/pages/OverviewPage.cpp" line="390"/>
        <source>%1 req/s · %2 err/s</source>
        <translation>%1 req/s · %2 err/s</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="349"/>
        <location filename="../ui/pages/OverviewPage.cpp" line="356"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="351"/>
        <source>Copy the endpoint URL of %1</source>
        <translation>Die Endpunkt-URL von %1 kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="355"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="394"/>
        <source>Last 10 minutes: %1 requests, %2 errors</source>
        <translation>Letzte 10 Minuten: %1 Anfragen, %2 Fehler</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="429"/>
        <source>Other</source>
        <translation>Andere</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="436"/>
        <source>%1 errors</source>
        <translation>%1 (Fehler)</translation>
    </message>
</context>
<context>
    <name>Portcullis::SecretField</name>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="27"/>
        <source>Secret value (stored in the keychain), or ${env:NAME}</source>
        <translation>Geheimer Wert (wird im Schlüsselbund gespeichert) oder ${env:NAME}</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="28"/>
        <location filename="../ui/widgets/SecretField.cpp" line="79"/>
        <source>Store</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="30"/>
        <source>Store the value in the OS keychain; the workspace only names the entry</source>
        <translation>Den Wert im Schlüsselbund des Systems speichern; der Arbeitsbereich nennt nur den Eintrag</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="31"/>
        <source>From File…</source>
        <translation>Aus Datei…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="34"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="48"/>
        <source>Replace…</source>
        <translation>Ersetzen…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="50"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="79"/>
        <source>Use Variable</source>
        <translation>Variable verwenden</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="133"/>
        <source>Stored in the keychain (entry &quot;%1&quot;)</source>
        <translation>Im Schlüsselbund gespeichert (Eintrag „%1“)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="135"/>
        <source>From the environment variable %1</source>
        <translation>Aus der Umgebungsvariable %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="137"/>
        <source>Not a valid reference; replace it</source>
        <translation>Kein gültiger Verweis; bitte ersetzen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="157"/>
        <source>Write an environment reference as ${env:NAME}, NAME made of letters, digits and _.</source>
        <translation>Schreiben Sie einen Umgebungsverweis als ${env:NAME}, NAME aus Buchstaben, Ziffern und _.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="177"/>
        <source>No gateway to store the secret with.</source>
        <translation>Kein Gateway, um das Geheimnis zu speichern.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="181"/>
        <source>Storing in the keychain…</source>
        <translation>Wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="187"/>
        <source>No keychain is reachable (%1). Start your desktop&apos;s Secret Service (GNOME Keyring or KWallet) and try again, or enter ${env:NAME} and set that variable for the gateway.</source>
        <translation>Kein Schlüsselbund erreichbar (%1). Starten Sie den Secret Service Ihres Desktops (GNOME Keyring oder KWallet) und versuchen Sie es erneut, oder geben Sie ${env:NAME} ein und setzen Sie diese Variable für das Gateway.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="191"/>
        <source>The keychain refused the secret: %1</source>
        <translation>Der Schlüsselbund hat das Geheimnis abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="206"/>
        <source>Choose File</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="211"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="216"/>
        <source>The file is larger than 64 KiB.</source>
        <translation>Die Datei ist größer als 64 KiB.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="233"/>
        <source>The keychain entry could not be removed: %1</source>
        <translation>Der Schlüsselbund-Eintrag konnte nicht entfernt werden: %1</translation>
    </message>
</context>
<context>
    <name>Portcullis::SecureDemoDialog</name>
    <message>
        <location filename="../ui/dialogs/SecureDemoDialog.cpp" line="20"/>
        <source>Secure Demo</source>
        <translation>Sichere Demo</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/SecureDemoDialog.cpp" line="21"/>
        <source>The secure demo is running on this computer only (127.0.0.1): OAuth 2 on the MCP endpoint and an elicited backend token. The authorization server is for the demo only. Try it with the MCP Inspector or the SDK:</source>
        <translation>Die sichere Demo läuft nur auf diesem Computer (127.0.0.1): OAuth 2 am MCP-Endpunkt und ein abgefragtes Backend-Token. Der Autorisierungsserver ist nur für die Demo gedacht. Probieren Sie es mit dem MCP Inspector oder dem SDK aus:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/SecureDemoDialog.cpp" line="35"/>
        <source>&amp;Copy Guide</source>
        <translation>Anleitung &amp;kopieren</translation>
    </message>
</context>
<context>
    <name>Portcullis::ServiceGeneralPage</name>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="43"/>
        <source>OpenAPI 3 document (YAML or JSON)</source>
        <translation>OpenAPI-3-Dokument (YAML oder JSON)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="44"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="52"/>
        <source>Default: the document&apos;s first server</source>
        <translation>Standard: der erste Server des Dokuments</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="57"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="60"/>
        <source>Automatic (operationId, else method and path)</source>
        <translation>Automatisch (operationId, sonst Methode und Pfad)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="61"/>
        <source>operationId</source>
        <translation>operationId</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="62"/>
        <source>Method and path (get_v1_forecast)</source>
        <translation>Methode und Pfad (get_v1_forecast)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="65"/>
        <source>One per line: tool name, operationId or &quot;GET /path&quot;. Empty: all.</source>
        <translation>Einer pro Zeile: Werkzeugname, operationId oder „GET /pfad“. Leer: alle.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="68"/>
        <source>One per line</source>
        <translation>Einer pro Zeile</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="85"/>
        <source>&amp;OpenAPI document:</source>
        <translation>&amp;OpenAPI-Dokument:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="86"/>
        <source>Backend base &amp;URL:</source>
        <translation>Backend-Basis-&amp;URL:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="87"/>
        <source>&amp;Timeout:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="88"/>
        <source>Tool &amp;naming:</source>
        <translation>Werkzeug&amp;benennung:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="89"/>
        <source>&amp;Include:</source>
        <translation>&amp;Einschließen:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="90"/>
        <source>E&amp;xclude:</source>
        <translation>A&amp;usschließen:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="113"/>
        <source>Select a tool to see its input schema</source>
        <translation>Wählen Sie ein Werkzeug, um sein Eingabeschema zu sehen</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="115"/>
        <source>&amp;Preview of the tools</source>
        <translation>&amp;Vorschau der Werkzeuge</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="246"/>
        <source>Choose a document to see its tools.</source>
        <translation>Wählen Sie ein Dokument, um seine Werkzeuge zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="259"/>
        <source>Importing…</source>
        <translation>Importiere…</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="274"/>
        <source>The document cannot be imported: %1</source>
        <translation>Das Dokument kann nicht importiert werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="280"/>
        <source>%1 — %2 tools</source>
        <translation>%1 — %2 Werkzeuge</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="280"/>
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="287"/>
        <source>Import warnings:</source>
        <translation>Import-Warnungen:</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="304"/>
        <source>OpenAPI Document</source>
        <translation>OpenAPI-Dokument</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="305"/>
        <source>OpenAPI documents (*.yaml *.yml *.json);;All files (*)</source>
        <translation>OpenAPI-Dokumente (*.yaml *.yml *.json);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>Portcullis::ServiceListModel</name>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="57"/>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="59"/>
        <source>OAuth 2 bearer token</source>
        <translation>OAuth-2-Bearer-Token</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="61"/>
        <source>None (unsafe)</source>
        <translation>Keine (unsicher)</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="94"/>
        <source>%1
Not served: configuration refused</source>
        <translation>%1
Nicht bereitgestellt: Konfiguration abgelehnt</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="95"/>
        <source>%1
Tools: %2 · Security: %3</source>
        <translation>%1
Werkzeuge: %2 · Sicherheit: %3</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="99"/>
        <source>%1 is not served (its endpoint answers 503): %2</source>
        <translation>%1 wird nicht bereitgestellt (sein Endpunkt antwortet 503): %2</translation>
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
    <name>Portcullis::StoredCredentialModel</name>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="36"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="38"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="40"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="41"/>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="47"/>
        <source>Refreshing…</source>
        <translation>Wird erneuert …</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="50"/>
        <source>Refresh due</source>
        <translation>Erneuerung fällig</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="50"/>
        <source>Expired: the person is asked again</source>
        <translation>Abgelaufen: Die Person wird erneut gefragt</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="51"/>
        <source>Refresh token held</source>
        <translation>Refresh-Token vorhanden</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="51"/>
        <source>No refresh token</source>
        <translation>Kein Refresh-Token</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="53"/>
        <source>Not refreshable (typed by the person)</source>
        <translation>Nicht erneuerbar (von der Person eingegeben)</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="69"/>
        <source>Obtained %1</source>
        <translation>Erhalten %1</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="81"/>
        <source>OAuth 2.0 token</source>
        <translation>OAuth-2.0-Token</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="81"/>
        <source>Typed credential</source>
        <translation>Eingegebene Zugangsdaten</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="82"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="85"/>
        <source>No known expiry</source>
        <translation>Kein bekanntes Ablaufdatum</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="87"/>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="87"/>
        <source>expired %1 ago</source>
        <translation>vor %1 abgelaufen</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="90"/>
        <source>Memory and keychain</source>
        <translation>Speicher und Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="90"/>
        <source>Memory only</source>
        <translation>Nur Speicher</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="101"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="102"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="103"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="104"/>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="105"/>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="106"/>
        <source>Refresh</source>
        <translation>Erneuerung</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="107"/>
        <source>Stored in</source>
        <translation>Gespeichert in</translation>
    </message>
</context>
<context>
    <name>Portcullis::StoredCredentialsPage</name>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="25"/>
        <source>Backend credentials that people entered or authorized through an elicitation, per service and person. Values are never shown. Revoking one makes the gateway ask that person again on their next call.</source>
        <translation>Backend-Zugangsdaten, die Personen über eine Abfrage eingegeben oder autorisiert haben, je Dienst und Person. Werte werden nie angezeigt. Nach einem Widerruf fragt das Gateway die Person beim nächsten Aufruf erneut.</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="54"/>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="56"/>
        <source>&amp;Revoke</source>
        <translation>&amp;Widerrufen</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="58"/>
        <source>Drop the selected credential from memory and the keychain</source>
        <translation>Die ausgewählten Zugangsdaten aus Speicher und Schlüsselbund entfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="59"/>
        <source>Revoke &amp;All…</source>
        <translation>&amp;Alle widerrufen …</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="61"/>
        <source>Drop every stored credential of every service, keychain entries included</source>
        <translation>Alle gespeicherten Zugangsdaten aller Dienste entfernen, einschließlich der Schlüsselbund-Einträge</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="109"/>
        <source>Stored credentials: %1</source>
        <translation>Gespeicherte Zugangsdaten: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="118"/>
        <source>No stored credentials</source>
        <translation>Keine gespeicherten Zugangsdaten</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="128"/>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="139"/>
        <source>Revoke Credential</source>
        <translation>Zugangsdaten widerrufen</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="140"/>
        <source>Revoke the credential of %1 for &quot;%2&quot;? Their next call asks them again.</source>
        <translation>Die Zugangsdaten von %1 für „%2“ widerrufen? Beim nächsten Aufruf wird die Person erneut gefragt.</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="154"/>
        <source>Revoke All Credentials</source>
        <translation>Alle Zugangsdaten widerrufen</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="155"/>
        <source>Revoke every stored credential of every service, keychain entries included? Everyone is asked again on their next call.</source>
        <translation>Alle gespeicherten Zugangsdaten aller Dienste widerrufen, einschließlich der Schlüsselbund-Einträge? Alle werden beim nächsten Aufruf erneut gefragt.</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="166"/>
        <source>Revoking for &quot;%1&quot; failed: %2</source>
        <translation>Widerruf für „%1“ fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="168"/>
        <source>Revoked %1 credential(s) of &quot;%2&quot;.</source>
        <translation>%1 Zugangsdaten von „%2“ widerrufen.</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="170"/>
        <source>Revoked the credential of %1 for &quot;%2&quot;.</source>
        <translation>Zugangsdaten von %1 für „%2“ widerrufen.</translation>
    </message>
</context>
<context>
    <name>Portcullis::TimingBar</name>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="32"/>
        <source>%1: %2 ms</source>
        <translation>%1: %2 ms</translation>
    </message>
</context>
<context>
    <name>Portcullis::TokenInspectorPage</name>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="87"/>
        <source>Check with the gateway</source>
        <translation>Beim Gateway prüfen</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="93"/>
        <source>Paste an access token (a JWT, or an opaque token), with or without &quot;Bearer &quot;</source>
        <translation>Fügen Sie ein Zugriffstoken ein (ein JWT oder ein opakes Token), mit oder ohne „Bearer “</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="102"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="102"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="102"/>
        <source>Meaning</source>
        <translation>Bedeutung</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="128"/>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="136"/>
        <source>&amp;Service:</source>
        <translation>&amp;Dienst:</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="137"/>
        <source>T&amp;ool:</source>
        <translation>&amp;Werkzeug:</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="202"/>
        <source>No OAuth2 service</source>
        <translation>Kein OAuth2-Dienst</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="213"/>
        <source>Endpoint only (no tool)</source>
        <translation>Nur Endpunkt (kein Werkzeug)</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="253"/>
        <source>No token yet.</source>
        <translation>Noch kein Token.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="256"/>
        <source>A JWT (signed, %1 signature bytes). Decoded below, not yet verified.</source>
        <translation>Ein JWT (signiert, %1 Signatur-Bytes). Unten dekodiert, noch nicht geprüft.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="258"/>
        <source>A JWT, but %1.</source>
        <translation>Ein JWT, aber %1.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="261"/>
        <source>Not a well-formed JWT: %1.</source>
        <translation>Kein wohlgeformtes JWT: %1.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="265"/>
        <source>Opaque token (not a JWT: %1): only introspection can check it.</source>
        <translation>Opakes Token (kein JWT: %1): Nur Introspection kann es prüfen.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="285"/>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="286"/>
        <source>Claims</source>
        <translation>Claims</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="299"/>
        <source>No exp claim: the gateway refuses tokens without one.</source>
        <translation>Kein exp-Claim: Das Gateway lehnt Token ohne diesen ab.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="307"/>
        <source>Expires in %1 (at %2).</source>
        <translation>Läuft ab in %1 (um %2).</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="310"/>
        <source>Expired %1 ago (at %2).</source>
        <translation>Vor %1 abgelaufen (um %2).</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="318"/>
        <source>Pick a service and press “Check with the gateway” for its verdict.</source>
        <translation>Wählen Sie einen Dienst und klicken Sie auf „Beim Gateway prüfen“, um sein Urteil zu erhalten.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="331"/>
        <source>Asking the gateway…</source>
        <translation>Gateway wird gefragt …</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="344"/>
        <source>Gateway answer: HTTP %1, reason %2</source>
        <translation>Antwort des Gateways: HTTP %1, Grund %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="346"/>
        <source>error_description: %1</source>
        <translation>error_description: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="348"/>
        <source>WWW-Authenticate: %1</source>
        <translation>WWW-Authenticate: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="350"/>
        <source>Checked by the introspection endpoint (the token is not a JWT).</source>
        <translation>Vom Introspection-Endpunkt geprüft (das Token ist kein JWT).</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="351"/>
        <source>Expected audience: %1</source>
        <translation>Erwartete Zielgruppe (aud): %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="352"/>
        <source>Trusted issuers: %1</source>
        <translation>Vertrauenswürdige Aussteller: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="353"/>
        <source>Required scopes: %1</source>
        <translation>Erforderliche Scopes: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="354"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="356"/>
        <source>Granted scopes: %1</source>
        <translation>Gewährte Scopes: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="358"/>
        <source>Principal: %1</source>
        <translation>Principal: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="360"/>
        <source>Tools with extra scopes:</source>
        <translation>Werkzeuge mit zusätzlichen Scopes:</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="364"/>
        <source>  ✓ %1 (%2)</source>
        <translation>  ✓ %1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="365"/>
        <source>  ✗ %1 — missing %2</source>
        <translation>  ✗ %1 — fehlt: %2</translation>
    </message>
</context>
<context>
    <name>Portcullis::ToolPreviewModel</name>
    <message>
        <location filename="../ui/models/ToolPreviewModel.cpp" line="65"/>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <location filename="../ui/models/ToolPreviewModel.cpp" line="66"/>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <location filename="../ui/models/ToolPreviewModel.cpp" line="67"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
</context>
<context>
    <name>Portcullis::ToolScopesModel</name>
    <message>
        <location filename="../ui/models/ToolScopesModel.cpp" line="51"/>
        <source>The document has no tool of this name; these scopes apply to nothing.</source>
        <translation>Das Dokument hat kein Werkzeug dieses Namens; diese Scopes gelten für nichts.</translation>
    </message>
    <message>
        <location filename="../ui/models/ToolScopesModel.cpp" line="87"/>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <location filename="../ui/models/ToolScopesModel.cpp" line="87"/>
        <source>Extra scopes (space-separated)</source>
        <translation>Zusätzliche Scopes (durch Leerzeichen getrennt)</translation>
    </message>
</context>
<context>
    <name>Portcullis::TrafficDetailPane</name>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="84"/>
        <source>Select a request to see its details (secrets are never recorded).</source>
        <translation>Wählen Sie eine Anfrage, um ihre Details zu sehen (Geheimnisse werden nie aufgezeichnet).</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="86"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="87"/>
        <source>MCP request</source>
        <translation>MCP-Anfrage</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="88"/>
        <source>MCP response</source>
        <translation>MCP-Antwort</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="89"/>
        <source>Backend request</source>
        <translation>Backend-Anfrage</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="90"/>
        <source>Backend response</source>
        <translation>Backend-Antwort</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="91"/>
        <source>Auth</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="96"/>
        <source>Copy as curl</source>
        <translation>Als curl kopieren</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="98"/>
        <source>The MCP call as a curl command; the API key or token is a shell variable.</source>
        <translation>Der MCP-Aufruf als curl-Befehl; API-Schlüssel oder Token sind eine Shell-Variable.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="99"/>
        <source>Replay</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="101"/>
        <source>Send the captured MCP request to the gateway again</source>
        <translation>Die mitgeschnittene MCP-Anfrage erneut an das Gateway senden</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="102"/>
        <source>Export HAR…</source>
        <translation>HAR exportieren …</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="104"/>
        <source>Save the requests in view, both legs, as HAR 1.2</source>
        <translation>Die angezeigten Anfragen, beide Teilstrecken, als HAR 1.2 speichern</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="105"/>
        <source>Inspect Token…</source>
        <translation>Token prüfen …</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="107"/>
        <source>Open the token inspector for this service; paste the bearer token there (captured tokens are redacted)</source>
        <translation>Den Token-Inspektor für diesen Dienst öffnen; fügen Sie dort das Bearer-Token ein (mitgeschnittene Token sind geschwärzt)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="141"/>
        <source>auth</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="142"/>
        <source>queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="144"/>
        <source>mapping</source>
        <translation>Abbildung</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="145"/>
        <source>other gateway work</source>
        <translation>sonstige Gateway-Arbeit</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="162"/>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="173"/>
        <source>No x-reshapr-key header was sent.</source>
        <translation>Es wurde kein x-reshapr-key-Header gesendet.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="174"/>
        <source>The API key does not match any key of this service.</source>
        <translation>Der API-Schlüssel passt zu keinem Schlüssel dieses Dienstes.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="175"/>
        <source>More than one x-reshapr-key header was sent.</source>
        <translation>Es wurde mehr als ein x-reshapr-key-Header gesendet.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="176"/>
        <source>The API key was sent in the URL; it is only accepted in the header.</source>
        <translation>Der API-Schlüssel wurde in der URL gesendet; er wird nur im Header akzeptiert.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="177"/>
        <source>No Authorization: Bearer token was sent.</source>
        <translation>Es wurde kein Token per Authorization: Bearer gesendet.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="178"/>
        <source>The Authorization header is not &quot;Bearer &lt;token&gt;&quot;.</source>
        <translation>Der Authorization-Header hat nicht die Form „Bearer &lt;token&gt;“.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="179"/>
        <source>More than one Authorization header was sent.</source>
        <translation>Es wurde mehr als ein Authorization-Header gesendet.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="180"/>
        <source>The token was sent in the URL; it is only accepted in the header.</source>
        <translation>Das Token wurde in der URL gesendet; es wird nur im Header akzeptiert.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="181"/>
        <source>The token is longer than the gateway accepts.</source>
        <translation>Das Token ist länger, als das Gateway akzeptiert.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="182"/>
        <source>The token is not a well-formed JWT.</source>
        <translation>Das Token ist kein wohlgeformtes JWT.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="183"/>
        <source>The token failed verification (signature, expiry or claims).</source>
        <translation>Das Token hat die Prüfung nicht bestanden (Signatur, Ablauf oder Claims).</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="184"/>
        <source>The token&apos;s exp is in the past.</source>
        <translation>Das exp des Tokens liegt in der Vergangenheit.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="185"/>
        <source>The token&apos;s aud does not name this endpoint&apos;s resource.</source>
        <translation>Das aud des Tokens nennt nicht die Ressource dieses Endpunkts.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="186"/>
        <source>The token&apos;s iss is not an authorization server of this service.</source>
        <translation>Das iss des Tokens ist kein Autorisierungsserver dieses Dienstes.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="187"/>
        <source>The token lacks a scope the service or tool requires.</source>
        <translation>Dem Token fehlt ein Scope, den der Dienst oder das Werkzeug verlangt.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="188"/>
        <source>The issuer&apos;s signing keys (JWKS) could not be fetched.</source>
        <translation>Die Signaturschlüssel (JWKS) des Ausstellers konnten nicht abgerufen werden.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="189"/>
        <source>The token introspection endpoint could not be reached.</source>
        <translation>Der Introspection-Endpunkt war nicht erreichbar.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="190"/>
        <source>The person&apos;s request budget (rate limit) is used up.</source>
        <translation>Das Anfragebudget (Ratenlimit) der Person ist aufgebraucht.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="216"/>
        <source>%1 %2 ms</source>
        <translation>%1 %2 ms</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="218"/>
        <source>total %1 ms</source>
        <translation>gesamt %1 ms</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="143"/>
        <source>backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="221"/>
        <source>Decision: %1</source>
        <translation>Entscheidung: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="221"/>
        <source>(not checked)</source>
        <translation>(nicht geprüft)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="223"/>
        <source>Reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="228"/>
        <source>Person: %1</source>
        <translation>Person: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="228"/>
        <source>(anonymous)</source>
        <translation>(anonym)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="230"/>
        <source>Detail: %1</source>
        <translation>Detail: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="264"/>
        <source>Not captured (payload capture off, not an MCP request, or evicted by the capture budget).</source>
        <translation>Nicht mitgeschnitten (Mitschnitt aus, keine MCP-Anfrage oder durch das Mitschnittbudget verdrängt).</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="288"/>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="289"/>
        <source>No backend call.</source>
        <translation>Kein Backend-Aufruf.</translation>
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
        <location filename="../ui/pages/TrafficLogPage.cpp" line="69"/>
        <source>Search &amp;payloads</source>
        <translation>In &amp;Nutzdaten suchen</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="121"/>
        <source>Filter, e.g. forecast tool:get status:4xx -alice</source>
        <translation>Filtern, z. B. forecast tool:get status:4xx -alice</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="123"/>
        <source>Every term must match (case-insensitive); Esc clears.
A word matches the service, tool, method, person, path or detail.
field:value matches one field: service, tool, person, method, rev, session, auth (allowed, denied, none), reason, status (404, 4xx or error).
-term excludes what matches it.</source>
        <translation>Jeder Begriff muss passen (ohne Beachtung der Groß-/Kleinschreibung); Esc leert das Feld.
Ein Wort passt auf Dienst, Werkzeug, Methode, Person, Pfad oder Detail.
feld:wert prüft nur ein Feld: service, tool, person, method, rev, session, auth (allowed, denied, none), reason, status (404, 4xx oder error).
-begriff schließt aus, was darauf passt.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="131"/>
        <source>Show the traffic of one service only</source>
        <translation>Nur den Verkehr eines Dienstes anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="133"/>
        <source>All services</source>
        <translation>Alle Dienste</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="138"/>
        <source>Show one class of outcome only</source>
        <translation>Nur eine Ergebnisklasse anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="140"/>
        <source>All outcomes</source>
        <translation>Alle Ergebnisse</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="141"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="142"/>
        <source>HTTP 4xx/5xx, JSON-RPC errors, tool errors, rejected requests</source>
        <translation>HTTP 4xx/5xx, JSON-RPC-Fehler, Werkzeugfehler, abgelehnte Anfragen</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="144"/>
        <source>Successful</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="145"/>
        <source>Client errors (4xx)</source>
        <translation>Client-Fehler (4xx)</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="146"/>
        <source>Server errors (5xx)</source>
        <translation>Server-Fehler (5xx)</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="147"/>
        <source>Tool and RPC errors</source>
        <translation>Werkzeug- und RPC-Fehler</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="148"/>
        <source>Rejected</source>
        <translation>Zurückgewiesen</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="150"/>
        <source>Refused before any MCP work: endpoint auth, rate limit, overload, bad request</source>
        <translation>Vor jeder MCP-Verarbeitung abgelehnt: Endpunkt-Authentifizierung, Ratenlimit, Überlastung, fehlerhafte Anfrage</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="156"/>
        <source>Show one endpoint auth outcome only</source>
        <translation>Nur ein Ergebnis der Endpunkt-Authentifizierung anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="158"/>
        <source>Any auth</source>
        <translation>Beliebige Authentifizierung</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="159"/>
        <source>Allowed</source>
        <translation>Erlaubt</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="160"/>
        <source>Denied</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="161"/>
        <source>No endpoint security</source>
        <translation>Keine Endpunktsicherheit</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="166"/>
        <source>Show one MCP protocol revision only</source>
        <translation>Nur eine MCP-Protokollrevision anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="168"/>
        <source>Any revision</source>
        <translation>Beliebige Revision</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="176"/>
        <source>Also look for the words in the captured request and response bodies of both legs (secrets are redacted there, so they are never found)</source>
        <translation>Die Wörter auch in den mitgeschnittenen Anfrage- und Antwortinhalten beider Teilstrecken suchen (Geheimnisse sind dort geschwärzt und werden daher nie gefunden)</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="358"/>
        <source> (searching payloads…)</source>
        <translation> (Nutzdaten werden durchsucht…)</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="354"/>
        <source>Showing %1 of %2</source>
        <translation>%1 von %2 angezeigt</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="356"/>
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
        <location filename="../ui/WorkspaceDocument.cpp" line="109"/>
        <source>%1 (line %2): %3</source>
        <translation>%1 (Zeile %2): %3</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="44"/>
        <source>Export HAR</source>
        <translation>HAR exportieren</translation>
    </message>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="44"/>
        <source>HTTP Archive (*.har)</source>
        <translation>HTTP-Archiv (*.har)</translation>
    </message>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="58"/>
        <source>Saved %1 HAR entries to %2</source>
        <translation>%1 HAR-Einträge in %2 gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="59"/>
        <source>HAR export failed: %1</source>
        <translation>HAR-Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="69"/>
        <source>Replay</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="70"/>
        <source>The %1 value was not captured. Enter it for this replay (it is not stored):</source>
        <translation>Der Wert von %1 wurde nicht mitgeschnitten. Geben Sie ihn für dieses erneute Senden ein (er wird nicht gespeichert):</translation>
    </message>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="81"/>
        <source>Replay of request %1: HTTP %2</source>
        <translation>Erneutes Senden von Anfrage %1: HTTP %2</translation>
    </message>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="82"/>
        <source>Replay of request %1 failed: %2</source>
        <translation>Erneutes Senden von Anfrage %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="57"/>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="59"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="61"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="62"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="256"/>
        <source>
… truncated (%1 bytes in all)</source>
        <translation>
… gekürzt (insgesamt %1 Bytes)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/Application.cpp" line="380"/>
        <source>Portcullis exposes REST APIs (OpenAPI 3) as MCP servers at /mcp/{service}.
Without --config it runs its built-in demo.</source>
        <translation>Portcullis stellt REST-APIs (OpenAPI 3) als MCP-Server unter /mcp/{service} bereit.
Ohne --config läuft die eingebaute Demo.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="386"/>
        <source>Run without a window (servers, CI).</source>
        <translation>Ohne Fenster laufen (Server, CI).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="388"/>
        <source>Workspace file to serve (hot-reloaded).</source>
        <translation>Bereitzustellende Arbeitsbereichsdatei (wird live neu geladen).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="391"/>
        <source>Serve the built-in demo API and workspace.</source>
        <translation>Die eingebaute Demo-API und ihren Arbeitsbereich bereitstellen.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="394"/>
        <source>Listen address, e.g. 127.0.0.1:8765 (port 0: any).</source>
        <translation>Lauschadresse, z. B. 127.0.0.1:8765 (Port 0: beliebig).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="398"/>
        <source>Print one JSON line per traffic event to stdout.</source>
        <translation>Eine JSON-Zeile pro Verkehrsereignis auf stdout ausgeben.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="401"/>
        <source>Headless: keep redacted MCP and backend payloads in memory (written to the traffic log file only with gateway.capturePayloadsToFile).</source>
        <translation>Ohne Fenster: geschwärzte MCP- und Backend-Nutzdaten im Speicher halten (in die Verkehrsprotokolldatei nur mit gateway.capturePayloadsToFile geschrieben).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="405"/>
        <source>Serve Prometheus metrics at /metrics.</source>
        <translation>Prometheus-Metriken unter /metrics bereitstellen.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="408"/>
        <source>Generate (or renew) the API key of SERVICE in --config, print it once, exit.</source>
        <translation>Den API-Schlüssel von SERVICE in --config erzeugen (oder erneuern), einmal ausgeben, beenden.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="413"/>
        <source>All or nothing (CI): refuse the whole workspace, at start and on reload, when any service&apos;s settings or OpenAPI document are refused. Without it such a service is not served (503) and the others run.</source>
        <translation>Alles oder nichts (CI): den ganzen Arbeitsbereich beim Start und beim Neuladen ablehnen, wenn die Einstellungen oder das OpenAPI-Dokument eines Dienstes abgelehnt werden. Ohne diese Option wird ein solcher Dienst nicht bereitgestellt (503) und die anderen laufen.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="419"/>
        <source>Serve the demo with OAuth2 on the endpoint and an elicited backend OAuth token, using a built-in demo authorization server (loopback only).</source>
        <translation>Die Demo mit OAuth2 am Endpunkt und einem abgefragten Backend-OAuth-Token bereitstellen, mit einem eingebauten Demo-Autorisierungsserver (nur Loopback).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="424"/>
        <source>Drop the elicited backend credentials SERVICE in --config keeps in the keychain (all, or only those of PERSON given after it), exit.</source>
        <translation>Die erfragten Backend-Zugangsdaten, die SERVICE aus --config im Schlüsselbund hält, löschen (alle, oder nur die der danach angegebenen PERSON) und beenden.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="432"/>
        <source>With --forget-credentials: one person only.</source>
        <translation>Mit --forget-credentials: nur eine Person.</translation>
    </message>
</context>
</TS>
