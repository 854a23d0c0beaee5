#include "app/model/concern.h"

#include "app/model/event_time.h"
#include "base/referral_deadlines.h"

#include <map>
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
        {"third_party", N_("Information from a parent or other third party"),
         N_("What they said and who said it (SF 2.94), or \"none\". A referral based on it says you pass it "
            "on.")},
        {"child_views", N_("The child's views and feelings about the referral"),
         N_("As the child gave them (SF 2.91), and the support offered. If the child was not told, say "
            "why.")},
        {"parents_note", N_("Parents informed: what was said, or why not"),
         N_("If telling a parent could put the child at risk, say so and why.")},
        {"manager_discussion", N_("Agreed note of the discussion with the manager"),
         N_("Who will act, by when, what the child and family will be told (SF 2.81-2.82).")},
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
    if (concern.parentsInformed == "yes" && concern.parentsAgreed.empty())
        problems.push_back(N_("Whether the parents agreed to the referral"));
    for (const auto& referral : concern.referrals)
        if (isBlank(referral.route) || isBlank(referral.at)) {
            problems.push_back(N_("Every referral needs its route and when it was made"));
            break;
        }
    if (!concern.managerInformed) problems.push_back(N_("The manager must be informed"));
    if (isBlank(concern.signatureName)) problems.push_back(N_("Your name, typed"));
    if (const char* problem = signatureProblem(concern.signatureStrokes)) problems.push_back(problem);
    return problems;
}

std::vector<std::string> concernTimeProblems(const Concern& concern, TimePoint now) {
    std::vector<std::string> problems;
    if (isInFuture(concern.identifiedAt, now))
        problems.push_back(N_("The time the concern was identified is in the future"));
    for (const auto& action : concern.actions)
        if (isInFuture(action.at, now)) {
            problems.push_back(N_("An action's time is in the future"));
            break;
        }
    for (const auto& referral : concern.referrals)
        if (isInFuture(referral.at, now)) {
            problems.push_back(N_("A referral's time is in the future"));
            break;
        }
    return problems;
}

std::vector<std::string> concernSigningProblems(const Concern& concern, TimePoint now) {
    std::vector<std::string> problems = concernTimeProblems(concern, now);
    for (auto& problem : concernSigningProblems(concern))
        problems.push_back(std::move(problem));
    return problems;
}

bool isLateEntry(const Concern& concern) {
    if (isLateEntry(concern.identifiedAt, concern.identifiedWrittenAt)) return true;
    for (const auto& action : concern.actions)
        if (isLateEntry(action.at, action.writtenAt)) return true;
    for (const auto& referral : concern.referrals)
        if (isLateEntry(referral.at, referral.writtenAt)) return true;
    return false;
}

nlohmann::json toJson(const Concern& concern) {
    nlohmann::json actions = nlohmann::json::array();
    for (const auto& action : concern.actions)
        actions.push_back({{"what", action.what}, {"at", action.at}, {"written_at", action.writtenAt}});
    nlohmann::json referrals = nlohmann::json::array();
    for (const auto& referral : concern.referrals)
        referrals.push_back({{"route", referral.route},
                             {"at", referral.at},
                             {"written_at", referral.writtenAt},
                             {"note", referral.note}});
    return {
        {"fields", concern.fields},
        {"identified_at", concern.identifiedAt},
        {"identified_written_at", concern.identifiedWrittenAt},
        {"actions", actions},
        {"referrals", referrals},
        {"parents_informed", concern.parentsInformed},
        {"parents_agreed", concern.parentsAgreed},
        {"manager_informed", concern.managerInformed},
        {"manager_informed_at", concern.managerInformedAt},
        {"skin_map_record_id", concern.skinMapRecordId},
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
        concern.identifiedWrittenAt = json.value("identified_written_at", concern.identifiedAt);
        for (const auto& action : json.value("actions", nlohmann::json::array())) {
            const std::string at = action.at("at").get<std::string>();
            concern.actions.push_back(
                {action.at("what").get<std::string>(), at, action.value("written_at", at)});
        }
        for (const auto& referral : json.value("referrals", nlohmann::json::array())) {
            const std::string at = referral.at("at").get<std::string>();
            concern.referrals.push_back({referral.at("route").get<std::string>(), at,
                                         referral.value("written_at", at), referral.value("note", "")});
        }
        // Concerns written before referral routes (issue 14) kept one telephone referral.
        const std::string phoned = json.value("referral_by_phone_at", "");
        if (!phoned.empty())
            concern.referrals.insert(concern.referrals.begin(), {"phone", phoned, phoned, ""});
        concern.parentsInformed = json.value("parents_informed", "");
        concern.parentsAgreed = json.value("parents_agreed", "");
        concern.managerInformed = json.value("manager_informed", false);
        concern.managerInformedAt = json.value("manager_informed_at", "");
        concern.skinMapRecordId = json.value("skin_map_record_id", "");
        concern.signatureName = json.value("signature_name", "");
        concern.signatureStrokes = json.value("signature_strokes", std::vector<std::vector<float>>{});
        return concern;
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("malformed concern record: ") + e.what());
    }
}

std::vector<FollowUp> concernFollowUps(const Concern& concern,
                                       const std::vector<nlohmann::json>& addendumPayloads) {
    const SafeguardingContent& content = safeguardingContent();
    // The rule itself (ids, working days from when the referral was made) is base's, shared with
    // heard-server's console; here it gets the route's words.
    std::vector<base::ReferralMade> made;
    for (const Referral& referral : concern.referrals)
        made.push_back({referral.route, referral.at});
    std::map<std::string, std::vector<base::DeadlineRule>> rules;
    const auto rulesOf = [&](const std::string& routeId) -> const std::vector<base::DeadlineRule>* {
        const ReferralRoute* route = content.route(routeId);
        if (!route) return nullptr;
        auto [it, fresh] = rules.try_emplace(routeId);
        if (fresh)
            for (const RouteDeadline& d : route->deadlines)
                it->second.push_back({d.id, d.workingDays});
        return &it->second;
    };
    std::vector<FollowUp> followUps;
    for (const base::ReferralDeadline& d : base::referralDeadlines(made, rulesOf)) {
        const ReferralRoute* route = content.route(concern.referrals[d.referral].route);
        FollowUp followUp;
        followUp.id = d.id;
        followUp.text = route->deadlines[d.rule].text;
        followUp.route = route->id;
        followUp.referral = d.referral;
        followUp.dueAt = toIsoUtc(d.due);
        followUps.push_back(std::move(followUp));
    }
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
