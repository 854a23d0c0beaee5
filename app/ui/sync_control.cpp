#include "app/ui/sync_control.h"

namespace heard::ui {

SyncControl::~SyncControl() {
    stopLockedPoll();
    stopAndClose(nullptr);
    waitForClosers();
}

void SyncControl::start(std::unique_ptr<sync::SyncService> service, std::function<void()> onNetwork) {
    m_sync = std::move(service);
    m_sync->start();
    if (onNetwork && !m_network) m_network = std::make_unique<platform::NetworkWatch>(std::move(onNetwork));
}

void SyncControl::connectivityChanged() {
    if (m_sync) m_sync->connectivityChanged();
}

void SyncControl::syncNow() {
    if (m_sync) m_sync->syncNow();
}

std::optional<sync::SyncStatus> SyncControl::status() const {
    if (!m_sync) return std::nullopt;
    return m_sync->status();
}

void SyncControl::startEnrol(std::function<void()> work) {
    if (m_enrolThread.joinable()) m_enrolThread.join();
    m_enrolThread = std::thread(std::move(work));
}

void SyncControl::finishEnrol() {
    if (m_enrolThread.joinable()) m_enrolThread.join();
}

void SyncControl::pollWhileLocked(const std::string& storeDir, std::chrono::milliseconds interval,
                                  std::function<void(sync::DeviceCommand)> onCommand) {
    if (m_pollers.count(storeDir)) return;
    auto credential = sync::loadDeviceCommandCredential(storeDir);
    if (!credential) return;
    sync::LockedCommandPoller::Options options;
    options.interval = interval;
    auto poller =
        std::make_unique<sync::LockedCommandPoller>(std::move(*credential), options, std::move(onCommand));
    poller->start();
    m_pollers.emplace(storeDir, std::move(poller));
}

void SyncControl::stopLockedPoll() {
    for (auto& entry : m_pollers) {
        entry.second->stop(); // cancels the request in flight; the join below is then short
        std::shared_ptr<sync::LockedCommandPoller> poller(std::move(entry.second));
        std::lock_guard<std::mutex> guard(m_closersMutex);
        m_closers.emplace_back([poller] { poller->join(); });
    }
    m_pollers.clear();
}

void SyncControl::stopAndClose(std::unique_ptr<storage::Store> store) {
    m_network.reset();
    if (m_sync) m_sync->requestStop(); // aborts the request in flight; returns at once
    if (!m_sync && !m_enrolThread.joinable() && !store) return;
    // The closer owns everything that uses the store, then the store: threads first, key last.
    auto closing = std::make_shared<
        std::tuple<std::unique_ptr<sync::SyncService>, std::thread, std::unique_ptr<storage::Store>>>(
        std::move(m_sync), std::move(m_enrolThread), std::move(store));
    std::lock_guard<std::mutex> guard(m_closersMutex);
    m_closers.emplace_back([closing] {
        try {
            if (auto& service = std::get<0>(*closing)) service->stop();
            std::get<0>(*closing).reset();
            if (std::get<1>(*closing).joinable()) std::get<1>(*closing).join();
            std::get<2>(*closing).reset(); // closes the database and wipes the key
        } catch (...) {
            // Nothing may escape a thread; the store's destructor never throws.
        }
    });
}

void SyncControl::waitForClosers() {
    std::vector<std::thread> closers;
    {
        std::lock_guard<std::mutex> guard(m_closersMutex);
        closers.swap(m_closers);
    }
    for (auto& closer : closers)
        if (closer.joinable()) closer.join();
}

} // namespace heard::ui
