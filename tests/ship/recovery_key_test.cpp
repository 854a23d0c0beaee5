// ship.recovery_key (issue 21.3): `heard-server admin create-recovery-key <secret file>` (the
// real executable) makes the organisation's recovery key pair: the secret key in a 0600 file that
// is never overwritten, the public key in <file>.pub and on stdout, ready for set-recovery-key. A
// tablet's data key sealed to that public key opens with the secret file; damaged or exposed
// secret files are refused with a reason.
#include "server/recovery_key.h"
#include "storage/keys.h"
#include "tests/sync/server_process.h"
#include "tests/sync/sync_test_support.h"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>

using namespace heard;
using namespace heard::synctest;

namespace {

unsigned modeOf(const std::string& path) {
    struct stat info {};
    REQUIRE_MESSAGE(::stat(path.c_str(), &info) == 0, path);
    return info.st_mode & 0777;
}

std::string quoted(const std::string& text) {
    return "'" + text + "'";
}

} // namespace

TEST_CASE("create-recovery-key writes the pair, the secret 0600, and never overwrites it") {
    TempDir dir;
    const std::string secret = dir.file("org-recovery.key");
    const auto made = runServerExecutable(HEARD_SERVER_EXE, "admin create-recovery-key " + quoted(secret));
    INFO(made.output);
    REQUIRE(made.exitCode == 0);
    CHECK(modeOf(secret) == 0600);
    const std::string publicHex = readFile(secret + ".pub");
    REQUIRE(publicHex.size() == 65);
    const std::string hex = publicHex.substr(0, 64);
    CHECK(made.output.find("set-recovery-key " + hex) != std::string::npos);
    CHECK(made.output.find("docs/admin-guide.md") != std::string::npos);
    CHECK(readFile(secret).find(hex) != std::string::npos);

    // The pair belongs together: a tablet's data key sealed to the public key (as enrolment
    // does) opens with the secret file.
    const auto pair = server::loadRecoveryKeyFile(secret);
    CHECK(storage::toHex(pair.publicKey) == hex);
    const auto dek = storage::SecretKey::random();
    const auto keyFile =
        storage::wrapNewKey(dek, "forgotten passphrase", storage::KdfParams::fastForTests(), pair.publicKey);
    const auto opened = storage::unsealKey(keyFile, pair);
    CHECK(std::string(reinterpret_cast<const char*>(opened.data()), opened.size()) ==
          std::string(reinterpret_cast<const char*>(dek.data()), dek.size()));

    // Never over an existing key, whether the secret or the public file is in the way.
    const std::string before = readFile(secret);
    const auto again = runServerExecutable(HEARD_SERVER_EXE, "admin create-recovery-key " + quoted(secret));
    CHECK(again.exitCode == 1);
    CHECK(again.output.find("already exists") != std::string::npos);
    CHECK(readFile(secret) == before);
    const std::string other = dir.file("second.key");
    { std::ofstream(other + ".pub") << "in the way\n"; }
    CHECK(runServerExecutable(HEARD_SERVER_EXE, "admin create-recovery-key " + quoted(other)).exitCode == 1);
    CHECK(!std::filesystem::exists(other)); // nothing half made
    CHECK(runServerExecutable(HEARD_SERVER_EXE,
                              "admin create-recovery-key " + quoted(dir.file("no/such/dir.key")))
              .exitCode == 1);

    // The printed public key is what the server takes and hands to tablets.
    const std::string db = "sqlite:" + dir.file("server.db");
    const auto set =
        runServerExecutable(HEARD_SERVER_EXE, "--db " + quoted(db) + " admin set-recovery-key " + hex);
    INFO(set.output);
    REQUIRE(set.exitCode == 0);
    auto store = server::openSqliteServerStore(dir.file("server.db"));
    CHECK(store->setting("recovery_public_key") == hex);
}

TEST_CASE("a recovery secret file that others can read, or that was altered, is refused") {
    TempDir dir;
    const std::string secret = dir.file("org-recovery.key");
    server::createRecoveryKeyFiles(secret);
    ::chmod(secret.c_str(), 0640);
    CHECK_THROWS_WITH_AS(server::loadRecoveryKeyFile(secret), doctest::Contains("chmod 600"),
                         server::RecoveryKeyError);
    ::chmod(secret.c_str(), 0600);
    CHECK_NOTHROW(server::loadRecoveryKeyFile(secret));

    // Another pair's public key pasted in: the file no longer holds a pair.
    std::string text = readFile(secret);
    const auto stranger = storage::RecoveryKeyPair::generate();
    const auto at = text.find("public ") + 7;
    text.replace(at, 64, storage::toHex(stranger.publicKey));
    { std::ofstream(secret, std::ios::trunc) << text; }
    CHECK_THROWS_WITH_AS(server::loadRecoveryKeyFile(secret), doctest::Contains("does not belong"),
                         server::RecoveryKeyError);
    { std::ofstream(secret, std::ios::trunc) << "heard recovery key 1\npublic zz\nsecret 00\n"; }
    CHECK_THROWS_WITH_AS(server::loadRecoveryKeyFile(secret),
                         doctest::Contains("not a recovery secret key file"), server::RecoveryKeyError);
    CHECK_THROWS_AS(server::loadRecoveryKeyFile(dir.file("absent.key")), server::RecoveryKeyError);
}
