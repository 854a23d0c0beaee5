// Shared fixtures for the store tests: temporary data directories, a fixed clock, file
// helpers, and a small fictional caseload. All names are invented.
#pragma once

#include "storage/store.h"
#include "storage/record_kinds.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>

namespace heard::storage::test {

// A fresh directory under /tmp, removed with everything in it when the object dies.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "heard-store-XXXXXX").string();
        char* made = ::mkdtemp(pattern.data());
        REQUIRE(made != nullptr);
        m_path = made;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return m_path; }
    std::string file(const std::string& name) const { return m_path + "/" + name; }
    // A data directory that does not exist yet (Store::create makes it).
    std::string dataDir() const { return m_path + "/data"; }

private:
    std::string m_path;
};

// A clock the test moves by hand.
struct ManualClock {
    std::chrono::system_clock::time_point now =
        std::chrono::system_clock::time_point(std::chrono::seconds(1795428900)); // 2026-11-23T10:15:00Z
    void advance(int seconds) { now += std::chrono::seconds(seconds); }
    Clock clock() {
        return [this] { return now; };
    }
};

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void writeFile(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

inline const std::string& testPassphrase() {
    static const std::string s = "correct horse battery staple";
    return s;
}

inline const RecoveryKeyPair& organisationKeys() {
    static const RecoveryKeyPair s = RecoveryKeyPair::generate();
    return s;
}

inline StoreOptions optionsWith(ManualClock& clock) {
    StoreOptions options;
    options.clock = clock.clock();
    options.actor = "Pat Example";
    return options;
}

inline std::unique_ptr<Store> createStore(const std::string& dataDir, const StoreOptions& options = {}) {
    return Store::create(dataDir, testPassphrase(), organisationKeys().publicKey, KdfParams::fastForTests(),
                         options);
}

inline std::unique_ptr<Store> unlockStore(const std::string& dataDir, const StoreOptions& options = {}) {
    return Store::unlock(dataDir, testPassphrase(), options);
}

// One invented case with two invented children.
inline void addCaseload(Store& store, const std::string& caseId = "case-1") {
    Case c;
    c.id = caseId;
    c.reference = "REF-" + caseId;
    c.title = "Example family " + caseId;
    store.putCase(c);
    Child a;
    a.id = caseId + "-child-a";
    a.caseId = caseId;
    a.displayName = "Robin Testchild";
    a.dateOfBirth = "2016-04-01";
    a.details = {{"interpreterLanguage", "cy"}};
    store.putChild(a);
    Child b = a;
    b.id = caseId + "-child-b";
    b.displayName = "Sam Testchild";
    store.putChild(b);
}

inline NewRecord visitFor(const std::string& caseId = "case-1",
                          const std::string& childId = "case-1-child-a") {
    NewRecord r;
    r.caseId = caseId;
    r.childId = childId;
    r.kind = storage::kinds::kVisit;
    r.author = "Pat Example";
    r.payload = {{"where", "family centre"}, {"purpose", "wishes and feelings"}};
    return r;
}

// Expects `expr` to throw StoreError of `kind`.
#define CHECK_STORE_ERROR(expr, expectedKind)                                                                \
    do {                                                                                                     \
        bool threw_ = false;                                                                                 \
        try {                                                                                                \
            (void)(expr);                                                                                    \
        } catch (const ::heard::storage::StoreError& e_) {                                                   \
            threw_ = true;                                                                                   \
            CHECK_MESSAGE(bool(e_.kind() == (expectedKind)),                                                 \
                          "expected " << std::string(::heard::storage::toString(expectedKind)) << ", got "   \
                                      << std::string(::heard::storage::toString(e_.kind())) << ": "          \
                                      << std::string(e_.what()));                                            \
        }                                                                                                    \
        CHECK_MESSAGE(threw_, "expected a StoreError from " #expr);                                          \
    } while (0)

} // namespace heard::storage::test
