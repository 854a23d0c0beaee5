#include "platform/network_watch.h"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace heard::platform {

bool hasNetworkConnection() {
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0) return false;
    bool found = false;
    for (ifaddrs* it = list; it && !found; it = it->ifa_next) {
        if (!it->ifa_addr || (it->ifa_flags & IFF_LOOPBACK)) continue;
        const bool up = (it->ifa_flags & IFF_UP) && (it->ifa_flags & IFF_RUNNING);
        const int family = it->ifa_addr->sa_family;
        found = up && (family == AF_INET || family == AF_INET6);
    }
    freeifaddrs(list);
    return found;
}

NetworkWatch::NetworkWatch(std::function<void()> onConnected, std::chrono::milliseconds interval,
                           std::function<bool()> probe)
    : m_onConnected(std::move(onConnected)), m_probe(std::move(probe)), m_interval(interval) {
    m_connected = m_probe();
    m_thread = std::thread([this] {
        std::unique_lock<std::mutex> lock(m_mutex);
        while (!m_stop) {
            m_wake.wait_for(lock, m_interval, [this] { return m_stop; });
            if (m_stop) break;
            lock.unlock();
            const bool now = m_probe();
            const bool appeared = now && !m_connected.exchange(now);
            if (!now) m_connected = false;
            if (appeared && m_onConnected) m_onConnected();
            lock.lock();
        }
    });
}

NetworkWatch::~NetworkWatch() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

} // namespace heard::platform
