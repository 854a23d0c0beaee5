// Sync benchmarks. Every figure is a ratio against a baseline measured in the same run:
//   sync.push_protocol_ratio  throughput of pushing N typical records to heard-server (SQLite,
//                             loopback TLS, batches of 100) / throughput of a raw HTTPS upload of
//                             the same request bytes to a server that only answers 200 (goal >= 0.5)
//   sync.push_client_ratio    the same through the real client (encrypted Store outbox read and
//                             acknowledge included), fewer records because signing them is slow
//   sync.idle_cycle_ratio     a SyncClient push+pull with nothing to send / one raw HTTPS GET
// The group makes its own self-signed certificate with the openssl CLI, in a temp directory.
#include "bench/bench.h"

#include "server/heard_server.h"
#include "server/server_store.h"
#include "storage/chain.h"
#include "storage/keys.h"
#include "storage/store.h"
#include "sync/https_channel.h"
#include "sync/protocol.h"
#include "sync/sync_client.h"

#include <httplib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using namespace heard;

struct TempDir {
    std::string path;
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "heard-bench-sync-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

std::string readAll(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// A typical signed visit record: the ten fields of SF 2.47 with a few sentences each (~1.5 KB).
std::vector<storage::Record> typicalChain(const std::string& caseId, int n) {
    std::vector<storage::Record> out;
    std::string prev;
    const std::string sentence =
        "The child chose the happy face for school and the worried face for contact weekends. ";
    for (int i = 0; i < n; ++i) {
        storage::Record r;
        r.id = "bench-" + sync::randomHex(12);
        r.caseId = caseId;
        r.childId = "child-1";
        r.kind = "visit";
        r.status = storage::RecordStatus::Signed;
        r.author = "pr-bench";
        r.createdAt = "2026-11-23T09:00:00Z";
        r.signedAt = "2026-11-23T10:00:00Z";
        r.signedBy = "pr-bench";
        for (const char* field : {"where", "whoWasThere", "purpose", "setting", "whatHappened", "reasons",
                                  "impact", "outcomes", "feedbackToCarer", "plan"})
            r.payload[field] = sentence + std::to_string(i);
        r.chainSeq = i + 1;
        r.prevHash = prev;
        r.hash = storage::recordHash(r);
        prev = r.hash;
        out.push_back(std::move(r));
    }
    return out;
}

struct Setup {
    TempDir dir;
    std::string certPath = dir.path + "/server.crt", keyPath = dir.path + "/server.key", pem;
    std::unique_ptr<server::ServerStore> store;
    std::string auth;

    Setup() {
        std::string command =
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1"
            " -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout '" +
            keyPath + "' -out '" + certPath + "' >/dev/null 2>&1";
        if (std::system(command.c_str()) != 0) throw std::runtime_error("openssl failed");
        pem = readAll(certPath);
        store = server::openSqliteServerStore(dir.path + "/server.db");
        store->createPractitioner(
            {"pr-bench", "Bench Practitioner", server::hashPassword("bench-password-123"), true});
        store->allocateCase({"case-1", "BENCH/1", "child-1", "Pip Benchmark", ""}, "pr-bench");
        std::string secret = sync::randomHex(32);
        store->createDevice(
            {"dev-bench", "pr-bench", server::blake2bHex(secret), false, sync::DeviceCommand::None});
        auth = "dev-bench:" + secret;
    }

    sync::ServerEndpoint endpoint(int port) const {
        sync::ServerEndpoint e;
        e.port = port;
        e.pinnedCertPem = pem;
        e.trustedCaPem = pem;
        e.readTimeout = std::chrono::milliseconds(60000);
        return e;
    }
};

// A server that accepts any upload and answers a small 200: the raw HTTPS baseline.
struct RawSink {
    httplib::SSLServer http;
    std::thread thread;
    int port = 0;
    explicit RawSink(const Setup& setup) : http(setup.certPath.c_str(), setup.keyPath.c_str()) {
        http.Post(".*", [](const httplib::Request&, httplib::Response& res) {
            res.set_content("{\"ok\":true}", "application/json");
        });
        http.Get(".*", [](const httplib::Request&, httplib::Response& res) {
            res.set_content("{\"ok\":true}", "application/json");
        });
        http.set_payload_max_length(sync::kMaxRequestBytes);
        port = http.bind_to_any_port("127.0.0.1");
        thread = std::thread([this] { http.listen_after_bind(); });
    }
    ~RawSink() {
        http.stop();
        thread.join();
    }
};

double postAll(const sync::ServerEndpoint& endpoint, const std::vector<std::string>& bodies,
               const std::string& auth, bool checkStored) {
    sync::HttpsChannel channel(endpoint);
    auto start = std::chrono::steady_clock::now();
    for (const auto& body : bodies) {
        auto result = channel.post(sync::kPathPush, body, auth);
        if (!result.transportOk || result.status != 200)
            throw std::runtime_error("bench upload failed: " + result.error);
        if (checkStored)
            for (const auto& r : sync::pushResponseFromJson(sync::parseObject(result.body)).results)
                if (r.status != sync::EntryStatus::Stored)
                    throw std::runtime_error("bench record not stored: " + r.reason);
    }
    return bench::secondsSince(start);
}

void protocolPush(const bench::Options& options, Setup& setup) {
    const int records = options.quick ? 300 : 10000;
    auto chain = typicalChain("case-1", records);
    std::vector<std::string> bodies;
    std::size_t bytes = 0;
    for (std::size_t first = 0; first < chain.size(); first += sync::kMaxBatchEntries) {
        sync::PushRequest request;
        request.batchId = sync::randomHex(8);
        for (std::size_t i = first; i < std::min(chain.size(), first + sync::kMaxBatchEntries); ++i) {
            sync::PushEntry e{static_cast<std::int64_t>(i + 1),   "record", chain[i].id, 1, "case-1", false,
                              storage::recordOutboxBody(chain[i])};
            request.entries.push_back(std::move(e));
        }
        bodies.push_back(sync::toJson(request).dump());
        bytes += bodies.back().size();
    }
    double raw = 0;
    {
        RawSink sink(setup);
        raw = postAll(setup.endpoint(sink.port), bodies, setup.auth, false);
    }
    server::ServerConfig config;
    config.port = 0;
    config.certificatePath = setup.certPath;
    config.privateKeyPath = setup.keyPath;
    config.logSink = [](const std::string&) {};
    server::HeardServer heardServer(config, *setup.store);
    heardServer.start();
    double push = postAll(setup.endpoint(heardServer.port()), bodies, setup.auth, true);
    heardServer.stop();
    bench::report("sync.push_records", records, "records");
    bench::report("sync.push_bytes", static_cast<double>(bytes) / 1e6, "MB");
    bench::report("sync.push_records_per_s", records / push, "records/s");
    bench::report("sync.raw_https_upload_mb_per_s", static_cast<double>(bytes) / 1e6 / raw, "MB/s");
    bench::report("sync.push_protocol_ratio", raw / push, "x (push throughput / raw HTTPS, goal >= 0.5)");
}

void clientPushAndIdle(const bench::Options& options, Setup& setup) {
    const int records = options.quick ? 20 : 300;
    auto recovery = storage::RecoveryKeyPair::generate();
    auto device = storage::Store::create(setup.dir.path + "/device", "bench passphrase", recovery.publicKey,
                                         storage::KdfParams::fastForTests());
    device->putCase(storage::Case{"case-2", "BENCH/2", "bench", {}, false, ""});
    device->putChild(storage::Child{"child-2", "case-2", "Pip Benchmark", "", {}});
    setup.store->allocateCase({"case-2", "BENCH/2", "child-2", "Pip Benchmark", ""}, "pr-bench");
    for (int i = 0; i < records; ++i) {
        storage::NewRecord r;
        r.caseId = "case-2";
        r.childId = "child-2";
        r.kind = "visit";
        r.author = "pr-bench";
        r.payload = {
            {"whatHappened", "The child drew a house with a red door and a garden. " + std::to_string(i)}};
        device->sign(device->createDraft(r).id, "pr-bench");
    }
    device->setSetting(sync::setting::kDeviceId, "dev-bench");
    device->setSetting(sync::setting::kDeviceSecret, setup.auth.substr(setup.auth.find(':') + 1));
    device->setSetting(sync::setting::kPinnedCert, setup.pem);
    std::vector<std::string> bodies; // the same bytes the client will send, for the baseline
    {
        sync::PushRequest request;
        request.batchId = sync::randomHex(8);
        for (const auto& e : device->outboxPending(1000000)) {
            if (request.entries.size() == sync::kMaxBatchEntries) {
                bodies.push_back(sync::toJson(request).dump());
                request.entries.clear();
            }
            request.entries.push_back({e.id, e.itemType, e.itemId, e.version, e.caseId, false, e.body});
        }
        if (!request.entries.empty()) bodies.push_back(sync::toJson(request).dump());
    }
    double raw = 0, rawHealth = 0;
    const int idleRounds = options.quick ? 3 : 30;
    {
        RawSink sink(setup);
        raw = postAll(setup.endpoint(sink.port), bodies, setup.auth, false);
        auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < idleRounds; ++i) {
            sync::HttpsChannel channel(setup.endpoint(sink.port));
            if (channel.get(sync::kPathHealth).status != 200) throw std::runtime_error("bench health failed");
        }
        rawHealth = bench::secondsSince(start) / idleRounds;
    }
    server::ServerConfig config;
    config.port = 0;
    config.certificatePath = setup.certPath;
    config.privateKeyPath = setup.keyPath;
    config.logSink = [](const std::string&) {};
    server::HeardServer heardServer(config, *setup.store);
    heardServer.start();
    sync::ServerEndpoint endpoint;
    endpoint.port = heardServer.port();
    sync::SyncClient client(*device, endpoint);
    auto start = std::chrono::steady_clock::now();
    auto result = client.push();
    double push = bench::secondsSince(start);
    if (!result.ok() || device->outboxPendingCount() != 0)
        throw std::runtime_error("bench client push failed: " + result.message);
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < idleRounds; ++i)
        if (!client.push().ok() || !client.pull().ok()) throw std::runtime_error("bench idle cycle failed");
    double idle = bench::secondsSince(start) / idleRounds;
    heardServer.stop();
    bench::report("sync.push_client_records", records, "records");
    bench::report("sync.push_client_ratio", raw / push, "x (client push throughput / raw HTTPS)");
    bench::report("sync.idle_cycle_ms", idle * 1000.0, "ms");
    bench::report("sync.idle_cycle_ratio", idle / rawHealth, "x (idle push+pull / one raw HTTPS GET)");
}

void benchSync(const bench::Options& options) {
    Setup setup;
    protocolPush(options, setup);
    clientPushAndIdle(options, setup);
}

} // namespace

HEARD_BENCH_GROUP("sync", benchSync);
