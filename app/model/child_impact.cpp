#include "app/model/child_impact.h"

#include "app/i18n/i18n.h"
#include "app/model/citation_list.h"

#include <algorithm>
#include <cctype>

namespace heard::model {

namespace {

struct SectionInfo {
    ImpactSection section;
    const char* id;
    const char* title;
    const char* hint;
};

const SectionInfo kSections[kImpactSectionCount] = {
    {ImpactSection::Experiences, "experiences", N_("The child's experiences"),
     N_("A short account of what life is like for this child, and how their safety and well-being can best "
        "be "
        "promoted.")},
    {ImpactSection::WishesFeelings, "wishes_feelings", N_("The child's wishes and feelings"),
     N_("Cite the child's own answers from their activities, and weigh them for the child's age and "
        "understanding.")},
    {ImpactSection::ChecklistA, "checklist_a",
     N_("(a) Wishes and feelings in the light of age and understanding"),
     N_("What weight the child's wishes and feelings should carry, and why.")},
    {ImpactSection::ChecklistB, "checklist_b", N_("(b) Physical, emotional and educational needs"),
     N_("The child's needs, with the evidence for each.")},
    {ImpactSection::ChecklistC, "checklist_c", N_("(c) The likely effect of any change in circumstances"),
     N_("What a change would mean for this child.")},
    {ImpactSection::ChecklistD, "checklist_d", N_("(d) Age, sex, background and relevant characteristics"),
     N_("What about this child the court should take into account.")},
    {ImpactSection::ChecklistE, "checklist_e", N_("(e) Harm suffered or at risk of suffering"),
     N_("Harm seen or disclosed, and the risk of harm, with the evidence.")},
    {ImpactSection::ChecklistF, "checklist_f",
     N_("(f) How capable each parent is of meeting the child's needs"),
     N_("Each parent, and any other relevant person, in turn.")},
    {ImpactSection::ChecklistG, "checklist_g", N_("(g) The range of powers available to the court"),
     N_("The orders the court could make in these proceedings.")},
    {ImpactSection::Recommendation, "recommendation", N_("Recommendation"),
     N_("What you recommend, and how the evidence leads to it.")},
};

const SectionInfo& info(ImpactSection s) {
    return kSections[static_cast<size_t>(s)];
}

nlohmann::json citationsToJson(const std::vector<ImpactCitation>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const ImpactCitation& c : list)
        out.push_back({{"record", c.record}, {"item", c.item}});
    return out;
}

bool citationsFromJson(const nlohmann::json& j, std::vector<ImpactCitation>& out, std::string& error,
                       const std::string& where) {
    if (!j.is_array()) return error = where + "citations: must be a list", false;
    for (const auto& c : j) {
        if (!c.is_object() || !c.contains("record") || !c["record"].is_string() ||
            (c.contains("item") && !c["item"].is_string()))
            return error = where + "citations: each needs a record (text) and an item (text)", false;
        out.push_back({c["record"].get<std::string>(), c.value("item", std::string())});
    }
    return true;
}

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](unsigned char ch) { return std::isspace(ch); });
}

} // namespace

const std::array<ImpactSection, kImpactSectionCount>& impactSections() {
    static const std::array<ImpactSection, kImpactSectionCount> all = {
        ImpactSection::Experiences,   ImpactSection::WishesFeelings, ImpactSection::ChecklistA,
        ImpactSection::ChecklistB,    ImpactSection::ChecklistC,     ImpactSection::ChecklistD,
        ImpactSection::ChecklistE,    ImpactSection::ChecklistF,     ImpactSection::ChecklistG,
        ImpactSection::Recommendation};
    return all;
}

const char* impactSectionId(ImpactSection s) {
    return info(s).id;
}
const char* impactSectionTitle(ImpactSection s) {
    return info(s).title;
}
const char* impactSectionHint(ImpactSection s) {
    return info(s).hint;
}
bool isChecklistSection(ImpactSection s) {
    return s >= ImpactSection::ChecklistA && s <= ImpactSection::ChecklistG;
}
bool needsEvidence(ImpactSection s) {
    return isChecklistSection(s) || s == ImpactSection::Recommendation;
}

ChildImpactAnalysis::ChildImpactAnalysis() {
    options.push_back({N_("No order"), true, "", {}});
}

bool ChildImpactAnalysis::cite(std::vector<ImpactCitation>& list, const ImpactCitation& c) {
    return citeOnce(list, c);
}

bool ChildImpactAnalysis::uncite(std::vector<ImpactCitation>& list, const ImpactCitation& c) {
    return removeCitation(list, c);
}

CourtOption* ChildImpactAnalysis::noOrderOption() {
    for (CourtOption& o : options)
        if (o.noOrder) return &o;
    return nullptr;
}

std::vector<ImpactProblem> ChildImpactAnalysis::problemsBeforeSigning(const EvidenceIndex& evidence) const {
    std::vector<ImpactProblem> problems;
    for (ImpactSection s : impactSections()) {
        const ImpactPart& p = part(s);
        const std::string id = impactSectionId(s);
        for (const ImpactCitation& c : p.citations) {
            const bool ok = s == ImpactSection::WishesFeelings ? evidence.childWords.count(c.key()) > 0
                                                               : evidence.any.count(c.key()) > 0;
            if (!ok) {
                problems.push_back({id, N_("cites something that is not signed evidence of this child")});
                break;
            }
        }
        if (s == ImpactSection::WishesFeelings) {
            if (p.citations.empty() && blank(noWishesReason))
                problems.push_back({id, N_("cite the child's words, or write why there are none")});
            else if (!p.citations.empty() && blank(p.text))
                problems.push_back({id, N_("weigh the child's words for their age and understanding")});
            continue;
        }
        if (blank(p.text)) problems.push_back({id, N_("must be written")});
        if (needsEvidence(s) && p.citations.empty()) problems.push_back({id, N_("cites no evidence")});
    }
    bool noOrder = false;
    for (size_t i = 0; i < options.size(); ++i) {
        const CourtOption& o = options[i];
        const std::string subject = "option." + std::to_string(i);
        if (o.noOrder) noOrder = true;
        if (blank(o.order)) problems.push_back({subject, N_("name the order")});
        if (blank(o.evaluation))
            problems.push_back({subject, o.noOrder ? N_("no order must be evaluated for the child")
                                                   : N_("evaluate this option for the child")});
        for (const ImpactCitation& c : o.citations)
            if (!evidence.any.count(c.key())) {
                problems.push_back(
                    {subject, N_("cites something that is not signed evidence of this child")});
                break;
            }
    }
    if (!noOrder) problems.push_back({"options", N_("no order must be evaluated for the child")});
    if (blank(signatureName)) problems.push_back({"signature", N_("type your name")});
    return problems;
}

std::vector<ImpactCitation> ChildImpactAnalysis::allCitations() const {
    std::vector<ImpactCitation> all;
    for (ImpactSection s : impactSections())
        for (const ImpactCitation& c : part(s).citations)
            cite(all, c);
    for (const CourtOption& o : options)
        for (const ImpactCitation& c : o.citations)
            cite(all, c);
    return all;
}

nlohmann::json impactToJson(const ChildImpactAnalysis& analysis) {
    nlohmann::json sections = nlohmann::json::object();
    for (ImpactSection s : impactSections()) {
        const ImpactPart& p = analysis.part(s);
        sections[impactSectionId(s)] = {{"text", p.text}, {"citations", citationsToJson(p.citations)}};
    }
    nlohmann::json options = nlohmann::json::array();
    for (const CourtOption& o : analysis.options)
        options.push_back({{"order", o.order},
                           {"noOrder", o.noOrder},
                           {"evaluation", o.evaluation},
                           {"citations", citationsToJson(o.citations)}});
    return {{"format", kChildImpactFormat},
            {"sections", sections},
            {"noWishesReason", analysis.noWishesReason},
            {"options", options},
            {"signature_name", analysis.signatureName},
            {"signature_strokes", analysis.signatureStrokes}};
}

bool impactFromJson(const nlohmann::json& payload, ChildImpactAnalysis& out, std::string& error) {
    if (!payload.is_object()) return error = "the analysis must be an object", false;
    if (!payload.contains("format") || !payload["format"].is_number_integer() ||
        payload["format"].get<int64_t>() != kChildImpactFormat)
        return error = "format: must be 1", false;
    ChildImpactAnalysis a;
    a.options.clear();
    if (payload.contains("sections")) {
        const auto& sections = payload["sections"];
        if (!sections.is_object()) return error = "sections: must be an object", false;
        for (ImpactSection s : impactSections()) {
            const std::string id = impactSectionId(s);
            if (!sections.contains(id)) continue;
            const auto& j = sections[id];
            if (!j.is_object() || (j.contains("text") && !j["text"].is_string()))
                return error = "sections/" + id + ": needs text", false;
            a.part(s).text = j.value("text", std::string());
            if (j.contains("citations") &&
                !citationsFromJson(j["citations"], a.part(s).citations, error, "sections/" + id + "/"))
                return false;
        }
    }
    if (payload.contains("noWishesReason")) {
        if (!payload["noWishesReason"].is_string()) return error = "noWishesReason: must be text", false;
        a.noWishesReason = payload["noWishesReason"].get<std::string>();
    }
    if (payload.contains("options")) {
        if (!payload["options"].is_array()) return error = "options: must be a list", false;
        for (const auto& j : payload["options"]) {
            if (!j.is_object() || !j.value("order", nlohmann::json()).is_string() ||
                !j.value("evaluation", nlohmann::json("")).is_string() ||
                !j.value("noOrder", nlohmann::json(false)).is_boolean())
                return error = "options: each needs an order (text), noOrder (true/false) and an evaluation",
                       false;
            CourtOption o;
            o.order = j["order"].get<std::string>();
            o.noOrder = j.value("noOrder", false);
            o.evaluation = j.value("evaluation", std::string());
            if (j.contains("citations") && !citationsFromJson(j["citations"], o.citations, error, "options/"))
                return false;
            a.options.push_back(std::move(o));
        }
    }
    if (!a.noOrderOption()) a.options.insert(a.options.begin(), {N_("No order"), true, "", {}});
    if (payload.contains("signature_name")) {
        if (!payload["signature_name"].is_string()) return error = "signature_name: must be text", false;
        a.signatureName = payload["signature_name"].get<std::string>();
    }
    if (payload.contains("signature_strokes")) {
        const auto& strokes = payload["signature_strokes"];
        if (!strokes.is_array()) return error = "signature_strokes: must be a list", false;
        for (const auto& stroke : strokes) {
            if (!stroke.is_array()) return error = "signature_strokes: each must be a list", false;
            std::vector<float> points;
            for (const auto& v : stroke) {
                if (!v.is_number()) return error = "signature_strokes: numbers only", false;
                points.push_back(v.get<float>());
            }
            a.signatureStrokes.push_back(std::move(points));
        }
    }
    out = std::move(a);
    return true;
}

} // namespace heard::model
