// People and scope for the managers' console (issue 15, item 1): roles and teams over the
// server's accounts, and THE scope rule. Every console query that touches case content takes
// its cases from teamCasesSql(), so "a manager sees only their team's cases; an administrator
// sees no case content" is decided here and nowhere else.
//
// Every account is a row of `practitioners` (sign-in name, Argon2id hash, active); its role and
// team are in `account_roles` (an account without a row there is a practitioner with no team).
#pragma once

#include "server/server_store.h"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace heard::server::console {

enum class Role {
    Practitioner,  // enrols tablets, writes records; never signs in to the console
    Manager,       // the console: their team's cases only
    Administrator, // the console: accounts, teams and devices; no case content
};
const char* roleName(Role role); // "practitioner" | "manager" | "administrator"
std::optional<Role> roleFromName(const std::string& name);

struct Account {
    std::string id, displayName, passwordHash;
    Role role = Role::Practitioner;
    std::string teamId; // "" no team
    bool active = true;
};

std::optional<Account> findAccount(SqlSession& sql, const std::string& id);
std::vector<Account> accountsInTeam(SqlSession& sql, const std::string& teamId);
std::vector<Account> allAccounts(SqlSession& sql);

// [scope] The case ids the viewer may see the content of, as a sub-select with one `?` for
// which scopeParam(viewer) is the value: a manager's team's practitioners' cases (the case's
// current holder); for anyone else it selects nothing.
const char* teamCasesSql();
std::string scopeParam(const Account& viewer);
bool maySeeCase(SqlSession& sql, const Account& viewer, const std::string& caseId);
// May a tablet be enrolled for this account (practitioners only).
bool mayEnrolTablet(ServerStore& store, const std::string& accountId);

// The server's own audit log (who saw or did what, when): every record view is written here.
void writeServerAudit(SqlSession& sql, const std::string& actor, const std::string& action,
                      const std::string& target, const std::string& detail = {});

// When a device last reached the server (pull or push): written on every pull.
void noteDeviceSeen(ServerStore& store, const std::string& deviceId);

struct DeviceRow {
    std::string id, accountId, createdAt, lastSeen;
    bool revoked = false;
};
std::vector<DeviceRow> listDevices(SqlSession& sql, const std::string& accountId = {});

// The people commands of `heard-server admin` (server/admin.h lists them). Returns -1 when args
// is not one of them, else the exit code.
//   create-team <team id> <name>
//   create-account <id> <practitioner|manager|administrator> <display name>   password on stdin
//   assign <account id> <team id> [role]
//   deactivate <account id>        its devices stop syncing at once; console sessions end
//   close-case <case id>           the case's work has ended (audit samples: closed cases)
//   reopen-case <case id>
//   list-devices [account id]      one JSON line per device
//   accounts                       one JSON line per account (no hashes)
//   audit-log [n]                  the server's audit log, last n entries (one JSON line each)
int runPeopleCommand(const std::vector<std::string>& args, ServerStore& store, std::istream& in,
                     std::ostream& out, std::ostream& err);

} // namespace heard::server::console
