// Plain structs returned by the store. No SQL, no handles: safe to copy into UI state.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace heard::storage {

// A child as allocated from the server.
struct Child {
    std::string id, caseId, displayName;
    std::string dateOfBirth; // YYYY-MM-DD
    // Free-form from the server: address, addressConfidential, childProtectionPlan,
    // interpreterLanguage, ...
    nlohmann::json details = nlohmann::json::object();
};

// A case as allocated from the server.
struct Case {
    std::string id, reference, title;
    nlohmann::json details = nlohmann::json::object();
    bool secured = false; // frozen for a review (SF 3.43-3.47): records cannot change
    std::string securedAt;
};

enum class RecordStatus {
    Draft,  // autosaved, may change or be deleted
    Signed, // frozen: the database refuses UPDATE or DELETE
};
const char* toString(RecordStatus status); // "draft" | "signed"

struct Record {
    std::string id; // UUID made on the device
    int version = 1;
    std::string caseId, childId;
    std::string kind; // "visit", "concern", "not_seen", "skin_map", "activity", "addendum", ...
    RecordStatus status = RecordStatus::Draft;
    std::string author, createdAt, updatedAt, signedAt, signedBy;
    std::string parentId;  // addendum -> the signed record it adds to; activity -> its visit
    bool highRisk = false; // manager told at once; heads the sync queue (SF 2.30)
    nlohmann::json payload = nlohmann::json::object();
    std::string hash, prevHash; // set when signed (hex BLAKE2b-256), see docs/security-model.md
    int64_t chainSeq = 0;       // position in its chain (1, 2, ...); 0 for drafts
    // Which of the case's chains (storage/chain.h): "" the case's records; kSafetyChain its
    // safety alerts, which so never wait behind the case's unsynced records. Set when signed.
    std::string chain;
    // Made on another tablet and received with the case from the central system (issue 20):
    // shown with the child's records, read-only here, never sent back.
    bool received = false;
};

// What keeps a case on this tablet after the central system took it away (issue 20): drafts
// not yet signed, and signed records or their audit entries the server has not acknowledged
// (pending, or quarantined with the server's reason). A case leaves only with none of either.
struct CaseRemovalBlock {
    int64_t drafts = 0;
    int64_t unsynced = 0;
    bool blocked() const { return drafts > 0 || unsynced > 0; }
};

// A manager's oversight note or decision received from the central system (issue 15). The
// store lists it with the child's records as a signed Record of kind kinds::kManagerNote
// (author: the manager; payload: decision, note, note_date, about_record_id, author_name).
struct ManagerNote {
    int64_t seq = 0; // the server's order
    std::string id, recordId, caseId, childId, author, authorName, decision, note, noteDate, writtenAt, hash;
};

struct NewRecord {
    std::string caseId, childId, kind, author, parentId;
    bool highRisk = false;
    nlohmann::json payload = nlohmann::json::object();
};

struct AuditEntry {
    int64_t seq = 0;
    std::string at, actor, action, target, detail, hash, prevHash;
};

struct OutboxEntry {
    int64_t id = 0;
    std::string itemType; // "record" | "audit"
    std::string itemId;   // record UUID, or the audit seq as text
    int version = 1;
    int priority = 0;   // see OutboxPriority
    std::string caseId; // "" for audit entries
    std::string state;  // "pending" | "acknowledged" | "quarantined"
    std::string quarantineReason;
    std::string body; // canonical JSON to send
    // Entries written together share it (a record's id: the record and its signing's audit
    // entry); a batch is never cut between consecutive entries with the same non-empty key.
    std::string groupKey;
};

// Outbox priorities: a case with a high-risk record pending goes first as a whole (in its own
// order, with the audit entries of its records); everything else goes in the order written.
struct OutboxPriority {
    // A signed safety alert on the case's alert chain (storage/chain.h, kSafetyChain): sent
    // before anything else, on its own, since nothing of its case's records chain precedes it.
    static constexpr int SafetyAlertChain = 300;
    // A safety alert signed on the case's own chain (a store from before migration 8): its case
    // goes first, as a whole, in chain order.
    static constexpr int SafetyAlert = 200;
    static constexpr int HighRiskRecord = 100;
    static constexpr int Record = 50;
    static constexpr int Audit = 10;
};

// The caseload as the store keeps it (issue 19): one entry per child, from the caseload
// summary that triggers update in the same transaction as every write. The app turns
// entries into its rows (ages, flags from details, follow-up deadlines).
struct CaseloadConcern {
    std::string recordId;
    nlohmann::json payload;                       // the signed concern
    std::vector<nlohmann::json> addendumPayloads; // its addenda, oldest first
};

struct CaseloadEntry {
    std::string childId, caseId, name, caseReference, dateOfBirth;
    nlohmann::json details = nlohmann::json::object(); // the child's details from the server
    int notSynced = 0;                     // drafts plus signed records with a pending outbox entry
    bool highRisk = false;                 // any record of the child flagged high risk
    std::string lastSeen;                  // signed_at of the latest signed visit, "" never
    std::vector<CaseloadConcern> concerns; // signed concerns, oldest first
    std::string riskReviewDate;            // "review_date" of the latest signed risk identification, "" none
    // What the app derived from this child's concerns, as it saved it (Store::saveCaseloadDerived).
    // When derivedFresh, the concerns have not changed since: `concerns` is left empty (not read)
    // and `derived` holds the app's text. Otherwise `concerns` is filled and derivedInputsSeq is
    // what to save the newly derived text under (0: the child has no concerns, nothing to save).
    bool derivedFresh = false;
    std::string derived;
    int64_t derivedInputsSeq = 0;
};

// The app's text for one child, derived from the entry that carried derivedInputsSeq.
struct CaseloadDerived {
    std::string childId;
    int64_t inputsSeq = 0;
    std::string text;
};

struct CaseloadChanges {
    int64_t upTo = 0;                   // pass as `since` next time
    std::vector<CaseloadEntry> changed; // children whose entry changed after `since` (all for 0)
};

struct ChainReport {
    bool ok = true;
    std::vector<std::string> problems; // one line per problem, naming the record/entry
};

// The background whole-store check (Store::startIntegrityCheck).
struct IntegrityStatus {
    enum class State {
        NotStarted, // startIntegrityCheck() not called since unlock
        Running,    // reading the file and the chains
        Ok,         // every page and every chain checked
        Failed,     // see problems: show them, keep the files, sync and call support
    };
    State state = State::NotStarted;
    std::vector<std::string> problems;
};

} // namespace heard::storage
