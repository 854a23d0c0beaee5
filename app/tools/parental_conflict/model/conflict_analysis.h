// The practitioner's analysis of the impact of parental conflict on a child (issue 7).
//
// A record of kind "conflict_analysis" whose parentId is the visit. It holds the practitioner's
// judgement in structured sections; it is never a score. It starts and ends with "what is
// happening for this child?" and considers domestic abuse first (as the Child Impact Assessment
// Framework does); the indicators of Cafcass's one-page tool are marked one by one, each with the
// practitioner's note, and never added up. Each section may cite the child's own answers
// (activity record id + step id) as evidence: the child's words stay in their activity record,
// exactly as given, and are referred to, never copied or rewritten here. Signs of coaching or
// pressure (NS 5.4) have their own section so they are kept apart from what the child said.
// Never shown in child mode.
//
// Payload JSON (analysisToJson), format 2 (format 1, without indicators, judgement or
// signature, still reads):
//   { "format": 2, "guidanceVersion": 1, "visitId": "...",
//     "sections": { "<section id>": {"text": "...", "notApplicable": bool,
//                                     "citations": [{"record": "...", "step": "..."}]} },
//     "indicators": { "<indicator id>": {"applies": bool, "note": "..."} },
//     "harmJudgement": "" | "low" | "medium" | "high" | "cannot_say_yet",
//     "signature_name": "...", "signature_strokes": [[x0,y0,x1,y1,...], ...] }
#pragma once

#include "app/tools/framework/model/activity_result.h"
#include "storage/record_kinds.h"

#include <nlohmann/json.hpp>

#include <array>
#include <string>
#include <vector>

namespace heard::tools {

inline constexpr const char* kConflictAnalysisKind = storage::kinds::kConflictAnalysis;
// Which wording of the sections and indicators a record was made with: guidance changes, and a
// record must say which version it answered. Raise it whenever a title, hint or indicator changes.
inline constexpr int kConflictGuidanceVersion = 1;

enum class ConflictSection {
    HappeningNow,     // "what is happening for this child?": the start
    DomesticAbuse,    // considered first: abuse is not "conflict"
    Frequency,        // how often the adults argue
    Intensity,        // how heated: shouting, threats, violence
    Resolution,       // whether and how arguments get resolved
    Exposure,         // what the child sees and hears, and where they are
    Involvement,      // drawn in: messages, choosing sides, blame, told things
    CoachingPressure, // signs of coaching or pressure on the child (NS 5.4)
    Effects,          // effects on the child
    Protective,       // protective factors: who and what helps
    Conclusion,       // the practitioner's conclusion: what is happening for this child, again
    NextSteps,        // what happens next
};
inline constexpr size_t kConflictSectionCount = 12;
const std::array<ConflictSection, kConflictSectionCount>& conflictSections();
const char* sectionId(ConflictSection section);    // stable JSON key
const char* sectionTitle(ConflictSection section); // N_() msgid
const char* sectionHint(ConflictSection section);  // N_() msgid: what belongs in it
// N_() msgid of the box that says "considered, nothing to write"; nullptr when the section
// must always be written (the start, the conclusion, next steps).
const char* sectionNoneLabel(ConflictSection section);
bool sectionFromId(const std::string& id, ConflictSection& out);

// The indicators a practitioner considers one by one (Cafcass's one-page tool, in our words).
// Each is marked only when it applies significantly, with a note of what was seen or heard.
// They are never counted or added up: the judgement is the practitioner's.
enum class ConflictIndicator {
    DescribesParents,     // how the child describes each parent
    RehearsedLanguage,    // adult or rehearsed words; one parent all good, the other all bad
    ReasonsGiven,         // the reasons the child gives, and whether they are the child's own
    ViewsOnTime,          // views on time with each parent
    FitsAge,              // whether the comments fit the child's age
    AnxietyAroundContact, // anxiety around time with a parent
    SiblingConsistency,   // consistency between brothers and sisters
    RelationshipChange,   // how the relationship with a rejected parent changed after separation
    WarmthAndResistance,  // the link between a parent's warmth and the child's resistance
};
inline constexpr size_t kConflictIndicatorCount = 9;
const std::array<ConflictIndicator, kConflictIndicatorCount>& conflictIndicators();
const char* indicatorId(ConflictIndicator indicator);    // stable JSON key
const char* indicatorTitle(ConflictIndicator indicator); // N_() msgid
bool indicatorFromId(const std::string& id, ConflictIndicator& out);

// The practitioner's judgement of how harmful the conflict is for this child (the framework's
// low / medium / high). Chosen by the practitioner, never calculated.
enum class HarmJudgement { NotChosen, Low, Medium, High, CannotSayYet };
const char* harmJudgementId(HarmJudgement judgement);    // stable JSON value ("" for NotChosen)
const char* harmJudgementLabel(HarmJudgement judgement); // N_() msgid
bool harmJudgementFromId(const std::string& id, HarmJudgement& out);

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

struct IndicatorMark {
    bool applies = false; // applies significantly for this child
    std::string note;     // what the practitioner saw or heard
    bool operator==(const IndicatorMark& o) const { return applies == o.applies && note == o.note; }
};

// Why an analysis cannot be signed yet: both parts are N_() msgids, so the screen shows them in
// the practitioner's language ("Conclusion: must be written").
struct AnalysisProblem {
    const char* subject; // a section, an indicator, the judgement or the signature
    const char* need;
};

class ConflictAnalysis {
public:
    std::string visitId;
    int guidanceVersion = kConflictGuidanceVersion;
    HarmJudgement harmJudgement = HarmJudgement::NotChosen;
    std::string signatureName;
    std::vector<std::vector<float>> signatureStrokes; // each stroke x0,y0,x1,y1,... normalised 0..1

    AnalysisSection& section(ConflictSection s) { return m_sections[static_cast<size_t>(s)]; }
    const AnalysisSection& section(ConflictSection s) const { return m_sections[static_cast<size_t>(s)]; }
    IndicatorMark& indicator(ConflictIndicator i) { return m_indicators[static_cast<size_t>(i)]; }
    const IndicatorMark& indicator(ConflictIndicator i) const { return m_indicators[static_cast<size_t>(i)]; }

    // Adds a citation once (citing the same answer twice is a no-op); returns false if already there.
    bool cite(ConflictSection s, const Citation& citation);
    bool uncite(ConflictSection s, const Citation& citation);

    // Everything that stops signing, in screen order. Empty: ready to sign. Every section is
    // written or ticked as considered (the start, conclusion and next steps are always written);
    // every citation is an answer the child gave in activityRecordId; every indicator marked as
    // applying says what was seen; a judgement is chosen; a typed name and a finger signature.
    // When the child's answers flagged a safety concern, domestic abuse must be written about.
    std::vector<AnalysisProblem> problemsBeforeSigning(const std::string& activityRecordId,
                                                       const ActivityResult& childResult) const;

    bool operator==(const ConflictAnalysis& o) const {
        return visitId == o.visitId && guidanceVersion == o.guidanceVersion &&
               harmJudgement == o.harmJudgement && signatureName == o.signatureName &&
               signatureStrokes == o.signatureStrokes && m_sections == o.m_sections &&
               m_indicators == o.m_indicators;
    }

private:
    std::array<AnalysisSection, kConflictSectionCount> m_sections{};
    std::array<IndicatorMark, kConflictIndicatorCount> m_indicators{};
};

// Whether a citation points at an answer the child actually gave in this activity result
// (a skipped or unreached step is not evidence of anything).
bool citationIsEvidence(const Citation& citation, const std::string& activityRecordId,
                        const ActivityResult& result);

nlohmann::json analysisToJson(const ConflictAnalysis& analysis);
// Reads a payload back; false with a message naming the field on malformed input (out untouched).
bool analysisFromJson(const nlohmann::json& payload, ConflictAnalysis& out, std::string& error);

} // namespace heard::tools
