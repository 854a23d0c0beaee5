#include "tests/sync/scripted_push_server.h"

namespace heard::synctest {

ScriptedPushServer::ScriptedPushServer() {
    m_http.Post(sync::kPathPush, [this](const httplib::Request& req, httplib::Response& res) {
        const int now = ++m_inFlight;
        int most = m_mostInFlight.load();
        while (now > most && !m_mostInFlight.compare_exchange_weak(most, now)) {
        }
        auto request = sync::pushRequestFromJson(sync::parseObject(req.body));
        int index = 0;
        {
            std::lock_guard lock(m_mutex);
            index = static_cast<int>(m_batches.size());
            m_batches.push_back(request.entries);
        }
        ++m_requests;
        if (beforeAnswer) beforeAnswer(index);
        if (const int status = failWith ? failWith(index) : 0) {
            res.status = status;
            res.set_content(sync::errorBody("unavailable", "scripted failure").dump(), "application/json");
        } else if (notAnAnswer) {
            res.set_content("<html>captive portal</html>", "text/html");
        } else {
            sync::PushResponse response;
            response.batchId = request.batchId;
            for (const auto& e : request.entries) {
                const auto status = statusOf ? statusOf(index, e) : sync::EntryStatus::Stored;
                response.results.push_back({e.outboxId, e.itemType, e.itemId, e.version, status,
                                            status == sync::EntryStatus::Retry ? "chain_gap" : ""});
            }
            res.set_content(sync::toJson(response).dump(), "application/json");
        }
        --m_inFlight;
    });
    m_port = m_http.bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_http.listen_after_bind(); });
}

ScriptedPushServer::~ScriptedPushServer() {
    m_http.stop();
    m_thread.join();
}

std::vector<std::vector<sync::PushEntry>> ScriptedPushServer::sent() {
    std::lock_guard lock(m_mutex);
    return m_batches;
}

void ScriptedPushServer::forget() {
    std::lock_guard lock(m_mutex);
    m_batches.clear();
}

} // namespace heard::synctest
