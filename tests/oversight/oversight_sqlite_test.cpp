// oversight.store: the managers' console below the browser on SQLite, and the one-time codes
// against RFC 6238's own test vectors.
#include "tests/sync/sync_test_support.h"

#include "base/hash.h"
#include "base/hex.h"
#include "base/iso_time.h"
#include "base/working_days.h"
#include "server/admin.h"
#include "server/console/oversight.h"
#include "server/console/people.h"
#include "server/console/search.h"
#include "server/record_cipher.h"
#include "server/console/text.h"
#include "server/console/totp.h"
#include "storage/record_kinds.h"
#include "sync/sync_client.h"

#include <doctest/doctest.h>
#include <sodium.h>

#include <algorithm>
#include <map>
#include <sstream>

using namespace heard;

namespace {
std::unique_ptr<server::ServerStore> openBackend(synctest::TempDir& dir) {
    return server::openSqliteServerStore(dir.path() + "/server.db");
}
} // namespace

TEST_CASE("TOTP codes match the RFC 6238 test vectors (SHA-1, SHA-256, SHA-512, 8 digits)") {
    using server::console::totpCode;
    using server::console::TotpHash;
    const std::string sha1Key = "12345678901234567890";
    const std::string sha256Key = "12345678901234567890123456789012";
    const std::string sha512Key = "1234567890123456789012345678901234567890123456789012345678901234";
    struct Vector {
        std::int64_t time;
        const char *sha1, *sha256, *sha512;
    };
    const Vector vectors[] = {
        {59, "94287082", "46119246", "90693936"},         {1111111109, "07081804", "68084774", "25091201"},
        {1111111111, "14050471", "67062674", "99943326"}, {1234567890, "89005924", "91819424", "93441116"},
        {2000000000, "69279037", "90698825", "38618901"}, {20000000000, "65353130", "77737706", "47863826"}};
    for (const auto& v : vectors) {
        CAPTURE(v.time);
        CHECK(totpCode(sha1Key, v.time, 8, TotpHash::Sha1) == v.sha1);
        CHECK(totpCode(sha256Key, v.time, 8, TotpHash::Sha256) == v.sha256);
        CHECK(totpCode(sha512Key, v.time, 8, TotpHash::Sha512) == v.sha512);
    }
}

TEST_CASE("a one-time code is accepted once, within one step of drift, and the secret types and scans") {
    using namespace server::console;
    const std::string secret = newTotpSecret();
    const std::int64_t now = 1'800'000'000;
    const std::string code = totpCode(secret, now);
    auto step = totpAccept(secret, code, now, 0);
    REQUIRE(step);
    CHECK(*step == now / 30);
    CHECK_FALSE(totpAccept(secret, code, now, *step)); // replayed
    CHECK(totpAccept(secret, totpCode(secret, now - 30), now, 0));
    CHECK_FALSE(totpAccept(secret, totpCode(secret, now - 90), now, 0));
    CHECK_FALSE(totpAccept(secret, "12345", now, 0));
    CHECK_FALSE(totpAccept(secret, "abcdef", now, 0));
    const std::string typed = groupedForTyping(base32Encode(secret));
    CHECK(base32Decode(typed) == secret);
    CHECK(base32Encode("12345678901234567890") == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    const std::string uri = otpauthUri("Heard", "mgr-a", base32Encode(secret));
    CHECK(uri.rfind("otpauth://totp/Heard:mgr-a?secret=", 0) == 0);
    const std::string svg = qrSvg(uri);
    CHECK(svg.rfind("<svg", 0) == 0);
    CHECK(svg.find("style") == std::string::npos); // nothing the CSP would block
    CHECK(textTableComplete());
}

#include "oversight_suite.inc"
