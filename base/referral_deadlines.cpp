#include "base/referral_deadlines.h"

#include <map>
#include <stdexcept>

namespace heard::base {

std::vector<ReferralDeadline> referralDeadlines(const std::vector<ReferralMade>& referrals,
                                                const RouteRules& rulesOf) {
    std::vector<ReferralDeadline> out;
    std::map<std::string, int> used; // a deadline id seen again gets "_2", "_3"...
    for (std::size_t i = 0; i < referrals.size(); ++i) {
        const std::vector<DeadlineRule>* rules = rulesOf(referrals[i].route);
        if (!rules) continue;
        TimePoint made;
        try {
            made = parseIsoUtc(referrals[i].at);
        } catch (const std::invalid_argument&) {
            continue;
        }
        for (std::size_t r = 0; r < rules->size(); ++r) {
            const DeadlineRule& rule = (*rules)[r];
            const int n = ++used[rule.id];
            out.push_back({n == 1 ? rule.id : rule.id + "_" + std::to_string(n), i, r,
                           addWorkingDays(made, rule.workingDays)});
        }
    }
    return out;
}

} // namespace heard::base
