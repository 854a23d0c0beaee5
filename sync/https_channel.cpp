// HTTPS with pinning over cpp-httplib. The pin is enforced twice: the trust store holds only the
// pinned certificate (partial-chain trust, so a leaf can be its own anchor), and a verify callback
// refuses any leaf whose SHA-256 differs from the pin (defence in depth should httplib ever add
// the system CA paths to the store it is given).
#include "sync/https_channel.h"

#include "base/hex.h"
#include "sync/certificate_pin.h"

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <csignal>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace heard::sync {

namespace {

struct BioDeleter {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Deleter {
    void operator()(X509* cert) const { X509_free(cert); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

std::string fingerprintOf(X509* cert) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(cert, EVP_sha256(), digest, &length) != 1) return {};
    return base::toHex(digest, length);
}

std::string pemOf(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) return {};
    char* data = nullptr;
    long length = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(length));
}

// Adds every certificate in a PEM text to the store; returns how many were added.
int addPemToStore(X509_STORE* store, const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    int added = 0;
    while (true) {
        X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
        if (!cert) break;
        if (X509_STORE_add_cert(store, cert.get()) == 1) ++added;
    }
    return added;
}

} // namespace

int checkPinnedLeaf(int preverifyOk, X509_STORE_CTX* storeContext, const std::string& pinnedFingerprint,
                    std::string& presentedPem) {
    if (X509_STORE_CTX_get_error_depth(storeContext) != 0) return preverifyOk;
    X509* leaf = X509_STORE_CTX_get_current_cert(storeContext);
    if (!leaf) return 0;
    presentedPem = pemOf(leaf);
    if (!pinnedFingerprint.empty() && fingerprintOf(leaf) != pinnedFingerprint) {
        X509_STORE_CTX_set_error(storeContext, X509_V_ERR_CERT_REJECTED);
        return 0;
    }
    return preverifyOk;
}

std::string certificateFingerprint(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) return {};
    return fingerprintOf(cert.get());
}

struct HttpsChannel::Impl {
    std::unique_ptr<httplib::ClientImpl> client;
    std::string pinnedFingerprint; // empty: no pin (enrolment against the trusted CA)
    std::string presentedPem;      // the leaf seen during the last handshake
    bool trustConfigured = true;
    static int appDataIndex;

    static int verifyCallback(int preverifyOk, X509_STORE_CTX* storeContext) {
        if (X509_STORE_CTX_get_error_depth(storeContext) != 0) return preverifyOk;
        auto* ssl =
            static_cast<SSL*>(X509_STORE_CTX_get_ex_data(storeContext, SSL_get_ex_data_X509_STORE_CTX_idx()));
        if (!ssl) return 0;
        auto* self = static_cast<Impl*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), appDataIndex));
        if (!self) return 0;
        return checkPinnedLeaf(preverifyOk, storeContext, self->pinnedFingerprint, self->presentedPem);
    }
};

int HttpsChannel::Impl::appDataIndex = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);

void ignoreBrokenPipes() {
    static std::once_flag once;
    std::call_once(once, [] { std::signal(SIGPIPE, SIG_IGN); });
}

HttpsChannel::HttpsChannel(ServerEndpoint endpoint)
    : m_endpoint(std::move(endpoint)), m_impl(std::make_unique<Impl>()) {
    ignoreBrokenPipes();
    if (m_endpoint.plainHttpForDevelopment) {
        m_impl->client = std::make_unique<httplib::ClientImpl>(m_endpoint.host, m_endpoint.port);
    } else {
        auto ssl = std::make_unique<httplib::SSLClient>(m_endpoint.host, m_endpoint.port);
        ssl->enable_server_certificate_verification(true);
        const std::string& anchor =
            m_endpoint.pinnedCertPem.empty() ? m_endpoint.trustedCaPem : m_endpoint.pinnedCertPem;
        if (!anchor.empty()) {
            X509_STORE* store = X509_STORE_new();
            X509_STORE_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN);
            if (addPemToStore(store, anchor) == 0) m_impl->trustConfigured = false;
            ssl->set_ca_cert_store(store); // httplib takes ownership
            // Without a CA path httplib adds the system trust store to ours, parsing ~150
            // certificates per connection (tens of ms of CPU each time under OpenSSL 3) and
            // widening trust beyond the anchor. A directory lookup is lazy: pointing it at a
            // directory that holds no certificates keeps trust to our anchor alone.
            ssl->set_ca_cert_path("", "/nonexistent/heard-no-system-trust");
        }
        if (!m_endpoint.pinnedCertPem.empty()) {
            m_impl->pinnedFingerprint = certificateFingerprint(m_endpoint.pinnedCertPem);
            if (m_impl->pinnedFingerprint.empty()) m_impl->trustConfigured = false;
        }
        SSL_CTX* context = ssl->ssl_context();
        SSL_CTX_set_ex_data(context, Impl::appDataIndex, m_impl.get());
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, &Impl::verifyCallback);
        m_impl->client = std::move(ssl);
    }
    auto& client = *m_impl->client;
    auto ms = [](std::chrono::milliseconds d) {
        return std::make_pair(d.count() / 1000, (d.count() % 1000) * 1000);
    };
    auto [cs, cus] = ms(m_endpoint.connectTimeout);
    auto [rs, rus] = ms(m_endpoint.readTimeout);
    client.set_connection_timeout(cs, cus);
    client.set_read_timeout(rs, rus);
    client.set_write_timeout(rs, rus);
    client.set_keep_alive(true);
}

HttpsChannel::~HttpsChannel() = default;

namespace {
HttpResult convert(httplib::Result&& result, const std::string& presentedPem) {
    HttpResult out;
    out.presentedCertPem = presentedPem;
    if (!result) {
        out.error = httplib::to_string(result.error());
        return out;
    }
    out.transportOk = true;
    out.status = result->status;
    out.body = std::move(result->body);
    return out;
}
} // namespace

HttpResult HttpsChannel::get(const std::string& path, const std::string& authHeader) {
    if (!m_impl->trustConfigured)
        return HttpResult{false, 0, {}, "certificate pin is not a valid PEM certificate", {}};
    httplib::Headers headers;
    if (!authHeader.empty()) headers.emplace("X-Heard-Device", authHeader);
    m_impl->presentedPem.clear();
    return convert(m_impl->client->Get(path.c_str(), headers), m_impl->presentedPem);
}

HttpResult HttpsChannel::post(const std::string& path, const std::string& jsonBody,
                              const std::string& authHeader) {
    if (!m_impl->trustConfigured)
        return HttpResult{false, 0, {}, "certificate pin is not a valid PEM certificate", {}};
    httplib::Headers headers;
    if (!authHeader.empty()) headers.emplace("X-Heard-Device", authHeader);
    m_impl->presentedPem.clear();
    return convert(m_impl->client->Post(path.c_str(), headers, jsonBody, "application/json"),
                   m_impl->presentedPem);
}

} // namespace heard::sync
