// SPDX-License-Identifier: GPL-3.0-or-later
#include "openapi/JsonSchemaValidator.h"
#include "openapi/OpenApiImporter.h"
#include "openapi/ToolCallEncoder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Gateway;

namespace {

ParameterBinding binding(const QString& name, ParameterLocation location, const QString& style, bool explode,
                         bool required = false)
{
    ParameterBinding b;
    b.argumentName = name;
    b.wireName = name;
    b.location = location;
    b.style = style;
    b.explode = explode;
    b.required = required;
    return b;
}

// The tools the rows refer to by name.
ToolDefinition tool(const QString& name)
{
    ToolDefinition t;
    t.name = name;
    if (name == QLatin1String("pet")) {
        t.httpMethod = "GET";
        t.pathTemplate = QStringLiteral("/pets/{petId}");
        t.parameters
            = {binding(QStringLiteral("petId"), ParameterLocation::Path, QStringLiteral("simple"), false, true),
               binding(QStringLiteral("limit"), ParameterLocation::Query, QStringLiteral("form"), true),
               binding(QStringLiteral("tags"), ParameterLocation::Query, QStringLiteral("form"), true),
               binding(QStringLiteral("ids"), ParameterLocation::Query, QStringLiteral("form"), false),
               binding(QStringLiteral("filter"), ParameterLocation::Query, QStringLiteral("deepObject"), true),
               binding(QStringLiteral("sort"), ParameterLocation::Query, QStringLiteral("spaceDelimited"), false),
               binding(QStringLiteral("pipes"), ParameterLocation::Query, QStringLiteral("pipeDelimited"), false),
               binding(QStringLiteral("obj"), ParameterLocation::Query, QStringLiteral("form"), true),
               binding(QStringLiteral("objne"), ParameterLocation::Query, QStringLiteral("form"), false),
               binding(QStringLiteral("flag"), ParameterLocation::Query, QStringLiteral("form"), true),
               binding(QStringLiteral("q"), ParameterLocation::Query, QStringLiteral("application/json"), false),
               binding(QStringLiteral("raw"), ParameterLocation::Query, QStringLiteral("text/plain"), false),
               binding(QStringLiteral("X-Trace"), ParameterLocation::Header, QStringLiteral("simple"), false),
               binding(QStringLiteral("X-List"), ParameterLocation::Header, QStringLiteral("simple"), false),
               binding(QStringLiteral("session"), ParameterLocation::Cookie, QStringLiteral("form"), true),
               binding(QStringLiteral("theme"), ParameterLocation::Cookie, QStringLiteral("form"), true)};
        // An argument renamed because of a clash: the wire name stays.
        ParameterBinding renamed
            = binding(QStringLiteral("petId_query"), ParameterLocation::Query, QStringLiteral("form"), true);
        renamed.wireName = QStringLiteral("petId");
        t.parameters << renamed;
    } else if (name == QLatin1String("create") || name == QLatin1String("createOptional")) {
        t.httpMethod = "POST";
        t.pathTemplate = QStringLiteral("/stores/{storeId}/pets");
        t.parameters
            = {binding(QStringLiteral("storeId"), ParameterLocation::Path, QStringLiteral("simple"), false, true)};
        t.bodyKind = RequestBodyKind::JsonProperties;
        t.bodyRequired = name == QLatin1String("create");
        t.bodyProperties = {QStringLiteral("name"), QStringLiteral("tag"), QStringLiteral("age")};
        t.bodyContentType = "application/json";
    } else if (name == QLatin1String("whole")) {
        t.httpMethod = "PUT";
        t.pathTemplate = QStringLiteral("/things");
        t.bodyKind = RequestBodyKind::JsonWhole;
        t.bodyRequired = true;
        t.bodyArgument = QStringLiteral("body");
        t.bodyContentType = "application/merge-patch+json";
    } else if (name == QLatin1String("text")) {
        t.httpMethod = "POST";
        t.pathTemplate = QStringLiteral("/notes");
        t.bodyKind = RequestBodyKind::Text;
        t.bodyArgument = QStringLiteral("requestBody");
        t.bodyContentType = "text/plain";
    } else if (name == QLatin1String("form")) {
        t.httpMethod = "POST";
        t.pathTemplate = QStringLiteral("/form");
        t.bodyKind = RequestBodyKind::JsonProperties;
        t.bodyProperties = {QStringLiteral("name"), QStringLiteral("tags"), QStringLiteral("meta")};
        t.bodyContentType = "application/x-www-form-urlencoded";
    } else if (name == QLatin1String("upload") || name == QLatin1String("uploadOptional")) {
        t.httpMethod = "POST";
        t.pathTemplate = QStringLiteral("/upload");
        t.bodyKind = RequestBodyKind::Multipart;
        t.bodyRequired = name == QLatin1String("upload");
        t.bodyContentType = "multipart/form-data";
        const auto part = [](const char* partName, bool binary, bool repeated, const QByteArray& type) {
            MultipartPart p;
            p.name = QString::fromLatin1(partName);
            p.binary = binary;
            p.repeated = repeated;
            p.contentType = type;
            return p;
        };
        t.multipartParts
            = {part("title", false, false, {}), part("count", false, false, {}),         part("meta", false, false, {}),
               part("file", true, false, {}),   part("photo", true, false, "image/png"), part("files", true, true, {}),
               part("tags", false, true, {}),   part("we\"ird\nname", false, false, {})};
        for (const MultipartPart& p : std::as_const(t.multipartParts))
            t.bodyProperties << p.name;
    } else if (name == QLatin1String("styles")) {
        t.httpMethod = "GET";
        t.pathTemplate = QStringLiteral("/m/{a}/{b}/{c}/{d}");
        t.parameters = {binding(QStringLiteral("a"), ParameterLocation::Path, QStringLiteral("label"), false, true),
                        binding(QStringLiteral("b"), ParameterLocation::Path, QStringLiteral("matrix"), true, true),
                        binding(QStringLiteral("c"), ParameterLocation::Path, QStringLiteral("simple"), true, true),
                        binding(QStringLiteral("d"), ParameterLocation::Path, QStringLiteral("simple"), false, true)};
    } else if (name == QLatin1String("verb")) {
        t.httpMethod = "POST";
        t.pathTemplate = QStringLiteral("/v1/{name}:cancel");
        t.parameters
            = {binding(QStringLiteral("name"), ParameterLocation::Path, QStringLiteral("simple"), false, true)};
    }
    return t;
}

QJsonObject arguments(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestToolCallEncoder : public QObject
{
    Q_OBJECT

private slots:
    void encode_data();
    void encode();
    void importedPetstore_data();
    void importedPetstore();
    void multipart_data();
    void multipart();
    void multipartBoundaryIsUnpredictable();
};

void TestToolCallEncoder::encode_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QByteArray>("arguments");
    QTest::addColumn<QString>("error"); // empty: success expected
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("headers");
    QTest::addColumn<QByteArray>("body");

    const QString pet = QStringLiteral("pet");
    const QString api = QStringLiteral("http://h:1/api");

    // Path.
    QTest::newRow("path param appended to base path")
        << pet << api << QByteArray(R"({"petId":7})") << QString() << QByteArray("GET")
        << QStringLiteral("http://h:1/api/pets/7") << QStringList() << QByteArray();
    QTest::newRow("base with trailing slash")
        << pet << QStringLiteral("http://h:1/api/") << QByteArray(R"({"petId":7})") << QString() << QByteArray("GET")
        << QStringLiteral("http://h:1/api/pets/7") << QStringList() << QByteArray();
    QTest::newRow("base without path") << pet << QStringLiteral("https://h") << QByteArray(R"({"petId":"x"})")
                                       << QString() << QByteArray("GET") << QStringLiteral("https://h/pets/x")
                                       << QStringList() << QByteArray();
    QTest::newRow("path value percent-encoded")
        << pet << api << QByteArray(R"({"petId":"a/b c?d#\u00e9%"})") << QString() << QByteArray("GET")
        << QStringLiteral("http://h:1/api/pets/a%2Fb%20c%3Fd%23%C3%A9%25") << QStringList() << QByteArray();
    QTest::newRow("path array comma-joined")
        << pet << api << QByteArray(R"({"petId":[1,"x y",3]})") << QString() << QByteArray("GET")
        << QStringLiteral("http://h:1/api/pets/1,x%20y,3") << QStringList() << QByteArray();
    QTest::newRow("integral number without .0")
        << pet << api << QByteArray(R"({"petId":7.0})") << QString() << QByteArray("GET")
        << QStringLiteral("http://h:1/api/pets/7") << QStringList() << QByteArray();
    QTest::newRow("fraction and boolean")
        << pet << api << QByteArray(R"({"petId":2.5,"flag":true})") << QString() << QByteArray("GET")
        << QStringLiteral("http://h:1/api/pets/2.5?flag=true") << QStringList() << QByteArray();
    QTest::newRow("missing path param") << pet << api << QByteArray(R"({"limit":1})")
                                        << QStringLiteral("argument 'petId': missing required path parameter")
                                        << QByteArray("GET") << QString() << QStringList() << QByteArray();
    QTest::newRow("null path param") << pet << api << QByteArray(R"({"petId":null})")
                                     << QStringLiteral("argument 'petId': missing required path parameter")
                                     << QByteArray("GET") << QString() << QStringList() << QByteArray();
    QTest::newRow("empty path param") << pet << api << QByteArray(R"({"petId":""})")
                                      << QStringLiteral("argument 'petId': path parameter must not be empty")
                                      << QByteArray("GET") << QString() << QStringList() << QByteArray();
    QTest::newRow("dot-dot path param") << pet << api << QByteArray(R"({"petId":".."})")
                                        << QStringLiteral("argument 'petId': path parameter must not be a dot segment")
                                        << QByteArray("GET") << QString() << QStringList() << QByteArray();
    QTest::newRow("label, matrix, simple explode object")
        << QStringLiteral("styles") << api
        << QByteArray(R"({"a":"x","b":[1,2],"c":{"k":"v","n":1},"d":{"k":"v","n":1}})") << QString()
        << QByteArray("GET") << QStringLiteral("http://h:1/api/m/.x/;b=1;b=2/k=v,n=1/k,v,n,1") << QStringList()
        << QByteArray();
    QTest::newRow("template literal kept around a placeholder")
        << QStringLiteral("verb") << api << QByteArray(R"({"name":"ops/1"})") << QString() << QByteArray("POST")
        << QStringLiteral("http://h:1/api/v1/ops%2F1:cancel") << QStringList() << QByteArray();

    // Query.
    QTest::newRow("query styles")
        << pet << api
        << QByteArray(
               R"({"petId":1,"limit":10,"tags":["a","b c"],"ids":[1,2],"sort":["x","y"],"pipes":["p","q"],"flag":false})")
        << QString() << QByteArray("GET")
        << QStringLiteral("http://h:1/api/pets/1?limit=10&tags=a&tags=b%20c&ids=1,2&sort=x%20y&pipes=p%7Cq&flag=false")
        << QStringList() << QByteArray();
    QTest::newRow("deepObject") << pet << api
                                << QByteArray(R"({"petId":1,"filter":{"color":"red","size":{"min":1},"gone":null}})")
                                << QString() << QByteArray("GET")
                                << QStringLiteral("http://h:1/api/pets/1?filter[color]=red&filter[size][min]=1")
                                << QStringList() << QByteArray();
    QTest::newRow("form objects") << pet << api
                                  << QByteArray(R"({"petId":1,"obj":{"x":1,"y":"z"},"objne":{"x":1,"y":"z"}})")
                                  << QString() << QByteArray("GET")
                                  << QStringLiteral("http://h:1/api/pets/1?x=1&y=z&objne=x,1,y,z") << QStringList()
                                  << QByteArray();
    QTest::newRow("reserved characters escaped")
        << pet << api << QByteArray(R"({"petId":1,"limit":"a&b=c+d #"})") << QString() << QByteArray("GET")
        << QStringLiteral("http://h:1/api/pets/1?limit=a%26b%3Dc%2Bd%20%23") << QStringList() << QByteArray();
    QTest::newRow("null and absent optional params omitted")
        << pet << api << QByteArray(R"({"petId":1,"limit":null,"unknown":5})") << QString() << QByteArray("GET")
        << QStringLiteral("http://h:1/api/pets/1") << QStringList() << QByteArray();
    QTest::newRow("base query kept") << pet << QStringLiteral("http://h/api?key=a%26b")
                                     << QByteArray(R"({"petId":1,"limit":2})") << QString() << QByteArray("GET")
                                     << QStringLiteral("http://h/api/pets/1?key=a%26b&limit=2") << QStringList()
                                     << QByteArray();
    QTest::newRow("content parameter as JSON")
        << pet << api << QByteArray(R"({"petId":1,"q":{"a":[1,"b"]}})") << QString() << QByteArray("GET")
        << QStringLiteral("http://h:1/api/pets/1?q=%7B%22a%22%3A%5B1%2C%22b%22%5D%7D") << QStringList() << QByteArray();
    QTest::newRow("content parameter with a text media type")
        << pet << api << QByteArray(R"({"petId":1,"raw":"a b"})") << QString() << QByteArray("GET")
        << QStringLiteral("http://h:1/api/pets/1?raw=a%20b") << QStringList() << QByteArray();
    QTest::newRow("renamed argument keeps wire name")
        << pet << api << QByteArray(R"({"petId":1,"petId_query":"x"})") << QString() << QByteArray("GET")
        << QStringLiteral("http://h:1/api/pets/1?petId=x") << QStringList() << QByteArray();

    // Headers and cookies.
    QTest::newRow("headers and one Cookie header")
        << pet << api << QByteArray(R"({"petId":1,"X-Trace":"abc","X-List":[1,"two"],"session":"s 1;","theme":"dark"})")
        << QString() << QByteArray("GET") << QStringLiteral("http://h:1/api/pets/1")
        << QStringList({QStringLiteral("X-Trace: abc"), QStringLiteral("X-List: 1,two"),
                        QStringLiteral("Cookie: session=s%201%3B; theme=dark")})
        << QByteArray();
    QTest::newRow("header injection refused")
        << pet << api << QByteArray(R"({"petId":1,"X-Trace":"a\r\nHost: evil"})")
        << QStringLiteral("argument 'X-Trace': header value must not contain line breaks") << QByteArray("GET")
        << QString() << QStringList() << QByteArray();

    // Bodies.
    QTest::newRow("JSON properties") << QStringLiteral("create") << api
                                     << QByteArray(R"({"storeId":3,"name":"Rex","age":3,"tag":null,"other":"ignored"})")
                                     << QString() << QByteArray("POST")
                                     << QStringLiteral("http://h:1/api/stores/3/pets")
                                     << QStringList({QStringLiteral("Content-Type: application/json")})
                                     << QByteArray(R"({"age":3,"name":"Rex","tag":null})");
    QTest::newRow("required JSON properties body, none given")
        << QStringLiteral("create") << api << QByteArray(R"({"storeId":3})") << QString() << QByteArray("POST")
        << QStringLiteral("http://h:1/api/stores/3/pets")
        << QStringList({QStringLiteral("Content-Type: application/json")}) << QByteArray("{}");
    QTest::newRow("optional JSON properties body, none given")
        << QStringLiteral("createOptional") << api << QByteArray(R"({"storeId":3})") << QString() << QByteArray("POST")
        << QStringLiteral("http://h:1/api/stores/3/pets") << QStringList() << QByteArray();
    QTest::newRow("whole body array") << QStringLiteral("whole") << api << QByteArray(R"({"body":[1,{"a":true}]})")
                                      << QString() << QByteArray("PUT") << QStringLiteral("http://h:1/api/things")
                                      << QStringList({QStringLiteral("Content-Type: application/merge-patch+json")})
                                      << QByteArray(R"([1,{"a":true}])");
    QTest::newRow("whole body string") << QStringLiteral("whole") << api << QByteArray(R"({"body":"x\"y"})")
                                       << QString() << QByteArray("PUT") << QStringLiteral("http://h:1/api/things")
                                       << QStringList({QStringLiteral("Content-Type: application/merge-patch+json")})
                                       << QByteArray(R"("x\"y")");
    QTest::newRow("whole body null") << QStringLiteral("whole") << api << QByteArray(R"({"body":null})") << QString()
                                     << QByteArray("PUT") << QStringLiteral("http://h:1/api/things")
                                     << QStringList({QStringLiteral("Content-Type: application/merge-patch+json")})
                                     << QByteArray("null");
    QTest::newRow("whole body missing") << QStringLiteral("whole") << api << QByteArray(R"({})")
                                        << QStringLiteral("argument 'body': missing required request body")
                                        << QByteArray("PUT") << QString() << QStringList() << QByteArray();
    QTest::newRow("text body as UTF-8") << QStringLiteral("text") << api
                                        << QByteArray(R"({"requestBody":"h\u00e9llo\n"})") << QString()
                                        << QByteArray("POST") << QStringLiteral("http://h:1/api/notes")
                                        << QStringList({QStringLiteral("Content-Type: text/plain")})
                                        << QByteArray("h\xC3\xA9llo\n");
    QTest::newRow("optional text body absent")
        << QStringLiteral("text") << api << QByteArray(R"({})") << QString() << QByteArray("POST")
        << QStringLiteral("http://h:1/api/notes") << QStringList() << QByteArray();
    QTest::newRow("form body") << QStringLiteral("form") << api
                               << QByteArray(R"({"name":"a b&c","tags":["x","y"],"meta":{"k":"v"}})") << QString()
                               << QByteArray("POST") << QStringLiteral("http://h:1/api/form")
                               << QStringList({QStringLiteral("Content-Type: application/x-www-form-urlencoded")})
                               << QByteArray("meta[k]=v&name=a%20b%26c&tags=x&tags=y");
}

void TestToolCallEncoder::encode()
{
    QFETCH(QString, tool);
    QFETCH(QString, baseUrl);
    QFETCH(QByteArray, arguments);
    QFETCH(QString, error);
    QFETCH(QByteArray, method);
    QFETCH(QString, url);
    QFETCH(QStringList, headers);
    QFETCH(QByteArray, body);

    const EncodedCall call = ToolCallEncoder::encode(::tool(tool), QUrl(baseUrl), ::arguments(arguments));
    QCOMPARE(call.error, error);
    QCOMPARE(call.ok, error.isEmpty());
    if (!call.ok)
        return;
    QCOMPARE(call.method, method);
    QCOMPARE(call.url.toString(QUrl::FullyEncoded), url);
    QVERIFY(call.url.isValid());
    QStringList actualHeaders;
    for (const auto& header : call.headers)
        actualHeaders << QString::fromUtf8(header.first + ": " + header.second);
    QCOMPARE(actualHeaders, headers);
    QCOMPARE(call.body, body);
}

// The importer's bindings and the encoder agree: validated arguments land where the document says.
void TestToolCallEncoder::importedPetstore_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QByteArray>("arguments");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("headers");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("listPets") << QStringLiteral("listPets")
                              << QByteArray(R"({"limit":5,"status":["available","sold"],"X-Request-ID":"r-1"})")
                              << QStringLiteral(
                                     "https://api.petstore.example.com/v1/pets?limit=5&status=available&status=sold")
                              << QStringList({QStringLiteral("X-Request-ID: r-1")}) << QByteArray();
    QTest::newRow("createPet") << QStringLiteral(
        "createPet") << QByteArray(R"({"name":"Rex","tag":null,"status":"pending","category":{"name":"Dogs"}})")
                               << QStringLiteral("https://api.petstore.example.com/v1/pets")
                               << QStringList({QStringLiteral("Content-Type: application/json")})
                               << QByteArray(
                                      R"({"category":{"name":"Dogs"},"name":"Rex","status":"pending","tag":null})");
    QTest::newRow("deletePet") << QStringLiteral("deletePet") << QByteArray(R"({"petId":"p 1","session":"abc"})")
                               << QStringLiteral("https://api.petstore.example.com/v1/pets/p%201")
                               << QStringList({QStringLiteral("Cookie: session=abc")}) << QByteArray();
    QTest::newRow("placeOrder") << QStringLiteral("placeOrder")
                                << QByteArray(R"({"storeId":12,"body":{"petId":7,"quantity":1}})")
                                << QStringLiteral("https://api.petstore.example.com/v1/stores/12/orders")
                                << QStringList({QStringLiteral("Content-Type: application/json")})
                                << QByteArray(R"({"petId":7,"quantity":1})");
    QTest::newRow("searchPets")
        << QStringLiteral("searchPets") << QByteArray(R"({"filter":{"color":"black","minAge":2}})")
        << QStringLiteral("https://api.petstore.example.com/v1/search?filter[color]=black&filter[minAge]=2")
        << QStringList() << QByteArray();
    QTest::newRow("addNote") << QStringLiteral("addNote") << QByteArray(R"({"petId":3,"body":"Likes walks"})")
                             << QStringLiteral("https://api.petstore.example.com/v1/pets/3/notes")
                             << QStringList({QStringLiteral("Content-Type: text/plain")}) << QByteArray("Likes walks");
}

void TestToolCallEncoder::importedPetstore()
{
    QFETCH(QString, tool);
    QFETCH(QByteArray, arguments);
    QFETCH(QString, url);
    QFETCH(QStringList, headers);
    QFETCH(QByteArray, body);

    const OpenApiImportResult imported
        = OpenApiImporter::importFile(QStringLiteral(PORTCULLIS_TEST_DATA_DIR "/openapi/petstore-3.0.yaml"));
    QVERIFY2(imported.ok, qPrintable(imported.error));
    const ToolDefinition* definition = nullptr;
    for (const ToolDefinition& t : imported.tools) {
        if (t.name == tool)
            definition = &t;
    }
    QVERIFY(definition);
    const QJsonObject args = ::arguments(arguments);
    const JsonSchemaValidator::Result validation = JsonSchemaValidator::validate(definition->inputSchema, args);
    QVERIFY2(validation.valid, qPrintable(validation.errors.join(QStringLiteral("; "))));

    const EncodedCall call = ToolCallEncoder::encode(*definition, QUrl(imported.serverUrls.first()), args);
    QVERIFY2(call.ok, qPrintable(call.error));
    QCOMPARE(call.method, definition->httpMethod);
    QCOMPARE(call.url.toString(QUrl::FullyEncoded), url);
    QStringList actualHeaders;
    for (const auto& header : call.headers)
        actualHeaders << QString::fromUtf8(header.first + ": " + header.second);
    QCOMPARE(actualHeaders, headers);
    QCOMPARE(call.body, body);
}

void TestToolCallEncoder::multipart_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QByteArray>("arguments");
    QTest::addColumn<QString>("error"); // empty: success expected
    QTest::addColumn<QByteArray>("body"); // with the boundary written as BOUNDARY; empty: no body sent

    const QByteArray b = "--BOUNDARY\r\n";
    const QByteArray end = "--BOUNDARY--\r\n";
    QTest::newRow("text fields") << QStringLiteral("upload") << QByteArray(R"({"title":"Héllo","count":3})")
                                 << QString()
                                 << QByteArray(
                                        b + "Content-Disposition: form-data; name=\"title\"\r\n\r\nH\xc3\xa9llo\r\n" + b
                                        + "Content-Disposition: form-data; name=\"count\"\r\n\r\n3\r\n" + end);
    QTest::newRow("file part decoded, with and without type")
        << QStringLiteral("upload") << QByteArray(R"({"file":"AAEC/w==","photo":"iVBO\nRw=="})") << QString()
        << QByteArray(b
                      + "Content-Disposition: form-data; name=\"file\"; filename=\"file\"\r\n"
                        "Content-Type: application/octet-stream\r\n\r\n"
                      + QByteArray::fromHex("000102ff") + "\r\n" + b
                      + "Content-Disposition: form-data; name=\"photo\"; filename=\"photo\"\r\n"
                        "Content-Type: image/png\r\n\r\n"
                      + QByteArray::fromHex("89504e47") + "\r\n" + end);
    QTest::newRow("object field as JSON")
        << QStringLiteral("upload") << QByteArray(R"({"meta":{"k":"v","n":[1,2]}})") << QString()
        << QByteArray(b
                      + "Content-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n"
                        "{\"k\":\"v\",\"n\":[1,2]}\r\n"
                      + end);
    QTest::newRow("repeated files and text")
        << QStringLiteral("upload") << QByteArray(R"({"files":["YQ==","Yg=="],"tags":["x","y"]})") << QString()
        << QByteArray(b
                      + "Content-Disposition: form-data; name=\"files\"; filename=\"files\"\r\n"
                        "Content-Type: application/octet-stream\r\n\r\na\r\n"
                      + b
                      + "Content-Disposition: form-data; name=\"files\"; filename=\"files\"\r\n"
                        "Content-Type: application/octet-stream\r\n\r\nb\r\n"
                      + b + "Content-Disposition: form-data; name=\"tags\"\r\n\r\nx\r\n" + b
                      + "Content-Disposition: form-data; name=\"tags\"\r\n\r\ny\r\n" + end);
    QTest::newRow("field name cannot break the header")
        << QStringLiteral("upload") << QByteArray(R"({"we\"ird\nname":"v"})") << QString()
        << QByteArray(b + "Content-Disposition: form-data; name=\"we%22ird%0Aname\"\r\n\r\nv\r\n" + end);
    QTest::newRow("text value cannot forge a part")
        << QStringLiteral("upload") << QByteArray(R"({"title":"x\r\n--BOUNDARY\r\nContent-Disposition: y"})")
        << QString()
        << QByteArray(b
                      + "Content-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--BOUNDARY\r\n"
                        "Content-Disposition: y\r\n"
                      + end);
    QTest::newRow("required body, no field: empty form")
        << QStringLiteral("upload") << QByteArray("{}") << QString() << QByteArray(end);
    QTest::newRow("optional body, no field: no body")
        << QStringLiteral("uploadOptional") << QByteArray("{}") << QString() << QByteArray();
    QTest::newRow("invalid base64") << QStringLiteral("upload") << QByteArray(R"({"file":"not base64!"})")
                                    << QStringLiteral("argument 'file': file content is not valid base64")
                                    << QByteArray();
    QTest::newRow("non-ASCII in base64") << QStringLiteral("upload") << QByteArray(R"({"file":"YQ==é"})")
                                         << QStringLiteral("argument 'file': file content is not valid base64")
                                         << QByteArray();
    QTest::newRow("file given as a number")
        << QStringLiteral("upload") << QByteArray(R"({"file":12})")
        << QStringLiteral("argument 'file': file content must be a base64 string") << QByteArray();
}

void TestToolCallEncoder::multipart()
{
    QFETCH(QString, tool);
    QFETCH(QByteArray, arguments);
    QFETCH(QString, error);
    QFETCH(QByteArray, body);
    const EncodedCall call
        = ToolCallEncoder::encode(::tool(tool), QUrl(QStringLiteral("http://h:1")), ::arguments(arguments));
    QCOMPARE(call.error, error);
    QCOMPARE(call.ok, error.isEmpty());
    if (!call.ok)
        return;
    QCOMPARE(call.url.toString(), QStringLiteral("http://h:1/upload"));
    if (body.isEmpty()) {
        QVERIFY(call.body.isEmpty());
        QVERIFY(call.headers.isEmpty());
        return;
    }
    QCOMPARE(call.headers.size(), 1);
    QCOMPARE(call.headers.first().first, QByteArray("Content-Type"));
    const QByteArray contentType = call.headers.first().second;
    const QByteArray prefix = "multipart/form-data; boundary=";
    QVERIFY2(contentType.startsWith(prefix), contentType.constData());
    const QByteArray boundary = contentType.mid(prefix.size());
    QVERIFY(!boundary.isEmpty());
    QByteArray normalized = call.body;
    normalized.replace(boundary, "BOUNDARY");
    QCOMPARE(normalized, body);
}

void TestToolCallEncoder::multipartBoundaryIsUnpredictable()
{
    QSet<QByteArray> boundaries;
    for (int i = 0; i < 50; ++i) {
        const EncodedCall call = ToolCallEncoder::encode(
            ::tool(QStringLiteral("upload")), QUrl(QStringLiteral("http://h")), ::arguments(R"({"title":"t"})"));
        QVERIFY(call.ok);
        const QByteArray boundary = call.headers.first().second.mid(call.headers.first().second.indexOf('=') + 1);
        // At least 128 random bits, hex-encoded after a fixed prefix; within RFC 2046's 70 characters.
        QVERIFY2(boundary.size() >= 11 + 32 && boundary.size() <= 70, boundary.constData());
        boundaries.insert(boundary);
    }
    QCOMPARE(boundaries.size(), 50);
}

QTEST_GUILESS_MAIN(TestToolCallEncoder)
#include "tst_toolcallencoder.moc"
