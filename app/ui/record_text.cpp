#include "app/ui/record_text.h"

#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/ui/record_kinds.h"
#include "storage/record_kinds.h"

namespace heard::ui {

const char* recordKindLabel(const std::string& kind) {
    const RecordKindSpec* spec = recordKinds().find(kind);
    return spec && spec->label ? _(spec->label) : _("Record");
}

std::string recordSummaryLine(const storage::Record& record) {
    const bool isSigned = record.status == storage::RecordStatus::Signed;
    std::string line = model::formatForPeople(isSigned ? record.signedAt : record.updatedAt);
    line += isSigned ? std::string("  \u00B7  ") + _("signed by ") + record.signedBy
                     : std::string("  \u00B7  ") + _("draft, not signed");
    if (record.kind == storage::kinds::kVisit) {
        const std::string purpose = record.payload.value("purpose", "");
        if (!purpose.empty()) line += "  \u00B7  " + purpose.substr(0, 60);
    }
    if (record.kind == storage::kinds::kActivity) {
        const auto activity = record.payload.find("activity");
        if (activity != record.payload.end() && activity->is_object())
            line += "  \u00B7  " + activity->value("contentId", std::string());
    }
    return line;
}

} // namespace heard::ui
