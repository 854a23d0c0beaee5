#include "app/tools/wishes_feelings/model/judge_message.h"

#include "app/i18n/i18n.h"

#include <stdexcept>

namespace heard::tools {

JudgeAgreement judgeAgreement(const ActivityResult& result) {
    // Only an answer the child gave counts: givenAnswer() is the one test of "the child said this".
    const Answer* answer = result.givenAnswer(kJudgeAgreeStep);
    if (!answer) return JudgeAgreement::NotGiven;
    if (answer->choiceId == kJudgeAgreeYes) return JudgeAgreement::Yes;
    if (answer->choiceId == kJudgeAgreeNotYet) return JudgeAgreement::NotYet;
    return JudgeAgreement::NotGiven;
}

const std::vector<SendingWay>& sendingWays() {
    static const std::vector<SendingWay> s_ways = {
        {"court_report", N_("In my report to the court")},
        {"read_out", N_("Read out to the judge")},
        {"letter", N_("As a letter to the judge")},
        {"other", N_("Another way")},
    };
    return s_ways;
}

namespace {

bool isDigits(const std::string& text, size_t from, size_t count) {
    for (size_t i = from; i < from + count; ++i)
        if (text[i] < '0' || text[i] > '9') return false;
    return true;
}

// A real calendar day written "YYYY-MM-DD" (no 30 February).
bool isRealDay(const std::string& date) {
    if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !isDigits(date, 0, 4) ||
        !isDigits(date, 5, 2) || !isDigits(date, 8, 2))
        return false;
    const int year = std::stoi(date.substr(0, 4));
    const int month = std::stoi(date.substr(5, 2));
    const int day = std::stoi(date.substr(8, 2));
    if (year < 2000 || month < 1 || month > 12 || day < 1) return false;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

bool knownWay(const std::string& how) {
    for (const SendingWay& way : sendingWays())
        if (how == way.id) return true;
    return false;
}

} // namespace

std::vector<std::string> sendingProblems(const JudgeSending& sending, const ActivityResult& result,
                                         const std::string& today) {
    std::vector<std::string> problems;
    // NS 4.7: always with the child's agreement. Nothing else stands in for the child's own "yes".
    if (judgeAgreement(result) != JudgeAgreement::Yes)
        problems.push_back(N_("The child has not agreed to this message being sent (NS 4.7). Talk with them "
                              "again; it can be sent only after they say yes."));
    if (sending.sentOn.empty())
        problems.push_back(N_("Give the date it was sent."));
    else if (!isRealDay(sending.sentOn))
        problems.push_back(N_("Write the date as YYYY-MM-DD, for example 2026-11-23."));
    else if (sending.sentOn > today)
        problems.push_back(N_("The date it was sent cannot be in the future."));
    if (sending.how.empty() || !knownWay(sending.how))
        problems.push_back(N_("Choose how it was sent."));
    else if (sending.how == "other" && sending.howOther.find_first_not_of(" \t\n") == std::string::npos)
        problems.push_back(N_("Say how it was sent."));
    return problems;
}

nlohmann::json sendingToJson(const JudgeSending& s) {
    nlohmann::json j = {{"sentOn", s.sentOn},
                        {"how", s.how},
                        {"childAgreed", kJudgeAgreeYes},
                        {"recordedAt", s.recordedAt},
                        {"recordedBy", s.recordedBy}};
    if (s.how == "other") j["howOther"] = s.howOther;
    if (!s.note.empty()) j["note"] = s.note;
    return j;
}

JudgeSending sendingFromJson(const nlohmann::json& payload) {
    if (!payload.is_object()) throw std::invalid_argument("judge message sent: must be an object");
    auto text = [&](const char* key, bool required) -> std::string {
        if (!payload.contains(key)) {
            if (required)
                throw std::invalid_argument(std::string("judge message sent: /") + key + " is missing");
            return {};
        }
        if (!payload.at(key).is_string())
            throw std::invalid_argument(std::string("judge message sent: /") + key + " must be a string");
        return payload.at(key).get<std::string>();
    };
    JudgeSending s;
    s.sentOn = text("sentOn", true);
    s.how = text("how", true);
    s.howOther = text("howOther", false);
    s.note = text("note", false);
    s.recordedAt = text("recordedAt", false);
    s.recordedBy = text("recordedBy", false);
    if (!knownWay(s.how)) throw std::invalid_argument("judge message sent: /how is not a known way");
    return s;
}

} // namespace heard::tools
