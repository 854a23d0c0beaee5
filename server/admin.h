// Administrator commands of heard-server ("heard-server admin <command> ..."), callable from
// tests without a process. Output never includes passwords or device secrets.
#pragma once

#include "server/server_store.h"

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace heard::server {

// Opens a store from "sqlite:<path>" or "postgres:<libpq connection string>".
std::unique_ptr<ServerStore> openServerStore(const std::string& spec);

// Runs one admin command; returns the process exit code (0 success, 2 usage, 1 failure).
// Commands:
//   create-practitioner <id> <display name>     password is read from the first line of `in`
//   allocate <case id> <case reference> <child id> <child name> <child dob or -> <practitioner id>
//                                               (allocating a case held by someone else reallocates it)
//   revoke-device <device id>
//   lock-device <device id> | wipe-device <device id> | clear-device-command <device id>
//   set-recovery-key <hex public key>           64 hex characters; enrolment needs it
//   publish-content <version> <json file>
//   export <after seq>                          received entries as JSON lines, oldest first
//   stats                                       counts of received entries and conflicts
//   alerts [limit]                              safety alerts as JSON lines: unacknowledged first,
//                                               newest first (default limit 100)
//   acknowledge-alert <record id> <by>          a manager has read the alert
//   create-team, create-account, assign, deactivate, list-devices, accounts, close-case, reopen-case,
//   audit-log
//                                               people and devices (server/console/people.h)
int runAdminCommand(const std::vector<std::string>& args, ServerStore& store, std::istream& in,
                    std::ostream& out, std::ostream& err);

} // namespace heard::server
