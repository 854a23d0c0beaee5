#include "server/console/people.h"

#include "base/iso_time.h"
#include "server/heard_server.h"
#include "sync/protocol.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <istream>
#include <ostream>

namespace heard::server::console {

const char* roleName(Role role) {
    switch (role) {
    case Role::Manager:
        return "manager";
    case Role::Administrator:
        return "administrator";
    case Role::Practitioner:
        break;
    }
    return "practitioner";
}

std::optional<Role> roleFromName(const std::string& name) {
    if (name == "practitioner") return Role::Practitioner;
    if (name == "manager") return Role::Manager;
    if (name == "administrator") return Role::Administrator;
    return std::nullopt;
}

namespace {
const char* kAccountColumns = "SELECT p.id, p.display_name, p.password_hash, p.active, "
                              "COALESCE(r.role, 'practitioner'), COALESCE(r.team_id, '') "
                              "FROM practitioners p LEFT JOIN account_roles r ON r.account_id = p.id ";

Account accountFrom(const SqlRow& row) {
    Account a;
    a.id = row[0];
    a.displayName = row[1];
    a.passwordHash = row[2];
    a.active = row[3] != "0";
    a.role = roleFromName(row[4]).value_or(Role::Practitioner);
    a.teamId = row[5];
    return a;
}
} // namespace

std::optional<Account> findAccount(SqlSession& sql, const std::string& id) {
    auto rows = sql.query(std::string(kAccountColumns) + "WHERE p.id = ?", {id});
    if (rows.empty()) return std::nullopt;
    return accountFrom(rows[0]);
}

std::vector<Account> accountsInTeam(SqlSession& sql, const std::string& teamId) {
    std::vector<Account> out;
    for (const auto& row :
         sql.query(std::string(kAccountColumns) + "WHERE r.team_id = ? ORDER BY p.id", {teamId}))
        out.push_back(accountFrom(row));
    return out;
}

std::vector<Account> allAccounts(SqlSession& sql) {
    std::vector<Account> out;
    for (const auto& row : sql.query(std::string(kAccountColumns) + "ORDER BY p.id"))
        out.push_back(accountFrom(row));
    return out;
}

// [scope] ------------------------------------------------------------------------------------
// A manager's team is the team in their account_roles row; the cases they see are those whose
// current holder is a practitioner of that team. An empty team (or a non-manager, whose
// parameter can never match a team id) selects nothing.
const char* teamCasesSql() {
    return "SELECT sc.case_id FROM cases sc JOIN account_roles sr ON sr.account_id = sc.practitioner_id "
           "WHERE sr.role = 'practitioner' AND sr.team_id <> '' AND sr.team_id = ?";
}

std::string scopeParam(const Account& viewer) {
    // A newline can never be in a team id (ids are checked with sync::isSafeId).
    if (viewer.role != Role::Manager || !viewer.active || viewer.teamId.empty()) return "\n";
    return viewer.teamId;
}

bool maySeeCase(SqlSession& sql, const Account& viewer, const std::string& caseId) {
    auto rows = sql.query(std::string("SELECT count(*) FROM (") + teamCasesSql() + ") t WHERE t.case_id = ?",
                          {scopeParam(viewer), caseId});
    return !rows.empty() && rows[0][0] != "0";
}

bool mayEnrolTablet(ServerStore& store, const std::string& accountId) {
    bool may = true;
    store.transact([&](SqlSession& sql) {
        auto rows = sql.query("SELECT role FROM account_roles WHERE account_id = ?", {accountId});
        may = rows.empty() || rows[0][0] == "practitioner";
    });
    return may;
}

void writeServerAudit(SqlSession& sql, const std::string& actor, const std::string& action,
                      const std::string& target, const std::string& detail) {
    sql.exec("INSERT INTO server_audit(at, actor, action, target, detail) VALUES(?,?,?,?,?)",
             {base::nowIsoUtc(), actor, action, target, detail});
}

// The console tells tablets that went quiet for days: a minute's precision is plenty, and an
// idle tablet's every sync then costs the server no durable write (issue 19: sync.idle_cycle_ms).
void noteDeviceSeen(ServerStore& store, const std::string& deviceId) {
    const auto now = std::chrono::system_clock::now();
    const std::string nowText = base::formatIsoUtc(now);
    const std::string recently = base::formatIsoUtc(now - std::chrono::minutes(1));
    store.transact([&](SqlSession& sql) {
        const auto seen = sql.query("SELECT seen_at FROM device_seen WHERE device_id = ?", {deviceId});
        if (seen.empty())
            sql.exec("INSERT INTO device_seen(device_id, seen_at) VALUES(?,?)", {deviceId, nowText});
        else if (seen.front()[0] < recently)
            sql.exec("UPDATE device_seen SET seen_at = ? WHERE device_id = ?", {nowText, deviceId});
    });
}

std::vector<DeviceRow> listDevices(SqlSession& sql, const std::string& accountId) {
    std::string query = "SELECT d.id, d.practitioner_id, d.created_at, COALESCE(s.seen_at, ''), d.revoked "
                        "FROM devices d LEFT JOIN device_seen s ON s.device_id = d.id ";
    std::vector<SqlValue> params;
    if (!accountId.empty()) {
        query += "WHERE d.practitioner_id = ? ";
        params.push_back(accountId);
    }
    query += "ORDER BY d.practitioner_id, d.created_at";
    std::vector<DeviceRow> out;
    for (const auto& row : sql.query(query, params))
        out.push_back({row[0], row[1], row[2], row[3], row[4] != "0"});
    return out;
}

// [SECTION] Admin commands -------------------------------------------------------------------

int runPeopleCommand(const std::vector<std::string>& args, ServerStore& store, std::istream& in,
                     std::ostream& out, std::ostream& err) {
    if (args.empty()) return -1;
    const std::string& command = args[0];
    auto bad = [&](const std::string& what) {
        err << "heard-server admin " << command << ": " << what << '\n';
        return 2;
    };
    if (command == "create-team") {
        if (args.size() != 3) return bad("usage: create-team <team id> <name>");
        if (!sync::isSafeId(args[1])) return bad("a team id is letters, digits, '-', '_' or '.'");
        int code = 0;
        store.transact([&](SqlSession& sql) {
            if (!sql.query("SELECT id FROM teams WHERE id = ?", {args[1]}).empty()) {
                code = bad("team " + args[1] + " already exists");
                return;
            }
            sql.exec("INSERT INTO teams(id, name, created_at) VALUES(?,?,?)",
                     {args[1], args[2], base::nowIsoUtc()});
            writeServerAudit(sql, "admin", "create_team", args[1]);
        });
        if (code == 0) out << "created team " << args[1] << '\n';
        return code;
    }
    if (command == "create-account") {
        if (args.size() != 4)
            return bad("usage: create-account <id> <role> <display name> (password on stdin)");
        auto role = roleFromName(args[2]);
        if (!role) return bad("the role is practitioner, manager or administrator");
        if (!sync::isSafeId(args[1])) return bad("an account id is letters, digits, '-', '_' or '.'");
        std::string password;
        std::getline(in, password);
        if (password.size() < 12)
            return bad("the password (first line of stdin) needs 12 characters or more");
        if (store.practitioner(args[1])) return bad("account " + args[1] + " already exists");
        store.createPractitioner({args[1], args[3], hashPassword(password), true});
        store.transact([&](SqlSession& sql) {
            sql.exec("INSERT INTO account_roles(account_id, role, team_id) VALUES(?,?,'')",
                     {args[1], args[2]});
            writeServerAudit(sql, "admin", "create_account", args[1], args[2]);
        });
        out << "created " << args[2] << ' ' << args[1] << '\n';
        return 0;
    }
    if (command == "assign") {
        if (args.size() != 3 && args.size() != 4) return bad("usage: assign <account id> <team id> [role]");
        std::optional<Role> role;
        if (args.size() == 4 && !(role = roleFromName(args[3])))
            return bad("the role is practitioner, manager or administrator");
        int code = 0;
        store.transact([&](SqlSession& sql) {
            auto account = findAccount(sql, args[1]);
            if (!account) {
                code = bad("no account " + args[1]);
                return;
            }
            if (sql.query("SELECT id FROM teams WHERE id = ?", {args[2]}).empty()) {
                code = bad("no team " + args[2]);
                return;
            }
            const char* roleText = roleName(role.value_or(account->role));
            if (sql.exec("UPDATE account_roles SET team_id = ?, role = ? WHERE account_id = ?",
                         {args[2], std::string(roleText), args[1]}) == 0)
                sql.exec("INSERT INTO account_roles(account_id, role, team_id) VALUES(?,?,?)",
                         {args[1], std::string(roleText), args[2]});
            writeServerAudit(sql, "admin", "assign", args[1], args[2]);
        });
        if (code == 0) out << "assigned " << args[1] << " to " << args[2] << '\n';
        return code;
    }
    if (command == "deactivate") {
        if (args.size() != 2) return bad("usage: deactivate <account id>");
        std::int64_t changed = 0;
        store.transact([&](SqlSession& sql) {
            // The devices' sync checks the account on every request: they stop at once.
            changed = sql.exec("UPDATE practitioners SET active = 0 WHERE id = ?", {args[1]});
            sql.exec("DELETE FROM console_sessions WHERE account_id = ?", {args[1]});
            if (changed > 0) writeServerAudit(sql, "admin", "deactivate", args[1]);
        });
        if (changed == 0) {
            err << "no account " << args[1] << '\n';
            return 1;
        }
        out << "deactivated " << args[1] << '\n';
        return 0;
    }
    // close-case is server/case_life.cpp's (it also takes the case off the tablets); it writes
    // case_status too, so the audit sample sees it closed.
    if (command == "reopen-case") {
        if (args.size() != 2) return bad("usage: " + command + " <case id>");
        const bool closing = false;
        int code = 0;
        store.transact([&](SqlSession& sql) {
            if (sql.query("SELECT case_id FROM cases WHERE case_id = ?", {args[1]}).empty()) {
                code = bad("no case " + args[1]);
                return;
            }
            const std::string status = closing ? "closed" : "open";
            if (sql.exec("UPDATE case_status SET status = ?, changed_at = ? WHERE case_id = ?",
                         {status, base::nowIsoUtc(), args[1]}) == 0)
                sql.exec("INSERT INTO case_status(case_id, status, changed_at) VALUES(?,?,?)",
                         {args[1], status, base::nowIsoUtc()});
            sql.exec("UPDATE case_life SET closed_at = '', closed_by = '' WHERE case_id = ?", {args[1]});
            writeServerAudit(sql, "admin", "reopen_case", args[1]);
        });
        if (code == 0) out << (closing ? "closed " : "reopened ") << args[1] << '\n';
        return code;
    }
    if (command == "list-devices") {
        if (args.size() > 2) return bad("usage: list-devices [account id]");
        std::vector<DeviceRow> devices;
        store.transact([&](SqlSession& sql) { devices = listDevices(sql, args.size() == 2 ? args[1] : ""); });
        for (const auto& d : devices)
            out << nlohmann::json{{"device", d.id},
                                  {"account", d.accountId},
                                  {"createdAt", d.createdAt},
                                  {"lastSeen", d.lastSeen},
                                  {"revoked", d.revoked}}
                       .dump()
                << '\n';
        return 0;
    }
    if (command == "audit-log") {
        // Who saw or did what, when (every record view, search, note and audit), newest last.
        if (args.size() > 2) return bad("usage: audit-log [how many, newest; default 100]");
        std::int64_t count = 100;
        if (args.size() == 2) {
            try {
                count = std::stoll(args[1]);
            } catch (const std::exception&) {
                count = 0;
            }
            if (count < 1 || count > 100000) return bad("how many: a number from 1 to 100000");
        }
        std::vector<SqlRow> rows;
        store.transact([&](SqlSession& sql) {
            rows =
                sql.query("SELECT seq, at, actor, action, target, detail FROM server_audit ORDER BY seq DESC "
                          "LIMIT ?",
                          {count});
        });
        for (auto it = rows.rbegin(); it != rows.rend(); ++it)
            out << nlohmann::json{{"seq", std::stoll((*it)[0])}, {"at", (*it)[1]},     {"actor", (*it)[2]},
                                  {"action", (*it)[3]},          {"target", (*it)[4]}, {"detail", (*it)[5]}}
                       .dump()
                << '\n';
        return 0;
    }
    if (command == "accounts") {
        std::vector<Account> accounts;
        store.transact([&](SqlSession& sql) { accounts = allAccounts(sql); });
        for (const auto& a : accounts)
            out << nlohmann::json{{"account", a.id},
                                  {"role", roleName(a.role)},
                                  {"team", a.teamId},
                                  {"active", a.active}}
                       .dump()
                << '\n';
        return 0;
    }
    return -1;
}

} // namespace heard::server::console
