// ScriptedPushServer: a plain-HTTP push endpoint on 127.0.0.1 (clients reach it with
// ServerEndpoint::plainHttpForDevelopment) that records every batch and answers as a test
// scripts it: each entry "stored" unless statusOf says otherwise ("retry" comes with reason
// chain_gap); beforeAnswer runs on the server's thread before the answer goes; failWith, when
// it gives a status, fails that request with it; while notAnAnswer is set, a 200 that is not a
// Heard acknowledgement (a captive portal). For sync.pipeline and scale.outbox.
#pragma once

#include "sync/protocol.h"

#include <httplib.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace heard::synctest {

class ScriptedPushServer {
public:
    ScriptedPushServer();
    ~ScriptedPushServer();
    ScriptedPushServer(const ScriptedPushServer&) = delete;
    ScriptedPushServer& operator=(const ScriptedPushServer&) = delete;

    int port() const { return m_port; }
    std::vector<std::vector<sync::PushEntry>> sent(); // every request's entries, in arrival order
    void forget();                                    // sent() starts again from empty
    int requests() const { return m_requests.load(); }
    int mostInFlight() const { return m_mostInFlight.load(); }

    // Set before the client starts.
    std::function<sync::EntryStatus(int request, const sync::PushEntry&)> statusOf;
    std::function<void(int request)> beforeAnswer;
    std::function<int(int request)> failWith; // an HTTP status, or 0 to answer
    std::atomic<bool> notAnAnswer{false};

private:
    httplib::Server m_http;
    std::thread m_thread;
    int m_port = 0;
    std::mutex m_mutex;
    std::vector<std::vector<sync::PushEntry>> m_batches;
    std::atomic<int> m_requests{0};
    std::atomic<int> m_inFlight{0};
    std::atomic<int> m_mostInFlight{0};
};

} // namespace heard::synctest
