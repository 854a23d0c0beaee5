// lifecycle.reenrol (issue 20, item 6): the real app, headless, signed in to a real heard-server,
// is enrolled again from its Central system screen, after the practitioner's passphrase: a new
// device credential, the old one refused at once, the data key re-sealed to the organisation's
// current recovery key (and the store opens with it), the records kept and still syncing.
#include "tests/safety/safety_world.h"
#include "tests/support/headless_window.h"

#include "server/admin.h"
#include "sync/sync_client.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace heard;

namespace {

std::string hexOf(const std::vector<unsigned char>& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

int pullStatus(const sync::ServerEndpoint& endpoint, const std::string& auth) {
    sync::HttpsChannel channel(endpoint);
    return channel.post(sync::kPathPull, sync::toJson(sync::PullRequest{}).dump(), auth).status;
}

} // namespace

TEST_CASE("enrolling the tablet again from the Central system screen revokes the old credential and re-seals "
          "the key") {
    safetytest::SafetyWorld w;
    const std::string visit =
        synctest::signVisit(w.store(), "case-a1", "child-a1", false, "kept through it all");
    w.syncUntilEmpty();
    const std::string oldAuth =
        *w.store().setting(sync::setting::kDeviceId) + ":" + *w.store().setting(sync::setting::kDeviceSecret);
    const auto newKeys = storage::RecoveryKeyPair::generate();
    {
        std::istringstream in;
        std::ostringstream out, err;
        REQUIRE(server::runAdminCommand({"set-recovery-key", hexOf(newKeys.publicKey)}, *w.serverStore, in,
                                        out, err) == 0);
    }

    w.app->show(ui::ScreenId::Sync);
    w.driver->frames(2);
    // A wrong passphrase first: refused, nothing changes.
    w.tapAndType("sync.again_passphrase", "not my passphrase");
    w.driver->tap("sync.enrol_again");
    w.driver->frames(2);
    CHECK(w.driver->has("sync.again_error"));
    CHECK_FALSE(w.driver->has("sync.again_info"));
    w.tapAndType("sync.again_passphrase", synctest::kDevicePassphrase);
    w.driver->tap("sync.enrol_again");
    w.driver->frames(2);
    REQUIRE(w.driver->has("sync.again_info"));
    w.window->queueScreenshot(std::string(HEARD_TEST_BINARY_DIR) + "/enrol_again.png");
    w.driver->frames(2);
    CHECK(w.window->lastScreenshotOk());
    w.app->syncControl().enrolForm.username.clear();
    w.tapAndType("sync.username", synctest::kPractitioner);
    w.tapAndType("sync.password", synctest::kPassword);
    w.driver->tap("sync.enrol");
    REQUIRE(test::framesUntil(*w.driver, [&] {
        const auto& form = w.app->syncControl().enrolForm;
        return !form.busy && !form.again;
    }));
    const std::string newAuth =
        *w.store().setting(sync::setting::kDeviceId) + ":" + *w.store().setting(sync::setting::kDeviceSecret);
    CHECK(newAuth != oldAuth);
    CHECK(pullStatus(w.harness->endpoint(), oldAuth) == 403);
    CHECK(pullStatus(w.harness->endpoint(), newAuth) == 200);
    CHECK(w.store().recoveryPublicKey() == newKeys.publicKey);
    CHECK(w.store().recordById(visit).has_value());
    // It syncs on under the new credential: a record signed now reaches the server.
    const std::string next = synctest::signVisit(w.store(), "case-a1", "child-a1", false, "after");
    w.syncUntilEmpty();
    CHECK(safetytest::positionOf(w.receivedRecordOrder(), next) < w.receivedRecordOrder().size());
    CHECK(w.store().outboxQuarantined().empty());
    // The organisation's current key opens the store (recovery), the old tablet passphrase aside.
    w.app->lock();
    w.driver->frames(2);
    auto recovered = storage::Store::recover(w.dir.file("device"), newKeys, "a new passphrase for tests");
    CHECK(recovered->recordById(visit).has_value());
}
