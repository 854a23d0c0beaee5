// oversight.*: the managers' console queue page (issue 15) at the size of an organisation, on
// PostgreSQL (a throw-away cluster started here): 200 practitioners in 20 teams, 10,000 cases,
// 100,000 records. The figure is the p95 time of GET /console/queue for one team's manager
// through the real heard-server (HTTP, loopback), and its ratio to a bare SELECT of the rows the
// queue reads (the team's indexed records) on the same database in the same run.
//
//   oversight.queue_page_p95      ms
//   oversight.queue_select_p95    ms   (baseline)
//   oversight.queue_ratio         x    (goal: page p95 under 200 ms, ratio at most 3)
#include "bench/bench.h"

#ifdef HEARD_HAVE_PQXX
#include "base/hash.h"
#include "base/iso_time.h"
#include "server/console/oversight.h"
#include "server/console/people.h"
#include "server/heard_server.h"
#include "server/server_store.h"
#include "tests/sync/postgres_cluster.h"

#include <httplib.h>
#include <pqxx/pqxx>

#include <cstdio>
#include <optional>

namespace heard::bench {
namespace {

void benchOversight(const Options& options) {
    auto& cluster = synctest::PostgresCluster::shared();
    if (!cluster.start()) {
        std::fprintf(stderr, "oversight: PostgreSQL could not be started: %s\n", cluster.reason().c_str());
        return;
    }
    const std::string conninfo = cluster.createDatabase();
    auto store = server::openPostgresServerStore(conninfo); // creates the schema
    const int practitioners = options.quick ? 20 : 200;
    const int casesPer = 50;   // 10,000 cases
    const int recordsPer = 10; // 100,000 records
    const int cases = practitioners * casesPer;
    const int records = cases * recordsPer;
    {
        // Bulk fixtures in SQL (fictional ids only): teams of 10 practitioners, one manager each.
        pqxx::connection c(conninfo);
        pqxx::work tx(c);
        const std::string now = base::nowIsoUtc();
        tx.exec("INSERT INTO teams(id, name, created_at) SELECT 'team-' || t, 'Team ' || t, '" + now +
                "' FROM generate_series(0, " + std::to_string(practitioners / 10 - 1) + ") t");
        tx.exec("INSERT INTO practitioners(id, display_name, password_hash, active) SELECT 'pr-' || p, "
                "'Practitioner ' || p, 'x', 1 FROM generate_series(0, " +
                std::to_string(practitioners - 1) + ") p");
        tx.exec("INSERT INTO account_roles(account_id, role, team_id) SELECT 'pr-' || p, 'practitioner', "
                "'team-' || (p / 10) FROM generate_series(0, " +
                std::to_string(practitioners - 1) + ") p");
        tx.exec(
            "INSERT INTO practitioners(id, display_name, password_hash, active) VALUES('mgr-0', 'Manager 0', "
            "'x', 1)");
        tx.exec("INSERT INTO account_roles(account_id, role, team_id) VALUES('mgr-0', 'manager', 'team-0')");
        tx.exec(
            "INSERT INTO cases(case_id, practitioner_id, allocation) SELECT 'case-' || c, 'pr-' || (c / " +
            std::to_string(casesPer) + "), '{}' FROM generate_series(0, " + std::to_string(cases - 1) +
            ") c");
        // Every 20th record a concern, every 50th high risk, every 500th a safety alert; a tenth
        // of them already have a manager's note.
        tx.exec(
            "INSERT INTO record_index(received_seq, item_id, version, case_id, child_id, practitioner_id, "
            "kind, "
            "high_risk, parent_id, signed_at, event_at, extra) SELECT r, 'rec-' || r, 1, 'case-' || (r / " +
            std::to_string(recordsPer) + "), 'child-' || (r / " + std::to_string(recordsPer) +
            "), 'pr-' || (r / " + std::to_string(recordsPer * casesPer) +
            "), CASE WHEN r % 500 = 0 THEN 'safety_alert' WHEN r % 20 = 0 THEN 'concern' ELSE 'visit' END, "
            "CASE WHEN r % 50 = 0 THEN 1 ELSE 0 END, '', to_char(timestamp '2026-01-01' + r * interval '1 "
            "minute', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), to_char(timestamp '2026-01-01' + r * interval '1 "
            "minute', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), CASE WHEN r % 20 = 0 AND r % 500 <> 0 THEN "
            "'[{\"id\":\"confirm_in_writing\",\"due\":\"2026-03-02T23:59:59Z\"}]' ELSE '' END "
            "FROM generate_series(1, " +
            std::to_string(records) + ") r");
        tx.exec(
            "INSERT INTO safety_alerts(item_id, version, received_seq, case_id, device_id, practitioner_id, "
            "received_at) SELECT item_id, 1, received_seq, case_id, 'dev', practitioner_id, signed_at FROM "
            "record_index WHERE kind = 'safety_alert'");
        tx.exec("INSERT INTO oversight_notes(id, record_id, case_id, author, decision, note_date, "
                "written_at, body, "
                "hash) SELECT 'note-' || received_seq, item_id, case_id, 'mgr-0', 'noted', '2026-06-01', "
                "'2026-06-01T00:00:00Z', '{}', 'h' FROM record_index WHERE received_seq % 10 = 3");
        tx.exec("UPDATE record_index SET noted = 1 WHERE received_seq % 10 = 3");
        tx.exec("INSERT INTO console_sessions(token_hash, account_id, stage, csrf, language, created_ms, "
                "last_seen_ms) VALUES('" +
                base::blake2bHex(std::string(64, 'a')) + "', 'mgr-0', 'full', 'c', 'en', 0, " +
                std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count()) +
                ")");
        tx.exec("ANALYZE");
        tx.commit();
    }
    server::ServerConfig config;
    config.port = 0;
    config.plainHttpForDevelopment = true;
    config.console = true;
    config.threads = 4;
    config.logSink = [](const std::string&) {};
    server::HeardServer http(config, *store);
    http.start();
    httplib::Client client("127.0.0.1", http.port());
    client.set_read_timeout(30, 0);
    httplib::Headers headers = {{"Cookie", "heard_console=" + std::string(64, 'a')}};
    const int rounds = options.quick ? 5 : 60;
    std::vector<double> page, bare;
    std::size_t pageBytes = 0;
    {
        auto warm = client.Get("/console/queue", headers); // indexes nothing new; warms caches
        if (!warm || warm->status != 200) {
            std::fprintf(stderr, "oversight: the queue page did not answer 200\n");
            return;
        }
        pageBytes = warm->body.size();
    }
    pqxx::connection direct(conninfo);
    const std::string bareSql = "SELECT ri.received_seq, ri.item_id, ri.version, ri.case_id, ri.child_id, "
                                "ri.practitioner_id, ri.kind, "
                                "ri.parent_id, ri.signed_at, ri.event_at, ri.high_risk, ri.extra FROM "
                                "record_index ri WHERE ri.case_id IN "
                                "(SELECT c.case_id FROM cases c JOIN account_roles r ON r.account_id = "
                                "c.practitioner_id WHERE r.team_id = "
                                "'team-0')";
    for (int i = 0; i < rounds; ++i) {
        auto start = std::chrono::steady_clock::now();
        auto res = client.Get("/console/queue", headers);
        page.push_back(secondsSince(start) * 1000);
        if (!res || res->status != 200) std::fprintf(stderr, "oversight: a queue request failed\n");
        start = std::chrono::steady_clock::now();
        {
            pqxx::read_transaction tx(direct);
            auto rows = tx.exec(bareSql);
            (void)rows.size();
        }
        bare.push_back(secondsSince(start) * 1000);
    }
    http.stop();
    // Where the page's time goes: the queue's queries alone, in process.
    std::vector<double> build;
    std::optional<server::console::Account> manager;
    store->transact([&](server::SqlSession& sql) { manager = server::console::findAccount(sql, "mgr-0"); });
    for (int i = 0; i < rounds && manager; ++i) {
        auto start = std::chrono::steady_clock::now();
        store->transact([&](server::SqlSession& sql) {
            (void)server::console::buildQueue(sql, *manager, std::chrono::system_clock::now());
        });
        build.push_back(secondsSince(start) * 1000);
    }
    if (!build.empty()) report("oversight.queue_queries_p95", percentile(build, 95), "ms");
    const double pageP95 = percentile(page, 95), bareP95 = percentile(bare, 95);
    report("oversight.queue_page_p95", pageP95, "ms");
    report("oversight.queue_select_p95", bareP95, "ms");
    report("oversight.queue_ratio", bareP95 > 0 ? pageP95 / bareP95 : 0, "x");
    report("oversight.queue_page_bytes", double(pageBytes), "bytes");
    report("oversight.records", double(records), "records");
}

} // namespace

HEARD_BENCH_GROUP("oversight", benchOversight);

} // namespace heard::bench
#endif
