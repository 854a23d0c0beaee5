// One HTTPS connection to heard-server, with certificate pinning.
//
// Before enrolment the device trusts the organisation's CA certificate (given in PEM); the
// enrolment call records the leaf certificate the server actually presented, and the device pins
// it. From then on only that exact certificate is accepted (and the host name must match it), so a
// server with any other certificate, even one signed by a public CA, is refused.
// Plain HTTP exists only for development and must be asked for explicitly.
#pragma once

#include <chrono>
#include <memory>
#include <string>

namespace heard::sync {

struct ServerEndpoint {
    std::string host = "127.0.0.1";
    int port = 8443;
    bool plainHttpForDevelopment = false; // never in production: refused unless set on purpose
    std::string trustedCaPem;             // used only when pinnedCertPem is empty (enrolment)
    std::string pinnedCertPem;            // the server leaf certificate pinned at enrolment
    std::chrono::milliseconds connectTimeout{5000};
    std::chrono::milliseconds readTimeout{15000};
};

struct HttpResult {
    bool transportOk = false; // false: no complete HTTP response (connect, TLS, timeout, reset)
    int status = 0;
    std::string body;
    std::string error;            // transport or TLS failure, for logs and the status line
    std::string presentedCertPem; // the leaf certificate the server presented (TLS only)
};

class HttpsChannel {
public:
    explicit HttpsChannel(ServerEndpoint endpoint);
    ~HttpsChannel();
    HttpsChannel(const HttpsChannel&) = delete;
    HttpsChannel& operator=(const HttpsChannel&) = delete;

    HttpResult get(const std::string& path, const std::string& authHeader = {});
    HttpResult post(const std::string& path, const std::string& jsonBody, const std::string& authHeader = {});

    const ServerEndpoint& endpoint() const { return m_endpoint; }

private:
    struct Impl;
    ServerEndpoint m_endpoint;
    std::unique_ptr<Impl> m_impl;
};

// Sets SIGPIPE to be ignored, once per process. TLS writes go through write(2), so a peer that
// drops the connection would otherwise kill the whole app (or server) with SIGPIPE; with it
// ignored the write fails with EPIPE and the sync simply reports a dropped connection.
// Called by HttpsChannel and HeardServer::start().
void ignoreBrokenPipes();

// SHA-256 fingerprint (lower-case hex) of a PEM certificate's DER encoding; empty if unparsable.
std::string certificateFingerprint(const std::string& pem);

} // namespace heard::sync
