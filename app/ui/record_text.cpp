#include "app/ui/record_text.h"

#include "app/i18n/i18n.h"
#include "app/model/calendar.h"

namespace heard::ui {

const char* recordKindLabel(const std::string& kind) {
    if (kind == "visit") return _("Visit");
    if (kind == "concern") return _("Welfare concern");
    if (kind == "not_seen") return _("Child not seen");
    if (kind == "skin_map") return _("Skin map");
    if (kind == "activity") return _("Activity");
    if (kind == "addendum") return _("Addendum");
    if (kind == "conflict_analysis") return _("Parental conflict analysis");
    return _("Record");
}

std::string recordSummaryLine(const storage::Record& record) {
    const bool isSigned = record.status == storage::RecordStatus::Signed;
    std::string line = model::formatForPeople(isSigned ? record.signedAt : record.updatedAt);
    line += isSigned ? std::string("  \u00B7  ") + _("signed by ") + record.signedBy
                     : std::string("  \u00B7  ") + _("draft, not signed");
    if (record.kind == "visit") {
        const std::string purpose = record.payload.value("purpose", "");
        if (!purpose.empty()) line += "  \u00B7  " + purpose.substr(0, 60);
    }
    if (record.kind == "activity") {
        const auto activity = record.payload.find("activity");
        if (activity != record.payload.end() && activity->is_object())
            line += "  \u00B7  " + activity->value("contentId", std::string());
    }
    return line;
}

} // namespace heard::ui
