#include "postgres_cluster.h"

#include <pqxx/pqxx>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace heard::synctest {

namespace {
const char* kBin = "/usr/lib/postgresql/15/bin";

int freeLoopbackPort() {
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

std::string tail(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::string all = text.str();
    return all.size() > 1500 ? all.substr(all.size() - 1500) : all;
}
} // namespace

PostgresCluster::PostgresCluster() = default;

PostgresCluster::~PostgresCluster() {
    if (m_started)
        run(std::string(kBin) + "/pg_ctl -D '" + m_dir + "/data' -m immediate -w -t 20 stop", "stop");
    if (!m_dir.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(m_dir, ignored);
    }
}

bool PostgresCluster::run(const std::string& command, const std::string& what) {
    std::string full = m_asUser.empty() ? command : "runuser -u " + m_asUser + " -- " + command;
    full += " >>'" + m_dir + "/setup.log' 2>&1";
    if (std::system(full.c_str()) != 0) {
        m_reason = what + " failed: " + full + "\n" + tail(m_dir + "/setup.log") + "\n" +
                   tail(m_dir + "/server.log");
        return false;
    }
    return true;
}

bool PostgresCluster::start() {
    if (m_started) return true;
    if (!std::filesystem::exists(std::string(kBin) + "/initdb")) {
        m_reason =
            std::string("PostgreSQL 15 is not installed (no ") + kBin + "/initdb); run scripts/setup-deps.sh";
        return false;
    }
    std::string pattern = (std::filesystem::temp_directory_path() / "heard-pg-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
        m_reason = "cannot make a temporary directory";
        return false;
    }
    m_dir = pattern;
    if (::geteuid() == 0) {
        // initdb refuses to run as root: the cluster belongs to the postgres user.
        passwd* pg = ::getpwnam("postgres");
        if (!pg) {
            m_reason = "running as root and there is no 'postgres' user to run PostgreSQL as";
            return false;
        }
        if (::chown(m_dir.c_str(), pg->pw_uid, pg->pw_gid) != 0) {
            m_reason = "cannot give " + m_dir + " to the postgres user";
            return false;
        }
        m_asUser = "postgres";
    }
    { std::ofstream(m_dir + "/setup.log"); }
    if (::geteuid() == 0) {
        passwd* pg = ::getpwnam("postgres");
        if (::chown((m_dir + "/setup.log").c_str(), pg->pw_uid, pg->pw_gid) != 0) {
        }
    }
    m_port = freeLoopbackPort();
    if (!run(std::string(kBin) + "/initdb -D '" + m_dir + "/data' -A trust -U heard --no-sync -E UTF8",
             "initdb"))
        return false;
    std::string options = "-p " + std::to_string(m_port) + " -k " + m_dir +
                          " -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=32MB";
    if (!run(std::string(kBin) + "/pg_ctl -D '" + m_dir + "/data' -l '" + m_dir + "/server.log' -o '" +
                 options + "' -w -t 30 start",
             "pg_ctl start"))
        return false;
    m_started = true;
    return true;
}

std::string PostgresCluster::createDatabase() {
    std::string name = "heard_test_" + std::to_string(++m_databases);
    std::string admin = "host=127.0.0.1 port=" + std::to_string(m_port) + " user=heard dbname=postgres";
    pqxx::connection connection(admin);
    pqxx::nontransaction tx(connection);
    tx.exec("CREATE DATABASE " + name);
    return "host=127.0.0.1 port=" + std::to_string(m_port) + " user=heard dbname=" + name;
}

PostgresCluster& PostgresCluster::shared() {
    static PostgresCluster cluster;
    return cluster;
}

} // namespace heard::synctest
