// One HTTPS connection to heard-server, with certificate pinning.
//
// The device trusts only the organisation's CA certificate from its configuration (never the
// system trust store) and pins that CA's key, or the server's key (SPKI SHA-256), so a renewed
// server certificate under the same CA or key needs no re-enrolment, while a server with any other
// certificate, even one a public CA signed, is refused; the host name must match the leaf.
// Plain HTTP exists only for development and must be asked for explicitly.
//
// One channel is one keep-alive connection (TCP_NODELAY on, so a request never waits ~40 ms on
// Nagle and delayed ACK): a sync cycle uses one channel for all its requests. Every request has
// an overall deadline and an answer size limit, and a CancelToken aborts it from another thread
// within milliseconds, whatever the server is doing (the socket is shut down under the request).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace heard::sync {

struct ServerEndpoint {
    std::string host = "127.0.0.1";
    int port = 8443;
    bool plainHttpForDevelopment = false; // never in production: refused unless set on purpose
    // The trust anchor: the organisation's CA certificate from its configuration (sync/org_config.h),
    // used when pinnedCertPem is empty. The system trust store is never used: with neither set,
    // every request fails.
    std::string trustedCaPem;
    // SHA-256 of the SubjectPublicKeyInfo of the organisation's CA or of the server's key: a
    // chain holding no certificate with this key is refused, whatever the trust store says.
    std::string pinnedSpkiSha256;
    std::string pinnedCertPem; // a leaf pinned by a tablet enrolled before the organisation pin
    std::chrono::milliseconds connectTimeout{5000};
    std::chrono::milliseconds readTimeout{15000}; // between two reads
    // The whole request, connect to last byte of the answer: a server trickling bytes is
    // abandoned here, however slowly it trickles.
    std::chrono::milliseconds requestDeadline{120000};
    // Answers larger than this are refused (by Content-Length before reading, otherwise as soon
    // as the limit is passed; after decompression), so a hostile server cannot fill the memory.
    std::size_t maxAnswerBytes = 16 * 1024 * 1024;
    // gzip: answers are asked for gzip-compressed, and request bodies over 1 KB are gzipped once
    // the server has said it accepts gzip (its Accept-Encoding answer header). Off: identity.
    bool compress = true;
};

enum class HttpFailure {
    None,
    Transport,        // connect, TLS, timeout, reset: no complete HTTP response
    DeadlineExceeded, // the request's overall deadline passed
    AnswerTooLarge,   // the answer was over ServerEndpoint::maxAnswerBytes
    Cancelled,        // the CancelToken was cancelled
};

struct HttpResult {
    bool transportOk = false; // false: no complete HTTP response (see failure)
    int status = 0;
    std::string body;
    std::string error;            // transport or TLS failure, for logs and the status line
    std::string presentedCertPem; // the leaf certificate the server presented (TLS only)
    HttpFailure failure = HttpFailure::None;
};

// Stops the requests of every channel that uses it, from any thread, without waiting for them:
// cancel() sets a flag the requests check between and during reads and shuts their sockets
// down, so a blocked read returns at once. Cancelled stays set until reset().
class CancelToken {
public:
    void cancel();
    void reset() { m_cancelled = false; }
    bool cancelled() const { return m_cancelled.load(); }

private:
    friend class HttpsChannel;
    using Abort = std::function<void()>;
    std::size_t add(Abort abort);
    void remove(std::size_t id);

    std::atomic<bool> m_cancelled{false};
    std::mutex m_mutex;
    std::size_t m_next = 0;
    std::map<std::size_t, Abort> m_aborts;
};

class HttpsChannel {
public:
    explicit HttpsChannel(ServerEndpoint endpoint, std::shared_ptr<CancelToken> cancel = {});
    ~HttpsChannel();
    HttpsChannel(const HttpsChannel&) = delete;
    HttpsChannel& operator=(const HttpsChannel&) = delete;

    HttpResult get(const std::string& path, const std::string& authHeader = {});
    HttpResult post(const std::string& path, const std::string& jsonBody, const std::string& authHeader = {});

    const ServerEndpoint& endpoint() const { return m_endpoint; }

    // True once an answer said the server takes gzip request bodies; later posts are compressed.
    bool serverTakesGzip() const { return m_serverTakesGzip; }
    void assumeServerTakesGzip() { m_serverTakesGzip = true; } // learnt on an earlier channel
    // Bytes of request bodies as sent (after compression), for tests.
    std::size_t requestBodyBytesSent() const { return m_requestBytes; }

    // Test hook: called with each socket this channel opens (e.g. to read its options back).
    void setSocketObserver(std::function<void(int socket)> observer);

private:
    struct Impl;
    HttpResult send(const std::string& method, const std::string& path, const std::string* body,
                    const std::string& authHeader);
    ServerEndpoint m_endpoint;
    std::shared_ptr<CancelToken> m_cancel;
    std::unique_ptr<Impl> m_impl;
    bool m_serverTakesGzip = false;
    std::size_t m_requestBytes = 0;
};

// gzip (RFC 1952) of a body, at a fast level: a sync batch is JSON text that shrinks 4-8x.
std::string gzipCompress(const std::string& data, int level = 1);

// Sets SIGPIPE to be ignored, once per process. TLS writes go through write(2), so a peer that
// drops the connection would otherwise kill the whole app (or server) with SIGPIPE; with it
// ignored the write fails with EPIPE and the sync simply reports a dropped connection.
// Called by HttpsChannel and HeardServer::start().
void ignoreBrokenPipes();

// Turns TCP_NODELAY on for a socket (both ends of every sync connection use it).
void setNoDelay(int socket);

// SHA-256 fingerprint (lower-case hex) of a PEM certificate's DER encoding; empty if unparsable.
std::string certificateFingerprint(const std::string& pem);

} // namespace heard::sync
