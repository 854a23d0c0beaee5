// hardening.certificate_pin: the certificate pin tested on its own (issue 17, "Each guard tested
// on its own"). The impostor's certificate here is signed with the pinned certificate's own key,
// so the trust store (which holds the pinned certificate) accepts it and the host name matches:
// only the pin's fingerprint comparison in the verify callback (sync/certificate_pin.h) stands
// between the device and the impostor.
#include "sync/certificate_pin.h"
#include "sync/sync_client.h"
#include "tests/sync/sync_test_support.h"

#include <doctest/doctest.h>
#include <openssl/pem.h>
#include <openssl/x509_vfy.h>

#include <cstdlib>
#include <fstream>
#include <memory>

using namespace heard;
using namespace heard::synctest;

namespace {

// A certificate for 127.0.0.1 signed by issuer's key (the issuer is a self-signed makeCert
// certificate, which openssl marks CA:TRUE), so a trust store holding the issuer accepts it.
TestCert makeCertSignedBy(const std::string& dir, const std::string& name, const TestCert& issuer) {
    TestCert cert{dir + "/" + name + ".crt", dir + "/" + name + ".key", {}};
    const std::string csr = dir + "/" + name + ".csr", ext = dir + "/" + name + ".ext";
    std::ofstream(ext) << "subjectAltName=IP:127.0.0.1,DNS:localhost\n";
    const std::string command =
        "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=127.0.0.1 "
        "-keyout '" +
        cert.keyPath + "' -out '" + csr + "' >/dev/null 2>&1 && openssl x509 -req -days 2 -in '" + csr +
        "' -CA '" + issuer.certPath + "' -CAkey '" + issuer.keyPath + "' -set_serial 4242 -extfile '" + ext +
        "' -out '" + cert.certPath + "' >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    cert.pem = readFile(cert.certPath);
    return cert;
}

struct X509Free {
    void operator()(X509* c) const { X509_free(c); }
};
struct StoreFree {
    void operator()(X509_STORE* s) const { X509_STORE_free(s); }
};
struct ContextFree {
    void operator()(X509_STORE_CTX* c) const { X509_STORE_CTX_free(c); }
};

std::unique_ptr<X509, X509Free> parsePem(const std::string& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                  &BIO_free);
    return std::unique_ptr<X509, X509Free>(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

// The pin the callback under test compares against (OpenSSL's verify callback has no user data).
std::string g_pin, g_presented;

int callbackUnderTest(int preverifyOk, X509_STORE_CTX* context) {
    return sync::checkPinnedLeaf(preverifyOk, context, g_pin, g_presented);
}

struct Verdict {
    bool accepted;
    int error;
};

// Verifies leaf against a trust store holding only anchor, as HttpsChannel sets it up
// (X509_V_FLAG_PARTIAL_CHAIN), with the pin callback; pin empty means no pin.
Verdict verify(const std::string& anchorPem, const std::string& leafPem, const std::string& pin) {
    std::unique_ptr<X509_STORE, StoreFree> store(X509_STORE_new());
    X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN);
    auto anchor = parsePem(anchorPem);
    auto leaf = parsePem(leafPem);
    REQUIRE((anchor && leaf));
    REQUIRE(X509_STORE_add_cert(store.get(), anchor.get()) == 1);
    std::unique_ptr<X509_STORE_CTX, ContextFree> context(X509_STORE_CTX_new());
    REQUIRE(X509_STORE_CTX_init(context.get(), store.get(), leaf.get(), nullptr) == 1);
    X509_STORE_CTX_set_verify_cb(context.get(), &callbackUnderTest);
    g_pin = pin;
    g_presented.clear();
    const bool accepted = X509_verify_cert(context.get()) == 1;
    return {accepted, X509_STORE_CTX_get_error(context.get())};
}

} // namespace

TEST_CASE("the verify callback refuses a certificate the trust store accepts when it is not the pinned one") {
    TempDir dir;
    const TestCert pinned = makeCert(dir.path(), "pinned");
    const TestCert impostor = makeCertSignedBy(dir.path(), "impostor", pinned);
    const std::string pinnedFingerprint = sync::certificateFingerprint(pinned.pem);
    const std::string impostorFingerprint = sync::certificateFingerprint(impostor.pem);
    REQUIRE(!pinnedFingerprint.empty());
    REQUIRE(pinnedFingerprint != impostorFingerprint);

    // The trust store alone accepts the impostor (it chains to the pinned certificate).
    auto noPin = verify(pinned.pem, impostor.pem, "");
    CHECK(noPin.accepted);
    CHECK(g_presented == impostor.pem);
    // The pin refuses it, with the error the callback sets.
    auto pinnedOnly = verify(pinned.pem, impostor.pem, pinnedFingerprint);
    CHECK_FALSE(pinnedOnly.accepted);
    CHECK(pinnedOnly.error == X509_V_ERR_CERT_REJECTED);
    // The pinned certificate itself passes, and so does the impostor if it were the one pinned.
    CHECK(verify(pinned.pem, pinned.pem, pinnedFingerprint).accepted);
    CHECK(verify(pinned.pem, impostor.pem, impostorFingerprint).accepted);
}

TEST_CASE("the sync client refuses a server whose certificate the trust store accepts but is not pinned") {
    TempDir dir;
    const TestCert pinned = makeCert(dir.path(), "server");
    const TestCert impostor = makeCertSignedBy(dir.path(), "impostor", pinned);
    auto realStore = server::openSqliteServerStore(dir.file("real.db"));
    auto impostorStore = server::openSqliteServerStore(dir.file("impostor.db"));
    seedOrganisation(*realStore);
    seedOrganisation(*impostorStore); // the impostor knows the organisation's data too
    ServerHarness real(*realStore, pinned);
    ServerHarness fake(*impostorStore, impostor);

    auto device = makeDeviceStore(dir.path());
    sync::SyncClient enrolling(*device, real.endpoint());
    auto enrolled = enrolling.enrol(kPractitioner, kPassword, "tablet 1");
    REQUIRE_MESSAGE(enrolled.ok(), enrolled.message);
    REQUIRE(device->setting(sync::setting::kPinnedCert).value_or("") == pinned.pem);
    const auto cursorBefore = device->setting(sync::setting::kCursor);

    // Without a pin, a channel trusting the pinned certificate accepts the impostor: only the
    // pin is left to refuse it.
    {
        sync::ServerEndpoint trustOnly = fake.endpoint();
        trustOnly.trustedCaPem = pinned.pem;
        sync::HttpsChannel channel(trustOnly);
        auto health = channel.get(sync::kPathHealth);
        REQUIRE_MESSAGE(health.transportOk, health.error);
        CHECK(health.status == 200);
    }

    // The enrolled client, pointed at the impostor, refuses it: no pull applied, no push sent.
    sync::ServerEndpoint redirected = fake.endpoint();
    redirected.trustedCaPem = pinned.pem;
    sync::SyncClient client(*device, redirected);
    auto pulled = client.pull();
    CHECK(pulled.failure == sync::SyncFailure::Certificate);
    signVisit(*device, "case-a1", "child-a1");
    const auto pending = device->outboxPendingCount();
    auto pushed = client.push();
    CHECK(pushed.failure == sync::SyncFailure::Certificate);
    CHECK(device->outboxPendingCount() == pending);
    CHECK(device->setting(sync::setting::kCursor) == cursorBefore);
    for (const auto& line : fake.logLines()) { // the impostor saw no pull or push at all
        CHECK(line.find("\"event\":\"push\"") == std::string::npos);
        CHECK(line.find("\"event\":\"pull\"") == std::string::npos);
    }

    // The real server is still accepted.
    sync::SyncClient back(*device, real.endpoint());
    CHECK(back.pull().ok());
}
