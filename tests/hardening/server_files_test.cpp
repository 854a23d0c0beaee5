// hardening.server_files (issue 17, items 8 and 2): the real heard-server executable keeps its
// files to its own user (0600), seals record bodies with a key file given by --record-key, refuses
// a key file others can read, and prints the organisation configuration for tablets with the
// CA's SPKI fingerprint.
#include "../sync/server_process.h"
#include "../sync/sync_test_support.h"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <thread>

using namespace heard;
using namespace heard::synctest;

namespace {

// heard-server with --no-config (tests/sync/server_process.h).
ServerRun run(const std::string& arguments) {
    return runServerExecutable(HEARD_SERVER_EXE, arguments);
}

std::string shell(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::array<char, 4096> buffer{};
    std::size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        out.append(buffer.data(), n);
    ::pclose(pipe);
    return out;
}

unsigned modeOf(const std::string& path) {
    struct stat info {};
    REQUIRE_MESSAGE(::stat(path.c_str(), &info) == 0, path);
    return info.st_mode & 0777;
}

int freePort() {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(s);
    return ntohs(address.sin_port);
}

} // namespace

TEST_CASE("item 8: the record key file: made 0600, refused when others can read it or it is not a key") {
    TempDir dir;
    std::string key = dir.file("record.key"), db = "sqlite:" + dir.file("server.db");
    auto made = run("admin create-record-key '" + key + "'");
    REQUIRE_MESSAGE(made.exitCode == 0, made.output);
    CHECK(modeOf(key) == 0600);
    CHECK(readFile(key).size() == 65);
    CHECK(run("admin create-record-key '" + key + "'").exitCode != 0); // never overwritten

    CHECK(run("--db " + db + " --record-key '" + key + "' admin stats").exitCode == 0);
    ::chmod(key.c_str(), 0640);
    auto readable = run("--db " + db + " --record-key '" + key + "' admin stats");
    CHECK(readable.exitCode == 1);
    CHECK_MESSAGE(readable.output.find("chmod 600") != std::string::npos, readable.output);

    std::string junk = dir.file("junk.key");
    std::ofstream(junk) << "not a key\n";
    ::chmod(junk.c_str(), 0600);
    auto bad = run("--db " + db + " --record-key '" + junk + "' admin stats");
    CHECK(bad.exitCode == 1);
    CHECK_MESSAGE(bad.output.find("64 hex characters") != std::string::npos, bad.output);

    auto missing = run("--db " + db + " --record-key '" + dir.file("nowhere.key") + "' admin stats");
    CHECK(missing.exitCode == 1);
    CHECK_MESSAGE(missing.output.find("cannot open the record key file") != std::string::npos,
                  missing.output);
}

TEST_CASE("item 8: heard-server's database and WAL are 0600 and hold no record text; export reads it with "
          "the key") {
    TempDir dir;
    TestCert cert = makeCert(dir.path(), "server");
    std::string dbPath = dir.file("server.db"), key = dir.file("record.key");
    {
        ::umask(022); // as an operator's shell would leave it: the database starts out 0644
        auto store = server::openSqliteServerStore(dbPath);
        seedOrganisation(*store);
    }
    REQUIRE(modeOf(dbPath) == 0644);
    REQUIRE(run("admin create-record-key '" + key + "'").exitCode == 0);

    const std::string phrase = "seven velvet walruses humming in the attic";
    int port = freePort();
    ServerProcess server(HEARD_SERVER_EXE,
                         {"--db", "sqlite:" + dbPath, "--listen", "127.0.0.1:" + std::to_string(port),
                          "--cert", cert.certPath, "--key", cert.keyPath, "--record-key", key});
    sync::ServerEndpoint endpoint;
    endpoint.port = port;
    endpoint.trustedCaPem = cert.pem;
    REQUIRE(server.waitHealthy(endpoint));
    std::string auth = enrolDevice(endpoint);
    auto chain = makeChain("case-a1", "child-a1", 1);
    chain[0].payload["whatHappened"] = phrase;
    chain[0].hash = storage::recordHash(chain[0]);
    auto response = pushEntries(endpoint, auth, {toPushEntry(chain[0], 1)});
    REQUIRE(response.results.size() == 1);
    REQUIRE(response.results[0].status == sync::EntryStatus::Stored);

    CHECK(modeOf(dbPath) == 0600);
    CHECK(modeOf(dbPath + "-wal") == 0600);
    std::string raw = readFile(dbPath) + readFile(dbPath + "-wal");
    CHECK(raw.find("velvet walruses") == std::string::npos);
    server.kill(SIGTERM);
    raw = readFile(dbPath);
    CHECK(raw.find("velvet walruses") == std::string::npos);

    auto exported = run("--db sqlite:'" + dbPath + "' --record-key '" + key + "' admin export 0");
    CHECK(exported.exitCode == 0);
    CHECK_MESSAGE(exported.output.find(phrase) != std::string::npos, exported.output);
    auto noKey = run("--db sqlite:'" + dbPath + "' admin export 0");
    CHECK(noKey.exitCode == 1);
    CHECK(noKey.output.find(phrase) == std::string::npos);
}

TEST_CASE("item 2: admin enrolment-config prints server, port, the CA PEM and its SPKI SHA-256") {
    TempDir dir;
    TestCert ca = makeCert(dir.path(), "org-ca");
    auto printed =
        run("admin enrolment-config --host central.example.org --port 8443 --ca '" + ca.certPath + "'");
    REQUIRE_MESSAGE(printed.exitCode == 0, printed.output);
    auto config = nlohmann::json::parse(printed.output);
    CHECK(config["format"] == "heard-organisation-v1");
    CHECK(config["server"] == "central.example.org");
    CHECK(config["port"] == 8443);
    CHECK(config["caPem"] == ca.pem);
    std::string expected =
        shell("openssl x509 -in '" + ca.certPath +
              "' -pubkey -noout | openssl pkey -pubin -outform der | sha256sum | cut -c1-64");
    REQUIRE(expected.size() >= 64);
    CHECK(config["caSpkiSha256"] == expected.substr(0, 64));

    CHECK(run("admin enrolment-config --host central.example.org --port 0 --ca '" + ca.certPath + "'")
              .exitCode == 2);
    CHECK(run("admin enrolment-config --host h --port 1 --ca '" + dir.file("none.pem") + "'").exitCode == 1);
}
