// SPDX-License-Identifier: GPL-3.0-or-later
#include "openapi/OpenApiImporter.h"
#include "openapi/ToolNamer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace Gateway;

namespace {

QString dataPath(const QString& relative)
{
    return QStringLiteral(PORTCULLIS_TEST_DATA_DIR "/openapi/") + relative;
}

QJsonObject parseObject(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("test JSON does not parse: %s (%s)", json.constData(), qPrintable(error.errorString()));
    return document.object();
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QByteArray& json)
{
    return compact(parseObject(json));
}

QStringList toolNames(const OpenApiImportResult& result)
{
    QStringList names;
    for (const ToolDefinition& tool : result.tools)
        names << tool.name;
    return names;
}

const ToolDefinition* findTool(const OpenApiImportResult& result, const QString& name)
{
    for (const ToolDefinition& tool : result.tools) {
        if (tool.name == name)
            return &tool;
    }
    return nullptr;
}

OpenApiImportResult importInline(const QByteArray& content, const OpenApiImportOptions& options = {})
{
    return OpenApiImporter::importDocument(content, QStringLiteral("doc.yaml"), dataPath(QString()), options);
}

// A document whose single operation GET /x has one query parameter `p` with `schema`.
QByteArray documentWithParameterSchema(const QByteArray& schema)
{
    return R"({"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/x":{"get":{"parameters":[
        {"name":"p","in":"query","schema":)"
        + schema + R"(}],"responses":{}}}},
        "components":{"schemas":{
          "Str":{"type":"string","description":"A string"},
          "Obj":{"type":"object","required":["a"],"properties":{"a":{"type":"integer"}}},
          "Named":{"type":"object","properties":{"name":{"type":"string"}}}}}})";
}

// A document whose single operation POST /x/{id} has a path parameter `id` (plus `extraParameters`)
// and a request body with `content`.
QByteArray documentWithBody(const QByteArray& content, bool required, const QByteArray& extraParameters = QByteArray())
{
    QByteArray parameters = R"({"name":"id","in":"path","required":true,"schema":{"type":"string"}})";
    if (!extraParameters.isEmpty())
        parameters += ',' + extraParameters;
    return R"({"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/x/{id}":{"post":{
        "operationId":"op","parameters":[)"
        + parameters + R"(],"requestBody":{"required":)" + (required ? "true" : "false") + R"(,"content":)" + content
        + R"(},"responses":{}}}}})";
}

} // namespace

class TestOpenApiImporter : public QObject
{
    Q_OBJECT

private slots:
    void formatDetection_data();
    void formatDetection();
    void parseErrors_data();
    void parseErrors();
    void versions_data();
    void versions();
    void yamlScalars();
    void yamlAnchorsAndMergeKeys();
    void yamlAliasBombIsBounded();

    void petstoreOverview();
    void petstoreInputSchemas_data();
    void petstoreInputSchemas();
    void petstoreBindings_data();
    void petstoreBindings();
    void petstoreBodies_data();
    void petstoreBodies();
    void petstoreTextsAndAnnotations_data();
    void petstoreTextsAndAnnotations();

    void openApi31Json();
    void multiFileRefs();
    void multiFileNeedsBaseDirectory();
    void refErrors_data();
    void refErrors();
    void structuralRecursion();
    void depthIsBounded();
    void sizeIsBounded();

    void schemaConversion_data();
    void schemaConversion();
    void bodySelection_data();
    void bodySelection();
    void unsupportedBodies_data();
    void unsupportedBodies();
    void multipartBodies_data();
    void multipartBodies();
    void parameterHandling_data();
    void parameterHandling();

    void verbPathNames_data();
    void verbPathNames();
    void namingModes_data();
    void namingModes();
    void nameCollisions();
    void includeExclude_data();
    void includeExclude();

    void methodOrderOfDeepPathItems();
    void servers_data();
    void servers();
    void emptyAndWebhookOnlyDocuments_data();
    void emptyAndWebhookOnlyDocuments();
    void missingFile();
};

void TestOpenApiImporter::formatDetection_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("sourceName");

    QTest::newRow("json") << QByteArray(R"({"openapi":"3.0.0","info":{"title":"T","version":"1"},"paths":{}})")
                          << QStringLiteral("api.json");
    QTest::newRow("json with leading blanks and BOM")
        << QByteArray("\xEF\xBB\xBF \n\t{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"T\",\"version\":\"1\"}}")
        << QStringLiteral("api.txt");
    QTest::newRow("yaml named .json") << QByteArray("openapi: 3.0.0\ninfo:\n  title: T\n  version: '1'\n")
                                      << QStringLiteral("api.json");
    QTest::newRow("yaml flow without braces first")
        << QByteArray("---\nopenapi: '3.1.0'\ninfo: {title: T, version: '1'}\n") << QStringLiteral("api.yaml");
}

void TestOpenApiImporter::formatDetection()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, sourceName);
    const OpenApiImportResult result = OpenApiImporter::importDocument(content, sourceName, QString());
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.title, QStringLiteral("T"));
    QCOMPARE(result.apiVersion, QStringLiteral("1"));
    QVERIFY(result.tools.isEmpty());
}

void TestOpenApiImporter::parseErrors_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("error");

    QTest::newRow("malformed yaml file") << QStringLiteral("malformed.yaml") << QByteArray()
                                         << QStringLiteral("malformed.yaml:9:6: invalid YAML: end of map not found");
    QTest::newRow("malformed json file") << QStringLiteral("malformed.json") << QByteArray()
                                         << QStringLiteral("malformed.json:6:6: invalid JSON: unterminated object");
    QTest::newRow("unterminated flow sequence")
        << QString() << QByteArray("openapi: 3.0.0\ninfo: {title: T, version: '1'}\ntags: [a, b\npaths: {}\n")
        << QStringLiteral("doc.yaml:4:6: invalid YAML: end of sequence flow not found");
    QTest::newRow("json trailing comma")
        << QString() << QByteArray("{\n  \"openapi\": \"3.0.0\",\n  \"info\": {\"title\": \"T\",},\n}")
        << QStringLiteral("doc.yaml:3:26: invalid JSON: object is missing after a comma");
    QTest::newRow("recursive alias")
        << QString() << QByteArray("openapi: 3.0.3\ninfo: {title: T, version: '1'}\nx-loop: &r [1, *r]\n")
        << QStringLiteral("doc.yaml:3:16: invalid YAML: alias to an anchor that is not complete (recursive alias?)");
    QTest::newRow("undefined alias") << QString()
                                     << QByteArray("openapi: 3.0.3\ninfo: {title: T, version: '1'}\nx: *nope\n")
                                     << QStringLiteral(
                                            "doc.yaml:3:4: invalid YAML: the referenced anchor is not defined");
    QTest::newRow("complex key") << QString() << QByteArray("openapi: 3.0.3\n? [a, b]\n: c\n")
                                 << QStringLiteral(
                                        "doc.yaml:2:3: invalid YAML: complex mapping keys are not supported");
    QTest::newRow("top level is a list") << QString() << QByteArray("- openapi: 3.0.0\n")
                                         << QStringLiteral(
                                                "doc.yaml: not an OpenAPI document: the top level is not an object");
    QTest::newRow("empty") << QString() << QByteArray("   \n")
                           << QStringLiteral("doc.yaml: not an OpenAPI document: the top level is not an object");
}

void TestOpenApiImporter::parseErrors()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, error);
    const OpenApiImportResult result
        = file.isEmpty() ? importInline(content) : OpenApiImporter::importFile(dataPath(file));
    QVERIFY(!result.ok);
    QCOMPARE(result.error, error);
    QVERIFY(result.tools.isEmpty());
}

void TestOpenApiImporter::versions_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("expected"); // openApiVersion when ok, else the error

    QTest::newRow("3.0.3") << QByteArray("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n") << true
                           << QStringLiteral("3.0.3");
    QTest::newRow("3.1.0 quoted") << QByteArray("openapi: '3.1.0'\ninfo: {title: T, version: '1'}\n") << true
                                  << QStringLiteral("3.1.0");
    QTest::newRow("3.1 unquoted number keeps its text")
        << QByteArray("openapi: 3.10\ninfo: {title: T, version: '1'}\n") << true << QStringLiteral("3.10");
    QTest::newRow("swagger 2.0") << QByteArray("swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n") << false
                                 << QStringLiteral("doc.yaml: Swagger 2.0 is not supported; convert to OpenAPI 3");
    QTest::newRow("missing openapi") << QByteArray("info: {title: T, version: '1'}\n") << false
                                     << QStringLiteral(
                                            "doc.yaml: not an OpenAPI document: the 'openapi' field is missing");
    QTest::newRow("openapi 2.0")
        << QByteArray("openapi: '2.0'\ninfo: {title: T, version: '1'}\n") << false
        << QStringLiteral("doc.yaml: /openapi: unsupported OpenAPI version '2.0'; expected 3.0.x or 3.1.x");
    QTest::newRow("openapi 4.0.0")
        << QByteArray("openapi: 4.0.0\n") << false
        << QStringLiteral("doc.yaml: /openapi: unsupported OpenAPI version '4.0.0'; expected 3.0.x or 3.1.x");
}

void TestOpenApiImporter::versions()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, ok);
    QFETCH(QString, expected);
    const OpenApiImportResult result = importInline(content);
    QCOMPARE(result.ok, ok);
    QCOMPARE(ok ? result.openApiVersion : result.error, expected);
}

void TestOpenApiImporter::yamlScalars()
{
    // Plain scalars follow the YAML 1.2 core schema; quoted and block scalars stay strings.
    const QByteArray content = R"(openapi: 3.0.3
info:
  title: "Scalars"
  version: 1.10
paths:
  /x:
    get:
      parameters:
        - name: p
          in: query
          schema:
            enum: [1, "1", true, 'true', TRUE, null, ~, 'null', 0x1F, 0o17, -12, +3, 1.5, 1e3, yes, on, .inf, 12:30, "", 2024-01-01]
        - name: q
          in: query
          description: |
            Block text: 5
          schema:
            default: !!str 42
      responses: {}
)";
    const OpenApiImportResult result = importInline(content);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.apiVersion, QStringLiteral("1.10"));
    QCOMPARE(result.tools.size(), 1);
    const QJsonObject properties = result.tools.at(0).inputSchema.value(QLatin1String("properties")).toObject();
    QCOMPARE(
        compact(properties.value(QLatin1String("p")).toObject()),
        compact(
            R"({"enum":[1,"1",true,"true",true,null,null,"null",31,15,-12,3,1.5,1000,"yes","on",".inf","12:30","","2024-01-01"]})"));
    QCOMPARE(compact(properties.value(QLatin1String("q")).toObject()),
             compact(R"({"default":"42","description":"Block text: 5\n"})"));
}

void TestOpenApiImporter::yamlAnchorsAndMergeKeys()
{
    const QByteArray content = R"(openapi: 3.0.3
info: {title: T, version: '1'}
x-common: &paging
  type: integer
  minimum: 1
paths:
  /x:
    get:
      parameters:
        - name: page
          in: query
          schema: *paging
        - name: size
          in: query
          schema:
            <<: *paging
            maximum: 50
            minimum: 5
      responses: {}
)";
    const OpenApiImportResult result = importInline(content);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(compact(result.tools.at(0).inputSchema),
             compact(R"({"type":"object","properties":{"page":{"type":"integer","minimum":1},
                        "size":{"type":"integer","minimum":5,"maximum":50}}})"));
}

void TestOpenApiImporter::yamlAliasBombIsBounded()
{
    QByteArray content = "openapi: 3.0.3\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 9; ++i) {
        content += "a" + QByteArray::number(i) + ": &a" + QByteArray::number(i) + " [";
        for (int j = 0; j < 10; ++j)
            content += (j ? ", *a" : "*a") + QByteArray::number(i - 1);
        content += "]\n";
    }
    QElapsedTimer timer;
    timer.start();
    const OpenApiImportResult result = importInline(content);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.startsWith(QLatin1String("doc.yaml:")), qPrintable(result.error));
    QVERIFY2(result.error.contains(QLatin1String("invalid YAML: document expands to more than 4000000 nodes")),
             qPrintable(result.error));
    QVERIFY(timer.elapsed() < 60000);
}

void TestOpenApiImporter::petstoreOverview()
{
    const OpenApiImportResult result = OpenApiImporter::importFile(dataPath(QStringLiteral("petstore-3.0.yaml")));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.error, QString());
    QCOMPARE(result.warnings, QStringList());
    QCOMPARE(result.title, QStringLiteral("Swagger Petstore"));
    QCOMPARE(result.apiVersion, QStringLiteral("1.0.10"));
    QCOMPARE(result.openApiVersion, QStringLiteral("3.0.3"));
    QCOMPARE(result.serverUrls,
             QStringList({QStringLiteral("https://api.petstore.example.com/v1"), QStringLiteral("/api/v3")}));
    // Document order, not alphabetical.
    QCOMPARE(toolNames(result),
             QStringList({QStringLiteral("listPets"), QStringLiteral("createPet"), QStringLiteral("showPetById"),
                          QStringLiteral("replacePet"), QStringLiteral("deletePet"), QStringLiteral("patch_pets_petid"),
                          QStringLiteral("uploadPhoto"), QStringLiteral("addNote"), QStringLiteral("placeOrder"),
                          QStringLiteral("searchPets")}));
    const ToolDefinition* patch = findTool(result, QStringLiteral("patch_pets_petid"));
    QVERIFY(patch);
    QCOMPARE(patch->operationId, QString());
    QCOMPARE(patch->httpMethod, QByteArray("PATCH"));
    QCOMPARE(patch->pathTemplate, QStringLiteral("/pets/{petId}"));
}

void TestOpenApiImporter::petstoreInputSchemas_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QByteArray>("schema");

    const QByteArray status
        = R"({"type":"string","description":"Pet status in the store","enum":["available","pending","sold"]})";
    const QByteArray petProperties = R"("name":{"type":"string","minLength":1},"tag":{"type":["string","null"]},
        "status":)"
        + status + R"(,"category":{"type":["object","null"],"description":"The pet's category",
        "properties":{"name":{"type":"string"}}})";
    const QByteArray petIdPathLevel
        = R"({"type":"integer","format":"int64","exclusiveMinimum":0,"description":"The id of the pet"})";

    QTest::newRow("listPets: refs, arrays of enums, header, Accept ignored")
        << QStringLiteral("listPets")
        << QByteArray(R"J({"type":"object","properties":{
             "limit":{"type":"integer","format":"int32","minimum":1,"maximum":100,"default":20,
                      "description":"How many items to return at one time (max 100)"},
             "status":{"type":"array","description":"Only pets with one of these statuses","items":)J"
                      + status + R"(},
             "X-Request-ID":{"type":"string","format":"uuid"}}})");
    QTest::newRow("createPet: body properties, nullable, allOf + readOnly dropped")
        << QStringLiteral("createPet")
        << QByteArray(R"({"type":"object","properties":{)" + petProperties + R"(},"required":["name"]})");
    QTest::newRow("showPetById: path-level parameter, boolean exclusiveMinimum")
        << QStringLiteral("showPetById")
        << QByteArray(R"({"type":"object","properties":{"petId":)" + petIdPathLevel + R"(},"required":["petId"]})");
    QTest::newRow("replacePet: allOf merged, readOnly id neither a property nor required")
        << QStringLiteral("replacePet")
        << QByteArray(R"({"type":"object","properties":{"petId":)" + petIdPathLevel + "," + petProperties
                      + R"(},"required":["petId","name"]})");
    QTest::newRow("deletePet: operation parameter overrides the path-level one")
        << QStringLiteral("deletePet")
        << QByteArray(R"({"type":"object","properties":{"petId":{"type":"string"},"session":{"type":"string"}},
                         "required":["petId"]})");
    QTest::newRow("patch: optional +json body")
        << QStringLiteral("patch_pets_petid")
        << QByteArray(R"({"type":"object","properties":{"petId":)" + petIdPathLevel
                      + R"(,"name":{"type":["string","null"]},"status":)" + status + R"(},"required":["petId"]})");
    QTest::newRow("uploadPhoto: binary body as a text argument")
        << QStringLiteral("uploadPhoto")
        << QByteArray(R"({"type":"object","properties":{"petId":{"type":"integer","format":"int64"},
                         "body":{"type":"string","description":"Request body, sent as image/png"}},
                         "required":["petId","body"]})");
    QTest::newRow("addNote: optional text body keeps its constraints")
        << QStringLiteral("addNote")
        << QByteArray(R"({"type":"object","properties":{"petId":{"type":"integer","format":"int64"},
                         "body":{"type":"string","maxLength":1000,"description":"The note text"}},"required":["petId"]})");
    QTest::newRow("placeOrder: body property collides with a parameter -> whole body")
        << QStringLiteral("placeOrder") << QByteArray(R"({"type":"object","properties":{"storeId":{"type":"integer"},
             "body":{"type":"object","required":["petId","quantity"],"properties":{
                "storeId":{"type":"integer"},"petId":{"type":"integer","format":"int64"},
                "quantity":{"type":"integer","minimum":1},"shipDate":{"type":"string","format":"date-time"},
                "status":{"type":"string","enum":["placed","approved","delivered"]},
                "complete":{"type":"boolean","default":false}}}},
             "required":["storeId","body"]})");
    QTest::newRow("searchPets: deepObject parameter")
        << QStringLiteral("searchPets")
        << QByteArray(R"({"type":"object","properties":{"filter":{"type":"object","properties":{
                         "color":{"type":"string"},"minAge":{"type":"integer"}}}}})");
}

void TestOpenApiImporter::petstoreInputSchemas()
{
    QFETCH(QString, tool);
    QFETCH(QByteArray, schema);
    const OpenApiImportResult result = OpenApiImporter::importFile(dataPath(QStringLiteral("petstore-3.0.yaml")));
    QVERIFY2(result.ok, qPrintable(result.error));
    const ToolDefinition* definition = findTool(result, tool);
    QVERIFY(definition);
    QCOMPARE(compact(definition->inputSchema), compact(schema));
}

void TestOpenApiImporter::petstoreBindings_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QStringList>("bindings"); // "argument=wire location style explode required"

    QTest::newRow("listPets") << QStringLiteral("listPets")
                              << QStringList(
                                     {QStringLiteral("limit=limit query form explode optional"),
                                      QStringLiteral("status=status query form explode optional"),
                                      QStringLiteral("X-Request-ID=X-Request-ID header simple noexplode optional")});
    QTest::newRow("deletePet") << QStringLiteral("deletePet")
                               << QStringList({QStringLiteral("petId=petId path simple noexplode required"),
                                               QStringLiteral("session=session cookie form explode optional")});
    QTest::newRow("searchPets") << QStringLiteral("searchPets")
                                << QStringList({QStringLiteral("filter=filter query deepObject explode optional")});
    QTest::newRow("createPet has none") << QStringLiteral("createPet") << QStringList();
}

void TestOpenApiImporter::petstoreBindings()
{
    QFETCH(QString, tool);
    QFETCH(QStringList, bindings);
    const OpenApiImportResult result = OpenApiImporter::importFile(dataPath(QStringLiteral("petstore-3.0.yaml")));
    const ToolDefinition* definition = findTool(result, tool);
    QVERIFY(definition);
    static const char* const locations[] = {"path", "query", "header", "cookie"};
    QStringList actual;
    for (const ParameterBinding& b : definition->parameters) {
        actual << QStringLiteral("%1=%2 %3 %4 %5 %6")
                      .arg(b.argumentName, b.wireName, QLatin1String(locations[int(b.location)]), b.style,
                           b.explode ? QStringLiteral("explode") : QStringLiteral("noexplode"),
                           b.required ? QStringLiteral("required") : QStringLiteral("optional"));
    }
    QCOMPARE(actual, bindings);
}

void TestOpenApiImporter::petstoreBodies_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QStringList>("properties");
    QTest::addColumn<bool>("required");

    QTest::newRow("listPets") << QStringLiteral("listPets") << int(RequestBodyKind::None) << QByteArray() << QString()
                              << QStringList() << false;
    QTest::newRow("createPet prefers JSON over XML")
        << QStringLiteral("createPet") << int(RequestBodyKind::JsonProperties) << QByteArray("application/json")
        << QString()
        << QStringList(
               {QStringLiteral("category"), QStringLiteral("name"), QStringLiteral("status"), QStringLiteral("tag")})
        << true;
    QTest::newRow("patch +json") << QStringLiteral("patch_pets_petid") << int(RequestBodyKind::JsonProperties)
                                 << QByteArray("application/merge-patch+json") << QString()
                                 << QStringList({QStringLiteral("name"), QStringLiteral("status")}) << false;
    QTest::newRow("uploadPhoto") << QStringLiteral("uploadPhoto") << int(RequestBodyKind::Text)
                                 << QByteArray("image/png") << QStringLiteral("body") << QStringList() << true;
    QTest::newRow("addNote") << QStringLiteral("addNote") << int(RequestBodyKind::Text) << QByteArray("text/plain")
                             << QStringLiteral("body") << QStringList() << false;
    QTest::newRow("placeOrder") << QStringLiteral("placeOrder") << int(RequestBodyKind::JsonWhole)
                                << QByteArray("application/json") << QStringLiteral("body") << QStringList() << true;
}

void TestOpenApiImporter::petstoreBodies()
{
    QFETCH(QString, tool);
    QFETCH(int, kind);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, argument);
    QFETCH(QStringList, properties);
    QFETCH(bool, required);
    const OpenApiImportResult result = OpenApiImporter::importFile(dataPath(QStringLiteral("petstore-3.0.yaml")));
    const ToolDefinition* definition = findTool(result, tool);
    QVERIFY(definition);
    QCOMPARE(int(definition->bodyKind), kind);
    QCOMPARE(definition->bodyContentType, contentType);
    QCOMPARE(definition->bodyArgument, argument);
    QStringList actualProperties = definition->bodyProperties;
    actualProperties.sort();
    QCOMPARE(actualProperties, properties);
    QCOMPARE(definition->bodyRequired, required);
}

void TestOpenApiImporter::petstoreTextsAndAnnotations_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("description");
    QTest::addColumn<QByteArray>("annotations");

    QTest::newRow("GET: description wins over summary")
        << QStringLiteral("listPets") << QStringLiteral("List all pets")
        << QStringLiteral("Returns the pets the caller may see, most recent first.")
        << QByteArray(R"({"readOnlyHint":true,"destructiveHint":false,"openWorldHint":true})");
    QTest::newRow("POST: summary as description")
        << QStringLiteral("createPet") << QStringLiteral("Create a pet") << QStringLiteral("Create a pet")
        << QByteArray(R"({"readOnlyHint":false,"idempotentHint":false,"openWorldHint":true})");
    QTest::newRow("PUT: no summary")
        << QStringLiteral("replacePet") << QString() << QStringLiteral("Replaces every field of the pet.")
        << QByteArray(R"({"readOnlyHint":false,"destructiveHint":true,"idempotentHint":true,"openWorldHint":true})");
    QTest::newRow("DELETE")
        << QStringLiteral("deletePet") << QStringLiteral("Delete a pet") << QStringLiteral("Delete a pet")
        << QByteArray(R"({"readOnlyHint":false,"destructiveHint":true,"idempotentHint":true,"openWorldHint":true})");
    QTest::newRow("PATCH") << QStringLiteral("patch_pets_petid") << QStringLiteral("Update a pet partially")
                           << QStringLiteral("Update a pet partially")
                           << QByteArray(R"({"readOnlyHint":false,"idempotentHint":false,"openWorldHint":true})");
    QTest::newRow("neither summary nor description")
        << QStringLiteral("addNote") << QString() << QString()
        << QByteArray(R"({"readOnlyHint":false,"idempotentHint":false,"openWorldHint":true})");
}

void TestOpenApiImporter::petstoreTextsAndAnnotations()
{
    QFETCH(QString, tool);
    QFETCH(QString, title);
    QFETCH(QString, description);
    QFETCH(QByteArray, annotations);
    const OpenApiImportResult result = OpenApiImporter::importFile(dataPath(QStringLiteral("petstore-3.0.yaml")));
    const ToolDefinition* definition = findTool(result, tool);
    QVERIFY(definition);
    QCOMPARE(definition->title, title);
    QCOMPARE(definition->description, description);
    QCOMPARE(compact(definition->annotations), compact(annotations));
}

void TestOpenApiImporter::openApi31Json()
{
    const OpenApiImportResult result = OpenApiImporter::importFile(dataPath(QStringLiteral("weather-3.1.json")));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.warnings, QStringList());
    QCOMPARE(result.openApiVersion, QStringLiteral("3.1.0"));
    QCOMPARE(result.apiVersion, QStringLiteral("2.1"));
    QCOMPARE(result.serverUrls, QStringList({QStringLiteral("https://api.weather.example")}));
    // JSON document order (QJsonObject would sort: /v1/alerts first); webhooks are not tools;
    // the path item $ref keeps its own method order; an invalid operationId falls back to verb+path.
    QCOMPARE(toolNames(result),
             QStringList({QStringLiteral("get_v1_forecast"), QStringLiteral("listAlerts"),
                          QStringLiteral("clearAlerts"), QStringLiteral("post_v1_stations_stationid_observations")}));

    QCOMPARE(compact(result.tools.at(0).inputSchema),
             compact(R"({"type":"object","required":["latitude","longitude"],"properties":{
                 "latitude":{"type":"number","minimum":-90,"maximum":90},
                 "longitude":{"type":"number","minimum":-180,"maximum":180},
                 "units":{"type":"string","enum":["metric","imperial"],"description":"Units for this forecast","default":"metric"},
                 "days":{"type":["integer","null"],"exclusiveMinimum":0,"maximum":16}}})"));
    QCOMPARE(result.tools.at(1).description, QStringLiteral("Active weather alerts"));
    QCOMPARE(compact(result.tools.at(2).inputSchema), compact(R"({"type":"object","additionalProperties":false})"));
    const ToolDefinition& observation = result.tools.at(3);
    QCOMPARE(observation.operationId, QStringLiteral("submit observation"));
    QCOMPARE(observation.bodyKind, RequestBodyKind::JsonProperties);
    QCOMPARE(compact(observation.inputSchema),
             compact(R"({"type":"object","required":["stationId","temperature"],"properties":{
                 "stationId":{"type":"string","pattern":"^[A-Z]{4}$"},
                 "temperature":{"type":"number","description":"Degrees"},
                 "kind":{"const":"manual"},
                 "tags":{"type":"array","items":{"type":"string"},"uniqueItems":true},
                 "note":{"type":["string","null"],"examples":["windy"]}}})"));
}

void TestOpenApiImporter::multiFileRefs()
{
    const OpenApiImportResult result = OpenApiImporter::importFile(dataPath(QStringLiteral("multifile/main.yaml")));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.warnings, QStringList());
    QCOMPARE(result.apiVersion, QStringLiteral("2024.1"));
    QCOMPARE(toolNames(result),
             QStringList({QStringLiteral("addPet"), QStringLiteral("getPet"), QStringLiteral("deletePet"),
                          QStringLiteral("listOwners")}));
    // schemas/pet.yaml#/Pet -> category.yaml#/Category (sibling file) -> #/Label (inside category.yaml),
    // and tag.json (a whole JSON file).
    QCOMPARE(compact(result.tools.at(0).inputSchema), compact(R"({"type":"object","required":["name"],"properties":{
                 "name":{"type":"string"},
                 "category":{"type":"object","properties":{"label":{"type":"string","maxLength":32}}},
                 "tags":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}}}}}})"));
    // A path item in paths/pet-by-id.yaml whose parameter refers to ../schemas/pet.yaml.
    const QByteArray byId = R"({"type":"object","required":["id"],"properties":{
                 "id":{"type":"integer","format":"int64","description":"Pet identifier"}}})";
    QCOMPARE(compact(result.tools.at(1).inputSchema), compact(byId));
    QCOMPARE(compact(result.tools.at(2).inputSchema), compact(byId));
    QCOMPARE(result.tools.at(1).title, QStringLiteral("Get one pet"));
    // An operation that is itself a $ref; its own refs resolve inside its file.
    QCOMPARE(result.tools.at(3).description,
             QStringLiteral("Operations may be $refs too (common in multi-file documents)."));
    QCOMPARE(compact(result.tools.at(3).inputSchema),
             compact(R"({"type":"object","properties":{"limit":{"type":"integer","minimum":1,"maximum":50}}})"));

    // Same document from memory, with its directory as the base.
    QFile file(dataPath(QStringLiteral("multifile/main.yaml")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const OpenApiImportResult fromMemory = OpenApiImporter::importDocument(file.readAll(), QStringLiteral("main.yaml"),
                                                                           dataPath(QStringLiteral("multifile")));
    QVERIFY2(fromMemory.ok, qPrintable(fromMemory.error));
    QCOMPARE(toolNames(fromMemory), toolNames(result));
    QCOMPARE(compact(fromMemory.tools.at(0).inputSchema), compact(result.tools.at(0).inputSchema));
}

void TestOpenApiImporter::multiFileNeedsBaseDirectory()
{
    QFile file(dataPath(QStringLiteral("multifile/main.yaml")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const OpenApiImportResult result
        = OpenApiImporter::importDocument(file.readAll(), QStringLiteral("main.yaml"), QString());
    QVERIFY(!result.ok);
    // The path item $ref is followed first, while collecting the operations.
    QCOMPARE(result.error,
             QStringLiteral("main.yaml: /paths/~1pets~1{id}: $ref 'paths/pet-by-id.yaml' cannot be resolved: "
                            "no base directory for relative files"));
}

void TestOpenApiImporter::refErrors_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("error");

    QTest::newRow("pure schema cycle")
        << QStringLiteral("cycle.yaml") << QByteArray()
        << QStringLiteral("cycle.yaml: /components/schemas/B: $ref cycle: #/components/schemas/A -> "
                          "#/components/schemas/B -> #/components/schemas/A");
    QTest::newRow("network ref")
        << QStringLiteral("network-ref.yaml") << QByteArray()
        << QStringLiteral("network-ref.yaml: /paths/~1pets/post/requestBody/content/application~1json/schema: "
                          "$ref 'https://schemas.example.com/pet.json#/Pet' refused: network and URI references are "
                          "never fetched; only local (#/...) and relative-file references are resolved");

    const QByteArray head = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n";
    QTest::newRow("parameter cycle")
        << QString()
        << QByteArray(head
                      + "paths:\n  /x:\n    get:\n      parameters:\n        - $ref: '#/components/parameters/P'\n"
                        "      responses: {}\ncomponents:\n  parameters:\n    P: {$ref: '#/components/parameters/Q'}\n"
                        "    Q: {$ref: '#/components/parameters/P'}\n")
        << QStringLiteral("doc.yaml: /components/parameters/Q: $ref cycle: #/components/parameters/P -> "
                          "#/components/parameters/Q -> #/components/parameters/P");
    QTest::newRow("self ref")
        << QString()
        << QByteArray(head
                      + "paths:\n  /x:\n    get:\n      parameters:\n        - {name: p, in: query, schema: {$ref: "
                        "'#/components/schemas/S'}}\n"
                        "      responses: {}\ncomponents:\n  schemas:\n    S: {$ref: '#/components/schemas/S'}\n")
        << QStringLiteral(
               "doc.yaml: /components/schemas/S: $ref cycle: #/components/schemas/S -> #/components/schemas/S");
    QTest::newRow("path item cycle")
        << QString() << QByteArray(head + "paths:\n  /x: {$ref: '#/paths/~1y'}\n  /y: {$ref: '#/paths/~1x'}\n")
        << QStringLiteral("doc.yaml: /paths/~1x: $ref cycle: #/paths/~1y -> #/paths/~1x -> #/paths/~1y");
    QTest::newRow("dangling")
        << QString()
        << QByteArray(head
                      + "paths:\n  /x:\n    get:\n      parameters:\n        - {name: p, in: query, schema: {$ref: "
                        "'#/components/schemas/Nope'}}\n"
                        "      responses: {}\ncomponents: {schemas: {}}\n")
        << QStringLiteral("doc.yaml: /paths/~1x/get/parameters/0/schema: $ref '#/components/schemas/Nope' does not "
                          "resolve: no 'Nope' in doc.yaml");
    const QByteArray bodyRef = head
        + "paths:\n  /x:\n    post:\n      requestBody:\n        content:\n          application/json:\n"
          "            schema: {$ref: '%1'}\n      responses: {}\n";
    QTest::newRow("file scheme")
        << QString() << QByteArray(bodyRef).replace("%1", "file:///etc/passwd")
        << QStringLiteral(
               "doc.yaml: /paths/~1x/post/requestBody/content/application~1json/schema: $ref 'file:///etc/passwd' "
               "refused: network and URI references are never fetched; only local (#/...) and relative-file "
               "references are resolved");
    QTest::newRow("network path")
        << QString() << QByteArray(bodyRef).replace("%1", "//evil.example/pet.yaml")
        << QStringLiteral(
               "doc.yaml: /paths/~1x/post/requestBody/content/application~1json/schema: $ref '//evil.example/pet.yaml' "
               "refused: network and URI references are never fetched; only local (#/...) and relative-file "
               "references are resolved");
    QTest::newRow("not a yaml or json file")
        << QString() << QByteArray(bodyRef).replace("%1", "secrets.txt#/x")
        << QStringLiteral(
               "doc.yaml: /paths/~1x/post/requestBody/content/application~1json/schema: $ref 'secrets.txt#/x' "
               "refused: only .yaml, .yml and .json files can be referenced");
    QTest::newRow("missing file")
        << QString() << QByteArray(bodyRef).replace("%1", "nothere.yaml#/Pet")
        << QStringLiteral(
               "doc.yaml: /paths/~1x/post/requestBody/content/application~1json/schema: $ref 'nothere.yaml#/Pet': "
               "file not found: ")
            + QDir::toNativeSeparators(dataPath(QStringLiteral("nothere.yaml")));
    QTest::newRow("pointer missing in other file")
        << QString() << QByteArray(bodyRef).replace("%1", "multifile/schemas/pet.yaml#/Dog")
        << QStringLiteral("doc.yaml: /paths/~1x/post/requestBody/content/application~1json/schema: $ref "
                          "'multifile/schemas/pet.yaml#/Dog' does not resolve: no 'Dog' in multifile/schemas/pet.yaml");
    QTest::newRow("broken referenced file") << QString() << QByteArray(bodyRef).replace("%1", "malformed.json#/x")
                                            << QStringLiteral("malformed.json:6:6: invalid JSON: unterminated object");
    QTest::newRow("plain-name fragment")
        << QString() << QByteArray(bodyRef).replace("%1", "#Pet")
        << QStringLiteral("doc.yaml: /paths/~1x/post/requestBody/content/application~1json/schema: $ref '#Pet': only "
                          "JSON pointer fragments (#/...) are supported");
}

void TestOpenApiImporter::refErrors()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, error);
    const OpenApiImportResult result
        = file.isEmpty() ? importInline(content) : OpenApiImporter::importFile(dataPath(file));
    QVERIFY(!result.ok);
    QCOMPARE(result.error, error);
    QVERIFY(result.tools.isEmpty());
}

void TestOpenApiImporter::structuralRecursion()
{
    const OpenApiImportResult result = OpenApiImporter::importFile(dataPath(QStringLiteral("recursive.yaml")));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.warnings,
             QStringList({QStringLiteral("POST /trees: recursive reference to #/components/schemas/Node omitted"),
                          QStringLiteral("POST /people: recursive reference to #/components/schemas/Person omitted")}));
    QCOMPARE(compact(findTool(result, QStringLiteral("createTree"))->inputSchema),
             compact(R"J({"type":"object","required":["name"],"properties":{"name":{"type":"string"},
                 "children":{"type":"array","items":{"description":"(recursive reference to Node omitted)"}}}})J"));
    QCOMPARE(compact(findTool(result, QStringLiteral("createPerson"))->inputSchema),
             compact(R"J({"type":"object","properties":{"name":{"type":"string"},
                 "employer":{"type":"object","properties":{"title":{"type":"string"},
                     "ceo":{"description":"(recursive reference to Person omitted)"}}}}})J"));
}

void TestOpenApiImporter::depthIsBounded()
{
    // 40 levels of inline nesting: everything below level 32 is replaced.
    QByteArray schema = R"({"type":"string"})";
    for (int i = 0; i < 40; ++i)
        schema = R"({"type":"object","properties":{"n":)" + schema + "}}";
    const OpenApiImportResult result = importInline(documentWithParameterSchema(schema));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.warnings,
             QStringList({QStringLiteral("GET /x: input schema nested deeper than 32 levels; deeper parts omitted")}));
    QJsonObject node = result.tools.at(0)
                           .inputSchema.value(QLatin1String("properties"))
                           .toObject()
                           .value(QLatin1String("p"))
                           .toObject();
    int levels = 0;
    while (node.contains(QLatin1String("properties"))) {
        node = node.value(QLatin1String("properties")).toObject().value(QLatin1String("n")).toObject();
        ++levels;
    }
    QCOMPARE(levels, 33); // levels 0..32 kept, the one at nesting level 33 replaced
    QCOMPARE(compact(node), compact(R"J({"description":"(nested schema omitted: deeper than 32 levels)"})J"));
}

void TestOpenApiImporter::sizeIsBounded()
{
    // S0 -> S1 twice -> S2 twice ... : 2^24 expansions if inlined naively.
    QByteArray schemas;
    for (int i = 0; i < 24; ++i) {
        const QByteArray next = "#/components/schemas/S" + QByteArray::number(i + 1);
        schemas += "\"S" + QByteArray::number(i) + R"(":{"type":"object","properties":{"a":{"$ref":")" + next
            + R"("},"b":{"$ref":")" + next + R"("}}},)";
    }
    schemas += R"("S24":{"type":"string"})";
    const QByteArray document = R"({"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/x":{"post":{
        "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/S0"}}}},"responses":{}}}},
        "components":{"schemas":{)"
        + schemas + "}}}";
    QElapsedTimer timer;
    timer.start();
    const OpenApiImportResult result = importInline(document);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(timer.elapsed() < 30000);
    QCOMPARE(result.warnings,
             QStringList(
                 {QStringLiteral("POST /x: input schema larger than 5000 schema nodes; further references omitted")}));
    const QByteArray json = compact(result.tools.at(0).inputSchema);
    QVERIFY(json.contains(R"J("description":"(schema S)J"));
    QVERIFY(json.size() < 2 * 1024 * 1024);
}

void TestOpenApiImporter::schemaConversion_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("nullable string") << QByteArray(R"({"type":"string","nullable":true})")
                                     << QByteArray(R"({"type":["string","null"]})");
    QTest::newRow("nullable false dropped")
        << QByteArray(R"({"type":"string","nullable":false})") << QByteArray(R"({"type":"string"})");
    QTest::newRow("nullable enum") << QByteArray(R"({"type":"string","enum":["a","b"],"nullable":true})")
                                   << QByteArray(R"({"type":["string","null"],"enum":["a","b",null]})");
    QTest::newRow("nullable allOf merges first")
        << QByteArray(R"({"nullable":true,"allOf":[{"type":"string"},{"maxLength":3}]})")
        << QByteArray(R"({"type":["string","null"],"maxLength":3})");
    QTest::newRow("nullable oneOf wraps")
        << QByteArray(R"({"nullable":true,"description":"d","oneOf":[{"type":"string"},{"type":"integer"}]})")
        << QByteArray(
               R"({"description":"d","anyOf":[{"oneOf":[{"type":"string"},{"type":"integer"}]},{"type":"null"}]})");
    QTest::newRow("3.0 exclusiveMinimum true") << QByteArray(R"({"type":"number","minimum":5,"exclusiveMinimum":true})")
                                               << QByteArray(R"({"type":"number","exclusiveMinimum":5})");
    QTest::newRow("3.0 exclusiveMaximum false")
        << QByteArray(R"({"type":"number","maximum":5,"exclusiveMaximum":false})")
        << QByteArray(R"({"type":"number","maximum":5})");
    QTest::newRow("3.1 numeric exclusive kept") << QByteArray(R"({"type":"number","exclusiveMaximum":5})")
                                                << QByteArray(R"({"type":"number","exclusiveMaximum":5})");
    QTest::newRow("documentation keywords dropped")
        << QByteArray(R"({"type":"string","example":"x","xml":{"name":"y"},"externalDocs":{"url":"https://e"},
                         "x-internal":true,"deprecated":true,"default":"d","format":"email","pattern":"^a",
                         "title":"T","$comment":"c","examples":["e"]})")
        << QByteArray(
               R"({"type":"string","deprecated":true,"default":"d","format":"email","pattern":"^a","title":"T","examples":["e"]})");
    QTest::newRow("discriminator dropped, oneOf kept")
        << QByteArray(R"({"oneOf":[{"$ref":"#/components/schemas/Obj"},{"$ref":"#/components/schemas/Str"}],
                         "discriminator":{"propertyName":"kind"}})")
        << QByteArray(R"({"oneOf":[{"type":"object","required":["a"],"properties":{"a":{"type":"integer"}}},
                                   {"type":"string","description":"A string"}]})");
    QTest::newRow("ref siblings merge over target")
        << QByteArray(R"({"$ref":"#/components/schemas/Str","description":"Mine","maxLength":4})")
        << QByteArray(R"({"type":"string","description":"Mine","maxLength":4})");
    QTest::newRow("ref siblings add properties and required")
        << QByteArray(
               R"({"$ref":"#/components/schemas/Obj","properties":{"b":{"$ref":"#/components/schemas/Str"}},"required":["b","a"]})")
        << QByteArray(R"({"type":"object","required":["a","b"],"properties":{"a":{"type":"integer"},
                         "b":{"type":"string","description":"A string"}}})");
    QTest::newRow("ref sibling nullable") << QByteArray(R"({"$ref":"#/components/schemas/Str","nullable":true})")
                                          << QByteArray(R"({"type":["string","null"],"description":"A string"})");
    QTest::newRow("invalid keyword values dropped")
        << QByteArray(R"({"type":"strin","minLength":-1,"maxLength":2.5,"required":true,"enum":"x","pattern":"(",
                         "multipleOf":0,"uniqueItems":"yes","minimum":"3"})")
        << QByteArray(R"({})");
    QTest::newRow("swagger file type") << QByteArray(R"({"type":"file"})") << QByteArray(R"({"type":"string"})");
    QTest::newRow("type list cleaned") << QByteArray(R"({"type":["string","bogus","string"]})")
                                       << QByteArray(R"({"type":"string"})");
    QTest::newRow("readOnly properties dropped, required filtered, writeOnly kept")
        << QByteArray(R"({"type":"object","required":["id","name","secret"],"properties":{
                         "id":{"type":"integer","readOnly":true},"name":{"type":"string"},
                         "secret":{"type":"string","writeOnly":true}}})")
        << QByteArray(R"({"type":"object","required":["name","secret"],"properties":{"name":{"type":"string"},
                         "secret":{"type":"string","writeOnly":true}}})");
    QTest::newRow("allOf merged") << QByteArray(R"({"description":"Merged","allOf":[{"$ref":"#/components/schemas/Obj"},
                                                   {"type":"object","properties":{"b":{"type":"string"}},"required":["b"]}]})")
                                  << QByteArray(R"({"type":"object","description":"Merged","required":["a","b"],
                         "properties":{"a":{"type":"integer"},"b":{"type":"string"}}})");
    QTest::newRow("allOf with conflicting types kept")
        << QByteArray(R"({"allOf":[{"type":"string"},{"type":"integer"}]})")
        << QByteArray(R"({"allOf":[{"type":"string"},{"type":"integer"}]})");
    QTest::newRow("allOf integer and number")
        << QByteArray(R"({"allOf":[{"type":"number"},{"type":"integer","minimum":1}]})")
        << QByteArray(R"({"type":"integer","minimum":1})");
    QTest::newRow("allOf with conflicting property kept")
        << QByteArray(R"({"allOf":[{"properties":{"a":{"type":"string"}}},{"properties":{"a":{"type":"integer"}}}]})")
        << QByteArray(R"({"allOf":[{"properties":{"a":{"type":"string"}}},{"properties":{"a":{"type":"integer"}}}]})");
    QTest::newRow("tuple items become prefixItems")
        << QByteArray(R"({"type":"array","items":[{"type":"string"},{"type":"integer"}]})")
        << QByteArray(R"({"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}]})");
    QTest::newRow("boolean subschemas")
        << QByteArray(R"({"type":"object","additionalProperties":false,"properties":{"x":true,"y":false}})")
        << QByteArray(R"({"type":"object","additionalProperties":false,"properties":{"x":true,"y":false}})");
    QTest::newRow("additionalProperties schema ref")
        << QByteArray(R"({"type":"object","additionalProperties":{"$ref":"#/components/schemas/Str"}})")
        << QByteArray(R"({"type":"object","additionalProperties":{"type":"string","description":"A string"}})");
    QTest::newRow("same ref twice is not recursion")
        << QByteArray(
               R"({"type":"object","properties":{"a":{"$ref":"#/components/schemas/Named"},"b":{"$ref":"#/components/schemas/Named"}}})")
        << QByteArray(R"({"type":"object","properties":{"a":{"type":"object","properties":{"name":{"type":"string"}}},
                                                       "b":{"type":"object","properties":{"name":{"type":"string"}}}}})");
    QTest::newRow("not a schema") << QByteArray(R"("string")") << QByteArray(R"({})");
}

void TestOpenApiImporter::schemaConversion()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, expected);
    const OpenApiImportResult result = importInline(documentWithParameterSchema(schema));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.warnings, QStringList());
    QCOMPARE(result.tools.size(), 1);
    const QJsonObject converted = result.tools.at(0)
                                      .inputSchema.value(QLatin1String("properties"))
                                      .toObject()
                                      .value(QLatin1String("p"))
                                      .toObject();
    QCOMPARE(compact(converted), compact(expected));
}

void TestOpenApiImporter::bodySelection_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("required");
    QTest::addColumn<QByteArray>("extraParameters");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("inputSchema");

    const QByteArray object
        = R"({"type":"object","required":["name"],"properties":{"name":{"type":"string"},"age":{"type":"integer"}}})";
    const QByteArray idOnly = R"("id":{"type":"string"})";

    QTest::newRow("json wins over xml and form")
        << QByteArray(
               R"({"application/xml":{"schema":{"type":"string"}},"application/x-www-form-urlencoded":{"schema":)"
               + object + R"(},"application/json":{"schema":)" + object + "}}")
        << true << QByteArray() << int(RequestBodyKind::JsonProperties) << QByteArray("application/json")
        << QByteArray(R"({"type":"object","required":["id","name"],"properties":{)" + idOnly
                      + R"(,"name":{"type":"string"},"age":{"type":"integer"}}})");
    QTest::newRow("optional body: its required properties are not required")
        << QByteArray(R"({"application/json":{"schema":)" + object + "}}") << false << QByteArray()
        << int(RequestBodyKind::JsonProperties) << QByteArray("application/json")
        << QByteArray(R"({"type":"object","required":["id"],"properties":{)" + idOnly
                      + R"(,"name":{"type":"string"},"age":{"type":"integer"}}})");
    QTest::newRow("vendor +json with charset")
        << QByteArray(R"({"application/vnd.api+json; charset=utf-8":{"schema":)" + object + "}}") << true
        << QByteArray() << int(RequestBodyKind::JsonProperties) << QByteArray("application/vnd.api+json; charset=utf-8")
        << QByteArray(R"({"type":"object","required":["id","name"],"properties":{)" + idOnly
                      + R"(,"name":{"type":"string"},"age":{"type":"integer"}}})");
    QTest::newRow("wildcard with an object schema is JSON")
        << QByteArray(R"({"*/*":{"schema":)" + object + "}}") << true << QByteArray()
        << int(RequestBodyKind::JsonProperties) << QByteArray("application/json")
        << QByteArray(R"({"type":"object","required":["id","name"],"properties":{)" + idOnly
                      + R"(,"name":{"type":"string"},"age":{"type":"integer"}}})");
    QTest::newRow("form with an object schema")
        << QByteArray(R"({"application/x-www-form-urlencoded":{"schema":)" + object + "}}") << true << QByteArray()
        << int(RequestBodyKind::JsonProperties) << QByteArray("application/x-www-form-urlencoded")
        << QByteArray(R"({"type":"object","required":["id","name"],"properties":{)" + idOnly
                      + R"(,"name":{"type":"string"},"age":{"type":"integer"}}})");
    QTest::newRow("form without a schema is text")
        << QByteArray(R"({"application/x-www-form-urlencoded":{}})") << false << QByteArray()
        << int(RequestBodyKind::Text) << QByteArray("application/x-www-form-urlencoded")
        << QByteArray(
               R"({"type":"object","required":["id"],"properties":{)" + idOnly
               + R"(,"body":{"type":"string","description":"Request body, sent as application/x-www-form-urlencoded"}}})");
    QTest::newRow("array body is whole")
        << QByteArray(R"({"application/json":{"schema":{"type":"array","items":{"type":"integer"}}}})") << true
        << QByteArray() << int(RequestBodyKind::JsonWhole) << QByteArray("application/json")
        << QByteArray(R"({"type":"object","required":["id","body"],"properties":{)" + idOnly
                      + R"(,"body":{"type":"array","items":{"type":"integer"}}}})");
    QTest::newRow("map body is whole")
        << QByteArray(
               R"({"application/json":{"schema":{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":{"type":"string"}}}})")
        << false << QByteArray() << int(RequestBodyKind::JsonWhole) << QByteArray("application/json")
        << QByteArray(
               R"({"type":"object","required":["id"],"properties":{)" + idOnly
               + R"(,"body":{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":{"type":"string"}}}})");
    QTest::newRow("object with oneOf is whole")
        << QByteArray(
               R"({"application/json":{"schema":{"type":"object","properties":{"a":{"type":"string"}},"oneOf":[{"required":["a"]},{"required":["b"]}]}}})")
        << false << QByteArray() << int(RequestBodyKind::JsonWhole) << QByteArray("application/json")
        << QByteArray(
               R"({"type":"object","required":["id"],"properties":{)" + idOnly
               + R"(,"body":{"type":"object","properties":{"a":{"type":"string"}},"oneOf":[{"required":["a"]},{"required":["b"]}]}}})");
    QTest::newRow("json without schema is whole, described")
        << QByteArray(R"({"application/json":{}})") << false << QByteArray() << int(RequestBodyKind::JsonWhole)
        << QByteArray("application/json")
        << QByteArray(R"({"type":"object","required":["id"],"properties":{)" + idOnly + R"(,"body":{}}})");
    QTest::newRow("body argument name taken")
        << QByteArray(R"({"application/json":{"schema":{"type":"array"}}})") << true
        << QByteArray(R"({"name":"body","in":"query","schema":{"type":"boolean"}})") << int(RequestBodyKind::JsonWhole)
        << QByteArray("application/json")
        << QByteArray(R"({"type":"object","required":["id","requestBody"],"properties":{)" + idOnly
                      + R"(,"body":{"type":"boolean"},"requestBody":{"type":"array"}}})");
    QTest::newRow("property colliding with a query parameter")
        << QByteArray(R"({"application/json":{"schema":)" + object + "}}") << true
        << QByteArray(R"({"name":"age","in":"query","schema":{"type":"string"}})") << int(RequestBodyKind::JsonWhole)
        << QByteArray("application/json")
        << QByteArray(R"({"type":"object","required":["id","body"],"properties":{)" + idOnly
                      + R"(,"age":{"type":"string"},"body":)" + object + "}}");
    QTest::newRow("csv is text")
        << QByteArray(R"({"text/csv":{"schema":{"type":"string"}}})") << true << QByteArray()
        << int(RequestBodyKind::Text) << QByteArray("text/csv")
        << QByteArray(R"({"type":"object","required":["id","body"],"properties":{)" + idOnly
                      + R"(,"body":{"type":"string","description":"Request body, sent as text/csv"}}})");
    QTest::newRow("octet-stream is text")
        << QByteArray(R"({"application/octet-stream":{"schema":{"type":"string","format":"binary"}}})") << false
        << QByteArray() << int(RequestBodyKind::Text) << QByteArray("application/octet-stream")
        << QByteArray(
               R"({"type":"object","required":["id"],"properties":{)" + idOnly
               + R"(,"body":{"type":"string","description":"Request body, sent as application/octet-stream"}}})");
    QTest::newRow("text wildcard")
        << QByteArray(R"({"text/*":{}})") << false << QByteArray() << int(RequestBodyKind::Text)
        << QByteArray("text/plain")
        << QByteArray(R"({"type":"object","required":["id"],"properties":{)" + idOnly
                      + R"(,"body":{"type":"string","description":"Request body, sent as text/plain"}}})");
}

void TestOpenApiImporter::bodySelection()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, required);
    QFETCH(QByteArray, extraParameters);
    QFETCH(int, kind);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, inputSchema);
    const OpenApiImportResult result = importInline(documentWithBody(content, required, extraParameters));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.warnings, QStringList());
    QCOMPARE(result.tools.size(), 1);
    const ToolDefinition& tool = result.tools.at(0);
    QCOMPARE(int(tool.bodyKind), kind);
    QCOMPARE(tool.bodyContentType, contentType);
    QCOMPARE(tool.bodyRequired, required);
    QCOMPARE(compact(tool.inputSchema), compact(inputSchema));
    if (tool.bodyKind == RequestBodyKind::JsonProperties) {
        QStringList properties = tool.bodyProperties;
        properties.sort();
        QCOMPARE(properties, QStringList({QStringLiteral("age"), QStringLiteral("name")}));
        QCOMPARE(tool.bodyArgument, QString());
    } else {
        QVERIFY(tool.bodyProperties.isEmpty());
        QVERIFY(tool.inputSchema.value(QLatin1String("properties")).toObject().contains(tool.bodyArgument));
    }
}

void TestOpenApiImporter::unsupportedBodies_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("required");
    QTest::addColumn<QStringList>("tools");
    QTest::addColumn<QStringList>("warnings");

    const QByteArray mixed = R"({"multipart/mixed":{"schema":{"type":"object"}}})";
    QTest::newRow("required multipart/mixed: skipped")
        << mixed << true << QStringList()
        << QStringList(
               {QStringLiteral("POST /x/{id}: multipart/mixed request bodies are not supported; operation skipped")});
    QTest::newRow("optional multipart/mixed: no body")
        << mixed << false << QStringList({QStringLiteral("op")})
        << QStringList({QStringLiteral(
               "POST /x/{id}: multipart/mixed request bodies are not supported; the tool sends no body")});
    const QByteArray formNoFields = R"({"multipart/form-data":{"schema":{"type":"object"}}})";
    const QString fieldsOnly = QStringLiteral(
        "POST /x/{id}: multipart/form-data request bodies are supported as an object of named fields (without "
        "clashes with parameter names) only");
    QTest::newRow("required form-data without fields: skipped")
        << formNoFields << true << QStringList() << QStringList({fieldsOnly + QStringLiteral("; operation skipped")});
    QTest::newRow("optional form-data without fields: no body")
        << formNoFields << false << QStringList({QStringLiteral("op")})
        << QStringList({fieldsOnly + QStringLiteral("; the tool sends no body")});
}

void TestOpenApiImporter::unsupportedBodies()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, required);
    QFETCH(QStringList, tools);
    QFETCH(QStringList, warnings);
    const OpenApiImportResult result = importInline(documentWithBody(content, required));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(toolNames(result), tools);
    QCOMPARE(result.warnings, warnings);
    if (!result.tools.isEmpty()) {
        QCOMPARE(result.tools.at(0).bodyKind, RequestBodyKind::None);
        QCOMPARE(result.tools.at(0).bodyContentType, QByteArray());
    }
}

void TestOpenApiImporter::multipartBodies_data()
{
    QTest::addColumn<QByteArray>("media"); // the multipart/form-data media type object
    QTest::addColumn<QByteArray>("properties"); // expected inputSchema properties besides "id"
    QTest::addColumn<QStringList>("parts"); // name binary|text repeated? contentType

    const QString fileDescription = QStringLiteral(
        "File content, base64-encoded (RFC 4648, standard alphabet); sent decoded as a file part (%1) of the "
        "multipart/form-data body.");
    QTest::newRow("text field and binary file")
        << QByteArray(R"({"schema":{"type":"object","required":["file"],"properties":{
               "title":{"type":"string","maxLength":80},
               "file":{"type":"string","format":"binary","description":"The photo."}}}})")
        << QByteArray(R"({"file":{"type":"string","contentEncoding":"base64","description":"The photo. )"
                      + fileDescription.arg(QStringLiteral("application/octet-stream")).toUtf8()
                      + R"("},"title":{"type":"string","maxLength":80}})")
        << QStringList({QStringLiteral("file binary single "), QStringLiteral("title text single ")});
    QTest::newRow("byte format and encoding contentType")
        << QByteArray(R"({"schema":{"type":"object","properties":{
               "doc":{"type":"string","format":"byte"},
               "img":{"type":"string"},
               "meta":{"type":"object","properties":{"k":{"type":"string"}}}},
               "additionalProperties":false},
             "encoding":{"img":{"contentType":"image/png, image/jpeg"},"meta":{"contentType":"application/json"}}})")
        << QByteArray(R"({"doc":{"type":"string","contentEncoding":"base64","description":")"
                      + fileDescription.arg(QStringLiteral("application/octet-stream")).toUtf8()
                      + R"("},"img":{"type":"string","contentEncoding":"base64","description":")"
                      + fileDescription.arg(QStringLiteral("image/png")).toUtf8()
                      + R"("},"meta":{"type":"object","properties":{"k":{"type":"string"}}}})")
        << QStringList({QStringLiteral("doc binary single "), QStringLiteral("img binary single image/png"),
                        QStringLiteral("meta text single application/json")});
    QTest::newRow("several files and text list")
        << QByteArray(R"({"schema":{"type":"object","properties":{
               "files":{"type":"array","items":{"type":"string","format":"binary"}},
               "tags":{"type":"array","items":{"type":"string"}}}}})")
        << QByteArray(R"({"files":{"type":"array","items":{"type":"string","contentEncoding":"base64","description":")"
                      + fileDescription.arg(QStringLiteral("application/octet-stream")).toUtf8()
                      + R"("}},"tags":{"type":"array","items":{"type":"string"}}})")
        << QStringList({QStringLiteral("files binary repeated "), QStringLiteral("tags text repeated ")});
}

void TestOpenApiImporter::multipartBodies()
{
    QFETCH(QByteArray, media);
    QFETCH(QByteArray, properties);
    QFETCH(QStringList, parts);
    const OpenApiImportResult result = importInline(documentWithBody(R"({"multipart/form-data":)" + media + "}", true));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.warnings, QStringList());
    QCOMPARE(result.tools.size(), 1);
    const ToolDefinition& tool = result.tools.at(0);
    QCOMPARE(tool.bodyKind, RequestBodyKind::Multipart);
    QCOMPARE(tool.bodyContentType, QByteArray("multipart/form-data"));
    QJsonObject expected = QJsonDocument::fromJson(properties).object();
    QVERIFY2(!expected.isEmpty(), properties.constData());
    expected.insert(QStringLiteral("id"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}});
    QCOMPARE(compact(tool.inputSchema.value(QLatin1String("properties")).toObject()), compact(expected));
    QStringList actual;
    for (const MultipartPart& part : tool.multipartParts)
        actual << QStringLiteral("%1 %2 %3 %4")
                      .arg(part.name, part.binary ? QStringLiteral("binary") : QStringLiteral("text"),
                           part.repeated ? QStringLiteral("repeated") : QStringLiteral("single"),
                           QString::fromLatin1(part.contentType));
    QCOMPARE(actual, parts);
    QCOMPARE(tool.bodyProperties.size(), parts.size());
}

void TestOpenApiImporter::parameterHandling_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("parameters");
    QTest::addColumn<QByteArray>("inputSchema");
    QTest::addColumn<QStringList>("arguments"); // "argument=wire style"
    QTest::addColumn<QStringList>("warnings");

    QTest::newRow("same name in path and query")
        << QByteArray("/things/{id}")
        << QByteArray(
               R"([{"name":"id","in":"query","schema":{"type":"integer"}},{"name":"id","in":"path","required":true,"schema":{"type":"string"}}])")
        << QByteArray(
               R"({"type":"object","required":["id"],"properties":{"id":{"type":"string"},"id_query":{"type":"integer"}}})")
        << QStringList({QStringLiteral("id_query=id form"), QStringLiteral("id=id simple")})
        << QStringList(
               {QStringLiteral("GET /things/{id}: query parameter 'id' is named 'id_query' as a tool argument")});
    QTest::newRow("undeclared and non-matching path parameters")
        << QByteArray("/things/{thingId}")
        << QByteArray(R"([{"name":"other","in":"path","required":true,"schema":{"type":"string"}}])")
        << QByteArray(R"({"type":"object","required":["thingId"],"properties":{"thingId":{"type":"string"}}})")
        << QStringList({QStringLiteral("thingId=thingId simple")})
        << QStringList(
               {QStringLiteral("GET /things/{thingId}: path parameter 'other' does not appear in the path; ignored"),
                QStringLiteral(
                    "GET /things/{thingId}: path parameter 'thingId' is not declared; treated as a required string")});
    QTest::newRow("path parameters are always required")
        << QByteArray("/things/{id}") << QByteArray(R"([{"name":"id","in":"path","schema":{"type":"integer"}}])")
        << QByteArray(R"({"type":"object","required":["id"],"properties":{"id":{"type":"integer"}}})")
        << QStringList({QStringLiteral("id=id simple")}) << QStringList();
    QTest::newRow("headers: ignored and forbidden ones")
        << QByteArray("/h") << QByteArray(R"([{"name":"Authorization","in":"header","schema":{"type":"string"}},
                          {"name":"Content-Type","in":"header","schema":{"type":"string"}},
                          {"name":"Host","in":"header","schema":{"type":"string"}},
                          {"name":"Bad Header","in":"header","schema":{"type":"string"}},
                          {"name":"X-Trace","in":"header","required":true,"deprecated":true,"description":"Trace id","schema":{"type":"string"}}])")
        << QByteArray(
               R"({"type":"object","required":["X-Trace"],"properties":{"X-Trace":{"type":"string","description":"Trace id","deprecated":true}}})")
        << QStringList({QStringLiteral("X-Trace=X-Trace simple")})
        << QStringList({QStringLiteral("GET /h: header parameter 'Host' cannot be set by a tool; ignored"),
                        QStringLiteral("GET /h: header parameter 'Bad Header' cannot be set by a tool; ignored")});
    QTest::newRow("content parameter, schema-less parameter, unknown location")
        << QByteArray("/q")
        << QByteArray(
               R"([{"name":"filter","in":"query","content":{"application/json":{"schema":{"type":"object","properties":{"a":{"type":"string"}}}}}},
                          {"name":"plain","in":"query"},
                          {"name":"qs","in":"querystring","schema":{"type":"string"}},
                          {"in":"query","schema":{"type":"string"}}])")
        << QByteArray(
               R"({"type":"object","properties":{"filter":{"type":"object","properties":{"a":{"type":"string"}}},"plain":{"type":"string"}}})")
        << QStringList({QStringLiteral("filter=filter application/json"), QStringLiteral("plain=plain form")})
        << QStringList(
               {QStringLiteral("doc.yaml: /paths/~1q/get/parameters/3: parameter without 'name' or 'in' ignored"),
                QStringLiteral("GET /q: parameter 'qs' in 'querystring' is not supported; ignored")});
    QTest::newRow("parameter description does not override the schema's")
        << QByteArray("/d")
        << QByteArray(
               R"([{"name":"p","in":"query","description":"outer","schema":{"type":"string","description":"inner"}}])")
        << QByteArray(R"({"type":"object","properties":{"p":{"type":"string","description":"inner"}}})")
        << QStringList({QStringLiteral("p=p form")}) << QStringList();
}

void TestOpenApiImporter::parameterHandling()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, parameters);
    QFETCH(QByteArray, inputSchema);
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, warnings);
    const QByteArray document = R"({"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{")" + path
        + R"(":{"get":{"operationId":"op","parameters":)" + parameters + R"(,"responses":{}}}}})";
    const OpenApiImportResult result = importInline(document);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.warnings, warnings);
    QCOMPARE(result.tools.size(), 1);
    QCOMPARE(compact(result.tools.at(0).inputSchema), compact(inputSchema));
    QStringList actual;
    for (const ParameterBinding& b : result.tools.at(0).parameters)
        actual << QStringLiteral("%1=%2 %3").arg(b.argumentName, b.wireName, b.style);
    QCOMPARE(actual, arguments);
}

void TestOpenApiImporter::verbPathNames_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("name");

    QTest::newRow("reShapr example") << QByteArray("GET") << QStringLiteral("/v1/forecast")
                                     << QStringLiteral("get_v1_forecast");
    QTest::newRow("braces dropped, lower-cased")
        << QByteArray("GET") << QStringLiteral("/pets/{petId}") << QStringLiteral("get_pets_petid");
    QTest::newRow("spaces and slashes collapse")
        << QByteArray("POST") << QStringLiteral("/a b//c") << QStringLiteral("post_a_b_c");
    QTest::newRow("root") << QByteArray("DELETE") << QStringLiteral("/") << QStringLiteral("delete");
    QTest::newRow("dots and dashes are valid") << QByteArray("GET") << QStringLiteral("/users/{user-id}/repos.json")
                                               << QStringLiteral("get_users_user-id_repos.json");
    QTest::newRow("trailing and repeated underscores")
        << QByteArray("PATCH") << QStringLiteral("/__x__/") << QStringLiteral("patch_x");
    QTest::newRow("non-ASCII and punctuation")
        << QByteArray("GET") << QStringLiteral("/ünïcode/a:b?c") << QStringLiteral("get_n_code_a_b_c");
    QTest::newRow("google style verb") << QByteArray("POST") << QStringLiteral("/v1/{name}:cancel")
                                       << QStringLiteral("post_v1_name_cancel");
    QTest::newRow("truncated to 128") << QByteArray("GET") << QStringLiteral("/") + QString(200, QLatin1Char('a'))
                                      << QStringLiteral("get_") + QString(124, QLatin1Char('a'));
    QTest::newRow("no trailing underscore after truncation")
        << QByteArray("GET") << QStringLiteral("/") + QString(123, QLatin1Char('b')) + QStringLiteral("/cccc")
        << QStringLiteral("get_") + QString(123, QLatin1Char('b'));
}

void TestOpenApiImporter::verbPathNames()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, name);
    const QString actual = ToolNamer::verbPathName(method, path);
    QCOMPARE(actual, name);
    QVERIFY(ToolNamer::isValidToolName(actual));
}

void TestOpenApiImporter::namingModes_data()
{
    QTest::addColumn<int>("naming");
    QTest::addColumn<QStringList>("names");

    const QStringList byOperationId{QStringLiteral("listPets"),    QStringLiteral("createPet"),
                                    QStringLiteral("showPetById"), QStringLiteral("replacePet"),
                                    QStringLiteral("deletePet"),   QStringLiteral("patch_pets_petid"),
                                    QStringLiteral("uploadPhoto"), QStringLiteral("addNote"),
                                    QStringLiteral("placeOrder"),  QStringLiteral("searchPets")};
    QTest::newRow("auto") << int(ToolNaming::Auto) << byOperationId;
    QTest::newRow("operationId") << int(ToolNaming::OperationId) << byOperationId;
    QTest::newRow("verb+path") << int(ToolNaming::VerbPath)
                               << QStringList(
                                      {QStringLiteral("get_pets"), QStringLiteral("post_pets"),
                                       QStringLiteral("get_pets_petid"), QStringLiteral("put_pets_petid"),
                                       QStringLiteral("delete_pets_petid"), QStringLiteral("patch_pets_petid"),
                                       QStringLiteral("put_pets_petid_photo"), QStringLiteral("post_pets_petid_notes"),
                                       QStringLiteral("post_stores_storeid_orders"), QStringLiteral("get_search")});
}

void TestOpenApiImporter::namingModes()
{
    QFETCH(int, naming);
    QFETCH(QStringList, names);
    OpenApiImportOptions options;
    options.naming = ToolNaming(naming);
    const OpenApiImportResult result
        = OpenApiImporter::importFile(dataPath(QStringLiteral("petstore-3.0.yaml")), options);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(toolNames(result), names);
}

void TestOpenApiImporter::nameCollisions()
{
    const OpenApiImportResult result = OpenApiImporter::importFile(dataPath(QStringLiteral("collisions.yaml")));
    QVERIFY2(result.ok, qPrintable(result.error));
    // get_items_id_2 is asked for by GET /c, so the second get_items_id becomes _3.
    QCOMPARE(
        toolNames(result),
        QStringList({QStringLiteral("getThing"), QStringLiteral("getThing_2"), QStringLiteral("get_items_id"),
                     QStringLiteral("get_items_id_3"), QStringLiteral("get_items_id_2"), QStringLiteral("get_d")}));
    QCOMPARE(
        result.warnings,
        QStringList(
            {QStringLiteral("GET /b: tool name 'getThing' is already taken; named 'getThing_2'"),
             QStringLiteral("GET /items/{id}/: tool name 'get_items_id' is already taken; named 'get_items_id_3'"),
             QStringLiteral("GET /items/{id}: path parameter 'id' is not declared; treated as a required string"),
             QStringLiteral("GET /items/{id}/: path parameter 'id' is not declared; treated as a required string")}));
    QCOMPARE(findTool(result, QStringLiteral("get_d"))->operationId, QStringLiteral("list things!"));
}

void TestOpenApiImporter::includeExclude_data()
{
    QTest::addColumn<QStringList>("include");
    QTest::addColumn<QStringList>("exclude");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("warnings");

    QTest::newRow("everything") << QStringList() << QStringList()
                                << QStringList({QStringLiteral("listPets"), QStringLiteral("createPet"),
                                                QStringLiteral("showPetById"), QStringLiteral("replacePet"),
                                                QStringLiteral("deletePet"), QStringLiteral("patch_pets_petid"),
                                                QStringLiteral("uploadPhoto"), QStringLiteral("addNote"),
                                                QStringLiteral("placeOrder"), QStringLiteral("searchPets")})
                                << QStringList();
    QTest::newRow("include by operationId and METHOD /path")
        << QStringList({QStringLiteral("listPets"), QStringLiteral("GET /pets/{petId}")}) << QStringList()
        << QStringList({QStringLiteral("listPets"), QStringLiteral("showPetById")}) << QStringList();
    QTest::newRow("method is case-insensitive")
        << QStringList({QStringLiteral("  delete   /pets/{petId} ")}) << QStringList()
        << QStringList({QStringLiteral("deletePet")}) << QStringList();
    QTest::newRow("include by generated tool name")
        << QStringList({QStringLiteral("patch_pets_petid")}) << QStringList()
        << QStringList({QStringLiteral("patch_pets_petid")}) << QStringList();
    QTest::newRow("exclude") << QStringList()
                             << QStringList({QStringLiteral("deletePet"), QStringLiteral("PUT /pets/{petId}/photo"),
                                             QStringLiteral("searchPets")})
                             << QStringList({QStringLiteral("listPets"), QStringLiteral("createPet"),
                                             QStringLiteral("showPetById"), QStringLiteral("replacePet"),
                                             QStringLiteral("patch_pets_petid"), QStringLiteral("addNote"),
                                             QStringLiteral("placeOrder")})
                             << QStringList();
    QTest::newRow("exclude wins") << QStringList({QStringLiteral("listPets"), QStringLiteral("createPet")})
                                  << QStringList({QStringLiteral("POST /pets")})
                                  << QStringList({QStringLiteral("listPets")}) << QStringList();
    QTest::newRow("path is case-sensitive, unmatched entries warn")
        << QStringList({QStringLiteral("GET /PETS"), QStringLiteral("listpets")})
        << QStringList({QStringLiteral("nothing")}) << QStringList()
        << QStringList({QStringLiteral("include entry 'GET /PETS' matches no operation"),
                        QStringLiteral("include entry 'listpets' matches no operation"),
                        QStringLiteral("exclude entry 'nothing' matches no operation")});
}

void TestOpenApiImporter::includeExclude()
{
    QFETCH(QStringList, include);
    QFETCH(QStringList, exclude);
    QFETCH(QStringList, names);
    QFETCH(QStringList, warnings);
    OpenApiImportOptions options;
    options.include = include;
    options.exclude = exclude;
    const OpenApiImportResult result
        = OpenApiImporter::importFile(dataPath(QStringLiteral("petstore-3.0.yaml")), options);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(toolNames(result), names);
    QCOMPARE(result.warnings, warnings);
}

void TestOpenApiImporter::servers_data()
{
    QTest::addColumn<QByteArray>("servers");
    QTest::addColumn<QStringList>("urls");
    QTest::addColumn<QStringList>("warnings");

    QTest::newRow("none") << QByteArray("[]") << QStringList() << QStringList();
    QTest::newRow("variables, relative, duplicates")
        << QByteArray(R"([{"url":"https://{region}.example.com:{port}/v{major}","variables":{"region":{"default":"eu"},
                          "port":{"default":"8443"},"major":{"default":2}}},{"url":"/api/v3"},{"url":"/api/v3"},{"url":""}])")
        << QStringList({QStringLiteral("https://eu.example.com:8443/v2"), QStringLiteral("/api/v3")}) << QStringList();
    QTest::newRow("variable without default")
        << QByteArray(R"([{"url":"https://{tenant}.example.com","variables":{}}])")
        << QStringList({QStringLiteral("https://{tenant}.example.com")})
        << QStringList(
               {QStringLiteral("doc.yaml: server 'https://{tenant}.example.com': variable 'tenant' has no default")});
}

void TestOpenApiImporter::servers()
{
    QFETCH(QByteArray, servers);
    QFETCH(QStringList, urls);
    QFETCH(QStringList, warnings);
    const OpenApiImportResult result
        = importInline(R"({"openapi":"3.0.3","info":{"title":"t","version":"1"},"servers":)" + servers
                       + R"(,"paths":{"/x":{"get":{"responses":{}}}}})");
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.serverUrls, urls);
    QCOMPARE(result.warnings, warnings);
}

void TestOpenApiImporter::methodOrderOfDeepPathItems()
{
    // The path item lives too deep for the recorded key order: methods come in the usual order.
    const QByteArray content = R"(openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /z:
    $ref: '#/x-defs/a/b/Things'
  /a:
    post: {operationId: first, responses: {}}
x-defs:
  a:
    b:
      Things:
        post: {operationId: createThing, responses: {}}
        delete: {operationId: deleteThing, responses: {}}
        get: {operationId: getThing, responses: {}}
        patch: {operationId: patchThing, responses: {}}
)";
    const OpenApiImportResult result = importInline(content);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(toolNames(result),
             QStringList({QStringLiteral("getThing"), QStringLiteral("createThing"), QStringLiteral("deleteThing"),
                          QStringLiteral("patchThing"), QStringLiteral("first")}));
}

void TestOpenApiImporter::emptyAndWebhookOnlyDocuments_data()
{
    QTest::addColumn<QByteArray>("content");

    QTest::newRow("no paths") << QByteArray("openapi: 3.0.3\ninfo: {title: T, version: '1'}\n");
    QTest::newRow("empty paths") << QByteArray("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n");
    QTest::newRow("webhooks only") << QByteArray("openapi: 3.1.0\ninfo: {title: T, version: '1'}\nwebhooks:\n  ping:\n"
                                                 "    post:\n      operationId: ping\n      responses: {}\n");
    QTest::newRow("only extensions and non-operations")
        << QByteArray("openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  x-internal: {get: {}}\n  /x:\n"
                      "    summary: nothing here\n    servers: []\n");
}

void TestOpenApiImporter::emptyAndWebhookOnlyDocuments()
{
    QFETCH(QByteArray, content);
    const OpenApiImportResult result = importInline(content);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.tools.isEmpty());
    QCOMPARE(result.warnings, QStringList({QStringLiteral("doc.yaml: the document has no operations")}));
}

void TestOpenApiImporter::missingFile()
{
    const QString path = dataPath(QStringLiteral("does-not-exist.yaml"));
    const OpenApiImportResult result = OpenApiImporter::importFile(path);
    QVERIFY(!result.ok);
    QCOMPARE(result.error, QDir::toNativeSeparators(path) + QStringLiteral(": cannot read the file: no such file"));
}

QTEST_GUILESS_MAIN(TestOpenApiImporter)
#include "tst_openapiimporter.moc"
