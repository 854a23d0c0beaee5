// Tells the app when a network connection appears, so sync can start at once instead of
// waiting for its timer. A background thread looks at the interfaces every few seconds
// (getifaddrs: any non-loopback interface up and running with an address).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace heard::platform {

// True when an interface other than loopback is up, running and has an IP address.
bool hasNetworkConnection();

class NetworkWatch {
public:
    // onConnected is called on the watch thread when the state goes from none to connected.
    // probe: how connectivity is read (tests pass a fake); default hasNetworkConnection.
    explicit NetworkWatch(std::function<void()> onConnected,
                          std::chrono::milliseconds interval = std::chrono::seconds(3),
                          std::function<bool()> probe = hasNetworkConnection);
    ~NetworkWatch(); // stops and joins
    NetworkWatch(const NetworkWatch&) = delete;
    NetworkWatch& operator=(const NetworkWatch&) = delete;
    bool connected() const { return m_connected.load(); }

private:
    std::function<void()> m_onConnected;
    std::function<bool()> m_probe;
    std::chrono::milliseconds m_interval;
    std::atomic<bool> m_connected{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace heard::platform
