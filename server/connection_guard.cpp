#include "server/connection_guard.h"

#include <httplib.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace heard::server {

// [SECTION] TLS policy -----------------------------------------------------------------------

void applyTlsPolicy(ssl_ctx_st* context) {
    if (!context) throw std::runtime_error("no TLS context to configure");
    if (SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) != 1)
        throw std::runtime_error("cannot set TLS 1.2 as the minimum version");
    // TLS 1.2: ephemeral ECDH with AEAD ciphers only. TLS 1.3 suites are all forward secret.
    if (SSL_CTX_set_cipher_list(context, "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL:!kRSA:!PSK:!SRP") != 1)
        throw std::runtime_error("cannot set the TLS 1.2 cipher suites");
    SSL_CTX_set_options(context,
                        SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_COMPRESSION);
}

// [SECTION] ConnectionGuard ------------------------------------------------------------------

namespace {

std::string peerAddress(int fd) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (fd < 0 || ::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return "?";
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET)
        ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&address)->sin_addr, text, sizeof text);
    else if (address.ss_family == AF_INET6)
        ::inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&address)->sin6_addr, text, sizeof text);
    return text;
}

} // namespace

struct ConnectionGuard::Impl {
    struct Connection {
        int fd = -1;
        std::string address;
        std::chrono::steady_clock::time_point started, deadline;
        bool handshaking = true;
        bool cut = false; // shutdown(2) already called
    };

    ConnectionLimits limits;
    mutable std::mutex mutex;
    std::condition_variable wake;
    std::map<const SSL*, Connection> connections;
    std::map<std::string, std::size_t> pending; // unfinished handshakes per address
    Counts totals;
    bool stopping = false;
    std::thread reaper;

    static int sslIndex() {
        // One index per process; its free callback releases a connection when OpenSSL frees its
        // SSL object, which cpp-httplib does before it closes the socket (so a cut never reaches a
        // reused descriptor).
        static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, &Impl::onFree);
        return index;
    }
    static int contextIndex() {
        static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
        return index;
    }

    static void onInfo(const SSL* ssl, int where, int) {
        auto* self = static_cast<Impl*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), contextIndex()));
        if (!self) return;
        if (where & SSL_CB_HANDSHAKE_START) self->started(ssl);
        if (where & SSL_CB_HANDSHAKE_DONE) self->finished(ssl);
    }

    static void onFree(void* parent, void* pointer, CRYPTO_EX_DATA*, int, long, void*) {
        if (pointer) static_cast<Impl*>(pointer)->release(static_cast<const SSL*>(parent));
    }

    void cut(Connection& connection) {
        if (connection.cut) return;
        connection.cut = true;
        ::shutdown(connection.fd, SHUT_RDWR);
    }

    void started(const SSL* ssl) {
        if (SSL_get_ex_data(ssl, sslIndex())) return; // already watched (a second handshake)
        int fd = SSL_get_fd(ssl);
        std::string address = peerAddress(fd);
        std::lock_guard lock(mutex);
        auto now = std::chrono::steady_clock::now();
        connections[ssl] = Connection{fd, address, now, now + limits.handshakeDeadline};
        ++pending[address];
        SSL_set_ex_data(const_cast<SSL*>(ssl), sslIndex(), this);
        if (pending[address] > limits.perAddress) evictStale(address, now);
        wake.notify_all();
    }

    // Cuts the address's oldest handshakes that have waited longer than evictAfter, until it is
    // back within its limit. A newcomer is never refused: a burst of real tablets behind one
    // address finishes its handshakes well within evictAfter, a crowd of idle sockets does not.
    void evictStale(const std::string& address, std::chrono::steady_clock::time_point now) {
        std::size_t over = pending[address] > limits.perAddress ? pending[address] - limits.perAddress : 0;
        std::vector<Connection*> stale;
        for (auto& [key, c] : connections)
            if (c.address == address && c.handshaking && !c.cut && now - c.started >= limits.evictAfter)
                stale.push_back(&c);
        std::sort(stale.begin(), stale.end(), [](auto* a, auto* b) { return a->started < b->started; });
        for (std::size_t i = 0; i < stale.size() && i < over; ++i) {
            cut(*stale[i]);
            ++totals.evicted;
        }
    }

    void endHandshake(Connection& c) {
        if (!c.handshaking) return;
        c.handshaking = false;
        auto count = pending.find(c.address);
        if (count != pending.end() && --count->second == 0) pending.erase(count);
    }

    void finished(const SSL* ssl) {
        std::lock_guard lock(mutex);
        auto it = connections.find(ssl);
        if (it != connections.end()) endHandshake(it->second);
    }

    void release(const SSL* ssl) {
        std::lock_guard lock(mutex);
        auto it = connections.find(ssl);
        if (it == connections.end()) return;
        endHandshake(it->second);
        connections.erase(it);
    }

    void reap() {
        std::unique_lock lock(mutex);
        while (!stopping) {
            auto now = std::chrono::steady_clock::now();
            auto next = now + std::chrono::milliseconds(250);
            for (auto& [address, count] : pending)
                if (count > limits.perAddress) evictStale(address, now);
            for (auto& [key, c] : connections) {
                if (!c.handshaking || c.cut) continue;
                if (c.deadline <= now) {
                    cut(c);
                    ++totals.cutByDeadline;
                } else if (c.deadline < next)
                    next = c.deadline;
            }
            wake.wait_until(lock, next);
        }
    }
};

ConnectionGuard::ConnectionGuard(ConnectionLimits limits) : m_impl(std::make_unique<Impl>()) {
    if (limits.perAddress == 0) limits.perAddress = 1;
    m_impl->limits = limits;
    Impl::sslIndex();
    Impl* impl = m_impl.get();
    m_impl->reaper = std::thread([impl] { impl->reap(); });
}

ConnectionGuard::~ConnectionGuard() {
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->stopping = true;
    }
    m_impl->wake.notify_all();
    m_impl->reaper.join();
}

void ConnectionGuard::attach(ssl_ctx_st* context) {
    if (!context) throw std::runtime_error("no TLS context to guard");
    SSL_CTX_set_ex_data(context, Impl::contextIndex(), m_impl.get());
    SSL_CTX_set_info_callback(context, &Impl::onInfo);
}

ConnectionGuard::Counts ConnectionGuard::counts() const {
    std::lock_guard lock(m_impl->mutex);
    Counts out = m_impl->totals;
    out.open = m_impl->connections.size();
    return out;
}

// [SECTION] The growing worker pool ----------------------------------------------------------

namespace {

class GrowingTaskQueue final : public httplib::TaskQueue {
public:
    GrowingTaskQueue(std::size_t core, std::size_t max) : m_max(std::max<std::size_t>(max, core)) {
        std::lock_guard lock(m_mutex);
        for (std::size_t i = 0; i < core; ++i)
            spawn();
    }
    ~GrowingTaskQueue() override = default;

    void enqueue(std::function<void()> fn) override {
        {
            std::lock_guard lock(m_mutex);
            m_jobs.push_back(std::move(fn));
            // Every idle worker will take one job; grow when jobs outnumber them.
            if (m_jobs.size() > m_idle && m_threads.size() < m_max) spawn();
        }
        m_ready.notify_one();
    }

    void shutdown() override {
        {
            std::lock_guard lock(m_mutex);
            m_shutdown = true;
        }
        m_ready.notify_all();
        for (auto& thread : m_threads)
            thread.join();
    }

private:
    void spawn() {
        m_threads.emplace_back([this] { work(); });
    }

    void work() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(m_mutex);
                ++m_idle;
                m_ready.wait(lock, [this] { return !m_jobs.empty() || m_shutdown; });
                --m_idle;
                if (m_jobs.empty()) return; // shutting down
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            job();
        }
    }

    const std::size_t m_max;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<std::function<void()>> m_jobs;
    std::vector<std::thread> m_threads; // only grows (to m_max at most); joined at shutdown
    std::size_t m_idle = 0;
    bool m_shutdown = false;
};

} // namespace

httplib::TaskQueue* newGrowingTaskQueue(std::size_t core, std::size_t max) {
    return new GrowingTaskQueue(core == 0 ? 1 : core, max);
}

} // namespace heard::server
