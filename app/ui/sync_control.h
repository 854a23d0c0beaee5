// The sync and sign-in threads, seen from the App: start them on an open store, read their
// status, and stop them without waiting. Stopping hands the threads and the store to a closer
// thread, which joins them and only then destroys the store (wiping its key): lock returns at
// once and shows the lock screen, whatever the network is doing.
#pragma once

#include "platform/network_watch.h"
#include "storage/store.h"
#include "sync/device_command.h"
#include "sync/org_config.h"
#include "sync/sync_service.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace heard::ui {

struct EnrolForm {
    std::optional<sync::OrgConfig> org; // where to sign in and the key to trust; none: no sign-in
    std::string orgError;               // why an installed configuration or a typed code was refused
    std::string code;                   // an enrolment code being pasted or typed
    std::string username, password;
    std::string error;
    bool busy = false; // a sign-in is running on its own thread
    // Enrolling an enrolled tablet again (issue 20): after the practitioner's passphrase, the
    // sign-in form shows again while the sync thread is stopped.
    bool again = false;
    std::string againPassphrase, againError;
};

class SyncControl {
public:
    SyncControl() = default;
    ~SyncControl(); // waits for every closer
    SyncControl(const SyncControl&) = delete;
    SyncControl& operator=(const SyncControl&) = delete;

    EnrolForm enrolForm;

    bool running() const { return m_sync != nullptr; }
    // Starts the sync thread (and the network watch when onNetwork is set).
    void start(std::unique_ptr<sync::SyncService> service, std::function<void()> onNetwork);
    void connectivityChanged();
    void syncNow();
    std::optional<sync::SyncStatus> status() const;
    // True when sync is off, or when every cycle asked for has finished (its pull included).
    bool settled() const { return !m_sync || m_sync->settled(); }

    // Runs a sign-in on its own thread; it must not outlive the store (stopAndClose joins it).
    void startEnrol(std::function<void()> work);
    void finishEnrol();

    // While the lock screen shows: a worker asks the server for device commands with the credential
    // kept outside the store (issue 17.9), one worker per store on a shared tablet, each with its
    // own practitioner's credential. No-op when storeDir is already polled or holds no credential
    // (no network configuration, no polling). onCommand runs on the worker.
    void pollWhileLocked(const std::string& storeDir, std::chrono::milliseconds interval,
                         std::function<void(sync::DeviceCommand)> onCommand);
    // Stops every poll (unlocked, or wiped); returns at once, the workers are joined on a closer.
    void stopLockedPoll();
    bool lockedPolling() const { return !m_pollers.empty(); }
    bool lockedPolling(const std::string& storeDir) const { return m_pollers.count(storeDir) > 0; }

    // Stops every thread that uses the store and then closes the store, on a closer thread.
    // Returns at once. Pass a null store to stop the threads only.
    void stopAndClose(std::unique_ptr<storage::Store> store);
    // Waits for the closers (remote wipe deletes files only once the store is closed; shutdown).
    void waitForClosers();

private:
    std::unique_ptr<sync::SyncService> m_sync;
    std::unique_ptr<platform::NetworkWatch> m_network;
    std::thread m_enrolThread;
    std::map<std::string, std::unique_ptr<sync::LockedCommandPoller>> m_pollers; // by store folder
    std::mutex m_closersMutex;
    std::vector<std::thread> m_closers;
};

} // namespace heard::ui
