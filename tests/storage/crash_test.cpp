// store.crash: a writer process is killed with SIGKILL at random points, many times.
// Each time the database must open, PRAGMA integrity_check must say ok, every write that
// returned success must be there, and the chains must verify.
#include "child_process.h"
#include "store_test_support.h"

#include "storage/database.h"

#include <map>
#include <random>

using namespace heard::storage;
using namespace heard::storage::test;

namespace {

// The writer: drafts with growing autosave counters, signatures, addenda. Never returns.
int writeForever(const std::string& dataDir, unsigned seed, Reporter& out) {
    std::mt19937 rng(seed);
    auto store = unlockStore(dataDir);
    out.line("U");
    for (int i = 0;; ++i) {
        Record r = store->createDraft(visitFor());
        out.line("C " + r.id);
        const int saves = int(rng() % 4);
        for (int n = 1; n <= saves; ++n) {
            store->saveDraft(r.id,
                             {{"where", "home"}, {"n", n}, {"text", std::string(200 + rng() % 2000, 'x')}});
            out.line("D " + r.id + " " + std::to_string(n));
        }
        if (rng() % 3 != 0) {
            Record s = store->sign(r.id, "Pat Example");
            out.line("S " + s.id + " " + s.hash);
            if (rng() % 4 == 0) {
                Record a =
                    store->addAddendum(s.id, "Pat Example", {{"note", "late entry " + std::to_string(i)}});
                out.line("S " + a.id + " " + a.hash);
            }
        }
    }
}

} // namespace

TEST_CASE("SIGKILL at random points never loses a saved write or corrupts the store") {
    TempDir tmp;
    {
        auto store = createStore(tmp.dataDir());
        addCaseload(*store);
    }
    std::mt19937 rng(20261123);
    const int kIterations = 40;
    size_t totalAcked = 0;
    int killedMidWrite = 0;
    std::map<std::string, std::string> everSigned; // survives across iterations

    for (int iteration = 0; iteration < kIterations; ++iteration) {
        const int delayMs = int(rng() % 150); // after the writer has unlocked
        const unsigned seed = unsigned(rng());
        const std::string dir = tmp.dataDir();
        auto outcome = runInChild([&](Reporter& out) { return writeForever(dir, seed, out); }, delayMs, true);
        CAPTURE(iteration);
        CAPTURE(delayMs);
        REQUIRE_MESSAGE(outcome.killed, "writer exited by itself with code " << outcome.exitCode);
        if (outcome.lines.size() > 1) ++killedMidWrite; // at least one write had returned

        auto store = unlockStore(tmp.dataDir());
        {
            auto check = store->databaseForTesting().prepare("PRAGMA integrity_check");
            REQUIRE(check.step());
            CHECK(check.columnText(0) == "ok");
        }
        std::map<std::string, int> savedCounter;
        for (const auto& line : outcome.lines) {
            std::istringstream in(line);
            std::string op, id, arg;
            in >> op >> id >> arg;
            if (op == "C") savedCounter.emplace(id, 0);
            if (op == "D") savedCounter[id] = std::stoi(arg);
            if (op == "S") everSigned[id] = arg;
        }
        totalAcked += outcome.lines.size();
        for (const auto& saved :
             savedCounter) { // no structured binding: the messages' lambdas take id (clang)
            const auto& id = saved.first;
            const auto& n = saved.second;
            auto r = store->recordById(id);
            REQUIRE_MESSAGE(r, "created record " << id << " lost");
            if (std::string(toString(r->status)) == "draft" && n > 0) CHECK(r->payload.value("n", 0) >= n);
        }
        for (const auto& signedOne : everSigned) {
            const auto& id = signedOne.first;
            const auto& hash = signedOne.second;
            auto r = store->recordById(id);
            REQUIRE_MESSAGE(r, "signed record " << id << " lost");
            CHECK(std::string(toString(r->status)) == "signed");
            CHECK(r->hash == hash);
        }
        const auto chain = store->verifyCase("case-1");
        for (const auto& p : chain.problems)
            FAIL_CHECK(p);
        const auto audit = store->verifyAudit();
        for (const auto& p : audit.problems)
            FAIL_CHECK(p);
        // Every signed version entered the outbox in the same transaction.
        auto st = store->databaseForTesting().prepare(
            "SELECT (SELECT count(*) FROM records WHERE status = 'signed'), "
            "(SELECT count(*) FROM outbox WHERE item_type = 'record')");
        REQUIRE(st.step());
        CHECK(st.columnInt(0) == st.columnInt(1));
    }
    MESSAGE("acknowledged writes checked: " << totalAcked << ", signed records: " << everSigned.size());
    CHECK(killedMidWrite > kIterations / 2); // most kills landed among writes, not during start-up
    CHECK(everSigned.size() >= 10);
}

TEST_CASE("SIGKILL while changing the passphrase leaves one of the two passphrases working") {
    TempDir tmp;
    createStore(tmp.dataDir());
    const std::string other = "an invented second passphrase";
    std::mt19937 rng(7);
    std::string lastConfirmed = testPassphrase();
    for (int iteration = 0; iteration < 20; ++iteration) {
        const std::string dir = tmp.dataDir();
        const std::string start = lastConfirmed;
        auto outcome = runInChild(
            [&](Reporter& out) {
                auto store = Store::unlock(dir, start);
                std::string current = start;
                for (;;) {
                    const std::string next = current == other ? testPassphrase() : other;
                    store->changePassphrase(current, next);
                    current = next;
                    out.line(current == other ? "other" : "first");
                }
                return 0;
            },
            int(rng() % 80), true);
        REQUIRE(outcome.killed);
        CAPTURE(iteration);
        // The key file is whole (old or new), never half-written.
        REQUIRE_NOTHROW(KeyFile::load(Store::keyFilePath(tmp.dataDir())));
        std::unique_ptr<Store> store;
        try {
            store = Store::unlock(tmp.dataDir(), testPassphrase());
            lastConfirmed = testPassphrase();
        } catch (const StoreError& e) {
            REQUIRE(std::string(toString(e.kind())) == "WrongPassphrase");
            store = Store::unlock(tmp.dataDir(), other);
            lastConfirmed = other;
        }
        REQUIRE(store);
        CHECK(store->verifyAudit().ok);
    }
}
