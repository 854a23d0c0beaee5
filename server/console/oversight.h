// What the managers' console reads and writes about records (issue 15, items 3 and 5):
//
//   [SECTION] Record index   a side table of the received records' envelopes (kind, child,
//                            high risk, when it happened, follow-up deadlines), filled from
//                            `received` as records arrive, so the queue never parses bodies
//   [SECTION] Queue          the manager's first page, in its order
//   [SECTION] Notes          the manager's word: a signed, immutable oversight note that
//                            acknowledges an alert and travels back to the tablet on pull
//
// Every query that returns case content is scoped by people.h's teamCasesSql().
#pragma once

#include "base/referral_deadlines.h"
#include "server/console/note_signer.h"
#include "server/console/people.h"
#include "sync/protocol.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace heard::server::console {

// [SECTION] Record index

// Follow-up deadlines per referral route, in working days (assets/safeguarding/safeguarding.json,
// the same file the tablet reads).
struct RouteDeadlines {
    std::string route;
    std::vector<base::DeadlineRule> deadlines; // id, working days
};
std::vector<RouteDeadlines> loadRouteDeadlines(const std::string& safeguardingJsonPath);

// Indexes received records not yet indexed (at most limit); returns how many it indexed.
std::size_t indexNewRecords(ServerStore& store, SqlSession& sql, const std::vector<RouteDeadlines>& routes,
                            std::size_t limit = 2000);

// One indexed record envelope.
struct IndexedRecord {
    std::int64_t receivedSeq = 0;
    std::string itemId;
    std::int64_t version = 0;
    std::string caseId, childId, practitionerId, kind, parentId, signedAt, eventAt;
    bool highRisk = false;
};

// [SECTION] Queue

enum class QueueSection {
    Urgent,         // safety alerts and high-risk records not yet acknowledged, oldest first
    FollowUps,      // follow-ups due today or overdue (working days, bank holidays)
    AwaitingReview, // signed records that want a manager's word and have none
    QuietDevices,   // team devices that have not synced for more than 3 days
};

struct QueueItem {
    QueueSection section = QueueSection::Urgent;
    std::string kind;     // record kind, or "device"
    std::string recordId; // opens the record ("" for a device)
    std::string caseId, childId, practitionerId;
    std::string since;       // ISO time: when the child said it / deadline / signed / last seen
    std::string followUpId;  // FollowUps: the deadline's id
    int workingDaysLate = 0; // FollowUps: 0 due today, n overdue by n working days
    std::string deviceId;    // QuietDevices
};

std::vector<QueueItem> buildQueue(SqlSession& sql, const Account& manager, base::TimePoint now,
                                  std::size_t perSectionLimit = 200);

// The record, if the viewer may see it (the newest version of itemId); nullopt otherwise, for an
// unknown id and for a record outside the viewer's scope alike (a 404 either way).
std::optional<IndexedRecord> findRecordInScope(SqlSession& sql, const Account& viewer,
                                               const std::string& itemId);
std::vector<IndexedRecord> addendaOf(SqlSession& sql, const std::string& itemId);
// The stored body (opened when sealed at rest), hash and chain fields of one received record.
struct StoredRecord {
    std::string body, hash, deviceId;
    std::int64_t chainSeq = 0;
};
std::optional<StoredRecord> storedRecord(ServerStore& store, SqlSession& sql, std::int64_t receivedSeq);
// The chain check at the server: the previous link's hash (same case and device) matches.
std::string chainLinkProblem(SqlSession& sql, const std::string& caseId, const std::string& deviceId,
                             std::int64_t chainSeq, const std::string& prevHash);

// [SECTION] Notes

// The decisions a manager can record (ids; their words are in text.cpp).
const std::vector<std::string>& noteDecisions();

struct OversightNote {
    std::int64_t seq = 0;
    std::string id, recordId, caseId, childId, author, authorName, decision, note, noteDate, writtenAt, hash;
    std::string signature;          // Ed25519 (hex) by the server's note key, over managerNoteSignedBytes
    sync::ManagerNote wire() const; // as it travels to the tablet
    nlohmann::json toJson() const;  // the stored body: every field, hash and signature
};

// Writes the note, signed (note_signer.h) and sealed at rest when records are, and in the same
// transaction acknowledges the record's safety alert. formId is its id: a replayed form is
// refused. Returns the problem ("" saved): "duplicate" when the form was already saved.
std::string writeNote(ServerStore& store, SqlSession& sql, const NoteSigner& signer, const Account& manager,
                      const IndexedRecord& record, const std::string& formId, const std::string& decision,
                      const std::string& note, const std::string& noteDate, OversightNote* saved = nullptr);
std::vector<OversightNote> notesForRecord(ServerStore& store, SqlSession& sql, const std::string& recordId);
// Notes on the cases the practitioner now holds, seq > cursor, oldest first (for pull).
std::vector<OversightNote> notesForPractitioner(ServerStore& store, const std::string& practitionerId,
                                                std::int64_t cursor, std::size_t limit = 500);

} // namespace heard::server::console
