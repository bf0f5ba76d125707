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
        <translation>Le document n’existe pas.</translation>
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
    <name>Portcullis::BackendSecretPage</name>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="34"/>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="34"/>
        <source>Basic (user name and password)</source>
        <translation>Basic (nom d’utilisateur et mot de passe)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="34"/>
        <source>Token in a header</source>
        <translation>Jeton dans un en-tête</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="35"/>
        <source>Client certificate (mutual TLS)</source>
        <translation>Certificat client (TLS mutuel)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="35"/>
        <source>OAuth 2 client credentials</source>
        <translation>OAuth 2 client credentials</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="36"/>
        <source>Elicited token (each person types their own)</source>
        <translation>Jeton sollicité (chaque personne saisit le sien)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="37"/>
        <source>Elicited OAuth 2 (each person signs in)</source>
        <translation>OAuth 2 sollicité (chaque personne se connecte)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="49"/>
        <source>Optional, e.g. Bearer</source>
        <translation>Facultatif, p. ex. Bearer</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="51"/>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="53"/>
        <source>PEM files (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Fichiers PEM (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="56"/>
        <source>Discovers both endpoints (RFC 8414, then OpenID Connect)</source>
        <translation>Découvre les deux points d’accès (RFC 8414, puis OpenID Connect)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="65"/>
        <source>Space-separated</source>
        <translation>Séparées par des espaces</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="68"/>
        <source>Optional (RFC 8707)</source>
        <translation>Facultatif (RFC 8707)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="71"/>
        <source>Optional</source>
        <translation>Facultatif</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="72"/>
        <source>Allow plain-http endpoints on &amp;loopback (local tests only)</source>
        <translation>Autoriser des points d’accès http en clair sur &amp;loopback (tests locaux uniquement)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="74"/>
        <source>Keep each person&apos;s credential in the &amp;keychain across restarts</source>
        <translation>Conserver l’identifiant de chaque personne dans le &amp;trousseau entre les redémarrages</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="87"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="89"/>
        <source>&amp;User name:</source>
        <translation>Nom d’&amp;utilisateur :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="90"/>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="215"/>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="91"/>
        <source>&amp;Header name:</source>
        <translation>Nom de l’&amp;en-tête :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="92"/>
        <source>S&amp;cheme:</source>
        <translation>S&amp;chéma :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="95"/>
        <source>Aut&amp;horization endpoint:</source>
        <translation>Point d’accès d’aut&amp;horisation :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="98"/>
        <source>Client I&amp;D:</source>
        <translation>I&amp;dentifiant client :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="99"/>
        <source>Sco&amp;pes:</source>
        <translation>Por&amp;tées :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="100"/>
        <source>Reso&amp;urce:</source>
        <translation>Ress&amp;ource :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="101"/>
        <source>Aud&amp;ience:</source>
        <translation>Aud&amp;ience :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="93"/>
        <source>&amp;Certificate:</source>
        <translation>&amp;Certificat :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="94"/>
        <source>&amp;Issuer:</source>
        <translation>É&amp;metteur :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="97"/>
        <source>&amp;Token endpoint:</source>
        <translation>Point d’accès de &amp;jeton :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="103"/>
        <source>Trusted C&amp;A:</source>
        <translation>A&amp;C de confiance :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="143"/>
        <source>Keychain available: %1. Secret values are stored there and never shown again.</source>
        <translation>Trousseau disponible : %1. Les valeurs secrètes y sont stockées et ne sont plus jamais affichées.</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="147"/>
        <source>Keychain: not reachable. No Secret Service answers on the session bus (GNOME Keyring or KWallet must run and be unlocked). Enter ${env:NAME} references instead and set those variables for the gateway.</source>
        <translation>Trousseau : injoignable. Aucun Secret Service ne répond sur le bus de session (GNOME Keyring ou KWallet doit tourner et être déverrouillé). Saisissez plutôt des références ${env:NAME} et définissez ces variables pour la passerelle.</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="213"/>
        <source>PEM files (*.pem *.key);;All files (*)</source>
        <translation>Fichiers PEM (*.pem *.key);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="217"/>
        <source>&amp;Token:</source>
        <translation>&amp;Jeton :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="219"/>
        <source>Private &amp;key:</source>
        <translation>&amp;Clé privée :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="221"/>
        <source>Client s&amp;ecret (optional):</source>
        <translation>S&amp;ecret client (facultatif) :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="223"/>
        <source>Client s&amp;ecret:</source>
        <translation>S&amp;ecret client :</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="225"/>
        <source>Default: Authorization (sends &quot;Bearer &lt;token&gt;&quot;)</source>
        <translation>Par défaut : Authorization (envoie « Bearer &lt;jeton&gt; »)</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="226"/>
        <source>e.g. X-API-Key or Authorization</source>
        <translation>p. ex. X-API-Key ou Authorization</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="229"/>
        <source>No credential added; the caller&apos;s own headers reach the backend.</source>
        <translation>Aucun identifiant ajouté ; les en-têtes de l’appelant parviennent au backend.</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="230"/>
        <source>Sent as Authorization: Basic on every backend call.</source>
        <translation>Envoyé comme Authorization: Basic à chaque appel du backend.</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="231"/>
        <source>Sent in the header below on every backend call.</source>
        <translation>Envoyé dans l’en-tête ci-dessous à chaque appel du backend.</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="232"/>
        <source>The gateway presents this certificate and key to an https backend.</source>
        <translation>La passerelle présente ce certificat et cette clé à un backend https.</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="233"/>
        <source>The gateway gets a token with its own client and sends it as a bearer.</source>
        <translation>La passerelle obtient un jeton avec son propre client et l’envoie comme bearer.</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="234"/>
        <source>Each person types their own credential on a page the gateway serves (needs API key or OAuth2).</source>
        <translation>Chaque personne saisit son propre identifiant sur une page de la passerelle (nécessite clé d’API ou OAuth2).</translation>
    </message>
    <message>
        <location filename="../ui/pages/BackendSecretPage.cpp" line="235"/>
        <source>Each person signs in at the backend&apos;s authorization server (code + PKCE) on a gateway page.</source>
        <translation>Chaque personne se connecte au serveur d’autorisation du backend (code + PKCE) sur une page de la passerelle.</translation>
    </message>
</context>
<context>
    <name>Portcullis::ConfigurePage</name>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="37"/>
        <source>Ser&amp;vice:</source>
        <translation>Ser&amp;vice :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="39"/>
        <source>Add &amp;Service…</source>
        <translation>Ajouter un &amp;service…</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="41"/>
        <source>Add a service from an OpenAPI document (you can also drop the file on the window)</source>
        <translation>Ajouter un service depuis un document OpenAPI (vous pouvez aussi déposer le fichier sur la fenêtre)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="42"/>
        <source>Rena&amp;me…</source>
        <translation>Reno&amp;mmer…</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="44"/>
        <source>&amp;Remove…</source>
        <translation>&amp;Retirer…</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="90"/>
        <location filename="../ui/pages/ConfigurePage.cpp" line="176"/>
        <source>No services yet. Add one from an OpenAPI document with &quot;Add Service…&quot;, or drop the document on this window.</source>
        <translation>Aucun service pour l’instant. Ajoutez-en un depuis un document OpenAPI avec « Ajouter un service… », ou déposez le document sur cette fenêtre.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="178"/>
        <source>The built-in demo cannot be edited. Create a workspace (File ▸ New) or open one to configure services.</source>
        <translation>La démo intégrée ne peut pas être modifiée. Créez un espace de travail (Fichier ▸ Nouveau) ou ouvrez-en un pour configurer des services.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="258"/>
        <source> (line %1)</source>
        <translation> (ligne %1)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="259"/>
        <source>The workspace cannot be saved yet: %1</source>
        <translation>L’espace de travail ne peut pas encore être enregistré : %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="263"/>
        <source> — see the %1 page</source>
        <translation> — voir la page « %1 »</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="274"/>
        <location filename="../ui/pages/ConfigurePage.cpp" line="282"/>
        <location filename="../ui/pages/ConfigurePage.cpp" line="287"/>
        <location filename="../ui/pages/ConfigurePage.cpp" line="290"/>
        <source>Rename Service</source>
        <translation>Renommer le service</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="275"/>
        <source>New name (the endpoint&apos;s path segment, A-Z a-z 0-9 _ . -):</source>
        <translation>Nouveau nom (segment de chemin du point d’accès, A-Z a-z 0-9 _ . -) :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="283"/>
        <source>A service name is 1-64 characters of A-Z a-z 0-9 _ . - (it is part of the URL).</source>
        <translation>Un nom de service compte de 1 à 64 caractères parmi A-Z a-z 0-9 _ . - (il fait partie de l’URL).</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="287"/>
        <source>Another service is already called &quot;%1&quot;.</source>
        <translation>Un autre service s’appelle déjà « %1 ».</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="291"/>
        <source>Rename &quot;%1&quot; to &quot;%2&quot;? Once saved, its endpoint moves to %3 and clients using the old URL must be updated.</source>
        <translation>Renommer « %1 » en « %2 » ? Une fois enregistré, son point d’accès devient %3 et les clients utilisant l’ancienne URL doivent être mis à jour.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="307"/>
        <source>Remove Service</source>
        <translation>Supprimer le service</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConfigurePage.cpp" line="308"/>
        <source>Remove service &quot;%1&quot;? Its clients lose access once the workspace is saved.</source>
        <translation>Supprimer le service « %1 » ? Ses clients perdent l’accès dès l’enregistrement de l’espace de travail.</translation>
    </message>
</context>
<context>
    <name>Portcullis::ConnectClientPage</name>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="55"/>
        <source>&amp;Endpoint URL:</source>
        <translation>URL du point d’&amp;accès :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="60"/>
        <source>&amp;mcp.json entry:</source>
        <translation>Entrée &amp;mcp.json :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="65"/>
        <source>&amp;Inspector:</source>
        <translation>&amp;Inspector :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="80"/>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="85"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="84"/>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="117"/>
        <source>Clients send the API key in the x-reshapr-key header: replace the placeholder with the key you copied when it was generated.</source>
        <translation>Les clients envoient la clé d’API dans l’en-tête x-reshapr-key : remplacez l’espace réservé par la clé copiée lors de sa génération.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="120"/>
        <source>Clients sign in at the authorization server and send a bearer token; clients that support MCP authorization discover it from the endpoint.</source>
        <translation>Les clients se connectent au serveur d’autorisation et envoient un jeton bearer ; les clients qui gèrent l’autorisation MCP le découvrent depuis le point d’accès.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectClientPage.cpp" line="123"/>
        <source>No endpoint security: any local process can call this endpoint.</source>
        <translation>Aucune sécurité du point d’accès : tout processus local peut appeler ce point d’accès.</translation>
    </message>
</context>
<context>
    <name>Portcullis::ConnectionDoctorPage</name>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="49"/>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="57"/>
        <source>Check the service&apos;s OAuth chain step by step</source>
        <translation>Vérifier la chaîne OAuth du service étape par étape</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="69"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="69"/>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="69"/>
        <source>Authorization server</source>
        <translation>Serveur d’autorisation</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="69"/>
        <source>Request</source>
        <translation>Requête</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="69"/>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="69"/>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="69"/>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="80"/>
        <source>Select a step to read what was asked and what came back.</source>
        <translation>Sélectionnez une étape pour lire ce qui a été demandé et ce qui a été répondu.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="83"/>
        <source>&amp;Service:</source>
        <translation>&amp;Service :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="103"/>
        <source>Choose an OAuth2 service and press Run: the gateway&apos;s own metadata, each authorization server&apos;s metadata, issuer and keys, and the introspection endpoint are checked in turn.</source>
        <translation>Choisissez un service OAuth2 et cliquez sur Lancer : les métadonnées de la passerelle, puis les métadonnées, l’émetteur et les clés de chaque serveur d’autorisation, et le point de terminaison d’introspection sont vérifiés tour à tour.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="133"/>
        <source>No OAuth2 service</source>
        <translation>Aucun service OAuth2</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="160"/>
        <source>Checking %1…</source>
        <translation>Vérification de %1…</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="177"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="194"/>
        <source>All checks passed for %1 (%2 steps, %3 ms).</source>
        <translation>Toutes les vérifications ont réussi pour %1 (%2 étapes, %3 ms).</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="201"/>
        <source>Step %1 (%2) failed: %3</source>
        <translation>Étape %1 (%2) en échec : %3</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="204"/>
        <source>Cannot check: %1</source>
        <translation>Vérification impossible : %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="221"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="223"/>
        <source>Authorization server: %1</source>
        <translation>Serveur d’autorisation : %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="225"/>
        <source>Request: %1 %2</source>
        <translation>Requête : %1 %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="227"/>
        <source>HTTP status: %1</source>
        <translation>Statut HTTP : %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="229"/>
        <source>Time: %1 ms</source>
        <translation>Durée : %1 ms</translation>
    </message>
    <message>
        <location filename="../ui/pages/ConnectionDoctorPage.cpp" line="230"/>
        <source>Result: %1</source>
        <translation>Résultat : %1</translation>
    </message>
</context>
<context>
    <name>Portcullis::ElicitationLogModel</name>
    <message>
        <location filename="../ui/models/ElicitationLogModel.cpp" line="70"/>
        <source>Requested</source>
        <translation>Demandée</translation>
    </message>
    <message>
        <location filename="../ui/models/ElicitationLogModel.cpp" line="71"/>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <location filename="../ui/models/ElicitationLogModel.cpp" line="72"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../ui/models/ElicitationLogModel.cpp" line="73"/>
        <source>Credential</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../ui/models/ElicitationLogModel.cpp" line="74"/>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <location filename="../ui/models/ElicitationLogModel.cpp" line="75"/>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../ui/models/ElicitationLogModel.cpp" line="76"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
</context>
<context>
    <name>Portcullis::ElicitationsPage</name>
    <message>
        <location filename="../ui/pages/ElicitationsPage.cpp" line="37"/>
        <source>Filter by person, service, credential, stage or reason</source>
        <translation>Filtrer par personne, service, identifiant, étape ou motif</translation>
    </message>
    <message>
        <location filename="../ui/pages/ElicitationsPage.cpp" line="41"/>
        <source>All stages</source>
        <translation>Toutes les étapes</translation>
    </message>
    <message>
        <location filename="../ui/pages/ElicitationsPage.cpp" line="101"/>
        <source>Elicitations: %1 of %2</source>
        <translation>Sollicitations : %1 sur %2</translation>
    </message>
</context>
<context>
    <name>Portcullis::EndpointSecurityPage</name>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="47"/>
        <source>&amp;None</source>
        <translation>&amp;Aucune</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="49"/>
        <source>API &amp;key (x-reshapr-key header)</source>
        <translation>&amp;Clé d’API (en-tête x-reshapr-key)</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="51"/>
        <source>&amp;OAuth 2 bearer tokens</source>
        <translation>Jetons bearer &amp;OAuth 2</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="63"/>
        <source>No endpoint security — anyone who can reach this port can call these tools. For quick local tests only.</source>
        <translation>Aucune sécurité du point d’accès — quiconque atteint ce port peut appeler ces outils. Uniquement pour des tests locaux rapides.</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="72"/>
        <source>API key</source>
        <translation>Clé d’API</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="75"/>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="231"/>
        <source>&amp;Generate Key…</source>
        <translation>&amp;Générer une clé…</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="81"/>
        <source>Valid keys:</source>
        <translation>Clés valides :</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="83"/>
        <source>A key is shown once, when it is generated; only its id is kept. Generating a new key revokes the previous one when the workspace is saved.</source>
        <translation>Une clé n’est affichée qu’une fois, à sa génération ; seul son identifiant est conservé. Générer une nouvelle clé révoque la précédente à l’enregistrement de l’espace de travail.</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="90"/>
        <source>OAuth 2</source>
        <translation>OAuth 2</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="97"/>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="99"/>
        <source>Dele&amp;te</source>
        <translation>Supprim&amp;er</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="124"/>
        <source>Require the at+jwt token t&amp;ype (RFC 9068)</source>
        <translation>Exiger le t&amp;ype de jeton at+jwt (RFC 9068)</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="140"/>
        <source>Re&amp;quired scopes:</source>
        <translation>Portées re&amp;quises :</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="146"/>
        <source>Reso&amp;urce URL:</source>
        <translation>URL de la ress&amp;ource :</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="152"/>
        <source>Introspection client I&amp;D:</source>
        <translation>I&amp;dentifiant client d’introspection :</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="111"/>
        <source>Space-separated, e.g. mcp:read</source>
        <translation>Séparées par des espaces, p. ex. mcp:read</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="123"/>
        <source>Tokens must name this URL as their audience (RFC 8707 resource)</source>
        <translation>Les jetons doivent nommer cette URL comme audience (ressource RFC 8707)</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="127"/>
        <source>Allow plain-http issuers on &amp;loopback (local tests only)</source>
        <translation>Autoriser des émetteurs http en clair sur &amp;loopback (tests locaux uniquement)</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="131"/>
        <source>Optional: RFC 7662 endpoint for opaque tokens</source>
        <translation>Facultatif : point d’accès RFC 7662 pour les jetons opaques</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="138"/>
        <source>Authori&amp;zation servers:</source>
        <translation>Serveurs d’auto&amp;risation :</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="143"/>
        <source>Per-tool s&amp;copes:</source>
        <translation>Portées par &amp;outil :</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="150"/>
        <source>&amp;Introspection endpoint:</source>
        <translation>Point d’accès d’&amp;introspection :</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="154"/>
        <source>Introspection secret:</source>
        <translation>Secret d’introspection :</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="156"/>
        <source>C&amp;heck Connection…</source>
        <translation>Vérifier la &amp;connexion…</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="159"/>
        <source>Run the connection doctor: the gateway&apos;s metadata, each authorization server&apos;s metadata, issuer and keys, and the introspection endpoint, step by step (on the saved configuration)</source>
        <translation>Lancer le diagnostic de connexion : métadonnées de la passerelle, métadonnées, émetteur et clés de chaque serveur d’autorisation, et point de terminaison d’introspection, étape par étape (sur la configuration enregistrée)</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="167"/>
        <source>Mode:</source>
        <translation>Mode :</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="230"/>
        <source>No key yet</source>
        <translation>Pas encore de clé</translation>
    </message>
    <message>
        <location filename="../ui/pages/EndpointSecurityPage.cpp" line="231"/>
        <source>Re&amp;new Key…</source>
        <translation>Re&amp;nouveler la clé…</translation>
    </message>
</context>
<context>
    <name>Portcullis::GatewayTrayIcon</name>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="25"/>
        <source>&amp;Show Window</source>
        <translation>&amp;Afficher la fenêtre</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="27"/>
        <location filename="../ui/GatewayTrayIcon.cpp" line="58"/>
        <source>S&amp;top Gateway</source>
        <translation>A&amp;rrêter la passerelle</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="35"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="58"/>
        <source>S&amp;tart Gateway</source>
        <translation>&amp;Démarrer la passerelle</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="74"/>
        <source>Gateway stopped</source>
        <translation>Passerelle arrêtée</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="76"/>
        <source>Listening on %1</source>
        <translation>À l’écoute sur %1</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="78"/>
        <source>Not listening: %1</source>
        <translation>Pas à l’écoute : %1</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="80"/>
        <source>Not listening</source>
        <translation>Pas à l’écoute</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="85"/>
        <source>Services: %1</source>
        <translation>Services : %1</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="87"/>
        <source>(not served: %1)</source>
        <translation>(non servis : %1)</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="88"/>
        <source>Portcullis</source>
        <translation>Portcullis</translation>
    </message>
    <message>
        <location filename="../ui/GatewayTrayIcon.cpp" line="89"/>
        <source>Requests: %1 · Errors: %2</source>
        <translation>Requêtes : %1 · Erreurs : %2</translation>
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
        <translation>Vue d’ensemble</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="75"/>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="76"/>
        <source>Configure</source>
        <translation>Configurer</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="77"/>
        <source>Traffic</source>
        <translation>Trafic</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="80"/>
        <source>Elicitations</source>
        <translation>Sollicitations</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="83"/>
        <source>Credentials</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="84"/>
        <source>Diagnostics</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="240"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="249"/>
        <source>&amp;New</source>
        <translation>&amp;Nouveau</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="250"/>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="251"/>
        <source>Open &amp;Recent</source>
        <translation>Ouvrir un fichier &amp;récent</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="255"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="256"/>
        <source>Save &amp;As…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="257"/>
        <source>Re&amp;load</source>
        <translation>Re&amp;charger</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="259"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="263"/>
        <source>&amp;Service</source>
        <translation>&amp;Service</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="265"/>
        <source>&amp;Add Service…</source>
        <translation>&amp;Ajouter un service…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="267"/>
        <source>&amp;Remove Service…</source>
        <translation>&amp;Retirer le service…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="270"/>
        <source>&amp;Generate API Key…</source>
        <translation>&amp;Générer une clé d’API…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="274"/>
        <source>&amp;View</source>
        <translation>Aff&amp;ichage</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="276"/>
        <source>Show &amp;Tray Icon</source>
        <translation>Afficher l’icône dans la zone de &amp;notification</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="280"/>
        <source>The gateway&apos;s state in the system tray</source>
        <translation>L’état de la passerelle dans la zone de notification</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="281"/>
        <source>This desktop has no system tray</source>
        <translation>Ce bureau n’a pas de zone de notification</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="284"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="286"/>
        <source>Start &amp;Secure Demo</source>
        <translation>Démarrer la démo &amp;sécurisée</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="288"/>
        <source>OAuth 2 on the endpoint and an elicited backend token, with a demo authorization server, all on this computer</source>
        <translation>OAuth 2 sur le point de terminaison et un jeton de backend sollicité, avec un serveur d’autorisation de démonstration, le tout sur cet ordinateur</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="301"/>
        <source>Connection Doctor</source>
        <translation>Diagnostic de connexion</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="302"/>
        <source>Token Inspector</source>
        <translation>Inspecteur de jeton</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="346"/>
        <source>&quot;%1&quot; is not served with OAuth 2 yet: save the workspace, then check again.</source>
        <translation>« %1 » n’est pas encore servi avec OAuth 2 : enregistrez l’espace de travail, puis vérifiez à nouveau.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="362"/>
        <source>Captured tokens are redacted: paste the bearer token to inspect it.</source>
        <translation>Les jetons capturés sont masqués : collez le jeton bearer pour l’inspecter.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="372"/>
        <source>Starting the secure demo…</source>
        <translation>Démarrage de la démo sécurisée…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="386"/>
        <source>Secure Demo</source>
        <translation>Démo sécurisée</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="386"/>
        <source>The secure demo could not start: %1</source>
        <translation>La démo sécurisée n’a pas pu démarrer : %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="404"/>
        <source>Add Service</source>
        <translation>Ajouter un service</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="405"/>
        <source>The built-in demo cannot be edited. Create a workspace (File ▸ New) or open one first.</source>
        <translation>La démo intégrée ne peut pas être modifiée. Créez d’abord un espace de travail (Fichier ▸ Nouveau) ou ouvrez-en un.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="418"/>
        <source>Service &quot;%1&quot; added; save the workspace to serve it.</source>
        <translation>Service « %1 » ajouté ; enregistrez l’espace de travail pour le servir.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="428"/>
        <source>Remove Service</source>
        <translation>Retirer le service</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="429"/>
        <source>Remove service &quot;%1&quot;? Its clients lose access once the workspace is saved.</source>
        <translation>Retirer le service « %1 » ? Ses clients perdent l’accès dès que l’espace de travail est enregistré.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="446"/>
        <source>New API key for &quot;%1&quot;: save the workspace to activate it.</source>
        <translation>Nouvelle clé d’API pour « %1 » : enregistrez l’espace de travail pour l’activer.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="464"/>
        <source>&amp;Clear List</source>
        <translation>&amp;Vider la liste</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="474"/>
        <source>%1[*] — Portcullis</source>
        <translation>%1[*] — Portcullis</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="489"/>
        <source>Unsaved Changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="490"/>
        <source>The workspace &quot;%1&quot; has unsaved changes.</source>
        <translation>L’espace de travail « %1 » a des modifications non enregistrées.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="493"/>
        <source>Save them before going on?</source>
        <translation>Les enregistrer avant de continuer ?</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="514"/>
        <source>Open Workspace</source>
        <translation>Ouvrir un espace de travail</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="514"/>
        <source>Workspaces (*.json);;All files (*)</source>
        <translation>Espaces de travail (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="539"/>
        <location filename="../ui/MainWindow.cpp" line="551"/>
        <source>Cannot Save</source>
        <translation>Impossible d’enregistrer</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="545"/>
        <source>Save Workspace As</source>
        <translation>Enregistrer l’espace de travail sous</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="546"/>
        <source>Workspaces (*.json)</source>
        <translation>Espaces de travail (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="575"/>
        <source>Keychain: available</source>
        <translation>Trousseau : disponible</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="576"/>
        <source>Keychain unavailable: backend secrets cannot be read</source>
        <translation>Trousseau indisponible : les secrets des backends ne peuvent pas être lus</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="596"/>
        <source>Dismiss</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="601"/>
        <source>Open Another…</source>
        <translation>Ouvrir un autre…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="626"/>
        <source>Gateway stopped</source>
        <translation>Passerelle arrêtée</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="628"/>
        <source>Gateway listening on %1</source>
        <translation>Passerelle à l’écoute sur %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="630"/>
        <source>Gateway not listening: %1</source>
        <translation>La passerelle n’écoute pas : %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="632"/>
        <source>Gateway not listening</source>
        <translation>La passerelle n’écoute pas</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="652"/>
        <source>Configuration rejected; the gateway keeps serving the previous configuration.
%1</source>
        <translation>Configuration refusée ; la passerelle continue de servir la configuration précédente.
%1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="658"/>
        <source>The workspace cannot be served; the gateway serves nothing.
%1</source>
        <translation>L’espace de travail ne peut pas être servi ; la passerelle ne sert rien.
%1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="673"/>
        <source>Requests: %1 · Errors: %2</source>
        <translation>Requêtes : %1 · Erreurs : %2</translation>
    </message>
</context>
<context>
    <name>Portcullis::OverviewPage</name>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="98"/>
        <source>Gateway</source>
        <translation>Passerelle</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="129"/>
        <source>Keychain</source>
        <translation>Trousseau</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="150"/>
        <source>Endpoints</source>
        <translation>Points de terminaison</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="162"/>
        <source>No service is served yet: open a workspace or add a service.</source>
        <translation>Aucun service n’est encore servi : ouvrez un espace de travail ou ajoutez un service.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="173"/>
        <source>Traffic in the last 10 minutes</source>
        <translation>Trafic des 10 dernières minutes</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="189"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="192"/>
        <source>Per second</source>
        <translation>Par seconde</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="207"/>
        <source>Solid lines: requests per second · dashed: errors per second</source>
        <translation>Traits pleins : requêtes par seconde · pointillés : erreurs par seconde</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="234"/>
        <location filename="../ui/pages/OverviewPage.cpp" line="243"/>
        <source>Stopped</source>
        <translation>Arrêtée</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="235"/>
        <source>The gateway is not running.</source>
        <translation>La passerelle ne fonctionne pas.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="238"/>
        <source>Listening</source>
        <translation>À l’écoute</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="239"/>
        <source>On %1. Stop closes the listener: calls already received finish, nothing new is answered.</source>
        <translation>Sur %1. L’arrêt ferme l’écoute : les appels déjà reçus se terminent, aucun nouvel appel ne reçoit de réponse.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="245"/>
        <source>Not listening: clients get no answer. Start listens again.</source>
        <translation>Pas à l’écoute : les clients n’obtiennent aucune réponse. Le démarrage relance l’écoute.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="246"/>
        <source>Not listening: clients get no answer. Start listens again on %1.</source>
        <translation>Pas à l’écoute : les clients n’obtiennent aucune réponse. Le démarrage relance l’écoute sur %1.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="249"/>
        <location filename="../ui/pages/OverviewPage.cpp" line="257"/>
        <source>Not listening</source>
        <translation>Pas à l’écoute</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="253"/>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="254"/>
        <source>Importing the workspace&apos;s OpenAPI documents…</source>
        <translation>Importation des documents OpenAPI de l’espace de travail…</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="259"/>
        <source>The gateway has not been asked to listen.</source>
        <translation>La passerelle n’a pas été invitée à écouter.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="259"/>
        <source>No workspace is served yet.</source>
        <translation>Aucun espace de travail n’est encore servi.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="266"/>
        <source>&amp;Stop Gateway</source>
        <translation>A&amp;rrêter la passerelle</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="266"/>
        <source>&amp;Start Gateway</source>
        <translation>&amp;Démarrer la passerelle</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="267"/>
        <source>Close the listener; the workspace stays loaded</source>
        <translation>Fermer l’écoute ; l’espace de travail reste chargé</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="268"/>
        <source>Listen again on the same address</source>
        <translation>Écouter de nouveau sur la même adresse</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="277"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="277"/>
        <source>Available: %1</source>
        <translation>Disponible : %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="280"/>
        <source>Backend secrets are read from the system keychain when a call needs them; they are never shown again or written to the workspace.</source>
        <translation>Les secrets des backends sont lus dans le trousseau du système quand un appel en a besoin ; ils ne sont plus jamais affichés ni écrits dans l’espace de travail.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="283"/>
        <source>Not available</source>
        <translation>Indisponible</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="286"/>
        <source>No keychain answers (for example GNOME Keyring or KWallet is not running or is locked). Tools of services whose backend secret is stored there answer with an error until it is unlocked; secrets given as ${env:NAME} keep working.</source>
        <translation>Aucun trousseau ne répond (par exemple, GNOME Keyring ou KWallet n’est pas lancé ou est verrouillé). Les outils des services dont le secret de backend y est stocké répondent par une erreur jusqu’à son déverrouillage ; les secrets donnés sous la forme ${env:NAME} continuent de fonctionner.</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="320"/>
        <source>Not served: %1</source>
        <translation>Non servi : %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="332"/>
        <source>%1 (not listening)</source>
        <translation>%1 (pas à l’écoute)</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="337"/>
        <source>Endpoint URL of %1</source>
        <translation>URL du point de terminaison de %1</translation>
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
        <translation>Copier</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="351"/>
        <source>Copy the endpoint URL of %1</source>
        <translation>Copier l’URL du point de terminaison de %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="355"/>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="394"/>
        <source>Last 10 minutes: %1 requests, %2 errors</source>
        <translation>10 dernières minutes : %1 requêtes, %2 erreurs</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="429"/>
        <source>Other</source>
        <translation>Autres</translation>
    </message>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="436"/>
        <source>%1 errors</source>
        <translation>%1 (erreurs)</translation>
    </message>
</context>
<context>
    <name>Portcullis::SecretField</name>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="27"/>
        <source>Secret value (stored in the keychain), or ${env:NAME}</source>
        <translation>Valeur secrète (stockée dans le trousseau) ou ${env:NAME}</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="28"/>
        <location filename="../ui/widgets/SecretField.cpp" line="79"/>
        <source>Store</source>
        <translation>Stocker</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="30"/>
        <source>Store the value in the OS keychain; the workspace only names the entry</source>
        <translation>Stocker la valeur dans le trousseau du système ; l’espace de travail ne nomme que l’entrée</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="31"/>
        <source>From File…</source>
        <translation>Depuis un fichier…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="34"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="48"/>
        <source>Replace…</source>
        <translation>Remplacer…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="50"/>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="79"/>
        <source>Use Variable</source>
        <translation>Utiliser la variable</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="133"/>
        <source>Stored in the keychain (entry &quot;%1&quot;)</source>
        <translation>Stocké dans le trousseau (entrée « %1 »)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="135"/>
        <source>From the environment variable %1</source>
        <translation>Depuis la variable d’environnement %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="137"/>
        <source>Not a valid reference; replace it</source>
        <translation>Référence invalide ; remplacez-la</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="157"/>
        <source>Write an environment reference as ${env:NAME}, NAME made of letters, digits and _.</source>
        <translation>Écrivez une référence d’environnement sous la forme ${env:NAME}, NAME composé de lettres, chiffres et _.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="177"/>
        <source>No gateway to store the secret with.</source>
        <translation>Aucune passerelle pour stocker le secret.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="181"/>
        <source>Storing in the keychain…</source>
        <translation>Stockage dans le trousseau…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="187"/>
        <source>No keychain is reachable (%1). Start your desktop&apos;s Secret Service (GNOME Keyring or KWallet) and try again, or enter ${env:NAME} and set that variable for the gateway.</source>
        <translation>Aucun trousseau n’est joignable (%1). Démarrez le Secret Service de votre bureau (GNOME Keyring ou KWallet) et réessayez, ou saisissez ${env:NAME} et définissez cette variable pour la passerelle.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="191"/>
        <source>The keychain refused the secret: %1</source>
        <translation>Le trousseau a refusé le secret : %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="206"/>
        <source>Choose File</source>
        <translation>Choisir un fichier</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="211"/>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="216"/>
        <source>The file is larger than 64 KiB.</source>
        <translation>Le fichier dépasse 64 Kio.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/SecretField.cpp" line="233"/>
        <source>The keychain entry could not be removed: %1</source>
        <translation>L’entrée du trousseau n’a pas pu être supprimée : %1</translation>
    </message>
</context>
<context>
    <name>Portcullis::SecureDemoDialog</name>
    <message>
        <location filename="../ui/dialogs/SecureDemoDialog.cpp" line="20"/>
        <source>Secure Demo</source>
        <translation>Démo sécurisée</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/SecureDemoDialog.cpp" line="21"/>
        <source>The secure demo is running on this computer only (127.0.0.1): OAuth 2 on the MCP endpoint and an elicited backend token. The authorization server is for the demo only. Try it with the MCP Inspector or the SDK:</source>
        <translation>La démo sécurisée tourne uniquement sur cet ordinateur (127.0.0.1) : OAuth 2 sur le point de terminaison MCP et un jeton de backend sollicité. Le serveur d’autorisation sert uniquement à la démo. Essayez-la avec le MCP Inspector ou le SDK :</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/SecureDemoDialog.cpp" line="35"/>
        <source>&amp;Copy Guide</source>
        <translation>&amp;Copier le guide</translation>
    </message>
</context>
<context>
    <name>Portcullis::ServiceGeneralPage</name>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="43"/>
        <source>OpenAPI 3 document (YAML or JSON)</source>
        <translation>Document OpenAPI 3 (YAML ou JSON)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="44"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="52"/>
        <source>Default: the document&apos;s first server</source>
        <translation>Par défaut : le premier serveur du document</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="57"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="60"/>
        <source>Automatic (operationId, else method and path)</source>
        <translation>Automatique (operationId, sinon méthode et chemin)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="61"/>
        <source>operationId</source>
        <translation>operationId</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="62"/>
        <source>Method and path (get_v1_forecast)</source>
        <translation>Méthode et chemin (get_v1_forecast)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="65"/>
        <source>One per line: tool name, operationId or &quot;GET /path&quot;. Empty: all.</source>
        <translation>Un par ligne : nom d’outil, operationId ou « GET /chemin ». Vide : tous.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="68"/>
        <source>One per line</source>
        <translation>Un par ligne</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="85"/>
        <source>&amp;OpenAPI document:</source>
        <translation>Document &amp;OpenAPI :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="86"/>
        <source>Backend base &amp;URL:</source>
        <translation>&amp;URL de base du backend :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="87"/>
        <source>&amp;Timeout:</source>
        <translation>&amp;Délai :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="88"/>
        <source>Tool &amp;naming:</source>
        <translation>&amp;Nommage des outils :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="89"/>
        <source>&amp;Include:</source>
        <translation>&amp;Inclure :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="90"/>
        <source>E&amp;xclude:</source>
        <translation>E&amp;xclure :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="113"/>
        <source>Select a tool to see its input schema</source>
        <translation>Sélectionnez un outil pour voir son schéma d’entrée</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="115"/>
        <source>&amp;Preview of the tools</source>
        <translation>&amp;Aperçu des outils</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="246"/>
        <source>Choose a document to see its tools.</source>
        <translation>Choisissez un document pour voir ses outils.</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="259"/>
        <source>Importing…</source>
        <translation>Import en cours…</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="274"/>
        <source>The document cannot be imported: %1</source>
        <translation>Le document ne peut pas être importé : %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="280"/>
        <source>%1 — %2 tools</source>
        <translation>%1 — %2 outils</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="280"/>
        <source>(untitled)</source>
        <translation>(sans titre)</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="287"/>
        <source>Import warnings:</source>
        <translation>Avertissements d’import :</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="304"/>
        <source>OpenAPI Document</source>
        <translation>Document OpenAPI</translation>
    </message>
    <message>
        <location filename="../ui/pages/ServiceGeneralPage.cpp" line="305"/>
        <source>OpenAPI documents (*.yaml *.yml *.json);;All files (*)</source>
        <translation>Documents OpenAPI (*.yaml *.yml *.json);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>Portcullis::ServiceListModel</name>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="57"/>
        <source>API key</source>
        <translation>Clé d’API</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="59"/>
        <source>OAuth 2 bearer token</source>
        <translation>Jeton porteur OAuth 2</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="61"/>
        <source>None (unsafe)</source>
        <translation>Aucune (non sûr)</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="94"/>
        <source>%1
Not served: configuration refused</source>
        <translation>%1
Non servi : configuration refusée</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="95"/>
        <source>%1
Tools: %2 · Security: %3</source>
        <translation>%1
Outils : %2 · Sécurité : %3</translation>
    </message>
    <message>
        <location filename="../ui/models/ServiceListModel.cpp" line="99"/>
        <source>%1 is not served (its endpoint answers 503): %2</source>
        <translation>%1 n’est pas servi (son point d’accès répond 503) : %2</translation>
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
        <translation>%1 j %2 h</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="47"/>
        <source>Refreshing…</source>
        <translation>Renouvellement…</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="50"/>
        <source>Refresh due</source>
        <translation>Renouvellement dû</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="50"/>
        <source>Expired: the person is asked again</source>
        <translation>Expiré : la personne sera sollicitée à nouveau</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="51"/>
        <source>Refresh token held</source>
        <translation>Jeton de rafraîchissement détenu</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="51"/>
        <source>No refresh token</source>
        <translation>Aucun jeton de rafraîchissement</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="53"/>
        <source>Not refreshable (typed by the person)</source>
        <translation>Non renouvelable (saisi par la personne)</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="69"/>
        <source>Obtained %1</source>
        <translation>Obtenu le %1</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="81"/>
        <source>OAuth 2.0 token</source>
        <translation>Jeton OAuth 2.0</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="81"/>
        <source>Typed credential</source>
        <translation>Identifiant saisi</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="82"/>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="85"/>
        <source>No known expiry</source>
        <translation>Pas d’expiration connue</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="87"/>
        <source>in %1</source>
        <translation>dans %1</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="87"/>
        <source>expired %1 ago</source>
        <translation>expiré il y a %1</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="90"/>
        <source>Memory and keychain</source>
        <translation>Mémoire et trousseau</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="90"/>
        <source>Memory only</source>
        <translation>Mémoire uniquement</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="101"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="102"/>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="103"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="104"/>
        <source>Age</source>
        <translation>Âge</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="105"/>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="106"/>
        <source>Refresh</source>
        <translation>Renouvellement</translation>
    </message>
    <message>
        <location filename="../ui/models/StoredCredentialModel.cpp" line="107"/>
        <source>Stored in</source>
        <translation>Stocké dans</translation>
    </message>
</context>
<context>
    <name>Portcullis::StoredCredentialsPage</name>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="25"/>
        <source>Backend credentials that people entered or authorized through an elicitation, per service and person. Values are never shown. Revoking one makes the gateway ask that person again on their next call.</source>
        <translation>Identifiants de backend que des personnes ont saisis ou autorisés lors d’une sollicitation, par service et par personne. Les valeurs ne sont jamais affichées. Après une révocation, la passerelle sollicite à nouveau la personne lors de son prochain appel.</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="54"/>
        <source>Re&amp;fresh</source>
        <translation>Actua&amp;liser</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="56"/>
        <source>&amp;Revoke</source>
        <translation>&amp;Révoquer</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="58"/>
        <source>Drop the selected credential from memory and the keychain</source>
        <translation>Supprimer l’identifiant sélectionné de la mémoire et du trousseau</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="59"/>
        <source>Revoke &amp;All…</source>
        <translation>&amp;Tout révoquer…</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="61"/>
        <source>Drop every stored credential of every service, keychain entries included</source>
        <translation>Supprimer tous les identifiants stockés de tous les services, entrées du trousseau comprises</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="109"/>
        <source>Stored credentials: %1</source>
        <translation>Identifiants stockés : %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="118"/>
        <source>No stored credentials</source>
        <translation>Aucun identifiant stocké</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="128"/>
        <source>Revoke</source>
        <translation>Révoquer</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="139"/>
        <source>Revoke Credential</source>
        <translation>Révoquer l’identifiant</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="140"/>
        <source>Revoke the credential of %1 for &quot;%2&quot;? Their next call asks them again.</source>
        <translation>Révoquer l’identifiant de %1 pour « %2 » ? Son prochain appel la sollicitera à nouveau.</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="154"/>
        <source>Revoke All Credentials</source>
        <translation>Révoquer tous les identifiants</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="155"/>
        <source>Revoke every stored credential of every service, keychain entries included? Everyone is asked again on their next call.</source>
        <translation>Révoquer tous les identifiants stockés de tous les services, entrées du trousseau comprises ? Chacun sera sollicité à nouveau lors de son prochain appel.</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="166"/>
        <source>Revoking for &quot;%1&quot; failed: %2</source>
        <translation>La révocation pour « %1 » a échoué : %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="168"/>
        <source>Revoked %1 credential(s) of &quot;%2&quot;.</source>
        <translation>%1 identifiant(s) de « %2 » révoqué(s).</translation>
    </message>
    <message>
        <location filename="../ui/pages/StoredCredentialsPage.cpp" line="170"/>
        <source>Revoked the credential of %1 for &quot;%2&quot;.</source>
        <translation>Identifiant de %1 pour « %2 » révoqué.</translation>
    </message>
</context>
<context>
    <name>Portcullis::TimingBar</name>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="32"/>
        <source>%1: %2 ms</source>
        <translation>%1 : %2 ms</translation>
    </message>
</context>
<context>
    <name>Portcullis::TokenInspectorPage</name>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="87"/>
        <source>Check with the gateway</source>
        <translation>Vérifier auprès de la passerelle</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="93"/>
        <source>Paste an access token (a JWT, or an opaque token), with or without &quot;Bearer &quot;</source>
        <translation>Collez un jeton d’accès (un JWT ou un jeton opaque), avec ou sans « Bearer »</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="102"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="102"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="102"/>
        <source>Meaning</source>
        <translation>Signification</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="128"/>
        <source>Token:</source>
        <translation>Jeton :</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="136"/>
        <source>&amp;Service:</source>
        <translation>&amp;Service :</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="137"/>
        <source>T&amp;ool:</source>
        <translation>&amp;Outil :</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="202"/>
        <source>No OAuth2 service</source>
        <translation>Aucun service OAuth2</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="213"/>
        <source>Endpoint only (no tool)</source>
        <translation>Point de terminaison seul (aucun outil)</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="253"/>
        <source>No token yet.</source>
        <translation>Pas encore de jeton.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="256"/>
        <source>A JWT (signed, %1 signature bytes). Decoded below, not yet verified.</source>
        <translation>Un JWT (signé, %1 octets de signature). Décodé ci-dessous, pas encore vérifié.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="258"/>
        <source>A JWT, but %1.</source>
        <translation>Un JWT, mais %1.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="261"/>
        <source>Not a well-formed JWT: %1.</source>
        <translation>JWT mal formé : %1.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="265"/>
        <source>Opaque token (not a JWT: %1): only introspection can check it.</source>
        <translation>Jeton opaque (pas un JWT : %1) : seule l’introspection peut le vérifier.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="285"/>
        <source>Header</source>
        <translation>En-tête</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="286"/>
        <source>Claims</source>
        <translation>Revendications</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="299"/>
        <source>No exp claim: the gateway refuses tokens without one.</source>
        <translation>Pas de revendication exp : la passerelle refuse les jetons qui n’en ont pas.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="307"/>
        <source>Expires in %1 (at %2).</source>
        <translation>Expire dans %1 (à %2).</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="310"/>
        <source>Expired %1 ago (at %2).</source>
        <translation>Expiré il y a %1 (à %2).</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="318"/>
        <source>Pick a service and press “Check with the gateway” for its verdict.</source>
        <translation>Choisissez un service et cliquez sur « Vérifier auprès de la passerelle » pour obtenir son verdict.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="331"/>
        <source>Asking the gateway…</source>
        <translation>Interrogation de la passerelle…</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="344"/>
        <source>Gateway answer: HTTP %1, reason %2</source>
        <translation>Réponse de la passerelle : HTTP %1, motif %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="346"/>
        <source>error_description: %1</source>
        <translation>error_description : %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="348"/>
        <source>WWW-Authenticate: %1</source>
        <translation>WWW-Authenticate : %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="350"/>
        <source>Checked by the introspection endpoint (the token is not a JWT).</source>
        <translation>Vérifié par le point de terminaison d’introspection (le jeton n’est pas un JWT).</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="351"/>
        <source>Expected audience: %1</source>
        <translation>Audience attendue : %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="352"/>
        <source>Trusted issuers: %1</source>
        <translation>Émetteurs de confiance : %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="353"/>
        <source>Required scopes: %1</source>
        <translation>Portées requises : %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="354"/>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="356"/>
        <source>Granted scopes: %1</source>
        <translation>Portées accordées : %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="358"/>
        <source>Principal: %1</source>
        <translation>Principal : %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="360"/>
        <source>Tools with extra scopes:</source>
        <translation>Outils avec des portées supplémentaires :</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="364"/>
        <source>  ✓ %1 (%2)</source>
        <translation>  ✓ %1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="365"/>
        <source>  ✗ %1 — missing %2</source>
        <translation>  ✗ %1 — manque %2</translation>
    </message>
</context>
<context>
    <name>Portcullis::ToolPreviewModel</name>
    <message>
        <location filename="../ui/models/ToolPreviewModel.cpp" line="65"/>
        <source>Tool</source>
        <translation>Outil</translation>
    </message>
    <message>
        <location filename="../ui/models/ToolPreviewModel.cpp" line="66"/>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <location filename="../ui/models/ToolPreviewModel.cpp" line="67"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>Portcullis::ToolScopesModel</name>
    <message>
        <location filename="../ui/models/ToolScopesModel.cpp" line="51"/>
        <source>The document has no tool of this name; these scopes apply to nothing.</source>
        <translation>Le document n’a aucun outil de ce nom ; ces portées ne s’appliquent à rien.</translation>
    </message>
    <message>
        <location filename="../ui/models/ToolScopesModel.cpp" line="87"/>
        <source>Tool</source>
        <translation>Outil</translation>
    </message>
    <message>
        <location filename="../ui/models/ToolScopesModel.cpp" line="87"/>
        <source>Extra scopes (space-separated)</source>
        <translation>Portées supplémentaires (séparées par des espaces)</translation>
    </message>
</context>
<context>
    <name>Portcullis::TrafficDetailPane</name>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="84"/>
        <source>Select a request to see its details (secrets are never recorded).</source>
        <translation>Sélectionnez une requête pour voir ses détails (les secrets ne sont jamais enregistrés).</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="86"/>
        <source>Overview</source>
        <translation>Vue d’ensemble</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="87"/>
        <source>MCP request</source>
        <translation>Requête MCP</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="88"/>
        <source>MCP response</source>
        <translation>Réponse MCP</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="89"/>
        <source>Backend request</source>
        <translation>Requête au backend</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="90"/>
        <source>Backend response</source>
        <translation>Réponse du backend</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="91"/>
        <source>Auth</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="96"/>
        <source>Copy as curl</source>
        <translation>Copier en curl</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="98"/>
        <source>The MCP call as a curl command; the API key or token is a shell variable.</source>
        <translation>L’appel MCP sous forme de commande curl ; la clé d’API ou le jeton est une variable shell.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="99"/>
        <source>Replay</source>
        <translation>Rejouer</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="101"/>
        <source>Send the captured MCP request to the gateway again</source>
        <translation>Renvoyer la requête MCP capturée à la passerelle</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="102"/>
        <source>Export HAR…</source>
        <translation>Exporter en HAR…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="104"/>
        <source>Save the requests in view, both legs, as HAR 1.2</source>
        <translation>Enregistrer les requêtes affichées, les deux tronçons, au format HAR 1.2</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="105"/>
        <source>Inspect Token…</source>
        <translation>Inspecter le jeton…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="107"/>
        <source>Open the token inspector for this service; paste the bearer token there (captured tokens are redacted)</source>
        <translation>Ouvrir l’inspecteur de jeton pour ce service ; collez-y le jeton bearer (les jetons capturés sont masqués)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="141"/>
        <source>auth</source>
        <translation>authentification</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="142"/>
        <source>queue</source>
        <translation>file d’attente</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="144"/>
        <source>mapping</source>
        <translation>conversion</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="145"/>
        <source>other gateway work</source>
        <translation>autre travail de la passerelle</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="162"/>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="173"/>
        <source>No x-reshapr-key header was sent.</source>
        <translation>Aucun en-tête x-reshapr-key n’a été envoyé.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="174"/>
        <source>The API key does not match any key of this service.</source>
        <translation>La clé d’API ne correspond à aucune clé de ce service.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="175"/>
        <source>More than one x-reshapr-key header was sent.</source>
        <translation>Plus d’un en-tête x-reshapr-key a été envoyé.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="176"/>
        <source>The API key was sent in the URL; it is only accepted in the header.</source>
        <translation>La clé d’API a été envoyée dans l’URL ; elle n’est acceptée que dans l’en-tête.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="177"/>
        <source>No Authorization: Bearer token was sent.</source>
        <translation>Aucun jeton Authorization: Bearer n’a été envoyé.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="178"/>
        <source>The Authorization header is not &quot;Bearer &lt;token&gt;&quot;.</source>
        <translation>L’en-tête Authorization n’est pas de la forme « Bearer &lt;token&gt; ».</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="179"/>
        <source>More than one Authorization header was sent.</source>
        <translation>Plus d’un en-tête Authorization a été envoyé.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="180"/>
        <source>The token was sent in the URL; it is only accepted in the header.</source>
        <translation>Le jeton a été envoyé dans l’URL ; il n’est accepté que dans l’en-tête.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="181"/>
        <source>The token is longer than the gateway accepts.</source>
        <translation>Le jeton est plus long que ce que la passerelle accepte.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="182"/>
        <source>The token is not a well-formed JWT.</source>
        <translation>Le jeton n’est pas un JWT bien formé.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="183"/>
        <source>The token failed verification (signature, expiry or claims).</source>
        <translation>Le jeton a échoué à la vérification (signature, expiration ou revendications).</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="184"/>
        <source>The token&apos;s exp is in the past.</source>
        <translation>L’exp du jeton est dans le passé.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="185"/>
        <source>The token&apos;s aud does not name this endpoint&apos;s resource.</source>
        <translation>L’aud du jeton ne désigne pas la ressource de ce point de terminaison.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="186"/>
        <source>The token&apos;s iss is not an authorization server of this service.</source>
        <translation>L’iss du jeton n’est pas un serveur d’autorisation de ce service.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="187"/>
        <source>The token lacks a scope the service or tool requires.</source>
        <translation>Il manque au jeton une portée exigée par le service ou l’outil.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="188"/>
        <source>The issuer&apos;s signing keys (JWKS) could not be fetched.</source>
        <translation>Les clés de signature (JWKS) de l’émetteur n’ont pas pu être récupérées.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="189"/>
        <source>The token introspection endpoint could not be reached.</source>
        <translation>Le point de terminaison d’introspection n’a pas pu être joint.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="190"/>
        <source>The person&apos;s request budget (rate limit) is used up.</source>
        <translation>Le budget de requêtes (limite de débit) de la personne est épuisé.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="216"/>
        <source>%1 %2 ms</source>
        <translation>%1 %2 ms</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="218"/>
        <source>total %1 ms</source>
        <translation>total %1 ms</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="143"/>
        <source>backend</source>
        <translation>backend</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="221"/>
        <source>Decision: %1</source>
        <translation>Décision : %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="221"/>
        <source>(not checked)</source>
        <translation>(non vérifié)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="223"/>
        <source>Reason: %1</source>
        <translation>Motif : %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="228"/>
        <source>Person: %1</source>
        <translation>Personne : %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="228"/>
        <source>(anonymous)</source>
        <translation>(anonyme)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="230"/>
        <source>Detail: %1</source>
        <translation>Détail : %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="264"/>
        <source>Not captured (payload capture off, not an MCP request, or evicted by the capture budget).</source>
        <translation>Non capturé (capture désactivée, pas une requête MCP, ou évincé par le budget de capture).</translation>
    </message>
    <message>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="288"/>
        <location filename="../ui/widgets/TrafficDetailPane.cpp" line="289"/>
        <source>No backend call.</source>
        <translation>Aucun appel au backend.</translation>
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
        <location filename="../ui/pages/TrafficLogPage.cpp" line="69"/>
        <source>Search &amp;payloads</source>
        <translation>Chercher dans les &amp;contenus</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="121"/>
        <source>Filter, e.g. forecast tool:get status:4xx -alice</source>
        <translation>Filtrer, p. ex. forecast tool:get status:4xx -alice</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="123"/>
        <source>Every term must match (case-insensitive); Esc clears.
A word matches the service, tool, method, person, path or detail.
field:value matches one field: service, tool, person, method, rev, session, auth (allowed, denied, none), reason, status (404, 4xx or error).
-term excludes what matches it.</source>
        <translation>Chaque terme doit correspondre (sans tenir compte de la casse) ; Échap efface.
Un mot correspond au service, à l’outil, à la méthode, à la personne, au chemin ou au détail.
champ:valeur ne cible qu’un champ : service, tool, person, method, rev, session, auth (allowed, denied, none), reason, status (404, 4xx ou error).
-terme exclut ce qui lui correspond.</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="131"/>
        <source>Show the traffic of one service only</source>
        <translation>N’afficher que le trafic d’un service</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="133"/>
        <source>All services</source>
        <translation>Tous les services</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="138"/>
        <source>Show one class of outcome only</source>
        <translation>N’afficher qu’une catégorie de résultat</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="140"/>
        <source>All outcomes</source>
        <translation>Tous les résultats</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="141"/>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="142"/>
        <source>HTTP 4xx/5xx, JSON-RPC errors, tool errors, rejected requests</source>
        <translation>HTTP 4xx/5xx, erreurs JSON-RPC, erreurs d’outil, requêtes refusées</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="144"/>
        <source>Successful</source>
        <translation>Réussies</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="145"/>
        <source>Client errors (4xx)</source>
        <translation>Erreurs client (4xx)</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="146"/>
        <source>Server errors (5xx)</source>
        <translation>Erreurs serveur (5xx)</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="147"/>
        <source>Tool and RPC errors</source>
        <translation>Erreurs d’outil et RPC</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="148"/>
        <source>Rejected</source>
        <translation>Rejetées</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="150"/>
        <source>Refused before any MCP work: endpoint auth, rate limit, overload, bad request</source>
        <translation>Refusées avant tout traitement MCP : authentification du point de terminaison, limite de débit, surcharge, requête invalide</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="156"/>
        <source>Show one endpoint auth outcome only</source>
        <translation>N’afficher qu’un résultat d’authentification du point de terminaison</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="158"/>
        <source>Any auth</source>
        <translation>Toute authentification</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="159"/>
        <source>Allowed</source>
        <translation>Autorisées</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="160"/>
        <source>Denied</source>
        <translation>Refusées</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="161"/>
        <source>No endpoint security</source>
        <translation>Aucune sécurité du point de terminaison</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="166"/>
        <source>Show one MCP protocol revision only</source>
        <translation>N’afficher qu’une révision du protocole MCP</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="168"/>
        <source>Any revision</source>
        <translation>Toute révision</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="176"/>
        <source>Also look for the words in the captured request and response bodies of both legs (secrets are redacted there, so they are never found)</source>
        <translation>Chercher aussi les mots dans les corps de requête et de réponse capturés des deux tronçons (les secrets y sont masqués, ils ne sont donc jamais trouvés)</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="358"/>
        <source> (searching payloads…)</source>
        <translation> (recherche dans les contenus…)</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="354"/>
        <source>Showing %1 of %2</source>
        <translation>%1 affichées sur %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/TrafficLogPage.cpp" line="356"/>
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
        <location filename="../ui/WorkspaceDocument.cpp" line="109"/>
        <source>%1 (line %2): %3</source>
        <translation>%1 (ligne %2) : %3</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="44"/>
        <source>Export HAR</source>
        <translation>Exporter en HAR</translation>
    </message>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="44"/>
        <source>HTTP Archive (*.har)</source>
        <translation>Archive HTTP (*.har)</translation>
    </message>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="58"/>
        <source>Saved %1 HAR entries to %2</source>
        <translation>%1 entrées HAR enregistrées dans %2</translation>
    </message>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="59"/>
        <source>HAR export failed: %1</source>
        <translation>L’export HAR a échoué : %1</translation>
    </message>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="69"/>
        <source>Replay</source>
        <translation>Rejouer</translation>
    </message>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="70"/>
        <source>The %1 value was not captured. Enter it for this replay (it is not stored):</source>
        <translation>La valeur %1 n’a pas été capturée. Saisissez-la pour ce rejeu (elle n’est pas conservée) :</translation>
    </message>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="81"/>
        <source>Replay of request %1: HTTP %2</source>
        <translation>Rejeu de la requête %1 : HTTP %2</translation>
    </message>
    <message>
        <location filename="../ui/TrafficInspector.cpp" line="82"/>
        <source>Replay of request %1 failed: %2</source>
        <translation>Le rejeu de la requête %1 a échoué : %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/TokenInspectorPage.cpp" line="57"/>
        <source>%1 d %2 h</source>
        <translation>%1 j %2 h</translation>
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
… tronqué (%1 octets au total)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/Application.cpp" line="380"/>
        <source>Portcullis exposes REST APIs (OpenAPI 3) as MCP servers at /mcp/{service}.
Without --config it runs its built-in demo.</source>
        <translation>Portcullis expose des API REST (OpenAPI 3) comme serveurs MCP sous /mcp/{service}.
Sans --config, il lance sa démo intégrée.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="386"/>
        <source>Run without a window (servers, CI).</source>
        <translation>Fonctionner sans fenêtre (serveurs, CI).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="388"/>
        <source>Workspace file to serve (hot-reloaded).</source>
        <translation>Fichier d’espace de travail à servir (rechargé à chaud).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="391"/>
        <source>Serve the built-in demo API and workspace.</source>
        <translation>Servir l’API et l’espace de travail de démonstration intégrés.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="394"/>
        <source>Listen address, e.g. 127.0.0.1:8765 (port 0: any).</source>
        <translation>Adresse d’écoute, par ex. 127.0.0.1:8765 (port 0 : quelconque).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="398"/>
        <source>Print one JSON line per traffic event to stdout.</source>
        <translation>Écrire une ligne JSON par événement de trafic sur stdout.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="401"/>
        <source>Headless: keep redacted MCP and backend payloads in memory (written to the traffic log file only with gateway.capturePayloadsToFile).</source>
        <translation>Sans fenêtre : conserver en mémoire les contenus MCP et backend masqués (écrits dans le journal du trafic uniquement avec gateway.capturePayloadsToFile).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="405"/>
        <source>Serve Prometheus metrics at /metrics.</source>
        <translation>Servir les métriques Prometheus sous /metrics.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="408"/>
        <source>Generate (or renew) the API key of SERVICE in --config, print it once, exit.</source>
        <translation>Générer (ou renouveler) la clé d’API de SERVICE dans --config, l’afficher une fois, quitter.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="413"/>
        <source>All or nothing (CI): refuse the whole workspace, at start and on reload, when any service&apos;s settings or OpenAPI document are refused. Without it such a service is not served (503) and the others run.</source>
        <translation>Tout ou rien (CI) : refuser tout l’espace de travail, au démarrage et au rechargement, dès que les réglages ou le document OpenAPI d’un service sont refusés. Sans cette option, ce service n’est pas servi (503) et les autres tournent.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="419"/>
        <source>Serve the demo with OAuth2 on the endpoint and an elicited backend OAuth token, using a built-in demo authorization server (loopback only).</source>
        <translation>Servir la démo avec OAuth2 sur le point de terminaison et un jeton OAuth de backend sollicité, avec un serveur d’autorisation de démonstration intégré (boucle locale uniquement).</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="424"/>
        <source>Drop the elicited backend credentials SERVICE in --config keeps in the keychain (all, or only those of PERSON given after it), exit.</source>
        <translation>Supprimer les identifiants backend sollicités que SERVICE de --config garde dans le trousseau (tous, ou seulement ceux de PERSONNE donnée ensuite), puis quitter.</translation>
    </message>
    <message>
        <location filename="../app/Application.cpp" line="432"/>
        <source>With --forget-credentials: one person only.</source>
        <translation>Avec --forget-credentials : une seule personne.</translation>
    </message>
</context>
</TS>
