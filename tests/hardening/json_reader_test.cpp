// hardening.json_reader: the one bounded reader for outside input refuses text that is too deep
// or too large before any value exists, with a typed error, and content loading goes through it.
#include "app/tools/framework/model/activity_content.h"
#include "base/json_reader.h"
#include "tests/support/temp_dir.h"

#include <doctest/doctest.h>

#include <fstream>
#include <string>

using namespace heard;

namespace {

std::string nestedArrays(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

std::string nestedObjects(std::size_t depth) {
    std::string text;
    for (std::size_t i = 0; i < depth; ++i)
        text += "{\"a\":";
    text += "1";
    text += std::string(depth, '}');
    return text;
}

} // namespace

TEST_CASE("64 levels are read, 65 are refused as too deep with a typed error") {
    CHECK(base::readJson(nestedArrays(64)).is_array());
    CHECK(base::readJson(nestedObjects(64)).is_object());
    for (const auto& text : {nestedArrays(65), nestedObjects(65)}) {
        try {
            base::readJson(text);
            FAIL("65 levels were accepted");
        } catch (const base::JsonError& e) {
            CHECK(e.kind() == base::JsonErrorKind::TooDeep);
            CHECK(e.code() == "json_too_deep");
            CHECK(std::string(e.what()) == "JSON nested more than 64 levels deep");
        }
    }
}

TEST_CASE("100,000 levels (about 200 KB) are refused, and the caller can copy and dump what it gets") {
    std::optional<base::JsonError> error;
    CHECK_FALSE(base::tryReadJson(nestedArrays(100000), {}, &error));
    REQUIRE(error);
    CHECK(error->kind() == base::JsonErrorKind::TooDeep);
    // Inside a normal object, as a pushed record's payload would be.
    const std::string record = R"({"id":"r1","payload":)" + nestedArrays(100000) + "}";
    CHECK_THROWS_AS(base::readJson(record), base::JsonError);
    // Strings full of brackets are not nesting.
    const std::string brackets = "[\"" + std::string(1000, '[') + "\"]";
    CHECK(base::readJson(brackets).at(0).get<std::string>().size() == 1000);
}

TEST_CASE("the size limit is checked before parsing; syntax errors say where") {
    try {
        base::readJson(std::string(100, ' ') + "{}", {50, 64});
        FAIL("over the size limit was accepted");
    } catch (const base::JsonError& e) {
        CHECK(e.kind() == base::JsonErrorKind::TooLarge);
        CHECK(e.code() == "json_too_large");
    }
    try {
        base::readJson(R"({"a": tru})");
        FAIL("bad JSON was accepted");
    } catch (const base::JsonError& e) {
        CHECK(e.kind() == base::JsonErrorKind::Syntax);
        CHECK(e.byte() > 0);
        CHECK(std::string(e.what()).find("not valid JSON near byte") == 0);
    }
    // Every JsonError is a base::Error: one catch at an edge sees them all.
    CHECK_THROWS_AS(base::readJson("[1,"), base::Error);
}

TEST_CASE("content loading refuses a file nested 100,000 deep and loads the rest of the folder") {
    std::vector<tools::ContentError> errors;
    tools::ActivityContent content;
    CHECK_FALSE(tools::parseContent("deep.json", R"({"id":"deep","steps":)" + nestedArrays(100000) + "}",
                                    content, errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].text() == "deep.json: nested more than 16 levels deep");

    // The same file in a content folder: reported, never loaded, never a crash.
    test::TempDir dir("heard-hardening");
    { std::ofstream(dir.file("deep.json")) << R"({"id":"deep","steps":)" << nestedArrays(100000) << "}"; }
    auto library = tools::loadContentLibrary(dir.path());
    CHECK(library.activities.empty());
    REQUIRE(library.errors.size() == 1);
    CHECK(library.errors[0].file == "deep.json");
}
