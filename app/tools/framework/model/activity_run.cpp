#include "app/tools/framework/model/activity_run.h"

#include "app/tools/framework/model/activity_type.h"

#include "app/i18n/i18n.h"

#include <algorithm>
#include <stdexcept>

namespace heard::tools {

ActivityRun::ActivityRun(const ActivityContent& full, const std::string& language, int childAge)
    : m_content(contentForBand(full, full.bandForAge(childAge))), m_result(newResult(m_content, language)) {
    if (const AgeBand* band = full.bandForAge(childAge)) m_result.ageBand = band->id;
    if (!m_content.childChoosesOrder) {
        for (const Step& step : m_content.steps)
            m_plan.push_back(step.id);
    }
    m_finished = m_content.steps.empty();
}

ActivityRun::ActivityRun(const ActivityContent& full, ActivityResult result)
    : m_content(contentForBand(full, full.findBand(result.ageBand))), m_result(std::move(result)) {
    const ActivityContent& content = m_content;
    // The plan is the order already recorded, then any steps not yet in it.
    m_plan = m_result.order;
    if (!content.childChoosesOrder || !m_plan.empty()) {
        for (const Step& step : content.steps) {
            if (std::find(m_plan.begin(), m_plan.end(), step.id) == m_plan.end()) m_plan.push_back(step.id);
        }
    }
    // Make sure every step has an answer slot (content may have gained steps: keep theirs).
    for (const Step& step : content.steps) {
        if (!m_result.answerFor(step.id)) {
            Answer answer;
            answer.stepId = step.id;
            m_result.answers.push_back(answer);
        }
    }
    // The names the prompts used when the draft was saved: the same again on resuming.
    if (m_result.extra.is_object() && m_result.extra.contains("people")) {
        try {
            m_people = model::childPeopleFromJson(m_result.extra.at("people"));
        } catch (const std::invalid_argument&) {
            m_people = {}; // damaged: neutral wording rather than a guess
        }
    }
    m_finished = m_result.stopped;
    m_position = 0;
    while (!m_finished && m_position < m_plan.size()) {
        const Answer* answer = m_result.answerFor(m_plan[m_position]);
        if (!answer || answer->status == AnswerStatus::NotReached) break;
        ++m_position;
    }
    if (m_position >= m_plan.size() && !m_plan.empty()) m_finished = true;
}

bool ActivityRun::startWith(const std::string& stepId) {
    if (!choosingStart() || !m_content.findStep(stepId)) return false;
    m_plan = {stepId};
    for (const Step& step : m_content.steps) {
        if (step.id != stepId) m_plan.push_back(step.id);
    }
    m_position = 0;
    m_result.order = {stepId};
    changed();
    return true;
}

const Step* ActivityRun::currentStep() const {
    if (m_finished || m_position >= m_plan.size()) return nullptr;
    return m_content.findStep(m_plan[m_position]);
}

Answer* ActivityRun::currentAnswer() {
    const Step* step = currentStep();
    return step ? m_result.answerFor(step->id) : nullptr;
}

const Answer* ActivityRun::currentAnswer() const {
    const Step* step = currentStep();
    return step ? m_result.answerFor(step->id) : nullptr;
}

void ActivityRun::chooseFace(const std::string& faceId) {
    const Step* step = currentStep();
    if (!step || step->kind != StepKind::Face) return;
    bool known = std::any_of(m_content.faces.begin(), m_content.faces.end(),
                             [&](const FaceOption& f) { return f.id == faceId; });
    if (!known) return;
    Answer* answer = currentAnswer();
    if (step->multiple) { // each feeling the child taps, and only those (mixed feelings)
        auto& faces = answer->faces;
        auto it = std::find(faces.begin(), faces.end(), faceId);
        if (it == faces.end())
            faces.push_back(faceId);
        else
            faces.erase(it);
        changed();
        return;
    }
    answer->faceId = faceId;
    // No intensity is assumed: "how much" stays unsaid unless the child picks one (issue 13.3).
    changed();
}

void ActivityRun::setStrength(int strength) {
    const Step* step = currentStep();
    // Several feelings have no one "how much": it is not asked on a multiple step.
    if (!step || step->kind != StepKind::Face || step->multiple || strength < 1 || strength > 3) return;
    currentAnswer()->strength = strength;
    changed();
}

void ActivityRun::setScale(int value) {
    const Step* step = currentStep();
    if (!step || step->kind != StepKind::Scale || value < 0 || value >= scaleFormSteps(step->scaleForm))
        return;
    currentAnswer()->scale = value;
    currentAnswer()->scaleForm = step->scaleForm;
    changed();
}

void ActivityRun::chooseOption(const std::string& choiceId) {
    const Step* step = currentStep();
    if (!step || step->kind != StepKind::Choice) return;
    bool known = std::any_of(step->choices.begin(), step->choices.end(),
                             [&](const ChoiceOption& c) { return c.id == choiceId; });
    if (!known) return;
    currentAnswer()->choiceId = choiceId;
    changed();
}

void ActivityRun::setWords(const std::string& words, bool dictated) {
    const Step* step = currentStep();
    if (!step || !(step->kind == StepKind::Words || (step->kind == StepKind::Choice && step->allowWords)))
        return;
    Answer* answer = currentAnswer();
    answer->words = words; // exactly as given: never trimmed or corrected
    answer->dictated = dictated;
    changed();
}

void ActivityRun::addStroke(Stroke stroke) {
    const Step* step = currentStep();
    if (!step || !(step->kind == StepKind::Drawing || (step->kind == StepKind::Words && step->allowDrawing)))
        return;
    if (stroke.points.size() < 2 || stroke.points.size() % 2 != 0) return;
    currentAnswer()->strokes.push_back(std::move(stroke));
    changed();
}

void ActivityRun::undoStroke() {
    Answer* answer = currentAnswer();
    if (!answer || answer->strokes.empty()) return;
    answer->strokes.pop_back();
    changed();
}

void ActivityRun::place(const std::string& tokenId, const std::string& name, float x, float y) {
    const Step* step = currentStep();
    if (!step || step->kind != StepKind::Place) return;
    Answer* answer = currentAnswer();
    // Known tokens: the content's, the child's people set by the practitioner, and any already
    // on the map (a person the child added, being moved).
    bool known = std::any_of(step->people.begin(), step->people.end(),
                             [&](const ChoiceOption& p) { return p.id == tokenId; }) ||
                 std::any_of(m_people.people.begin(), m_people.people.end(),
                             [&](const model::ChildPerson& p) { return "person." + p.id == tokenId; }) ||
                 std::any_of(answer->placements.begin(), answer->placements.end(),
                             [&](const Placement& p) { return p.tokenId == tokenId; });
    if (!known) return;
    x = std::clamp(x, -1.0f, 1.0f);
    y = std::clamp(y, -1.0f, 1.0f);
    for (Placement& placement : answer->placements) {
        if (placement.tokenId == tokenId) {
            placement.x = x;
            placement.y = y;
            if (!name.empty()) placement.name = name;
            changed();
            return;
        }
    }
    answer->placements.push_back(Placement{tokenId, name, x, y, ""});
    changed();
}

std::string ActivityRun::addPerson(const std::string& name, const std::string& figure, float x, float y) {
    const Step* step = currentStep();
    if (!step || step->kind != StepKind::Place) return "";
    Answer* answer = currentAnswer();
    std::string id;
    for (size_t n = 1; id.empty(); ++n) {
        const std::string candidate = "child." + std::to_string(n);
        if (std::none_of(answer->placements.begin(), answer->placements.end(),
                         [&](const Placement& p) { return p.tokenId == candidate; }))
            id = candidate;
    }
    Placement placement{id, name, std::clamp(x, -1.0f, 1.0f), std::clamp(y, -1.0f, 1.0f), ""};
    placement.figure = model::findFigure(figure) ? figure : "someone";
    answer->placements.push_back(placement);
    changed();
    return id;
}

void ActivityRun::setPeople(const model::ChildPeople& people) {
    m_people = people;
    if (people.people.empty() && people.homes.empty())
        m_result.extra.erase("people");
    else
        m_result.extra["people"] = model::toJson(people);
}

std::string ActivityRun::text(const std::string& msgid) const {
    return model::personalise(i18n::tr(msgid), m_people);
}

void ActivityRun::removePlacement(const std::string& tokenId) {
    Answer* answer = currentAnswer();
    if (!answer) return;
    auto& list = answer->placements;
    list.erase(
        std::remove_if(list.begin(), list.end(), [&](const Placement& p) { return p.tokenId == tokenId; }),
        list.end());
    changed();
}

void ActivityRun::advance(AnswerStatus status) {
    Answer* answer = currentAnswer();
    if (!answer) return;
    answer->status = status;
    if (std::find(m_result.order.begin(), m_result.order.end(), answer->stepId) == m_result.order.end())
        m_result.order.push_back(answer->stepId);
    ++m_position;
    if (m_position >= m_plan.size()) m_finished = true;
    changed();
}

void ActivityRun::next() {
    const Answer* answer = currentAnswer();
    if (!answer) return;
    advance(answer->hasContent() ? AnswerStatus::Answered : AnswerStatus::Skipped);
}

void ActivityRun::skip() {
    advance(AnswerStatus::Skipped);
}

void ActivityRun::dontKnow() {
    Answer* answer = currentAnswer();
    if (!answer) return;
    Answer cleared;
    cleared.stepId = answer->stepId;
    *answer = cleared;
    advance(AnswerStatus::DontKnow);
}

void ActivityRun::back() {
    if (m_position == 0 || m_finished) return;
    --m_position;
    changed();
}

void ActivityRun::stop() {
    if (m_finished) return;
    const Step* step = currentStep();
    m_result.stopped = true;
    m_result.stoppedAt = step ? step->id : std::string();
    // Whatever was on screen but not moved on from is not an answer the child gave.
    for (size_t i = m_position; i < m_plan.size(); ++i) {
        if (Answer* answer = m_result.answerFor(m_plan[i])) {
            if (answer->status != AnswerStatus::Answered && answer->status != AnswerStatus::DontKnow)
                answer->status = AnswerStatus::NotReached;
        }
    }
    m_finished = true;
    changed();
}

void ActivityRun::changed() {
    ++m_revision;
    // Re-derived on every change so a "not safe" answer flags the record the moment it is given,
    // not only when the activity ends; and sticky, because a child who says so and then changes
    // the answer or stops has still said it: the manager must see it.
    const ActivityType* type = activityTypes().find(m_content.type);
    bool unsafe =
        type ? type->disclosesUnsafe(m_result, m_content) : answersDiscloseUnsafe(m_result, m_content);
    m_result.unsafeDisclosed = m_result.unsafeDisclosed || unsafe;
}

} // namespace heard::tools
