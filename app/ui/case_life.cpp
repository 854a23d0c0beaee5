// A case's whole life on the tablet (issue 20): what the child's page says when the central
// system has taken the case away (reallocated or closed) or secured it for a review, and what
// the app does once the sync thread has removed a case.
#include "app/i18n/i18n.h"
#include "app/ui/app.h"
#include "app/ui/kit/form_widgets.h"
#include "sync/sync_client.h"

#include <algorithm>

namespace heard::ui {

const App::CaseLife& App::caseLifeOfCurrentChild() {
    const auto child = currentChild();
    const std::string caseId = child ? child->caseId : std::string();
    if (!store() || caseId.empty()) {
        m_caseLife = {};
        m_caseLifeFor.clear();
        return m_caseLife;
    }
    if (m_caseLifeFor == caseId && m_caseLifeRevision == store()->revision()) return m_caseLife;
    CaseLife life;
    const auto pending = store()->setting(sync::setting::kPendingRemovals).value_or("[]");
    const auto list = nlohmann::json::parse(pending, nullptr, false);
    if (list.is_array())
        life.leaving = std::find(list.begin(), list.end(), nlohmann::json(caseId)) != list.end();
    if (life.leaving) {
        life.block = store()->caseRemovalBlock(caseId);
        for (const auto& entry : store()->outboxQuarantined())
            if (entry.caseId == caseId &&
                entry.quarantineReason.find("case_reallocated") != std::string::npos)
                ++life.refusedReallocated;
    }
    if (const auto c = store()->caseById(caseId)) life.secured = c->secured;
    m_caseLife = life;
    m_caseLifeFor = caseId;
    m_caseLifeRevision = store()->revision();
    return m_caseLife;
}

void App::caseRemoved(const std::string& caseId) {
    (void)caseId; // the case's child no longer exists: nothing of it may stay on screen
    // Editors are left alone: the case left only with no draft of it, so what they hold (if
    // anything) belongs to another child.
    const bool onGoneChild = !childId().empty() && !currentChild();
    if (onGoneChild) {
        m_nav.setChild("");
        m_nav.setRecord("");
    }
    // The caseload summary lost the case's children: load it whole again.
    caseloadView = CaseloadView{};
    m_childRecords.clear();
    m_childRecordsFor.clear();
    m_childRecordsRevision = ~0ull;
    if (onGoneChild || screen() == ScreenId::Caseload) show(ScreenId::Caseload);
    notice = catalogueNotice(
        N_("A case was taken off this tablet by your organisation (reallocated or closed). Everything "
           "recorded in it had reached the central system first."));
}

void App::beginEnrolAgain() {
    EnrolForm& form = m_syncControl.enrolForm;
    if (!store() || form.busy) return;
    try {
        store()->verifyPassphrase(form.againPassphrase);
    } catch (const storage::StoreError& e) {
        form.againError = e.kind() == storage::StoreErrorKind::WrongPassphrase
                              ? _("That passphrase is not right.")
                              : _("Too many wrong passphrases: wait a moment, then try again.");
        wipeText(form.againPassphrase);
        return;
    }
    wipeText(form.againPassphrase);
    form.againError.clear();
    form.error.clear();
    m_syncControl.stopAndClose(nullptr); // the sync thread must not use the credential being replaced
    form.again = true;
}

void App::cancelEnrolAgain() {
    EnrolForm& form = m_syncControl.enrolForm;
    if (form.busy) return;
    form.again = false;
    wipeText(form.password);
    startSync();
}

} // namespace heard::ui
