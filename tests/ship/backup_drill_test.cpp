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
//     again by itself (chain_gap -> Store::outboxResendCase) with its next records;
//   - in the end the server holds exactly what the tablet signed: no loss, no duplicate, no conflict.
// Record bodies are sealed at rest with a record key, which is kept apart from the backup.
#include "server/admin.h"
#include "server/backup.h"
#include "server/record_cipher.h"
#include "sync/sync_client.h"
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
#include "tests/sync/postgres_cluster.h"
#endif

using namespace heard;
using namespace heard::synctest;

namespace {

const char* kCases[][2] = {{"case-a1", "child-a1"}, {"case-a2", "child-a2"}, {"case-a3", "child-a3"}};

// Runs the installed-style command line; returns the exit code and fills output (stdout+stderr).
int runServerCommand(const std::string& args, std::string& output) {
    const std::string command = std::string(HEARD_SERVER_EXE) + " --no-config " + args + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[512];
    output.clear();
    while (std::fgets(buffer, sizeof buffer, pipe))
        output += buffer;
    const int status = ::pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

using RecordKey = std::pair<std::string, std::int64_t>; // (record id, version)

std::multiset<RecordKey> recordsOn(server::ServerStore& store) {
    std::multiset<RecordKey> out;
    for (const auto& e : store.receivedSince(0, 1000000))
        if (e.itemType == "record") out.insert({e.itemId, e.version});
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

    // The restored server takes over the address; the tablet goes on with its work.
    harness = std::make_unique<ServerHarness>(*restored, cert);
    device->setSetting(sync::setting::kServerPort, std::to_string(harness->port()));
    for (int round = 5000; round < 5003; ++round)
        signOne(round);
    sync::SyncClient client(*device, harness->endpoint());
    for (int attempt = 0; attempt < 6 && device->outboxPendingCount() > 0; ++attempt) {
        const auto pushed = client.push();
        REQUIRE_MESSAGE(pushed.ok(), pushed.message);
    }
    CHECK(device->outboxPendingCount() == 0);
    CHECK(device->outboxQuarantined().empty());

    const auto after = recordsOn(*restored);
    CHECK(after == std::multiset<RecordKey>(signedOnTablet.begin(), signedOnTablet.end()));
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
    auto& cluster = PostgresCluster::shared();
    REQUIRE_MESSAGE(cluster.start(), "PostgreSQL could not be started for the test: " << cluster.reason());
    TempDir dir;
    const std::string live = cluster.createDatabase();
    const std::string restored = cluster.createDatabase();
    runDrill(dir, "postgres:" + live, "postgres:" + restored);
}
#endif
