// Device commands for a locked tablet (issue 17 item 9). A lost tablet is locked: its store, and
// the device secret inside it, cannot be opened. So enrolment also writes a command credential
// outside the store, heard.device in the data folder (mode 0600): the device id, a command token
// that can only ask "is there a command for me?" (never push or pull; see DeviceCommandRequest),
// and the server's name, port and pinned CA. It holds nothing about any child or case.
//
// While the lock screen shows, LockedCommandPoller asks on its own thread, one bounded request at
// a time (short deadline, small answer limit), at an interval that grows after failures and
// follows a server's Retry-After; stop() returns at once (the request in flight is cancelled).
#pragma once

#include "sync/https_channel.h"
#include "sync/protocol.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace heard::sync {

inline constexpr const char* kDeviceCredentialFileName = "heard.device";

struct DeviceCommandCredential {
    std::string deviceId;
    std::string token; // BLAKE2b-256 hex of the device secret
    std::string server;
    int port = 0;
    std::string caPem;        // the trust anchor pinned at enrolment
    std::string caSpkiSha256; // and its key
    bool plainHttpForDevelopment = false;
};

std::string deviceCredentialPath(const std::string& dataDir);
// Builds the credential for an enrolment over endpoint (its CA and pin) with the device secret.
DeviceCommandCredential makeDeviceCommandCredential(const ServerEndpoint& endpoint,
                                                    const std::string& deviceId,
                                                    const std::string& deviceSecret);
// Atomic, 0600. Throws base::Error when it cannot be written.
void saveDeviceCommandCredential(const std::string& dataDir, const DeviceCommandCredential& credential);
// nullopt when there is none or it is unusable (a damaged file is not polled with).
std::optional<DeviceCommandCredential> loadDeviceCommandCredential(const std::string& dataDir);

struct CommandAnswer {
    bool ok = false;
    DeviceCommand command = DeviceCommand::None;
    std::string message;       // why not ok, for logs; never case data
    int retryAfterSeconds = 0; // the server's Retry-After on 429/503
    bool unauthorised = false; // 401: the credential is no longer valid
};

// One question to the server: one request, bounded by endpointOverrides' deadline and a 4 KB
// answer limit.
CommandAnswer askForDeviceCommand(const DeviceCommandCredential& credential,
                                  std::shared_ptr<CancelToken> cancel = {},
                                  std::chrono::milliseconds deadline = std::chrono::seconds(20));

class LockedCommandPoller {
public:
    struct Options {
        std::chrono::milliseconds interval{std::chrono::seconds(60)};
        std::chrono::milliseconds maxInterval{std::chrono::minutes(15)}; // after repeated failures
        std::chrono::milliseconds deadline{std::chrono::seconds(20)};    // per request
    };
    // onCommand runs on the poller's thread for Lock or Wipe; after a Wipe the poller stops.
    LockedCommandPoller(DeviceCommandCredential credential, Options options,
                        std::function<void(DeviceCommand)> onCommand);
    ~LockedCommandPoller(); // stop() and join
    LockedCommandPoller(const LockedCommandPoller&) = delete;
    LockedCommandPoller& operator=(const LockedCommandPoller&) = delete;

    void start();
    void stop(); // returns at once: wakes the thread and cancels the request in flight
    void join();
    std::size_t questionsAsked() const;

private:
    void run();
    DeviceCommandCredential m_credential;
    Options m_options;
    std::function<void(DeviceCommand)> m_onCommand;
    std::shared_ptr<CancelToken> m_cancel;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::size_t m_asked = 0;
    std::thread m_thread;
};

} // namespace heard::sync
