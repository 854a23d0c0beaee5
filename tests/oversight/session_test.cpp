// oversight.session: console sign-in over HTTPS with the server's clock in the test's hand: the
// password then a TOTP code, the session ending after 15 idle minutes (and not before), wrong
// codes locking sign-in with a delay that grows, and the session token changing at each stage.
#include "tests/sync/sync_test_support.h"

#include "server/admin.h"
#include "server/console/totp.h"

#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <regex>
#include <sstream>

using namespace heard;

namespace {

std::string cookieFrom(const httplib::Result& res, const std::string& name) {
    for (const auto& [key, value] : res->headers)
        if (key == "Set-Cookie" && value.rfind(name + "=", 0) == 0) return value.substr(0, value.find(';'));
    return {};
}

std::string csrfIn(const std::string& html) {
    std::smatch m;
    if (std::regex_search(html, m, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\""))) return m[1];
    return {};
}

} // namespace

TEST_CASE("console sessions end after 15 idle minutes and wrong codes lock with a growing delay") {
    synctest::TempDir dir;
    const synctest::TestCert cert = synctest::makeCert(dir.path(), "server");
    auto store = server::openSqliteServerStore(dir.path() + "/server.db");
    {
        std::istringstream in("manager password A1\n");
        std::ostringstream out, err;
        REQUIRE(server::runAdminCommand({"create-account", "mgr-a", "manager", "Morgan Madeup"}, *store, in,
                                        out, err) == 0);
    }
    std::atomic<std::int64_t> clockMs{std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count()};
    server::ServerConfig config;
    config.console = true;
    config.clockForTesting = [&] { return clockMs.load(); };
    synctest::ServerHarness harness(*store, cert, config);
    httplib::SSLClient client("127.0.0.1", harness.port());
    client.enable_server_certificate_verification(false);

    // The password.
    auto page = client.Get("/console/signin");
    REQUIRE(page);
    CHECK(page->get_header_value("Content-Security-Policy").rfind("default-src 'self'", 0) == 0);
    const std::string pre = cookieFrom(page, "heard_signin");
    REQUIRE_FALSE(pre.empty());
    auto signedIn = client.Post("/console/signin", httplib::Headers{{"Cookie", pre}},
                                httplib::Params{{"csrf", csrfIn(page->body)},
                                                {"name", "mgr-a"},
                                                {"password", "manager password A1"}});
    REQUIRE(signedIn);
    CHECK(signedIn->status == 303);
    CHECK(signedIn->get_header_value("Location") == "/console/enrol");
    const std::string halfway = cookieFrom(signedIn, "heard_console");
    REQUIRE_FALSE(halfway.empty());
    // Half signed in is not signed in.
    CHECK(client.Get("/console/queue", {{"Cookie", halfway}})->status == 303);

    // The code, from the secret the enrolment page shows.
    auto enrol = client.Get("/console/enrol", {{"Cookie", halfway}});
    REQUIRE(enrol);
    std::smatch m;
    REQUIRE(std::regex_search(enrol->body, m, std::regex("id=\"secret\">([A-Z2-7 ]+)<")));
    const std::string secret = server::console::base32Decode(m[1]).value();
    auto code = [&] { return server::console::totpCode(secret, clockMs.load() / 1000); };
    auto done = client.Post("/console/enrol", httplib::Headers{{"Cookie", halfway}},
                            httplib::Params{{"csrf", csrfIn(enrol->body)}, {"code", code()}});
    REQUIRE(done);
    CHECK(done->status == 303);
    const std::string session = cookieFrom(done, "heard_console");
    CHECK(session != halfway); // a new token once fully signed in
    CHECK(client.Get("/console/queue", {{"Cookie", halfway}})->status == 303);
    CHECK(client.Get("/console/queue", {{"Cookie", session}})->status == 200);

    // Idle: 14 minutes is still signed in (and restarts the clock); 15 idle minutes and a second is not.
    clockMs += 14 * 60 * 1000;
    CHECK(client.Get("/console/queue", {{"Cookie", session}})->status == 200);
    clockMs += 14 * 60 * 1000;
    CHECK(client.Get("/console/queue", {{"Cookie", session}})->status == 200);
    clockMs += 15 * 60 * 1000 + 1000;
    auto expired = client.Get("/console/queue", {{"Cookie", session}});
    CHECK(expired->status == 303);
    CHECK(expired->get_header_value("Location") == "/console/signin?expired=1");

    // Wrong codes: the fifth locks, and each failure after that doubles the wait.
    page = client.Get("/console/signin");
    auto again = client.Post(
        "/console/signin", httplib::Headers{{"Cookie", cookieFrom(page, "heard_signin")}},
        httplib::Params{
            {"csrf", csrfIn(page->body)}, {"name", "mgr-a"}, {"password", "manager password A1"}});
    REQUIRE(again->status == 303);
    CHECK(again->get_header_value("Location") == "/console/totp");
    const std::string second = cookieFrom(again, "heard_console");
    auto totpPage = client.Get("/console/totp", {{"Cookie", second}});
    const std::string csrf = csrfIn(totpPage->body);
    const std::string wrong = code() == "000000" ? "111111" : "000000";
    auto attempt = [&](const std::string& c) {
        return client.Post("/console/totp", httplib::Headers{{"Cookie", second}},
                           httplib::Params{{"csrf", csrf}, {"code", c}});
    };
    for (int i = 1; i <= 4; ++i)
        CHECK(attempt(wrong)->status == 401);
    auto locked = attempt(wrong);
    CHECK(locked->status == 429);
    const int firstWait = std::stoi(locked->get_header_value("Retry-After"));
    CHECK(firstWait > 0);
    CHECK(attempt(code())->status == 429); // even the right code waits
    clockMs += (firstWait + 1) * 1000;
    auto lockedAgain = attempt(wrong);
    CHECK(lockedAgain->status == 429);
    CHECK(std::stoi(lockedAgain->get_header_value("Retry-After")) > firstWait);
}
