// lifecycle.content_update (issue 20, item 4): the real app, headless, signed in to a real
// heard-server. The organisation signs a content update (admin sign-content, with a content
// signer certificate its CA issued) and publishes it (admin publish-content); the tablet pulls it,
// checks the signature against the CA it pinned at enrolment, and uses it only from the next
// unlock: an activity's text and its Welsh change then, not before. A record made with the old
// content still reads with its own version. A tampered update (one byte changed after signing)
// is refused by publish-content, and, put in the server's database behind its back, refused by
// the tablet with an audit entry; the old content stays.
#include "tests/safety/safety_world.h"
#include "tests/support/headless_window.h"

#include "app/i18n/i18n.h"
#include "app/tools/framework/model/activity_content.h"
#include "app/tools/framework/model/activity_result.h"
#include "base/json_reader.h"
#include "server/admin.h"
#include "storage/record_kinds.h"
#include "sync/protocol_content.h"
#include "sync/sync_client.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace heard;
using nlohmann::json;

namespace {

const char* kOldPrompt = "How do you feel at home?";
const char* kNewPrompt = "How do you feel in your home? (new wording, fictional)";
const char* kNewPromptCy = "Sut wyt ti'n teimlo yn dy gartref? (geiriad newydd, ffug)";

// A certificate the organisation's CA (here the server's own self-signed certificate) issues for
// signing content: extended key usage codeSigning, as docs/admin-guide.md tells administrators.
synctest::TestCert makeContentSigner(const std::string& dir, const synctest::TestCert& ca) {
    synctest::TestCert signer{dir + "/content-signer.crt", dir + "/content-signer.key", {}};
    const std::string csr = dir + "/content-signer.csr", ext = dir + "/content-signer.ext";
    std::ofstream(ext) << "extendedKeyUsage=codeSigning\n";
    const std::string command =
        "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout '" +
        signer.keyPath + "' -subj '/CN=Heard content (fictional organisation)' -out '" + csr +
        "' >/dev/null 2>&1 && openssl x509 -req -days 2 -in '" + csr + "' -CA '" + ca.certPath +
        "' -CAkey '" + ca.keyPath + "' -set_serial 777 -extfile '" + ext + "' -out '" + signer.certPath +
        "' >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    signer.pem = synctest::readFile(signer.certPath);
    return signer;
}

json shippedFeelingsFaces() {
    auto content = base::tryReadJson(synctest::readFile(tools::defaultContentDir() + "/feelings_faces.json"));
    REQUIRE(content.has_value());
    return *content;
}

int admin(safetytest::SafetyWorld& w, const std::vector<std::string>& args, std::string* errText = nullptr) {
    std::istringstream in;
    std::ostringstream out, err;
    const int code = server::runAdminCommand(args, *w.serverStore, in, out, err);
    if (errText) *errText = err.str();
    INFO(out.str() << err.str());
    return code;
}

void lockAndUnlock(safetytest::SafetyWorld& w) {
    w.app->lock();
    w.app->finishClosing();
    w.driver->frames(2);
    w.app->unlock(synctest::kDevicePassphrase);
    REQUIRE(w.app->unlocked());
    w.driver->frames(2);
}

bool audited(storage::Store& store, const std::string& action, const std::string& target) {
    for (const auto& entry : store.auditLog())
        if (entry.action == action && entry.target == target) return true;
    return false;
}

// An activity the child did with feelings_faces at contentVersion, under a signed visit.
std::string signActivity(storage::Store& store, const std::string& visit, int contentVersion) {
    tools::ActivityResult result;
    result.type = "feelings_faces";
    result.contentId = "feelings_faces";
    result.contentVersion = contentVersion;
    result.language = "en";
    tools::Answer answer;
    answer.stepId = "at_home";
    answer.status = tools::AnswerStatus::Skipped;
    result.answers.push_back(answer);
    storage::NewRecord draft;
    draft.parentId = visit;
    draft.caseId = "case-a1";
    draft.childId = "child-a1";
    draft.kind = storage::kinds::kActivity;
    draft.author = synctest::kPractitioner;
    draft.payload = tools::resultToJson(result);
    const auto record = store.createDraft(draft);
    store.sign(record.id, synctest::kPractitionerName);
    return record.id;
}

} // namespace

TEST_CASE("a signed content update changes an activity's text at next unlock; a tampered one is refused") {
    safetytest::SafetyWorld w;
    const synctest::TestCert signer = makeContentSigner(w.dir.path(), w.cert);

    // A record made with the shipped content (version 2: issue 18.2 named the child's grown-ups), and one
    // from content this tablet never had.
    const std::string visit =
        synctest::signVisit(w.store(), "case-a1", "child-a1", false, "with feelings faces");
    signActivity(w.store(), visit, 2);
    REQUIRE(w.app->activityLibrary().find("feelings_faces") != nullptr);
    CHECK(w.app->activityLibrary().find("feelings_faces")->version == 2);
    CHECK(w.app->activityLibrary().find("feelings_faces")->steps.at(0).prompt == kOldPrompt);

    // The organisation signs version 3 (new wording and its Welsh) and publishes it.
    json v2 = shippedFeelingsFaces();
    v2["version"] = 3;
    v2["steps"][0]["prompt"] = kNewPrompt;
    const json files2 = {{"tools/feelings_faces.json", v2}, {"i18n/cy.json", {{kNewPrompt, kNewPromptCy}}}};
    std::ofstream(w.dir.file("files2.json")) << files2.dump();
    REQUIRE(admin(w, {"sign-content", "2", w.dir.file("files2.json"), signer.keyPath, signer.certPath,
                      w.dir.file("update2.json")}) == 0);
    REQUIRE(admin(w, {"publish-content", w.dir.file("update2.json"), "--ca", w.cert.certPath}) == 0);

    // The tablet pulls and keeps it, but the open session goes on with what it had.
    w.app->syncNow();
    REQUIRE(test::framesUntil(
        *w.driver, [&] { return w.store().setting(sync::setting::kContentVersion).value_or("") == "2"; },
        std::chrono::seconds(60)));
    CHECK(audited(w.store(), "receive_content", "content:2"));
    CHECK(w.app->activityLibrary().find("feelings_faces")->version == 2);
    CHECK(w.app->activityLibrary().find("feelings_faces")->steps.at(0).prompt == kOldPrompt);

    // From the next unlock, the new wording, in English and in Welsh.
    lockAndUnlock(w);
    const tools::ContentLibrary& library = w.app->activityLibrary();
    REQUIRE(library.find("feelings_faces") != nullptr);
    CHECK(library.find("feelings_faces")->version == 3);
    CHECK(library.find("feelings_faces")->steps.at(0).prompt == kNewPrompt);
    CHECK(std::string(i18n::trIn("cy", kNewPrompt)) == kNewPromptCy);
    // The old record still reads with version 2's wording; a record from content never received
    // here reads with the current wording and says it changed.
    REQUIRE(library.forRecord("feelings_faces", 2) != nullptr);
    CHECK(library.forRecord("feelings_faces", 2)->version == 2);
    CHECK(library.forRecord("feelings_faces", 2)->steps.at(0).prompt == kOldPrompt);
    w.app->openChild("child-a1");
    w.driver->frames(2);
    w.app->openRecord(visit);
    w.driver->frames(3);
    CHECK(w.driver->has("record.add_addendum")); // the record screen is drawn
    CHECK_FALSE(w.driver->has("activity.wording_changed"));
    w.window->queueScreenshot(std::string(HEARD_TEST_BINARY_DIR) + "/content_update_old_record.png");
    w.driver->frames(2);
    CHECK(w.window->lastScreenshotOk());
    const std::string visit2 =
        synctest::signVisit(w.store(), "case-a1", "child-a1", false, "another tablet's");
    signActivity(w.store(), visit2, 7);
    w.app->openRecord(visit2);
    w.driver->frames(3);
    CHECK(w.driver->has("activity.wording_changed"));
    w.window->queueScreenshot(std::string(HEARD_TEST_BINARY_DIR) + "/content_update_record.png");
    w.driver->frames(2);
    CHECK(w.window->lastScreenshotOk());

    // Version 4, signed, then one byte of it changed: publish-content refuses it.
    json v3 = v2;
    v3["version"] = 4;
    v3["steps"][0]["prompt"] = "How do you feel at home? (version three, fictional)";
    std::ofstream(w.dir.file("files3.json")) << json{{"tools/feelings_faces.json", v3}}.dump();
    REQUIRE(admin(w, {"sign-content", "3", w.dir.file("files3.json"), signer.keyPath, signer.certPath,
                      w.dir.file("update3.json")}) == 0);
    std::string text = synctest::readFile(w.dir.file("update3.json"));
    const auto at = text.find("version three");
    REQUIRE(at != std::string::npos);
    text[at] = 'V'; // one byte
    std::ofstream(w.dir.file("tampered3.json")) << text;
    std::string why;
    CHECK(admin(w, {"publish-content", w.dir.file("tampered3.json")}, &why) == 1);
    CHECK(why.find("does not match the content") != std::string::npos);
    // Unsigned content is refused too.
    std::ofstream(w.dir.file("unsigned3.json"))
        << json{{"version", 3}, {"files", {{"tools/feelings_faces.json", v3}}}}.dump();
    CHECK(admin(w, {"publish-content", w.dir.file("unsigned3.json")}, &why) == 1);
    CHECK(why.find("not signed") != std::string::npos);

    // Put in the server's database behind the command's back (a compromised server), the tablet
    // refuses it and says so in its audit log; the content it had stays, after unlocking too.
    auto tampered = base::tryReadJson(text);
    REQUIRE(tampered.has_value());
    w.serverStore->publishContent(sync::contentUpdateFromJson(*tampered));
    w.app->syncNow();
    REQUIRE(test::framesUntil(
        *w.driver, [&] { return w.store().setting(sync::setting::kContentRefused).value_or("") == "3"; },
        std::chrono::seconds(60)));
    CHECK(audited(w.store(), "refuse_content", "content:3"));
    CHECK(w.store().setting(sync::setting::kContentVersion) == std::optional<std::string>("2"));
    CHECK(w.store().contentUpdates().size() == 1);
    lockAndUnlock(w);
    CHECK(w.app->activityLibrary().find("feelings_faces")->version == 3);
    CHECK(w.app->activityLibrary().find("feelings_faces")->steps.at(0).prompt == kNewPrompt);
    // The refusal reaches the central system with the audit log.
    w.syncUntilEmpty();

    // A new activity in child mode runs with the content of this unlock (the App hands its
    // catalogue to the activity).
    w.startVisit("child-a1");
    w.app->enterChildMode("feelings_faces");
    w.driver->frames(2);
    REQUIRE(w.app->editors().childMode.session != nullptr);
    REQUIRE(w.app->editors().childMode.session->run != nullptr);
    CHECK(w.app->editors().childMode.session->run->content().version == 3);
    CHECK(w.app->editors().childMode.session->run->content().steps.at(0).prompt == kNewPrompt);
}
