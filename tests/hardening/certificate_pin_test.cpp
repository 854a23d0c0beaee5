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

bool g_spkiPin = false; // checkPinnedSpki (the organisation pin) rather than checkPinnedLeaf

int callbackUnderTest(int preverifyOk, X509_STORE_CTX* context) {
    if (g_spkiPin) return sync::checkPinnedSpki(preverifyOk, context, g_pin, g_presented);
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
    auto leaf = parsePem(leafPem);
    REQUIRE(leaf);
    // anchorPem may hold several certificates: each is a trust anchor.
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(anchorPem.data(), static_cast<int>(anchorPem.size())), &BIO_free);
    int anchors = 0;
    while (X509* anchor = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        REQUIRE(X509_STORE_add_cert(store.get(), anchor) == 1);
        X509_free(anchor);
        ++anchors;
    }
    REQUIRE(anchors > 0);
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

TEST_CASE("the organisation pin refuses a chain the trust store accepts through another CA's key") {
    TempDir dir;
    const TestCert orgCa = makeCert(dir.path(), "org-ca");
    const TestCert otherCa = makeCert(dir.path(), "other-ca");
    const TestCert server = makeCertSignedBy(dir.path(), "server", orgCa);
    const TestCert impostor = makeCertSignedBy(dir.path(), "impostor", otherCa);
    const std::string orgPin = sync::spkiSha256OfPem(orgCa.pem);
    REQUIRE(orgPin.size() == 64);
    g_spkiPin = true;
    // A trust store holding both CAs accepts the impostor; the pin on the organisation's key refuses it.
    CHECK(verify(orgCa.pem + otherCa.pem, impostor.pem, "").accepted);
    auto pinned = verify(orgCa.pem + otherCa.pem, impostor.pem, orgPin);
    CHECK_FALSE(pinned.accepted);
    CHECK(pinned.error == X509_V_ERR_CERT_REJECTED);
    // The organisation's own server passes, under the CA pin or pinned by its own key.
    CHECK(verify(orgCa.pem + otherCa.pem, server.pem, orgPin).accepted);
    CHECK(verify(orgCa.pem, server.pem, sync::spkiSha256OfPem(server.pem)).accepted);
    g_spkiPin = false;
}

TEST_CASE("the sync client refuses a server whose certificate the trust store accepts but is not pinned") {
    TempDir dir;
    const TestCert orgCa = makeCert(dir.path(), "org-ca");
    const TestCert otherCa = makeCert(dir.path(), "other-ca");
    const TestCert serverCert = makeCertSignedBy(dir.path(), "server", orgCa);
    const TestCert impostor = makeCertSignedBy(dir.path(), "impostor", otherCa);
    auto realStore = server::openSqliteServerStore(dir.file("real.db"));
    auto impostorStore = server::openSqliteServerStore(dir.file("impostor.db"));
    seedOrganisation(*realStore);
    seedOrganisation(*impostorStore); // the impostor knows the organisation's data too
    ServerHarness real(*realStore, serverCert);
    ServerHarness fake(*impostorStore, impostor);

    auto device = makeDeviceStore(dir.path());
    sync::SyncClient enrolling(*device, sync::endpointFor(orgConfigFor(orgCa, real.port())));
    auto enrolled = enrolling.enrol(kPractitioner, kPassword, "tablet 1");
    REQUIRE_MESSAGE(enrolled.ok(), enrolled.message);
    REQUIRE(device->setting(sync::setting::kPinnedCaPem).value_or("") == orgCa.pem);
    REQUIRE(device->setting(sync::setting::kPinnedSpki).value_or("") == sync::spkiSha256OfPem(orgCa.pem));
    const auto cursorBefore = device->setting(sync::setting::kCursor);

    // A channel whose trust store holds both CAs accepts the impostor without the pin, and
    // refuses it with the organisation's pin: the pin alone stands between them.
    {
        sync::ServerEndpoint trustBoth = fake.endpoint();
        trustBoth.trustedCaPem = orgCa.pem + otherCa.pem;
        sync::HttpsChannel open(trustBoth);
        auto health = open.get(sync::kPathHealth);
        REQUIRE_MESSAGE(health.transportOk, health.error);
        CHECK(health.status == 200);
        trustBoth.pinnedSpkiSha256 = sync::spkiSha256OfPem(orgCa.pem);
        sync::HttpsChannel pinned(trustBoth);
        CHECK_FALSE(pinned.get(sync::kPathHealth).transportOk);
    }

    // The enrolled client, pointed at the impostor and told to trust its CA, refuses it: the pin
    // saved at enrolment wins; no pull applied, no push sent.
    sync::ServerEndpoint redirected = fake.endpoint();
    redirected.trustedCaPem = otherCa.pem;
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
