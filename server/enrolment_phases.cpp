#include "server/enrolment_phases.h"

#include "server/console/people.h"

namespace heard::server {

void markEnrolmentPending(ServerStore& store, const std::string& deviceId, std::int64_t nowMs) {
    store.transact([&](SqlSession& sql) {
        sql.exec("INSERT INTO enrolment_pending(device_id, created_ms) VALUES(?, ?)", {deviceId, nowMs});
    });
}

bool enrolmentPending(ServerStore& store, const std::string& deviceId) {
    bool pending = false;
    store.transact([&](SqlSession& sql) {
        pending = !sql.query("SELECT 1 FROM enrolment_pending WHERE device_id = ?", {deviceId}).empty();
    });
    return pending;
}

namespace {

void deleteDevice(SqlSession& sql, const std::string& deviceId) {
    sql.exec("DELETE FROM enrolment_pending WHERE device_id = ?", {deviceId});
    sql.exec("DELETE FROM device_seen WHERE device_id = ?", {deviceId});
    sql.exec("DELETE FROM devices WHERE id = ?", {deviceId});
}

} // namespace

std::size_t sweepUnconfirmedEnrolments(ServerStore& store, std::int64_t nowMs, std::int64_t maxAgeMs) {
    std::size_t swept = 0;
    store.transact([&](SqlSession& sql) {
        for (const auto& row :
             sql.query("SELECT device_id FROM enrolment_pending WHERE created_ms < ?", {nowMs - maxAgeMs})) {
            // Never one that has sent anything (an older client that does not confirm).
            if (!sql.query("SELECT 1 FROM received WHERE device_id = ? LIMIT 1", {row[0]}).empty()) {
                sql.exec("DELETE FROM enrolment_pending WHERE device_id = ?", {row[0]});
                continue;
            }
            deleteDevice(sql, row[0]);
            ++swept;
        }
    });
    return swept;
}

std::size_t confirmEnrolment(ServerStore& store, const Device& device,
                             const std::optional<Device>& previous) {
    bool wasPending = false;
    store.transact([&](SqlSession& sql) {
        wasPending = sql.exec("DELETE FROM enrolment_pending WHERE device_id = ?", {device.id}) > 0;
        if (!wasPending || !previous || previous->practitionerId != device.practitionerId ||
            previous->id == device.id)
            return;
        // The same store goes on: its chains continue from where the earlier credential left them.
        for (const char* table : {"chain_tips", "safety_chain_tips"})
            sql.exec(
                std::string("INSERT INTO ") + table +
                    "(case_id, device_id, chain_seq, hash) SELECT t.case_id, ?, t.chain_seq, t.hash FROM " +
                    table + " t WHERE t.device_id = ? AND NOT EXISTS (SELECT 1 FROM " + table +
                    " x WHERE x.case_id = t.case_id AND x.device_id = ?)",
                {device.id, previous->id, device.id});
        console::writeServerAudit(sql, device.practitionerId, "enrol_again", device.id,
                                  "previous=" + previous->id);
    });
    if (!wasPending) return 0; // confirmed before: nothing more to do
    return store.revokeOtherDevices(device.practitionerId, device.id);
}

bool cancelEnrolment(ServerStore& store, const std::string& deviceId) {
    bool cancelled = false;
    store.transact([&](SqlSession& sql) {
        if (sql.query("SELECT 1 FROM enrolment_pending WHERE device_id = ?", {deviceId}).empty()) return;
        deleteDevice(sql, deviceId);
        cancelled = true;
    });
    return cancelled;
}

} // namespace heard::server
