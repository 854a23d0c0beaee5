// The lists of the practitioner's safeguarding records, read from content so they change
// without code (assets/safeguarding/safeguarding.json): the SF 2.14 risk factors, the referral
// routes of a welfare concern with the deadlines the framework sets (SF 2.87, 2.101-2.108), and
// the bases for sharing information (SF 3.62). Each entry has a stable id (what records store)
// and its text in English and Welsh.
#pragma once

#include <string>
#include <vector>

namespace heard::model {

// One text in both shipped languages.
struct LocalText {
    std::string en, cy;
    // The text in the current language (i18n::language()), English when there is no Welsh.
    const std::string& shown() const;
};

struct ContentItem {
    std::string id;
    LocalText text;
};

// A deadline a referral sets, counted in working days from when the referral was made.
struct RouteDeadline {
    std::string id; // e.g. "confirm_in_writing"; the id an addendum marks done
    LocalText text;
    int workingDays = 0; // 0: by the end of the same day
    std::string sf;      // the paragraph that sets it, e.g. "2.103"
};

struct ReferralRoute {
    std::string id; // "phone", "written", "police", "childrens_services"
    LocalText text;
    std::vector<RouteDeadline> deadlines;
};

struct SharingBasis {
    std::string id;
    LocalText text;
    bool needsReason = false; // the practitioner must say why (refused, not sought, not shared)
};

struct SafeguardingContent {
    int version = 0;
    std::vector<ContentItem> riskFactors;
    std::vector<ReferralRoute> referralRoutes;
    std::vector<SharingBasis> sharingBases;
    std::vector<std::string> errors; // why the file (or an entry) was refused; empty when good

    const ReferralRoute* route(const std::string& id) const;
    const SharingBasis* basis(const std::string& id) const;
    const ContentItem* riskFactor(const std::string& id) const;
};

// Parses and checks the file's text: every entry needs an id (unique in its list) and both
// texts, a deadline 0-20 working days. A bad entry is left out and named in errors.
SafeguardingContent parseSafeguardingContent(const std::string& text);

// The shipped file (base::assetsDir()/safeguarding/safeguarding.json, or
// $HEARD_SAFEGUARDING_CONTENT), read once.
const SafeguardingContent& safeguardingContent();

} // namespace heard::model
