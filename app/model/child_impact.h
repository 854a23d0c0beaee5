// The child impact analysis (issue 16, item 2): a record per child per case, the practitioner's
// structured assessment for the court. It gives a short account of the child's experiences, the
// child's wishes and feelings weighed for age and understanding, each item of the welfare
// checklist (Children Act 1989 s1(3)(a)-(g)) with evidence, the options open to the court, each
// evaluated for the child and always including making no order (s1(5)), and a recommendation.
//
// Evidence is cited, never copied: a citation names a record (and, for a child's activity, the
// answer's step id). The child's words stay in their activity record exactly as given; the PDF
// resolves each citation to a dated quotation when it is rendered (app/report).
//
// Payload JSON (impactToJson):
//   { "format": 1,
//     "sections": { "<id>": {"text": "...", "citations": [{"record": "...", "item": "..."}]} },
//     "noWishesReason": "...",
//     "options": [{"order": "...", "noOrder": bool, "evaluation": "...", "citations": [...]}],
//     "signature_name": "...", "signature_strokes": [[x0,y0,...], ...] }
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <set>
#include <string>
#include <vector>

namespace heard::model {

inline constexpr int kChildImpactFormat = 1;

enum class ImpactSection {
    Experiences,    // a short account of the child's experiences
    WishesFeelings, // the child's wishes and feelings, weighed for age and understanding
    ChecklistA,     // s1(3)(a) wishes and feelings in the light of age and understanding
    ChecklistB,     // (b) physical, emotional and educational needs
    ChecklistC,     // (c) the likely effect of any change in circumstances
    ChecklistD,     // (d) age, sex, background and relevant characteristics
    ChecklistE,     // (e) harm suffered or at risk of suffering
    ChecklistF,     // (f) how capable each parent (or other person) is of meeting the needs
    ChecklistG,     // (g) the range of powers available to the court
    Recommendation, // the practitioner's recommendation to the court
};
inline constexpr size_t kImpactSectionCount = 10;
const std::array<ImpactSection, kImpactSectionCount>& impactSections();
const char* impactSectionId(ImpactSection s);    // stable JSON key
const char* impactSectionTitle(ImpactSection s); // N_() msgid, e.g. "(e) Harm suffered or at risk"
const char* impactSectionHint(ImpactSection s);  // N_() msgid
bool isChecklistSection(ImpactSection s);
// A conclusion: it must cite evidence (every checklist item and the recommendation).
bool needsEvidence(ImpactSection s);

// A piece of evidence: a signed record of the child, and for an activity the step answered.
struct ImpactCitation {
    std::string record;
    std::string item; // activity: the step id; other kinds: ""
    bool operator==(const ImpactCitation& o) const { return record == o.record && item == o.item; }
    std::string key() const { return record + "#" + item; }
};

struct ImpactPart {
    std::string text;
    std::vector<ImpactCitation> citations;
    bool operator==(const ImpactPart& o) const { return text == o.text && citations == o.citations; }
};

struct CourtOption {
    std::string order;      // "Child arrangements order: lives with ...", "No order"
    bool noOrder = false;   // the s1(5) option: always present, cannot be removed
    std::string evaluation; // what this option would mean for the child
    std::vector<ImpactCitation> citations;
    bool operator==(const CourtOption& o) const {
        return order == o.order && noOrder == o.noOrder && evaluation == o.evaluation &&
               citations == o.citations;
    }
};

// What may be cited, found by the caller in the store: keys (ImpactCitation::key) of every
// signed record of the child and every answer a child gave in a signed activity.
struct EvidenceIndex {
    std::set<std::string> any;        // any citable thing (records and answers)
    std::set<std::string> childWords; // answers in signed activities (the wishes and feelings)
};

// Why signing is refused, next to the section it concerns. subject is a section id, an option
// index "option.<n>", or "signature"; need is an N_() msgid.
struct ImpactProblem {
    std::string subject;
    const char* need;
};

class ChildImpactAnalysis {
public:
    ChildImpactAnalysis();      // with the "no order" option in place
    std::string noWishesReason; // why the wishes and feelings section has nothing (e.g. a baby)
    std::vector<CourtOption> options;
    std::string signatureName;
    std::vector<std::vector<float>> signatureStrokes;

    ImpactPart& part(ImpactSection s) { return m_parts[static_cast<size_t>(s)]; }
    const ImpactPart& part(ImpactSection s) const { return m_parts[static_cast<size_t>(s)]; }
    // Citing the same evidence twice is a no-op (false).
    static bool cite(std::vector<ImpactCitation>& list, const ImpactCitation& c);
    static bool uncite(std::vector<ImpactCitation>& list, const ImpactCitation& c);
    CourtOption* noOrderOption();

    // Everything that stops signing, in screen order; empty: ready to sign.
    std::vector<ImpactProblem> problemsBeforeSigning(const EvidenceIndex& evidence) const;
    // Every record the analysis cites (for the evidence list), in first-cited order.
    std::vector<ImpactCitation> allCitations() const;

    bool operator==(const ChildImpactAnalysis& o) const {
        return noWishesReason == o.noWishesReason && options == o.options &&
               signatureName == o.signatureName && signatureStrokes == o.signatureStrokes &&
               m_parts == o.m_parts;
    }

private:
    std::array<ImpactPart, kImpactSectionCount> m_parts{};
};

nlohmann::json impactToJson(const ChildImpactAnalysis& analysis);
// False with a message naming the field on malformed input (out untouched). A payload without
// a "no order" option gets one (it is always considered).
bool impactFromJson(const nlohmann::json& payload, ChildImpactAnalysis& out, std::string& error);

} // namespace heard::model
