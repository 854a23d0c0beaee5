// ship.backup_sqlite and ship.backup_postgres (issue 21.3): the backup drill, on the embedded
// SQLite backend (online backup API) and on PostgreSQL (pg_dump / pg_restore, in a throw-away
// cluster the test starts; built with HEARD_DRILL_POSTGRES).
//
// A tablet (the real encrypted Store and the real SyncClient) keeps signing and pushing to
// heard-server while `heard-server admin backup` (the real executable) copies the live database.
// The tablet goes on syncing after the backup. Then `admin restore` puts the backup into a NEW
// database, a new server starts on it, and the test shows:
//   - every record acknowledged up to the backup is present, every hash and chain verifies;
//   - the restored server lacks what was acknowledged after the backup, and the tablet sends it
//     again by itself: `admin restore` gives the database a new store generation, the tablet sees
//     it in the next push answer and queues every acknowledged entry again
//     (Store::outboxResendAcknowledged), records and audit entries alike (an audit entry that
//     belongs to no record, such as an unlock, never shows a chain gap);
//   - in the end the server holds exactly what the tablet signed and every audit entry it wrote:
//     no loss, no duplicate, no conflict.
// Record bodies are sealed at rest with a record key, which is kept apart from the backup.
#include "server/admin.h"
#include "server/backup.h"
#include "server/record_cipher.h"
#include "sync/sync_client.h"
#include "tests/sync/server_process.h"
#include "tests/sync/sync_test_support.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#ifdef HEARD_DRILL_POSTGRES
#include "tests/sync/postgres_fixture.h"
#endif

using namespace heard;
using namespace heard::synctest;

namespace {

const char* kCases[][2] = {{"case-a1", "child-a1"}, {"case-a2", "child-a2"}, {"case-a3", "child-a3"}};

// heard-server's admin commands, with --no-config (tests/sync/server_process.h).
int runServerCommand(const std::string& args, std::string& output) {
    const auto run = runServerExecutable(HEARD_SERVER_EXE, args);
    output = run.output;
    return run.exitCode;
}

using RecordKey = std::pair<std::string, std::int64_t>; // (record id, version)

std::multiset<RecordKey> recordsOn(server::ServerStore& store) {
    std::multiset<RecordKey> out;
    for (const auto& e : store.receivedSince(0, 1000000))
        if (e.itemType == "record") out.insert({e.itemId, e.version});
    return out;
}

// The tablet's audit entries as the server names them ("<device id>.<seq>").
std::multiset<std::string> auditsOn(server::ServerStore& store) {
    std::multiset<std::string> out;
    for (const auto& e : store.receivedSince(0, 1000000))
        if (e.itemType == "audit") out.insert(e.itemId);
    return out;
}

std::multiset<std::string> auditsOnTablet(storage::Store& device) {
    const std::string deviceId = device.setting(sync::setting::kDeviceId).value_or("?");
    std::multiset<std::string> out;
    for (const auto& entry : device.auditLog())
        out.insert(deviceId + "." + std::to_string(entry.seq));
    return out;
}

std::unique_ptr<server::ServerStore> openSealed(const std::string& spec,
                                                const std::shared_ptr<const server::RecordCipher>& cipher) {
    return server::encryptRecordsAtRest(server::openServerStore(spec), cipher);
}

std::string quoted(const std::string& text) {
    return "'" + text + "'";
}

// The drill on one backend: live and restored are database specs ("sqlite:<path>" or
// "postgres:<conninfo>"); restored must not exist yet (SQLite) or be empty (PostgreSQL).
void runDrill(TempDir& dir, const std::string& liveSpec, const std::string& restoredSpec) {
    const TestCert cert = makeCert(dir.path(), "server");
    const std::string keyPath = dir.file("record.key");
    server::RecordCipher::createKeyFile(keyPath);
    const auto cipher = server::RecordCipher::load(keyPath);
    const std::string backupPath = dir.file("backups/heard-backup.db");
    std::filesystem::create_directories(dir.file("backups"));
    const bool sqlite = liveSpec.rfind("sqlite:", 0) == 0;

    auto live = openSealed(liveSpec, cipher);
    seedOrganisation(*live);
    auto harness = std::make_unique<ServerHarness>(*live, cert);

    auto device = makeDeviceStore(dir.path());
    std::set<RecordKey> signedOnTablet;
    auto signOne = [&](int round) {
        const auto& c = kCases[round % 3];
        const std::string id = signVisit(*device, c[0], c[1], false, "visit " + std::to_string(round));
        signedOnTablet.insert({id, 1});
    };
    // Audit entries that belong to no record (their outbox group is not a record id).
    auto auditAlone = [&](int round) {
        device->audit(kPractitioner, round % 2 ? "unlock" : "export", round % 2 ? "" : kCases[round % 3][0],
                      "drill round " + std::to_string(round));
    };
    {
        sync::SyncClient client(*device, harness->endpoint());
        REQUIRE(client.enrol(kPractitioner, kPassword, "tablet for the drill").ok());
    }

    // The tablet signs and pushes on its own thread while the backup runs.
    std::atomic<bool> backupDone{false};
    std::atomic<int> roundsBeforeBackup{0}, roundsAfterBackup{0};
    std::string pushFailure;
    std::thread tablet([&] {
        sync::SyncClient client(*device, harness->endpoint());
        client.setBatchLimit(3); // several commits, so the backup meets a server mid-intake
        for (int round = 0; round < 400; ++round) {
            const bool after = backupDone.load();
            signOne(round);
            signOne(round + 1000);
            auditAlone(round);
            const auto pushed = client.push();
            if (!pushed.ok()) {
                pushFailure = pushed.message;
                return;
            }
            (after ? roundsAfterBackup : roundsBeforeBackup)++;
            if (after && roundsAfterBackup >= 4) return;
        }
    });
    for (int i = 0; i < 600 && roundsBeforeBackup < 3; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::string output;
    const int backupExit =
        runServerCommand("--db " + quoted(liveSpec) + " admin backup " + backupPath, output);
    backupDone = true;
    tablet.join();
    INFO("backup: " << output);
    REQUIRE(backupExit == 0);
    // Personal data: the backup is its owner's alone (heard-server runs with umask 077).
    CHECK((std::filesystem::status(backupPath).permissions() &
           (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) ==
          std::filesystem::perms::none);
    REQUIRE(pushFailure.empty());
    CHECK(roundsAfterBackup == 4);
    CHECK(device->outboxPendingCount() == 0); // the live server acknowledged everything
    CHECK(recordsOn(*live) == std::multiset<RecordKey>(signedOnTablet.begin(), signedOnTablet.end()));
    CHECK(auditsOn(*live) == auditsOnTablet(*device));

    // A backup never overwrites a file, and it holds no key: the bodies in it are sealed.
    CHECK(runServerCommand("--db " + quoted(liveSpec) + " admin backup " + backupPath, output) == 1);
    if (sqlite) {
        auto raw = server::openSqliteServerStore(backupPath);
        const auto entries = raw->receivedSince(0, 5);
        REQUIRE(!entries.empty());
        CHECK(server::RecordCipher::isSealed(entries.front().body));
    }
    harness->stop();
    harness.reset();
    live.reset();

    // Restore into a new database (never over an existing one) and check every chain there.
    CHECK(runServerCommand("--db " + quoted(liveSpec) + " admin restore " + backupPath, output) == 1);
    const int restoreExit = runServerCommand(
        "--db " + quoted(restoredSpec) + " --record-key " + keyPath + " admin restore " + backupPath, output);
    INFO("restore: " << output);
    REQUIRE(restoreExit == 0);
    CHECK(output.find("every hash and chain holds") != std::string::npos);

    auto restored = openSealed(restoredSpec, cipher);
    const auto atBackup = recordsOn(*restored);
    const auto report = server::verifyChains(*restored);
    INFO(report.problems.size() << " problems, first: " << (report.ok() ? "" : report.problems.front()));
    CHECK(report.ok());
    CHECK(report.cases == 3);
    CHECK(std::set<RecordKey>(atBackup.begin(), atBackup.end()).size() == atBackup.size()); // no duplicates
    for (const auto& record : atBackup)
        CHECK(signedOnTablet.count(record) == 1);
    REQUIRE(atBackup.size() >= 6);                    // the pushes before the backup are in it
    REQUIRE(atBackup.size() < signedOnTablet.size()); // and it lacks those after
    const auto auditsAtBackup = auditsOn(*restored);
    REQUIRE(auditsAtBackup.size() < auditsOnTablet(*device).size()); // audit entries too

    // The restored server takes over the address; the tablet goes on with its work.
    harness = std::make_unique<ServerHarness>(*restored, cert);
    device->setSetting(sync::setting::kServerPort, std::to_string(harness->port()));
    for (int round = 5000; round < 5003; ++round) {
        signOne(round);
        auditAlone(round);
    }
    sync::SyncClient client(*device, harness->endpoint());
    for (int attempt = 0; attempt < 6 && device->outboxPendingCount() > 0; ++attempt) {
        const auto pushed = client.push();
        REQUIRE_MESSAGE(pushed.ok(), pushed.message);
    }
    CHECK(device->outboxPendingCount() == 0);
    CHECK(device->outboxQuarantined().empty());

    const auto after = recordsOn(*restored);
    CHECK(after == std::multiset<RecordKey>(signedOnTablet.begin(), signedOnTablet.end()));
    CHECK(auditsOn(*restored) == auditsOnTablet(*device)); // every audit entry, once
    CHECK(restored->conflictCount() == 0);
    const auto finalReport = server::verifyChains(*restored);
    CHECK(finalReport.ok());
    CHECK(finalReport.records == signedOnTablet.size());
    harness->stop();
}

} // namespace

#ifndef HEARD_DRILL_POSTGRES
TEST_CASE("SQLite: a backup taken while a tablet pushes restores to a new server; the tablet fills the gap") {
    TempDir dir;
    runDrill(dir, "sqlite:" + dir.file("live.db"), "sqlite:" + dir.file("restored.db"));
}

TEST_CASE("outboxResendCase sends one case again, in its first order, unless a quarantine explains the gap") {
    TempDir dir;
    auto device = makeDeviceStore(dir.path());
    for (const char* n : {"1", "2"}) {
        storage::Case c;
        c.id = std::string("case-a") + n;
        c.reference = std::string("FICT/000") + n;
        device->putCase(c);
        storage::Child child;
        child.id = std::string("child-a") + n;
        child.caseId = c.id;
        child.displayName = std::string("Pip Invented ") + n;
        device->putChild(child);
    }
    for (int i = 0; i < 3; ++i) {
        signVisit(*device, "case-a1", "child-a1");
        signVisit(*device, "case-a2", "child-a2");
    }
    std::vector<std::int64_t> all;
    for (const auto& e : device->outboxPending(1000))
        all.push_back(e.id);
    device->outboxAcknowledge(all);
    REQUIRE(device->outboxPendingCount() == 0);

    const std::size_t again = device->outboxResendCase("case-a1");
    CHECK(again >= 3); // its three records (and their audit entries)
    const auto pending = device->outboxPending(1000);
    CHECK(pending.size() == again);
    std::int64_t previous = 0;
    int records = 0;
    for (const auto& e : pending) {
        CHECK(e.id > previous); // first order kept
        previous = e.id;
        if (e.itemType == "record") {
            ++records;
            CHECK(e.caseId == "case-a1");
        }
    }
    CHECK(records == 3);
    CHECK(device->outboxResendCase("case-a1") == 0); // already pending: nothing more

    // A quarantined record explains a gap by itself: no resend for that case.
    const std::string later = signVisit(*device, "case-a2", "child-a2");
    for (const auto& e : device->outboxPending(1000))
        if (e.itemId == later) device->outboxQuarantine(e.id, "refused by the server: conflict");
    CHECK(device->outboxResendCase("case-a2") == 0);
}

TEST_CASE("after admin restore, a push or a pull answer queues every acknowledged entry again, once") {
    TempDir dir;
    const TestCert cert = makeCert(dir.path(), "server");
    auto serverStore = server::openSqliteServerStore(dir.file("server.db"));
    seedOrganisation(*serverStore);
    ServerHarness harness(*serverStore, cert);
    auto device = makeDeviceStore(dir.path());
    sync::SyncClient client(*device, harness.endpoint());
    REQUIRE(client.enrol(kPractitioner, kPassword, "tablet").ok());
    signVisit(*device, "case-a1", "child-a1");
    device->audit(kPractitioner, "unlock", "", "belongs to no record");
    REQUIRE(client.push().ok());
    REQUIRE(device->outboxPendingCount() == 0);
    const std::size_t onServer = serverStore->receivedCount();

    // Never restored: the answers name no generation and nothing is sent again.
    REQUIRE(client.pull().ok());
    CHECK(device->outboxPendingCount() == 0);

    // `admin restore` names the database anew: the next answer (here a pull, with nothing to
    // push) queues every acknowledged entry, the unlock that belongs to no record included.
    const std::string generation = server::markRestored(*serverStore);
    CHECK(generation.size() == 32);
    REQUIRE(client.pull().ok());
    CHECK(device->outboxPendingCount() == onServer);
    bool unlockQueued = false;
    for (const auto& e : device->outboxPending(1000))
        unlockQueued = unlockQueued || (e.itemType == "audit" && e.groupKey.empty());
    CHECK(unlockQueued);
    const auto pushed = client.push();
    REQUIRE(pushed.ok());
    CHECK(pushed.acknowledged == onServer); // each answered "duplicate"
    CHECK(serverStore->receivedCount() == onServer);
    CHECK(device->setting(sync::setting::kStoreGeneration) == generation);
    // Once per restore: the same generation again sends nothing.
    REQUIRE(client.pull().ok());
    CHECK(device->outboxPendingCount() == 0);
    // Quarantined entries stay quarantined.
    signVisit(*device, "case-a2", "child-a2");
    const auto pending = device->outboxPending(10);
    REQUIRE(!pending.empty());
    device->outboxQuarantine(pending.front().id, "refused by the server: conflict");
    CHECK(device->outboxResendAcknowledged() == onServer);
    CHECK(device->outboxQuarantined().size() == 1);
    harness.stop();
}

TEST_CASE("the store generation in an answer is read strictly") {
    const auto push = sync::pushResponseFromJson({{"ok", true},
                                                  {"protocol", sync::kProtocolVersion},
                                                  {"batchId", "b"},
                                                  {"results", nlohmann::json::array()}});
    CHECK(push.storeGeneration.empty()); // a server from before 0.1.0
    sync::PushResponse named;
    named.batchId = "b";
    named.storeGeneration = "0123456789abcdef0123456789abcdef";
    CHECK(sync::pushResponseFromJson(sync::toJson(named)).storeGeneration == named.storeGeneration);
    named.storeGeneration = std::string(sync::kMaxStoreGeneration + 1, 'a');
    CHECK_THROWS_AS(sync::pushResponseFromJson(sync::toJson(named)), sync::ProtocolError);
    sync::PullResponse pull;
    pull.storeGeneration = std::string(sync::kMaxStoreGeneration + 1, 'a');
    CHECK_THROWS_AS(sync::pullResponseFromJson(sync::toJson(pull)), sync::ProtocolError);
    auto wrongType = sync::toJson(sync::PullResponse{});
    wrongType["storeGeneration"] = 7;
    CHECK_THROWS_AS(sync::pullResponseFromJson(wrongType), sync::ProtocolError);
}

TEST_CASE("backup and restore refuse what they cannot do well") {
    TempDir dir;
    std::string output;
    // No database to back up.
    CHECK(runServerCommand("--db sqlite:" + dir.file("absent.db") + " admin backup " + dir.file("b.db"),
                           output) == 1);
    CHECK(output.find("no database") != std::string::npos);
    // A file that is not a heard-server database is not restored.
    {
        std::ofstream junk(dir.file("junk.db"));
        junk << "this is not a database";
    }
    CHECK(runServerCommand("--db sqlite:" + dir.file("new.db") + " admin restore " + dir.file("junk.db"),
                           output) == 1);
    CHECK(!std::filesystem::exists(dir.file("new.db")));
}
#else
TEST_CASE(
    "PostgreSQL: a backup taken while a tablet pushes restores to a new database; the tablet fills the gap") {
    TempDir dir;
    const std::string live = newPostgresDatabase();
    const std::string restored = newPostgresDatabase();
    runDrill(dir, "postgres:" + live, "postgres:" + restored);
}
#endif
