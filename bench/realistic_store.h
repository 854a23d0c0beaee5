// A realistic, fictional store at scale for benchmarks and scale tests: children in sibling
// groups with the details the caseload flags (child protection plan, confidential address,
// interpreter), and records as a practitioner makes them — signed visits, concerns with
// telephone referrals and follow-ups, addenda (some marking follow-ups done), activities,
// drafts (a few high risk) — each signed record hash-chained per case with its outbox entry,
// most of them acknowledged. Written with raw SQL in one transaction (this is set-up), so
// the caseload summary triggers keep up exactly as they do for the store's own writes.
// Header-only: heard-bench and tests/scale both include it. Every name is invented.
#pragma once

#include "storage/chain.h"
#include "storage/record_kinds.h"
#include "storage/database.h"
#include "storage/records.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace heard::bench {

struct RealisticShape {
    int children = 10000;
    int records = 100000;
    int payloadBytes = 2300; // a typed-up visit; the issue measured ~2.3 KB per record
};

inline std::string realisticUuid(int64_t n) {
    char text[37];
    std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012lld", static_cast<long long>(n));
    return text;
}

inline std::string realisticTime(int64_t minutes) {
    // From 2025-01-01T00:00:00Z, one record every few minutes; good enough for ordering.
    const int64_t day = minutes / (24 * 60), minute = minutes % (24 * 60);
    const int year = 2025 + int(day / 336), month = 1 + int(day % 336) / 28, dom = 1 + int(day % 28);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:00Z", year, month, dom, int(minute / 60),
                  int(minute % 60));
    return text;
}

// Fills db (schema migrated, no cases yet). Returns the number of signed records.
inline int fillRealisticStore(storage::Database& db, const RealisticShape& shape, uint32_t seed = 7) {
    using namespace heard::storage;
    std::mt19937 rng(seed);
    static const char* words[] = {"the",      "child",  "drew",      "a",      "house", "with",
                                  "a",        "garden", "and",       "said",   "they",  "like",
                                  "visiting", "on",     "saturdays", "school", "is",    "fine"};
    auto text = [&](int bytes) {
        std::string t;
        while (int(t.size()) < bytes) {
            t += words[rng() % 18];
            t += ' ';
        }
        return t;
    };
    Transaction transaction(db);
    const int cases = std::max(1, shape.children / 4);
    {
        auto st = db.prepare("INSERT INTO cases (id, reference, title) VALUES (?, ?, 'Invented family')");
        for (int c = 0; c < cases; ++c) {
            st.reset();
            st.bind(1, "case-" + std::to_string(c)).bind(2, "REF-" + std::to_string(10000 + c)).run();
        }
    }
    {
        auto st = db.prepare("INSERT INTO children (id, case_id, display_name, date_of_birth, details) "
                             "VALUES (?, ?, ?, ?, ?)");
        for (int c = 0; c < shape.children; ++c) {
            nlohmann::json details = nlohmann::json::object();
            if (c % 10 == 3) details["childProtectionPlan"] = true;
            if (c % 20 == 7) details["addressConfidential"] = true;
            if (c % 12 == 5) details["interpreterLanguage"] = c % 24 == 5 ? "cy" : "pl";
            char dob[16];
            std::snprintf(dob, sizeof dob, "%04d-%02d-%02d", 2009 + c % 15, 1 + c % 12, 1 + c % 28);
            st.reset();
            st.bind(1, "child-" + std::to_string(c)).bind(2, "case-" + std::to_string(c % cases));
            st.bind(3, "Invented Child " + std::to_string(c))
                .bind(4, std::string(dob))
                .bind(5, details.dump());
            st.run();
        }
    }
    auto insert =
        db.prepare("INSERT INTO records (id, version, case_id, child_id, kind, status, author, "
                   "created_at, updated_at, signed_at, signed_by, parent_id, high_risk, payload, "
                   "hash, prev_hash, chain_seq) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto outbox =
        db.prepare("INSERT INTO outbox (item_type, item_id, version, case_id, priority, state, body, "
                   "created_at, acknowledged_at) VALUES ('record', ?, 1, ?, ?, ?, ?, ?, ?)");
    std::map<std::string, std::pair<int64_t, std::string>> chainHead;         // case -> (seq, hash)
    std::map<int, std::vector<std::pair<std::string, std::string>>> signedOf; // child -> (id, kind)
    int signedCount = 0;
    for (int i = 0; i < shape.records; ++i) {
        const int child = int(rng() % unsigned(shape.children));
        Record r;
        r.id = realisticUuid(i);
        r.childId = "child-" + std::to_string(child);
        r.caseId = "case-" + std::to_string(child % cases);
        r.author = "Pat Example";
        r.createdAt = r.updatedAt = realisticTime(int64_t(i) * 5);
        const unsigned roll = rng() % 100;
        const auto& earlier = signedOf[child];
        if (roll < 10) {
            r.kind = storage::kinds::kVisit; // a draft still being written
            r.highRisk = rng() % 20 == 0;
            r.payload = {{"where", "family centre"}, {"whatHappened", text(shape.payloadBytes)}};
        } else if (roll < 18) {
            r.kind = storage::kinds::kConcern;
            nlohmann::json actions =
                nlohmann::json::array({{{"what", "telephoned the local authority"}, {"at", r.createdAt}}});
            r.payload = {
                {"fields", {{"child_words", text(shape.payloadBytes / 2)}, {"explanation", "none given"}}},
                {"identified_at", r.createdAt},
                {"actions", actions},
                {"parents_informed", "no"},
                {"manager_informed", true},
                {"referral_by_phone_at", rng() % 2 ? r.createdAt : ""},
                {"signature_name", "Pat Example"}};
        } else if (roll < 28 && !earlier.empty()) {
            const auto& parent = earlier[rng() % earlier.size()];
            r.kind = storage::kinds::kAddendum;
            r.parentId = parent.first;
            r.payload = {{"note", text(shape.payloadBytes / 4)}};
            if (parent.second == storage::kinds::kConcern && rng() % 2)
                r.payload["follow_ups_done"] = {{"confirm_in_writing", r.createdAt},
                                                {"manager_copy", r.createdAt}};
        } else if (roll < 36) {
            r.kind = roll < 33 ? storage::kinds::kActivity : storage::kinds::kNotSeen;
            r.payload = {{"activity", "three houses"}, {"notes", text(shape.payloadBytes / 2)}};
        } else {
            r.kind = storage::kinds::kVisit;
            r.payload = {{"where", "home"},
                         {"purpose", "wishes and feelings"},
                         {"whatHappened", text(shape.payloadBytes)}};
        }
        const bool isDraft = roll < 10;
        if (!isDraft) {
            r.status = RecordStatus::Signed;
            r.signedAt = r.createdAt;
            r.signedBy = "Pat Example";
            auto& head = chainHead[r.caseId];
            r.chainSeq = head.first + 1;
            r.prevHash = head.second;
            r.hash = recordHash(r);
            head = {r.chainSeq, r.hash};
            ++signedCount;
        }
        insert.reset();
        insert.bind(1, r.id).bind(2, r.caseId).bind(3, r.childId).bind(4, r.kind);
        insert.bind(5, isDraft ? "draft" : "signed")
            .bind(6, r.author)
            .bind(7, r.createdAt)
            .bind(8, r.updatedAt);
        insert.bind(9, r.signedAt)
            .bind(10, r.signedBy)
            .bindOptional(11, r.parentId)
            .bind(12, r.highRisk ? 1 : 0);
        insert.bind(13, r.payload.dump()).bind(14, r.hash).bind(15, r.prevHash).bind(16, r.chainSeq);
        insert.run();
        if (!isDraft) {
            signedOf[child].push_back({r.id, r.kind});
            const bool pending = i >= shape.records - shape.records / 20 || rng() % 50 == 0;
            outbox.reset();
            outbox.bind(1, r.id).bind(2, r.caseId).bind(3, r.highRisk ? 100 : 50);
            outbox.bind(4, pending ? "pending" : "acknowledged").bind(5, recordOutboxBody(r));
            outbox.bind(6, r.createdAt).bind(7, pending ? std::string() : r.createdAt).run();
        }
    }
    transaction.commit();
    return signedCount;
}

} // namespace heard::bench
