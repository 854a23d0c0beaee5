// store.plaintext: after writing records containing a canary, no file under the data
// directory (database, WAL, shared memory, journal, temp files, key file) contains the
// canary or any recognisable plaintext, while the store is open and after it is locked.
#include "store_test_support.h"
#include "storage/record_kinds.h"

#include "storage/database.h"

#include <filesystem>
#include <vector>

using namespace heard::storage;
using namespace heard::storage::test;

namespace {

const std::string kCanary = "CANARY-Zebra-Quokka-7f3a9c";

// Strings that would show the store is readable without the key.
std::vector<std::string> forbiddenStrings() {
    return {kCanary,
            "Quokka",
            "Robin Testchild",     // child's display name
            "childsOwnWords",      // a payload field name
            "wishes and feelings", // a payload value
            "SQLite format 3",     // an unencrypted database header
            "CREATE TABLE",        // schema text
            "audit_log",
            "case-1-child-a",
            testPassphrase()};
}

struct Finding {
    std::string file, needle;
};

std::vector<Finding> scan(const std::string& dir, std::vector<std::string>* scanned = nullptr) {
    std::vector<Finding> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        const std::string bytes = readFile(entry.path().string());
        if (scanned) scanned->push_back(entry.path().filename().string());
        for (const auto& needle : forbiddenStrings())
            if (bytes.find(needle) != std::string::npos) found.push_back({entry.path().string(), needle});
    }
    return found;
}

void writeSensitiveRecords(Store& store) {
    addCaseload(store);
    Child child = *store.childById("case-1-child-a");
    child.details = {{"address", "1 " + kCanary + " Lane"}, {"addressConfidential", true}};
    store.putChild(child);
    for (int i = 0; i < 50; ++i) {
        NewRecord concern = visitFor();
        concern.kind = kinds::kConcern;
        concern.payload = {{"childsOwnWords", "I told " + kCanary + " number " + std::to_string(i)},
                           {"purpose", "wishes and feelings"}};
        Record r = store.createDraft(concern);
        store.saveDraft(r.id, {{"childsOwnWords", "I said " + kCanary + " again " + std::to_string(i)},
                               {"purpose", "wishes and feelings"}});
        if (i % 2 == 0) {
            Record s = store.sign(r.id, "Pat Example");
            store.addAddendum(s.id, "Pat Example", {{"note", kCanary + " late entry"}});
        }
    }
    store.audit("Pat Example", "export", "case-1", "exported " + kCanary);
    store.setSetting("last_child", kCanary);
}

} // namespace

TEST_CASE("no plaintext in any file of the data directory, open or locked") {
    TempDir tmp;
    auto store = createStore(tmp.dataDir());
    writeSensitiveRecords(*store);

    // Open: the WAL and shared-memory files exist now and hold recent pages.
    std::vector<std::string> scanned;
    auto found = scan(tmp.dataDir(), &scanned);
    for (const auto& f : found)
        FAIL_CHECK("plaintext '" << f.needle << "' in " << f.file);
    bool sawWal = false;
    for (const auto& name : scanned)
        sawWal |= name == std::string(kDatabaseFileName) + "-wal";
    CHECK_MESSAGE(sawWal, "expected a WAL file while open (so the scan covered it)");

    // The canary really went in: it reads back through the key.
    CHECK(store->setting("last_child") == std::optional<std::string>(kCanary));

    store.reset(); // lock
    scanned.clear();
    found = scan(tmp.dataDir(), &scanned);
    for (const auto& f : found)
        FAIL_CHECK("plaintext '" << f.needle << "' in " << f.file << " after lock");
    CHECK(scanned.size() >= 2); // database and key file at least

    // Sanity check of the scanner itself: the same workload on a plain database is found.
    Database plain = Database::openPlain(tmp.file("plain-control.db"));
    plain.exec("CREATE TABLE t (v TEXT)");
    auto st = plain.prepare("INSERT INTO t VALUES (?)");
    st.bind(1, kCanary).run();
    CHECK(readFile(tmp.file("plain-control.db-wal")).find(kCanary) != std::string::npos);
}

TEST_CASE("the database cannot be read without the key") {
    TempDir tmp;
    {
        auto store = createStore(tmp.dataDir());
        writeSensitiveRecords(*store);
    }
    CHECK_STORE_ERROR(
        [&] {
            Database plain = Database::openPlain(Store::databasePath(tmp.dataDir()), false);
            plain.prepare("SELECT count(*) FROM sqlite_master").step();
            return 0;
        }(),
        StoreErrorKind::NotAStore);
    SecretKey wrongKey = SecretKey::random(32);
    CHECK_STORE_ERROR(Database::openEncrypted(Store::databasePath(tmp.dataDir()), wrongKey),
                      StoreErrorKind::NotAStore);
}
