// Sync benchmarks. Every figure is compared with a baseline measured in the same run; every
// connection (client, baselines, servers) has TCP_NODELAY on, so no baseline stalls on Nagle:
//   sync.push_protocol_ratio          the bare push protocol to heard-server (SQLite, loopback TLS)
//                                     / a raw HTTPS upload of the same bytes to a sink answering 200
//   sync.client_push_10k_records_per_s  the real SyncService pushing 10,000 realistic (~2.3 KB)
//                                     signed records with their audit entries (--quick: 200)
//   sync.client_vs_protocol_10k_ratio the same / the bare protocol posting the same request bytes
//                                     over a keep-alive connection to an identical heard-server
//   sync.client_push_cpu_s            CPU time of that push: the sync thread's, and the sending
//                                     threads' (sync::pushSendingCpuSeconds)
//   sync.raw_https_MBps, sync.client_vs_raw_https_ratio  a raw HTTPS upload of those bytes, and
//                                     the client's throughput against it
//   sync.intake_floor_MBps, sync.raw_https_vs_intake_floor_ratio  the least a server that keeps
//                                     each entry must do with those bytes (intakeFloorSeconds), and
//                                     the ceiling it puts on client_vs_raw_https_ratio
//   sync.idle_cycle_ms                one SyncService cycle (push + pull) with nothing to send
// The group makes its own self-signed certificate with the openssl CLI, in a temp directory.
#include "bench/bench.h"
#include "storage/record_kinds.h"

#include "server/heard_server.h"
#include "server/server_store.h"
#include "storage/chain.h"
#include "storage/database.h"
#include "storage/keys.h"
#include "storage/store.h"
#include "sync/https_channel.h"
#include "sync/protocol.h"
#include "sync/sync_client.h"
#include "sync/sync_service.h"

#include <httplib.h>
#include <sodium.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <thread>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using namespace heard;

// Target request size of a push batch (the client's own limit).
constexpr std::size_t kBenchBatchBytes = sync::kBatchTargetBytes;

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
        r.kind = storage::kinds::kVisit;
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
        http.set_tcp_nodelay(true); // a baseline at its best
        port = http.bind_to_any_port("127.0.0.1");
        thread = std::thread([this] { http.listen_after_bind(); });
    }
    ~RawSink() {
        http.stop();
        thread.join();
    }
};

// A raw HTTPS client at its best: keep-alive, TCP_NODELAY, no pin checks beyond the handshake.
std::unique_ptr<httplib::SSLClient> rawClient(int port) {
    auto client = std::make_unique<httplib::SSLClient>("127.0.0.1", port);
    client->enable_server_certificate_verification(false);
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);
    client->set_read_timeout(60, 0);
    client->set_write_timeout(60, 0);
    return client;
}

double rawPostAll(int port, const std::vector<std::string>& bodies, const std::string& auth,
                  bool checkStored) {
    auto client = rawClient(port);
    httplib::Headers headers{{sync::kDeviceAuthHeader, auth}};
    auto start = std::chrono::steady_clock::now();
    for (const auto& body : bodies) {
        auto result = client->Post(sync::kPathPush, headers, body, "application/json");
        if (!result || result->status != 200)
            throw std::runtime_error(
                "bench raw upload failed: " +
                (result ? std::to_string(result->status) : httplib::to_string(result.error())));
        if (checkStored)
            for (const auto& r : sync::pushResponseFromJson(sync::parseObject(result->body)).results)
                if (r.status != sync::EntryStatus::Stored && r.status != sync::EntryStatus::Duplicate)
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
        raw = rawPostAll(sink.port, bodies, setup.auth, false);
    }
    server::ServerConfig config;
    config.port = 0;
    config.certificatePath = setup.certPath;
    config.privateKeyPath = setup.keyPath;
    config.logSink = [](const std::string&) {};
    server::HeardServer heardServer(config, *setup.store);
    heardServer.start();
    double push = rawPostAll(heardServer.port(), bodies, setup.auth, true);
    heardServer.stop();
    bench::report("sync.push_records", records, "records");
    bench::report("sync.push_bytes", static_cast<double>(bytes) / 1e6, "MB");
    bench::report("sync.push_records_per_s", records / push, "records/s");
    bench::report("sync.raw_https_upload_mb_per_s", static_cast<double>(bytes) / 1e6 / raw, "MB/s");
    bench::report("sync.push_protocol_ratio", raw / push, "x (push throughput / raw HTTPS, goal >= 0.5)");
}

// A realistic signed visit: the ten fields of SF 2.47, a few sentences each (~2.3 KB body).
nlohmann::json realisticPayload(int i) {
    const std::string sentences =
        "The child chose the happy face for school and the worried face for contact weekends. "
        "She talked about her brother and the dog, and drew the kitchen table at home. " +
        std::to_string(i);
    nlohmann::json payload;
    for (const char* field : {"where", "whoWasThere", "purpose", "setting", "whatHappened", "reasons",
                              "impact", "outcomes", "feedbackToCarer", "plan"})
        payload[field] = sentences;
    return payload;
}

double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::unique_ptr<server::ServerStore> seededServerStore(const std::string& path, const std::string& auth) {
    auto store = server::openSqliteServerStore(path);
    store->createPractitioner(
        {"pr-bench", "Bench Practitioner", server::hashPassword("bench-password-123"), true});
    store->allocateCase({"case-3", "BENCH/3", "child-3", "Pip Benchmark", ""}, "pr-bench");
    store->createDevice({"dev-bench", "pr-bench", server::blake2bHex(auth.substr(auth.find(':') + 1)), false,
                         sync::DeviceCommand::None});
    return store;
}

// The least any server that keeps what it is sent must do with it, at its best: a digest of each
// entry (BLAKE2b, as heard-server) and one insert per entry into a table with nothing but its key,
// a durable transaction per batch (WAL, synchronous=FULL, as heard-server's SQLite store), on one
// thread (a database has one writer). No parsing, no checks, no network, no client. The time a
// push takes can be no less: raw HTTPS time / this time bounds sync.client_vs_raw_https_ratio.
double intakeFloorSeconds(const std::string& path, const std::vector<std::vector<std::string>>& batches) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("bench floor: cannot open");
    auto exec = [&](const char* sql) {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("bench floor: ") + sqlite3_errmsg(db));
    };
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
         "CREATE TABLE kept (id INTEGER PRIMARY KEY, digest BLOB NOT NULL, body BLOB NOT NULL)");
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO kept (digest, body) VALUES (?, ?)", -1, &insert, nullptr);
    auto start = std::chrono::steady_clock::now();
    for (const auto& batch : batches) {
        exec("BEGIN");
        for (const auto& body : batch) {
            unsigned char digest[crypto_generichash_BYTES];
            crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(body.data()),
                               body.size(), nullptr, 0);
            sqlite3_bind_blob(insert, 1, digest, sizeof digest, SQLITE_STATIC);
            sqlite3_bind_blob(insert, 2, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
            if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error("bench floor: insert failed");
            sqlite3_reset(insert);
        }
        exec("COMMIT");
    }
    const double seconds = bench::secondsSince(start);
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return seconds;
}

// The real SyncService pushing N realistic records with their audit entries through heard-server,
// against the bare protocol posting the same request bytes over a raw keep-alive TCP_NODELAY
// connection to an identical heard-server, and against a raw HTTPS sink.
void clientPushAndIdle(const bench::Options& options, Setup& setup) {
    const int records = options.quick ? 200 : 10000;
    auto recovery = storage::RecoveryKeyPair::generate();
    auto device = storage::Store::create(setup.dir.path + "/device", "bench passphrase", recovery.publicKey,
                                         storage::KdfParams::fastForTests());
    device->putCase(storage::Case{"case-3", "BENCH/3", "bench", {}, false, ""});
    device->putChild(storage::Child{"child-3", "case-3", "Pip Benchmark", "", {}});
    // Setup only: signing 10,000 records with an fsync per commit would take minutes.
    device->databaseForTesting().exec("PRAGMA synchronous = OFF;");
    for (int i = 0; i < records; ++i) {
        storage::NewRecord r;
        r.caseId = "case-3";
        r.childId = "child-3";
        r.kind = storage::kinds::kVisit;
        r.author = "pr-bench";
        r.payload = realisticPayload(i);
        device->sign(device->createDraft(r).id, "pr-bench");
    }
    device->databaseForTesting().exec("PRAGMA synchronous = FULL;");
    device->setSetting(sync::setting::kDeviceId, "dev-bench");
    device->setSetting(sync::setting::kDeviceSecret, setup.auth.substr(setup.auth.find(':') + 1));
    device->setSetting(sync::setting::kPinnedCert, setup.pem);

    // The same request bytes the client sends: the outbox in its order, batched by the same limits.
    std::vector<std::string> bodies;
    std::vector<std::vector<std::string>> entryBodies; // each batch's entries, for the intake floor
    std::size_t entries = 0, bytes = 0;
    {
        sync::PushRequest request;
        std::size_t batchBytes = 0;
        auto flush = [&] {
            request.batchId = sync::randomHex(16);
            bodies.push_back(sync::toJson(request).dump());
            bytes += bodies.back().size();
            entryBodies.emplace_back();
            for (const auto& e : request.entries)
                entryBodies.back().push_back(e.body);
            request.entries.clear();
            batchBytes = 0;
        };
        for (const auto& e : device->outboxPending(1000000)) {
            if (request.entries.size() == sync::kMaxBatchEntries ||
                (!request.entries.empty() && batchBytes + e.body.size() > kBenchBatchBytes))
                flush();
            batchBytes += e.body.size() + 256;
            request.entries.push_back({e.id, e.itemType, e.itemId, e.version, e.caseId, false, e.body});
            ++entries;
        }
        if (!request.entries.empty()) flush();
    }

    server::ServerConfig config;
    config.port = 0;
    config.certificatePath = setup.certPath;
    config.privateKeyPath = setup.keyPath;
    config.logSink = [](const std::string&) {};

    double raw = 0;
    {
        RawSink sink(setup);
        raw = rawPostAll(sink.port, bodies, setup.auth, false);
    }
    const double floor = intakeFloorSeconds(setup.dir.path + "/intake-floor.db", entryBodies);
    double protocol = 0;
    {
        auto store = seededServerStore(setup.dir.path + "/server-protocol.db", setup.auth);
        server::HeardServer heardServer(config, *store);
        heardServer.start();
        protocol = rawPostAll(heardServer.port(), bodies, setup.auth, true);
        heardServer.stop();
    }

    auto store = seededServerStore(setup.dir.path + "/server-client.db", setup.auth);
    server::HeardServer heardServer(config, *store);
    heardServer.start();
    sync::ServerEndpoint endpoint;
    endpoint.port = heardServer.port();
    endpoint.readTimeout = std::chrono::milliseconds(60000);
    std::atomic<double> syncThreadCpu{0.0};
    sync::BackoffPolicy policy;
    policy.periodic = std::chrono::hours(1);
    sync::SyncService service(*device, endpoint, {}, policy);
    service.setOnChange([&] { syncThreadCpu = threadCpuSeconds(); }); // runs on the sync thread
    auto waitCycles = [&](std::uint64_t n) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
        while (service.cyclesCompleted() < n && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        if (service.cyclesCompleted() < n) throw std::runtime_error("bench sync cycle did not finish");
    };
    const double sendingCpuBefore = sync::pushSendingCpuSeconds();
    auto start = std::chrono::steady_clock::now();
    service.start(); // the first cycle pushes everything
    waitCycles(1);
    double push = bench::secondsSince(start);
    // The sync thread reads and acknowledges; the batches go out from threads of their own.
    double pushCpu = syncThreadCpu.load() + sync::pushSendingCpuSeconds() - sendingCpuBefore;
    if (service.status().state != sync::SyncState::Idle || device->outboxPendingCount() != 0)
        throw std::runtime_error("bench client push failed: " + service.status().lastError);

    const int idleRounds = options.quick ? 3 : 30;
    std::vector<double> idleTimes;
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < idleRounds; ++i) {
        const auto round = std::chrono::steady_clock::now();
        service.syncNow();
        waitCycles(2 + static_cast<std::uint64_t>(i));
        idleTimes.push_back(bench::secondsSince(round) * 1000.0);
    }
    double idle = bench::secondsSince(start) / idleRounds;
    if (service.status().state != sync::SyncState::Idle)
        throw std::runtime_error("bench idle cycle failed: " + service.status().lastError);
    service.stop();
    heardServer.stop();

    const double mb = static_cast<double>(bytes) / 1e6;
    bench::report("sync.client_push_records", records, "records");
    bench::report("sync.client_push_entries", static_cast<double>(entries), "outbox entries");
    bench::report("sync.client_push_batches", static_cast<double>(bodies.size()),
                  "requests (baseline batching)");
    bench::report("sync.client_push_mb", mb, "MB");
    bench::report(options.quick ? "sync.client_push_small_records_per_s"
                                : "sync.client_push_10k_records_per_s",
                  records / push, "records/s");
    bench::report("sync.protocol_push_records_per_s", records / protocol, "records/s");
    bench::report(options.quick ? "sync.client_vs_protocol_small_ratio" : "sync.client_vs_protocol_10k_ratio",
                  protocol / push, "x (client / bare protocol throughput, goal >= 0.8)");
    bench::report("sync.client_push_cpu_s", pushCpu,
                  "s (client CPU: sync and sending threads, goal < 1.5 at 10k)");
    bench::report("sync.raw_https_MBps", mb / raw, "MB/s");
    bench::report("sync.client_vs_raw_https_ratio", raw / push,
                  "x (client / raw HTTPS throughput, goal >= 0.5)");
    bench::report("sync.intake_floor_MBps", mb / floor, "MB/s (digest and durable insert of each entry)");
    bench::report("sync.raw_https_vs_intake_floor_ratio", raw / floor,
                  "x (the most client_vs_raw_https_ratio can be with a server that keeps each entry)");
    bench::report("sync.idle_cycle_ms", idle * 1000.0, "ms (goal < 15)");
    bench::report("sync.idle_cycle_first_ms", idleTimes.front(), "ms (the first after the push)");
    bench::report("sync.idle_cycle_p50_ms", bench::percentile(idleTimes, 50), "ms");
}

void benchSync(const bench::Options& options) {
    Setup setup;
    protocolPush(options, setup);
    clientPushAndIdle(options, setup);
}

} // namespace

HEARD_BENCH_GROUP("sync", benchSync);
