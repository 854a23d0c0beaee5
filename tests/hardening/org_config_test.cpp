// hardening.org_config (issue 17 item 2): enrolment trusts only the organisation. The tablet gets
// an organisation configuration from its administrator (heard-server admin enrolment-config, as a
// file or an enrolment code); the practitioner types only a user name and password; the CA's key
// from the configuration is pinned and the system trust store is never used, so a server with a
// certificate the system would trust is refused, and a renewed server certificate under the same
// CA (new key or same key) keeps working without enrolling again.
#include "server/org_config.h"
#include "sync/org_config.h"
#include "sync/sync_client.h"
#include "tests/sync/sync_test_support.h"

#include "app/ui/app.h"
#include "platform/test_driver.h"
#include "tests/support/headless_window.h"

#include <doctest/doctest.h>
#include <httplib.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace heard;
using namespace heard::synctest;

namespace {

// What `heard-server admin enrolment-config --host 127.0.0.1 --port N --ca CA [extra]` prints.
std::string adminConfig(const TestCert& ca, int port, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"--host", "127.0.0.1", "--port", std::to_string(port),
                                     "--ca",   ca.certPath};
    args.insert(args.end(), extra.begin(), extra.end());
    std::ostringstream out, err;
    REQUIRE_MESSAGE(server::runEnrolmentConfigCommand(args, out, err) == 0, err.str());
    return out.str();
}

std::string refusal(const std::string& text) {
    try {
        sync::parseOrgConfig(text);
    } catch (const sync::OrgConfigError& e) {
        return e.what();
    }
    return "";
}

bool sawEvent(const ServerHarness& harness, const std::string& event) {
    for (const auto& line : harness.logLines())
        if (line.find("\"event\":\"" + event + "\"") != std::string::npos) return true;
    return false;
}

} // namespace

TEST_CASE("a malformed, altered or foreign organisation configuration is refused with a clear error") {
    TempDir dir;
    const TestCert orgCa = makeCert(dir.path(), "org-ca");
    const TestCert otherCa = makeCert(dir.path(), "other-ca");
    const std::string json = adminConfig(orgCa, 8443);
    const sync::OrgConfig good = sync::parseOrgConfig(json);
    CHECK(good.server == "127.0.0.1");
    CHECK(good.port == 8443);
    CHECK(good.caPem == orgCa.pem);
    CHECK(good.caSpkiSha256 == sync::spkiSha256OfPem(orgCa.pem));

    CHECK(refusal("").find("empty") != std::string::npos);
    CHECK(refusal("server=127.0.0.1").find("neither") != std::string::npos);
    CHECK(refusal("{\"format\":").find("not readable JSON") != std::string::npos);
    CHECK(refusal(std::string(200, '[')).find("neither") != std::string::npos);
    CHECK(refusal("{" + std::string(100, '[')).find("not readable JSON") != std::string::npos);
    CHECK(refusal("{\"format\":\"someone-elses-app\"}").find("not a Heard organisation configuration") !=
          std::string::npos);
    auto altered = [&](const char* field, nlohmann::json value) {
        nlohmann::json j = nlohmann::json::parse(json);
        if (value.is_null())
            j.erase(field);
        else
            j[field] = value;
        return refusal(j.dump());
    };
    CHECK(altered("port", 0).find("port") != std::string::npos);
    CHECK(altered("port", "8443").find("port") != std::string::npos);
    CHECK(altered("server", "evil.example/path").find("host name") != std::string::npos);
    CHECK(altered("server", nullptr).find("no server") != std::string::npos);
    CHECK(altered("caPem", "not a certificate").find("cannot be read") != std::string::npos);
    // Someone swapped in their own CA but kept the fingerprint, or the other way round.
    CHECK(altered("caPem", otherCa.pem).find("does not match") != std::string::npos);
    CHECK(altered("caSpkiSha256", sync::spkiSha256OfPem(otherCa.pem)).find("does not match") !=
          std::string::npos);
    CHECK(altered("caSpkiSha256", "ABC").find("64") != std::string::npos);

    // The enrolment code: what the CLI prints, also drawn as a QR code; pasted with line breaks.
    const std::string codeOut = adminConfig(orgCa, 8443, {"--code"});
    const std::string code = codeOut.substr(0, codeOut.find('\n'));
    REQUIRE(code.rfind(sync::kEnrolmentCodePrefix, 0) == 0);
    std::string wrapped = code;
    for (std::size_t at = 60; at < wrapped.size(); at += 61)
        wrapped.insert(at, "\n");
    const sync::OrgConfig fromCode = sync::parseOrgConfig("  " + wrapped + "\n");
    CHECK(fromCode.caSpkiSha256 == good.caSpkiSha256);
    CHECK(fromCode.port == 8443);
    const std::string qr = adminConfig(orgCa, 8443, {"--qr"});
    CHECK(qr.find("\u2588") != std::string::npos);
    CHECK(qr.find(code) != std::string::npos);
    std::string damaged = code;
    damaged[code.size() / 2] = '*';
    CHECK(refusal(damaged).find("damaged") != std::string::npos);
    CHECK_FALSE(refusal(code.substr(0, code.size() - 40)).empty()); // cut short

    // A damaged file in the data folder is an error to show, never a configuration.
    const std::string data = dir.file("device");
    sync::installOrgConfig(data, good);
    struct stat info {};
    REQUIRE(::stat(sync::orgConfigPath(data).c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(sync::loadOrgConfig(data)->caSpkiSha256 == good.caSpkiSha256);
    std::ofstream(sync::orgConfigPath(data)) << json.substr(0, json.size() / 2);
    CHECK_THROWS_AS(sync::loadOrgConfig(data), sync::OrgConfigError);
    CHECK_FALSE(sync::loadOrgConfig(dir.file("nothing-here")).has_value());
}

TEST_CASE("sign-in asks only for a name and password; enrolment pins the organisation's CA from its code") {
    TempDir dir;
    auto serverStore = server::openSqliteServerStore(dir.file("server.db"));
    seedOrganisation(*serverStore);
    const TestCert orgCa = makeCert(dir.path(), "org-ca");
    const TestCert serverCert = makeCertSignedBy(dir.path(), "server", orgCa);
    ServerHarness harness(*serverStore, serverCert);
    const std::string codeOut = adminConfig(orgCa, harness.port(), {"--code"});
    const std::string code = codeOut.substr(0, codeOut.find('\n'));

    auto window = test::headlessWindow(1280, 1600);
    ui::AppOptions options;
    options.dataDir = dir.file("device");
    options.fastKeyDerivationForTests = true;
    options.watchNetwork = false;
    {
        ui::App app(*window, options);
        platform::TestDriver driver(*window, [&app] { app.runOneFrame(); });
        app.createStore("Ada Testperson", "Family Court Adviser", kDevicePassphrase);
        driver.frames(2);
        driver.tap("caseload.sync_sign_in");
        REQUIRE((app.screen() == ui::ScreenId::Sync));
        driver.frames(2);
        // No configuration: it says who must act, and offers nothing to type a server into.
        CHECK(driver.has("sync.no_org"));
        for (const char* field : {"sync.host", "sync.port", "sync.username", "sync.password", "sync.enrol"})
            CHECK_MESSAGE(!driver.has(field), field);

        // A damaged code (pasted) is refused on screen and nothing is installed.
        app.syncControl().enrolForm.code = code.substr(0, code.size() - 30) + "%%";
        driver.frames(1);
        driver.tap("sync.org_install");
        driver.frames(2);
        CHECK(driver.has("sync.org_error"));
        CHECK_FALSE(sync::loadOrgConfig(options.dataDir).has_value());

        // The administrator's code (pasted): installed in the data folder, and the form is just a
        // name and a password.
        app.syncControl().enrolForm.code = code;
        driver.frames(1);
        driver.tap("sync.org_install");
        driver.frames(2);
        REQUIRE(app.syncControl().enrolForm.org.has_value());
        CHECK(sync::loadOrgConfig(options.dataDir)->caSpkiSha256 == sync::spkiSha256OfPem(orgCa.pem));
        CHECK(driver.has("sync.username"));
        CHECK(driver.has("sync.password"));
        CHECK(driver.has("sync.server"));
        CHECK_FALSE(driver.has("sync.host"));
        CHECK_FALSE(driver.has("sync.port"));
        CHECK_FALSE(driver.has("sync.no_org"));

        driver.tap("sync.username");
        driver.typeText(kPractitioner);
        driver.tap("sync.password");
        driver.typeText(kPassword);
        driver.tap("sync.enrol");
        REQUIRE(
            test::framesUntil(driver, [&] { return app.enrolled() && !app.syncControl().enrolForm.busy; }));
        CHECK(app.store()->setting(sync::setting::kPinnedCaPem) == orgCa.pem);
        CHECK(app.store()->setting(sync::setting::kPinnedSpki) == sync::spkiSha256OfPem(orgCa.pem));
        CHECK_FALSE(app.store()->setting(sync::setting::kPinnedCert).has_value()); // not the leaf
        REQUIRE(test::framesUntil(driver, [&] { return app.caseload().size() >= 3; }));
        app.lock();
    }
    // The next start finds the installed configuration by itself.
    ui::App again(*window, options);
    REQUIRE(again.syncControl().enrolForm.org.has_value());
    CHECK(again.syncControl().enrolForm.org->port == harness.port());
}

TEST_CASE("a server whose certificate the system trust store accepts, but not the organisation, is refused") {
    TempDir dir;
    const TestCert orgCa = makeCert(dir.path(), "org-ca");
    const TestCert publicCa = makeCert(dir.path(), "public-ca"); // stands in for a public CA
    const TestCert impostorCert = makeCertSignedBy(dir.path(), "impostor", publicCa);
    auto impostorStore = server::openSqliteServerStore(dir.file("impostor.db"));
    seedOrganisation(*impostorStore);
    ServerHarness impostor(*impostorStore, impostorCert);

    // Make the "system" trust store trust the impostor's CA, and show that it does.
    REQUIRE(::setenv("SSL_CERT_FILE", publicCa.certPath.c_str(), 1) == 0);
    {
        httplib::SSLClient systemClient("127.0.0.1", impostor.port());
        systemClient.enable_server_certificate_verification(true);
        auto health = systemClient.Get(sync::kPathHealth);
        REQUIRE(health);
        CHECK(health->status == 200);
    }

    // The tablet, configured for its organisation but pointed at the impostor, sends nothing.
    auto device = makeDeviceStore(dir.path());
    sync::SyncClient fooled(*device, sync::endpointFor(orgConfigFor(orgCa, impostor.port())));
    auto enrolled = fooled.enrol(kPractitioner, kPassword, "tablet");
    CHECK(enrolled.failure == sync::SyncFailure::Certificate);
    CHECK_FALSE(fooled.enrolled());
    // A foreign configuration (the impostor's own CA as "the organisation") would be refused by
    // the real server just the same; here: without any configuration, nothing is sent either.
    sync::ServerEndpoint none;
    none.host = "127.0.0.1";
    none.port = impostor.port();
    sync::SyncClient unconfigured(*device, none);
    auto refused = unconfigured.enrol(kPractitioner, kPassword, "tablet");
    CHECK(refused.failure == sync::SyncFailure::Certificate);
    CHECK(refused.message.find("administrator") != std::string::npos);
    sync::HttpsChannel bare(none);
    auto health = bare.get(sync::kPathHealth);
    CHECK_FALSE(health.transportOk);
    CHECK(health.error.find("organisation configuration") != std::string::npos);
    CHECK_FALSE(sawEvent(impostor, "enrol")); // the password never reached it
    ::unsetenv("SSL_CERT_FILE");
}

TEST_CASE("a renewed server certificate under the pinned CA, new key or same key, needs no re-enrolment") {
    TempDir dir;
    auto serverStore = server::openSqliteServerStore(dir.file("server.db"));
    seedOrganisation(*serverStore);
    const TestCert orgCa = makeCert(dir.path(), "org-ca");
    const TestCert otherCa = makeCert(dir.path(), "other-ca");
    const TestCert first = makeCertSignedBy(dir.path(), "first", orgCa, 1);
    auto device = makeDeviceStore(dir.path());
    {
        ServerHarness harness(*serverStore, first);
        sync::SyncClient client(*device, sync::endpointFor(orgConfigFor(orgCa, harness.port())));
        auto enrolled = client.enrol(kPractitioner, kPassword, "tablet");
        REQUIRE_MESSAGE(enrolled.ok(), enrolled.message);
    }
    auto pullFrom = [&](const TestCert& cert) {
        ServerHarness harness(*serverStore, cert);
        sync::ServerEndpoint endpoint;
        endpoint.host = "127.0.0.1";
        endpoint.port = harness.port();
        sync::SyncClient client(*device, endpoint); // trust comes from the pin saved at enrolment
        return client.pull();
    };
    const TestCert renewedNewKey = makeCertSignedBy(dir.path(), "renewed", orgCa, 2);
    const TestCert renewedSameKey = makeCertSignedBy(dir.path(), "renewed-same-key", orgCa, 3, first.keyPath);
    const TestCert sameKeyOtherCa =
        makeCertSignedBy(dir.path(), "same-key-other-ca", otherCa, 4, first.keyPath);
    auto renewed = pullFrom(renewedNewKey);
    CHECK_MESSAGE(renewed.ok(), renewed.message);
    auto sameKey = pullFrom(renewedSameKey);
    CHECK_MESSAGE(sameKey.ok(), sameKey.message);
    // The pin is the organisation's CA key: the same server key under another CA is refused.
    CHECK(pullFrom(sameKeyOtherCa).failure == sync::SyncFailure::Certificate);
}
