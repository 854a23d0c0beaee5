#include "server/admin.h"

#include "server/case_life.h"
#include "server/console/people.h"

#include "base/iso_time.h"
#include "base/json_reader.h"
#include "server/heard_server.h"
#include "server/record_cipher.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace heard::server {

using nlohmann::json;

std::unique_ptr<ServerStore> openServerStore(const std::string& spec) {
    if (spec.rfind("sqlite:", 0) == 0) return openSqliteServerStore(spec.substr(7));
    if (spec.rfind("postgres:", 0) == 0) return openPostgresServerStore(spec.substr(9));
    throw ServerStoreError("database must be sqlite:<path> or postgres:<connection string>");
}

namespace {

int usage(std::ostream& err, const std::string& text) {
    err << "usage: heard-server admin " << text << '\n';
    return 2;
}

int deviceCommand(ServerStore& store, const std::string& id, sync::DeviceCommand command, std::ostream& out,
                  std::ostream& err) {
    if (!store.setDeviceCommand(id, command)) {
        err << "no such device: " << id << '\n';
        return 1;
    }
    out << "device " << id << ": command " << sync::deviceCommandName(command) << '\n';
    return 0;
}

} // namespace

int runAdminCommand(const std::vector<std::string>& args, ServerStore& store, std::istream& in,
                    std::ostream& out, std::ostream& err) {
    if (args.empty()) return usage(err, "<command> ... (see docs/sync-protocol.md)");
    const std::string& command = args[0];
    try {
        // Teams, roles, accounts and devices for the managers' console (issue 15).
        if (int code = console::runPeopleCommand(args, store, in, out, err); code >= 0) return code;
        // A case's whole life: reallocation (issue 20).
        if (int code = runLifeCommand(args, store, out, err); code >= 0) return code;
        if (command == "create-practitioner") {
            if (args.size() != 3)
                return usage(err, "create-practitioner <id> <display name>  (password on stdin)");
            if (!sync::isSafeId(args[1])) {
                err << "practitioner id must be 1-64 letters, digits, '-' or '_'\n";
                return 1;
            }
            std::string password;
            std::getline(in, password);
            if (password.size() < 12) {
                err << "password must be at least 12 characters\n";
                return 1;
            }
            if (store.practitioner(args[1])) {
                err << "practitioner already exists: " << args[1] << '\n';
                return 1;
            }
            store.createPractitioner(Practitioner{args[1], args[2], hashPassword(password), true});
            out << "created practitioner " << args[1] << '\n';
            return 0;
        }
        if (command == "allocate") {
            if (args.size() != 7)
                return usage(err, "allocate <case id> <case reference> <child id> <child name> <child dob or "
                                  "-> <practitioner id>");
            sync::Allocation a{args[1], args[2], args[3], args[4], args[5] == "-" ? "" : args[5]};
            if (!sync::isSafeId(a.caseId) || !sync::isSafeId(a.childId)) {
                err << "case and child ids must be 1-64 letters, digits, '-' or '_'\n";
                return 1;
            }
            if (!store.practitioner(args[6])) {
                err << "no such practitioner: " << args[6] << '\n';
                return 1;
            }
            auto previous = store.caseOwner(a.caseId);
            store.allocateCase(a, args[6]);
            store.transact([&](SqlSession& sql) {
                console::writeServerAudit(
                    sql, "admin", previous && *previous != args[6] ? "reallocate_case" : "allocate_case",
                    a.caseId, "to=" + args[6]);
                // Allocating a closed case again reopens it (issue 20).
                sql.exec("UPDATE case_life SET closed_at = '', closed_by = '' WHERE case_id = ?", {a.caseId});
                sql.exec("UPDATE case_status SET status = 'open', changed_at = ? WHERE case_id = ?",
                         {base::nowIsoUtc(), a.caseId});
            });
            if (previous && *previous != args[6])
                out << "reallocated case " << a.caseId << " from " << *previous << " to " << args[6] << '\n';
            else
                out << "allocated case " << a.caseId << " to " << args[6] << '\n';
            return 0;
        }
        if (command == "revoke-device") {
            if (args.size() != 2) return usage(err, "revoke-device <device id>");
            if (!store.revokeDevice(args[1])) {
                err << "no such device: " << args[1] << '\n';
                return 1;
            }
            out << "revoked device " << args[1] << '\n';
            return 0;
        }
        if (command == "lock-device" || command == "wipe-device" || command == "clear-device-command") {
            if (args.size() != 2) return usage(err, command + " <device id>");
            auto c = command == "lock-device"   ? sync::DeviceCommand::Lock
                     : command == "wipe-device" ? sync::DeviceCommand::Wipe
                                                : sync::DeviceCommand::None;
            return deviceCommand(store, args[1], c, out, err);
        }
        if (command == "set-recovery-key") {
            if (args.size() != 2) return usage(err, "set-recovery-key <hex public key>");
            // Devices refuse to enrol without a usable key, so a typing error is caught here.
            const std::string& hex = args[1];
            if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
                err << "the recovery public key must be 64 hex characters (a crypto_box public key)\n";
                return 1;
            }
            store.setSetting("recovery_public_key", hex);
            out << "recovery key set\n";
            return 0;
        }
        if (command == "publish-content") {
            if (args.size() != 3) return usage(err, "publish-content <version> <json file>");
            std::ifstream file(args[2]);
            if (!file) {
                err << "cannot read " << args[2] << '\n';
                return 1;
            }
            std::stringstream text;
            text << file.rdbuf();
            // Content files are outside input: the bounded reader (a pull answer nests them 3 deeper).
            json files = base::tryReadJson(text.str(), {sync::kMaxRequestBytes, sync::kMaxJsonDepth - 4})
                             .value_or(json());
            if (!files.is_object()) {
                err << "content file must be a JSON object (file name -> content)\n";
                return 1;
            }
            store.publishContent(sync::ContentUpdate{std::stoll(args[1]), files});
            out << "published content version " << args[1] << '\n';
            return 0;
        }
        if (command == "export") {
            if (args.size() != 2) return usage(err, "export <after seq>");
            std::int64_t after = std::stoll(args[1]);
            while (true) {
                auto batch = store.receivedSince(after, 500);
                if (batch.empty()) break;
                for (const auto& e : batch) {
                    if (RecordCipher::isSealed(e.body)) {
                        err << "record bodies are encrypted at rest: give --record-key <file> before admin\n";
                        return 1;
                    }
                    auto body = base::tryReadJson(e.body, {sync::kMaxEntryBodyBytes, sync::kMaxJsonDepth});
                    out << json{{"seq", e.receivedSeq},
                                {"itemType", e.itemType},
                                {"itemId", e.itemId},
                                {"version", e.version},
                                {"caseId", e.caseId},
                                {"deviceId", e.deviceId},
                                {"practitionerId", e.practitionerId},
                                {"receivedAt", e.receivedAt},
                                {"body", body ? *body : json(e.body)}}
                               .dump()
                        << '\n';
                    after = e.receivedSeq;
                }
            }
            return 0;
        }
        if (command == "alerts") {
            // Safety alerts (issue 14): unacknowledged first, newest first; one JSON line each.
            if (args.size() > 2) return usage(err, "alerts [limit]");
            const long long limit = args.size() == 2 ? std::stoll(args[1]) : 100;
            if (limit < 1 || limit > 100000) return usage(err, "alerts [limit]: limit 1 to 100000");
            for (const auto& a : store.safetyAlerts(static_cast<std::size_t>(limit)))
                out << json{{"seq", a.receivedSeq},
                            {"itemId", a.itemId},
                            {"version", a.version},
                            {"caseId", a.caseId},
                            {"deviceId", a.deviceId},
                            {"practitionerId", a.practitionerId},
                            {"receivedAt", a.receivedAt},
                            {"acknowledgedAt", a.acknowledgedAt},
                            {"acknowledgedBy", a.acknowledgedBy}}
                           .dump()
                    << '\n';
            return 0;
        }
        if (command == "acknowledge-alert") {
            if (args.size() != 3) return usage(err, "acknowledge-alert <record id> <by>");
            if (!store.acknowledgeSafetyAlert(args[1], args[2], base::nowIsoUtc())) {
                err << "no unacknowledged safety alert " << args[1] << '\n';
                return 1;
            }
            out << "acknowledged " << args[1] << '\n';
            return 0;
        }
        if (command == "stats") {
            out << json{{"received", store.receivedCount()}, {"conflicts", store.conflictCount()}}.dump()
                << '\n';
            return 0;
        }
    } catch (const std::exception& e) {
        err << command << " failed: " << e.what() << '\n';
        return 1;
    }
    return usage(err, "<command> ... unknown command: " + command);
}

} // namespace heard::server
