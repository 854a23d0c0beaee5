// The practitioner's analysis of the impact of parental conflict on a child (issue 7).
//
// A record of kind "conflict_analysis" whose parentId is the visit. It holds the practitioner's
// judgement in structured sections; it is never a score. Each section may cite the child's own
// answers (activity record id + step id) as evidence: the child's words stay in their activity
// record, exactly as given, and are referred to, never copied or rewritten here. Signs of
// coaching or pressure (NS 5.4) have their own section so they are kept apart from what the
// child said. Never shown in child mode.
//
// Payload JSON (analysisToJson):
//   { "format": 1, "visitId": "...",
//     "sections": { "<section id>": {"text": "...", "notApplicable": bool,
//                                     "citations": [{"record": "...", "step": "..."}]} } }
#pragma once

#include "app/tools/framework/model/activity_result.h"

#include <nlohmann/json.hpp>

#include <array>
#include <string>
#include <vector>

namespace heard::tools {

inline constexpr const char* kConflictAnalysisKind = "conflict_analysis";

enum class ConflictSection {
    Frequency,        // how often the adults argue
    Intensity,        // how heated: shouting, threats, violence
    Resolution,       // whether and how arguments get resolved
    Exposure,         // what the child sees and hears, and where they are
    Involvement,      // drawn in: messages, choosing sides, blame, told things
    CoachingPressure, // signs of coaching or pressure on the child (NS 5.4)
    Effects,          // effects on the child
    Protective,       // protective factors: who and what helps
    Conclusion,       // the practitioner's conclusion
    NextSteps,        // what happens next
};
inline constexpr size_t kConflictSectionCount = 10;
const std::array<ConflictSection, kConflictSectionCount>& conflictSections();
const char* sectionId(ConflictSection section);    // stable JSON key
const char* sectionTitle(ConflictSection section); // N_() msgid
const char* sectionHint(ConflictSection section);  // N_() msgid: what belongs in it
bool sectionFromId(const std::string& id, ConflictSection& out);

// One of the child's answers offered as evidence.
struct Citation {
    std::string activityRecordId;
    std::string stepId;
    bool operator==(const Citation& o) const {
        return activityRecordId == o.activityRecordId && stepId == o.stepId;
    }
};

struct AnalysisSection {
    std::string text;           // the practitioner's words
    bool notApplicable = false; // considered and nothing to say (still counts as completed)
    std::vector<Citation> citations;
    bool operator==(const AnalysisSection& o) const {
        return text == o.text && notApplicable == o.notApplicable && citations == o.citations;
    }
};

class ConflictAnalysis {
public:
    std::string visitId;

    AnalysisSection& section(ConflictSection s) { return m_sections[static_cast<size_t>(s)]; }
    const AnalysisSection& section(ConflictSection s) const { return m_sections[static_cast<size_t>(s)]; }

    // Adds a citation once (citing the same answer twice is a no-op); returns false if already there.
    bool cite(ConflictSection s, const Citation& citation);
    bool uncite(ConflictSection s, const Citation& citation);

    // Why it cannot be signed yet, one line per problem ("" sections must be filled in or marked
    // not applicable, and the conclusion and next steps are never "not applicable"). Empty: ready.
    std::vector<std::string> problemsBeforeSigning() const;

    bool operator==(const ConflictAnalysis& o) const { return visitId == o.visitId && m_sections == o.m_sections; }

private:
    std::array<AnalysisSection, kConflictSectionCount> m_sections{};
};

// Whether a citation points at an answer the child actually gave in this activity result
// (a skipped or unreached step is not evidence of anything).
bool citationIsEvidence(const Citation& citation, const std::string& activityRecordId, const ActivityResult& result);

nlohmann::json analysisToJson(const ConflictAnalysis& analysis);
// Reads a payload back; false with a message naming the field on malformed input.
bool analysisFromJson(const nlohmann::json& payload, ConflictAnalysis& out, std::string& error);

} // namespace heard::tools
