// sync.load: 200 simulated devices push concurrently to one heard-server (SQLite backend) over
// loopback TLS. Nothing may be lost or duplicated; the p50/p99 request latency is printed (it is
// a figure to read, never a pass/fail threshold).
#include "sync_test_support.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <atomic>
#include <condition_variable>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

using namespace heard;
using namespace heard::synctest;

TEST_CASE("200 devices pushing at once: every record stored exactly once") {
    const int kDevices =
        std::getenv("HEARD_LOAD_DEVICES") ? std::atoi(std::getenv("HEARD_LOAD_DEVICES")) : 200;
    constexpr int kRecordsPerDevice = 10;
    constexpr std::size_t kBatch = 5;

    TempDir dir;
    TestCert cert = makeCert(dir.path(), "server");
    auto store = server::openSqliteServerStore(dir.file("server.db"));
    seedOrganisation(*store);
    std::vector<std::string> auths;
    for (int d = 0; d < kDevices; ++d) {
        std::string id = "dev-load-" + std::to_string(d);
        std::string secret = sync::randomHex(32);
        store->createDevice(
            {id, kPractitioner, server::blake2bHex(secret), false, sync::DeviceCommand::None});
        auths.push_back(id + ":" + secret);
    }
    server::ServerConfig config;
    config.threads = 32;
    ServerHarness harness(*store, cert, config);
    auto endpoint = harness.endpoint();
    endpoint.pinnedCertPem = cert.pem;
    endpoint.connectTimeout = std::chrono::milliseconds(10000);
    endpoint.readTimeout = std::chrono::milliseconds(30000);

    std::mutex mutex;
    std::condition_variable go;
    bool started = false;
    std::vector<double> latenciesMs;
    std::atomic<int> failedDevices{0};
    std::atomic<int> retries{0};
    std::map<std::string, int> failureKinds; // why requests had to be retried
    std::vector<std::thread> devices;
    for (int d = 0; d < kDevices; ++d) {
        devices.emplace_back([&, d] {
            // Each device has its own chain on case-a1 (chains are per case per device).
            auto chain = makeChain("case-a" + std::to_string(1 + d % 3),
                                   "child-a" + std::to_string(1 + d % 3), kRecordsPerDevice);
            {
                std::unique_lock lock(mutex);
                go.wait(lock, [&] { return started; });
            }
            sync::HttpsChannel channel(endpoint);
            std::vector<double> mine;
            for (std::size_t first = 0; first < chain.size(); first += kBatch) {
                sync::PushRequest request;
                for (std::size_t i = first; i < std::min(first + kBatch, chain.size()); ++i)
                    request.entries.push_back(toPushEntry(chain[i], static_cast<std::int64_t>(i + 1)));
                bool acked = false;
                for (int attempt = 0; attempt < 10 && !acked; ++attempt) { // bounded retries
                    request.batchId = sync::randomHex(8);
                    auto t0 = std::chrono::steady_clock::now();
                    auto result = channel.post(sync::kPathPush, sync::toJson(request).dump(),
                                               auths[static_cast<std::size_t>(d)]);
                    mine.push_back(
                        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                            .count());
                    if (!result.transportOk || result.status != 200) {
                        ++retries;
                        std::lock_guard lock(mutex);
                        ++failureKinds[result.transportOk ? "status " + std::to_string(result.status)
                                                          : result.error];
                        continue;
                    }
                    auto response = sync::pushResponseFromJson(sync::parseObject(result.body));
                    acked = response.batchId == request.batchId &&
                            std::all_of(response.results.begin(), response.results.end(),
                                        [](const sync::PushResult& r) {
                                            return r.status == sync::EntryStatus::Stored ||
                                                   r.status == sync::EntryStatus::Duplicate;
                                        });
                    if (!acked) ++retries;
                }
                if (!acked) {
                    ++failedDevices;
                    break;
                }
            }
            std::lock_guard lock(mutex);
            latenciesMs.insert(latenciesMs.end(), mine.begin(), mine.end());
        });
    }
    auto t0 = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(mutex);
        started = true;
    }
    go.notify_all();
    for (auto& t : devices)
        t.join();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    for (const auto& [kind, count] : failureKinds)
        std::cout << "sync.load retried: " << kind << " x" << count << std::endl;
    {
        std::vector<double> serverMs;
        for (const auto& line : harness.logLines()) {
            auto j = nlohmann::json::parse(line, nullptr, false);
            if (j.is_object() && j.value("event", "") == "push" && j.contains("ms"))
                serverMs.push_back(j["ms"].get<double>());
        }
        std::sort(serverMs.begin(), serverMs.end());
        if (!serverMs.empty())
            std::cout << "sync.load server_handler_ms p50 " << serverMs[serverMs.size() / 2] << " p99 "
                      << serverMs[serverMs.size() * 99 / 100] << std::endl;
    }
    CHECK(failedDevices.load() == 0);
    CHECK(store->receivedCount() == static_cast<std::size_t>(kDevices * kRecordsPerDevice));
    CHECK(store->conflictCount() == 0);
    REQUIRE(!latenciesMs.empty());
    std::sort(latenciesMs.begin(), latenciesMs.end());
    auto at = [&](double p) {
        return latenciesMs[std::min(
            latenciesMs.size() - 1,
            static_cast<std::size_t>(p / 100.0 * static_cast<double>(latenciesMs.size())))];
    };
    std::cout << "sync.load devices " << kDevices << " records " << kDevices * kRecordsPerDevice
              << " requests " << latenciesMs.size() << " retries " << retries.load() << " wall_s " << seconds
              << " p50_ms " << at(50) << " p99_ms " << at(99) << " max_ms " << latenciesMs.back()
              << std::endl;
}
