// Every record kind's name, written once. Records carry the name as text (it is part of the
// signed payload's envelope and of the sync protocol), so storage, sync, the server and the
// app compare against these constants and never spell a kind themselves. What the app does
// with each kind (its label, where it opens) is in app/ui/record_kinds.cpp.
#pragma once

#include <string_view>

namespace heard::storage::kinds {

inline constexpr const char* kVisit = "visit";                        // a visit with a child (SF 2.47)
inline constexpr const char* kConcern = "concern";                    // a welfare concern (SF 2.88-2.97)
inline constexpr const char* kNotSeen = "not_seen";                   // the child was not seen (NS 5.1)
inline constexpr const char* kActivity = "activity";                  // a child's activity in a visit
inline constexpr const char* kSkinMap = "skin_map";                   // visible injuries (SF 2.96)
inline constexpr const char* kConflictAnalysis = "conflict_analysis"; // parental conflict analysis
inline constexpr const char* kAddendum = "addendum";                  // a dated addition to a signed record
inline constexpr const char* kRiskIdentification =
    "risk_identification"; // SF 2.26-2.30; reviews are new versions
inline constexpr const char* kInformationSharing = "information_sharing"; // what was shared and why (SF 3.62)
inline constexpr const char* kSafetyAlert =
    "safety_alert"; // the child said they may not be safe (SF 2.88-2.92)
inline constexpr const char* kManagerNote =
    "manager_note"; // a manager's oversight note or decision, written at the central system (SF appendix V)
inline constexpr const char* kChildImpact = "child_impact"; // the analysis for court (issue 16)
inline constexpr const char* kReport = "report";            // a rendered PDF of a signed record (issue 16)
// What the court is deciding in a case, as recorded on a date (issue 16): a signed version per
// change, of the case (no child), so it reaches the central system like every record.
inline constexpr const char* kCourtMatter = "court_matter";
// Who the child is and what the child needs (issue 18.6; NS 3.3, 8.6): ethnicity, religion,
// culture, first language, disability, communication needs; a signed version per change.
inline constexpr const char* kIdentityNeeds = "identity_needs";
// The child's people and homes and what the child calls them (issue 18.2): set before the
// tablet is handed over; the prompts name them. A signed version per change.
inline constexpr const char* kChildPeople = "child_people";
// When and how the child's message to the judge was sent, with the child's agreement (issue 18.5,
// NS 4.7); of the activity it sends (parentId), created signed by the practitioner who sent it.
inline constexpr const char* kJudgeMessageSent = "judge_message_sent";

// Every kind above, for code that must know them all (tests, the server's intake).
inline constexpr const char* kAll[] = {kVisit,
                                       kConcern,
                                       kNotSeen,
                                       kActivity,
                                       kSkinMap,
                                       kConflictAnalysis,
                                       kAddendum,
                                       kRiskIdentification,
                                       kInformationSharing,
                                       kSafetyAlert,
                                       kManagerNote,
                                       kChildImpact,
                                       kReport,
                                       kCourtMatter,
                                       kIdentityNeeds,
                                       kChildPeople,
                                       kJudgeMessageSent};

inline bool isKnown(std::string_view kind) {
    for (const char* known : kAll)
        if (kind == known) return true;
    return false;
}

} // namespace heard::storage::kinds
