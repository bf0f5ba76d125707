<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Portcullis::AddServiceDialog</name>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="33"/>
        <source>Add Service</source>
        <translation>Ajouter un service</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="36"/>
        <source>OpenAPI 3 document (YAML or JSON)</source>
        <translation>Document OpenAPI 3 (YAML ou JSON)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="37"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="43"/>
        <source>Default: the document&apos;s first server</source>
        <translation>Par défaut : le premier serveur du document</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="54"/>
        <source>&amp;Document:</source>
        <translation>&amp;Document :</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="57"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="58"/>
        <source>Backend &amp;URL:</source>
        <translation>&amp;URL du backend :</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="106"/>
        <source>OpenAPI Document</source>
        <translation>Document OpenAPI</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="107"/>
        <source>OpenAPI documents (*.yaml *.yml *.json);;All files (*)</source>
        <translation>Documents OpenAPI (*.yaml *.yml *.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="117"/>
        <source>Choose the OpenAPI document to expose.</source>
        <translation>Choisissez le document OpenAPI à exposer.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="119"/>
        <source>The document does not exist.</source>
        <translation>Le document n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="121"/>
        <source>The name is the endpoint&apos;s path segment: 1-64 characters of A-Z a-z 0-9 _ . -</source>
        <translation>Le nom est le segment de chemin du point de terminaison : 1 à 64 caractères parmi A-Z a-z 0-9 _ . -</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="123"/>
        <source>Another service is already called &quot;%1&quot;.</source>
        <translation>Un autre service s’appelle déjà « %1 ».</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="127"/>
        <source>The backend URL must be an absolute http(s) URL.</source>
        <translation>L’URL du backend doit être une URL http(s) absolue.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/AddServiceDialog.cpp" line="129"/>
        <source>The backend URL must not carry credentials; use a backend secret.</source>
        <translation>L’URL du backend ne doit pas contenir d’identifiants ; utilisez un secret de backend.</translation>
    </message>
</context>
<context>
    <name>Portcullis::ApiKeyDialog</name>
    <message>
        <location filename="../ui/dialogs/ApiKeyDialog.cpp" line="23"/>
        <source>New API Key</source>
        <translation>Nouvelle clé d’API</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/ApiKeyDialog.cpp" line="24"/>
        <source>The new API key of service &quot;%1&quot; (%2). It is shown only now: copy it to the client. The workspace keeps only its hash; save the workspace to activate it, which revokes the previous key.</source>
        <translation>La nouvelle clé d’API du service « %1 » (%2). Elle n’est affichée que maintenant : copiez-la dans le client. L’espace de travail n’en garde que l’empreinte ; enregistrez l’espace de travail pour l’activer, ce qui révoque la clé précédente.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/ApiKeyDialog.cpp" line="34"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/ApiKeyDialog.cpp" line="36"/>
        <source>Send it in the header &lt;code&gt;x-reshapr-key&lt;/code&gt;. A copy is cleared from the clipboard after %1 seconds.</source>
        <translation>Envoyez-la dans l’en-tête &lt;code&gt;x-reshapr-key&lt;/code&gt;. Une copie est effacée du presse-papiers après %1 secondes.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/ApiKeyDialog.cpp" line="43"/>
        <source>Copied</source>
        <translation>Copié</translation>
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
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="54"/>
        <source>Traffic</source>
        <translation>Trafic</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="100"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="109"/>
        <source>&amp;New</source>
        <translation>&amp;Nouveau</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="110"/>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="111"/>
        <source>Open &amp;Recent</source>
        <translation>Ouvrir un fichier &amp;récent</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="115"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="116"/>
        <source>Save &amp;As…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="117"/>
        <source>Re&amp;load</source>
        <translation>Re&amp;charger</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="119"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="123"/>
        <source>&amp;Service</source>
        <translation>&amp;Service</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="125"/>
        <source>&amp;Add Service…</source>
        <translation>&amp;Ajouter un service…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="127"/>
        <source>&amp;Remove Service…</source>
        <translation>&amp;Retirer le service…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="130"/>
        <source>&amp;Generate API Key…</source>
        <translation>&amp;Générer une clé d’API…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="148"/>
        <source>Service &quot;%1&quot; added; save the workspace to serve it.</source>
        <translation>Service « %1 » ajouté ; enregistrez l’espace de travail pour le servir.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="157"/>
        <source>Remove Service</source>
        <translation>Retirer le service</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="158"/>
        <source>Remove service &quot;%1&quot;? Its clients lose access once the workspace is saved.</source>
        <translation>Retirer le service « %1 » ? Ses clients perdent l’accès dès que l’espace de travail est enregistré.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="176"/>
        <source>New API key for &quot;%1&quot;: save the workspace to activate it.</source>
        <translation>Nouvelle clé d’API pour « %1 » : enregistrez l’espace de travail pour l’activer.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="194"/>
        <source>&amp;Clear List</source>
        <translation>&amp;Vider la liste</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="204"/>
        <source>%1[*] — Portcullis</source>
        <translation>%1[*] — Portcullis</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="219"/>
        <source>Unsaved Changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="220"/>
        <source>The workspace &quot;%1&quot; has unsaved changes.</source>
        <translation>L’espace de travail « %1 » a des modifications non enregistrées.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="223"/>
        <source>Save them before going on?</source>
        <translation>Les enregistrer avant de continuer ?</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="243"/>
        <source>Open Workspace</source>
        <translation>Ouvrir un espace de travail</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="244"/>
        <source>Workspaces (*.json);;All files (*)</source>
        <translation>Espaces de travail (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="269"/>
        <location filename="../ui/MainWindow.cpp" line="281"/>
        <source>Cannot Save</source>
        <translation>Impossible d’enregistrer</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="275"/>
        <source>Save Workspace As</source>
        <translation>Enregistrer l’espace de travail sous</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="276"/>
        <source>Workspaces (*.json)</source>
        <translation>Espaces de travail (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="303"/>
        <source>Keychain: available</source>
        <translation>Trousseau : disponible</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="304"/>
        <source>Keychain unavailable: backend secrets cannot be read</source>
        <translation>Trousseau indisponible : les secrets des backends ne peuvent pas être lus</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="324"/>
        <source>Dismiss</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="329"/>
        <source>Open Another…</source>
        <translation>Ouvrir un autre…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="347"/>
        <source>Gateway stopped</source>
        <translation>Passerelle arrêtée</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="349"/>
        <source>Gateway listening on %1</source>
        <translation>Passerelle à l’écoute sur %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="351"/>
        <source>Gateway not listening: %1</source>
        <translation>La passerelle n’écoute pas : %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="353"/>
        <source>Gateway not listening</source>
        <translation>La passerelle n’écoute pas</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="373"/>
        <source>Configuration rejected; the gateway keeps serving the previous configuration.
%1</source>
        <translation>Configuration refusée ; la passerelle continue de servir la configuration précédente.
%1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="379"/>
        <source>The workspace cannot be served; the gateway serves nothing.
%1</source>
        <translation>L’espace de travail ne peut pas être servi ; la passerelle ne sert rien.
%1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="394"/>
        <source>Requests: %1 · Errors: %2</source>
        <translation>Requêtes : %1 · Erreurs : %2</translation>
    </message>
</context>
<context>
    <name>Portcullis::ServiceListModel</name>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="56"/>
        <source>API key</source>
        <translation>Clé d’API</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="58"/>
        <source>OAuth 2 bearer token</source>
        <translation>Jeton porteur OAuth 2</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="60"/>
        <source>None (unsafe)</source>
        <translation>Aucune (non sûr)</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="90"/>
        <source>%1
Tools: %2 · Security: %3</source>
        <translation>%1
Outils : %2 · Sécurité : %3</translation>
    </message>
</context>
<context>
    <name>Portcullis::ServicesPage</name>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="50"/>
        <source>No services configured yet. Add an OpenAPI document to expose its operations as MCP tools.</source>
        <translation>Aucun service configuré. Ajoutez un document OpenAPI pour exposer ses opérations comme outils MCP.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="97"/>
        <source>Show traffic</source>
        <translation>Afficher le trafic</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="99"/>
        <source>Open the traffic log filtered on this service</source>
        <translation>Ouvrir le journal du trafic filtré sur ce service</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="109"/>
        <source>No endpoint security — anyone who can reach this port can call these tools. For quick local tests only.</source>
        <translation>Aucune sécurité du point de terminaison — quiconque atteint ce port peut appeler ces outils. Pour des tests locaux rapides uniquement.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="120"/>
        <source>The MCP endpoint to give to your MCP client</source>
        <translation>Le point de terminaison MCP à donner à votre client MCP</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="121"/>
        <location filename="../ui/pages/ServicesPage.cpp" line="221"/>
        <source>Copy URL</source>
        <translation>Copier l’URL</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="139"/>
        <source>MCP endpoint:</source>
        <translation>Point de terminaison MCP :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="140"/>
        <source>Backend:</source>
        <translation>Backend :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="141"/>
        <source>Endpoint security:</source>
        <translation>Sécurité du point de terminaison :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="194"/>
        <source>(from the document&apos;s servers)</source>
        <translation>(d’après les serveurs du document)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="202"/>
        <source>Import warnings:</source>
        <translation>Avertissements d’import :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="209"/>
        <source>Tools (%1)</source>
        <translation>Outils (%1)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="220"/>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>Portcullis::TrafficLogModel</name>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="27"/>
        <source>%1 B</source>
        <translation>%1 o</translation>
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
        <translation> · erreur d’outil</translation>
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
        <translation>Total %1 ms, backend %2 ms</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="246"/>
        <source>Total %1 ms, no backend call</source>
        <translation>Total %1 ms, aucun appel au backend</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="248"/>
        <source>Request %1 bytes, response %2 bytes</source>
        <translation>Requête %1 octets, réponse %2 octets</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="273"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="274"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="275"/>
        <source>Revision</source>
        <translation>Révision</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="276"/>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="277"/>
        <source>Tool</source>
        <translation>Outil</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="278"/>
        <source>Principal</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="279"/>
        <source>Auth</source>
        <translation>Auth</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="280"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="281"/>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="282"/>
        <source>Latency (ms)</source>
        <translation>Latence (ms)</translation>
    </message>
    <message>
        <location filename="../ui/models/TrafficLogModel.cpp" line="283"/>
        <source>Size (req / resp)</source>
        <translation>Taille (req. / rép.)</translation>
    </message>
</context>
<context>
    <name>Portcullis::TrafficLogPage</name>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="64"/>
        <source>Errors only</source>
        <translation>Erreurs seulement</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="73"/>
        <source>Filter by service, tool, method, principal, path or detail</source>
        <translation>Filtrer par service, outil, méthode, principal, chemin ou détail</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="74"/>
        <source>Every word must match (case-insensitive). Esc clears.</source>
        <translation>Chaque mot doit correspondre (sans tenir compte de la casse). Échap efface.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="78"/>
        <source>Show the traffic of one service only</source>
        <translation>N’afficher que le trafic d’un service</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="80"/>
        <source>All services</source>
        <translation>Tous les services</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="84"/>
        <source>HTTP 4xx/5xx, JSON-RPC errors, tool errors, rejected requests</source>
        <translation>HTTP 4xx/5xx, erreurs JSON-RPC, erreurs d’outil, requêtes refusées</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="103"/>
        <source>Select a request to see its details (secrets are never recorded).</source>
        <translation>Sélectionnez une requête pour en voir le détail (les secrets ne sont jamais enregistrés).</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="237"/>
        <source>Showing %1 of %2</source>
        <translation>%1 affichées sur %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="239"/>
        <source>Requests: %1</source>
        <translation>Requêtes : %1</translation>
    </message>
</context>
<context>
    <name>Portcullis::WorkspaceDocument</name>
    <message>
        <location filename="../ui/WorkspaceDocument.cpp" line="28"/>
        <source>Untitled</source>
        <translation>Sans titre</translation>
    </message>
    <message>
        <location filename="../ui/WorkspaceDocument.cpp" line="29"/>
        <source>Built-in demo</source>
        <translation>Démo intégrée</translation>
    </message>
    <message>
        <location filename="../ui/WorkspaceDocument.cpp" line="93"/>
        <source>Choose a file name first (Save As).</source>
        <translation>Choisissez d’abord un nom de fichier (Enregistrer sous).</translation>
    </message>
    <message>
        <location filename="../ui/WorkspaceDocument.cpp" line="102"/>
        <source>This workspace cannot be saved.</source>
        <translation>Cet espace de travail ne peut pas être enregistré.</translation>
    </message>
    <message>
        <location filename="../ui/WorkspaceDocument.cpp" line="110"/>
        <source>%1 (line %2): %3</source>
        <translation>%1 (ligne %2) : %3</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/Application.cpp" line="260"/>
        <source>Portcullis exposes REST APIs (OpenAPI 3) as MCP servers at /mcp/{service}.
Without --config it runs its built-in demo.</source>
        <translation>Portcullis expose des API REST (OpenAPI 3) comme serveurs MCP sous /mcp/{service}.
Sans --config, il lance sa démo intégrée.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="266"/>
        <source>Run without a window (servers, CI).</source>
        <translation>Fonctionner sans fenêtre (serveurs, CI).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="268"/>
        <source>Workspace file to serve (hot-reloaded).</source>
        <translation>Fichier d’espace de travail à servir (rechargé à chaud).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="271"/>
        <source>Serve the built-in demo API and workspace.</source>
        <translation>Servir l’API et l’espace de travail de démonstration intégrés.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="274"/>
        <source>Listen address, e.g. 127.0.0.1:8765 (port 0: any).</source>
        <translation>Adresse d’écoute, par ex. 127.0.0.1:8765 (port 0 : quelconque).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="278"/>
        <source>Print one JSON line per traffic event to stdout.</source>
        <translation>Écrire une ligne JSON par événement de trafic sur stdout.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="280"/>
        <source>Serve Prometheus metrics at /metrics.</source>
        <translation>Servir les métriques Prometheus sous /metrics.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="283"/>
        <source>Generate (or renew) the API key of SERVICE in --config, print it once, exit.</source>
        <translation>Générer (ou renouveler) la clé d’API de SERVICE dans --config, l’afficher une fois, quitter.</translation>
    </message>
</context>
</TS>
