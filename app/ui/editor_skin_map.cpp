// The skin map of a visit or concern: the tool's controller (app/tools/skin_map) draws and
// keeps the map; its saves, signing and closing happen here, after the frame.
#include "app/i18n/i18n.h"
#include "app/tools/skin_map/view/skin_map_controller.h"
#include "app/ui/app.h"
#include "app/ui/editors.h"

#include <stdexcept>

namespace heard::ui {

SkinMapEditor::SkinMapEditor() = default;
SkinMapEditor::~SkinMapEditor() = default;

const char* SkinMapEditor::what() const {
    return _("the skin map");
}

bool SkinMapEditor::dirty() const {
    return m_controller && m_controller->hasUnsavedChanges();
}

std::optional<RecordEditor::TimePoint> SkinMapEditor::saveDue() const {
    if (!m_controller) return std::nullopt;
    return m_controller->saveDue();
}

void SkinMapEditor::saveTo(storage::Store& /*store*/) {
    if (!m_controller) return;
    m_controller->applyPending();
    // The controller keeps the working copy and says why on its own screen; the App is told
    // too, so a failing store is never silent.
    if (m_controller->lastSaveFailed()) throw std::runtime_error(m_controller->state().message);
}

void SkinMapEditor::clearState() {
    m_controller.reset();
}

void SkinMapEditor::startNew(App& app, const std::string& parentRecordId) {
    auto child = app.currentChild();
    if (!child || !app.store() || parentRecordId.empty()) return;
    app.saveDrafts();
    auto controller =
        std::make_unique<skinmap::SkinMapController>(*app.store(), app.author(), app.options().clock);
    skinmap::NewSkinMap request;
    request.caseId = child->caseId;
    request.childId = child->id;
    request.childName = child->displayName;
    request.parentId = parentRecordId;
    request.author = app.author();
    request.authorRole = app.store()->setting("practitioner.role").value_or("");
    // The set for the child's age today; with no usable date of birth, the child set, which
    // the practitioner can change on the screen before the first mark.
    request.bodyShape = skinmap::bodySetForAge(child->dateOfBirth, app.now().substr(0, 10))
                            .value_or(skinmap::BodyShape::Child);
    const std::string id = controller->startNew(request);
    m_controller = std::move(controller);
    if (app.screen() == ScreenId::Concern) {
        app.editors().concern.concern.skinMapRecordId = id;
        app.editors().concern.markEdited();
    }
    app.nav().skinMapReturn = app.screen() == ScreenId::Concern ? ScreenId::Concern : ScreenId::Visit;
    app.show(ScreenId::SkinMap);
}

bool SkinMapEditor::openSaved(App& app, const std::string& recordId, std::string& error) {
    if (!app.store()) return false;
    auto controller =
        std::make_unique<skinmap::SkinMapController>(*app.store(), app.author(), app.options().clock);
    if (!controller->open(recordId, error)) return false;
    m_controller = std::move(controller);
    return true;
}

bool SkinMapEditor::afterFrame() {
    return m_controller && m_controller->closeRequested();
}

void SkinMapEditor::close() {
    if (m_controller) m_controller->flush();
    clear();
}

} // namespace heard::ui
