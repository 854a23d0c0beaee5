// The .mo reader and the catalogue registry behind tr().
#include "app/i18n/i18n.h"
#include "app/i18n/mo_catalog.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

using namespace heard::i18n;
namespace fs = std::filesystem;

namespace {

fs::path tempDir(const std::string& name) {
    fs::path dir = fs::path(HEARD_TEST_BINARY_DIR) / ("i18n_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

void writeFile(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

// Compiles a .po text with the real msgfmt, as the build does.
std::string compilePo(const fs::path& dir, const std::string& lang, const std::string& po) {
    fs::path poPath = dir / (lang + ".po");
    fs::path moPath = dir / (lang + ".mo");
    writeFile(poPath, po);
    std::string command = "msgfmt -o '" + moPath.string() + "' '" + poPath.string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    std::ifstream in(moPath, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

const char* kPo = R"(msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: cy\n"

msgid "Hello"
msgstr "Helo"

msgid "Untranslated"
msgstr ""

#, fuzzy
msgid "Guess"
msgstr "Dyfalu"

msgid "Line one\nline \"two\""
msgstr "Llinell un\nllinell \"dau\""

msgid "One apple"
msgid_plural "%d apples"
msgstr[0] "Un afal"
msgstr[1] "%d afal"
msgstr[2] "%d afal"
msgstr[3] "%d afal"
)";

// A hand-built little-endian .mo with one (msgid, msgstr) pair, to damage in tests.
std::string handMadeMo(const std::string& id, const std::string& str) {
    std::string out(28 + 16 + 16, '\0');
    auto put = [&](size_t at, uint32_t v) { std::memcpy(&out[at], &v, 4); };
    put(0, 0x950412de);
    put(4, 0);
    put(8, 1);
    put(12, 28);
    put(16, 44);
    uint32_t idAt = uint32_t(out.size());
    out += id + '\0';
    uint32_t strAt = uint32_t(out.size());
    out += str + '\0';
    put(28, uint32_t(id.size()));
    put(32, idAt);
    put(44, uint32_t(str.size()));
    put(48, strAt);
    return out;
}

} // namespace

TEST_CASE("the .mo reader finds translations compiled by msgfmt") {
    fs::path dir = tempDir("reader");
    std::string error;
    auto catalog = MoCatalog::parse(compilePo(dir, "cy", kPo), error);
    REQUIRE_MESSAGE(catalog, error);
    CHECK(std::string(catalog->find("Hello")) == "Helo");
    CHECK(std::string(catalog->find("Line one\nline \"two\"")) == "Llinell un\nllinell \"dau\"");
    CHECK(std::string(catalog->find("One apple")) == "Un afal");
    CHECK(catalog->find("Untranslated") == nullptr);
    CHECK(catalog->find("Guess") == nullptr); // msgfmt leaves fuzzy entries out
    CHECK(catalog->find("Not there") == nullptr);
    CHECK(catalog->headerField("Language") == "cy");
}

TEST_CASE("the .mo reader refuses damaged files with a reason") {
    std::string error;
    std::string good = handMadeMo("Yes", "Ie");
    auto catalog = MoCatalog::parse(good, error);
    REQUIRE_MESSAGE(catalog, error);
    CHECK(std::string(catalog->find("Yes")) == "Ie");

    SUBCASE("empty") {
        CHECK_FALSE(MoCatalog::parse("", error));
        CHECK(error.find("too short") != std::string::npos);
    }
    SUBCASE("bad magic") {
        std::string bad = good;
        bad[0] = 'X';
        CHECK_FALSE(MoCatalog::parse(bad, error));
        CHECK(error.find("magic") != std::string::npos);
    }
    SUBCASE("truncated strings") {
        CHECK_FALSE(MoCatalog::parse(good.substr(0, good.size() - 2), error));
        CHECK(error.find("outside the file") != std::string::npos);
    }
    SUBCASE("table offset beyond the end") {
        std::string bad = good;
        uint32_t far = 0x7fffffff;
        std::memcpy(&bad[12], &far, 4);
        CHECK_FALSE(MoCatalog::parse(bad, error));
        CHECK(error.find("original table entry 0") != std::string::npos);
    }
    SUBCASE("implausible count") {
        std::string bad = good;
        uint32_t huge = 0xffffffff;
        std::memcpy(&bad[8], &huge, 4);
        CHECK_FALSE(MoCatalog::parse(bad, error));
        CHECK(error.find("implausible") != std::string::npos);
    }
    SUBCASE("missing terminator") {
        std::string bad = good;
        bad.back() = 'x';
        CHECK_FALSE(MoCatalog::parse(bad, error));
        CHECK(error.find("not terminated") != std::string::npos);
    }
    SUBCASE("every truncation is refused or parsed, never read out of bounds") {
        for (size_t n = 0; n < good.size(); ++n) {
            std::string cut = good.substr(0, n);
            auto c = MoCatalog::parse(cut, error);
            CHECK(c == nullptr);
        }
    }
    SUBCASE("missing file names the path") {
        CHECK_FALSE(MoCatalog::load("/nonexistent/heard/cy.mo", error));
        CHECK(error.find("/nonexistent/heard/cy.mo") != std::string::npos);
    }
}

TEST_CASE("big-endian catalogues are read too") {
    std::string mo = handMadeMo("Yes", "Ie");
    for (size_t at = 0; at < 52; at += 4)
        std::reverse(mo.begin() + long(at), mo.begin() + long(at) + 4);
    std::string error;
    auto catalog = MoCatalog::parse(mo, error);
    REQUIRE_MESSAGE(catalog, error);
    CHECK(std::string(catalog->find("Yes")) == "Ie");
}

TEST_CASE("tr switches language per call without touching the process locale") {
    fs::path dir = tempDir("switch");
    compilePo(dir, "cy", kPo);
    setCatalogueDir(dir.string());
    setLanguage("en");
    const char* literal = "Hello";
    CHECK(tr(literal) == literal); // English: the msgid itself, same pointer
    setLanguage("cy");
    CHECK(std::string(tr("Hello")) == "Helo");
    CHECK(std::string(_("Hello")) == "Helo");
    CHECK(std::string(tr("Untranslated")) == "Untranslated");
    CHECK(std::string(trIn("en", "Hello")) == "Hello");
    {
        ScopedLanguage child("en");
        CHECK(language() == "en");
        CHECK(std::string(tr("Hello")) == "Hello");
        CHECK(std::string(trIn("cy", "Hello")) == "Helo");
    }
    CHECK(language() == "cy");
    std::string dynamic = "Hello";
    CHECK(std::string(tr(dynamic)) == "Helo");
    setLanguage("xx"); // unknown: English
    CHECK(std::string(tr("Hello")) == "Hello");
    setLanguage("en");
}

TEST_CASE("a missing catalogue falls back to English and says why") {
    fs::path dir = tempDir("missing");
    setCatalogueDir(dir.string());
    setLanguage("cy");
    CHECK(std::string(tr("Hello")) == "Hello");
    auto errors = loadCatalogues();
    bool named = false;
    for (const std::string& e : catalogueErrors())
        named = named || e.find((dir / "cy.mo").string()) != std::string::npos;
    CHECK(named);
    setLanguage("en");
}

TEST_CASE("a damaged catalogue falls back to English and says why") {
    fs::path dir = tempDir("damaged");
    writeFile(dir / "cy.mo", "this is not a catalogue at all, honestly");
    setCatalogueDir(dir.string());
    auto errors = loadCatalogues();
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("bad magic") != std::string::npos);
    CHECK(std::string(trIn("cy", "Hello")) == "Hello");
}

TEST_CASE("strings handed out stay valid after the catalogue folder changes") {
    fs::path dir = tempDir("lifetime");
    compilePo(dir, "cy", kPo);
    setCatalogueDir(dir.string());
    const char* welsh = trIn("cy", "Hello");
    REQUIRE(std::string(welsh) == "Helo");
    setCatalogueDir(tempDir("lifetime2").string());
    CHECK(std::string(welsh) == "Helo");
}

TEST_CASE("the shipped Welsh catalogue is built and found in the build tree") {
    setCatalogueDir(HEARD_LOCALE_DIR);
    CHECK(catalogueDir() == HEARD_LOCALE_DIR);
    auto errors = loadCatalogues();
    CHECK_MESSAGE(errors.empty(), (errors.empty() ? "" : errors[0]));
    CHECK(std::string(trIn("cy", "Three wishes")) == "Tri dymuniad");
    CHECK(std::string(trIn("cy", "Stop")) == "Stopio");
}

TEST_CASE("the catalogue folder can be overridden by the environment") {
    fs::path dir = tempDir("env");
    compilePo(dir, "cy", "msgid \"Hello\"\nmsgstr \"Shwmae\"\n");
    setenv("HEARD_LOCALE_DIR", dir.string().c_str(), 1);
    setCatalogueDir(""); // no explicit folder: the environment decides
    CHECK(catalogueDir() == dir.string());
    CHECK(std::string(trIn("cy", "Hello")) == "Shwmae");
    unsetenv("HEARD_LOCALE_DIR");
    setCatalogueDir("");
    CHECK(catalogueDir() == HEARD_LOCALE_DIR); // the build tree's
}

TEST_CASE("supported languages") {
    CHECK(isSupportedLanguage("cy"));
    CHECK(isSupportedLanguage("en"));
    CHECK_FALSE(isSupportedLanguage("fr"));
    CHECK(std::string(supportedLanguages()[1].nativeName) == "Cymraeg");
}
