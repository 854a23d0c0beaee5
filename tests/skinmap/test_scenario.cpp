// The skin map through the real screen, headless: a real SDL window and ImGui, the real
// encrypted store, and taps and typing from the test driver. Marks three injuries by touch
// on the front, the back and a hand, signs, and finds them in the store with the right
// region names. Saves screenshots of the tool in landscape and portrait for people to see.
#include "app/tools/skin_map/model/skin_map_json.h"
#include "storage/record_kinds.h"
#include "app/tools/skin_map/view/skin_map_controller.h"
#include "app/ui/kit/text_area.h"
#include "app/ui/kit/widgets.h"
#include "platform/test_driver.h"
#include "platform/window.h"
#include "storage/store.h"
#include "tests/support/headless_window.h"
#include "tests/support/temp_dir.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <memory>

using namespace heard;
using namespace heard::skinmap;

namespace {

const std::string kPractitioner = "Pat Examplewood";

std::string tourDir() {
    const std::string dir = std::string(HEARD_TEST_BINARY_DIR) + "/skinmap_tour";
    std::filesystem::create_directories(dir);
    return dir;
}

// Everything a scenario needs: store with a fictional case, child and visit; window; screen.
struct Fixture {
    test::TempDir dir{"heard-skinmap"};
    std::unique_ptr<storage::Store> store;
    std::unique_ptr<platform::Window> window;
    std::unique_ptr<SkinMapController> controller;
    std::unique_ptr<platform::TestDriver> driver;
    std::string visitId;

    Fixture() {
        store = storage::Store::create(dir.file("data"), "correct horse battery",
                                       storage::RecoveryKeyPair::generate().publicKey,
                                       storage::KdfParams::fastForTests());
        storage::Case c;
        c.id = "case-0001";
        c.reference = "TEST/0001";
        c.title = "Testchild";
        store->putCase(c);
        storage::Child child;
        child.id = "child-0001";
        child.caseId = c.id;
        child.displayName = "Robin Testchild";
        child.dateOfBirth = "2019-04-01";
        store->putChild(child);
        storage::NewRecord visit;
        visit.caseId = c.id;
        visit.childId = child.id;
        visit.kind = storage::kinds::kVisit;
        visit.author = kPractitioner;
        visitId = store->createDraft(visit).id;

        window = test::headlessWindow();
        controller = std::make_unique<SkinMapController>(*store, kPractitioner);
        driver = std::make_unique<platform::TestDriver>(*window, [this] { frame(); });
    }

    void frame() {
        window->pumpEvents(0, [this](const SDL_Event& e) {
            ui::textAreaEvent(e); // the multi-line fields are the kit's text area, as in the App
            controller->handleEvent(e);
        });
        window->beginFrame();
        ui::setFrameContext(window->scale(), window->fonts());
        ui::beginScreen("##skinmap.screen");
        controller->draw();
        ui::endScreen();
        window->endFrame();
        // As the App does: the store is written after the frame, never while drawing.
        if (const auto due = controller->saveDue(); due && *due <= std::chrono::steady_clock::now())
            controller->applyPending();
    }

    std::string start() {
        NewSkinMap request;
        request.caseId = "case-0001";
        request.childId = "child-0001";
        request.childName = "Robin Testchild";
        request.parentId = visitId;
        request.author = kPractitioner;
        request.authorRole = "Family court adviser";
        // The points tapped below were measured on the earlier child outline (still drawn for
        // maps made on it); the body sets have their own tests (tests/child/body_sets_test.cpp).
        request.bodyShape = BodyShape::YoungChild;
        const std::string id = controller->startNew(request);
        driver->frames(2);
        return id;
    }

    void tapView(Point p) {
        float x, y;
        screenPointFor(controller->state(), p, x, y);
        driver->tapAt(x, y);
    }

    // A point of the panel where a finger drag scrolls: not on a text field (a drag there
    // selects text) and clear of the scrollbar at the panel's right edge.
    bool freeToDrag(float x, float y) {
        static const char* const kTextTags[] = {"length",  "width",      "description", "feelings",
                                                "foundBy", "observedBy", "observedAt",  ".who",
                                                ".words",  "header.",    "pattern"};
        for (const std::string& name : platform::TagRegistry::instance().visibleTags()) {
            bool text = false;
            for (const char* t : kTextTags)
                text = text || name.find(t) != std::string::npos;
            if (!text) continue;
            const auto r = driver->rect(name);
            if (x >= r.x0 - 4 && x <= r.x1 + 4 && y >= r.y0 - 4 && y <= r.y1 + 4) return false;
        }
        return true;
    }

    // Scrolls the panel with a finger until the tag is fully inside it, then taps it.
    void tapInPanel(const std::string& tag) {
        for (int attempt = 0; attempt < 40; ++attempt) {
            driver->frames(1);
            const auto panel = driver->rect("skinmap.panel");
            const auto target = driver->rect(tag);
            if (target.y0 >= panel.y0 && target.y1 <= panel.y1) {
                driver->tap(tag);
                return;
            }
            const float step = target.y1 > panel.y1 ? -panel.height() * 0.3f : panel.height() * 0.3f;
            const float x = panel.x0 + panel.width() * 0.9f;
            float y = panel.centreY();
            for (float fraction : {0.5f, 0.35f, 0.65f, 0.2f, 0.8f, 0.45f, 0.55f}) {
                y = panel.y0 + panel.height() * fraction;
                if (freeToDrag(x, y)) break;
            }
            driver->drag(x, y, x, y + step, 6);
        }
        screenshot("failed-scroll");
        FAIL("could not scroll to " << tag);
    }

    void typeInto(const std::string& tag, const std::string& text) {
        tapInPanel(tag);
        driver->typeText(text);
        driver->pressKey(SDLK_RETURN);
    }

    void screenshot(const std::string& name) {
        window->queueScreenshot(tourDir() + "/" + name + ".png");
        frame();
        CHECK(window->lastScreenshotOk());
    }

    // Fills what signing needs for the selected mark: size and a colour.
    void describeSelected(const char* type, const char* colour) {
        tapInPanel(std::string("skinmap.type.") + type);
        typeInto("skinmap.length", "3");
        typeInto("skinmap.width", "2");
        tapInPanel(std::string("skinmap.colour.") + colour);
    }
};

} // namespace

TEST_CASE("skin map scenario: three marks by touch on front, back and a hand, signed, found in the store") {
    Fixture f;
    const std::string id = f.start();
    SkinMapViewState& state = f.controller->state();

    // The notice comes first, every time: nothing can be marked until it is acknowledged.
    CHECK(f.driver->has("skinmap.notice"));
    CHECK_FALSE(f.driver->has("skinmap.canvas"));
    f.screenshot("01-landscape-skin-map-notice");
    f.driver->tap("skinmap.notice.ok");
    REQUIRE(f.driver->has("skinmap.canvas"));
    CHECK_FALSE(state.map.noticeShownAt.empty());

    // 1: the front, on the right forearm (the image's left in a front view).
    f.tapView({0.195, 0.443});
    REQUIRE(state.map.marks.size() == 1);
    CHECK(state.map.marks[0].regionId == "right_forearm_outer");
    CHECK(state.selectedMark == 1);
    f.describeSelected("bruise", "purple");
    CHECK(state.map.marks[0].lengthCm == 3.0);
    CHECK(state.map.marks[0].widthCm == 2.0);
    CHECK(state.map.marks[0].colours == std::vector<Colour>{Colour::Purple});

    // A tap beside the body places nothing and says why.
    f.tapView({0.03, 0.6});
    CHECK(state.map.marks.size() == 1);
    CHECK(f.driver->has("skinmap.message"));

    // 2: the back, right upper back (the image's right in a back view).
    f.driver->tap("skinmap.view.body_back");
    f.tapView({0.575, 0.295});
    REQUIRE(state.map.marks.size() == 2);
    CHECK(state.map.marks[1].regionId == "right_upper_back");
    CHECK((state.map.marks[1].view == ViewId::BodyBack));
    f.describeSelected("line_mark", "red");

    // 3: the left palm.
    f.driver->tap("skinmap.group.hands");
    f.driver->tap("skinmap.view.left_palm");
    f.tapView({0.5, 0.6});
    REQUIRE(state.map.marks.size() == 3);
    CHECK(state.map.marks[2].regionId == "left_palm");
    f.describeSelected("blister", "pink");
    f.screenshot("02-landscape-skin-map-hand");

    // Drag the palm mark up onto the middle finger: its region follows it.
    float fromX, fromY, toX, toY;
    screenPointFor(state, state.map.marks[2].position, fromX, fromY);
    screenPointFor(state, {0.446, 0.2}, toX, toY);
    f.driver->drag(fromX, fromY, toX, toY);
    CHECK(state.map.marks[2].regionId == "left_middle_finger_palm_side");
    // Undo puts it back on the palm.
    f.driver->tap("skinmap.undo");
    CHECK(state.map.marks[2].regionId == "left_palm");

    // The draft was autosaved as we went: the store already has the three marks.
    {
        const auto draft = f.store->recordById(id);
        REQUIRE(draft);
        CHECK((draft->status == storage::RecordStatus::Draft));
        CHECK(skinMapFromJson(draft->payload).marks.size() == 3);
    }

    // Signing is refused until the header is complete, and says what is missing.
    f.driver->tap("skinmap.sign");
    CHECK(f.driver->has("skinmap.problems"));
    CHECK_FALSE(f.controller->isSigned());
    f.typeInto("skinmap.header.accountBy", "Robin Testchild");
    f.typeInto("skinmap.header.firstNoticed", "2026-11-22");
    // Typed text is autosaved too (once the field is left, or every second and a half).
    CHECK(skinMapFromJson(f.store->recordById(id)->payload).header.accountGivenBy == "Robin Testchild");
    f.driver->tap("skinmap.group.body");
    f.driver->tap("skinmap.view.body_front");
    f.screenshot("03-landscape-skin-map-front");
    f.window->setSize(800, 1280);
    f.driver->frames(3);
    f.screenshot("04-portrait-skin-map-front");
    f.window->setSize(1280, 800);
    f.driver->frames(3);
    f.driver->tap("skinmap.sign");
    REQUIRE_MESSAGE(f.controller->isSigned(), "signing problems: " << state.signingProblems.size());

    // In the store: signed, linked to the visit, the marks with the right region names.
    const auto record = f.store->recordById(id);
    REQUIRE(record);
    CHECK(record->kind == storage::kinds::kSkinMap);
    CHECK((record->status == storage::RecordStatus::Signed));
    CHECK(record->parentId == f.visitId);
    CHECK_FALSE(record->highRisk);
    const SkinMap saved = skinMapFromJson(record->payload);
    REQUIRE(saved.marks.size() == 3);
    CHECK(saved.marks[0].regionName == "right forearm, outer");
    CHECK((saved.marks[0].type == InjuryType::Bruise));
    CHECK(saved.marks[1].regionName == "right upper back");
    CHECK((saved.marks[1].type == InjuryType::LineMark));
    CHECK(saved.marks[2].regionName == "left palm");
    CHECK((saved.marks[2].type == InjuryType::Blister));
    CHECK((saved.marks[2].view == ViewId::LeftPalm));
    CHECK(saved.header.accountGivenBy == "Robin Testchild");
    CHECK(saved.header.completedByName == kPractitioner);
    CHECK(saved == state.map);

    // Reopened, the notice shows again, and a signed map cannot be marked.
    std::string error;
    REQUIRE(f.controller->open(id, error));
    f.driver->frames(2);
    CHECK(f.driver->has("skinmap.notice"));
    f.driver->tap("skinmap.notice.ok");
    f.tapView({0.575, 0.295});
    CHECK(f.controller->state().map.marks.size() == 3);
    CHECK_FALSE(f.driver->has("skinmap.sign"));
    // It can still be read: a mark chosen from the list is described in words.
    f.driver->tap("skinmap.list.2");
    CHECK(f.driver->has("skinmap.readonly.details"));
    CHECK_FALSE(f.driver->has("skinmap.remove"));
}

TEST_CASE("skin map scenario: a mark on the cheek flags the record high risk at once") {
    Fixture f;
    const std::string id = f.start();
    f.driver->tap("skinmap.notice.ok");
    f.driver->tap("skinmap.group.head"); // opens on the face
    f.driver->tap("skinmap.view.head_front");
    f.tapView({0.3, 0.4});
    REQUIRE(f.controller->state().map.marks.size() == 1);
    CHECK(f.controller->state().map.marks[0].regionId == "right_cheek");
    CHECK(f.driver->has("skinmap.concerns"));
    f.screenshot("05-landscape-skin-map-high-concern");
    const auto record = f.store->recordById(id);
    REQUIRE(record);
    CHECK(record->highRisk);
    // Undo removes the mark, and the flag follows.
    f.driver->tap("skinmap.undo");
    CHECK(f.controller->state().map.marks.empty());
    CHECK_FALSE(f.store->recordById(id)->highRisk);

    // Zoom with the buttons and a pinch; marks still land where the finger is.
    SkinMapViewState& state = f.controller->state();
    const float fittedWidth = state.frame.width;
    f.driver->tap("skinmap.zoomIn");
    CHECK(state.zoom == doctest::Approx(kZoomStep));
    CHECK(state.frame.width == doctest::Approx(fittedWidth * kZoomStep));
    f.tapView({0.7, 0.4});
    REQUIRE(state.map.marks.size() == 1);
    CHECK(state.map.marks[0].regionId == "left_cheek");
    SDL_Event pinch{};
    pinch.type = SDL_MULTIGESTURE;
    pinch.mgesture.numFingers = 2;
    pinch.mgesture.dDist = 0.1f;
    SDL_PushEvent(&pinch);
    f.driver->frames(2);
    CHECK(state.zoom == doctest::Approx(kZoomStep * 1.3f));
    f.driver->tap("skinmap.zoomFit");
    CHECK(state.zoom == 1.0f);
    CHECK(state.frame.width == doctest::Approx(fittedWidth));
}

TEST_CASE("when the store refuses a save, the working copy is kept and the practitioner is told") {
    Fixture f;
    const std::string id = f.start();
    f.driver->tap("skinmap.notice.ok");
    // The record is frozen behind the screen's back (as if signed elsewhere): saves now fail.
    f.store->sign(id, kPractitioner);
    f.tapView({0.575, 0.295});
    SkinMapViewState& state = f.controller->state();
    REQUIRE(state.map.marks.size() == 1); // nothing typed or tapped is lost
    CHECK(f.controller->hasUnsavedChanges());
    CHECK(state.message.find("Could not save") != std::string::npos);
    CHECK(f.driver->has("skinmap.message"));
    CHECK(skinMapFromJson(f.store->recordById(id)->payload).marks.empty()); // the signed record is unchanged
}

TEST_CASE("opening a record that is not a readable skin map fails clearly and changes nothing") {
    Fixture f;
    std::string error;
    CHECK_FALSE(f.controller->open(f.visitId, error));
    CHECK(error.find("not a skin map") != std::string::npos);
    error.clear();
    CHECK_FALSE(f.controller->open("no-such-record", error));
    CHECK_FALSE(error.empty());
    storage::NewRecord broken;
    broken.caseId = "case-0001";
    broken.childId = "child-0001";
    broken.kind = storage::kinds::kSkinMap;
    broken.author = kPractitioner;
    broken.payload = {{"schemaVersion", 99}};
    const std::string brokenId = f.store->createDraft(broken).id;
    CHECK_FALSE(f.controller->open(brokenId, error));
    CHECK(error.find("newer version") != std::string::npos);
    CHECK(f.store->recordById(brokenId)->payload == broken.payload);
}
