// Every user-visible string of the app and of the tool content has a Welsh translation.
//
// Strings are extracted from every source under app/ and platform/ with xgettext (keywords
// _, N_, tr, trIn:2, as documented in app/i18n/i18n.h) and from every translatable field of
// assets/tools/*.json; each must have a non-empty, non-fuzzy msgstr in assets/i18n/cy.po.
// While others add screens this test goes red on purpose: it lists what to translate.
#include "app/tools/framework/model/activity_content.h"
#include "tests/wishes/po_file.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace fs = std::filesystem;
using heard::test::PoEntry;

namespace {

const std::string kSource = HEARD_SOURCE_DIR;

std::set<std::string> extractFromSources() {
    fs::path work = fs::path(HEARD_TEST_BINARY_DIR) / "catalogue";
    fs::create_directories(work);
    fs::path list = work / "sources.txt";
    {
        std::ofstream out(list);
        for (const char* top : {"app", "platform"}) {
            fs::path root = fs::path(kSource) / top;
            if (!fs::exists(root)) continue;
            for (const auto& entry : fs::recursive_directory_iterator(root)) {
                auto ext = entry.path().extension();
                if (entry.is_regular_file() && (ext == ".cpp" || ext == ".h"))
                    out << entry.path().string() << "\n";
            }
        }
    }
    fs::path pot = work / "heard.pot";
    fs::remove(pot);
    std::string command = "xgettext --from-code=UTF-8 --language=C++ --keyword=_ --keyword=N_ --keyword=tr "
                          "--keyword=trIn:2 --force-po --omit-header -o '" +
                          pot.string() + "' -f '" + list.string() + "'";
    REQUIRE_MESSAGE(std::system(command.c_str()) == 0, command);
    std::set<std::string> ids;
    for (const PoEntry& entry : heard::test::parsePo(heard::test::readFile(pot.string()))) {
        if (!entry.msgid.empty()) ids.insert(entry.msgid);
    }
    return ids;
}

std::set<std::string> extractFromContent() {
    heard::tools::ContentLibrary library = heard::tools::loadContentLibrary(kSource + "/assets/tools");
    for (const auto& error : library.errors)
        FAIL_CHECK("shipped content must be valid: " << error.text());
    std::set<std::string> ids;
    for (const auto& content : library.activities) {
        for (const std::string& s : heard::tools::translatableStrings(content))
            ids.insert(s);
    }
    return ids;
}

// The msgids among `wanted` with no usable translation in `entries`.
std::vector<std::string> missingTranslations(const std::set<std::string>& wanted,
                                             const std::vector<PoEntry>& entries) {
    std::map<std::string, const PoEntry*> byId;
    for (const PoEntry& entry : entries) {
        if (entry.context.empty() && !entry.obsolete) byId[entry.msgid] = &entry;
    }
    std::vector<std::string> missing;
    for (const std::string& id : wanted) {
        auto it = byId.find(id);
        if (it == byId.end() || it->second->fuzzy || it->second->msgstr.empty()) missing.push_back(id);
    }
    return missing;
}

std::string poQuote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out + "\"";
}

} // namespace

TEST_CASE("the completeness check itself catches missing, empty and fuzzy translations") {
    auto entries = heard::test::parsePo(R"(msgid ""
msgstr "Language: cy\n"

msgid "Yes"
msgstr "Ie"

msgid "No"
msgstr ""

#, fuzzy
msgid "Maybe"
msgstr "Efallai"

msgid "Two "
"lines"
msgstr "Dwy "
"linell"

#~ msgid "Old"
#~ msgstr "Hen"
)");
    auto missing = missingTranslations({"Yes", "No", "Maybe", "Absent", "Two lines", "Old"}, entries);
    CHECK(missing == std::vector<std::string>{"Absent", "Maybe", "No", "Old"});
}

TEST_CASE("every user-visible string has a Welsh translation") {
    std::set<std::string> wanted = extractFromSources();
    size_t fromSources = wanted.size();
    std::set<std::string> content = extractFromContent();
    wanted.insert(content.begin(), content.end());
    // The extraction must actually find the app's strings, or this test would pass vacuously.
    CHECK(fromSources >= 20);
    CHECK(content.size() >= 50);

    std::string poPath = kSource + "/assets/i18n/cy.po";
    REQUIRE(fs::exists(poPath));
    auto entries = heard::test::parsePo(heard::test::readFile(poPath));
    auto missing = missingTranslations(wanted, entries);
    std::string listing;
    for (const std::string& id : missing)
        listing += "msgid " + poQuote(id) + "\nmsgstr \"\"\n\n";
    const fs::path missingFile = fs::path(HEARD_TEST_BINARY_DIR) / "catalogue" / "missing-cy.po";
    if (missing.empty())
        fs::remove(missingFile); // never leave a stale list behind
    else
        std::ofstream(missingFile) << listing;
    CHECK_MESSAGE(missing.empty(), missing.size() << " strings lack Welsh (also written to "
                                                  << HEARD_TEST_BINARY_DIR << "/catalogue/missing-cy.po):\n"
                                                  << listing);
}

TEST_CASE("the Welsh catalogue has no duplicate or empty-source entries") {
    auto entries = heard::test::parsePo(heard::test::readFile(kSource + "/assets/i18n/cy.po"));
    std::set<std::string> seen;
    int headers = 0;
    for (const PoEntry& entry : entries) {
        if (entry.obsolete) continue;
        if (entry.msgid.empty()) {
            ++headers;
            CHECK(entry.msgstr.find("Language: cy") != std::string::npos);
            continue;
        }
        CHECK_MESSAGE(seen.insert(entry.context + "\x04" + entry.msgid).second,
                      "duplicate msgid: " << entry.msgid);
    }
    CHECK(headers == 1);
}
