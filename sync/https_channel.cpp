// HTTPS with pinning over cpp-httplib. The pin is enforced twice: the trust store holds only the
// pinned certificate (partial-chain trust, so a leaf can be its own anchor), and a verify callback
// refuses any leaf whose SHA-256 differs from the pin (defence in depth should httplib ever add
// the system CA paths to the store it is given).
#include "sync/https_channel.h"

#include "base/hex.h"
#include "sync/certificate_pin.h"

#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <zlib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

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

int checkPinnedSpki(int preverifyOk, X509_STORE_CTX* storeContext, const std::string& pinnedSpki,
                    std::string& presentedPem) {
    if (X509_STORE_CTX_get_error_depth(storeContext) != 0) return preverifyOk;
    X509* leaf = X509_STORE_CTX_get_current_cert(storeContext);
    if (!leaf) return 0;
    presentedPem = pemOf(leaf);
    if (pinnedSpki.empty()) return preverifyOk;
    bool found = false;
    if (STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(storeContext))
        for (int i = 0; i < sk_X509_num(chain) && !found; ++i)
            found = spkiSha256(sk_X509_value(chain, i)) == pinnedSpki;
    if (!found) {
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
    std::string pinnedFingerprint; // empty: no leaf pin (the organisation pin below, or none)
    std::string pinnedSpki;        // the organisation's CA key or the server key (issue 17.2)
    std::string presentedPem;      // the leaf seen during the last handshake
    bool trustConfigured = true;
    static int appDataIndex;

    // Aborting a request from outside: the watchdog thread (deadline) and CancelToken::cancel()
    // shut the request's socket down, which makes a blocked connect, read or write fail at once.
    // httplib's own stop() would wait for a connect or TLS handshake in progress (it holds the
    // connection mutex through them), so the socket is taken from the socket-options callback.
    std::mutex mutex;
    std::condition_variable wake;
    int socket = -1;       // the latest socket httplib opened for this channel
    bool inFlight = false; // a request is running
    bool aborted = false;  // the running request was aborted (deadline or cancel)
    bool deadlinePassed = false;
    bool closing = false;
    std::chrono::steady_clock::time_point deadline;
    std::function<void(int)> observer;
    std::thread watchdog;

    void abortLocked() {
        if (!inFlight) return;
        aborted = true;
        if (socket >= 0) ::shutdown(socket, SHUT_RDWR);
    }
    void abort() {
        std::lock_guard lock(mutex);
        abortLocked();
    }
    void watch() {
        std::unique_lock lock(mutex);
        while (!closing) {
            if (inFlight && !aborted) {
                if (wake.wait_until(lock, deadline) == std::cv_status::timeout && inFlight && !aborted &&
                    std::chrono::steady_clock::now() >= deadline) {
                    deadlinePassed = true;
                    abortLocked();
                }
            } else {
                wake.wait(lock);
            }
        }
    }

    static int verifyCallback(int preverifyOk, X509_STORE_CTX* storeContext) {
        if (X509_STORE_CTX_get_error_depth(storeContext) != 0) return preverifyOk;
        auto* ssl =
            static_cast<SSL*>(X509_STORE_CTX_get_ex_data(storeContext, SSL_get_ex_data_X509_STORE_CTX_idx()));
        if (!ssl) return 0;
        auto* self = static_cast<Impl*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), appDataIndex));
        if (!self) return 0;
        if (!self->pinnedSpki.empty())
            preverifyOk = checkPinnedSpki(preverifyOk, storeContext, self->pinnedSpki, self->presentedPem);
        return checkPinnedLeaf(preverifyOk, storeContext, self->pinnedFingerprint, self->presentedPem);
    }
};

int HttpsChannel::Impl::appDataIndex = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);

void CancelToken::cancel() {
    m_cancelled = true;
    std::lock_guard lock(m_mutex);
    for (auto& [id, abort] : m_aborts)
        abort();
}

std::size_t CancelToken::add(Abort abort) {
    std::lock_guard lock(m_mutex);
    m_aborts.emplace(m_next, std::move(abort));
    return m_next++;
}

void CancelToken::remove(std::size_t id) {
    std::lock_guard lock(m_mutex);
    m_aborts.erase(id);
}

void setNoDelay(int socket) {
    int on = 1;
    ::setsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

std::string gzipCompress(const std::string& data, int level) {
    z_stream stream{};
    // windowBits 15 + 16: a gzip header and trailer rather than zlib's.
    if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("gzip: cannot start the compressor");
    std::string out;
    out.resize(deflateBound(&stream, static_cast<uLong>(data.size())) + 32);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END) throw std::runtime_error("gzip: compression failed");
    return out;
}

void ignoreBrokenPipes() {
    static std::once_flag once;
    std::call_once(once, [] { std::signal(SIGPIPE, SIG_IGN); });
}

HttpsChannel::HttpsChannel(ServerEndpoint endpoint, std::shared_ptr<CancelToken> cancel)
    : m_endpoint(std::move(endpoint)), m_cancel(std::move(cancel)), m_impl(std::make_unique<Impl>()) {
    ignoreBrokenPipes();
    if (m_endpoint.plainHttpForDevelopment) {
        m_impl->client = std::make_unique<httplib::ClientImpl>(m_endpoint.host, m_endpoint.port);
    } else {
        auto ssl = std::make_unique<httplib::SSLClient>(m_endpoint.host, m_endpoint.port);
        ssl->enable_server_certificate_verification(true);
        const std::string& anchor =
            m_endpoint.pinnedCertPem.empty() ? m_endpoint.trustedCaPem : m_endpoint.pinnedCertPem;
        // The system trust store is never used (issue 17.2): with no anchor of our own the
        // channel refuses to connect rather than trust every public CA.
        X509_STORE* store = X509_STORE_new();
        X509_STORE_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN);
        if (anchor.empty() || addPemToStore(store, anchor) == 0) m_impl->trustConfigured = false;
        ssl->set_ca_cert_store(store); // httplib takes ownership
        // Without a CA path httplib adds the system trust store to ours, parsing ~150
        // certificates per connection (tens of ms of CPU each time under OpenSSL 3) and
        // widening trust beyond the anchor. A directory lookup is lazy: pointing it at a
        // directory that holds no certificates keeps trust to our anchor alone.
        ssl->set_ca_cert_path("", "/nonexistent/heard-no-system-trust");
        m_impl->pinnedSpki = m_endpoint.pinnedSpkiSha256;
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
    client.set_tcp_nodelay(true);
    client.set_decompress(true);
    Impl* impl = m_impl.get();
    client.set_socket_options([impl](int socket) {
        setNoDelay(socket);
        std::function<void(int)> observer;
        {
            std::lock_guard lock(impl->mutex);
            impl->socket = socket;
            // Cancelled or past the deadline while connecting: no new connection either.
            if (impl->aborted) ::shutdown(socket, SHUT_RDWR);
            observer = impl->observer;
        }
        if (observer) observer(socket);
    });
    m_impl->watchdog = std::thread([impl] { impl->watch(); });
}

HttpsChannel::~HttpsChannel() {
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->closing = true;
    }
    m_impl->wake.notify_all();
    m_impl->watchdog.join();
}

void HttpsChannel::setSocketObserver(std::function<void(int)> observer) {
    std::lock_guard lock(m_impl->mutex);
    m_impl->observer = std::move(observer);
}

HttpResult HttpsChannel::get(const std::string& path, const std::string& authHeader) {
    return send("GET", path, nullptr, authHeader);
}

HttpResult HttpsChannel::post(const std::string& path, const std::string& jsonBody,
                              const std::string& authHeader) {
    return send("POST", path, &jsonBody, authHeader);
}

HttpResult HttpsChannel::send(const std::string& method, const std::string& path, const std::string* body,
                              const std::string& authHeader) {
    HttpResult out;
    if (!m_impl->trustConfigured) {
        out.failure = HttpFailure::Transport;
        out.error = m_endpoint.trustedCaPem.empty() && m_endpoint.pinnedCertPem.empty()
                        ? "no certificate to trust: this tablet has no organisation configuration"
                        : "certificate pin is not a valid PEM certificate";
        return out;
    }
    if (m_cancel && m_cancel->cancelled()) {
        out.failure = HttpFailure::Cancelled;
        out.error = "cancelled";
        return out;
    }
    httplib::Request request;
    request.method = method;
    request.path = path;
    if (!authHeader.empty()) request.headers.emplace("X-Heard-Device", authHeader);
    // gzip only: httplib would also offer brotli, whose default level is far too slow for a server.
    request.headers.emplace("Accept-Encoding", m_endpoint.compress ? "gzip" : "identity");
    if (body) {
        request.headers.emplace("Content-Type", "application/json");
        if (m_endpoint.compress && m_serverTakesGzip && body->size() > 1024) {
            request.body = gzipCompress(*body);
            request.headers.emplace("Content-Encoding", "gzip");
        } else {
            request.body = *body;
        }
        m_requestBytes += request.body.size();
    }
    const auto deadline = std::chrono::steady_clock::now() + m_endpoint.requestDeadline;
    const std::size_t maxAnswer = m_endpoint.maxAnswerBytes;
    const CancelToken* cancel = m_cancel.get();
    auto stopNow = [&] {
        return (cancel && cancel->cancelled()) || std::chrono::steady_clock::now() >= deadline;
    };
    std::string answer;
    bool tooLarge = false, takesGzip = false;
    request.response_handler = [&](const httplib::Response& response) {
        takesGzip = response.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
        if (response.has_header("Content-Length")) {
            // Compressed or not, a body longer than the limit on the wire is longer after it.
            const auto length =
                std::strtoull(response.get_header_value("Content-Length").c_str(), nullptr, 10);
            if (length > maxAnswer) {
                tooLarge = true;
                return false;
            }
            if (length > 0 && length <= maxAnswer) answer.reserve(static_cast<std::size_t>(length));
        }
        return !stopNow();
    };
    request.content_receiver = [&](const char* data, std::size_t length, std::uint64_t, std::uint64_t) {
        if (answer.size() + length > maxAnswer) {
            tooLarge = true;
            return false;
        }
        answer.append(data, length);
        return !stopNow();
    };
    request.progress = [&](std::uint64_t, std::uint64_t) { return !stopNow(); };

    std::size_t cancelId = 0;
    if (m_cancel) cancelId = m_cancel->add([impl = m_impl.get()] { impl->abort(); });
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->inFlight = true;
        m_impl->aborted = m_cancel && m_cancel->cancelled();
        m_impl->deadlinePassed = false;
        m_impl->deadline = deadline;
    }
    m_impl->wake.notify_all();
    m_impl->presentedPem.clear();
    httplib::Response response;
    httplib::Error error = httplib::Error::Success;
    const bool sent = m_impl->client->send(request, response, error);
    bool deadlinePassed = false;
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->inFlight = false;
        deadlinePassed = m_impl->deadlinePassed || std::chrono::steady_clock::now() >= deadline;
    }
    if (m_cancel) m_cancel->remove(cancelId);
    out.presentedCertPem = m_impl->presentedPem;
    if (!sent) {
        if (m_cancel && m_cancel->cancelled()) {
            out.failure = HttpFailure::Cancelled;
            out.error = "cancelled";
        } else if (tooLarge) {
            out.failure = HttpFailure::AnswerTooLarge;
            out.error =
                "the server's answer is larger than the limit of " + std::to_string(maxAnswer) + " bytes";
        } else if (deadlinePassed) {
            out.failure = HttpFailure::DeadlineExceeded;
            out.error = "no complete answer within the request deadline of " +
                        std::to_string(m_endpoint.requestDeadline.count()) + " ms";
        } else {
            out.failure = HttpFailure::Transport;
            out.error = httplib::to_string(error);
        }
        return out;
    }
    if (takesGzip) m_serverTakesGzip = true;
    out.transportOk = true;
    out.status = response.status;
    out.body = std::move(answer);
    return out;
}

} // namespace heard::sync
