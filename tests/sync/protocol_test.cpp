// sync.protocol: strict (de)serialisation of every message; malformed input is a clear error.
#include "sync/protocol.h"

#include <doctest/doctest.h>

using namespace heard::sync;
using nlohmann::json;

TEST_CASE("every message survives a round trip") {
    PushRequest push;
    push.batchId = "b1";
    push.entries.push_back(PushEntry{7, "record", "rec-1", 2, "case-1", true, R"({"a":1})"});
    auto back = pushRequestFromJson(json::parse(toJson(push).dump()));
    REQUIRE(back.entries.size() == 1);
    CHECK(back.entries[0].outboxId == 7);
    CHECK(back.entries[0].itemId == "rec-1");
    CHECK(back.entries[0].version == 2);
    CHECK(back.entries[0].highRisk);
    CHECK(back.entries[0].body == R"({"a":1})");

    PushResponse response{"b1", {PushResult{7, "record", "rec-1", 2, EntryStatus::Rejected, "conflict"}}, ""};
    auto r = pushResponseFromJson(toJson(response));
    CHECK(r.results[0].status == EntryStatus::Rejected);
    CHECK(r.results[0].reason == "conflict");

    EnrolResponse enrol;
    enrol.deviceId = "dev-1";
    enrol.deviceSecret = "s";
    enrol.practitionerId = "pr-1";
    enrol.allocations.push_back({"case-1", "REF/1", "child-1", "Pip Invented", "2017-01-01"});
    enrol.content = ContentUpdate{3, {{"a.json", 1}}, {}, {}};
    auto e = enrolResponseFromJson(toJson(enrol));
    CHECK(e.allocations.at(0).childName == "Pip Invented");
    CHECK(e.content->version == 3);

    PullResponse pull;
    pull.cursor = 9;
    pull.removals = {"case-2"};
    pull.command = DeviceCommand::Wipe;
    auto p = pullResponseFromJson(toJson(pull));
    CHECK(p.cursor == 9);
    CHECK(p.removals == std::vector<std::string>{"case-2"});
    CHECK(p.command == DeviceCommand::Wipe);
    CHECK(!p.content.has_value());
}

TEST_CASE("malformed messages are refused with a ProtocolError naming the field") {
    CHECK_THROWS_AS(parseObject("{not json"), ProtocolError);
    CHECK_THROWS_AS(parseObject("[1,2]"), ProtocolError);
    CHECK_THROWS_AS(parseObject(""), ProtocolError);
    json good = toJson(PushRequest{1, "b1", {PushEntry{1, "record", "rec-1", 1, "case-1", false, "{}"}}});
    auto broken = [&](auto mutate) {
        json copy = good;
        mutate(copy);
        return copy;
    };
    CHECK_THROWS_WITH(pushRequestFromJson(broken([](json& j) { j.erase("batchId"); })),
                      doctest::Contains("batchId"));
    CHECK_THROWS_WITH(pushRequestFromJson(broken([](json& j) { j["protocol"] = 2; })),
                      doctest::Contains("protocol"));
    CHECK_THROWS_WITH(pushRequestFromJson(broken([](json& j) { j["entries"][0]["version"] = 0; })),
                      doctest::Contains("version"));
    CHECK_THROWS_WITH(pushRequestFromJson(broken([](json& j) { j["entries"][0]["version"] = "1"; })),
                      doctest::Contains("version"));
    CHECK_THROWS_WITH(pushRequestFromJson(broken([](json& j) { j["entries"][0]["itemType"] = "photo"; })),
                      doctest::Contains("item type"));
    CHECK_THROWS_WITH(pushRequestFromJson(broken([](json& j) { j["entries"][0]["itemId"] = "../etc"; })),
                      doctest::Contains("itemId"));
    CHECK_THROWS_WITH(pushRequestFromJson(broken([](json& j) { j["entries"][0]["body"] = ""; })),
                      doctest::Contains("body"));
    CHECK_THROWS_WITH(pushRequestFromJson(broken([](json& j) {
                          j["entries"][0]["body"] = std::string(kMaxEntryBodyBytes + 1, 'x');
                      })),
                      doctest::Contains("too large"));
    CHECK_THROWS_WITH(pushRequestFromJson(broken([](json& j) {
                          j["entries"] = json::array();
                          for (std::size_t i = 0; i <= kMaxBatchEntries; ++i)
                              j["entries"].push_back(j["entries"].size());
                      })),
                      doctest::Contains("too many"));
    CHECK_THROWS_AS(pullResponseFromJson(json{{"protocol", 1},
                                              {"cursor", 1},
                                              {"allocations", json::array()},
                                              {"removals", json::array()},
                                              {"command", "explode"}}),
                    ProtocolError);
    CHECK_THROWS_AS(enrolRequestFromJson(json{{"protocol", 1}, {"username", ""}, {"password", "x"}}),
                    ProtocolError);
}

TEST_CASE("only an explicit success body counts as an answer") {
    CHECK_NOTHROW(requireOk(json{{"ok", true}}));
    CHECK_THROWS_WITH(requireOk(json::object()),
                      doctest::Contains("not a Heard success body")); // captive portal
    CHECK_THROWS_WITH(requireOk(json{{"ok", "true"}}), doctest::Contains("not a Heard success body"));
    CHECK_THROWS_WITH(requireOk(errorBody(error::kRevoked, "x")), doctest::Contains("device_revoked"));
}

TEST_CASE("ids are checked and random ids are fresh") {
    CHECK(isSafeId("3f2b1c9e-aaaa-4bbb-8ccc-1234567890ab"));
    CHECK(!isSafeId(""));
    CHECK(!isSafeId(std::string(65, 'a')));
    CHECK(!isSafeId("a b"));
    CHECK(!isSafeId("a/b"));
    CHECK(randomHex(16).size() == 32);
    CHECK(randomHex(16) != randomHex(16));
}

// The client writes push batches straight to text (pushRequestText); the bytes must be exactly
// those of the JSON tree's dump, for any body: every ASCII byte, escapes, UTF-8 of every length.
TEST_CASE("a push batch written straight to text is byte for byte the JSON tree's dump") {
    std::string everyAscii;
    for (int c = 0; c < 0x80; ++c)
        everyAscii.push_back(static_cast<char>(c));
    PushRequest push;
    push.batchId = "b-7f3a";
    push.entries.push_back(PushEntry{1, "record", "rec-1", 1, "case-1", false, everyAscii});
    push.entries.push_back(
        PushEntry{2, "audit", "42", 3, "", true, "{\"note\":\"Ll\xc5\xb7n \xe2\x80\x94 \xf0\x9f\x98\x80\"}"});
    push.entries.push_back(PushEntry{-5, "record", "rec-\"2\\", 9, "case\t2", true, ""});
    CHECK(pushRequestText(push) == toJson(push).dump());
    CHECK(pushRequestText(PushRequest{}) == toJson(PushRequest{}).dump());
    // Not UTF-8 (a lone continuation byte, an overlong '/', a surrogate): refused as before.
    for (const char* bad : {"\x80", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82"}) {
        PushRequest badPush;
        badPush.entries.push_back(PushEntry{1, "record", "rec-1", 1, "case-1", false, bad});
        CHECK_THROWS(pushRequestText(badPush));
        PushRequest badId; // a batch id that is not UTF-8, even with no entries to look at
        badId.batchId = bad;
        CHECK_THROWS(pushRequestText(badId));
    }
}
