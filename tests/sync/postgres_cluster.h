// A throw-away PostgreSQL 15 cluster for tests: initdb + pg_ctl in a temp directory, listening
// on a free loopback port only. As root (CI) it runs the server as the `postgres` user, because
// initdb refuses root. If it cannot start, start() returns false and reason() says why; the
// tests then FAIL with that reason (they never pass silently).
#pragma once

#include <memory>
#include <string>

namespace heard::synctest {

class PostgresCluster {
public:
    PostgresCluster();
    ~PostgresCluster(); // stops the cluster and removes its directory
    PostgresCluster(const PostgresCluster&) = delete;
    PostgresCluster& operator=(const PostgresCluster&) = delete;

    bool start();
    const std::string& reason() const { return m_reason; }
    // A new empty database; returns its libpq connection string.
    std::string createDatabase();

    // One cluster per test process, started on first use.
    static PostgresCluster& shared();

private:
    bool run(const std::string& command, const std::string& what);
    std::string m_dir, m_reason, m_asUser;
    int m_port = 0;
    bool m_started = false;
    int m_databases = 0;
};

} // namespace heard::synctest
