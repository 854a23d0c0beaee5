#include "sync/device_command.h"

#include "base/hash.h"
#include "base/json_reader.h"
#include "sync/private_file.h"

#include <algorithm>

namespace heard::sync {

namespace {
constexpr const char* kCredentialFormat = "heard-device-command-v1";
constexpr std::size_t kMaxCredentialBytes = 64 * 1024;
constexpr std::size_t kMaxCommandAnswerBytes = 4096;
} // namespace

std::string deviceCredentialPath(const std::string& dataDir) {
    return dataDir + "/" + kDeviceCredentialFileName;
}

DeviceCommandCredential makeDeviceCommandCredential(const ServerEndpoint& endpoint,
                                                    const std::string& deviceId,
                                                    const std::string& deviceSecret) {
    DeviceCommandCredential credential;
    credential.deviceId = deviceId;
    credential.token = base::blake2bHex(deviceSecret);
    credential.server = endpoint.host;
    credential.port = endpoint.port;
    credential.caPem = endpoint.trustedCaPem;
    credential.caSpkiSha256 = endpoint.pinnedSpkiSha256;
    credential.plainHttpForDevelopment = endpoint.plainHttpForDevelopment;
    return credential;
}

void saveDeviceCommandCredential(const std::string& dataDir, const DeviceCommandCredential& c) {
    const nlohmann::json json = {{"format", kCredentialFormat},
                                 {"deviceId", c.deviceId},
                                 {"token", c.token},
                                 {"server", c.server},
                                 {"port", c.port},
                                 {"caPem", c.caPem},
                                 {"caSpkiSha256", c.caSpkiSha256},
                                 {"plainHttpForDevelopment", c.plainHttpForDevelopment}};
    writePrivateFile(deviceCredentialPath(dataDir), json.dump(2) + "\n");
}

std::optional<DeviceCommandCredential> loadDeviceCommandCredential(const std::string& dataDir) {
    try {
        const auto text = readSmallFile(deviceCredentialPath(dataDir), kMaxCredentialBytes);
        if (!text) return std::nullopt;
        const auto json = base::tryReadJson(*text, {kMaxCredentialBytes, 4});
        if (!json || !json->is_object() || json->value("format", "") != kCredentialFormat)
            return std::nullopt;
        DeviceCommandCredential c;
        c.deviceId = json->value("deviceId", "");
        c.token = json->value("token", "");
        c.server = json->value("server", "");
        c.port = json->value("port", 0);
        c.caPem = json->value("caPem", "");
        c.caSpkiSha256 = json->value("caSpkiSha256", "");
        c.plainHttpForDevelopment = json->value("plainHttpForDevelopment", false);
        if (!isSafeId(c.deviceId) || c.token.size() != 64 || c.server.empty() || c.port < 1 || c.port > 65535)
            return std::nullopt;
        if (!c.plainHttpForDevelopment && c.caPem.empty()) return std::nullopt;
        return c;
    } catch (const std::exception&) {
        return std::nullopt; // unreadable or mistyped: no polling, nothing else is affected
    }
}

CommandAnswer askForDeviceCommand(const DeviceCommandCredential& credential,
                                  std::shared_ptr<CancelToken> cancel, std::chrono::milliseconds deadline) {
    ServerEndpoint endpoint;
    endpoint.host = credential.server;
    endpoint.port = credential.port;
    endpoint.trustedCaPem = credential.caPem;
    endpoint.pinnedSpkiSha256 = credential.caSpkiSha256;
    endpoint.plainHttpForDevelopment = credential.plainHttpForDevelopment;
    endpoint.requestDeadline = deadline;
    endpoint.connectTimeout = std::min<std::chrono::milliseconds>(deadline, endpoint.connectTimeout);
    endpoint.readTimeout = std::min<std::chrono::milliseconds>(deadline, endpoint.readTimeout);
    endpoint.maxAnswerBytes = kMaxCommandAnswerBytes;
    HttpsChannel channel(endpoint, std::move(cancel));
    const HttpResult result = channel.post(
        kPathDeviceCommand,
        toJson(DeviceCommandRequest{kProtocolVersion, credential.deviceId, credential.token}).dump());
    CommandAnswer answer;
    if (!result.transportOk) {
        answer.message = "cannot reach the server: " + result.error;
        return answer;
    }
    const auto body = base::tryReadJson(result.body, {kMaxCommandAnswerBytes, 4});
    if (result.status != 200) {
        answer.unauthorised = result.status == 401;
        if (body && body->is_object() && body->contains("retryAfter") &&
            (*body)["retryAfter"].is_number_integer())
            answer.retryAfterSeconds =
                static_cast<int>(std::clamp<long long>((*body)["retryAfter"], 0, 24 * 3600));
        answer.message = "the server answered " + std::to_string(result.status);
        return answer;
    }
    try {
        if (!body) throw ProtocolError("body is not valid JSON");
        answer.command = deviceCommandResponseFromJson(requireOk(*body));
        answer.ok = true;
    } catch (const ProtocolError& e) {
        answer.message = std::string("unusable answer: ") + e.what();
    }
    return answer;
}

LockedCommandPoller::LockedCommandPoller(DeviceCommandCredential credential, Options options,
                                         std::function<void(DeviceCommand)> onCommand)
    : m_credential(std::move(credential)), m_options(options), m_onCommand(std::move(onCommand)),
      m_cancel(std::make_shared<CancelToken>()) {}

LockedCommandPoller::~LockedCommandPoller() {
    stop();
    join();
}

void LockedCommandPoller::start() {
    if (m_thread.joinable()) return;
    m_thread = std::thread([this] { run(); });
}

void LockedCommandPoller::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cancel->cancel();
    m_wake.notify_all();
}

void LockedCommandPoller::join() {
    if (m_thread.joinable()) m_thread.join();
}

std::size_t LockedCommandPoller::questionsAsked() const {
    std::lock_guard lock(m_mutex);
    return m_asked;
}

void LockedCommandPoller::run() {
    auto wait = std::chrono::milliseconds(0); // the first question goes as soon as the screen locks
    while (true) {
        {
            std::unique_lock lock(m_mutex);
            if (m_wake.wait_for(lock, wait, [this] { return m_stopping; })) return;
            ++m_asked;
        }
        CommandAnswer answer;
        try {
            answer = askForDeviceCommand(m_credential, m_cancel, m_options.deadline);
        } catch (const std::exception& e) {
            answer.message = e.what(); // nothing may escape a thread
        }
        if (answer.ok) {
            wait = m_options.interval;
            if (answer.command != DeviceCommand::None && m_onCommand) {
                try {
                    m_onCommand(answer.command);
                } catch (...) {
                }
            }
            if (answer.command == DeviceCommand::Wipe) return;
        } else {
            // Offline, busy or refused: ask less often, never more often than the server allows.
            wait = std::min(m_options.maxInterval, std::max(m_options.interval, wait * 2));
            wait = std::max<std::chrono::milliseconds>(wait, std::chrono::seconds(answer.retryAfterSeconds));
        }
    }
}

} // namespace heard::sync
