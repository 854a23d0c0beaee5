// The follow-ups a welfare concern's referrals create (SF 2.103, 2.104, 2.108): per referral, per
// deadline of its route, due the given number of working days (working_days.h) after the day the
// referral was MADE (not when it was written down); a deadline id met again gets "_2", "_3"...
// One implementation, used by the tablet (app/model/concern.cpp, concernFollowUps) and by
// heard-server's managers' console (server/console/oversight.cpp), so a follow-up has the same id
// and the same due day on both.
#pragma once

#include "base/working_days.h"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace heard::base {

struct DeadlineRule {
    std::string id;      // e.g. "confirm_in_writing": the id an addendum marks done
    int workingDays = 0; // 0: by the end of the same day
};

struct ReferralMade {
    std::string route; // the referral route's id ("phone", ...)
    std::string at;    // ISO 8601 UTC: when the referral was made
};

struct ReferralDeadline {
    std::string id;           // the rule's id, with "_2", "_3" when repeated
    std::size_t referral = 0; // index of the referral it comes from
    std::size_t rule = 0;     // index of the rule in its route's list
    TimePoint due;            // end of the due working day (23:59:59 UTC)
};

// The rules of a route, or nullptr for a route that is not known (its referrals create nothing).
using RouteRules = std::function<const std::vector<DeadlineRule>*(const std::string& route)>;

// A referral whose time does not read creates nothing (it cannot be counted from).
std::vector<ReferralDeadline> referralDeadlines(const std::vector<ReferralMade>& referrals,
                                                const RouteRules& rulesOf);

} // namespace heard::base
