#include "app/model/concern.h"

#include <stdexcept>

namespace heard::model {

const std::vector<FieldSpec>& concernTextFields() {
    static const std::vector<FieldSpec> s_fields = {
        {"child_words", N_("What the child said, in the child's own words"),
         N_("Write exactly what the child said, as soon as you can. Do not question the child further.")},
        {"explanation", N_("Any explanation the child gave"),
         N_("In the child's words. Write \"none given\" if there was none.")},
        {"injuries", N_("Signs of injury observed"),
         N_("Only what you could see without the child undressing. Write \"none seen\" if none. Add a skin "
            "map for marks.")},
        {"witnesses", N_("Who else was present who could have witnessed it"),
         N_("Names and roles, or \"no one\".")},
        {"parents_note", N_("Parents informed: what was said, or why not"),
         N_("If telling a parent could put the child at risk, say so and why.")},
    };
    return s_fields;
}

std::vector<std::string> concernSigningProblems(const Concern& concern) {
    std::vector<std::string> problems = missingFields(concernTextFields(), concern.fields);
    if (isBlank(concern.identifiedAt)) problems.push_back(N_("When the concern was identified"));
    if (concern.actions.empty()) problems.push_back(N_("At least one action taken, with its time"));
    for (const auto& action : concern.actions)
        if (isBlank(action.what) || isBlank(action.at)) {
            problems.push_back(N_("Every action needs what was done and when"));
            break;
        }
    if (concern.parentsInformed.empty()) problems.push_back(N_("Whether the parents were informed"));
    if (!concern.managerInformed) problems.push_back(N_("The manager must be informed"));
    if (isBlank(concern.signatureName)) problems.push_back(N_("Your name, typed"));
    if (const char* problem = signatureProblem(concern.signatureStrokes)) problems.push_back(problem);
    return problems;
}

nlohmann::json toJson(const Concern& concern) {
    nlohmann::json actions = nlohmann::json::array();
    for (const auto& action : concern.actions)
        actions.push_back({{"what", action.what}, {"at", action.at}});
    return {
        {"fields", concern.fields},
        {"identified_at", concern.identifiedAt},
        {"actions", actions},
        {"parents_informed", concern.parentsInformed},
        {"manager_informed", concern.managerInformed},
        {"manager_informed_at", concern.managerInformedAt},
        {"skin_map_record_id", concern.skinMapRecordId},
        {"referral_by_phone_at", concern.referralByPhoneAt},
        {"signature_name", concern.signatureName},
        {"signature_strokes", concern.signatureStrokes},
    };
}

Concern concernFromJson(const nlohmann::json& json) {
    if (!json.is_object()) throw std::invalid_argument("a concern record must be a JSON object");
    try {
        Concern concern;
        concern.fields = json.value("fields", nlohmann::json::object());
        if (!concern.fields.is_object()) throw std::invalid_argument("fields must be an object");
        for (const auto& [key, value] : concern.fields.items())
            if (!value.is_string()) throw std::invalid_argument("fields." + key + " must be text");
        concern.identifiedAt = json.value("identified_at", "");
        for (const auto& action : json.value("actions", nlohmann::json::array()))
            concern.actions.push_back(
                {action.at("what").get<std::string>(), action.at("at").get<std::string>()});
        concern.parentsInformed = json.value("parents_informed", "");
        concern.managerInformed = json.value("manager_informed", false);
        concern.managerInformedAt = json.value("manager_informed_at", "");
        concern.skinMapRecordId = json.value("skin_map_record_id", "");
        concern.referralByPhoneAt = json.value("referral_by_phone_at", "");
        concern.signatureName = json.value("signature_name", "");
        concern.signatureStrokes = json.value("signature_strokes", std::vector<std::vector<float>>{});
        return concern;
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("malformed concern record: ") + e.what());
    }
}

std::vector<FollowUp> concernFollowUps(const Concern& concern,
                                       const std::vector<nlohmann::json>& addendumPayloads) {
    std::vector<FollowUp> followUps;
    if (concern.referralByPhoneAt.empty()) return followUps;
    TimePoint phoned;
    try {
        phoned = fromIsoUtc(concern.referralByPhoneAt);
    } catch (const std::invalid_argument&) {
        return followUps;
    }
    // SF 2.103: a telephone referral is confirmed in writing within one working day.
    followUps.push_back({"confirm_in_writing", N_("Confirm the referral in writing"),
                         toIsoUtc(addWorkingDays(phoned, 1)), ""});
    // SF 2.108: the service manager gets a copy within one working day.
    followUps.push_back({"manager_copy", N_("Send the service manager a copy of the referral"),
                         toIsoUtc(addWorkingDays(phoned, 1)), ""});
    // SF 2.104: no reply within three working days is chased in writing.
    followUps.push_back({"chase_reply", N_("No reply yet: chase the referral in writing"),
                         toIsoUtc(addWorkingDays(phoned, 3)), ""});
    for (const auto& payload : addendumPayloads) {
        const auto done = payload.find("follow_ups_done");
        if (done == payload.end() || !done->is_object()) continue;
        for (auto& followUp : followUps) {
            const auto it = done->find(followUp.id);
            if (it != done->end() && it->is_string() && followUp.doneAt.empty())
                followUp.doneAt = it->get<std::string>();
        }
    }
    return followUps;
}

DueState dueState(const FollowUp& followUp, TimePoint now) {
    if (!followUp.doneAt.empty()) return DueState::Done;
    TimePoint due;
    try {
        due = fromIsoUtc(followUp.dueAt);
    } catch (const std::invalid_argument&) {
        return DueState::Overdue; // an unreadable deadline is treated as the most urgent
    }
    if (now > due) return DueState::Overdue;
    // Deadlines fall at the end of a day: due today when less than a day remains.
    if (due - now < std::chrono::hours(24)) return DueState::DueToday;
    return DueState::NotDue;
}

} // namespace heard::model
