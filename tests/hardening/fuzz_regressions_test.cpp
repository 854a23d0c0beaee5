// hardening.fuzz_regressions: every input scripts/fuzz.sh found that crashed a target, fed to the
// same parser here (tests/hardening/fuzz_regressions/<target>-crash-*; the same files are in
// the seed corpus, so fuzz.replay_* and every fuzz run start from them).
//
// Found on the first 20 s run: a number too large for a double ("777e677") made nlohmann throw
// out_of_range (406), not parse_error, out of base::readJson; the protocol reader, content
// loading, the key file and the server's entry intake all let it escape (content loading had
// the same hole before the bounded reader). They must refuse it with their own typed error.
// Found on a later 60 s run: a key file whose opslimit is too big for 64 bits (a double) was
// cast to an integer by get<>() (undefined behaviour, caught by UBSan); the key file now takes
// only in-range whole numbers.
#include "app/tools/framework/model/activity_content.h"
#include "base/json_reader.h"
#include "server/heard_server.h"
#include "storage/keys.h"
#include "storage/store_error.h"
#include "sync/protocol.h"
#include "tests/support/temp_dir.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace heard;

namespace {

// The crashing inputs for one target.
std::vector<std::string> crashesFor(const std::string& target) {
    std::vector<std::string> inputs;
    const std::filesystem::path dir =
        std::filesystem::path(HEARD_SOURCE_DIR) / "tests/hardening/fuzz_regressions";
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().filename().string().rfind(target + "-crash-", 0) == 0) {
            std::ifstream in(entry.path(), std::ios::binary);
            inputs.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
    REQUIRE_MESSAGE(!inputs.empty(), "no regression inputs for " << target);
    return inputs;
}

} // namespace

TEST_CASE("the bounded reader refuses a number too large for a double as a syntax error") {
    for (const char* text : {"777e677", "[1e999]", "{\"a\": -1e400}"}) {
        INFO(text);
        try {
            base::readJson(text);
            FAIL("accepted");
        } catch (const base::JsonError& e) {
            CHECK(e.kind() == base::JsonErrorKind::Syntax);
            CHECK(std::string(e.what()).find("not valid JSON") == 0);
        }
    }
    CHECK(base::readJson("1e300").is_number_float()); // large but finite is fine
}

TEST_CASE("fuzz finds: the protocol reader refuses them with a ProtocolError") {
    for (const auto& input : crashesFor("protocol"))
        CHECK_THROWS_AS(sync::parseObject(input), sync::ProtocolError);
}

TEST_CASE("fuzz finds: content loading reports them and does not throw") {
    for (const auto& input : crashesFor("content")) {
        tools::ActivityContent content;
        std::vector<tools::ContentError> errors;
        bool loaded = true;
        CHECK_NOTHROW(loaded = tools::parseContent("fuzz.json", input, content, errors));
        CHECK_FALSE(loaded);
        CHECK_FALSE(errors.empty());
    }
}

TEST_CASE("fuzz finds: the key file reader refuses them as not a store") {
    test::TempDir dir("heard-hardening");
    for (const auto& input : crashesFor("keyfile")) {
        std::ofstream(dir.file("keys.json"), std::ios::binary | std::ios::trunc) << input;
        try {
            storage::KeyFile::load(dir.file("keys.json"));
            FAIL("a damaged key file was read");
        } catch (const storage::StoreError& e) {
            CHECK(std::string(storage::toString(e.kind())) == "NotAStore");
        }
    }
}

TEST_CASE("fuzz finds: pushed entry bodies are refused by the reader the server's intake uses") {
    for (const auto& input : crashesFor("record_verifier")) {
        std::optional<base::JsonError> error;
        CHECK_NOTHROW(CHECK_FALSE(base::tryReadJson(input, {}, &error)));
        REQUIRE(error);
        CHECK(error->kind() == base::JsonErrorKind::Syntax);
    }
}

// CI's seed-1 run of fuzz_record_verifier (1 December) died inside nlohmann's get<int>: a float
// such as 1e300 in an integer field was cast to int, which is undefined behaviour. Whole numbers
// out of range, fractions and huge floats are now a refused schema, never a cast.
TEST_CASE("fuzz finds: the record verifier refuses numbers that are not whole or out of range") {
    const auto verify = server::defaultRecordHashVerifier();
    auto record = [](const nlohmann::json& version) {
        return nlohmann::json{{"chainVersion", 1},
                              {"id", "r1"},
                              {"version", version},
                              {"caseId", "c"},
                              {"childId", "k"},
                              {"kind", "visit"},
                              {"status", "signed"},
                              {"author", "a"},
                              {"createdAt", "2026-11-23T10:00:00Z"},
                              {"signedAt", "2026-11-23T10:00:00Z"},
                              {"signedBy", "a"},
                              {"parentId", ""},
                              {"highRisk", false},
                              {"chainSeq", 1},
                              {"prevHash", ""},
                              {"hash", "x"},
                              {"payload", nlohmann::json::object()}};
    };
    for (const auto& bad :
         {nlohmann::json(1e300), nlohmann::json(-1e300), nlohmann::json(2.5),
          nlohmann::json(std::uint64_t(1) << 40), nlohmann::json(-(std::int64_t(1) << 40))}) {
        const auto body = record(bad);
        std::string reason;
        CHECK_NOTHROW(reason = verify("record", body, body.dump()));
        CHECK(reason == "schema_fields");
    }
    // A whole number in range gets past the schema to the hash check.
    const auto good = record(1);
    CHECK(verify("record", good, good.dump()) == "hash_mismatch");
    nlohmann::json audit{{"chainVersion", 1}, {"seq", 1e300},   {"at", "t"},
                         {"actor", "a"},      {"action", "x"},  {"target", "t"},
                         {"detail", "d"},     {"prevHash", ""}, {"hash", "h"}};
    CHECK(verify("audit", audit, audit.dump()) == "schema_fields");
}
