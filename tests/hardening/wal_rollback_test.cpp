// hardening.wal_rollback (issue 17.6): a damaged or lost WAL after acknowledged signed
// writes used to lose those records silently — unlock, the integrity check and the hash
// chains all passed. The key file now keeps the chain heads; unlock compares them and
// refuses with RolledBack, leaving every file byte for byte as it was.
#include "storage/chain.h"
#include "storage/database.h"
#include "storage/schema.h"
#include "tests/storage/child_process.h"
#include "tests/storage/store_test_support.h"

#include <algorithm>
#include <map>

using namespace heard::storage;
using namespace heard::storage::test;
namespace fs = std::filesystem;

namespace {

// Every file in dir with its bytes.
std::map<std::string, std::string> files(const std::string& dir) {
    std::map<std::string, std::string> out;
    for (const auto& entry : fs::directory_iterator(dir))
        out[entry.path().filename().string()] = readFile(entry.path().string());
    return out;
}

// A data directory as a power cut leaves it: 4 records signed and checkpointed into the
// database file, then 6 more signed (acknowledged to the practitioner) that are only in the WAL.
void crashImage(const std::string& dataDir) {
    {
        auto store = createStore(dataDir);
        addCaseload(*store);
        for (int i = 0; i < 4; ++i)
            store->sign(store->createDraft(visitFor()).id, "Pat Example");
    } // closing checkpoints
    auto outcome = runInChild(
        [&](Reporter& out) {
            auto store = unlockStore(dataDir);
            for (int i = 0; i < 6; ++i) {
                Record r =
                    store->sign(store->createDraft(visitFor("case-1", "case-1-child-b")).id, "Pat Example");
                out.line(r.id);
            }
            (void)store.release(); // as a power cut: no lock, no checkpoint
            return 10;
        },
        -1);
    REQUIRE(outcome.exitCode == 10);
    REQUIRE(outcome.lines.size() == 6);
    REQUIRE(fs::exists(Store::databasePath(dataDir) + "-wal"));
    REQUIRE(fs::file_size(Store::databasePath(dataDir) + "-wal") > 32 + 24 + size_t(4096));
}

void expectRefusedUntouched(const std::string& dataDir) {
    const auto before = files(dataDir);
    try {
        unlockStore(dataDir);
        FAIL("unlock accepted a store that lost signed records");
    } catch (const StoreError& e) {
        CHECK_MESSAGE(bool(e.kind() == StoreErrorKind::RolledBack), toString(e.kind()) << ": " << e.what());
        CHECK(std::string(e.what()).find("call support") != std::string::npos);
    }
    const auto after = files(dataDir);
    std::vector<std::string> namesBefore, namesAfter;
    for (const auto& [name, bytes] : before)
        namesBefore.push_back(name);
    for (const auto& [name, bytes] : after)
        namesAfter.push_back(name);
    CHECK(namesBefore == namesAfter);
    for (const auto& entry : before) {
        const std::string& name = entry.first; // not a structured binding: CAPTURE's lambda takes it (clang)
        const auto& bytes = entry.second;
        if (name.size() > 4 && name.substr(name.size() - 4) == "-shm") continue; // SQLite's shared index
        CAPTURE(name);
        CHECK(after.count(name) == 1);
        CHECK((after.count(name) && after.at(name) == bytes));
    }
    // Refused again, the same way: nothing was "repaired" the first time.
    CHECK_STORE_ERROR(unlockStore(dataDir), StoreErrorKind::RolledBack);
}

} // namespace

TEST_CASE("the undamaged crash image opens with every signed record") {
    TempDir tmp;
    crashImage(tmp.dataDir());
    auto store = unlockStore(tmp.dataDir());
    int signedCount = 0;
    for (const auto& r : store->recordsForCase("case-1"))
        signedCount += r.status == RecordStatus::Signed;
    CHECK(signedCount == 10);
    CHECK(store->verifyCase("case-1").ok);
}

TEST_CASE("a deleted WAL: unlock refuses, files untouched") {
    TempDir tmp;
    crashImage(tmp.dataDir());
    fs::remove(Store::databasePath(tmp.dataDir()) + "-wal");
    fs::remove(Store::databasePath(tmp.dataDir()) + "-shm");
    expectRefusedUntouched(tmp.dataDir());
    CHECK_FALSE(fs::exists(Store::databasePath(tmp.dataDir()) + "-wal"));
}

TEST_CASE("a bit flipped in the first WAL frame: unlock refuses, files untouched") {
    TempDir tmp;
    crashImage(tmp.dataDir());
    const std::string wal = Store::databasePath(tmp.dataDir()) + "-wal";
    std::string bytes = readFile(wal);
    bytes[32 + 24 + 100] ^= 0x01; // page data of frame 1: its checksum fails, and every frame after it
    writeFile(wal, bytes);
    fs::remove(Store::databasePath(tmp.dataDir()) + "-shm");
    expectRefusedUntouched(tmp.dataDir());
}

TEST_CASE("a truncated WAL: unlock refuses, files untouched") {
    TempDir tmp;
    crashImage(tmp.dataDir());
    const std::string wal = Store::databasePath(tmp.dataDir()) + "-wal";
    const std::string bytes = readFile(wal);
    writeFile(wal, bytes.substr(0, bytes.size() / 2));
    fs::remove(Store::databasePath(tmp.dataDir()) + "-shm");
    expectRefusedUntouched(tmp.dataDir());
}

TEST_CASE("a crash between a signed write's commit and its key file update still opens") {
    TempDir tmp;
    const std::string dir = tmp.dataDir();
    std::string keysBeforeLastSign;
    {
        auto store = createStore(dir);
        addCaseload(*store);
        store->sign(store->createDraft(visitFor()).id, "Pat Example");
        Record last = store->createDraft(visitFor());
        keysBeforeLastSign = readFile(Store::keyFilePath(dir));
        store->sign(last.id, "Pat Example");
    }
    // The key file as it was before the last signing: the database is one signed record ahead.
    writeFile(Store::keyFilePath(dir), keysBeforeLastSign);
    {
        auto store = unlockStore(dir);
        CHECK(store->verifyCase("case-1").ok);
    }
    CHECK(readFile(Store::keyFilePath(dir)) != keysBeforeLastSign); // brought up to date
    // Two records ahead is not a crash window: refused.
    {
        auto store = unlockStore(dir);
        store->sign(store->createDraft(visitFor()).id, "Pat Example");
        store->sign(store->createDraft(visitFor()).id, "Pat Example");
    }
    const std::string current = readFile(Store::keyFilePath(dir));
    writeFile(Store::keyFilePath(dir), keysBeforeLastSign);
    CHECK_STORE_ERROR(unlockStore(dir), StoreErrorKind::RolledBack);
    writeFile(Store::keyFilePath(dir), current);
    CHECK_NOTHROW(unlockStore(dir));
}

TEST_CASE("a key file from before chain heads gets them at the next unlock") {
    TempDir tmp;
    const std::string dir = tmp.dataDir();
    {
        auto store = createStore(dir);
        addCaseload(*store);
        store->sign(store->createDraft(visitFor()).id, "Pat Example");
    }
    KeyFile keys = KeyFile::load(Store::keyFilePath(dir));
    REQUIRE(keys.hasChainHeads);
    CHECK(keys.chainCount == 1);
    keys.hasChainHeads = false;
    keys.save(Store::keyFilePath(dir));
    unlockStore(dir);
    keys = KeyFile::load(Store::keyFilePath(dir));
    CHECK(keys.hasChainHeads);
    CHECK(keys.chainCount == 1);
}

namespace {

// The heads unlock reads (migration 17's chain_heads) and the heads read from the records.
std::string keptHeads(Database& db) {
    std::string out;
    auto st =
        db.prepare("SELECT case_id, chain, seq, hash, prev_hash FROM chain_heads ORDER BY case_id, chain");
    while (st.step())
        out += st.columnText(0) + "|" + st.columnText(1) + "|" + std::to_string(st.columnInt64(2)) + "|" +
               st.columnText(3) + "|" + st.columnText(4) + "\n";
    return out;
}
std::string recordHeads(Database& db) {
    std::string out;
    auto st = db.prepare("SELECT case_id, chain, chain_seq, hash, prev_hash FROM records r WHERE chain_seq = "
                         "(SELECT max(chain_seq) FROM records WHERE case_id = r.case_id AND chain = r.chain) "
                         "AND chain_seq > 0 ORDER BY case_id, chain");
    while (st.step())
        out += st.columnText(0) + "|" + st.columnText(1) + "|" + std::to_string(st.columnInt64(2)) + "|" +
               st.columnText(3) + "|" + st.columnText(4) + "\n";
    return out;
}

} // namespace

// Unlock reads the heads kept in chain_heads (issue 19: one short scan instead of a seek into
// the records per case and chain). They must be the records' own after every kind of signed
// write, and a kept table that differs is refused at unlock and reported by the integrity check.
TEST_CASE("the chain heads kept for unlock follow every signed write, and a changed one is caught") {
    TempDir tmp;
    const std::string dir = tmp.dataDir();
    {
        auto store = createStore(dir);
        addCaseload(*store, "case-1");
        addCaseload(*store, "case-2");
        Database& db = store->databaseForTesting();
        CHECK(keptHeads(db).empty());
        store->createDraft(visitFor()); // a draft is on no chain
        CHECK(keptHeads(db).empty());
        const Record first = store->sign(store->createDraft(visitFor()).id, "Pat Example");
        CHECK(keptHeads(db) == recordHeads(db));
        store->sign(store->createDraft(visitFor("case-2", "case-2-child-a")).id, "Pat Example");
        store->addAddendum(first.id, "Pat Example", {{"note", "a fictional late entry"}});
        NewRecord alert = visitFor();
        alert.kind = kinds::kSafetyAlert;
        alert.highRisk = true;
        alert.payload = {{"child_words", "No (fictional)"}};
        const Record signedAlert = store->sign(store->createDraft(alert).id, "Pat Example");
        REQUIRE(signedAlert.chain == kSafetyChain);
        for (int i = 0; i < 3; ++i)
            store->sign(store->createDraft(visitFor()).id, "Pat Example");
        const std::string heads = keptHeads(db);
        CHECK(heads == recordHeads(db));
        CHECK(std::count(heads.begin(), heads.end(), '\n') == 3); // case-1, its alert chain, case-2
        CHECK(heads.find("case-1||5|") != std::string::npos);     // a visit, its addendum, 3 more visits
        CHECK(store->checkIntegrity().ok);
        // A store signed before migration 17 gets the same heads from the migration's backfill.
        db.exec("DROP TABLE chain_heads; DROP TRIGGER chain_heads_insert; DROP TRIGGER chain_heads_update; "
                "DROP TRIGGER chain_heads_delete;");
        REQUIRE(migrations()[16].version == 17);
        db.exec(migrations()[16].sql);
        CHECK(keptHeads(db) == heads);

        // Case 2 leaves the tablet once everything it holds is acknowledged.
        std::vector<int64_t> ids;
        for (const auto& entry : store->outboxPending(1000))
            ids.push_back(entry.id);
        store->outboxAcknowledge(ids);
        REQUIRE(store->removeCase("case-2", "Pat Example", "reallocated (fictional)"));
        CHECK(keptHeads(db) == recordHeads(db));
        CHECK(keptHeads(db).find("case-2") == std::string::npos);
        CHECK(store->checkIntegrity().ok);
    }
    CHECK_NOTHROW(unlockStore(dir));

    // The kept heads changed on their own (only someone holding the key could): the integrity
    // check says so, and unlock, which compares them with the key file, refuses.
    {
        auto store = unlockStore(dir);
        store->databaseForTesting().exec("UPDATE chain_heads SET hash = 'f00d' WHERE chain = ''");
        const ChainReport report = store->checkIntegrity();
        CHECK_FALSE(report.ok);
        bool named = false;
        for (const auto& text : report.problems)
            named = named || text.find("chain heads") != std::string::npos;
        CHECK(named);
    }
    CHECK_STORE_ERROR(unlockStore(dir), StoreErrorKind::RolledBack);
}
